// Package owner answers, for a local variable that holds a client or a
// resource, what a piece of code does with it: releases it, hands its
// ownership on (returns it, stores it where it outlives the function, sends
// it, gives it to a goroutine, a callback or a helper that keeps it), or only
// uses it. The release rule calls the first two a discharge of the
// obligation to release; the singleton rule calls the second an escape.
package owner

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Effect is what a piece of code does with the variable.
type Effect uint8

const (
	None     Effect = iota // not mentioned, or only used
	Reassign               // overwritten with another value
	Transfer               // ownership leaves the function
	Release                // released
)

// Policy decides what a call does with the variable passed as its argument
// number arg. fn is the static callee, nil when the call is dynamic (an
// interface method, a function value).
type Policy func(call *ast.CallExpr, fn *types.Func, arg int) Effect

// Use classifies the occurrences of one variable.
type Use struct {
	Info *types.Info
	Var  *types.Var
	// IsRelease reports whether calling the method path (a name, or
	// "Field.Method") on the variable releases it.
	IsRelease func(path string) bool
	// Call says what passing the variable to a call does.
	Call Policy
	// Local reports whether a variable is local to the function being
	// analysed (assigning to it keeps ownership in the function).
	Local func(*types.Var) bool
	// CallReleases says that calling the variable (a function value: the
	// cleanup an acquirer returns) releases what it stands for.
	CallReleases bool
}

// In returns the strongest effect of the variable's occurrences in n: a
// CFG node (statement, expression or ValueSpec), or any subtree. Nested
// function literals that are not run on the spot (deferred or called
// immediately) capture the variable, which hands it on.
func (u *Use) In(n ast.Node) Effect {
	best := None
	ast.PreorderStack(n, nil, func(m ast.Node, stack []ast.Node) bool {
		if best == Release {
			return false
		}
		switch m := m.(type) {
		case *ast.FuncLit:
			e := u.lit(m, stack)
			if e > best {
				best = e
			}
			return false
		case *ast.Ident:
			if u.Info.Uses[m] == u.Var || u.Info.Defs[m] == u.Var {
				if e := u.occurrence(m, stack); e > best {
					best = e
				}
			}
		}
		return true
	})
	return best
}

// Mentions reports whether n mentions the variable at all.
func (u *Use) Mentions(n ast.Node) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if found {
			return false
		}
		if id, ok := m.(*ast.Ident); ok && (u.Info.Uses[id] == u.Var || u.Info.Defs[id] == u.Var) {
			found = true
		}
		return true
	})
	return found
}

// lit classifies a function literal that mentions the variable.
func (u *Use) lit(lit *ast.FuncLit, stack []ast.Node) Effect {
	if !u.Mentions(lit.Body) {
		return None
	}
	if !runsHere(lit, stack) {
		return Transfer // a callback or goroutine now holds it
	}
	// Deferred or called on the spot: what its body does counts, except
	// that its returns return from the literal, not from the function.
	inner := *u
	e := None
	ast.PreorderStack(lit.Body, nil, func(m ast.Node, st []ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			if x := inner.lit(m, st); x > e {
				e = x
			}
			return false
		case *ast.Ident:
			if u.Info.Uses[m] == u.Var {
				x := inner.occurrence(m, st)
				if x == Reassign {
					x = None
				}
				if x == Transfer && underReturn(st) {
					x = None
				}
				if x > e {
					e = x
				}
			}
		}
		return true
	})
	return e
}

func underReturn(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ReturnStmt:
			return true
		case *ast.FuncLit:
			return false
		}
	}
	return false
}

// runsHere reports whether the literal runs where it stands: deferred
// (defer func(){...}()) or called at once (func(){...}()), not in a goroutine.
func runsHere(lit *ast.FuncLit, stack []ast.Node) bool {
	if len(stack) == 0 {
		return false
	}
	call, ok := stack[len(stack)-1].(*ast.CallExpr)
	if !ok || ast.Unparen(call.Fun) != lit {
		return false
	}
	if len(stack) >= 2 {
		if _, isGo := stack[len(stack)-2].(*ast.GoStmt); isGo {
			return false
		}
	}
	return true
}

// occurrence classifies one occurrence of the variable; stack holds its
// ancestors, innermost last.
func (u *Use) occurrence(id *ast.Ident, stack []ast.Node) Effect {
	var child ast.Node = id
	for i := len(stack) - 1; i >= 0; i-- {
		parent := stack[i]
		switch p := parent.(type) {
		case *ast.ParenExpr, *ast.StarExpr, *ast.TypeAssertExpr:
			child = p
			continue
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				child = p
				continue
			}
			return None
		case *ast.SelectorExpr:
			return u.selector(p, stack[:i])
		case *ast.CompositeLit, *ast.KeyValueExpr:
			return Transfer // held by a struct, slice or map
		case *ast.ReturnStmt:
			return Transfer
		case *ast.SendStmt:
			if p.Value == child {
				return Transfer
			}
			return None
		case *ast.AssignStmt:
			return u.assign(p, child)
		case *ast.ValueSpec:
			for _, n := range p.Names {
				if n == child {
					return Reassign
				}
			}
			return u.storedIn(nil) // var x = v: an alias
		case *ast.CallExpr:
			return u.call(p, child, stack[:i])
		default:
			return None
		}
	}
	return None
}

// selector classifies v.X: a release call (v.Close(), v.Prisma.Disconnect()),
// a release method handed on as a value (t.Cleanup(v.Close)), or a use.
func (u *Use) selector(sel *ast.SelectorExpr, above []ast.Node) Effect {
	path := sel.Sel.Name
	var node ast.Node = sel
	n := len(above)
	if n > 0 {
		if outer, ok := above[n-1].(*ast.SelectorExpr); ok && outer.X == sel {
			path += "." + outer.Sel.Name
			node = outer
			n--
		}
	}
	if !u.IsRelease(path) {
		return None
	}
	if n > 0 {
		if call, ok := above[n-1].(*ast.CallExpr); ok && call.Fun == node {
			return Release
		}
	}
	if _, isMethod := u.Info.Selections[sel]; isMethod || node != sel {
		return Release // the release method itself is handed on
	}
	return None
}

func (u *Use) assign(a *ast.AssignStmt, child ast.Node) Effect {
	for _, l := range a.Lhs {
		if l == child {
			if a.Tok == token.DEFINE || a.Tok == token.ASSIGN {
				return Reassign
			}
			return None
		}
	}
	if len(a.Lhs) == len(a.Rhs) {
		for i, r := range a.Rhs {
			if r == child {
				return u.storedIn(a.Lhs[i])
			}
		}
	}
	return Transfer
}

// storedIn classifies storing the variable into lhs (nil: a new local).
func (u *Use) storedIn(lhs ast.Expr) Effect {
	if lhs == nil {
		return Transfer // an alias takes it over
	}
	if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
		if id.Name == "_" {
			return None
		}
		return Transfer // an alias or a package variable takes it over
	}
	return Transfer // field, element, or pointee
}

func (u *Use) call(call *ast.CallExpr, child ast.Node, above []ast.Node) Effect {
	if call.Fun == child {
		if u.CallReleases {
			return Release // cleanup(), deferred or not
		}
		return None // v(...) for a function-typed value
	}
	if tv, ok := u.Info.Types[call.Fun]; ok && tv.IsType() {
		return Transfer // a conversion: the converted value carries it on
	}
	arg := -1
	for i, a := range call.Args {
		if a == child {
			arg = i
		}
	}
	if arg < 0 {
		return None
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := u.Info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "append":
				return Transfer
			default:
				return None
			}
		}
	}
	if len(above) > 0 {
		if g, ok := above[len(above)-1].(*ast.GoStmt); ok && g.Call == call {
			return Transfer
		}
	}
	fn := typeutil.StaticCallee(u.Info, call)
	if fn != nil {
		fn = fn.Origin()
	}
	return u.Call(call, fn, arg)
}

// IsLocal reports whether v is declared inside the function whose body
// scope is body (a package variable or a field is not).
func IsLocal(v *types.Var) bool {
	return v != nil && !v.IsField() && v.Parent() != nil && v.Pkg() != nil && v.Parent() != v.Pkg().Scope()
}

// CommandBody reports whether lit, whose ancestors are stack (innermost
// last), is the body of a command-line command: the Run, RunE, PreRunE...
// field of a cobra.Command, or the Action of a urfave/cli command or app.
// Such a body runs once per process, like main.
func CommandBody(info *types.Info, lit *ast.FuncLit, stack []ast.Node) bool {
	if len(stack) < 2 {
		return false
	}
	kv, ok := stack[len(stack)-1].(*ast.KeyValueExpr)
	if !ok || kv.Value != lit {
		return false
	}
	key, ok := kv.Key.(*ast.Ident)
	if !ok {
		return false
	}
	cl, ok := stack[len(stack)-2].(*ast.CompositeLit)
	if !ok {
		return false
	}
	t := info.TypeOf(cl)
	if t == nil {
		return false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	path, name := n.Obj().Pkg().Path(), n.Obj().Name()
	switch {
	case path == "github.com/spf13/cobra" && name == "Command":
		switch key.Name {
		case "Run", "RunE", "PreRun", "PreRunE", "PostRun", "PostRunE",
			"PersistentPreRun", "PersistentPreRunE", "PersistentPostRun", "PersistentPostRunE":
			return true
		}
	case strings.HasPrefix(path, "github.com/urfave/cli") && (name == "Command" || name == "App"):
		return key.Name == "Action" || key.Name == "Before"
	}
	return false
}
