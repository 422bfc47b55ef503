package singleton

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
	"github.com/connlint/connlint/analyzers/internal/gocat"
	"github.com/connlint/connlint/analyzers/internal/noreturn"
	"github.com/connlint/connlint/analyzers/internal/owner"
)

// site is one construction and where it stands.
type site struct {
	call   *ast.CallExpr
	stack  []ast.Node // ancestors, from the FuncDecl down, innermost last
	kind   string
	result int
	name   string        // how the message names the call: sql.Open, db.New
	direct bool          // a catalog constructor, not a wrapper
	decl   *ast.FuncDecl // nil for a function literal at package level
	lit    *astx.PackageFuncLit
	file   string
}

// declName names the declaration the site lies in: the function, or the
// variable a package-level function literal initialises.
func (s *site) declName() string {
	if s.decl != nil {
		return s.decl.Name.Name
	}
	if s.lit.Name != "" {
		return s.lit.Name
	}
	return "a package-level function literal"
}

func (st *state[M]) check() {
	for _, f := range st.pass.Files {
		if !st.rep.Checked(f) {
			continue
		}
		file := st.pass.Fset.File(f.Pos()).Name()
		for _, d := range f.Decls {
			if gd, ok := d.(*ast.GenDecl); ok {
				// References from package level: var root = &cobra.Command{RunE: run}.
				ast.PreorderStack(gd, nil, func(n ast.Node, stack []ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok {
						st.noteRef(id, stack, nil)
					}
					return true
				})
				continue
			}
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			ast.PreorderStack(fd, nil, func(n ast.Node, stack []ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					st.noteRef(id, stack, fd)
					return true
				}
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				kind, r, name, direct, ok := st.construction(call)
				if !ok {
					st.noteCall(call, stack, fd)
					return true
				}
				st.checkSite(&site{call: call, stack: stack, kind: kind, result: r, name: name, direct: direct, decl: fd, file: file})
				return true
			})
		}
		// A function literal in a package variable (a handler kept in a
		// var) runs per call like a declaration's body; one called where
		// it stands runs once, at initialisation, like a package-level
		// construction, and is not checked.
		for _, pl := range astx.PackageFuncLits(f) {
			if pl.Once {
				continue
			}
			ast.PreorderStack(pl.Lit, pl.Stack, func(n ast.Node, stack []ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				kind, r, name, direct, ok := st.construction(call)
				if !ok {
					st.noteCall(call, stack, nil)
					return true
				}
				st.checkSite(&site{call: call, stack: stack, kind: kind, result: r, name: name, direct: direct, lit: &pl, file: file})
				return true
			})
		}
	}
}

func (st *state[M]) checkSite(s *site) {
	inner := astx.InnermostFunc(s.stack)
	onceBody := st.isOnceBody(s.stack)
	global, local, target := st.holder(s)
	typ := st.typeName(s)
	configured := st.cfg.HasSingleton()
	inSingletonPath := configured && st.cfg.IsSingleton(s.file)

	if s.decl != nil && st.testHelper(s.decl) {
		return // test support code builds its own clients, as tests do
	}

	// Rule 1: per call, in a loop body or an HTTP handler.
	if loop := astx.EnclosingLoop(s.stack); loop != nil && !global && !st.keptOutside(s, local, target, loop) && !st.retryLoop(s.stack, inner) {
		st.report(s, fmt.Sprintf("%s builds a new %s inside a loop: every iteration opens new connections; build the client once, outside the loop, and reuse it", s.name, typ), nil, true)
		return
	}
	if h, name := st.handlerAround(s.stack); h != nil && !global && !st.keptOutside(s, local, target, nil) {
		st.report(s, fmt.Sprintf("%s builds a new %s in the HTTP handler %s: every request opens new connections; build the client once at startup and share it", s.name, typ, name), nil, true)
		return
	}
	keeps := global || onceBody || (local != nil && st.storedGlobally(inner, local))

	// Rule 3: a singleton exists and this is not it. A wrapper's own
	// construction is judged where it stands.
	if s.direct && configured && !inSingletonPath {
		st.report(s, fmt.Sprintf("%s builds a %s outside the configured singleton paths (%s): use the singleton's client", s.name, typ, strings.Join(st.cfg.Singleton, ", ")), nil, false)
		return
	}
	if it, ok := st.imported[s.kind]; ok && s.direct && !configured && !keeps {
		var rel []analysis.RelatedInformation
		if obj := st.lookup(it); obj != nil && obj.Pos().IsValid() {
			rel = append(rel, analysis.RelatedInformation{Pos: obj.Pos(), End: obj.Pos() + token.Pos(len(obj.Name())), Message: "the singleton " + it.Name + " of package " + it.Pkg})
		}
		st.report(s, fmt.Sprintf("%s builds a second %s: package %s already keeps one in %s; use it", s.name, typ, it.Pkg, it.Name), rel, false)
		return
	}

	// Rule 2: short-lived, outside package main (and command bodies, which
	// run once like main). Short-lived alone runs once as often as not (a
	// startup admin connection, a migration): the function is a builder,
	// reported where it is called per call (see perCallBuilders).
	if st.pass.Pkg.Name() == "main" || st.inCommand(s.stack) || onceBody || inSingletonPath || keeps {
		return
	}
	if s.decl != nil && s.decl.Recv == nil && (s.decl.Name.Name == "init" || s.decl.Name.Name == "TestMain") {
		return
	}
	if st.escapes(s, inner, local, target) {
		return
	}
	if s.decl != nil && runsWithDecl(s.stack) {
		st.noteBuilder(s.decl, typ, s.call, nil)
	}
}

// report reports the construction; perCall tells a client built per call
// (rules 1 and 5), which release leaves to this rule: one finding per
// construction. A second singleton (rule 3) is not: release still checks
// that it is closed.
func (st *state[M]) report(s *site, msg string, rel []analysis.RelatedInformation, perCall bool) {
	if st.rep.Report(analysis.Diagnostic{Pos: s.call.Pos(), End: s.call.End(), Message: msg, Related: rel}) && perCall {
		st.reported.add(s.call)
	}
}

func (st *state[M]) typeName(s *site) string {
	t := st.pass.TypesInfo.TypeOf(s.call)
	if tup, ok := t.(*types.Tuple); ok && s.result < tup.Len() {
		t = tup.At(s.result).Type()
	}
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

func funcName(s *site) string {
	for i := len(s.stack) - 1; i >= 0; i-- {
		if _, ok := s.stack[i].(*ast.FuncLit); ok {
			if s.decl == nil && s.stack[i] == s.lit.Lit {
				break // the package-level literal itself
			}
			return "a function literal in " + s.declName()
		}
	}
	return s.declName()
}

// holder finds where the construction's client goes: a package variable
// (or a field of one), a local variable, or another target expression.
func (st *state[M]) holder(s *site) (global bool, local *types.Var, target ast.Node) {
	info := st.pass.TypesInfo
	var child ast.Node = s.call
	for i := len(s.stack) - 1; i >= 0; i-- {
		switch p := s.stack[i].(type) {
		case *ast.ParenExpr:
			child = p
			continue
		case *ast.AssignStmt:
			var lhs ast.Expr
			if len(p.Rhs) == 1 && len(p.Lhs) > 1 {
				if s.result < len(p.Lhs) {
					lhs = p.Lhs[s.result]
				}
			} else {
				for j, r := range p.Rhs {
					if r == child && j < len(p.Lhs) {
						lhs = p.Lhs[j]
					}
				}
			}
			if lhs == nil {
				return false, nil, p
			}
			if globalRoot(info, lhs) != nil {
				return true, nil, lhs
			}
			if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
				if v, ok := info.ObjectOf(id).(*types.Var); ok && owner.IsLocal(v) {
					return false, v, lhs
				}
			}
			return false, nil, lhs
		case *ast.ValueSpec:
			idx := s.result
			if len(p.Values) == len(p.Names) {
				for j, v := range p.Values {
					if v == child {
						idx = j
					}
				}
			}
			if idx < len(p.Names) {
				if v, ok := info.Defs[p.Names[idx]].(*types.Var); ok {
					return false, v, p.Names[idx]
				}
			}
			return false, nil, p
		default:
			return false, nil, p
		}
	}
	return false, nil, nil
}

// escapes reports whether the client leaves the function: returned,
// stored in a field, a package variable or a collection, sent, captured by a
// closure that outlives the call, or passed on to any call.
func (st *state[M]) escapes(s *site, inner ast.Node, local *types.Var, target ast.Node) bool {
	if local != nil {
		if target != nil {
			if id, ok := target.(*ast.Ident); ok && id.Name == "_" {
				return false
			}
		}
		if isResult(st.pass.TypesInfo, inner, local) || st.methodValueOf(inner, local) {
			return true // a named result, or pool.Close handed on: it lives on
		}
		body := astx.FuncBody(inner)
		u := &owner.Use{
			Info:      st.pass.TypesInfo,
			Var:       local,
			IsRelease: func(string) bool { return false },
			Call:      func(*ast.CallExpr, *types.Func, int) owner.Effect { return owner.Transfer },
			Body:      body,
		}
		return u.In(body) == owner.Transfer
	}
	switch t := target.(type) {
	case nil:
		return false
	case *ast.ExprStmt:
		return false
	case *ast.SelectorExpr:
		// redis.NewClient(opt).Ping(ctx): a method on the new client.
		if ast.Unparen(t.X) == s.call {
			return false
		}
		return true // stored in a field
	case *ast.Ident:
		return t.Name != "_"
	}
	return true // returned, stored, passed on, held by a composite
}

// isResult reports whether v is a named result of fn.
func isResult(info *types.Info, fn ast.Node, v *types.Var) bool {
	var ft *ast.FuncType
	switch f := fn.(type) {
	case *ast.FuncDecl:
		ft = f.Type
	case *ast.FuncLit:
		ft = f.Type
	}
	if ft == nil || ft.Results == nil {
		return false
	}
	for _, field := range ft.Results.List {
		for _, n := range field.Names {
			if info.Defs[n] == v {
				return true
			}
		}
	}
	return false
}

// methodValueOf reports whether fn takes a method value of v (v.Close
// returned or handed on, not called): the client outlives the call.
func (st *state[M]) methodValueOf(fn ast.Node, v *types.Var) bool {
	info := st.pass.TypesInfo
	found := false
	ast.PreorderStack(astx.FuncBody(fn), nil, func(n ast.Node, stack []ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || found {
			return !found
		}
		id, ok := ast.Unparen(sel.X).(*ast.Ident)
		if !ok || info.Uses[id] != v || info.Selections[sel] == nil || info.Selections[sel].Kind() != types.MethodVal {
			return true
		}
		if len(stack) > 0 {
			if call, ok := stack[len(stack)-1].(*ast.CallExpr); ok && call.Fun == sel {
				return true // called
			}
		}
		found = true
		return false
	})
	return found
}

// storedGlobally reports whether the local client is also put into a
// package variable in fn: the package's own singleton.
func (st *state[M]) storedGlobally(fn ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(astx.FuncBody(fn), func(n ast.Node) bool {
		if found {
			return false
		}
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, r := range as.Rhs {
			if mentions(st.pass.TypesInfo, r, v) && globalRoot(st.pass.TypesInfo, as.Lhs[i]) != nil {
				found = true
			}
		}
		return true
	})
	return found
}

// keptOutside reports whether a client built in a loop (loop non-nil) or a
// handler is kept beyond it: assigned to a variable declared outside the
// loop (a retry loop), or stored in a field, map, slice or package variable
// (a set of long-lived clients, a lazily built cache).
func (st *state[M]) keptOutside(s *site, local *types.Var, target ast.Node, loop ast.Node) bool {
	info := st.pass.TypesInfo
	if local == nil {
		if e, ok := target.(ast.Expr); ok {
			switch ast.Unparen(e).(type) {
			case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
				return true // s.db = sql.Open(...), clients[k] = ...
			}
		}
		return false
	}
	if loop != nil {
		body := astx.LoopBody(loop)
		if local.Pos() < body.Pos() || local.Pos() >= body.End() {
			return true // declared outside the loop: a retry loop keeps the one that worked
		}
	}
	scope := astx.FuncBody(astx.InnermostFunc(s.stack))
	if loop != nil {
		scope = astx.LoopBody(loop)
	}
	// The variables that carry the client: it, and what is built around
	// it (svc := NewService(db), r := &Repo{db: db}).
	set := map[*types.Var]bool{local: true}
	for range 3 {
		grew := false
		ast.Inspect(scope, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return true
			}
			rhs := as.Rhs
			if len(as.Rhs) == 1 && len(as.Lhs) > 1 {
				rhs = slices.Repeat(as.Rhs, len(as.Lhs)) // svc, err := NewService(db)
			}
			if len(as.Lhs) != len(rhs) {
				return true
			}
			for i, r := range rhs {
				if t := info.TypeOf(as.Lhs[i]); t == nil || isBasicOrError(t) {
					continue
				}
				id, ok := ast.Unparen(as.Lhs[i]).(*ast.Ident)
				if !ok {
					continue
				}
				v, ok := info.ObjectOf(id).(*types.Var)
				if ok && !set[v] && owner.IsLocal(v) && v.Pos() >= scope.Pos() && v.Pos() < scope.End() && st.carries(r, set) {
					set[v] = true
					grew = true
				}
			}
			return true
		})
		if !grew {
			break
		}
	}
	kept := false
	ast.Inspect(scope, func(n ast.Node) bool {
		if kept {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			rhs := n.Rhs
			if len(n.Rhs) == 1 && len(n.Lhs) > 1 {
				rhs = slices.Repeat(n.Rhs, len(n.Lhs))
			}
			for i, r := range rhs {
				if i >= len(n.Lhs) || !st.carries(r, set) {
					continue
				}
				if t := info.TypeOf(n.Lhs[i]); t == nil || isBasicOrError(t) {
					continue
				}
				switch l := ast.Unparen(n.Lhs[i]).(type) {
				case *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
					kept = true
				case *ast.Ident:
					if v, ok := info.ObjectOf(l).(*types.Var); ok && !set[v] && (!owner.IsLocal(v) || v.Pos() < scope.Pos() || v.Pos() >= scope.End()) {
						kept = true
					}
				}
			}
		case *ast.SendStmt:
			if st.carries(n.Value, set) {
				kept = true
			}
		case *ast.CallExpr:
			// Handed to a method of an object that outlives the call or the
			// iteration: h.pools.Store(tenant, pool), registry.Add(c).
			if st.outlivingReceiver(n, s, loop) && slices.ContainsFunc(n.Args, func(a ast.Expr) bool { return st.carries(a, set) && st.mayKeep(n, a) }) {
				kept = true
			}
		}
		return true
	})
	return kept
}

// mayKeep reports whether the callee of call may keep argument arg: any
// parameter but an interface through which the client cannot be released
// (go-redis Script.Run's Scripter only runs commands on it), which a
// library's method that uses the client without keeping it takes.
func (st *state[M]) mayKeep(call *ast.CallExpr, arg ast.Expr) bool {
	fn, ok := typeutil.Callee(st.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg() == st.pass.Pkg {
		return true
	}
	i := slices.Index(call.Args, arg)
	if i < 0 {
		return true
	}
	it := gocat.InterfaceParam(fn.Type().(*types.Signature), i)
	if it == nil {
		return true
	}
	release := st.gc.ReleaseNames()
	for j := range it.NumMethods() {
		if release[it.Method(j).Name()] {
			return true
		}
	}
	return false
}

func isBasicOrError(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Basic); ok {
		return true
	}
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// carries reports whether the value of e holds one of the variables of set:
// the variable itself, a composite or a pointer to one holding it, or the
// result (of a type other than a basic one) of a call it is passed to.
func (st *state[M]) carries(e ast.Expr, set map[*types.Var]bool) bool {
	info := st.pass.TypesInfo
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := info.Uses[e].(*types.Var)
		return ok && set[v]
	case *ast.UnaryExpr:
		return e.Op == token.AND && st.carries(e.X, set)
	case *ast.CompositeLit:
		return slices.ContainsFunc(e.Elts, func(x ast.Expr) bool { return st.carries(x, set) })
	case *ast.KeyValueExpr:
		return st.carries(e.Value, set)
	case *ast.CallExpr:
		if t := info.TypeOf(e); t != nil {
			if _, basic := t.Underlying().(*types.Basic); basic {
				return false
			}
			if tup, ok := t.(*types.Tuple); ok && tup.Len() > 0 {
				if _, basic := tup.At(0).Type().Underlying().(*types.Basic); basic {
					return false
				}
			}
		}
		return slices.ContainsFunc(e.Args, func(x ast.Expr) bool { return st.carries(x, set) })
	}
	return false
}

// outlivingReceiver reports whether call is a method call whose receiver is
// rooted in something that outlives the handler call or the loop iteration:
// a package variable, the method's receiver, or a variable declared outside
// the innermost function (or, for a loop, outside its body).
func (st *state[M]) outlivingReceiver(call *ast.CallExpr, s *site, loop ast.Node) bool {
	info := st.pass.TypesInfo
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || info.Selections[sel] == nil {
		return false
	}
	x := sel.X
	for {
		switch e := ast.Unparen(x).(type) {
		case *ast.SelectorExpr:
			x = e.X
			continue
		case *ast.IndexExpr:
			x = e.X
			continue
		case *ast.StarExpr:
			x = e.X
			continue
		case *ast.Ident:
			v, ok := info.Uses[e].(*types.Var)
			if !ok {
				return false
			}
			if !owner.IsLocal(v) {
				return true // a package variable
			}
			if s.decl != nil && s.decl.Recv != nil && len(s.decl.Recv.List) > 0 && len(s.decl.Recv.List[0].Names) > 0 && info.Defs[s.decl.Recv.List[0].Names[0]] == v {
				return true // the receiver
			}
			var scope ast.Node = astx.InnermostFunc(s.stack) // parameters included
			if loop != nil {
				scope = astx.LoopBody(loop)
			}
			return v.Pos() < scope.Pos() || v.Pos() >= scope.End()
		}
		return false
	}
}

func mentions(info *types.Info, n ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(n, func(m ast.Node) bool {
		if id, ok := m.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// handlerAround returns the innermost enclosing function that is an HTTP
// handler, and how to name it.
func (st *state[M]) handlerAround(stack []ast.Node) (ast.Node, string) {
	info := st.pass.TypesInfo
	for i := len(stack) - 1; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			if obj, ok := info.Defs[f.Name].(*types.Func); ok && isHandler(obj.Type().(*types.Signature)) {
				return f, f.Name.Name
			}
		case *ast.FuncLit:
			if sig, ok := info.TypeOf(f).(*types.Signature); ok && isHandler(sig) {
				if name := st.varOf(stack[:i+1]); name != "" {
					return f, name
				}
				return f, fmt.Sprintf("literal at line %d", st.pass.Fset.Position(f.Pos()).Line)
			}
		}
	}
	return nil, ""
}

// varOf names the variable whose whole value is the expression at the top
// of stack, through parentheses and conversions (var h = http.HandlerFunc(
// func(w, r) {...})), or returns "".
func (st *state[M]) varOf(stack []ast.Node) string {
	e := stack[len(stack)-1]
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
		case *ast.CallExpr:
			if !st.pass.TypesInfo.Types[p.Fun].IsType() || len(p.Args) != 1 || p.Args[0] != e {
				return ""
			}
		case *ast.ValueSpec:
			for j, v := range p.Values {
				if v == e && j < len(p.Names) {
					return p.Names[j].Name
				}
			}
			return ""
		default:
			return ""
		}
		e = stack[i]
	}
	return ""
}

// isHandler reports whether sig is an HTTP handler's: net/http's
// (http.ResponseWriter, *http.Request), or gin's, echo's or fiber's context.
func isHandler(sig *types.Signature) bool {
	ps := sig.Params()
	switch ps.Len() {
	case 2:
		return isNamed(ps.At(0).Type(), "net/http", "ResponseWriter", false) &&
			isNamed(ps.At(1).Type(), "net/http", "Request", true)
	case 1:
		t := ps.At(0).Type()
		return isNamed(t, "github.com/gin-gonic/gin", "Context", true) ||
			isNamed(t, "github.com/labstack/echo/v4", "Context", false) ||
			isNamed(t, "github.com/labstack/echo/v5", "Context", true) ||
			isNamed(t, "github.com/gofiber/fiber/v2", "Ctx", true) ||
			isNamed(t, "github.com/gofiber/fiber/v3", "Ctx", false)
	}
	return false
}

func isNamed(t types.Type, pkg, name string, ptr bool) bool {
	t = types.Unalias(t)
	if ptr {
		p, ok := t.(*types.Pointer)
		if !ok {
			return false
		}
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil || n.Obj().Name() != name {
		return false
	}
	path := n.Obj().Pkg().Path()
	return path == pkg || strings.HasSuffix(path, "/vendor/"+pkg)
}

// isOnceBody reports whether the innermost function is a literal run by
// a sync.Once (once.Do(func(){...}), sync.OnceFunc, OnceValue, OnceValues).
func (st *state[M]) isOnceBody(stack []ast.Node) bool {
	for i := len(stack) - 1; i > 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncDecl:
			return false
		case *ast.FuncLit:
			call, ok := stack[i-1].(*ast.CallExpr)
			if !ok {
				return false
			}
			fn, ok := typeutil.Callee(st.pass.TypesInfo, call).(*types.Func)
			if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
				return false
			}
			switch fn.Name() {
			case "Do", "OnceFunc", "OnceValue", "OnceValues":
				_ = f
				return true
			}
			return false
		}
	}
	return false
}

// lookup finds the singleton's variable among the imported packages.
func (st *state[M]) lookup(it Item) types.Object {
	seen := map[*types.Package]bool{}
	var walk func(p *types.Package) types.Object
	walk = func(p *types.Package) types.Object {
		if seen[p] {
			return nil
		}
		seen[p] = true
		if p.Path() == it.Pkg {
			return p.Scope().Lookup(it.Name)
		}
		for _, imp := range p.Imports() {
			if o := walk(imp); o != nil {
				return o
			}
		}
		return nil
	}
	return walk(st.pass.Pkg)
}

// inCommand reports whether the call lies in a cobra or urfave/cli command
// body.
func (st *state[M]) inCommand(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		if lit, ok := stack[i].(*ast.FuncLit); ok && owner.CommandBody(st.pass.TypesInfo, lit, stack[:i]) {
			return true
		}
	}
	return false
}

// testHelper reports whether fd takes a *testing.T, *testing.B, *testing.F
// or a testing.TB: test support code outside _test.go files (a helper that
// creates a test database), which runs under tests only.
func (st *state[M]) testHelper(fd *ast.FuncDecl) bool {
	fn, ok := st.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	if !ok {
		return false
	}
	ps := fn.Type().(*types.Signature).Params()
	for i := range ps.Len() {
		t := types.Unalias(ps.At(i).Type())
		if p, ok := t.(*types.Pointer); ok {
			t = types.Unalias(p.Elem())
		}
		if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "testing" {
			switch n.Obj().Name() {
			case "T", "B", "F", "TB":
				return true
			}
		}
	}
	return false
}

// retryLoop reports whether the loop around the construction is a retry
// loop: every path from the construction back to it (the next iteration)
// goes through a failure branch (err != nil, or the else of err == nil),
// so a client per iteration is built only until one works, and the call
// builds one in the end. A loop whose successful iteration goes on to the
// next one (a client per item, per tick, per reconnect) is per iteration.
func (st *state[M]) retryLoop(stack []ast.Node, fn ast.Node) bool {
	body := astx.FuncBody(fn)
	var stmt ast.Node
	for i := len(stack) - 1; i >= 0; i-- {
		if _, ok := stack[i].(ast.Stmt); ok {
			stmt = stack[i]
			break
		}
		if vs, ok := stack[i].(*ast.ValueSpec); ok {
			stmt = vs
			break
		}
	}
	if stmt == nil {
		return false
	}
	info := st.pass.TypesInfo
	g := cfg.New(body, func(call *ast.CallExpr) bool {
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			if b, ok := info.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
				return false
			}
		}
		f, ok := typeutil.Callee(info, call).(*types.Func)
		return !ok || !noreturn.Known(f)
	})
	var start *cfg.Block
	at := 0
	for _, b := range g.Blocks {
		for i, n := range b.Nodes {
			if n == stmt {
				start, at = b, i+1
			}
		}
	}
	if start == nil {
		return false
	}
	errType := types.Universe.Lookup("error").Type()
	failure := func(cond ast.Expr) int { // the successor index of the failure branch, or -1
		c, ok := ast.Unparen(cond).(*ast.BinaryExpr)
		if !ok || c.Op != token.EQL && c.Op != token.NEQ {
			return -1
		}
		x, y := ast.Unparen(c.X), ast.Unparen(c.Y)
		if id, ok := x.(*ast.Ident); ok && id.Name == "nil" {
			x, y = y, x
		}
		if id, ok := y.(*ast.Ident); !ok || id.Name != "nil" {
			return -1
		}
		if t := info.TypeOf(x); t == nil || !types.Identical(t, errType) {
			return -1
		}
		if c.Op == token.NEQ {
			return 0
		}
		return 1
	}
	seen := map[*cfg.Block]bool{}
	type item struct {
		b  *cfg.Block
		at int
	}
	queue := []item{{start, at}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		for _, n := range it.b.Nodes[it.at:] {
			if n == stmt {
				return false // the next iteration, reached without failing
			}
		}
		skip := -1
		if len(it.b.Succs) == 2 && len(it.b.Nodes) > 0 {
			if cond, ok := it.b.Nodes[len(it.b.Nodes)-1].(ast.Expr); ok {
				skip = failure(cond)
			}
		}
		for k, succ := range it.b.Succs {
			if k == skip || seen[succ] {
				continue
			}
			seen[succ] = true
			queue = append(queue, item{succ, 0})
		}
	}
	return true
}
