package release

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astx"
	"github.com/connlint/connlint/analyzers/internal/owner"
)

// deferInLoop reports `defer x.Close()` (or a deferred closure or helper
// that releases x) in a loop body when x is acquired in that loop and some
// iteration goes on to the next one still holding it: the deferred release
// waits for the function to return, so every such iteration's resource
// stays held until then. An iteration that releases explicitly (the
// deferred Rollback after a Commit) holds nothing, and a loop that leaves
// after deferring (return, break) defers once. The finding goes to the
// acquisition.
func (st *state) deferInLoop(b *body, graph func() *cfg.CFG, reported map[*acq]bool) {
	ast.PreorderStack(b.block, nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.DeferStmt:
			loop := astx.EnclosingLoop(stack)
			if loop == nil {
				return false
			}
			v := st.deferredRelease(n)
			if v == nil {
				return false
			}
			e, _ := st.entryOf(v.Type())
			line := st.pass.Fset.Position(loop.Pos()).Line
			for _, a := range append(slices.Clone(b.acqs), st.perIteration(b, loop, v)...) {
				if reported[a] || a.call.Pos() < loop.Pos() || a.call.End() > loop.End() {
					continue
				}
				h := st.holderOf(a)
				if h.kind != holdVar || h.v != v {
					continue
				}
				h.named = isNamedResult(h.v, st.pass.TypesInfo, b.ftype)
				if st.walk(b, graph(), a, h, walkMode{deferInLoop: true}) == nil {
					continue
				}
				reported[a] = true
				st.rep.Report(analysis.Diagnostic{
					Pos: a.call.Pos(), End: a.call.End(),
					Message: fmt.Sprintf("%s (%s) from %s is %s by a defer inside the loop at line %d: every iteration's %s stays held until the function returns", v.Name(), st.typeName(a), a.from, verb(e), line, v.Name()),
					Related: []analysis.RelatedInformation{{Pos: n.Pos(), End: n.End(), Message: "deferred here: runs only when the function returns"}},
				})
			}
			return false
		}
		return true
	})
}

// perIteration makes acquisitions of the calls in the loop's body, not
// acquisitions themselves, whose result of a resource's type v is assigned
// (rows, err := r.store.List(ctx) through an interface the analysis cannot
// see into): deferring its release in the loop holds one per iteration all
// the same.
func (st *state) perIteration(b *body, loop ast.Node, v *types.Var) []*acq {
	info := st.pass.TypesInfo
	var out []*acq
	ast.PreorderStack(astx.LoopBody(loop), nil, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			if len(n.Rhs) != 1 {
				return true
			}
			call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if !ok {
				return true
			}
			if _, _, _, ok := st.acquisition(call); ok {
				return true // an acquisition: tracked, or left to singleton
			}
			for i, l := range n.Lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok || info.ObjectOf(id) != v {
					continue
				}
				e, ok := st.entryOf(v.Type())
				if !ok {
					return true
				}
				from := "a call"
				if fn, ok := typeutil.Callee(info, call).(*types.Func); ok {
					from = fn.Name()
				}
				full := append(append(slices.Clone(b.prefix(loop)), stack...), n)
				out = append(out, &acq{call: call, stack: full, entry: e, result: i, from: from, fn: b.fn})
			}
		}
		return true
	})
	return out
}

// prefix returns the ancestors of loop within the body, outermost first,
// the loop included.
func (b *body) prefix(loop ast.Node) []ast.Node {
	var out []ast.Node
	ast.PreorderStack(b.block, nil, func(n ast.Node, stack []ast.Node) bool {
		if n == loop {
			out = append(slices.Clone(stack), n)
			return false
		}
		_, lit := n.(*ast.FuncLit)
		return out == nil && !lit
	})
	return out
}

// deferredRelease returns the variable a defer statement releases.
func (st *state) deferredRelease(d *ast.DeferStmt) *types.Var {
	info := st.pass.TypesInfo
	var found *types.Var
	check := func(call *ast.CallExpr) {
		if found != nil {
			return
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			path := sel.Sel.Name
			x := sel.X
			if inner, ok := x.(*ast.SelectorExpr); ok {
				path = inner.Sel.Name + "." + path
				x = inner.X
			}
			if id, ok := ast.Unparen(x).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok {
					if e, ok := st.entryOf(v.Type()); ok && slices.Contains(e.Release, path) {
						found = v
						return
					}
				}
			}
		}
		fn := typeutil.StaticCallee(info, call)
		if fn == nil {
			return
		}
		for i, arg := range call.Args {
			if id, ok := ast.Unparen(arg).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok {
					if _, ok := st.entryOf(v.Type()); ok && st.policy(call, fn.Origin(), i) == owner.Release {
						found = v
						return
					}
				}
			}
		}
	}
	if lit, ok := ast.Unparen(d.Call.Fun).(*ast.FuncLit); ok {
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				check(c)
			}
			return found == nil
		})
		return found
	}
	check(d.Call)
	return found
}

// fix proposes `defer v.Close()` after the error check that follows the
// acquisition, when that is certain to be right: a resource (not a
// client, not a transaction) that is released nowhere in the function,
// acquired by a plain assignment outside any loop, whose release method
// takes no argument.
func (st *state) fix(a *acq, h holder) (analysis.SuggestedFix, bool) {
	var none analysis.SuggestedFix
	if a.entry.Resource == "" || len(a.entry.Release) != 1 {
		return none, false
	}
	method := a.entry.Release[0]
	if strings.Contains(method, ".") {
		return none, false
	}
	m, _, _ := types.LookupFieldOrMethod(h.v.Type(), true, nil, method)
	if sig, ok := m.(*types.Func); !ok || sig.Type().(*types.Signature).Params().Len() != 0 {
		return none, false
	}
	as, ok := h.node.(*ast.AssignStmt)
	if !ok || enclosingLoopAny(a.stack) {
		return none, false
	}
	// The statement must sit directly in a block.
	var blk *ast.BlockStmt
	for i := len(a.stack) - 1; i > 0; i-- {
		if a.stack[i] == as {
			blk, _ = a.stack[i-1].(*ast.BlockStmt)
			break
		}
	}
	if blk == nil {
		return none, false
	}
	at := -1
	for i, s := range blk.List {
		if s == as {
			at = i
		}
	}
	if at < 0 {
		return none, false
	}
	var after ast.Stmt = as
	if h.errVar != nil {
		if at+1 >= len(blk.List) {
			return none, false
		}
		ifs, ok := blk.List[at+1].(*ast.IfStmt)
		if !ok || ifs.Init != nil || ifs.Else != nil || !isErrCheck(st.pass.TypesInfo, ifs.Cond, h.errVar) || !endsFlow(ifs.Body) {
			return none, false
		}
		after = ifs
	}
	col := st.pass.Fset.Position(as.Pos()).Column
	text := "\n" + strings.Repeat("\t", col-1) + "defer " + h.v.Name() + "." + method + "()"
	return analysis.SuggestedFix{
		Message:   fmt.Sprintf("Add defer %s.%s() after the error check", h.v.Name(), method),
		TextEdits: []analysis.TextEdit{{Pos: after.End(), End: after.End(), NewText: []byte(text)}},
	}, true
}

func enclosingLoopAny(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.FuncLit:
			return false
		}
	}
	return false
}

func isErrCheck(info *types.Info, cond ast.Expr, errVar *types.Var) bool {
	c, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	return ok && c.Op == token.NEQ && nilCompared(info, c) == errVar
}

// endsFlow reports whether a block ends in a return or panic.
func endsFlow(b *ast.BlockStmt) bool {
	if len(b.List) == 0 {
		return false
	}
	switch s := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		if c, ok := s.X.(*ast.CallExpr); ok {
			if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}
