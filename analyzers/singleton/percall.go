package singleton

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astx"
	"github.com/connlint/connlint/analyzers/internal/owner"
)

// Rule 2 is short-lived AND per call. A function that builds a client and
// closes or drops it before returning (a builder) is not a problem by
// itself: run once (a startup admin connection, a migration, a CLI step)
// it opens one client. It is one when it runs per call: called in a loop
// body or an HTTP handler, directly or through other functions. Within the
// package the call graph says so; across packages a builderFact does. The
// finding goes to the call in the loop or handler, as a wrapper's does
// (rule 5).

// builderFact marks an exported function that builds a short-lived client
// of type Type on every call.
type builderFact[M mode] struct{ Type string }

func (*builderFact[M]) AFact()           {}
func (f *builderFact[M]) String() string { return "builds short-lived " + f.Type }

// builder is a function of the package that builds a short-lived client on
// every call: itself, or through builders it calls (callees).
type builder struct {
	typ     string
	at      token.Pos     // the first construction or call that makes it one
	via     string        // "" for a construction, else the callee's name
	callees []*types.Func // builders of this package it calls
}

// callSite is a call, in the package, of a function that may be a builder.
type callSite struct {
	call   *ast.CallExpr
	callee *types.Func
	decl   *ast.FuncDecl // nil: a package-level function literal
	stack  []ast.Node    // kept for calls in a loop (the retry test)
	loop   bool          // in a loop body, per iteration unless a retry loop
	retry  int8          // 0 unknown, 1 retry loop, -1 per iteration
	// handler names the HTTP handler the call runs in ("": none).
	handler string
	// withDecl: the call runs whenever decl runs (not in a callback).
	withDecl bool
	command  bool // in a command body (cobra, urfave/cli): runs once
}

// ref is a reference to a function of the package, from decl (nil: a
// package-level declaration).
type ref struct {
	decl    *ast.FuncDecl
	command bool // in or as a command body
}

// noteRef records a reference to a function of the package: which
// functions are command code is decided from them (see commandCode).
func (st *state[M]) noteRef(id *ast.Ident, stack []ast.Node, decl *ast.FuncDecl) {
	fn, ok := st.pass.TypesInfo.Uses[id].(*types.Func)
	if !ok || fn.Pkg() != st.pass.Pkg {
		return
	}
	var value ast.Expr = id
	above := stack
	if n := len(stack); n > 0 {
		if sel, ok := stack[n-1].(*ast.SelectorExpr); ok && sel.Sel == id {
			value, above = sel, stack[:n-1] // RunE: o.run
		}
	}
	command := st.inCommand(stack) || owner.CommandField(st.pass.TypesInfo, value, above)
	st.refs[fn.Origin()] = append(st.refs[fn.Origin()], ref{decl: decl, command: command})
}

// commandCode reports whether decl is command code: a function that the
// package references only from command bodies (RunE: func(...) {...},
// RunE: runVet) or from other command code. It runs once per process,
// like main, so rule 2 does not look at its loops: a CLI going over its
// configured databases one by one opens one client per run of the command.
func (st *state[M]) commandCode(decl *ast.FuncDecl) bool {
	if decl == nil {
		return false
	}
	if st.command == nil {
		st.command = map[*types.Func]bool{}
		for changed := true; changed; {
			changed = false
			for fn, refs := range st.refs {
				if st.command[fn] || len(refs) == 0 {
					continue
				}
				all := true
				for _, r := range refs {
					if !r.command && (r.decl == nil || !st.command[st.declFunc(r.decl)]) {
						all = false
						break
					}
				}
				if all {
					st.command[fn] = true
					changed = true
				}
			}
		}
	}
	return st.command[st.declFunc(decl)]
}

func (st *state[M]) declFunc(decl *ast.FuncDecl) *types.Func {
	fn, _ := st.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	return fn
}

// noteCall records a static call that is not a construction, in decl.
func (st *state[M]) noteCall(call *ast.CallExpr, stack []ast.Node, decl *ast.FuncDecl) {
	if st.pass.Pkg.Name() == "main" || (decl != nil && st.testHelper(decl)) {
		return // package main: rules 1 and 3 only; test support runs under tests
	}
	fn, ok := typeutil.Callee(st.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return
	}
	fn = fn.Origin()
	if fn.Pkg() != st.pass.Pkg {
		if _, ok := st.importedBuilder(fn); !ok {
			return
		}
	}
	c := &callSite{call: call, callee: fn, decl: decl}
	if astx.EnclosingLoop(stack) != nil {
		c.loop = true
		c.stack = slices.Clone(stack)
	}
	_, c.handler = st.handlerAround(stack)
	c.withDecl = decl != nil && runsWithDecl(stack)
	c.command = st.inCommand(stack)
	st.calls = append(st.calls, c)
}

// importedBuilder returns the builder fact of a function of another
// package.
func (st *state[M]) importedBuilder(fn *types.Func) (string, bool) {
	var f builderFact[M]
	if st.pass.ImportObjectFact(fn, &f) {
		return f.Type, true
	}
	return "", false
}

// builderType returns the client type fn builds short-lived on every call.
func (st *state[M]) builderType(fn *types.Func) (string, bool) {
	if fn.Pkg() == st.pass.Pkg {
		if b := st.builders[fn]; b != nil {
			return b.typ, true
		}
		return "", false
	}
	return st.importedBuilder(fn)
}

// noteBuilder records that decl builds a short-lived client of type typ
// on every call: at a construction site, or by calling callee (a builder).
// It reports whether that is news.
func (st *state[M]) noteBuilder(decl *ast.FuncDecl, typ string, site *ast.CallExpr, callee *types.Func) bool {
	fn, ok := st.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	b := st.builders[fn]
	news := b == nil
	if news {
		b = &builder{typ: typ}
		st.builders[fn] = b
	}
	switch {
	case site != nil:
		if b.at == token.NoPos || b.via != "" {
			b.at, b.via = site.Pos(), ""
		}
	case callee != nil:
		if b.at == token.NoPos {
			b.at, b.via = callee.Pos(), st.calleeName(callee)
		}
		if callee.Pkg() == st.pass.Pkg && !slices.Contains(b.callees, callee) {
			b.callees = append(b.callees, callee)
			news = true
		}
	}
	return news
}

// perCall reports whether the call runs per call: in a loop body whose
// iterations go on after a success (outside command code), or in an HTTP
// handler.
func (st *state[M]) perCall(c *callSite) bool {
	if c.loop && !c.command && !st.commandCode(c.decl) {
		if c.retry == 0 {
			c.retry = -1
			if st.retryLoop(c.stack, astx.InnermostFunc(c.stack)) {
				c.retry = 1
			}
		}
		if c.retry < 0 {
			return true
		}
	}
	return c.handler != ""
}

// perCallBuilders settles which functions of the package are builders,
// reports their calls in loops and handlers, and exports the facts.
func (st *state[M]) perCallBuilders() {
	for changed := true; changed; {
		changed = false
		for _, c := range st.calls {
			typ, ok := st.builderType(c.callee)
			if !ok || !c.withDecl || st.perCall(c) {
				continue
			}
			if st.noteBuilder(c.decl, typ, nil, c.callee) {
				changed = true
			}
		}
	}
	for _, c := range st.calls {
		typ, ok := st.builderType(c.callee)
		if !ok || !st.perCall(c) {
			continue
		}
		st.reportCall(c, typ)
	}
	for fn, b := range st.builders {
		if fn.Exported() {
			st.pass.ExportObjectFact(fn, &builderFact[M]{Type: b.typ})
		}
	}
}

func (st *state[M]) reportCall(c *callSite, typ string) {
	name := st.calleeName(c.callee)
	var msg string
	if c.loop && c.retry < 0 {
		msg = fmt.Sprintf("%s builds a short-lived %s on every call, and it is called inside a loop: every iteration opens new connections; build the client once, outside the loop, and pass it in", name, typ)
	} else {
		msg = fmt.Sprintf("%s builds a short-lived %s on every call, and it is called in the HTTP handler %s: every request opens new connections; build the client once at startup and pass it in", name, typ, c.handler)
	}
	var rel []analysis.RelatedInformation
	if b := st.builders[c.callee]; b != nil && b.at.IsValid() {
		what := "the client is built here"
		if b.via != "" {
			what = "through " + b.via + ", called here"
		}
		rel = append(rel, analysis.RelatedInformation{Pos: b.at, Message: what})
	}
	// The finding is the call's: release still checks the builder's own
	// construction (a path that skips its Close is a problem of its own,
	// on another line).
	st.rep.Report(analysis.Diagnostic{Pos: c.call.Pos(), End: c.call.End(), Message: msg, Related: rel})
}

// calleeName names a called function as messages do: qualified by its
// package when it is another package's function.
func (st *state[M]) calleeName(fn *types.Func) string {
	if fn.Pkg() != st.pass.Pkg && fn.Type().(*types.Signature).Recv() == nil {
		return fn.Pkg().Name() + "." + fn.Name()
	}
	return fn.Name()
}

// runsWithDecl reports whether the node at the top of stack runs whenever
// the declaration around it does: every function literal in between is
// called or deferred where it stands, none is a goroutine or a callback.
func runsWithDecl(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			return true
		case *ast.FuncLit:
			if i == 0 {
				return false
			}
			call, ok := stack[i-1].(*ast.CallExpr)
			if !ok || ast.Unparen(call.Fun) != f {
				return false
			}
			if i >= 2 {
				if _, isGo := stack[i-2].(*ast.GoStmt); isGo {
					return false
				}
			}
		}
	}
	return false
}
