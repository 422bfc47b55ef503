package owner

import (
	"go/ast"
	"go/token"
	"go/types"
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
			var lhs, rhs []ast.Expr
			switch n := n.(type) {
			case *ast.AssignStmt:
				lhs, rhs = n.Lhs, n.Rhs
			case *ast.ValueSpec:
				for _, id := range n.Names {
					lhs = append(lhs, id)
				}
				rhs = n.Values
			default:
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
	named := namedResults(info, fd)
	found := -1
	inspectBody(fd.Body, func(n ast.Node) {
		ret, ok := n.(*ast.ReturnStmt)
		if !ok || found >= 0 {
			return
		}
		if len(ret.Results) == 0 {
			for i, v := range named {
				if t, ok := tags[v]; ok && !stored[v] {
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
			if id, ok := ast.Unparen(e).(*ast.Ident); ok {
				if v, ok := info.Uses[id].(*types.Var); ok && stored[v] {
					continue
				}
			}
			if t, ok := derived(e); ok {
				found, tag = i, t
				return
			}
		}
	})
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
