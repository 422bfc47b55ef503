package owner

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/connlint/connlint/analyzers/internal/astx"
)

// Source reports whether a call yields a new client or resource, at which
// result index, and of which kind (tag).
type Source func(call *ast.CallExpr) (tag string, result int, ok bool)

// Fresh reports whether the function returns a value that it built with a
// source call: directly (return sql.Open(dsn)), through a local variable, or,
// when holders is set, inside a struct it returns (&Repo{db: db}). It gives
// the result index and the tag. A value the function also stores elsewhere
// (a package variable, a field: a cached getter) is not fresh.
func Fresh(info *types.Info, fd *ast.FuncDecl, src Source, holders bool) (result int, tag string, ok bool) {
	if fd.Body == nil || fd.Type.Results == nil {
		return 0, "", false
	}
	tags := map[*types.Var]string{}
	stored := map[*types.Var]bool{}
	var derived func(e ast.Expr) (string, bool)
	derived = func(e ast.Expr) (string, bool) {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := info.Uses[e].(*types.Var); ok {
				t, ok := tags[v]
				return t, ok
			}
		case *ast.CallExpr:
			if t, r, ok := src(e); ok && r == 0 && singleResult(info, e) {
				return t, true
			}
		case *ast.UnaryExpr:
			if e.Op == token.AND && holders {
				return derived(e.X)
			}
		case *ast.CompositeLit:
			if holders {
				for _, el := range e.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						el = kv.Value
					}
					if t, ok := derived(el); ok {
						return t, true
					}
				}
			}
		}
		return "", false
	}
	localVar := func(e ast.Expr) *types.Var {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		v, _ := info.ObjectOf(id).(*types.Var)
		if !IsLocal(v) {
			return nil
		}
		return v
	}
	// Assignments, to a fixed point (chains are short).
	for range 4 {
		changed := false
		set := func(lhs ast.Expr, t string) {
			if v := localVar(lhs); v != nil {
				if _, had := tags[v]; !had {
					tags[v] = t
					changed = true
				}
			}
		}
		inspectBody(fd.Body, func(n ast.Node) {
			lhs, rhs, ok := astx.Assignment(n)
			if !ok {
				return
			}
			if len(rhs) == 1 && len(lhs) > 1 {
				if call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
					if t, r, ok := src(call); ok && r < len(lhs) {
						set(lhs[r], t)
					}
				}
				return
			}
			for i := range min(len(lhs), len(rhs)) {
				if t, ok := derived(rhs[i]); ok {
					set(lhs[i], t)
				}
				// A tagged value stored anywhere but a local variable.
				if id, ok := ast.Unparen(rhs[i]).(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok && localVar(lhs[i]) == nil {
						if lid, isID := ast.Unparen(lhs[i]).(*ast.Ident); !isID || lid.Name != "_" {
							stored[v] = true
						}
					}
				}
			}
		})
		if !changed {
			break
		}
	}
	// Variables that may hold something else than a fresh value (a cached
	// one, a parameter, a field): returning them returns no fresh value.
	mixed := map[*types.Var]bool{}
	isNil := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		_, ok = info.Uses[id].(*types.Nil)
		return ok
	}
	inspectBody(fd.Body, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && len(n.Lhs) > 1 {
				call, _ := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
				r := -1
				if call != nil {
					if _, ri, ok := src(call); ok {
						r = ri
					}
				}
				for i, l := range n.Lhs {
					if v := localVar(l); v != nil && i != r {
						mixed[v] = true
					}
				}
				return
			}
			for i := range min(len(n.Lhs), len(n.Rhs)) {
				if v := localVar(n.Lhs[i]); v != nil {
					if _, ok := derived(n.Rhs[i]); !ok && !isNil(n.Rhs[i]) {
						mixed[v] = true
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if v := localVar(id); v != nil && i < len(n.Values) && len(n.Values) == len(n.Names) {
					if _, ok := derived(n.Values[i]); !ok && !isNil(n.Values[i]) {
						mixed[v] = true
					}
				}
			}
		case *ast.RangeStmt:
			for _, e := range []ast.Expr{n.Key, n.Value} {
				if v := localVar(e); e != nil && v != nil {
					mixed[v] = true
				}
			}
		}
	})
	for _, p := range fd.Type.Params.List {
		for _, id := range p.Names {
			if v, ok := info.Defs[id].(*types.Var); ok {
				mixed[v] = true
			}
		}
	}
	fresh := func(e ast.Expr) (string, bool) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && (stored[v] || mixed[v]) {
				return "", false
			}
		}
		return derived(e)
	}
	named := namedResults(info, fd)
	found := -1
	inspectBody(fd.Body, func(n ast.Node) {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || found >= 0 {
			return
		}
		if len(ret.Results) == 0 {
			for i, v := range named {
				if t, ok := tags[v]; ok && !stored[v] && !mixed[v] {
					found, tag = i, t
					return
				}
			}
			return
		}
		if len(ret.Results) == 1 {
			if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok {
				if t, r, ok := src(call); ok {
					found, tag = r, t
					return
				}
			}
		}
		for i, e := range ret.Results {
			if t, ok := fresh(e); ok {
				found, tag = i, t
				return
			}
		}
	})
	// Every return must hand out a fresh value (or nil) there: a function
	// that sometimes returns a cached or borrowed one leaves its caller
	// not knowing whether it owns the value.
	if found >= 0 {
		inspectBody(fd.Body, func(n ast.Node) {
			ret, ok := n.(*ast.ReturnStmt)
			if !ok || found < 0 {
				return
			}
			switch {
			case len(ret.Results) == 0:
				if found >= len(named) {
					found = -1
					return
				}
				if v := named[found]; v == nil || tags[v] == "" || stored[v] || mixed[v] {
					found = -1
				}
			case len(ret.Results) == 1 && found > 0:
				call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
				if !ok {
					found = -1
					return
				}
				if _, r, ok := src(call); !ok || r != found {
					found = -1
				}
			case found < len(ret.Results):
				e := ret.Results[found]
				if isNil(e) {
					return
				}
				if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(ret.Results) == 1 {
					if _, r, ok := src(call); ok && r == found {
						return
					}
				}
				if _, ok := fresh(e); !ok {
					found = -1
				}
			}
		})
	}
	if found < 0 {
		return 0, "", false
	}
	return found, tag, true
}

func singleResult(info *types.Info, call *ast.CallExpr) bool {
	_, isTuple := info.TypeOf(call).(*types.Tuple)
	return !isTuple
}

func namedResults(info *types.Info, fd *ast.FuncDecl) []*types.Var {
	var out []*types.Var
	for _, f := range fd.Type.Results.List {
		if len(f.Names) == 0 {
			return nil
		}
		for _, n := range f.Names {
			v, _ := info.Defs[n].(*types.Var)
			out = append(out, v)
		}
	}
	return out
}

// inspectBody visits the nodes of a function body, not those of the
// function literals inside it.
func inspectBody(body *ast.BlockStmt, f func(ast.Node)) {
	ast.Inspect(body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if n != nil {
			f(n)
		}
		return true
	})
}
