// Package echo is a hand-written stub in the shape of
// github.com/labstack/echo/v4@v4.16.0 for connlint's analysistest, not the
// library. Logger is reduced (the real one uses gommon's log types). Bodies
// are trivial.
package echo

import (
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
)

// HandlerFunc is an echo handler.
type HandlerFunc func(c Context) error

// MiddlewareFunc wraps a handler.
type MiddlewareFunc func(next HandlerFunc) HandlerFunc

// Map is a shortcut for map[string]interface{}.
type Map map[string]interface{}

// Route is a registered route.
type Route struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Name   string `json:"name"`
}

// HTTPError is an error with an HTTP status.
type HTTPError struct {
	Code     int         `json:"-"`
	Message  interface{} `json:"message"`
	Internal error       `json:"-"`
}

func (he *HTTPError) Error() string { return http.StatusText(he.Code) }

func NewHTTPError(code int, message ...interface{}) *HTTPError { return &HTTPError{Code: code} }

// Response wraps the http.ResponseWriter.
type Response struct {
	Writer    http.ResponseWriter
	Status    int
	Size      int64
	Committed bool
}

// Logger is echo's logger (reduced).
type Logger interface {
	Output() io.Writer
	SetOutput(w io.Writer)
	Prefix() string
	SetPrefix(p string)
	Print(i ...interface{})
	Printf(format string, args ...interface{})
	Error(i ...interface{})
	Errorf(format string, args ...interface{})
}

// Context is the context of one request.
type Context interface {
	Request() *http.Request
	SetRequest(r *http.Request)
	SetResponse(r *Response)
	Response() *Response
	IsTLS() bool
	IsWebSocket() bool
	Scheme() string
	RealIP() string
	Path() string
	SetPath(p string)
	Param(name string) string
	ParamNames() []string
	SetParamNames(names ...string)
	ParamValues() []string
	SetParamValues(values ...string)
	QueryParam(name string) string
	QueryParams() url.Values
	QueryString() string
	FormValue(name string) string
	FormParams() (url.Values, error)
	FormFile(name string) (*multipart.FileHeader, error)
	MultipartForm() (*multipart.Form, error)
	Cookie(name string) (*http.Cookie, error)
	SetCookie(cookie *http.Cookie)
	Cookies() []*http.Cookie
	Get(key string) any
	Set(key string, val any)
	Bind(i any) error
	Validate(i any) error
	Render(code int, name string, data any) error
	HTML(code int, html string) error
	HTMLBlob(code int, b []byte) error
	String(code int, s string) error
	JSON(code int, i any) error
	JSONPretty(code int, i any, indent string) error
	JSONBlob(code int, b []byte) error
	JSONP(code int, callback string, i any) error
	JSONPBlob(code int, callback string, b []byte) error
	XML(code int, i any) error
	XMLPretty(code int, i any, indent string) error
	XMLBlob(code int, b []byte) error
	Blob(code int, contentType string, b []byte) error
	Stream(code int, contentType string, r io.Reader) error
	File(file string) error
	Attachment(file string, name string) error
	Inline(file string, name string) error
	NoContent(code int) error
	Redirect(code int, url string) error
	Error(err error)
	Handler() HandlerFunc
	SetHandler(h HandlerFunc)
	Logger() Logger
	SetLogger(l Logger)
	Echo() *Echo
	Reset(r *http.Request, w http.ResponseWriter)
}

// Echo is the echo server.
type Echo struct {
	Debug      bool
	HideBanner bool
	Logger     Logger
}

// New returns an Echo.
func New() (e *Echo) { return &Echo{} }

func (e *Echo) Use(middleware ...MiddlewareFunc) {}

func (e *Echo) DELETE(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { return &Route{} }
func (e *Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc) *Route    { return &Route{} }
func (e *Echo) PATCH(path string, h HandlerFunc, m ...MiddlewareFunc) *Route  { return &Route{} }
func (e *Echo) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route   { return &Route{} }
func (e *Echo) PUT(path string, h HandlerFunc, m ...MiddlewareFunc) *Route    { return &Route{} }

func (e *Echo) Any(path string, handler HandlerFunc, middleware ...MiddlewareFunc) []*Route {
	return nil
}

func (e *Echo) Group(prefix string, m ...MiddlewareFunc) (g *Group) { return &Group{echo: e} }
func (e *Echo) ServeHTTP(w http.ResponseWriter, r *http.Request)    {}
func (e *Echo) Start(address string) error                          { return nil }

// Group is a group of routes.
type Group struct {
	prefix string
	echo   *Echo
}

func (g *Group) Use(middleware ...MiddlewareFunc)                            {}
func (g *Group) GET(path string, h HandlerFunc, m ...MiddlewareFunc) *Route  { return &Route{} }
func (g *Group) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { return &Route{} }
