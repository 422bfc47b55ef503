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
	// CallReleases says that calling the variable (a function value: the
	// cleanup an acquirer returns) releases what it stands for.
	CallReleases bool
	// Body is the function body the variable lives in. With it, the locals
	// that take the value over there stand for it too: a copy
	// (pool = newPool), a local struct holding it in a field
	// (px := &T{conn: conn}: ownership leaves only when px does) and a
	// closure written over it (cleanup := func() { conn.Close() }: it
	// releases only where it is called).
	Body ast.Node
	// HolderMethod says what calling method fn on a local struct holding
	// a value of type t does (a Close of the struct's own releases it);
	// nil: a use.
	HolderMethod func(fn *types.Func, t types.Type) Effect
	// Holders are locals that hold the value in a field from the start
	// (d.conn, err = db.Conn(ctx) on a struct d the function built); Var
	// then names the field and occurs nowhere itself.
	Holders []*types.Var

	al *aliases
}

// In returns the strongest effect of the variable's occurrences in n: a
// CFG node (statement, expression or ValueSpec), or any subtree. Nested
// function literals that are not run on the spot (deferred or called
// immediately) capture the variable, which hands it on.
func (u *Use) In(n ast.Node) Effect {
	al := u.members()
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
			if r, ok := al.roles[u.varOf(m)]; ok {
				if e := u.occurrence(m, r, stack); e > best {
					best = e
				}
			}
		}
		return true
	})
	return best
}

// OnlyBinds reports whether statement n mentions the value only by handing
// it, whole, to locals that stand for it (pool = newPool, t.Tx = tx):
// nothing is done with the value itself.
func (u *Use) OnlyBinds(n ast.Node) bool {
	if d, ok := n.(*ast.DeclStmt); ok {
		g, ok := d.Decl.(*ast.GenDecl)
		if !ok || len(g.Specs) != 1 {
			return false
		}
		n = g.Specs[0]
	}
	lhs, rhs, ok := pairs(n)
	if !ok || len(lhs) != len(rhs) {
		return false
	}
	al := u.members()
	bound := false
	for i, r := range rhs {
		if r == nil || !u.Mentions(r) {
			continue
		}
		id, ok := ast.Unparen(r).(*ast.Ident)
		if !ok || al.roles[u.varOf(id)] != self || !u.standsFor(lhs[i]) {
			return false
		}
		bound = true
	}
	return bound
}

// Mentions reports whether n mentions the variable, or a local standing
// for it, at all.
func (u *Use) Mentions(n ast.Node) bool {
	al := u.members()
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if found {
			return false
		}
		if id, ok := m.(*ast.Ident); ok {
			_, found = al.roles[u.varOf(id)]
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
		if u.boundClosure(lit, stack) {
			return None // cleanup := func() {...}: writing it releases nothing
		}
		return Transfer // a callback or goroutine now holds it
	}
	return u.body(lit)
}

// body is what running the literal does to the value, except that its
// returns return from the literal, not from the function.
func (u *Use) body(lit *ast.FuncLit) Effect {
	al := u.members()
	e := None
	ast.PreorderStack(lit.Body, nil, func(m ast.Node, st []ast.Node) bool {
		switch m := m.(type) {
		case *ast.FuncLit:
			if x := u.lit(m, st); x > e {
				e = x
			}
			return false
		case *ast.Ident:
			r, ok := al.roles[u.varOf(m)]
			if !ok || u.Info.Uses[m] == nil {
				return true
			}
			x := u.occurrence(m, r, st)
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
		return true
	})
	return e
}

// boundClosure reports whether the literal is the value given to a closure
// variable standing for the value.
func (u *Use) boundClosure(lit *ast.FuncLit, stack []ast.Node) bool {
	al := u.members()
	for i := len(stack) - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			continue
		case *ast.AssignStmt, *ast.ValueSpec:
			lhs, rhs, _ := pairs(p)
			for j, r := range rhs {
				if j < len(lhs) && r != nil && ast.Unparen(r) == lit {
					if id, ok := ast.Unparen(lhs[j]).(*ast.Ident); ok {
						return al.roles[u.varOf(id)] == closure
					}
				}
			}
		}
		return false
	}
	return false
}

// closureEffect is what calling a closure variable does: what its
// literals' bodies do.
func (u *Use) closureEffect(v *types.Var) Effect {
	al := u.members()
	if al.calling[v] {
		return None // a closure that calls itself
	}
	al.calling[v] = true
	defer delete(al.calling, v)
	best := None
	for _, lit := range al.lits[v] {
		if e := u.body(lit); e > best {
			best = e
		}
	}
	return best
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

// occurrence classifies one occurrence of a variable standing for the
// value in role r; stack holds its ancestors, innermost last.
func (u *Use) occurrence(id *ast.Ident, r role, stack []ast.Node) Effect {
	e := u.occurrenceAs(id, r, stack)
	if e == Reassign && len(u.members().roles) > 1 {
		return None // another local still stands for the value
	}
	return e
}

func (u *Use) occurrenceAs(id *ast.Ident, r role, stack []ast.Node) Effect {
	switch r {
	case holder:
		return u.holderUse(id, stack)
	case closure:
		return u.closureUse(id, stack)
	}
	return u.valueUse(id, stack)
}

// valueUse classifies a use of the value itself (the variable, a copy, or
// a field of a local struct holding it).
func (u *Use) valueUse(child ast.Node, stack []ast.Node) Effect {
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
			if u.composedIntoMember(stack[:i+1]) {
				return None // px := &T{conn: conn}: px holds it now
			}
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
			for j, v := range p.Values {
				if v == child && j < len(p.Names) && u.standsFor(p.Names[j]) {
					return None // var r = rows: a copy
				}
			}
			return Transfer // var x = v: an alias outside the body
		case *ast.CallExpr:
			return u.call(p, child, stack[:i])
		default:
			return None
		}
	}
	return None
}

// standsFor reports whether storing into lhs keeps the value in the body:
// lhs is a local standing for it, or a field of a local struct that does.
func (u *Use) standsFor(lhs ast.Expr) bool {
	al := u.members()
	for {
		switch l := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			_, ok := al.roles[u.varOf(l)]
			return ok
		case *ast.SelectorExpr:
			if u.Info.Selections[l] == nil {
				return false
			}
			if id, ok := ast.Unparen(l.X).(*ast.Ident); ok {
				return al.roles[u.varOf(id)] == holder
			}
			lhs = l.X
		default:
			return false
		}
	}
}

// composedIntoMember reports whether the composite literal at the top of
// stack (through enclosing composites, & and parentheses) is stored into a
// local standing for the value.
func (u *Use) composedIntoMember(stack []ast.Node) bool {
	var child ast.Node = stack[len(stack)-1]
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.CompositeLit, *ast.KeyValueExpr, *ast.ParenExpr:
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return false
			}
		case *ast.AssignStmt, *ast.ValueSpec:
			lhs, rhs, _ := pairs(p)
			for j, r := range rhs {
				if r == child && j < len(lhs) {
					return u.standsFor(lhs[j])
				}
			}
			return false
		default:
			return false
		}
		child = stack[i]
	}
	return false
}

// holderUse classifies a use of a local struct holding the value.
func (u *Use) holderUse(id *ast.Ident, stack []ast.Node) Effect {
	var child ast.Node = id
	for i := len(stack) - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr, *ast.StarExpr:
			child = p
			continue
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				child = p
				continue
			}
			return None
		case *ast.SelectorExpr:
			return u.holderSelector(p, stack[:i])
		case *ast.CallExpr:
			if p.Fun == child {
				return None
			}
			if tv, ok := u.Info.Types[p.Fun]; ok && tv.IsType() {
				return Transfer
			}
			if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok {
				if b, ok := u.Info.Uses[id].(*types.Builtin); ok && b.Name() != "append" {
					return None
				}
			}
			return Transfer // handed to a function: it may keep the struct
		}
		return u.valueUse(child, stack[:i+1])
	}
	return None
}

// holderSelector classifies px.f... on a local struct holding the value:
// a method call on the struct or on one of its fields, or a field read.
func (u *Use) holderSelector(sel *ast.SelectorExpr, above []ast.Node) Effect {
	var node ast.Node = sel
	last := sel
	n := len(above)
	for n > 0 {
		outer, ok := above[n-1].(*ast.SelectorExpr)
		if !ok || outer.X != node {
			break
		}
		node, last = outer, outer
		n--
	}
	called := n > 0
	if called {
		call, ok := above[n-1].(*ast.CallExpr)
		called = ok && call.Fun == node
	}
	fn, isMethod := u.Info.Uses[last.Sel].(*types.Func)
	if !isMethod {
		return u.valueUse(node, above[:n]) // a field read: what becomes of it
	}
	if t := u.Info.TypeOf(last.X); t != nil && types.Identical(t, u.Var.Type()) && u.IsRelease(last.Sel.Name) {
		return Release // px.conn.Close(), or px.conn.Close handed on
	}
	if !called || node != sel || u.HolderMethod == nil {
		return None // a method of another field, or a method value
	}
	return u.HolderMethod(fn, u.Var.Type()) // px.Close(), px.init()
}

// closureUse classifies a use of a closure variable written over the value.
func (u *Use) closureUse(id *ast.Ident, stack []ast.Node) Effect {
	v := u.varOf(id)
	var child ast.Node = id
	for i := len(stack) - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			child = p
			continue
		case *ast.CallExpr:
			if p.Fun == child {
				if i > 0 {
					if g, ok := stack[i-1].(*ast.GoStmt); ok && g.Call == p {
						return Transfer
					}
				}
				return u.closureEffect(v) // cleanup(), deferred or not
			}
			if id, ok := ast.Unparen(p.Fun).(*ast.Ident); ok {
				if b, ok := u.Info.Uses[id].(*types.Builtin); ok && b.Name() != "append" {
					return None
				}
			}
			return Transfer // handed to a call: it runs it, or keeps it and what it captures
		case *ast.AssignStmt:
			return u.assign(p, child)
		case *ast.ValueSpec:
			return u.valueUse(child, stack[:i+1])
		case *ast.ReturnStmt, *ast.CompositeLit, *ast.KeyValueExpr:
			return u.valueUse(child, stack[:i+1])
		case *ast.SendStmt:
			return u.valueUse(child, stack[:i+1])
		}
		return None
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
	for i, l := range a.Lhs {
		if l == child {
			if a.Tok == token.DEFINE || a.Tok == token.ASSIGN {
				if len(a.Lhs) == len(a.Rhs) {
					if _, carried := u.members().carried(u, a.Rhs[i]); carried {
						return None // db = db.Unsafe(): the same value again
					}
				}
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

// storedIn classifies storing the variable into lhs.
func (u *Use) storedIn(lhs ast.Expr) Effect {
	if id, ok := ast.Unparen(lhs).(*ast.Ident); ok && id.Name == "_" {
		return None
	}
	if u.standsFor(lhs) {
		return None // a copy, or a field of a local struct: still here
	}
	return Transfer // an outer variable, a package variable, a field, an element
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
	return CommandField(info, lit, stack)
}

// CommandField reports whether value, whose ancestors are stack (innermost
// last), is what a command runs: the value of a cobra.Command's Run, RunE,
// PreRunE... field or of a urfave/cli Action, a literal or a function
// (RunE: runVet).
func CommandField(info *types.Info, value ast.Expr, stack []ast.Node) bool {
	if len(stack) < 2 {
		return false
	}
	kv, ok := stack[len(stack)-1].(*ast.KeyValueExpr)
	if !ok || kv.Value != value {
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
