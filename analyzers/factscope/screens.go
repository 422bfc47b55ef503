package factscope

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/cfg"

	"github.com/connlint/connlint/analyzers/internal/noreturn"
)

// mayNeverReturn reports whether some function of the package may always
// end without returning, so that noreturn.Compute could export a fact for
// it. It runs the same control-flow question as noreturn, on syntax, with a
// call deemed to end whenever it might: panic, a dependency's function with
// a no-return fact or a well-known one, a method whose name is such a
// method's, a function of the package that may itself never return.
func (s *Scope) mayNeverReturn(u *Package) bool {
	sc := &endScreen{s: s, d: indexDecls(u), state: map[*ast.FuncDecl]int8{}}
	for _, f := range u.Files {
		for _, decl := range f.Decls {
			// Only what other packages can call matters here: an
			// unexported function counts through the exported ones
			// that call it.
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Body != nil && fd.Name.IsExported() && sc.never(fd) {
				return true
			}
		}
	}
	return false
}

type endScreen struct {
	s     *Scope
	d     *decls
	state map[*ast.FuncDecl]int8 // 1 in progress, 2 returns, 3 may never return
}

func (sc *endScreen) never(fd *ast.FuncDecl) bool {
	switch sc.state[fd] {
	case 1, 3:
		return true // a cycle: say it may, the safe answer here
	case 2:
		return false
	}
	sc.state[fd] = 1
	fs := sc.d.scopes[fd]
	mayReturn := func(call *ast.CallExpr) bool { return !sc.mayEnd(fs, call) }
	res := hasEndingStmt(fd.Body, mayReturn) && cfg.New(fd.Body, mayReturn).NoReturn()
	sc.state[fd] = 2
	if res {
		sc.state[fd] = 3
	}
	return res
}

// hasEndingStmt reports whether body has a call statement that may end:
// without one, the function returns (noreturn's own shortcut).
func hasEndingStmt(body *ast.BlockStmt, mayReturn func(*ast.CallExpr) bool) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ExprStmt:
			if call, ok := n.X.(*ast.CallExpr); ok && !mayReturn(call) {
				found = true
			}
			return false
		}
		return true
	})
	return found
}

// mayEnd reports whether the call might never return.
func (sc *endScreen) mayEnd(fs *fileScope, call *ast.CallExpr) bool {
	fun := ast.Unparen(call.Fun)
	switch x := fun.(type) {
	case *ast.IndexExpr:
		fun = ast.Unparen(x.X)
	case *ast.IndexListExpr:
		fun = ast.Unparen(x.X)
	}
	switch f := fun.(type) {
	case *ast.Ident:
		if f.Name == "panic" {
			return true
		}
		if fd := sc.d.funcs[f.Name]; fd != nil {
			return fd.Body != nil && sc.never(fd)
		}
		return sc.s.ends(fs.dotted(f.Name))
	case *ast.SelectorExpr:
		name := f.Sel.Name
		if obj, isPkg := fs.qualified(f.X, name); isPkg && sc.s.ends(obj) {
			return true
		}
		// A method: its receiver's type is not known here, its name is.
		if endingMethodName(name) || sc.s.endingMethod(name) {
			return true
		}
		for _, md := range sc.d.methods[name] {
			if md.Body != nil && sc.never(md) {
				return true
			}
		}
	}
	return false
}

// ends reports whether obj is a function known never to return.
func (s *Scope) ends(obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	if noreturn.Known(fn) {
		return true
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.noReturn[fn]
}

func (s *Scope) endingMethod(name string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.noReturnNames[name]
}

// endingMethodName covers the methods noreturn knows by name (log.Logger,
// testing, zap, logrus).
func endingMethodName(name string) bool {
	switch name {
	case "Exit", "FailNow", "Skip", "Skipf", "SkipNow":
		return true
	}
	return strings.HasPrefix(name, "Fatal") || strings.HasPrefix(name, "Panic")
}

// closerParams reports whether some function of the package has a
// parameter whose type may be an interface (or a type parameter) offering
// a release method: release's parameter facts are computed for those in
// every package.
func (s *Scope) closerParams(u *Package) bool {
	d := indexDecls(u)
	for _, f := range u.Files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			// A package that reaches no catalog package is not checked
			// itself: only the facts of what others can call matter.
			if !ok || fd.Body == nil || fd.Type.Params == nil || !fd.Name.IsExported() {
				continue
			}
			ts := &typeScreen{s: s, d: d, fs: d.scopes[fd], tparams: typeParams(d, fd)}
			for _, field := range fd.Type.Params.List {
				t := field.Type
				if e, ok := t.(*ast.Ellipsis); ok {
					t = e.Elt
				}
				if ts.mayBeCloser(t, 0) {
					return true
				}
			}
		}
	}
	return false
}

type typeScreen struct {
	s       *Scope
	d       *decls
	fs      *fileScope
	tparams map[string]ast.Expr // constraint by type parameter name; nil: unknown
}

// typeParams maps the function's type parameters, and its receiver's, to
// their constraints.
func typeParams(d *decls, fd *ast.FuncDecl) map[string]ast.Expr {
	out := map[string]ast.Expr{}
	addList := func(list *ast.FieldList) {
		if list == nil {
			return
		}
		for _, f := range list.List {
			for _, n := range f.Names {
				out[n.Name] = f.Type
			}
		}
	}
	addList(fd.Type.TypeParams)
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return out
	}
	rt := fd.Recv.List[0].Type
	if st, ok := rt.(*ast.StarExpr); ok {
		rt = st.X
	}
	var base ast.Expr
	var idx []ast.Expr
	switch x := rt.(type) {
	case *ast.IndexExpr:
		base, idx = x.X, []ast.Expr{x.Index}
	case *ast.IndexListExpr:
		base, idx = x.X, x.Indices
	default:
		return out
	}
	var decl []ast.Expr // the type's own constraints, in order
	if id, ok := base.(*ast.Ident); ok {
		if ts := d.types[id.Name]; ts != nil && ts.TypeParams != nil {
			for _, f := range ts.TypeParams.List {
				for range f.Names {
					decl = append(decl, f.Type)
				}
			}
		}
	}
	for i, e := range idx {
		if id, ok := e.(*ast.Ident); ok {
			if i < len(decl) {
				out[id.Name] = decl[i]
			} else {
				out[id.Name] = nil
			}
		}
	}
	return out
}

// mayBeCloser reports whether the type expression may denote an interface
// with a release method (io.Closer, net.Conn, a local interface, a type
// parameter so constrained).
func (ts *typeScreen) mayBeCloser(expr ast.Expr, depth int) bool {
	if depth > 8 {
		return true
	}
	switch e := ast.Unparen(expr).(type) {
	case *ast.Ident:
		if c, ok := ts.tparams[e.Name]; ok {
			return c == nil || ts.mayBeCloser(c, depth+1)
		}
		if spec := ts.d.types[e.Name]; spec != nil {
			return ts.mayBeCloser(spec.Type, depth+1)
		}
		return ts.s.closerType(ts.fs.dotted(e.Name))
	case *ast.SelectorExpr:
		if obj, isPkg := ts.fs.qualified(e.X, e.Sel.Name); isPkg {
			return ts.s.closerType(obj)
		}
		return true // not a package we know: say it may
	case *ast.IndexExpr:
		return ts.mayBeCloser(e.X, depth+1)
	case *ast.IndexListExpr:
		return ts.mayBeCloser(e.X, depth+1)
	case *ast.InterfaceType:
		for _, m := range e.Methods.List {
			for _, n := range m.Names {
				if ts.s.release[n.Name] {
					return true
				}
			}
			if len(m.Names) == 0 && ts.mayBeCloser(m.Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// closerType reports whether obj is a type whose underlying interface
// offers a release method (release's closerInterface).
func (s *Scope) closerType(obj types.Object) bool {
	tn, ok := obj.(*types.TypeName)
	if !ok {
		return false
	}
	it, ok := tn.Type().Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for i := range it.NumMethods() {
		if s.release[it.Method(i).Name()] {
			return true
		}
	}
	return false
}
