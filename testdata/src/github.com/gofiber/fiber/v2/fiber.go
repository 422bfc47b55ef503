// Package fiber is a hand-written stub in the shape of
// github.com/gofiber/fiber/v2@v2.52.15 for connlint's analysistest, not the
// library. Config is reduced. Bodies are trivial.
package fiber

import (
	"context"
	"time"

	"github.com/valyala/fasthttp"
)

// Handler is a fiber handler.
type Handler = func(*Ctx) error

// ErrorHandler handles errors returned by handlers.
type ErrorHandler = func(*Ctx, error) error

// Map is a shortcut for map[string]interface{}.
type Map map[string]interface{}

// Config configures an App (reduced).
type Config struct {
	AppName      string
	Prefork      bool
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	ErrorHandler ErrorHandler
}

// Static configures static file serving.
type Static struct {
	Compress bool
	Browse   bool
	Index    string
}

// Router registers routes.
type Router interface {
	Use(args ...interface{}) Router

	Get(path string, handlers ...Handler) Router
	Head(path string, handlers ...Handler) Router
	Post(path string, handlers ...Handler) Router
	Put(path string, handlers ...Handler) Router
	Delete(path string, handlers ...Handler) Router
	Connect(path string, handlers ...Handler) Router
	Options(path string, handlers ...Handler) Router
	Trace(path string, handlers ...Handler) Router
	Patch(path string, handlers ...Handler) Router

	Add(method, path string, handlers ...Handler) Router
	Static(prefix, root string, config ...Static) Router
	All(path string, handlers ...Handler) Router

	Group(prefix string, handlers ...Handler) Router

	Route(prefix string, fn func(router Router), name ...string) Router

	Mount(prefix string, fiber *App) Router

	Name(name string) Router
}

// App is a fiber application.
type App struct {
	config Config
}

var _ Router = (*App)(nil)

// New returns an App.
func New(config ...Config) *App { return &App{} }

func (app *App) Use(args ...interface{}) Router                      { return app }
func (app *App) Get(path string, handlers ...Handler) Router         { return app }
func (app *App) Head(path string, handlers ...Handler) Router        { return app }
func (app *App) Post(path string, handlers ...Handler) Router        { return app }
func (app *App) Put(path string, handlers ...Handler) Router         { return app }
func (app *App) Delete(path string, handlers ...Handler) Router      { return app }
func (app *App) Connect(path string, handlers ...Handler) Router     { return app }
func (app *App) Options(path string, handlers ...Handler) Router     { return app }
func (app *App) Trace(path string, handlers ...Handler) Router       { return app }
func (app *App) Patch(path string, handlers ...Handler) Router       { return app }
func (app *App) Add(method, path string, handlers ...Handler) Router { return app }
func (app *App) Static(prefix, root string, config ...Static) Router { return app }
func (app *App) All(path string, handlers ...Handler) Router         { return app }
func (app *App) Group(prefix string, handlers ...Handler) Router     { return app }
func (app *App) Mount(prefix string, fiber *App) Router              { return app }
func (app *App) Name(name string) Router                             { return app }

func (app *App) Route(prefix string, fn func(router Router), name ...string) Router { return app }

func (app *App) Listen(addr string) error { return nil }
func (app *App) Shutdown() error          { return nil }

// Ctx is the context of one request.
type Ctx struct {
	app      *App
	fasthttp *fasthttp.RequestCtx
}

func (c *Ctx) Body() []byte                                             { return nil }
func (c *Ctx) BodyParser(out interface{}) error                         { return nil }
func (c *Ctx) Context() *fasthttp.RequestCtx                            { return c.fasthttp }
func (c *Ctx) UserContext() context.Context                             { return context.Background() }
func (c *Ctx) SetUserContext(ctx context.Context)                       {}
func (c *Ctx) JSON(data interface{}, ctype ...string) error             { return nil }
func (c *Ctx) Locals(key interface{}, value ...interface{}) interface{} { return nil }
func (c *Ctx) Next() error                                              { return nil }
func (c *Ctx) Params(key string, defaultValue ...string) string         { return "" }
func (c *Ctx) Query(key string, defaultValue ...string) string          { return "" }
func (c *Ctx) SendStatus(status int) error                              { return nil }
func (c *Ctx) SendString(body string) error                             { return nil }
func (c *Ctx) Status(status int) *Ctx                                   { return c }
