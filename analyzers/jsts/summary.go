package jsts

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/connlint/connlint/analyzers/catalog"
	"github.com/connlint/connlint/analyzers/config"
)

// ExportKind says what an exported name holds, as far as clients go.
type ExportKind uint8

const (
	XNone     ExportKind = iota
	XClient              // a client (module-scope or cached)
	XGetter              // a function returning a cached client
	XFactory             // a function returning a new client per call
	XReexport            // another module's export
	XCallOf              // the result of calling another module's export at module scope
	XClass               // a class none of whose instances is a client, with static or instance factories
	XInstance            // an instance of a class with factory methods (a pub/sub object whose subscribe() opens a connection)
	XReads               // a function that only uses some of its parameters (Reads): a client handed to it stays the caller's
)

// Export is one exported name of a module summary.
type Export struct {
	Kind  ExportKind
	Entry *catalog.Entry
	Spec  string // XReexport, XCallOf: the module
	Name  string // XReexport, XCallOf: its export
	// Statics: a class's static methods that build or return a client
	// (RedisSubscriber.createInstance()).
	Statics map[string]*Export
	// Reads: XReads, bit i: parameter i is only used (its properties
	// read, its methods other than releases called), never kept, passed
	// on or released.
	Reads uint32
	// Holds: an XClient that is an object holding the client (an
	// instance of a wrapper class), not the client itself.
	Holds bool
	// Methods: a class's instance methods that return a new client; for
	// an instance of a class of its own module, that class's. An instance
	// of an imported class names the class by Spec and Name instead.
	Methods map[string]*Export
	// Subclass: an XFactory that is a class extending a client class
	// (class RedisAdapter extends Redis): `new` of it builds the client.
	Subclass bool
}

// Summary is what the first phase learns from a file and the second
// phase needs from the files a file imports.
type Summary struct {
	Path    string
	Rel     string
	Entry   bool
	Exports map[string]*Export
	Stars   []string
	// Singleton: per client kind, where this module builds the client it
	// shares (strong: exported, cached on globalThis, or a cached getter;
	// weak: used by exported functions).
	Singleton map[string]*singletonSite
	// Kinds: every client kind constructed in the file, at its first site.
	Kinds   map[string]pos
	Imports []string // resolved project files this file imports
	// Via: constructors and callees taken from project modules while
	// re-exports were not known yet (see importersOfCatalogReexports).
	Via []modRef
	// CachedCalls: calls of imported functions whose result the module
	// caches for the process (_cache.redis = createRedis()); a factory
	// among them makes the module a singleton (known after phase 1).
	CachedCalls []cachedCall
	PkgDir      string
	PkgName     string
	Deps        map[string]bool
	Next        bool
	// Hint: the file may be an entrypoint (by its folder, or because it
	// drives itself) unless an application module imports it.
	Hint entryHint
	// Test: a test file (its imports do not make a module application code).
	Test bool
	// Aux: summarised only to settle entrypoints (it names no catalog
	// module); it takes no part in choosing singletons.
	Aux bool
	// Server: the file starts a server (listen, a worker...).
	Server bool
	// PerCall: a construction runs per call (seen as application code):
	// whether only scripts import the module decides if it really does.
	PerCall bool
	// Command: the default export ends the process on every path (a CLI
	// command's main, run at most once per process, however it is loaded).
	Command bool
}

type pos struct{ Line, Col int }

type cachedCall struct {
	Spec, Name string
	Exported   bool
	pos
}

// better: s is the site to keep for its kind rather than cur: exported
// before private, then cached before built at module scope.
func (s *singletonSite) better(cur *singletonSite) bool {
	if s.Exported != cur.Exported {
		return s.Exported
	}
	if s.Cached != cur.Cached {
		return s.Cached
	}
	return s.Strong && !cur.Strong
}

type singletonSite struct {
	Strong bool
	// Cached: the client is kept for the process by a cache (globalThis,
	// a cached getter or factory call, a static instance), not only built
	// at module scope.
	Cached bool
	// Exported: other modules can import the client (exported directly,
	// through a getter or a cached factory). Only such a module is named
	// as the singleton to import; one that keeps its client private is a
	// singleton for itself only.
	Exported bool
	pos
}

// rank orders the singletons of a kind a file may be told to import:
// cached before merely exported at module scope.
func (s *singletonSite) rank() int {
	if s.Cached {
		return 1
	}
	return 0
}

// exportNames maps local names to the name they are exported as.
func (a *analysis) exportNames() map[string]string {
	if a.exportNamesMemo != nil {
		return a.exportNamesMemo
	}
	f := a.f
	m := map[string]string{}
	for _, x := range f.Exports {
		switch f.N[x].Kind {
		case KExportStatement:
			if f.Field(x, FSource) >= 0 {
				continue
			}
			if v := f.Field(x, FValue); v >= 0 {
				if u := f.Unwrap(v); u >= 0 && f.N[u].Kind == KIdentifier {
					m[f.Text(u)] = "default"
				}
			}
			if cl := f.ChildOfKind(x, KExportClause); cl >= 0 {
				for s := f.firstChild(cl); s >= 0; s = f.N[s].Next {
					if f.N[s].Kind != KExportSpecifier {
						continue
					}
					nm, al := f.Field(s, FName), f.Field(s, FAlias)
					if nm < 0 {
						continue
					}
					out := f.Text(nm)
					if al >= 0 {
						out = f.Text(al)
					}
					m[f.Text(nm)] = out
				}
			}
		case KAssignmentExpression:
			l, r := f.Field(x, FLeft), f.Unwrap(f.Field(x, FRight))
			if r < 0 {
				continue
			}
			if f.isModuleExports(l) {
				switch f.N[r].Kind {
				case KIdentifier:
					m[f.Text(r)] = "default"
				case KObject:
					for c := f.firstChild(r); c >= 0; c = f.N[c].Next {
						switch f.N[c].Kind {
						case KShorthandPropertyIdentifier:
							m[f.Text(c)] = f.Text(c)
						case KPair:
							k, v := f.Field(c, FKey), f.Unwrap(f.Field(c, FValue))
							if k >= 0 && v >= 0 && f.N[v].Kind == KIdentifier {
								m[f.Text(v)] = f.Text(k)
							}
						}
					}
				}
			} else if f.N[r].Kind == KIdentifier {
				if p := f.Field(l, FProperty); p >= 0 {
					m[f.Text(r)] = f.Text(p)
				}
			}
		}
	}
	a.exportNamesMemo = m
	return m
}

// summarize builds the file's summary.
func (a *analysis) summarize() *Summary {
	f := a.f
	s := &Summary{Path: f.Path, Rel: f.Rel, Entry: a.entry, Exports: map[string]*Export{},
		Singleton: map[string]*singletonSite{}, Kinds: map[string]pos{}, Test: a.isTest, Server: a.server}
	if !a.entry {
		s.Hint = a.entryHint()
		s.Command = a.commandModule()
	}
	if pi := a.p.fs.nearestPkg(filepath.Dir(f.Path)); pi != nil {
		s.PkgDir, s.PkgName, s.Deps, s.Next = pi.dir, pi.name, pi.deps, pi.next
	}
	for _, im := range f.Imports {
		if a.isCatalog(im.Spec) {
			continue
		}
		if p, ok := a.p.fs.resolve(f.Path, im.Spec); ok {
			s.Imports = append(s.Imports, p)
		}
	}
	a.collectExports(s)
	s.Via = a.viaModules
	for _, c := range a.sites {
		kind := c.entry.Client
		if _, ok := s.Kinds[kind]; !ok {
			s.Kinds[kind] = a.posOf(c.node)
		}
		if !a.entry && a.ctxOf(c.node).kind == ctxPerCall {
			s.PerCall = true
		}
	}
	if !a.entry && !a.isTest && !a.generated && !a.routeFile && !a.pagesAPI && !f.UseServer {
		for _, call := range f.Calls {
			fn := f.Field(call, FFunction)
			if fn < 0 {
				continue
			}
			spec, path, ok := a.symRef(fn, 0)
			if !ok || a.isCatalog(spec) || len(path) > 2 {
				continue
			}
			name := "default"
			if np := normPath(path); len(np) == 1 {
				name = np[0]
			} else if len(np) > 1 {
				continue
			}
			if a.cached(call) {
				s.CachedCalls = append(s.CachedCalls, cachedCall{Spec: spec, Name: name, Exported: a.exportedValue(call), pos: a.posOf(call)})
			}
		}
		for _, c := range a.sites {
			strong, ok := a.singletonStrength(c)
			if !ok {
				continue
			}
			kind := c.entry.Client
			site := &singletonSite{Strong: strong, Cached: strong && a.keptForProcess(c.node),
				Exported: strong && !c.holds && a.exportedValue(c.node), pos: a.posOf(c.node)}
			if cur := s.Singleton[kind]; cur == nil || site.better(cur) {
				s.Singleton[kind] = site
			}
		}
		for _, x := range s.Exports {
			if (x.Kind == XClient || x.Kind == XGetter) && x.Entry != nil {
				if cur := s.Singleton[x.Entry.Client]; cur == nil {
					s.Singleton[x.Entry.Client] = &singletonSite{Strong: true, Exported: !x.Holds, pos: s.Kinds[x.Entry.Client]}
				} else {
					cur.Strong = true
					cur.Exported = cur.Exported || !x.Holds
				}
			}
		}
	}
	return s
}

// outerMethod is the method a function is (or is nested in).
func (a *analysis) outerMethod(fn int32) int32 {
	for g := fn; g >= 0; g = a.f.EnclosingFunc(g) {
		if a.f.N[g].Kind == KMethodDefinition {
			return g
		}
	}
	return fn
}

func (a *analysis) posOf(n int32) pos {
	node := a.startNode(n)
	line, col := a.f.StartPos(node)
	return pos{Line: line, Col: col}
}

// startNode is where a finding on a construction starts: the new keyword,
// or the callee of a call.
func (a *analysis) startNode(n int32) int32 {
	if a.f.N[n].Kind == KCallExpression {
		if fn := a.f.Field(n, FFunction); fn >= 0 {
			return fn
		}
	}
	return n
}

// singletonStrength says whether a construction site makes its module the
// shared singleton of its kind, and how strongly.
func (a *analysis) singletonStrength(c *construction) (strong, ok bool) {
	f := a.f
	ctx := a.ctxOf(c.node)
	switch ctx.kind {
	case ctxCached:
		if ctx.fn >= 0 && f.N[ctx.fn].Kind == KMethodDefinition && !a.isStatic(a.outerMethod(ctx.fn)) {
			return false, false // an instance cache
		}
		return true, true
	case ctxModule:
	default:
		return false, false
	}
	top := a.valueTop(c.node)
	p := f.N[top].Parent
	if p < 0 {
		return false, false
	}
	switch f.N[p].Kind {
	case KExportStatement:
		return true, true
	case KAssignmentExpression:
		if l := f.Field(p, FLeft); f.isModuleExports(l) || f.isExportsMember(l) {
			return true, true
		}
		return false, false
	case KVariableDeclarator:
	default:
		return false, false
	}
	name := f.Field(p, FName)
	if name < 0 || f.N[name].Kind != KIdentifier {
		return false, false
	}
	if decl := f.N[p].Parent; decl >= 0 {
		if es := f.N[decl].Parent; es >= 0 && f.N[es].Kind == KExportStatement {
			return true, true
		}
	}
	b := f.Lookup(name)
	if b == nil {
		return false, false
	}
	if _, ok := a.exportNames()[b.Name]; ok {
		return true, true
	}
	weak := false
	for _, r := range f.References(b) {
		// inside an export statement or a module.exports assignment
		for q := f.N[r].Parent; q >= 0; q = f.N[q].Parent {
			if f.N[q].Kind == KExportStatement {
				if isFunc(f.N[f.firstNamedOrDecl(q)].Kind) || a.inFunc(r, q) {
					weak = true
				} else {
					return true, true
				}
				break
			}
			if f.N[q].Kind == KAssignmentExpression {
				if l := f.Field(q, FLeft); f.isModuleExports(l) || f.isExportsMember(l) {
					if a.inFunc(r, q) {
						weak = true
						break
					}
					return true, true
				}
			}
		}
		if !weak {
			if fn := f.EnclosingFunc(r); fn >= 0 {
				for g := fn; g >= 0; g = f.EnclosingFunc(g) {
					if _, exported, _ := a.funcName(g); exported {
						weak = true
						break
					}
				}
			}
		}
	}
	if weak {
		return false, true
	}
	return false, false
}

func (f *File) firstNamedOrDecl(x int32) int32 {
	if d := f.Field(x, FDeclaration); d >= 0 {
		return d
	}
	if v := f.Field(x, FValue); v >= 0 {
		return f.Unwrap(v)
	}
	return x
}

// inFunc: r lies in a function nested inside q.
func (a *analysis) inFunc(r, q int32) bool {
	for p := a.f.N[r].Parent; p >= 0 && p != q; p = a.f.N[p].Parent {
		if isFunc(a.f.N[p].Kind) {
			return true
		}
	}
	return false
}

func (a *analysis) collectExports(s *Summary) {
	f := a.f
	set := func(name string, x *Export) {
		if x != nil && x.Kind != XNone {
			s.Exports[name] = x
		}
	}
	for _, x := range f.Exports {
		switch f.N[x].Kind {
		case KExportStatement:
			if src := f.Field(x, FSource); src >= 0 {
				spec, _ := f.StringValue(src)
				cl := f.ChildOfKind(x, KExportClause)
				if cl < 0 {
					if f.ChildOfKind(x, KNamespaceExport) < 0 {
						s.Stars = append(s.Stars, spec)
					}
					continue
				}
				for sp := f.firstChild(cl); sp >= 0; sp = f.N[sp].Next {
					if f.N[sp].Kind != KExportSpecifier {
						continue
					}
					nm, al := f.Field(sp, FName), f.Field(sp, FAlias)
					if nm < 0 {
						continue
					}
					out := f.Text(nm)
					if al >= 0 {
						out = f.Text(al)
					}
					s.Exports[out] = &Export{Kind: XReexport, Spec: spec, Name: f.Text(nm)}
				}
				continue
			}
			isDefault := f.ChildOfKind(x, TDefault) >= 0
			if d := f.Field(x, FDeclaration); d >= 0 {
				switch f.N[d].Kind {
				case KLexicalDeclaration, KVariableDeclaration:
					for c := f.firstChild(d); c >= 0; c = f.N[c].Next {
						if f.N[c].Kind != KVariableDeclarator {
							continue
						}
						nm := f.Field(c, FName)
						v := f.Field(c, FValue)
						if nm >= 0 && f.N[nm].Kind == KIdentifier && v >= 0 {
							set(f.Text(nm), a.classify(v, 0))
						}
					}
				case KFunctionDeclaration, KGeneratorFunctionDeclaration, KClassDeclaration:
					x := a.classifyFunc(d)
					if nm := f.Field(d, FName); nm >= 0 {
						set(f.Text(nm), x)
					}
					if isDefault {
						set("default", x)
					}
				}
				continue
			}
			if v := f.Field(x, FValue); v >= 0 && isDefault {
				set("default", a.classify(v, 0))
				continue
			}
			// export default function () {} without a value field
			if isDefault {
				for c := f.firstChild(x); c >= 0; c = f.N[c].Next {
					if isFunc(f.N[c].Kind) || f.N[c].Kind == KClass {
						set("default", a.classifyFunc(c))
					}
				}
			}
			if cl := f.ChildOfKind(x, KExportClause); cl >= 0 {
				for sp := f.firstChild(cl); sp >= 0; sp = f.N[sp].Next {
					if f.N[sp].Kind != KExportSpecifier {
						continue
					}
					nm, al := f.Field(sp, FName), f.Field(sp, FAlias)
					if nm < 0 {
						continue
					}
					out := f.Text(nm)
					if al >= 0 {
						out = f.Text(al)
					}
					set(out, a.classify(nm, 0))
				}
			}
		case KAssignmentExpression:
			l, r := f.Field(x, FLeft), f.Field(x, FRight)
			if r < 0 {
				continue
			}
			if f.isModuleExports(l) {
				ru := f.Unwrap(r)
				if ru >= 0 && f.N[ru].Kind == KObject {
					for c := f.firstChild(ru); c >= 0; c = f.N[c].Next {
						switch f.N[c].Kind {
						case KShorthandPropertyIdentifier:
							set(f.Text(c), a.classify(c, 0))
						case KPair:
							k, v := f.Field(c, FKey), f.Field(c, FValue)
							if k >= 0 && v >= 0 {
								name := f.Text(k)
								if sv, ok := f.StringValue(k); ok {
									name = sv
								}
								set(name, a.classify(v, 0))
							}
						case KMethodDefinition:
							if nm := f.Field(c, FName); nm >= 0 {
								set(f.Text(nm), a.classifyFunc(c))
							}
						}
					}
				}
				set("default", a.classify(r, 0))
			} else if p := f.Field(l, FProperty); p >= 0 {
				set(f.Text(p), a.classify(r, 0))
			}
		}
	}
}

// classify says what an exported expression holds.
func (a *analysis) classify(e int32, depth int) *Export {
	f := a.f
	if depth > 8 {
		return nil
	}
	e = f.Unwrap(e)
	if e < 0 {
		return nil
	}
	switch f.N[e].Kind {
	case KIdentifier, KShorthandPropertyIdentifier:
		b := f.Lookup(e)
		if b == nil {
			return nil
		}
		switch b.Kind {
		case BImport:
			return &Export{Kind: XReexport, Spec: b.Import.Spec, Name: b.ImportName}
		case BFunc, BClass:
			return a.classifyFunc(b.Init)
		case BVar:
			if b.Init < 0 {
				return nil
			}
			if len(b.Path) > 0 {
				// const { PrismaClient } = require('@prisma/client');
				// module.exports = { PrismaClient }
				return a.reexportOf(e)
			}
			return a.classify(b.Init, depth+1)
		}
		return nil
	case KFunctionExpression, KArrowFunction, KGeneratorFunction, KClass:
		return a.classifyFunc(e)
	}
	inst := a.instanceExport(e, 0)
	if ent := a.valueClient(e, 0); ent != nil {
		x := &Export{Kind: XClient, Entry: ent}
		if k := f.N[e].Kind; k == KNewExpression || k == KCallExpression {
			if c := a.construction(e); c != nil && c.holds {
				x.Holds = true
				if inst != nil {
					x.Methods, x.Spec, x.Name = inst.Methods, inst.Spec, inst.Name
				}
			}
		}
		return x
	}
	if inst != nil {
		return inst
	}
	if k := f.N[e].Kind; k == KMemberExpression || k == KSubscriptExpression || k == KCallExpression && a.isRequire(e) {
		// exports.Pool = require('pg').Pool
		if x := a.reexportOf(e); x != nil {
			return x
		}
	}
	// export const db = createDb() with createDb imported
	if f.N[e].Kind == KAwaitExpression {
		e = f.Unwrap(f.firstNamed(e))
	}
	if e >= 0 && f.N[e].Kind == KCallExpression {
		spec, path, ok := a.symRef(f.Field(e, FFunction), 0)
		if ok && !a.isCatalog(spec) && len(path) <= 2 {
			name := "default"
			if np := normPath(path); len(np) == 1 {
				name = np[0]
			} else if len(np) > 1 {
				return nil
			}
			return &Export{Kind: XCallOf, Spec: spec, Name: name}
		}
	}
	return nil
}

// reexportOf: e names one export of another module (a require'd or
// imported module's member), which is then re-exported.
func (a *analysis) reexportOf(e int32) *Export {
	spec, path, ok := a.symRef(e, 0)
	if !ok {
		return nil
	}
	if np := normPath(path); len(np) == 1 {
		return &Export{Kind: XReexport, Spec: spec, Name: np[0]}
	}
	return nil
}

func (a *analysis) isRequire(call int32) bool {
	_, ok := a.f.RequireSpec(call)
	return ok
}

// classifyFunc: a factory (new client per call) or a getter (cached). A
// class is a factory when its constructor builds a client and may be
// called from outside (it is not private); its static methods are
// classified too.
func (a *analysis) classifyFunc(fn int32) *Export {
	if isClass(a.f.N[fn].Kind) {
		x := &Export{Kind: XClass, Statics: a.classStatics(fn), Methods: a.classMethods(fn)}
		if e := a.wrapperOf(fn); e != nil && !a.privateConstructor(fn) {
			x.Kind, x.Entry = XFactory, e
		} else if e := a.subclassEntry(fn, 0); e != nil && !a.privateConstructor(fn) {
			// class RedisAdapter extends Redis: new RedisAdapter() in
			// another module builds the client.
			x.Kind, x.Entry, x.Subclass = XFactory, e, true
		}
		if x.Kind == XClass && len(x.Statics) == 0 && len(x.Methods) == 0 {
			return nil
		}
		return x
	}
	if e := a.wrapperOf(fn); e != nil {
		return &Export{Kind: XFactory, Entry: e}
	}
	if e := a.returnsClient(fn); e != nil {
		return &Export{Kind: XGetter, Entry: e}
	}
	if m := a.readsParams(fn); m != 0 {
		return &Export{Kind: XReads, Reads: m}
	}
	return nil
}

// readsParams: the parameters of fn (bit i for parameter i) that it only
// uses: every reference reads a property or calls a method that neither
// releases the value nor gives it back (a chain method whose result is
// kept). A helper like dbExists(client, name) that runs a query on the
// client leaves it with its caller.
func (a *analysis) readsParams(fn int32) uint32 {
	f := a.f
	if !isFunc(f.N[fn].Kind) || f.FuncBody(fn) < 0 {
		return 0
	}
	var params []int32
	if p := f.Field(fn, FParameter); p >= 0 {
		params = []int32{p}
	} else if ps := f.Field(fn, FParameters); ps >= 0 {
		params = f.NamedChildren(ps)
	}
	var mask uint32
	for i, p := range params {
		if i >= 32 {
			break
		}
		pb := a.patternBindings(p)
		if len(pb) != 1 || len(pb[0].Path) > 0 {
			continue
		}
		refs := f.References(pb[0])
		if len(refs) == 0 {
			continue
		}
		ok := true
		for _, r := range refs {
			t := f.UpParens(r)
			q := f.N[t].Parent
			if q < 0 || f.N[q].Kind != KMemberExpression || f.Field(q, FObject) != t {
				ok = false
				break
			}
			pr := f.Field(q, FProperty)
			if pr < 0 || a.releaseName(f.Text(pr)) || a.chainResultUsed(q) {
				ok = false
				break
			}
		}
		if ok {
			mask |= 1 << i
		}
	}
	return mask
}

// releaseName: a method that releases a client or resource of some
// catalog kind.
func (a *analysis) releaseName(m string) bool {
	for _, list := range [][]*catalog.Entry{a.cat.clients, a.cat.resources} {
		for _, e := range list {
			if slices.Contains(e.Release, m) {
				return true
			}
		}
	}
	return false
}

// classMethods lists the instance methods of a class that return a new
// client per call (subscribe() building a subscriber connection).
func (a *analysis) classMethods(cls int32) map[string]*Export {
	f := a.f
	body := f.Field(cls, FBody)
	if body < 0 {
		return nil
	}
	var out map[string]*Export
	for c := f.firstChild(body); c >= 0; c = f.N[c].Next {
		if f.N[c].Kind != KMethodDefinition || a.isStatic(c) {
			continue
		}
		nm := f.Field(c, FName)
		if nm < 0 || f.textIs(nm, "constructor") {
			continue
		}
		if e := a.wrapperOf(c); e != nil {
			if out == nil {
				out = map[string]*Export{}
			}
			out[f.Text(nm)] = &Export{Kind: XFactory, Entry: e}
		}
	}
	return out
}

// instanceExport: e is an instance of a class with factory methods, built
// here (new C(...)), through a local variable, or returned by the
// initialiser of a memoizing call (singleton('x', init)). It returns the
// instance export, or nil.
func (a *analysis) instanceExport(e int32, depth int) *Export {
	f := a.f
	if depth > 4 {
		return nil
	}
	e = f.Unwrap(e)
	for e >= 0 && f.N[e].Kind == KAwaitExpression {
		e = f.Unwrap(f.firstNamed(e))
	}
	if e < 0 {
		return nil
	}
	switch f.N[e].Kind {
	case KNewExpression:
		ctor := f.Unwrap(f.Field(e, FConstructor))
		if ctor < 0 || f.N[ctor].Kind != KIdentifier {
			return nil
		}
		b := f.Lookup(ctor)
		switch {
		case b == nil:
			return nil
		case b.Kind == BClass:
			if m := a.classMethods(b.Init); len(m) > 0 {
				return &Export{Kind: XInstance, Methods: m}
			}
		case b.Kind == BImport && !a.cat.isCatalogModule(b.Import.Spec):
			return &Export{Kind: XInstance, Spec: b.Import.Spec, Name: b.ImportName}
		}
	case KIdentifier:
		if b := f.Lookup(e); b != nil && b.Kind == BVar && b.Init >= 0 && len(b.Path) == 0 {
			return a.instanceExport(b.Init, depth+1)
		}
	case KCallExpression:
		if !a.isRememberCall(e) {
			return nil
		}
		args := f.Field(e, FArguments)
		if args < 0 {
			return nil
		}
		for _, arg := range f.NamedChildren(args) {
			fn := f.Unwrap(arg)
			if fn >= 0 && f.N[fn].Kind == KIdentifier {
				if b := f.Lookup(fn); b != nil {
					fn = a.localFunc(b)
				}
			}
			if fn < 0 || !isFunc(f.N[fn].Kind) {
				continue
			}
			for _, v := range a.returnedValues(fn) {
				if x := a.instanceExport(v, depth+1); x != nil {
					return x
				}
			}
		}
	}
	return nil
}

// returnedValues: the expressions a function returns (its expression
// body, or the values of its own return statements).
func (a *analysis) returnedValues(fn int32) []int32 {
	f := a.f
	if body := f.Field(fn, FBody); body >= 0 && f.N[body].Kind != KStatementBlock {
		return []int32{body}
	}
	var out []int32
	for _, r := range f.Returns {
		if f.Contains(fn, r) && f.EnclosingFunc(r) == fn {
			if v := f.firstNamed(r); v >= 0 {
				out = append(out, v)
			}
		}
	}
	return out
}

// classStatics classifies the static methods of a class.
func (a *analysis) classStatics(cls int32) map[string]*Export {
	var out map[string]*Export
	for _, m := range a.staticMethods(cls) {
		nm := a.f.Field(m, FName)
		if x := a.classifyFunc(m); nm >= 0 && x != nil {
			if out == nil {
				out = map[string]*Export{}
			}
			out[a.f.Text(nm)] = x
		}
	}
	return out
}

// returnsClient: the function returns a cached or module-level client.
func (a *analysis) returnsClient(fn int32) *catalog.Entry {
	if v, ok := a.rcMemo[fn]; ok {
		return v
	}
	if a.rcBusy[fn] {
		return nil
	}
	a.rcBusy[fn] = true
	v := a.returnsClientUncached(fn)
	delete(a.rcBusy, fn)
	a.rcMemo[fn] = v
	return v
}

func (a *analysis) returnsClientUncached(fn int32) *catalog.Entry {
	f := a.f
	k := f.N[fn].Kind
	if !isFunc(k) {
		return nil
	}
	if k == KArrowFunction {
		if body := f.Field(fn, FBody); body >= 0 && f.N[body].Kind != KStatementBlock {
			return a.valueClient(body, 0)
		}
	}
	for _, r := range f.ReturnsOf(fn) {
		if v := f.firstNamed(r); v >= 0 {
			if e := a.valueClient(v, 0); e != nil {
				return e
			}
		}
	}
	return nil
}

// valueClient says which client an expression evaluates to, if any.
func (a *analysis) valueClient(e int32, depth int) *catalog.Entry {
	if e < 0 || depth > 10 || a.nest > 48 {
		return nil
	}
	if v, ok := a.vcMemo[e]; ok {
		return v
	}
	if a.vcBusy[e] {
		return nil
	}
	a.vcBusy[e] = true
	a.nest++
	v := a.valueClientUncached(e, depth)
	a.nest--
	delete(a.vcBusy, e)
	a.vcMemo[e] = v
	return v
}

func (a *analysis) valueClientUncached(e int32, depth int) *catalog.Entry {
	f := a.f
	e = f.Unwrap(e)
	if e < 0 {
		return nil
	}
	switch f.N[e].Kind {
	case KNewExpression:
		if c := a.construction(e); c != nil {
			return c.entry
		}
	case KCallExpression:
		if c := a.construction(e); c != nil {
			return c.entry
		}
		if a.isChainCall(e) {
			fn := f.Field(e, FFunction)
			return a.valueClient(f.Field(fn, FObject), depth+1)
		}
		// remember('x', () => new X())
		if args := f.Field(e, FArguments); args >= 0 {
			for c := f.firstChild(args); c >= 0; c = f.N[c].Next {
				if isFunc(f.N[c].Kind) && a.rememberCallback(c) {
					if ent := a.returnsAny(c); ent != nil {
						return ent
					}
				}
			}
		}
		// a local getter
		if callee := f.Unwrap(f.Field(e, FFunction)); callee >= 0 && f.N[callee].Kind == KIdentifier {
			if b := f.Lookup(callee); b != nil {
				if fn := a.localFunc(b); fn >= 0 && isFunc(f.N[fn].Kind) {
					return a.returnsClient(fn)
				}
			}
		}
		// an imported getter or factory
		if a.p.phase2 {
			if spec, path, ok := a.symRef(f.Field(e, FFunction), 0); ok && !a.isCatalog(spec) {
				if x, _ := a.p.exportOf(f.Path, spec, path); x != nil && (x.Kind == XGetter || x.Kind == XFactory) {
					return x.Entry
				}
			}
		}
	case KAwaitExpression:
		return a.valueClient(f.firstNamed(e), depth+1)
	case KAssignmentExpression, KAugmentedAssignmentExpression:
		return a.valueClient(f.Field(e, FRight), depth+1)
	case KBinaryExpression:
		if r := a.valueClient(f.Field(e, FRight), depth+1); r != nil {
			return r
		}
		return a.valueClient(f.Field(e, FLeft), depth+1)
	case KTernaryExpression:
		if r := a.valueClient(f.Field(e, FAlternative), depth+1); r != nil {
			return r
		}
		return a.valueClient(f.Field(e, FConsequence), depth+1)
	case KIdentifier, KShorthandPropertyIdentifier:
		b := f.Lookup(e)
		if b == nil {
			return nil
		}
		switch b.Kind {
		case BVar:
			if b.Init >= 0 && len(b.Path) == 0 {
				if ent := a.valueClient(b.Init, depth+1); ent != nil {
					return ent
				}
			}
			// let pool; ... pool = new Pool()
			if !b.Const {
				for _, as := range f.AssignsTo(b) {
					if ent := a.valueClient(f.Field(as, FRight), depth+1); ent != nil {
						return ent
					}
				}
			}
		case BImport:
			if a.p.phase2 {
				x, _ := a.p.exportOf(f.Path, b.Import.Spec, []string{b.ImportName})
				if x != nil && x.Kind == XClient {
					return x.Entry
				}
			}
		}
		// const { pool } = require('../db')
		if b.Kind == BVar && len(b.Path) > 0 && a.p.phase2 {
			if spec, path, ok := a.symRef(e, 0); ok && !a.isCatalog(spec) {
				if x, _ := a.p.exportOf(f.Path, spec, path); x != nil && x.Kind == XClient {
					return x.Entry
				}
			}
		}
	case KMemberExpression:
		// globalForPrisma.prisma: look for a client assigned to it.
		if a.globalSlot(e) {
			for _, as := range f.MemberAssigns(f.Text(e)) {
				if l := f.Unwrap(f.Field(as, FLeft)); l != e {
					if r := f.Unwrap(f.Field(as, FRight)); r >= 0 && !f.Contains(r, e) {
						if ent := a.valueClient(r, depth+1); ent != nil {
							return ent
						}
					}
				}
			}
		}
		if a.p.phase2 {
			if spec, path, ok := a.symRef(e, 0); ok && !a.isCatalog(spec) {
				if x, _ := a.p.exportOf(f.Path, spec, path); x != nil && x.Kind == XClient {
					return x.Entry
				}
			}
		}
	}
	return nil
}

// returnsAny: the entry of any client a function returns (cached or not).
func (a *analysis) returnsAny(fn int32) *catalog.Entry {
	f := a.f
	if f.N[fn].Kind == KArrowFunction {
		if body := f.Field(fn, FBody); body >= 0 && f.N[body].Kind != KStatementBlock {
			return a.valueClient(body, 0)
		}
	}
	for _, r := range f.ReturnsOf(fn) {
		if v := f.firstNamed(r); v >= 0 {
			if e := a.valueClient(v, 0); e != nil {
				return e
			}
		}
	}
	return nil
}

// project is what the whole run knows: configuration, catalog, file
// system cache, and after the first phase the module summaries.
type project struct {
	cfg     *config.Config
	cat     *jsCatalog
	fs      *fsCache
	workDir string
	phase2  bool
	// reexportsKnown: the first phase's summaries are complete, so
	// constructions may follow re-exports to the catalog (phase 1c on).
	reexportsKnown bool
	// catSpecs memoizes catalogSpec (dir + spec); originMemo
	// catalogOrigin (module + name), reset when summaries are replaced.
	catSpecs, originMemo sync.Map

	mu   sync.RWMutex
	sums map[string]*Summary

	// declared entrypoints (package.json, prisma.config), before the
	// first phase; entries: every entrypoint, once settled after it.
	declared    map[string]string
	entries     map[string]bool
	entriesDone bool
	// scriptOnly: modules that only entrypoints starting no server (or
	// other such modules, or tests) import.
	scriptOnly map[string]bool

	// after the first phase
	singles map[string][]*singletonRef // kind -> candidates
	feeds   map[string]bool            // files the singleton modules import
}

type singletonRef struct {
	sum      *Summary
	kind     string
	strong   bool
	exported bool
	rank     int
	pos
}

func (p *project) summary(path string) *Summary {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.sums[path]
}

// exportOf resolves export path[0] (or the module object) of spec as seen
// from file from, through re-exports. It returns the export and the file
// that defines it.
func (p *project) exportOf(from, spec string, path []string) (*Export, string) {
	return p.exportOfDepth(from, spec, path, 0)
}

func (p *project) exportOfDepth(from, spec string, path []string, depth int) (*Export, string) {
	if _, cat := p.catalogSpec(from, spec); depth > 10 || cat {
		return nil, ""
	}
	target, ok := p.fs.resolve(from, spec)
	if !ok {
		return nil, ""
	}
	name := "default"
	switch np := normPath(path); {
	case len(np) == 1:
		name = np[0]
		// import Sub from './sub'; Sub.create(): a static of the default
		if x, file := p.resolveExport(target, name, depth); x != nil || len(path) < 2 {
			return x, file
		}
		return p.memberOf(target, "default", np[0], depth)
	case len(np) == 2:
		return p.memberOf(target, np[0], np[1], depth)
	case len(np) > 2:
		return nil, ""
	case len(path) == 0:
		name = "default"
	}
	return p.resolveExport(target, name, depth)
}

// memberOf resolves method m of the export called name: a static method
// of a class, or an instance method of an exported instance (of a class
// of that module, or of an imported one).
func (p *project) memberOf(file, name, m string, depth int) (*Export, string) {
	x, f := p.resolveExport(file, name, depth)
	if x == nil || depth > 10 {
		return nil, ""
	}
	if y := x.Statics[m]; y != nil {
		return y, f
	}
	if x.Kind == XClass || x.Kind == XFactory {
		return nil, "" // C.m() of a class calls no instance method
	}
	if y := x.Methods[m]; y != nil {
		return y, f
	}
	if x.Spec != "" && (x.Kind == XInstance || x.Holds) {
		cls, cf := p.exportOfDepth(f, x.Spec, []string{x.Name}, depth+1)
		if cls != nil && cls.Methods[m] != nil {
			return cls.Methods[m], cf
		}
	}
	return nil, ""
}

func (p *project) resolveExport(file, name string, depth int) (*Export, string) {
	if depth > 10 {
		return nil, ""
	}
	s := p.summary(file)
	if s == nil {
		return nil, ""
	}
	x := s.Exports[name]
	if x == nil {
		for _, st := range s.Stars {
			if y, f := p.exportOfDepth(file, st, []string{name}, depth+1); y != nil {
				return y, f
			}
		}
		return nil, ""
	}
	switch x.Kind {
	case XReexport:
		if x.Name == "*" {
			return nil, ""
		}
		return p.exportOfDepth(file, x.Spec, []string{x.Name}, depth+1)
	case XCallOf:
		y, f := p.exportOfDepth(file, x.Spec, []string{x.Name}, depth+1)
		if y != nil && (y.Kind == XFactory || y.Kind == XGetter) {
			_ = f
			return &Export{Kind: XClient, Entry: y.Entry}, file
		}
		return nil, ""
	}
	return x, file
}

// finishPhase1 picks the singleton modules of each client kind and the
// files that feed them.
func (p *project) finishPhase1() {
	p.singles = map[string][]*singletonRef{}
	p.feeds = map[string]bool{}
	var paths []string
	for path := range p.sums {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	configured := p.cfg.HasSingleton()
	for _, path := range paths {
		s := p.sums[path]
		if s.Aux {
			continue
		}
		if configured {
			if !p.cfg.IsSingleton(path) {
				continue
			}
			for kind, ps := range s.Kinds {
				p.singles[kind] = append(p.singles[kind], &singletonRef{sum: s, kind: kind, strong: true, pos: ps})
			}
			continue
		}
		if s.Entry {
			continue
		}
		// Re-resolved exports (XCallOf through a factory) make a module
		// a singleton too.
		for _, x := range s.Exports {
			if x.Kind == XCallOf {
				if y, _ := p.exportOfDepth(path, x.Spec, []string{x.Name}, 0); y != nil && (y.Kind == XFactory || y.Kind == XGetter) && y.Entry != nil {
					if cur := s.Singleton[y.Entry.Client]; cur == nil {
						s.Singleton[y.Entry.Client] = &singletonSite{Strong: true, Cached: y.Kind == XGetter, Exported: true, pos: s.Kinds[y.Entry.Client]}
					} else {
						cur.Strong, cur.Exported = true, true
					}
				}
			}
		}
		for _, cc := range s.CachedCalls {
			if y, _ := p.exportOfDepth(path, cc.Spec, []string{cc.Name}, 0); y != nil && y.Kind == XFactory && y.Entry != nil {
				site := &singletonSite{Strong: true, Cached: true, Exported: cc.Exported, pos: cc.pos}
				if cur := s.Singleton[y.Entry.Client]; cur == nil || site.better(cur) {
					s.Singleton[y.Entry.Client] = site
				}
			}
		}
		for kind, site := range s.Singleton {
			p.singles[kind] = append(p.singles[kind], &singletonRef{sum: s, kind: kind, strong: site.Strong,
				exported: site.Exported, rank: site.rank(), pos: site.pos})
		}
	}
	for kind, list := range p.singles {
		strong := list[:0:0]
		for _, r := range list {
			if r.strong {
				strong = append(strong, r)
			}
		}
		if len(strong) > 0 {
			p.singles[kind] = strong
		}
		for _, r := range p.singles[kind] {
			for _, im := range r.sum.Imports {
				p.feeds[im] = true
			}
		}
	}
}

// singletonFor returns the singleton of kind that applies to file, or nil
// when there is none or the file is one.
func (p *project) singletonFor(file string, kind string) *singletonRef {
	list := p.singles[kind]
	if len(list) == 0 {
		return nil
	}
	for _, r := range list {
		if r.sum.Path == file {
			return nil
		}
	}
	if p.cfg.HasSingleton() {
		return list[0]
	}
	// The best applicable one: cached before exported before used, then
	// the file's own package before a dependency, then path order.
	pi := p.fs.nearestPkg(filepath.Dir(file))
	var best *singletonRef
	bestScore := -1
	for _, r := range list {
		if !r.exported {
			continue // its client cannot be imported
		}
		score := r.rank * 2
		switch {
		case pi == nil:
			if r.sum.PkgDir != "" {
				continue
			}
		case r.sum.PkgDir == pi.dir:
			score++
		case r.sum.PkgName != "" && pi.deps[r.sum.PkgName]:
		default:
			continue
		}
		if score > bestScore {
			best, bestScore = r, score
		}
	}
	return best
}

// isNext reports a file in a Next.js project (next in the nearest
// package.json).
func (p *project) isNext(file string) bool {
	pi := p.fs.nearestPkg(filepath.Dir(file))
	return pi != nil && pi.next
}

// stemNeedles returns text any import of the file must contain: its stem,
// or its folder's name for an index file.
func stemNeedles(path string) []string {
	base := filepath.Base(path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	if stem == "index" {
		return []string{filepath.Base(filepath.Dir(path))}
	}
	return []string{stem}
}

// catalogOrigin follows re-exports from a project module to the catalog
// module an export comes from.
func (p *project) catalogOrigin(from, spec string, path []string, depth int) (string, []string, bool) {
	if depth > 8 {
		return "", nil, false
	}
	if s, ok := p.catalogSpec(from, spec); ok {
		return s, path, true
	}
	target, ok := p.fs.resolve(from, spec)
	if !ok {
		return "", nil, false
	}
	s := p.summary(target)
	if s == nil {
		return "", nil, false
	}
	np := normPath(path)
	if len(np) == 0 {
		return "", nil, false
	}
	// memoized per module and name: a barrel's stars are followed once,
	// not at every call of every file that imports it
	key := target + "\x00" + strings.Join(np, "\x00")
	if v, ok := p.originMemo.Load(key); ok {
		o := v.(origin)
		return o.spec, o.path, o.ok
	}
	spec2, path2, ok2 := p.catalogOriginIn(target, s, np, depth)
	p.originMemo.Store(key, origin{spec2, path2, ok2})
	return spec2, path2, ok2
}

// origin is a memoized catalogOrigin answer.
type origin struct {
	spec string
	path []string
	ok   bool
}

// catalogOriginIn is catalogOrigin for name path np of module target,
// whose summary is s.
func (p *project) catalogOriginIn(target string, s *Summary, np []string, depth int) (string, []string, bool) {
	if x := s.Exports[np[0]]; x != nil {
		if x.Kind != XReexport || x.Name == "*" {
			return "", nil, false
		}
		return p.catalogOrigin(target, x.Spec, append([]string{x.Name}, np[1:]...), depth+1)
	}
	for _, st := range s.Stars {
		if s, ok := p.catalogSpec(target, st); ok {
			return s, np, true
		}
		if s2, p2, ok := p.catalogOrigin(target, st, np, depth+1); ok {
			return s2, p2, true
		}
	}
	return "", nil, false
}
