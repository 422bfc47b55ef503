// Package fasthttp is a hand-written stub in the shape of
// github.com/valyala/fasthttp (as used by github.com/gofiber/fiber/v2@v2.52.15)
// for connlint's analysistest, not the library. RequestCtx implements
// context.Context as the real one does.
package fasthttp

import "time"

// RequestCtx is the context of one request.
type RequestCtx struct {
	id uint64
}

func (ctx *RequestCtx) ID() uint64                              { return ctx.id }
func (ctx *RequestCtx) Deadline() (deadline time.Time, ok bool) { return time.Time{}, false }
func (ctx *RequestCtx) Done() <-chan struct{}                   { return nil }
func (ctx *RequestCtx) Err() error                              { return nil }
func (ctx *RequestCtx) Value(key any) any                       { return nil }
