package singleton

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/internal/gocat"
	"github.com/connlint/connlint/analyzers/internal/goreport"
	"github.com/connlint/connlint/analyzers/internal/owner"
)

const doc = `singleton: a database client is constructed outside the singleton

Reports constructions of database clients (sql.Open, pgxpool.New,
redis.NewClient, ... and wrappers that return a new client) that run per call
(in a loop or an HTTP handler), calls per call of functions that build a
short-lived client outside package main, and constructions of a second
client while the module already has a singleton of that kind.`

// Analyzer discovers the config from each package's folder.
var Analyzer = New(nil)

// New returns the analyzer with a fixed config (nil: discover it).
func New(cfg *config.Config) *analysis.Analyzer {
	configs := &goreport.Configs{Fixed: cfg}
	a := build[reporting](configs, "singleton", doc)
	if cfg == nil {
		a.Flags.StringVar(&configs.Flag, "config", "", "connlint config file (default: the nearest .connlint.yml above each package)")
	}
	return a
}

// Verdicts returns an analyzer that reports nothing and whose result
// (*Reported) is the set of client constructions the singleton rule reports
// in the package. The release analyzer requires it, so that a construction
// singleton reports (the fix, sharing the client, removes its missing
// Close too) is not reported a second time, and it does so in every driver
// (go/analysis/checker, unitchecker, golangci-lint) without state shared
// between analyzers. Its facts are types of their own: go/analysis forbids
// two analyzers to share a fact type, and the reporting analyzer may run
// beside it. configs is the caller's, so that its -config flag and its
// fixed config decide here too.
func Verdicts(configs *goreport.Configs) *analysis.Analyzer {
	return build[verdicts](configs, "singletonverdicts", "singletonverdicts: the client constructions the singleton rule reports (for the release analyzer; reports nothing)")
}

// Reported is the set of client constructions the singleton rule reports
// in a package as built per call (after suppression directives): those
// release leaves alone. A call is known by its extent, so that another
// call on the same line, or starting where it does (a method called on
// its result), is not taken for it.
type Reported struct{ calls map[extent]bool }

type extent struct{ pos, end token.Pos }

// Has reports whether the singleton rule reports the construction call as
// built per call.
func (r *Reported) Has(call *ast.CallExpr) bool {
	return r != nil && r.calls[extent{call.Pos(), call.End()}]
}

func (r *Reported) add(call *ast.CallExpr) { r.calls[extent{call.Pos(), call.End()}] = true }

// mode tells the reporting analyzer from the verdicts one; each has fact
// types of its own.
type mode interface{ reporting | verdicts }

type (
	reporting struct{}
	verdicts  struct{}
)

func build[M mode](configs *goreport.Configs, name, doc string) *analysis.Analyzer {
	r := &runner[M]{configs: configs}
	_, dry := any(*new(M)).(verdicts)
	r.dry = dry
	return &analysis.Analyzer{
		Name:       name,
		Doc:        doc,
		URL:        "https://github.com/connlint/connlint/blob/main/analyzers/singleton/doc.go",
		Run:        r.run,
		ResultType: reflect.TypeFor[*Reported](),
		FactTypes:  []analysis.Fact{new(wrapperFact[M]), new(singletonFact[M]), new(builderFact[M])},
	}
}

// wrapperFact marks a function that returns a client it built (Struct: a
// struct holding one) at result number Result: calling it constructs a
// client of kind Kind.
type wrapperFact[M mode] struct {
	Result int
	Kind   string
	Struct bool
}

func (*wrapperFact[M]) AFact() {}
func (f *wrapperFact[M]) String() string {
	if f.Struct {
		return "wraps " + f.Kind + " (struct)"
	}
	return "wraps " + f.Kind
}

// singletonFact lists the singletons a package has or imports from its own
// module: a client kept in a package-level variable or behind a sync.Once.
type singletonFact[M mode] struct {
	Items []Item
}

// Item is one singleton: the client kind, and the package variable that
// keeps it.
type Item struct {
	Kind   string
	Pkg    string
	Name   string
	Module string
}

func (*singletonFact[M]) AFact() {}
func (f *singletonFact[M]) String() string {
	var parts []string
	for _, it := range f.Items {
		parts = append(parts, it.Kind+" "+it.Pkg+"."+it.Name)
	}
	return "singletons " + strings.Join(parts, ", ")
}

type runner[M mode] struct {
	configs *goreport.Configs
	dry     bool
}

type state[M mode] struct {
	pass     *analysis.Pass
	cfg      *config.Config
	gc       *gocat.Catalog
	rep      *goreport.Reporter
	wrappers map[*types.Func]*wrapperFact[M]
	funcVars funcVars[M]
	module   string
	imported map[string]Item // singletons of imported packages, by kind
	reported *Reported
	builders map[*types.Func]*builder // see perCallBuilders
	calls    []*callSite
	refs     map[*types.Func][]ref // references to the package's functions
	command  map[*types.Func]bool  // see commandCode
}

func (r *runner[M]) run(pass *analysis.Pass) (any, error) {
	cfg, err := r.configs.For(pass)
	if err != nil {
		return nil, err
	}
	gc := gocat.Index(cfg.Catalog())
	reported := &Reported{calls: map[extent]bool{}}
	if gc.IsReachRoot(pass.Pkg) || !gc.Reaches(pass.Pkg) {
		return reported, nil
	}
	st := &state[M]{
		pass:     pass,
		cfg:      cfg,
		gc:       gc,
		rep:      goreport.New(pass, "singleton", cfg),
		wrappers: map[*types.Func]*wrapperFact[M]{},
		imported: map[string]Item{},
		reported: reported,
		builders: map[*types.Func]*builder{},
		refs:     map[*types.Func][]ref{},
	}
	st.rep.Dry = r.dry
	if pass.Module != nil {
		st.module = pass.Module.Path
	}
	st.wrapperFacts()
	st.singletonFacts()
	st.check()
	st.perCallBuilders()
	return reported, nil
}

// construction reports whether call builds a client: a catalog
// constructor, or a wrapper.
func (st *state[M]) construction(call *ast.CallExpr) (kind string, result int, name string, direct, ok bool) {
	callee := typeutil.Callee(st.pass.TypesInfo, call)
	if v, isVar := callee.(*types.Var); isVar {
		if w := st.funcVars.lits[v]; w != nil {
			return w.Kind, w.Result, v.Name(), false, true
		}
		if fn := st.funcVars.aliases[v]; fn != nil {
			callee = fn // var sqlOpen = sql.Open
		}
	}
	fn, isFn := callee.(*types.Func)
	if !isFn {
		return "", 0, "", false, false
	}
	fn = fn.Origin()
	if st.gc.IsAcquireName(fn.Name()) {
		if e, ok := st.gc.Constructor(fn); ok {
			return e.Client, 0, fn.Pkg().Name() + "." + fn.Name(), true, true
		}
	}
	w, ok := st.wrappers[fn]
	if !ok && fn.Pkg() != st.pass.Pkg {
		var f wrapperFact[M]
		if st.pass.ImportObjectFact(fn, &f) {
			w, ok = &f, true
		}
	}
	if !ok {
		return "", 0, "", false, false
	}
	name = fn.Name()
	if fn.Pkg() != st.pass.Pkg && fn.Type().(*types.Signature).Recv() == nil {
		name = fn.Pkg().Name() + "." + name
	}
	return w.Kind, w.Result, name, false, true
}

// wrapperFacts finds the functions that return a client they built, or a
// struct holding one.
func (st *state[M]) wrapperFacts() {
	src := func(call *ast.CallExpr) (string, int, bool) {
		k, r, _, _, ok := st.construction(call)
		return k, r, ok
	}
	var decls []*ast.FuncDecl
	for _, f := range st.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Type.Results != nil {
				if fd.Recv == nil && (fd.Name.Name == "init" || fd.Name.Name == "main") {
					continue
				}
				decls = append(decls, fd)
			}
		}
	}
	st.funcVars = findFuncVars[M](st.pass)
	for range 3 {
		changed := false
		for v, lit := range st.funcVars.litSrc {
			if st.funcVars.lits[v] != nil {
				continue
			}
			fd := &ast.FuncDecl{Name: ast.NewIdent(v.Name()), Type: lit.Type, Body: lit.Body}
			if r, kind, ok := owner.Fresh(st.pass.TypesInfo, fd, src, false); ok {
				st.funcVars.lits[v] = &wrapperFact[M]{Result: r, Kind: kind}
				changed = true
			}
		}
		for _, fd := range decls {
			fn, ok := st.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok || st.wrappers[fn] != nil {
				continue
			}
			if r, kind, ok := owner.Fresh(st.pass.TypesInfo, fd, src, true); ok {
				res := fn.Type().(*types.Signature).Results()
				isStruct := r < res.Len() && !st.isClientType(res.At(r).Type())
				st.wrappers[fn] = &wrapperFact[M]{Result: r, Kind: kind, Struct: isStruct}
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, fd := range decls {
		if fn, ok := st.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && st.wrappers[fn] != nil {
			st.pass.ExportObjectFact(fn, st.wrappers[fn])
		}
	}
}

func (st *state[M]) isClientType(t types.Type) bool {
	_, ok := st.gc.Client(t)
	return ok
}

// singletonFacts finds the package's own singletons and those it imports
// from its module, and exports them.
func (st *state[M]) singletonFacts() {
	var items []Item
	seen := map[Item]bool{}
	add := func(it Item) {
		if !seen[it] {
			seen[it] = true
			items = append(items, it)
		}
	}
	for _, it := range st.ownSingletons() {
		add(it)
	}
	for _, imp := range st.pass.Pkg.Imports() {
		var f singletonFact[M]
		if !st.pass.ImportPackageFact(imp, &f) {
			continue
		}
		for _, it := range f.Items {
			if it.Module != st.module {
				continue
			}
			add(it)
			if _, had := st.imported[it.Kind]; !had {
				st.imported[it.Kind] = it
			}
		}
	}
	if len(items) == 0 {
		return
	}
	slices.SortFunc(items, func(a, b Item) int {
		return strings.Compare(a.Kind+"\x00"+a.Pkg+"\x00"+a.Name, b.Kind+"\x00"+b.Pkg+"\x00"+b.Name)
	})
	st.pass.ExportPackageFact(&singletonFact[M]{Items: items})
}

// ownSingletons lists the package-level variables that keep a client: set
// by their initializer (var db = mustOpen(), sync.OnceValue(...)) or by an
// assignment in a function (a sync.Once body, init, a setup function).
func (st *state[M]) ownSingletons() []Item {
	info := st.pass.TypesInfo
	var out []Item
	path := gocat.PkgPath(st.pass.Pkg)
	for _, f := range st.pass.Files {
		if strings.HasSuffix(st.pass.Fset.File(f.Pos()).Name(), "_test.go") {
			continue
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, spec := range d.Specs {
					vs := spec.(*ast.ValueSpec)
					for _, val := range vs.Values {
						if kind, ok := st.containsConstruction(val); ok && len(vs.Names) > 0 {
							out = append(out, Item{Kind: kind, Pkg: path, Name: vs.Names[0].Name, Module: st.module})
						}
					}
				}
			case *ast.FuncDecl:
				if d.Body == nil {
					continue
				}
				st.globalStores(d.Body, func(g *types.Var, kind string) {
					out = append(out, Item{Kind: kind, Pkg: path, Name: g.Name(), Module: st.module})
				})
			}
		}
	}
	_ = info
	return out
}

func (st *state[M]) containsConstruction(e ast.Expr) (string, bool) {
	kind, found := "", false
	ast.PreorderStack(e, nil, func(n ast.Node, stack []ast.Node) bool {
		if found {
			return false
		}
		if lit, ok := n.(*ast.FuncLit); ok && !st.runsAtInit(lit, stack) {
			return false // a handler or factory kept in the variable: it builds per call
		}
		if call, ok := n.(*ast.CallExpr); ok {
			if k, _, _, _, ok := st.construction(call); ok {
				kind, found = k, true
			}
		}
		return true
	})
	return kind, found
}

// runsAtInit reports whether a function literal in a package variable's
// initializer (stack: its ancestors within the initializer) runs when the
// variable is initialised: called where it stands, or handed to a function
// (sync.OnceValue, a lazy helper) that keeps what it builds. A literal that
// is only converted or stored (var h = http.HandlerFunc(func(w, r) {...}),
// a route table's entries) and an HTTP handler run per call instead.
func (st *state[M]) runsAtInit(lit *ast.FuncLit, stack []ast.Node) bool {
	info := st.pass.TypesInfo
	if sig, ok := info.TypeOf(lit).(*types.Signature); ok && isHandler(sig) {
		return false
	}
	var e ast.Node = lit
	i := len(stack) - 1
	for ; i >= 0; i-- {
		if _, ok := stack[i].(*ast.ParenExpr); !ok {
			break
		}
		e = stack[i]
	}
	if i < 0 {
		return false
	}
	call, ok := stack[i].(*ast.CallExpr)
	if !ok {
		return false
	}
	if call.Fun == e {
		return true
	}
	return !info.Types[call.Fun].IsType()
}

// globalStores calls store for each assignment in body (function literals
// included) that puts a client built there into a package-level variable,
// or into a field of one.
func (st *state[M]) globalStores(body *ast.BlockStmt, store func(*types.Var, string)) {
	info := st.pass.TypesInfo
	tags := map[*types.Var]string{}
	kindOf := func(e ast.Expr) (string, bool) {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := info.Uses[e].(*types.Var); ok {
				k, ok := tags[v]
				return k, ok
			}
		case *ast.CallExpr:
			if k, _, _, _, ok := st.construction(e); ok {
				return k, true
			}
		case *ast.UnaryExpr, *ast.CompositeLit:
			return st.containsTagged(e, tags)
		}
		return "", false
	}
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		if len(as.Rhs) == 1 && len(as.Lhs) > 1 {
			call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
			if !ok {
				return true
			}
			k, r, _, _, ok := st.construction(call)
			if !ok || r >= len(as.Lhs) {
				return true
			}
			st.storeTarget(as.Lhs[r], k, tags, store)
			return true
		}
		for i := range min(len(as.Lhs), len(as.Rhs)) {
			if k, ok := kindOf(as.Rhs[i]); ok {
				st.storeTarget(as.Lhs[i], k, tags, store)
			}
		}
		return true
	})
}

func (st *state[M]) containsTagged(e ast.Expr, tags map[*types.Var]string) (string, bool) {
	kind, found := "", false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.Ident:
			if v, ok := st.pass.TypesInfo.Uses[n].(*types.Var); ok {
				if k, ok := tags[v]; ok {
					kind, found = k, true
				}
			}
		case *ast.CallExpr:
			if k, _, _, _, ok := st.construction(n); ok {
				kind, found = k, true
			}
		}
		return true
	})
	return kind, found
}

// storeTarget records a client of kind k assigned to lhs: a local variable
// is tagged, a package variable (or a field of one) is a singleton.
func (st *state[M]) storeTarget(lhs ast.Expr, k string, tags map[*types.Var]string, store func(*types.Var, string)) {
	if g := globalRoot(st.pass.TypesInfo, lhs); g != nil {
		store(g, k)
		return
	}
	if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
		if v, ok := st.pass.TypesInfo.ObjectOf(id).(*types.Var); ok && owner.IsLocal(v) {
			tags[v] = k
		}
	}
}

// globalRoot returns the package-level variable that lhs is or is a field
// of (inst, inst.db).
func globalRoot(info *types.Info, lhs ast.Expr) *types.Var {
	for {
		switch e := ast.Unparen(lhs).(type) {
		case *ast.Ident:
			v, ok := info.ObjectOf(e).(*types.Var)
			if ok && !v.IsField() && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
				return v
			}
			return nil
		case *ast.SelectorExpr:
			if _, isQual := info.ObjectOf(e.Sel).(*types.Var); isQual && info.Selections[e] == nil {
				// pkg.Var: a package variable of another package
				return nil
			}
			lhs = e.X
		case *ast.StarExpr:
			lhs = e.X
		default:
			return nil
		}
	}
}

// funcVars are the package's function variables that stand for a
// constructor: aliases of a function (var sqlOpen = sql.Open, a test
// seam) and literals that return a client they build (var openDB =
// func(dsn string) (*sql.DB, error) {...}). A variable assigned anywhere
// in the package is left out: what it calls is not known.
type funcVars[M mode] struct {
	aliases map[*types.Var]*types.Func
	litSrc  map[*types.Var]*ast.FuncLit
	lits    map[*types.Var]*wrapperFact[M]
}

func findFuncVars[M mode](pass *analysis.Pass) funcVars[M] {
	fv := funcVars[M]{aliases: map[*types.Var]*types.Func{}, litSrc: map[*types.Var]*ast.FuncLit{}, lits: map[*types.Var]*wrapperFact[M]{}}
	assigned := map[*types.Var]bool{}
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, l := range n.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok {
						if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok {
							assigned[v] = true
						}
					}
				}
			case *ast.UnaryExpr:
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
					if v, ok := pass.TypesInfo.Uses[id].(*types.Var); ok {
						assigned[v] = true // &v may be written through
					}
				}
			}
			return true
		})
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Values) != len(vs.Names) {
					continue
				}
				for i, name := range vs.Names {
					v, ok := pass.TypesInfo.Defs[name].(*types.Var)
					if !ok || assigned[v] {
						continue
					}
					switch val := ast.Unparen(vs.Values[i]).(type) {
					case *ast.Ident, *ast.SelectorExpr:
						if fn, ok := pass.TypesInfo.ObjectOf(identOf(val)).(*types.Func); ok {
							fv.aliases[v] = fn.Origin()
						}
					case *ast.FuncLit:
						if val.Type.Results != nil {
							fv.litSrc[v] = val
						}
					}
				}
			}
		}
	}
	return fv
}

func identOf(e ast.Expr) *ast.Ident {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		return sel.Sel
	}
	return e.(*ast.Ident)
}
