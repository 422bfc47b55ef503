// Package gin is a hand-written stub in the shape of
// github.com/gin-gonic/gin@v1.12.0 for connlint's analysistest, not the
// library. *Context implements context.Context as the real one does. Bodies
// are trivial.
package gin

import (
	"context"
	"net/http"
	"time"
)

// HandlerFunc is a gin handler.
type HandlerFunc func(*Context)

// HandlersChain is a list of handlers.
type HandlersChain []HandlerFunc

// OptionFunc configures an Engine.
type OptionFunc func(*Engine)

// H is a shortcut for map[string]any.
type H map[string]any

// Param is one URL parameter.
type Param struct {
	Key   string
	Value string
}

// Params are the URL parameters of a route.
type Params []Param

// ResponseWriter is gin's response writer.
type ResponseWriter interface {
	http.ResponseWriter
	http.Hijacker
	http.Flusher
	http.CloseNotifier
	Status() int
	Size() int
	WriteString(string) (int, error)
	Written() bool
	WriteHeaderNow()
	Pusher() http.Pusher
}

// ErrorType is the kind of an Error.
type ErrorType uint64

// Error is an error attached to a Context.
type Error struct {
	Err  error
	Type ErrorType
	Meta any
}

func (msg Error) Error() string { return msg.Err.Error() }

// Context is the context of one request.
type Context struct {
	Request *http.Request
	Writer  ResponseWriter
	Params  Params
	Keys    map[any]any

	handlers HandlersChain
	index    int8
}

func (c *Context) Next()                                          {}
func (c *Context) Abort()                                         {}
func (c *Context) AbortWithStatus(code int)                       {}
func (c *Context) AbortWithError(code int, err error) *Error      { return &Error{Err: err} }
func (c *Context) Set(key any, value any)                         {}
func (c *Context) Get(key any) (value any, exists bool)           { return nil, false }
func (c *Context) Param(key string) string                        { return "" }
func (c *Context) Query(key string) (value string)                { return "" }
func (c *Context) Bind(obj any) error                             { return nil }
func (c *Context) BindJSON(obj any) error                         { return nil }
func (c *Context) ShouldBind(obj any) error                       { return nil }
func (c *Context) ShouldBindJSON(obj any) error                   { return nil }
func (c *Context) Status(code int)                                {}
func (c *Context) Header(key, value string)                       {}
func (c *Context) GetHeader(key string) string                    { return "" }
func (c *Context) JSON(code int, obj any)                         {}
func (c *Context) String(code int, format string, values ...any)  {}
func (c *Context) Data(code int, contentType string, data []byte) {}

func (c *Context) Deadline() (deadline time.Time, ok bool) { return time.Time{}, false }
func (c *Context) Done() <-chan struct{}                   { return nil }
func (c *Context) Err() error                              { return nil }
func (c *Context) Value(key any) any                       { return nil }

var _ context.Context = (*Context)(nil)

// IRoutes registers routes.
type IRoutes interface {
	Use(...HandlerFunc) IRoutes

	Handle(string, string, ...HandlerFunc) IRoutes
	Any(string, ...HandlerFunc) IRoutes
	GET(string, ...HandlerFunc) IRoutes
	POST(string, ...HandlerFunc) IRoutes
	DELETE(string, ...HandlerFunc) IRoutes
	PATCH(string, ...HandlerFunc) IRoutes
	PUT(string, ...HandlerFunc) IRoutes
	OPTIONS(string, ...HandlerFunc) IRoutes
	HEAD(string, ...HandlerFunc) IRoutes
	Match([]string, string, ...HandlerFunc) IRoutes

	StaticFile(string, string) IRoutes
	StaticFileFS(string, string, http.FileSystem) IRoutes
	Static(string, string) IRoutes
	StaticFS(string, http.FileSystem) IRoutes
}

// IRouter is IRoutes plus groups.
type IRouter interface {
	IRoutes
	Group(string, ...HandlerFunc) *RouterGroup
}

// RouterGroup is a group of routes with a common prefix.
type RouterGroup struct {
	Handlers HandlersChain
	basePath string
	engine   *Engine
	root     bool
}

var _ IRouter = (*RouterGroup)(nil)

func (group *RouterGroup) Use(middleware ...HandlerFunc) IRoutes { return group }

func (group *RouterGroup) Group(relativePath string, handlers ...HandlerFunc) *RouterGroup {
	return group
}

func (group *RouterGroup) Handle(httpMethod, relativePath string, handlers ...HandlerFunc) IRoutes {
	return group
}

func (group *RouterGroup) POST(relativePath string, handlers ...HandlerFunc) IRoutes    { return group }
func (group *RouterGroup) GET(relativePath string, handlers ...HandlerFunc) IRoutes     { return group }
func (group *RouterGroup) DELETE(relativePath string, handlers ...HandlerFunc) IRoutes  { return group }
func (group *RouterGroup) PATCH(relativePath string, handlers ...HandlerFunc) IRoutes   { return group }
func (group *RouterGroup) PUT(relativePath string, handlers ...HandlerFunc) IRoutes     { return group }
func (group *RouterGroup) OPTIONS(relativePath string, handlers ...HandlerFunc) IRoutes { return group }
func (group *RouterGroup) HEAD(relativePath string, handlers ...HandlerFunc) IRoutes    { return group }
func (group *RouterGroup) Any(relativePath string, handlers ...HandlerFunc) IRoutes     { return group }

func (group *RouterGroup) Match(methods []string, relativePath string, handlers ...HandlerFunc) IRoutes {
	return group
}

func (group *RouterGroup) StaticFile(relativePath, filepath string) IRoutes { return group }

func (group *RouterGroup) StaticFileFS(relativePath, filepath string, fs http.FileSystem) IRoutes {
	return group
}

func (group *RouterGroup) Static(relativePath, root string) IRoutes { return group }

func (group *RouterGroup) StaticFS(relativePath string, fs http.FileSystem) IRoutes { return group }

// Engine is the gin router.
type Engine struct {
	RouterGroup
}

// New returns an Engine without middleware.
func New(opts ...OptionFunc) *Engine { return &Engine{} }

// Default returns an Engine with the logger and recovery middleware.
func Default(opts ...OptionFunc) *Engine { return &Engine{} }

func (engine *Engine) Use(middleware ...HandlerFunc) IRoutes              { return engine }
func (engine *Engine) Run(addr ...string) (err error)                     { return nil }
func (engine *Engine) ServeHTTP(w http.ResponseWriter, req *http.Request) {}
