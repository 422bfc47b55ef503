package release

import (
	"go/ast"
	"go/types"
	"slices"

	"github.com/connlint/connlint/analyzers/internal/owner"
)

// holderMethod says what calling method fn on a local struct that holds a
// value of type t does (px := &T{conn: conn}; px.Close()). It releases
// the value when fn, declared in this package, releases a field of its
// receiver of type t somewhere (directly or through another such method:
// an init that closes on failure), or when fn, declared in another
// package, is named like a release method (Close, Release) and the struct
// has a field of type t. Any other method only uses it.
func (st *state) holderMethod(fn *types.Func, t types.Type) owner.Effect {
	fn = fn.Origin()
	if slices.ContainsFunc(st.receiverReleases(fn), func(r types.Type) bool { return types.Identical(r, t) }) {
		return owner.Release
	}
	if st.methodDecls[fn] == nil && st.release[fn.Name()] && hasField(fn, t) {
		return owner.Release // another package's Close: its body is not here
	}
	return owner.None
}

// hasField reports whether the struct behind method fn's receiver has a
// field of type t.
func hasField(fn *types.Func, t types.Type) bool {
	recv := fn.Type().(*types.Signature).Recv().Type()
	if p, ok := recv.Underlying().(*types.Pointer); ok {
		recv = p.Elem()
	}
	s, ok := recv.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range s.NumFields() {
		if types.Identical(s.Field(i).Type(), t) {
			return true
		}
	}
	return false
}

// receiverReleases lists the types of the receiver's fields (or of the
// receiver) that method fn, declared in this package, releases.
func (st *state) receiverReleases(fn *types.Func) []types.Type {
	if st.recvReleases == nil {
		st.recvReleases = map[*types.Func][]types.Type{}
		st.methodDecls = map[*types.Func]*ast.FuncDecl{}
		for _, fd := range st.funcDecls() {
			if m, ok := st.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && fd.Recv != nil {
				st.methodDecls[m] = fd
			}
		}
	}
	if got, ok := st.recvReleases[fn]; ok {
		return got
	}
	st.recvReleases[fn] = nil // a method that calls itself
	fd := st.methodDecls[fn]
	if fd == nil || len(fd.Recv.List) == 0 || len(fd.Recv.List[0].Names) == 0 {
		return nil
	}
	info := st.pass.TypesInfo
	recv, ok := info.Defs[fd.Recv.List[0].Names[0]].(*types.Var)
	if !ok {
		return nil
	}
	var out []types.Type
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || !rootedAt(info, sel.X, recv) {
			return true
		}
		t := info.TypeOf(sel.X)
		if _, ok := st.entryOf(t); ok && st.releaseFunc(t)(sel.Sel.Name) {
			out = append(out, t) // d.conn.Close()
		} else if m, ok := info.Uses[sel.Sel].(*types.Func); ok {
			out = append(out, st.receiverReleases(m.Origin())...) // d.closeConn()
		}
		return true
	})
	st.recvReleases[fn] = out
	return out
}

// rootedAt reports whether e is v or a field path from it (v.conn, v.a.b).
func rootedAt(info *types.Info, e ast.Expr, v *types.Var) bool {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return info.Uses[x] == v
		case *ast.SelectorExpr:
			if info.Selections[x] == nil {
				return false
			}
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return false
		}
	}
}
