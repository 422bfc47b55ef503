package owner

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// role is how a local variable stands for the tracked value.
type role uint8

const (
	self    role = iota // the value itself, or a copy of it (pool = newPool)
	holder              // a local struct holding it in a field (px := &T{conn: conn})
	closure             // a local function value written over it (cleanup := func() { conn.Close() })
)

// aliases are the variables that stand for the value in the body, and the
// literals each closure variable is bound to.
type aliases struct {
	roles   map[*types.Var]role
	lits    map[*types.Var][]*ast.FuncLit
	calling map[*types.Var]bool // closures whose effect is being computed
}

// binding is one `lhs = rhs` pair of an assignment or a var spec.
type binding struct{ lhs, rhs ast.Expr }

// members returns the variables that stand for the value, computed once.
// Without a Body, the value's own variable is the only one.
func (u *Use) members() *aliases {
	if u.al != nil {
		return u.al
	}
	al := &aliases{roles: map[*types.Var]role{u.Var: self}, lits: map[*types.Var][]*ast.FuncLit{}, calling: map[*types.Var]bool{}}
	for _, h := range u.Holders {
		al.roles[h] = holder
	}
	u.al = al
	if u.Body == nil {
		return al
	}
	var binds []binding
	defs := map[*types.Var][]ast.Expr{} // the values a local is given; nil: unknown
	ast.Inspect(u.Body, func(n ast.Node) bool {
		lhs, rhs, ok := pairs(n)
		if !ok {
			return true
		}
		for i, l := range lhs {
			var r ast.Expr
			if len(lhs) == len(rhs) {
				r = rhs[i]
				if r != nil {
					binds = append(binds, binding{l, r})
				}
			}
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				if v, ok := u.Info.ObjectOf(id).(*types.Var); ok {
					defs[v] = append(defs[v], r)
				}
			}
		}
		return true
	})
	for changed := true; changed; {
		changed = false
		for _, b := range binds {
			r, carried := al.carried(u, b.rhs)
			if !carried {
				continue
			}
			v, viaField := u.bindTarget(b.lhs, defs)
			if v == nil {
				continue
			}
			if viaField {
				r = holder
			}
			if _, had := al.roles[v]; had {
				continue
			}
			al.roles[v] = r
			changed = true
		}
	}
	// The literals each closure runs: its own, and those of the closures
	// it copies (g := cleanup).
	for range 2 {
		for _, b := range binds {
			id, ok := ast.Unparen(b.lhs).(*ast.Ident)
			if !ok || al.roles[u.varOf(id)] != closure {
				continue
			}
			v := u.varOf(id)
			switch x := ast.Unparen(b.rhs).(type) {
			case *ast.FuncLit:
				if !slices.Contains(al.lits[v], x) {
					al.lits[v] = append(al.lits[v], x)
				}
			case *ast.Ident:
				for _, lit := range al.lits[u.varOf(x)] {
					if !slices.Contains(al.lits[v], lit) {
						al.lits[v] = append(al.lits[v], lit)
					}
				}
			}
		}
	}
	return al
}

// pairs returns the two sides of an assignment (=, :=) or a var spec.
func pairs(n ast.Node) (lhs, rhs []ast.Expr, ok bool) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
			return nil, nil, false
		}
		return n.Lhs, n.Rhs, true
	case *ast.ValueSpec:
		lhs := make([]ast.Expr, len(n.Names))
		for i, id := range n.Names {
			lhs[i] = id
		}
		if len(n.Values) == 0 {
			return lhs, make([]ast.Expr, len(lhs)), true // var px T: the zero value
		}
		return lhs, n.Values, true
	}
	return nil, nil, false
}

// carried reports whether the value of e stands for the tracked value, and
// how a variable given e would: a member's own role, a composite holding
// a member (a holder), a literal mentioning one (a closure).
func (al *aliases) carried(u *Use, e ast.Expr) (role, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		r, ok := al.roles[u.varOf(e)]
		return r, ok
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			if _, ok := ast.Unparen(e.X).(*ast.CompositeLit); ok {
				return al.carried(u, e.X)
			}
		}
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if r, ok := al.carried(u, el); ok && r != closure {
				return holder, true
			}
		}
	case *ast.CallExpr:
		// db.Unsafe(), rdb.WithTimeout(d): a library's method on a member
		// that returns the same type hands back the same pool or resource.
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		fn, ok := u.Info.Uses[sel.Sel].(*types.Func)
		if !ok || fn.Pkg() == nil || u.Var.Pkg() == nil || fn.Pkg() == u.Var.Pkg() {
			break
		}
		x, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok || al.roles[u.varOf(x)] != self {
			break
		}
		if t := u.Info.TypeOf(e); t != nil && types.Identical(t, u.Var.Type()) {
			return self, true
		}
	case *ast.FuncLit:
		found := false
		ast.Inspect(e.Body, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && !found {
				_, found = al.roles[u.varOf(id)]
			}
			return !found
		})
		if found {
			return closure, true
		}
	}
	return 0, false
}

// bindTarget returns the local variable that a store into lhs makes stand
// for the value: a local declared in the body (x := v), or the local
// struct whose field lhs is (px.conn = v). viaField tells the second.
func (u *Use) bindTarget(lhs ast.Expr, defs map[*types.Var][]ast.Expr) (v *types.Var, viaField bool) {
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if v := u.bodyLocal(l); v != nil {
			return v, false
		}
	case *ast.SelectorExpr:
		root := l.X
		for {
			if s, ok := ast.Unparen(root).(*ast.SelectorExpr); ok && u.Info.Selections[s] != nil {
				root = s.X
				continue
			}
			break
		}
		id, ok := ast.Unparen(root).(*ast.Ident)
		if !ok || u.Info.Selections[l] == nil {
			return nil, false
		}
		if v := u.bodyLocal(id); v != nil && u.localStruct(v, defs[v]) {
			return v, true
		}
	}
	return nil, false
}

// bodyLocal returns the variable id names when it is declared in the
// body (not a parameter, a named result or a variable of an enclosing
// function: those outlive it).
func (u *Use) bodyLocal(id *ast.Ident) *types.Var {
	if id.Name == "_" {
		return nil
	}
	v := u.varOf(id)
	if !IsLocal(v) || v.Pos() < u.Body.Pos() || v.Pos() >= u.Body.End() {
		return nil
	}
	return v
}

func (u *Use) varOf(id *ast.Ident) *types.Var {
	v, _ := u.Info.ObjectOf(id).(*types.Var)
	return v
}

// localStruct reports whether v is a struct this function built: a struct
// value, or a pointer only ever given a composite literal's address or
// new(T).
func (u *Use) localStruct(v *types.Var, values []ast.Expr) bool {
	if _, ok := v.Type().Underlying().(*types.Struct); ok {
		return true
	}
	p, ok := v.Type().Underlying().(*types.Pointer)
	if !ok || len(values) == 0 {
		return false
	}
	if _, ok := p.Elem().Underlying().(*types.Struct); !ok {
		return false
	}
	for _, e := range values {
		switch e := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			if _, ok := ast.Unparen(e.X).(*ast.CompositeLit); !ok || e.Op != token.AND {
				return false
			}
		case *ast.CallExpr:
			id, ok := ast.Unparen(e.Fun).(*ast.Ident)
			if !ok {
				return false
			}
			if b, ok := u.Info.Uses[id].(*types.Builtin); !ok || b.Name() != "new" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// FieldHolder returns the local struct whose field lhs is (d.conn in
// `d.conn, err = db.Conn(ctx)`), when body declares it and builds it
// itself (see localStruct): a value stored there stays in the function
// until that struct leaves it. nil: lhs is no such field.
func FieldHolder(info *types.Info, body ast.Node, lhs ast.Expr) *types.Var {
	sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
	if !ok || info.Selections[sel] == nil {
		return nil
	}
	u := &Use{Info: info, Body: body}
	var root ast.Expr = sel.X
	for {
		if s, ok := ast.Unparen(root).(*ast.SelectorExpr); ok && info.Selections[s] != nil {
			root = s.X
			continue
		}
		break
	}
	id, ok := ast.Unparen(root).(*ast.Ident)
	if !ok {
		return nil
	}
	v := u.bodyLocal(id)
	if v == nil {
		return nil
	}
	var values []ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		lhs, rhs, ok := pairs(n)
		if !ok {
			return true
		}
		for i, l := range lhs {
			if lid, ok := ast.Unparen(l).(*ast.Ident); ok && u.varOf(lid) == v {
				var r ast.Expr
				if len(lhs) == len(rhs) {
					r = rhs[i]
				}
				values = append(values, r)
			}
		}
		return true
	})
	if !u.localStruct(v, values) {
		return nil
	}
	return v
}
