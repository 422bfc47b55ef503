package jsts

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/connlint/connlint/analyzers/catalog"
)

// analysis is the per-file model both rules read: what each construction
// site builds and in which context it runs. It is computed once per file
// and shared by the rules.
type analysis struct {
	f   *File
	p   *project
	cat *jsCatalog

	isTest, entry, generated bool
	routeFile, pagesAPI      bool
	script                   bool // configured under scripts:
	declared                 bool // configured, named by package.json or prisma.config, or a shebang
	scriptPart               bool // imported only by entrypoints that start no server (and tests)
	server                   bool // starts a server (listen)

	consMemo    map[int32]*construction
	consBusy    map[int32]bool
	wrapMemo    map[int32]*catalog.Entry
	wrapBusy    map[int32]bool
	runOnceMemo map[int32]bool
	runOnceBusy map[int32]bool
	vcMemo      map[int32]*catalog.Entry
	vcBusy      map[int32]bool
	rcMemo      map[int32]*catalog.Entry
	rcBusy      map[int32]bool
	dropsMemo   map[int32]bool

	sites []*construction

	exportNamesMemo map[string]string
	exportBusy      map[*Binding]bool // bindings exportedValue is following
	// catMemo: catalogSpec of the specifiers seen in the file ("": none)
	catMemo map[string]string
	// viaModules: constructors and callees of the file that come from
	// project modules, seen before re-exports are known (phase 1c).
	viaModules []modRef
	// nest bounds the mutual recursion of the value questions (a getter
	// that returns its own call, a variable initialised from itself).
	nest int
}

// construction is a call or new that builds a client: directly through the
// catalog, or through a wrapper (a local function or class, or an imported
// factory) that returns a new one.
type construction struct {
	node  int32
	entry *catalog.Entry
	// holds: the value is a struct or class instance that holds the client,
	// not the client itself (release is not tracked on it).
	holds bool
	// via names the wrapper when the client is built through one.
	via string
	// wrapperFile is the file of an imported factory.
	wrapperFile string
}

func newAnalysis(f *File, p *project) *analysis {
	a := &analysis{f: f, p: p, cat: p.cat,
		consMemo: map[int32]*construction{}, consBusy: map[int32]bool{},
		wrapMemo: map[int32]*catalog.Entry{}, wrapBusy: map[int32]bool{},
		runOnceMemo: map[int32]bool{}, runOnceBusy: map[int32]bool{},
		vcMemo: map[int32]*catalog.Entry{}, vcBusy: map[int32]bool{},
		rcMemo: map[int32]*catalog.Entry{}, rcBusy: map[int32]bool{},
		dropsMemo: map[int32]bool{},
	}
	rel := filepath.ToSlash(f.Rel)
	a.isTest = isTestFile(rel) || a.testByContent()
	a.generated = isGeneratedPath(rel)
	a.script = p.cfg.IsScript(f.Path)
	base := strings.ToLower(filepath.Base(rel))
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	a.routeFile = stem == "route" && hasSegment(rel, "app")
	a.pagesAPI = hasSegment(rel, "pages") && strings.Contains(rel, "/api/") || strings.HasPrefix(rel, "pages/api/")
	a.server = a.startsServer()
	a.entry = a.script || f.Hashbang || p.declaredEntry(f.Path) != ""
	a.declared = a.entry
	if !a.entry && p.entriesDone {
		a.entry = p.entries[f.Path]
		a.scriptPart = p.scriptOnly[f.Path]
	}
	if !a.mayConstruct() {
		return a
	}
	for _, n := range f.News {
		if c := a.construction(n); c != nil {
			a.sites = append(a.sites, c)
		}
	}
	for _, n := range f.Calls {
		if c := a.construction(n); c != nil {
			a.sites = append(a.sites, c)
		}
	}
	slices.SortFunc(a.sites, func(x, y *construction) int { return int(x.node - y.node) })
	return a
}

// mayConstruct: the file imports a catalog module or a project module
// (a factory or a re-export may be there); a file that imports neither
// cannot build a client, so its call sites are not examined.
func (a *analysis) mayConstruct() bool {
	f := a.f
	for _, im := range f.Imports {
		if a.isCatalog(im.Spec) {
			return true
		}
		if _, ok := a.p.fs.resolve(f.Path, im.Spec); ok {
			return true
		}
	}
	return false
}

func hasSegment(rel, seg string) bool {
	return strings.HasPrefix(rel, seg+"/") || strings.Contains(rel, "/"+seg+"/")
}

// isTestFile: *.test.*, *.spec.*, __tests__/, and the other names test
// runners pick up (x_test.ts, app.e2e-spec.ts).
func isTestFile(rel string) bool {
	base := filepath.Base(rel)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	return strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") ||
		strings.HasSuffix(stem, "_test") || strings.HasSuffix(stem, "-test") ||
		strings.Contains(base, ".tst.") || strings.Contains(base, ".test-d.") ||
		strings.HasSuffix(stem, "_spec") || strings.HasSuffix(stem, "-spec") ||
		hasSegment(rel, "__tests__") || hasSegment(rel, "__mocks__")
}

// testModules are imported only by tests.
var testModules = map[string]bool{
	"vitest": true, "@jest/globals": true, "node:test": true, "bun:test": true, "mocha": true,
	"ava": true, "tap": true, "uvu": true, "@playwright/test": true, "supertest": true,
	"testcontainers": true, "chai": true, "sinon": true,
}

// testByContent: a file that imports a test runner, or a file in a test
// folder (test/, tests/, e2e/) that calls describe/it/test at its top
// level as mocha and jest globals do.
func (a *analysis) testByContent() bool {
	f := a.f
	for _, im := range f.Imports {
		name, _ := splitPkg(im.Spec)
		if testModules[name] || strings.HasPrefix(im.Spec, "@testcontainers/") {
			return true
		}
	}
	rel := filepath.ToSlash(f.Rel)
	if !hasSegment(rel, "test") && !hasSegment(rel, "tests") && !hasSegment(rel, "e2e") {
		return false
	}
	for c := f.firstChild(0); c >= 0; c = f.N[c].Next {
		if f.N[c].Kind != KExpressionStatement {
			continue
		}
		e := f.Unwrap(f.firstNamed(c))
		if e < 0 || f.N[e].Kind != KCallExpression {
			continue
		}
		fn := f.Unwrap(f.Field(e, FFunction))
		if fn >= 0 && f.N[fn].Kind == KMemberExpression {
			fn = f.Unwrap(f.Field(fn, FObject)) // describe.only, test.each
		}
		if fn >= 0 && f.N[fn].Kind == KIdentifier && f.Lookup(fn) == nil {
			switch f.Text(fn) {
			case "describe", "it", "test", "suite", "context":
				return true
			}
		}
	}
	return false
}

// isGeneratedPath: generated Prisma clients and similar output.
func isGeneratedPath(rel string) bool {
	return hasSegment(rel, "generated") && (strings.Contains(rel, "prisma") || strings.Contains(rel, "client")) ||
		hasSegment(rel, ".prisma")
}

// startsServer: the file starts something that keeps the process alive
// to serve: .listen(...), serve(...), a timer, a subscription, a queue
// worker or a cron job. Its clients live as long as the process.
func (a *analysis) startsServer() bool {
	f := a.f
	for _, c := range f.Calls {
		fn := f.Unwrap(f.Field(c, FFunction))
		if fn < 0 {
			continue
		}
		name := ""
		switch f.N[fn].Kind {
		case KMemberExpression:
			if p := f.Field(fn, FProperty); p >= 0 {
				name = f.Text(p)
			}
		case KIdentifier:
			name = f.Text(fn)
		}
		switch name {
		case "listen", "serve", "setInterval", "subscribe", "psubscribe", "schedule", "scheduleJob":
			return true
		}
	}
	for _, n := range f.News {
		ctor := f.Unwrap(f.Field(n, FConstructor))
		if ctor < 0 {
			continue
		}
		if f.N[ctor].Kind == KMemberExpression {
			ctor = f.Field(ctor, FProperty)
		}
		switch f.Text(ctor) {
		case "Worker", "QueueEvents", "CronJob":
			return true
		}
	}
	return false
}

// chainRoot strips await and .then/.catch/.finally links from an
// expression and returns the call at the root of the promise chain.
func (a *analysis) chainRoot(e int32) int32 {
	f := a.f
	for e >= 0 {
		e = f.Unwrap(e)
		if e < 0 {
			return -1
		}
		switch f.N[e].Kind {
		case KAwaitExpression:
			e = f.firstNamed(e)
			continue
		case KCallExpression:
			fn := f.Field(e, FFunction)
			if fn >= 0 && f.N[fn].Kind == KMemberExpression {
				p := f.Field(fn, FProperty)
				if p >= 0 && (f.textIs(p, "then") || f.textIs(p, "catch") || f.textIs(p, "finally")) {
					e = f.Field(fn, FObject)
					continue
				}
			}
		}
		return e
	}
	return -1
}

// symRef follows an expression to a module: the import specifier and the
// property path from the module object. `import pg from 'pg'; pg.Pool` is
// ("pg", [default Pool]); `require('pg').Pool` is ("pg", [Pool]).
func (a *analysis) symRef(e int32, depth int) (string, []string, bool) {
	f := a.f
	if depth > 16 || a.nest > 48 {
		return "", nil, false
	}
	a.nest++
	defer func() { a.nest-- }()
	e = f.Unwrap(e)
	if e < 0 {
		return "", nil, false
	}
	switch f.N[e].Kind {
	case KIdentifier, KShorthandPropertyIdentifier:
		b := f.Lookup(e)
		if b == nil {
			return "", nil, false
		}
		switch b.Kind {
		case BImport:
			if b.ImportName == "*" {
				return b.Import.Spec, nil, true
			}
			return b.Import.Spec, []string{b.ImportName}, true
		case BVar:
			if b.Init < 0 || b.Using {
				return "", nil, false
			}
			spec, path, ok := a.symRef(b.Init, depth+1)
			if !ok {
				return "", nil, false
			}
			return spec, append(slices.Clone(path), b.Path...), true
		}
	case KMemberExpression:
		obj, prop := f.Field(e, FObject), f.Field(e, FProperty)
		if obj < 0 || prop < 0 {
			return "", nil, false
		}
		spec, path, ok := a.symRef(obj, depth+1)
		if !ok {
			return "", nil, false
		}
		return spec, append(slices.Clone(path), f.Text(prop)), true
	case KSubscriptExpression:
		obj, idx := f.Field(e, FObject), f.Field(e, FIndex)
		s, ok := f.StringValue(idx)
		if obj < 0 || !ok {
			return "", nil, false
		}
		spec, path, ok := a.symRef(obj, depth+1)
		if !ok {
			return "", nil, false
		}
		return spec, append(slices.Clone(path), s), true
	case KCallExpression:
		if spec, ok := f.RequireSpec(e); ok {
			return spec, nil, true
		}
		return a.importThen(e)
	case KAwaitExpression:
		return a.symRef(f.firstNamed(e), depth+1)
	}
	return "", nil, false
}

// importThen follows import('pg').then((mod) => mod.default) (and
// .then(({ Pool }) => Pool)) to the module property the callback picks.
func (a *analysis) importThen(call int32) (string, []string, bool) {
	f := a.f
	fn := f.Unwrap(f.Field(call, FFunction))
	if fn < 0 || f.N[fn].Kind != KMemberExpression {
		return "", nil, false
	}
	if p := f.Field(fn, FProperty); p < 0 || !f.textIs(p, "then") {
		return "", nil, false
	}
	spec, ok := f.RequireSpec(f.Unwrap(f.Field(fn, FObject)))
	if !ok {
		return "", nil, false
	}
	args := f.NamedChildren(f.Field(call, FArguments))
	if len(args) != 1 {
		return "", nil, false
	}
	cb := f.Unwrap(args[0])
	if cb < 0 || f.N[cb].Kind != KArrowFunction {
		return "", nil, false
	}
	var params []*Binding
	if p := f.Field(cb, FParameter); p >= 0 {
		params = a.patternBindings(p)
	} else if ps := f.Field(cb, FParameters); ps >= 0 {
		if list := f.NamedChildren(ps); len(list) == 1 {
			params = a.patternBindings(list[0])
		}
	}
	if len(params) != 1 {
		return "", nil, false
	}
	var pick func(x int32) ([]string, bool)
	pick = func(x int32) ([]string, bool) {
		x = f.Unwrap(x)
		if x < 0 {
			return nil, false
		}
		switch f.N[x].Kind {
		case KIdentifier:
			if f.Lookup(x) == params[0] {
				return slices.Clone(params[0].Path), true
			}
		case KMemberExpression:
			if pr := f.Field(x, FProperty); pr >= 0 {
				if path, ok := pick(f.Field(x, FObject)); ok {
					return append(path, f.Text(pr)), true
				}
			}
		}
		return nil, false
	}
	path, ok := pick(f.Field(cb, FBody))
	if !ok {
		return "", nil, false
	}
	return spec, path, true
}

// direct returns the catalog entry a new/call expression builds directly.
func (a *analysis) direct(n int32) *catalog.Entry {
	f := a.f
	switch f.N[n].Kind {
	case KNewExpression:
		ctor := f.Field(n, FConstructor)
		spec, path, ok := a.symRef(ctor, 0)
		if !ok {
			return a.subclassEntry(a.constructedClass(n, ctor), 0)
		}
		spec, path = a.throughReexports(spec, path)
		return a.cat.matchNew(spec, path)
	case KCallExpression:
		fn := f.Field(n, FFunction)
		if fn < 0 || f.N[fn].Kind == KImport {
			return nil
		}
		spec, path, ok := a.symRef(fn, 0)
		if !ok {
			return nil
		}
		spec, path = a.throughReexports(spec, path)
		e := a.cat.matchCall(spec, path)
		if e != nil && e.ConnectionString && !a.connectionStringArg(n) {
			return nil
		}
		return e
	}
	return nil
}

// constructedClass is the local class a new expression builds: a class of
// this file by its name, or `this` in a static method of one (new this()
// in a cached static getter); -1 otherwise.
func (a *analysis) constructedClass(n, ctor int32) int32 {
	f := a.f
	ctor = f.Unwrap(ctor)
	if ctor < 0 {
		return -1
	}
	switch f.N[ctor].Kind {
	case KIdentifier:
		if b := f.Lookup(ctor); b != nil {
			if fn := a.localFunc(b); fn >= 0 && isClass(f.N[fn].Kind) {
				return fn
			}
		}
	case KThis:
		for p := f.N[n].Parent; p >= 0; p = f.N[p].Parent {
			if f.N[p].Kind == KMethodDefinition {
				if !a.isStatic(p) {
					return -1
				}
				for c := f.N[p].Parent; c >= 0; c = f.N[c].Parent {
					if isClass(f.N[c].Kind) {
						return c
					}
				}
				return -1
			}
			if isFunc(f.N[p].Kind) && f.N[p].Kind != KArrowFunction {
				return -1
			}
		}
	}
	return -1
}

// subclassEntry: a class that extends a catalog client class (class
// RedisAdapter extends Redis), directly or through local classes, builds
// that client: its entry, or nil.
func (a *analysis) subclassEntry(cls int32, depth int) *catalog.Entry {
	f := a.f
	if cls < 0 || depth > 4 {
		return nil
	}
	sup := a.superclass(cls)
	if sup < 0 {
		return nil
	}
	if spec, path, ok := a.symRef(sup, 0); ok {
		spec, path = a.throughReexports(spec, path)
		return a.cat.matchNew(spec, path)
	}
	if f.N[sup].Kind == KIdentifier {
		if b := f.Lookup(sup); b != nil {
			if fn := a.localFunc(b); fn >= 0 && isClass(f.N[fn].Kind) {
				return a.subclassEntry(fn, depth+1)
			}
		}
	}
	return nil
}

// superclass is the expression after a class's `extends` (-1: none). The
// heritage clause is a node the engine does not name (KNamed), and its
// `extends` token no node of its own: the first name inside it is the
// superclass.
func (a *analysis) superclass(cls int32) int32 {
	f := a.f
	body := f.Field(cls, FBody)
	end := f.N[cls].End
	if body >= 0 {
		end = f.N[body].Start
	}
	var heritage int32 = -1
	for i := cls + 1; i < int32(len(f.N)) && f.N[i].Start < end; i++ {
		if heritage < 0 {
			if t := f.Text(i); f.N[i].Kind == KNamed && strings.HasPrefix(t, "extends") && len(t) > len("extends") && !isIdentByte(t[len("extends")]) {
				heritage = i
			}
			continue
		}
		if f.N[i].Start >= f.N[heritage].End {
			return -1
		}
		if k := f.N[i].Kind; k == KIdentifier || k == KMemberExpression {
			return i
		}
	}
	return -1
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// wrapsClient: a call of a catalog function that builds a client only
// from a connection string, given a client instead (drizzle(pool)): the
// result wraps that client.
func (a *analysis) wrapsClient(call int32) bool {
	f := a.f
	fn := f.Field(call, FFunction)
	if fn < 0 {
		return false
	}
	spec, path, ok := a.symRef(fn, 0)
	if !ok {
		return false
	}
	spec, path = a.throughReexports(spec, path)
	e := a.cat.matchCall(spec, path)
	return e != nil && e.ConnectionString && !a.connectionStringArg(call)
}

// drizzleMigrator: a call of drizzle-orm's migrate(), which uses the
// database it is given and drops it.
func (a *analysis) drizzleMigrator(call int32) bool {
	f := a.f
	if call < 0 || f.N[call].Kind != KCallExpression {
		return false
	}
	spec, path, ok := a.symRef(f.Field(call, FFunction), 0)
	return ok && strings.HasPrefix(spec, "drizzle-orm/") && strings.HasSuffix(spec, "/migrator") &&
		len(normPath(path)) == 1 && normPath(path)[0] == "migrate"
}

// connectionStringArg: the first argument is a string, template,
// process.env value, or an object with `connection`.
func (a *analysis) connectionStringArg(call int32) bool {
	f := a.f
	args := f.Field(call, FArguments)
	if args < 0 {
		return false
	}
	arg := f.Unwrap(f.firstNamed(args))
	if arg < 0 {
		return false
	}
	switch f.N[arg].Kind {
	case KString, KTemplateString:
		return true
	case KMemberExpression:
		return strings.HasPrefix(f.Text(arg), "process.env")
	case KBinaryExpression:
		return strings.Contains(f.Text(arg), "process.env")
	case KObject:
		for c := f.firstChild(arg); c >= 0; c = f.N[c].Next {
			switch f.N[c].Kind {
			case KPair:
				if k := f.Field(c, FKey); k >= 0 && (f.textIs(k, "connection") || f.textIs(k, "connectionString")) {
					return true
				}
			case KShorthandPropertyIdentifier:
				if f.textIs(c, "connection") {
					return true
				}
			}
		}
	case KIdentifier:
		if b := f.Lookup(arg); b != nil && b.Kind == BVar && b.Init >= 0 {
			if _, ok := f.StringValue(b.Init); ok {
				return true
			}
			v := f.Unwrap(b.Init)
			return v >= 0 && strings.Contains(f.Text(v), "process.env") && !strings.Contains(f.Text(v), "(")
		}
	}
	return false
}

// construction returns what a new/call node builds, or nil.
func (a *analysis) construction(n int32) *construction {
	if c, ok := a.consMemo[n]; ok {
		return c
	}
	if a.consBusy[n] {
		return nil
	}
	a.consBusy[n] = true
	c := a.computeConstruction(n)
	delete(a.consBusy, n)
	a.consMemo[n] = c
	return c
}

func (a *analysis) computeConstruction(n int32) *construction {
	f := a.f
	if e := a.direct(n); e != nil {
		return &construction{node: n, entry: e}
	}
	var callee int32
	switch f.N[n].Kind {
	case KCallExpression:
		callee = f.Unwrap(f.Field(n, FFunction))
	case KNewExpression:
		callee = f.Unwrap(f.Field(n, FConstructor))
	default:
		return nil
	}
	if callee < 0 {
		return nil
	}
	// A static method of a local class (Subscriber.create()), or a
	// factory method of an instance kept in a local variable
	// (pubSub.subscribe(), pubSub = new PubSub()).
	if f.N[n].Kind == KCallExpression && f.N[callee].Kind == KMemberExpression {
		if m := a.localStatic(callee); m >= 0 {
			if e := a.wrapperOf(m); e != nil {
				return &construction{node: n, entry: e, via: shorten(f.Text(callee)), holds: a.returnsAny(m) == nil}
			}
			return nil
		}
		if x := a.localInstanceMethod(callee); x != nil {
			return &construction{node: n, entry: x.Entry, via: shorten(f.Text(callee)), holds: true}
		}
	}
	// A local wrapper function or class.
	if f.N[callee].Kind == KIdentifier {
		if b := f.Lookup(callee); b != nil {
			if fn := a.localFunc(b); fn >= 0 {
				isClass := f.N[fn].Kind == KClassDeclaration || f.N[fn].Kind == KClass || f.N[fn].Kind == KAbstractClassDeclaration
				if isClass != (f.N[n].Kind == KNewExpression) {
					return nil
				}
				if e := a.wrapperOf(fn); e != nil {
					return &construction{node: n, entry: e, via: b.Name, holds: isClass || a.returnsAny(fn) == nil}
				}
				return nil
			}
		}
	}
	// An imported factory (new of an imported subclass of a client class).
	if a.p.phase2 {
		spec, path, ok := a.symRef(callee, 0)
		if ok && len(path) <= 2 && !a.isCatalog(spec) {
			if x, file := a.p.exportOf(f.Path, spec, path); x != nil && x.Kind == XFactory && (f.N[n].Kind == KCallExpression || x.Subclass) {
				if x.Subclass {
					return &construction{node: n, entry: x.Entry} // the client itself, of a subclass
				}
				return &construction{node: n, entry: x.Entry, via: shorten(f.Text(callee)), wrapperFile: file}
			}
		}
	}
	return nil
}

// localFunc returns the function or class node a binding names, or -1.
func (a *analysis) localFunc(b *Binding) int32 {
	f := a.f
	switch b.Kind {
	case BFunc, BClass:
		return b.Init
	case BVar:
		if b.Init < 0 || len(b.Path) > 0 || b.Using {
			return -1
		}
		v := f.Unwrap(b.Init)
		if v >= 0 && (isFunc(f.N[v].Kind) || f.N[v].Kind == KClass) {
			return v
		}
	}
	return -1
}

// wrapperOf returns the entry of the client a function (or class) returns
// new on each call, or nil when it does not.
func (a *analysis) wrapperOf(fn int32) *catalog.Entry {
	if e, ok := a.wrapMemo[fn]; ok {
		return e
	}
	if a.wrapBusy[fn] {
		return nil
	}
	a.wrapBusy[fn] = true
	e := a.computeWrapper(fn)
	delete(a.wrapBusy, fn)
	a.wrapMemo[fn] = e
	return e
}

func (a *analysis) computeWrapper(fn int32) *catalog.Entry {
	f := a.f
	k := f.N[fn].Kind
	if k == KClassDeclaration || k == KClass || k == KAbstractClassDeclaration {
		ctor := a.classConstructor(fn)
		if ctor < 0 {
			return nil
		}
		for _, n := range f.SitesOf(ctor) {
			if c := a.construction(n); c != nil && a.storedOnThis(n) {
				return c.entry
			}
		}
		return nil
	}
	for _, n := range f.SitesOf(fn) {
		c := a.construction(n)
		if c == nil {
			continue
		}
		if a.cached(n) {
			continue
		}
		if a.returnedBy(n, fn, 0) {
			return c.entry
		}
	}
	return nil
}

func isClass(k Kind) bool {
	return k == KClassDeclaration || k == KClass || k == KAbstractClassDeclaration
}

// staticMethods lists the static methods of a class.
func (a *analysis) staticMethods(cls int32) []int32 {
	f := a.f
	body := f.Field(cls, FBody)
	if body < 0 {
		return nil
	}
	var out []int32
	for c := f.firstChild(body); c >= 0; c = f.N[c].Next {
		if f.N[c].Kind == KMethodDefinition && a.isStatic(c) {
			out = append(out, c)
		}
	}
	return out
}

// isStatic: a static method.
func (a *analysis) isStatic(m int32) bool {
	f := a.f
	if f.N[m].Kind != KMethodDefinition {
		return false
	}
	for c := f.firstChild(m); c >= 0; c = f.N[c].Next {
		if f.N[c].Field == FName {
			return false
		}
		if f.N[c].Kind == TStatic {
			return true
		}
	}
	return false
}

// privateConstructor: the class's constructor is private or protected:
// only its own code builds it.
func (a *analysis) privateConstructor(cls int32) bool {
	f := a.f
	ctor := a.classConstructor(cls)
	if ctor < 0 {
		return false
	}
	for c := f.firstChild(ctor); c >= 0; c = f.N[c].Next {
		if f.N[c].Field == FName {
			return false
		}
		if f.textIs(c, "private") || f.textIs(c, "protected") {
			return true
		}
	}
	return false
}

// localInstanceMethod: the factory method a member expression x.m names,
// x a variable of this file holding an instance of a class with factory
// methods; or nil.
func (a *analysis) localInstanceMethod(callee int32) *Export {
	f := a.f
	obj, prop := f.Unwrap(f.Field(callee, FObject)), f.Field(callee, FProperty)
	if obj < 0 || prop < 0 || f.N[obj].Kind != KIdentifier {
		return nil
	}
	b := f.Lookup(obj)
	if b == nil || b.Kind != BVar || b.Init < 0 || len(b.Path) > 0 {
		return nil
	}
	inst := a.instanceExport(b.Init, 0)
	if inst == nil {
		return nil
	}
	if x := inst.Methods[f.Text(prop)]; x != nil {
		return x
	}
	if inst.Spec != "" && a.p.phase2 {
		if cls, _ := a.p.exportOf(f.Path, inst.Spec, []string{inst.Name}); cls != nil {
			return cls.Methods[f.Text(prop)]
		}
	}
	return nil
}

// localStatic: the static method a member expression X.m names, X a
// class of this file; or -1.
func (a *analysis) localStatic(callee int32) int32 {
	f := a.f
	obj, prop := f.Unwrap(f.Field(callee, FObject)), f.Field(callee, FProperty)
	if obj < 0 || prop < 0 || f.N[obj].Kind != KIdentifier {
		return -1
	}
	b := f.Lookup(obj)
	if b == nil || b.Kind != BClass {
		return -1
	}
	for _, m := range a.staticMethods(b.Init) {
		if nm := f.Field(m, FName); nm >= 0 && f.Text(nm) == f.Text(prop) {
			return m
		}
	}
	return -1
}

func (a *analysis) classConstructor(cls int32) int32 {
	f := a.f
	body := f.Field(cls, FBody)
	if body < 0 {
		return -1
	}
	for c := f.firstChild(body); c >= 0; c = f.N[c].Next {
		if f.N[c].Kind == KMethodDefinition {
			if nm := f.Field(c, FName); nm >= 0 && f.textIs(nm, "constructor") {
				return c
			}
		}
	}
	return -1
}

// storedOnThis: the value of n is assigned to this.x.
func (a *analysis) storedOnThis(n int32) bool {
	return a.storedOnThisDepth(n, 0)
}

// storedOnThisDepth: directly, or through a local variable of the same
// function (let c; if (url) c = connect(url); this.clientP = c).
func (a *analysis) storedOnThisDepth(n int32, depth int) bool {
	f := a.f
	top := a.valueTop(n)
	p := f.N[top].Parent
	if p < 0 {
		return false
	}
	var b *Binding
	switch f.N[p].Kind {
	case KAssignmentExpression:
		if f.Field(p, FRight) != top {
			return false
		}
		l := f.Unwrap(f.Field(p, FLeft))
		if l < 0 {
			return false
		}
		if f.N[l].Kind == KMemberExpression {
			o := f.Field(l, FObject)
			return o >= 0 && f.N[o].Kind == KThis
		}
		if f.N[l].Kind == KIdentifier {
			b = f.Lookup(l)
		}
	case KVariableDeclarator:
		if name := f.Field(p, FName); name >= 0 && f.N[name].Kind == KIdentifier && f.Field(p, FValue) == top {
			b = f.Lookup(name)
		}
	}
	if b == nil || depth > 3 || b.Scope == 0 || f.EnclosingFuncOrSelf(b.Scope) != f.EnclosingFunc(n) {
		return false
	}
	for _, r := range f.References(b) {
		if r != f.Unwrap(f.Field(p, FLeft)) && a.storedOnThisDepth(r, depth+1) {
			return true
		}
	}
	return false
}

// valueTop climbs from an expression through the nodes that pass its value
// on unchanged or hold it: parentheses, type assertions, await, a chain
// method (`.$extends()`, `.promise()`), ?? / || operands, ternary branches,
// object and array literals, and arguments of a call or new (an adapter or
// drizzle() keeps the client it is given).
func (a *analysis) valueTop(n int32) int32 {
	f := a.f
	arg := int32(-1) // the argument climbed from, at a call
	for {
		p := f.N[n].Parent
		if p < 0 {
			return n
		}
		if f.N[p].Kind == KArguments {
			arg = n
		}
		switch f.N[p].Kind {
		case KParenthesizedExpression, KAsExpression, KSatisfiesExpression, KNonNullExpression,
			KTypeAssertion, KAwaitExpression, KPair, KArray, KObject, KSpreadElement, KArguments:
			n = p
			continue
		case KTernaryExpression:
			if f.Field(p, FCondition) == n {
				return n
			}
			n = p
			continue
		case KBinaryExpression:
			op := f.Field(p, FOperator)
			if op >= 0 && (f.N[op].Kind == TNullish || f.N[op].Kind == TOr) {
				n = p
				continue
			}
			return n
		case KMemberExpression:
			// client.$extends(...) / pool.promise(): the call returns the
			// same client.
			gp := f.N[p].Parent
			if f.Field(p, FObject) == n && gp >= 0 && f.N[gp].Kind == KCallExpression && f.Field(gp, FFunction) == p && a.isChainCall(gp) {
				n = gp
				continue
			}
			return n
		case KCallExpression, KNewExpression:
			if f.Field(p, FFunction) == n || f.Field(p, FConstructor) == n || a.opaqueCall(p) || a.callsParam(p) || f.N[n].Kind == KArguments && arg >= 0 && a.localDropsArg(p, arg) {
				return n
			}
			n = p
			continue
		}
		return n
	}
}

// opaqueCall: a call that consumes its arguments without keeping them
// (serialising a response, logging).
func (a *analysis) opaqueCall(call int32) bool {
	f := a.f
	if f.N[call].Kind != KCallExpression {
		return false
	}
	fn := f.Unwrap(f.Field(call, FFunction))
	if fn < 0 || f.N[fn].Kind != KMemberExpression {
		return false
	}
	if p := f.Field(fn, FProperty); p >= 0 {
		switch f.Text(p) {
		case "json", "send", "stringify", "log", "error", "warn", "info", "debug", "write", "end", "text", "status", "push":
			return true
		}
	}
	return false
}

// callsParam: a call of a parameter (a callback): what it returns is the
// callback's own result, not the arguments it was handed
// (`return await callback(kysely)` does not return the client).
func (a *analysis) callsParam(call int32) bool {
	f := a.f
	if f.N[call].Kind != KCallExpression {
		return false
	}
	callee := f.Unwrap(f.Field(call, FFunction))
	if callee < 0 || f.N[callee].Kind != KIdentifier {
		return false
	}
	b := f.Lookup(callee)
	return b != nil && b.Kind == BParam
}

// localDropsArgs: n is an argument of a call of a local function that
// only reads the matching parameter (calls its methods, reads its
// fields) and never keeps it: const overrides = await
// createTypeOverrides(client) computes something from the client. A
// parameter assigned, passed on, returned or stored is kept (drizzle's
// construct(client) sets db.$client = client).
func (a *analysis) localDropsArg(call, n int32) bool {
	f := a.f
	if f.N[call].Kind != KCallExpression {
		return false
	}
	callee := f.Unwrap(f.Field(call, FFunction))
	if callee < 0 || f.N[callee].Kind != KIdentifier {
		return false
	}
	b := f.Lookup(callee)
	if b == nil {
		return false
	}
	fn := a.localFunc(b)
	if fn < 0 || !isFunc(f.N[fn].Kind) {
		return false
	}
	args := f.Field(call, FArguments)
	idx := -1
	for i, c := range f.NamedChildren(args) {
		if c == n {
			idx = i
		}
	}
	if idx < 0 {
		return false
	}
	var params []int32
	if p := f.Field(fn, FParameter); p >= 0 {
		params = []int32{p}
	} else if ps := f.Field(fn, FParameters); ps >= 0 {
		params = f.NamedChildren(ps)
	}
	if idx >= len(params) {
		return false
	}
	key := fn<<8 | int32(idx)
	if v, ok := a.dropsMemo[key]; ok {
		return v
	}
	drops := true
	pb := a.patternBindings(params[idx])
	if len(pb) != 1 {
		drops = false
	}
	for _, x := range pb {
		for _, r := range f.References(x) {
			t := f.UpParens(r)
			q := f.N[t].Parent
			if q >= 0 && (f.N[q].Kind == KMemberExpression || f.N[q].Kind == KSubscriptExpression) && f.Field(q, FObject) == t {
				if !a.chainResultUsed(q) {
					continue
				}
			}
			drops = false
		}
	}
	a.dropsMemo[key] = drops
	return drops
}

// chainResultUsed: member m is called as a chain method of some client
// kind (client.$extends(...)) and the call's value is used: the function
// hands the client on rather than only reading it.
func (a *analysis) chainResultUsed(m int32) bool {
	f := a.f
	call := f.N[m].Parent
	if call < 0 || f.N[call].Kind != KCallExpression || f.Field(call, FFunction) != m {
		return false
	}
	pr := f.Field(m, FProperty)
	if pr < 0 {
		return false
	}
	name := f.Text(pr)
	chain := false
	for _, e := range a.cat.clients {
		if slices.Contains(e.Chains, name) {
			chain = true
			break
		}
	}
	if !chain {
		return false
	}
	p := f.N[f.UpParens(call)].Parent
	return p >= 0 && f.N[p].Kind != KExpressionStatement
}

// isChainCall: x.m(...) where m is a chain method of x's client kind
// (prisma.$extends(), pool.promise(), redis createClient().connect(),
// new DataSource().initialize()): the call gives back the same client.
func (a *analysis) isChainCall(call int32) bool {
	f := a.f
	fn := f.Field(call, FFunction)
	if fn < 0 || f.N[fn].Kind != KMemberExpression {
		return false
	}
	prop := f.Field(fn, FProperty)
	if prop < 0 {
		return false
	}
	name := f.Text(prop)
	maybe := false
	for _, e := range a.cat.clients {
		if slices.Contains(e.Chains, name) {
			maybe = true
			break
		}
	}
	if !maybe {
		return false
	}
	e := a.valueClient(f.Field(fn, FObject), 0)
	return e != nil && slices.Contains(e.Chains, name)
}

// returnedBy reports whether the value built at n leaves function fn
// through a return (or the arrow's expression body), directly or through a
// local variable, or inside what the function returns.
func (a *analysis) returnedBy(n, fn int32, depth int) bool {
	f := a.f
	if depth > 6 || a.nest > 48 {
		return false
	}
	a.nest++
	defer func() { a.nest-- }()
	top := a.valueTop(n)
	p := f.N[top].Parent
	if p < 0 {
		return false
	}
	switch f.N[p].Kind {
	case KReturnStatement:
		return f.EnclosingFunc(p) == fn
	case KArrowFunction:
		return p == fn && f.Field(fn, FBody) == top
	case KVariableDeclarator:
		if f.Field(p, FValue) != top {
			return false
		}
		name := f.Field(p, FName)
		if name < 0 {
			return false
		}
		// const { pgPool, release } = toPgPool(...): each name bound by
		// the pattern.
		for _, b := range a.patternBindings(name) {
			for _, r := range f.References(b) {
				if a.refReturnedBy(r, fn, depth) {
					return true
				}
			}
		}
	case KAssignmentExpression:
		// x = new Pool(); return x
		if f.Field(p, FRight) != top {
			return false
		}
		l := f.Unwrap(f.Field(p, FLeft))
		if l < 0 || f.N[l].Kind != KIdentifier {
			return false
		}
		b := f.Lookup(l)
		if b == nil || f.EnclosingFuncOrSelf(b.Scope) != fn {
			return false
		}
		for _, r := range f.References(b) {
			if r != l && a.refReturnedBy(r, fn, depth) {
				return true
			}
		}
	}
	return false
}

// refReturnedBy: a reference leaves fn with its value, directly or
// captured by a closure that fn returns (node-pg-migrate's db() returns
// { query, close } closing over its client).
func (a *analysis) refReturnedBy(r, fn int32, depth int) bool {
	f := a.f
	if a.returnedBy(r, fn, depth+1) {
		return true
	}
	// x.then(() => client): the promise the function returns resolves to it
	if then := a.resolvedBy(a.valueTop(r)); then >= 0 && f.EnclosingFunc(then) == fn && a.returnedBy(then, fn, depth+1) {
		return true
	}
	// the outermost function between r and fn
	g := int32(-1)
	for q := f.EnclosingFunc(r); q >= 0 && q != fn; q = f.EnclosingFunc(q) {
		g = q
	}
	return g >= 0 && f.Contains(fn, g) && a.closureReturned(g, fn, depth+1)
}

// closureReturned: the function literal g leaves fn as a value (returned,
// alone or in an object or array, directly or through a local variable),
// not handed to a call that runs it (a new Promise executor, a callback).
func (a *analysis) closureReturned(g, fn int32, depth int) bool {
	f := a.f
	if depth > 6 {
		return false
	}
	x := g
	for {
		p := f.N[x].Parent
		if p < 0 {
			return false
		}
		switch f.N[p].Kind {
		case KParenthesizedExpression, KAsExpression, KSatisfiesExpression, KPair, KObject, KArray, KSpreadElement:
			x = p
			continue
		case KReturnStatement:
			return f.EnclosingFunc(p) == fn
		case KArrowFunction:
			return p == fn && f.Field(fn, FBody) == x
		case KVariableDeclarator:
			b := a.declaredAs(x)
			if b == nil {
				return false
			}
			for _, r := range f.References(b) {
				if a.closureReturned(r, fn, depth+1) {
					return true
				}
			}
		}
		return false
	}
}

// patternBindings returns the bindings a declarator's name declares: one
// for an identifier, each name of a destructuring pattern.
func (a *analysis) patternBindings(name int32) []*Binding {
	f := a.f
	var out []*Binding
	for i := name; i < f.se[name]; i++ {
		k := f.N[i].Kind
		if k != KIdentifier && k != KShorthandPropertyIdentifierPattern {
			continue
		}
		if b := f.Lookup(i); b != nil && b.Decl == i {
			out = append(out, b)
		}
	}
	return out
}

// EnclosingFuncOrSelf is the function node of a scope node (itself when it
// is a function).
func (f *File) EnclosingFuncOrSelf(i int32) int32 {
	if isFunc(f.N[i].Kind) {
		return i
	}
	return f.EnclosingFunc(i)
}

// cached reports a construction whose value is kept for the life of the
// process: the fallback of `cache ?? new X()`, assigned with =, ||= or ??=
// to a cache slot (a globalThis member, a module variable, a member of a
// module object, this.x in a method), stored in a module Map, or built in
// the callback of a remember()-style cache.
func (a *analysis) cached(n int32) bool {
	f := a.f
	top := n
	for i := 0; i < 4; i++ {
		top = a.valueTop(top)
		if f.N[top].Kind == KCallExpression && top != n && a.isCacheSet(top) {
			return true
		}
		p := f.N[top].Parent
		if p < 0 {
			return false
		}
		switch f.N[p].Kind {
		case KAssignmentExpression, KAugmentedAssignmentExpression:
			if f.Field(p, FRight) == top && a.cacheSlot(f.Field(p, FLeft)) {
				return true
			}
			// let c; c = new X(); this.c = c
			if l := f.Unwrap(f.Field(p, FLeft)); l >= 0 && f.N[l].Kind == KIdentifier {
				if b := f.Lookup(l); b != nil && b.Scope != 0 {
					for _, r := range f.References(b) {
						if r != l && a.storedInCache(r) {
							return true
						}
					}
				}
			}
			// a = b = new X(): keep climbing
			top = p
			continue
		case KVariableDeclarator:
			name := f.Field(p, FName)
			if name >= 0 && f.N[name].Kind == KIdentifier {
				if b := f.Lookup(name); b != nil && b.Scope != 0 {
					for _, r := range f.References(b) {
						if a.storedInCache(r) {
							return true
						}
					}
				}
			}
		}
		break
	}
	// makeClient().then((client) => (this.client = client)): the value
	// continues as the callback's parameter.
	if b := a.thenParam(a.valueTop(n)); b != nil {
		for _, r := range f.References(b) {
			if a.storedInCache(r) {
				return true
			}
		}
	}
	// The ?? / || / ternary whose other side is a cache slot.
	for q := n; q >= 0; q = f.N[q].Parent {
		if isFunc(f.N[q].Kind) || f.N[q].Kind == KExpressionStatement || f.N[q].Kind == KReturnStatement {
			break
		}
		switch f.N[q].Kind {
		case KBinaryExpression:
			op := f.Field(q, FOperator)
			if op >= 0 && (f.N[op].Kind == TNullish || f.N[op].Kind == TOr) {
				l := f.Field(q, FLeft)
				if l >= 0 && !f.Contains(l, n) && a.cacheSlot(l) {
					return true
				}
			}
		case KTernaryExpression:
			c := f.Field(q, FCondition)
			if c >= 0 && !f.Contains(c, n) && a.mentionsCacheSlot(c) {
				return true
			}
		}
	}
	if fn := f.EnclosingFunc(n); fn >= 0 && a.rememberCallback(fn) {
		return true
	}
	// if (!cache) { x = new X(); cache = x } is covered by storedInCache.
	return false
}

// exportedValue: the value built at n is what the module exports: an
// exported binding or statement, or module.exports, directly or as the
// result of a remember()-style cache call.
func (a *analysis) exportedValue(n int32) bool {
	f := a.f
	if a.nest > 48 {
		return false
	}
	a.nest++
	defer func() { a.nest-- }()
	for depth := 0; depth < 4; depth++ {
		top := a.plainValueTop(n)
		if fn := f.EnclosingFunc(top); fn >= 0 {
			// remember('x', () => new X()): continue from the call
			calls := a.rememberCalls(fn)
			if len(calls) == 0 || !a.returnsItself(n, fn) {
				return false
			}
			n = calls[0]
			continue
		}
		p := f.N[top].Parent
		if p < 0 {
			return false
		}
		switch f.N[p].Kind {
		case KExportStatement:
			return true
		case KAssignmentExpression:
			l := f.Field(p, FLeft)
			return f.Field(p, FRight) == top && (f.isModuleExports(l) || f.isExportsMember(l))
		case KVariableDeclarator:
			if f.Field(p, FValue) != top {
				return false
			}
			if d := f.N[p].Parent; d >= 0 {
				if es := f.N[d].Parent; es >= 0 && f.N[es].Kind == KExportStatement {
					return true
				}
			}
			if b := a.declaredAs(top); b != nil {
				if _, ok := a.exportNames()[b.Name]; ok {
					return true
				}
				// const base = g.base || new PrismaClient();
				// export const prisma = base.$extends(...)
				if a.exportBusy[b] {
					return false
				}
				if a.exportBusy == nil {
					a.exportBusy = map[*Binding]bool{}
				}
				a.exportBusy[b] = true
				defer delete(a.exportBusy, b)
				for _, r := range a.f.References(b) {
					if a.exportedValue(r) {
						return true
					}
				}
			}
		}
		return false
	}
	return false
}

// plainValueTop climbs from an expression through what passes the value
// itself on (parentheses, type assertions, await, ?? and || operands,
// ternary branches, chain methods), not into a container or a call that
// holds it (valueTop does).
func (a *analysis) plainValueTop(n int32) int32 {
	f := a.f
	for {
		p := f.N[n].Parent
		if p < 0 {
			return n
		}
		switch f.N[p].Kind {
		case KParenthesizedExpression, KAsExpression, KSatisfiesExpression, KNonNullExpression, KTypeAssertion, KAwaitExpression:
			n = p
			continue
		case KTernaryExpression:
			if f.Field(p, FCondition) == n {
				return n
			}
			n = p
			continue
		case KBinaryExpression:
			if op := f.Field(p, FOperator); op >= 0 && (f.N[op].Kind == TNullish || f.N[op].Kind == TOr) {
				n = p
				continue
			}
		case KMemberExpression:
			if gp := f.N[p].Parent; f.Field(p, FObject) == n && gp >= 0 && f.N[gp].Kind == KCallExpression && f.Field(gp, FFunction) == p && a.isChainCall(gp) {
				n = gp
				continue
			}
		}
		return n
	}
}

// returnsItself: fn returns the value built at n itself (not an object
// holding it), directly or through a local variable.
func (a *analysis) returnsItself(n, fn int32) bool {
	f := a.f
	top := a.plainValueTop(n)
	p := f.N[top].Parent
	if p < 0 {
		return false
	}
	switch f.N[p].Kind {
	case KReturnStatement:
		return f.EnclosingFunc(p) == fn
	case KArrowFunction:
		return p == fn && f.Field(fn, FBody) == top
	case KVariableDeclarator:
		b := a.declaredAs(top)
		if b == nil {
			return false
		}
		for _, r := range f.References(b) {
			t := a.plainValueTop(r)
			if q := f.N[t].Parent; q >= 0 && (f.N[q].Kind == KReturnStatement && f.EnclosingFunc(q) == fn || q == fn && f.Field(fn, FBody) == t) {
				return true
			}
		}
	}
	return false
}

// keptForProcess: a construction whose client a cache keeps for the
// process: cached (globalThis ??, a cached getter, a static instance,
// remember()), or built at module scope only to feed a cached one.
func (a *analysis) keptForProcess(n int32) bool {
	if a.cached(n) {
		return true
	}
	return a.f.EnclosingFunc(n) < 0 && a.flowsIntoCached(n)
}

// thenParam: e is the object of a .then(cb) call; it returns the binding
// of cb's first parameter, or nil.
func (a *analysis) thenParam(e int32) *Binding {
	f := a.f
	m := f.N[e].Parent
	if m < 0 || f.N[m].Kind != KMemberExpression || f.Field(m, FObject) != e {
		return nil
	}
	pr := f.Field(m, FProperty)
	call := f.N[m].Parent
	if pr < 0 || !f.textIs(pr, "then") || call < 0 || f.N[call].Kind != KCallExpression {
		return nil
	}
	_, param := f.callbackParam(call)
	if param < 0 {
		return nil
	}
	for _, b := range a.patternBindings(param) {
		return b
	}
	return nil
}

// callbackParam is the function literal passed first to call and its first
// parameter (-1 where there is none).
func (f *File) callbackParam(call int32) (cb, param int32) {
	args := f.Field(call, FArguments)
	if args < 0 {
		return -1, -1
	}
	cb = f.Unwrap(f.firstNamed(args))
	if cb < 0 || !isFunc(f.N[cb].Kind) {
		return -1, -1
	}
	param = f.Field(cb, FParameter) // x => ...
	if param < 0 {
		if ps := f.Field(cb, FParameters); ps >= 0 {
			param = f.firstNamed(ps)
		}
	}
	return cb, param
}

// storedInCache: identifier r is assigned to a cache slot or put in a
// module-level Map/object by .set(k, r), directly or as the value a
// promise resolves to (clientPromise = client.connect().then(() => client)).
func (a *analysis) storedInCache(r int32) bool {
	return a.storedInCacheDepth(r, 0)
}

func (a *analysis) storedInCacheDepth(r int32, depth int) bool {
	f := a.f
	top := a.valueTop(r)
	if then := a.resolvedBy(top); then >= 0 && depth < 3 {
		return a.storedInCacheDepth(then, depth+1)
	}
	p := f.N[top].Parent
	if p < 0 {
		return false
	}
	switch f.N[p].Kind {
	case KAssignmentExpression, KAugmentedAssignmentExpression:
		if f.Field(p, FRight) != top {
			return false
		}
		if a.cacheSlot(f.Field(p, FLeft)) {
			return true
		}
		if l := f.Unwrap(f.Field(p, FLeft)); l >= 0 && f.N[l].Kind == KIdentifier {
			return a.localStoredInCache(f.Lookup(l), l, depth)
		}
		return false
	case KVariableDeclarator:
		// const queue = new Queue({ connection }); Queues.set(k, queue)
		if f.Field(p, FValue) == top {
			return a.localStoredInCache(a.declaredAs(top), -1, depth)
		}
		return false
	}
	// valueTop climbed through arguments: cache.set(key, r)
	if f.N[top].Kind == KCallExpression {
		return a.isCacheSet(top)
	}
	if gp := f.N[top].Parent; f.N[top].Kind == KArguments && gp >= 0 {
		return a.isCacheSet(gp)
	}
	return false
}

// localStoredInCache: a local variable (not the module's) one of whose
// uses, other than the assignment at skip, stores it in a cache.
func (a *analysis) localStoredInCache(b *Binding, skip int32, depth int) bool {
	if b == nil || b.Scope == 0 || depth >= 3 {
		return false
	}
	for _, r := range a.f.References(b) {
		if r != skip && a.storedInCacheDepth(r, depth+1) {
			return true
		}
	}
	return false
}

// resolvedBy: e is what a .then callback returns (x.then(() => client),
// .then(function () { return client })); it returns that .then call,
// whose promise resolves to e's value, or -1.
func (a *analysis) resolvedBy(e int32) int32 {
	f := a.f
	p := f.N[e].Parent
	if p < 0 {
		return -1
	}
	fn := int32(-1)
	switch f.N[p].Kind {
	case KArrowFunction:
		if f.Field(p, FBody) == e {
			fn = p
		}
	case KReturnStatement:
		fn = f.EnclosingFunc(p)
	}
	if fn < 0 {
		return -1
	}
	args := f.N[f.UpParens(fn)].Parent
	if args < 0 || f.N[args].Kind != KArguments || f.firstNamed(args) != f.UpParens(fn) {
		return -1
	}
	call := f.N[args].Parent
	callee := f.Field(call, FFunction)
	if callee < 0 || f.N[callee].Kind != KMemberExpression {
		return -1
	}
	if pr := f.Field(callee, FProperty); pr < 0 || !f.textIs(pr, "then") {
		return -1
	}
	return call
}

func (a *analysis) isCacheSet(call int32) bool {
	f := a.f
	fn := f.Field(call, FFunction)
	if fn < 0 || f.N[fn].Kind != KMemberExpression {
		return false
	}
	p := f.Field(fn, FProperty)
	if p < 0 || !f.textIs(p, "set") {
		return false
	}
	return a.cacheSlot(f.Field(fn, FObject))
}

// cacheSlot: a place that outlives a call: globalThis/global/window
// members, module-level variables and their members, this.x in a method.
func (a *analysis) cacheSlot(e int32) bool {
	f := a.f
	e = f.Unwrap(e)
	if e < 0 {
		return false
	}
	switch f.N[e].Kind {
	case KIdentifier:
		b := f.Lookup(e)
		if b == nil {
			return isGlobalObject(f.Text(e))
		}
		// a module variable, or a class (its static fields)
		return b.Scope == 0 && (b.Kind == BVar || b.Kind == BClass)
	case KMemberExpression, KSubscriptExpression:
		o := f.Field(e, FObject)
		if o < 0 {
			return false
		}
		o = f.Unwrap(o)
		if o >= 0 && f.N[o].Kind == KThis {
			fn := f.EnclosingFunc(e)
			for fn >= 0 && f.N[fn].Kind == KArrowFunction {
				fn = f.EnclosingFunc(fn)
			}
			if fn < 0 {
				return false
			}
			// this.x in a method (or a function used as one) outlives the
			// call; in a class constructor it makes the class a wrapper.
			if f.N[fn].Kind == KMethodDefinition {
				if nm := f.Field(fn, FName); nm >= 0 && f.textIs(nm, "constructor") {
					return false
				}
			}
			return true
		}
		return a.cacheSlot(o)
	}
	return false
}

func isGlobalObject(name string) bool {
	return name == "globalThis" || name == "global" || name == "window" || name == "self"
}

// globalSlot: a cache slot on globalThis/global (directly or through a
// module const that aliases globalThis).
func (a *analysis) globalSlot(e int32) bool {
	f := a.f
	for depth := 0; depth < 8; depth++ {
		e = f.Unwrap(e)
		if e < 0 {
			return false
		}
		switch f.N[e].Kind {
		case KIdentifier:
			b := f.Lookup(e)
			if b == nil {
				return isGlobalObject(f.Text(e))
			}
			if b.Kind != BVar || b.Init < 0 {
				return false
			}
			e = b.Init
		case KMemberExpression, KSubscriptExpression:
			e = f.Field(e, FObject)
		default:
			return false
		}
	}
	return false
}

func (a *analysis) mentionsCacheSlot(c int32) bool {
	f := a.f
	for i := c; i < f.se[c]; i++ {
		if k := f.N[i].Kind; (k == KMemberExpression || k == KIdentifier) && a.cacheSlot(i) {
			return true
		}
	}
	return false
}

// rememberCallback: fn is the callback of a memoizing cache call:
// remember('x', () => new X()), singleton(...), memoize(...), once(...),
// written there or a local function only ever handed to such calls
// (singleton('redis', initializeRedis)). React's cache() is per request
// and does not count.
func (a *analysis) rememberCallback(fn int32) bool {
	return len(a.rememberCalls(fn)) > 0
}

// rememberCalls returns the memoizing calls fn is the callback of, or nil
// when fn runs otherwise too.
func (a *analysis) rememberCalls(fn int32) []int32 {
	f := a.f
	top := f.UpParens(fn)
	if call := a.rememberArgOf(top); call >= 0 {
		return []int32{call}
	}
	var b *Binding
	if p := f.N[top].Parent; p >= 0 && f.N[p].Kind == KVariableDeclarator && f.Field(p, FValue) == top {
		b = a.declaredAs(top)
	} else if nm := f.Field(fn, FName); nm >= 0 && f.N[fn].Kind == KFunctionDeclaration {
		b = f.Lookup(nm)
	}
	if b == nil {
		return nil
	}
	var calls []int32
	for _, r := range f.References(b) {
		call := a.rememberArgOf(f.UpParens(r))
		if call < 0 {
			return nil
		}
		calls = append(calls, call)
	}
	return calls
}

// rememberArgOf: x is an argument of a memoizing cache call; it returns
// the call, or -1.
func (a *analysis) rememberArgOf(x int32) int32 {
	f := a.f
	args := f.N[x].Parent
	if args < 0 || f.N[args].Kind != KArguments {
		return -1
	}
	call := f.N[args].Parent
	if a.isRememberCall(call) {
		return call
	}
	return -1
}

func (a *analysis) isRememberCall(call int32) bool {
	f := a.f
	callee := f.Unwrap(f.Field(call, FFunction))
	if callee < 0 {
		return false
	}
	name := ""
	switch f.N[callee].Kind {
	case KIdentifier:
		name = f.Text(callee)
		if b := f.Lookup(callee); b != nil && b.Kind == BImport {
			if b.Import.Spec == "@epic-web/remember" {
				return true
			}
			if b.Import.Spec == "react" {
				return false
			}
		}
	case KMemberExpression:
		if p := f.Field(callee, FProperty); p >= 0 {
			name = f.Text(p)
		}
	}
	switch name {
	case "remember", "singleton", "memoize", "once", "lazy", "memo", "getOrCreate", "cachedSingleton":
		return true
	}
	return false
}

// ctxKind says where a construction runs.
type ctxKind uint8

const (
	ctxModule   ctxKind = iota // module scope, once
	ctxCached                  // kept for the life of the process
	ctxReturned                // returned by its wrapper: judged at the calls
	ctxRunOnce                 // a function called once from the top level
	ctxPerCall                 // runs per call
)

type siteCtx struct {
	kind ctxKind
	why  string // for ctxPerCall: "in a Next.js route handler", ...
	fn   int32
}

// ctxOf classifies a construction site.
func (a *analysis) ctxOf(n int32) siteCtx {
	f := a.f
	if a.cached(n) {
		return siteCtx{kind: ctxCached, fn: f.EnclosingFunc(n)}
	}
	fn := f.EnclosingFunc(n)
	loop := a.loopBetween(n, fn)
	if fn < 0 {
		if loop >= 0 {
			return siteCtx{kind: ctxPerCall, why: "in a loop", fn: -1}
		}
		return siteCtx{kind: ctxModule, fn: -1}
	}
	// What a request handler returns goes to the framework, per request:
	// closures over a client it builds do not make it a factory.
	if loop < 0 && a.returnedBy(n, fn, 0) && a.handlerItself(fn) == "" {
		return siteCtx{kind: ctxReturned, fn: fn}
	}
	if loop < 0 && f.N[fn].Kind == KMethodDefinition && a.storedOnThis(n) {
		if nm := f.Field(fn, FName); nm >= 0 && f.textIs(nm, "constructor") {
			return siteCtx{kind: ctxReturned, fn: fn}
		}
	}
	if loop >= 0 {
		return siteCtx{kind: ctxPerCall, why: "in a loop", fn: fn}
	}
	if why := a.handlerKind(fn); why != "" {
		return siteCtx{kind: ctxPerCall, why: why, fn: fn}
	}
	// new Promise((resolve) => { ...; resolve({ client }) }): the client
	// goes where the promise goes.
	if pr := a.resolvedPromise(n, fn); pr >= 0 {
		return a.ctxOf(pr)
	}
	if a.registeredOnParam(n, 0) {
		return siteCtx{kind: ctxCached, fn: fn}
	}
	if a.runOnce(fn) {
		return siteCtx{kind: ctxRunOnce, fn: fn}
	}
	return siteCtx{kind: ctxPerCall, why: "in a function that does not cache it", fn: fn}
}

// resolvedPromise: fn is the executor of a new Promise and the value of n
// reaches a call of its resolve parameter. It returns the new Promise
// node, or -1.
func (a *analysis) resolvedPromise(n, fn int32) int32 {
	f := a.f
	top := f.UpParens(fn)
	args := f.N[top].Parent
	if args < 0 || f.N[args].Kind != KArguments {
		return -1
	}
	pr := f.N[args].Parent
	if f.N[pr].Kind != KNewExpression {
		return -1
	}
	if c := f.Unwrap(f.Field(pr, FConstructor)); c < 0 || !f.textIs(c, "Promise") {
		return -1
	}
	var resolve *Binding
	if ps := f.Field(fn, FParameters); ps >= 0 {
		if p := f.firstNamed(ps); p >= 0 {
			for _, b := range a.patternBindings(p) {
				resolve = b
				break
			}
		}
	}
	if resolve == nil {
		return -1
	}
	if a.reachesCallOf(n, resolve, 0) {
		return pr
	}
	return -1
}

// reachesCallOf: the value of n is an argument (at any depth of object
// literals) of a call of the function bound to target, directly or
// through local variables.
func (a *analysis) reachesCallOf(n int32, target *Binding, depth int) bool {
	f := a.f
	if depth > 4 {
		return false
	}
	top := a.valueTop(n)
	if f.N[top].Kind == KCallExpression && top != n {
		if c := f.Unwrap(f.Field(top, FFunction)); c >= 0 && f.N[c].Kind == KIdentifier && f.Lookup(c) == target {
			return true
		}
	}
	p := f.N[top].Parent
	if p < 0 {
		return false
	}
	if f.N[top].Kind == KArguments {
		if c := f.Unwrap(f.Field(p, FFunction)); c >= 0 && f.N[c].Kind == KIdentifier && f.Lookup(c) == target {
			return true
		}
	}
	var bs []*Binding
	switch f.N[p].Kind {
	case KVariableDeclarator:
		if f.Field(p, FValue) == top {
			if name := f.Field(p, FName); name >= 0 {
				bs = a.patternBindings(name)
			}
		}
	case KAssignmentExpression:
		if l := f.Unwrap(f.Field(p, FLeft)); f.Field(p, FRight) == top && l >= 0 && f.N[l].Kind == KIdentifier {
			if b := f.Lookup(l); b != nil {
				bs = append(bs, b)
			}
		}
	}
	for _, b := range bs {
		for _, r := range f.References(b) {
			if f.N[f.N[r].Parent].Kind == KAssignmentExpression && f.Field(f.N[r].Parent, FLeft) == r {
				continue
			}
			if a.reachesCallOf(r, target, depth+1) {
				return true
			}
		}
	}
	return false
}

// registryMethods keep what they are given for the life of the object
// they are called on: fastify.decorate('pg', pool), app.set('db', db),
// container.register(...), server.expose(...).
var registryMethods = map[string]bool{"decorate": true, "set": true, "register": true, "provide": true,
	"bind": true, "expose": true}

// requestNames are parameters that live for one request: storing a client
// on them is not keeping it.
var requestNames = map[string]bool{"req": true, "request": true, "res": true, "response": true, "reply": true,
	"ctx": true, "context": true, "event": true, "evt": true, "c": true, "h": true, "next": true}

// registeredOnParam: the value of n is handed to a long-lived object the
// function was given (a Fastify plugin decorating its instance, an app's
// setup function): fastify.decorate('redis', client),
// fastify.redis[ns] = client, app.set('db', pool). Directly or through a
// local variable.
func (a *analysis) registeredOnParam(n int32, depth int) bool {
	f := a.f
	if depth > 3 {
		return false
	}
	whole := a.valueTop(n)
	top := whole
	// stop at the first call the value is an argument of
	for x := n; x >= 0 && x != top; x = f.N[x].Parent {
		if q := f.N[x].Parent; q >= 0 && f.N[q].Kind == KArguments {
			top = q
			break
		}
	}
	p := f.N[top].Parent
	if p < 0 {
		return false
	}
	paramRoot := func(e int32) bool {
		for e = f.Unwrap(e); e >= 0; e = f.Unwrap(e) {
			switch f.N[e].Kind {
			case KMemberExpression, KSubscriptExpression:
				e = f.Field(e, FObject)
				continue
			case KIdentifier:
				b := f.Lookup(e)
				return b != nil && b.Kind == BParam && !requestNames[b.Name]
			}
			return false
		}
		return false
	}
	registry := func(call int32) bool {
		callee := f.Unwrap(f.Field(call, FFunction))
		if callee < 0 || f.N[callee].Kind != KMemberExpression {
			return false
		}
		pr := f.Field(callee, FProperty)
		return pr >= 0 && registryMethods[f.Text(pr)] && paramRoot(f.Field(callee, FObject))
	}
	// container.register({ redis: asValue(connection) }): the registry
	// call holds the value through wrapping calls and objects.
	if whole != top && f.N[whole].Kind == KCallExpression && registry(whole) {
		return true
	}
	if f.N[top].Kind == KArguments {
		callee := f.Unwrap(f.Field(p, FFunction))
		if registry(p) {
			return true
		}
		// a local helper handed the client together with the long-lived
		// object: decorateFastifyInstance(fastify, client, opts)
		if callee >= 0 && f.N[callee].Kind == KIdentifier {
			if cb := f.Lookup(callee); cb != nil {
				if fn := a.localFunc(cb); fn >= 0 && isFunc(f.N[fn].Kind) && !f.Contains(fn, n) {
					args := f.NamedChildren(top)
					var params []int32
					if ps := f.Field(fn, FParameters); ps >= 0 {
						params = f.NamedChildren(ps)
					}
					for i, arg := range args {
						if i >= len(params) || !f.Contains(arg, n) {
							continue
						}
						for _, pb := range a.patternBindings(params[i]) {
							for _, r := range f.References(pb) {
								if a.registeredOnParam(r, depth+1) {
									return true
								}
							}
						}
					}
				}
			}
		}
		return false
	}
	var b *Binding
	switch f.N[p].Kind {
	case KAssignmentExpression:
		if f.Field(p, FRight) != top {
			return false
		}
		l := f.Unwrap(f.Field(p, FLeft))
		if l < 0 {
			return false
		}
		if k := f.N[l].Kind; k == KMemberExpression || k == KSubscriptExpression {
			return paramRoot(l)
		}
		if f.N[l].Kind == KIdentifier {
			b = f.Lookup(l)
		}
	case KVariableDeclarator:
		if name := f.Field(p, FName); name >= 0 && f.N[name].Kind == KIdentifier && f.Field(p, FValue) == top {
			b = f.Lookup(name)
		}
	}
	if b == nil || b.Scope == 0 || b.Kind == BParam {
		return false
	}
	for _, r := range f.References(b) {
		if pp := f.N[r].Parent; f.N[pp].Kind == KAssignmentExpression && f.Field(pp, FLeft) == r {
			continue
		}
		if a.registeredOnParam(r, depth+1) {
			return true
		}
	}
	return false
}

// loopBetween returns the innermost loop whose body holds n, below fn.
func (a *analysis) loopBetween(n, fn int32) int32 {
	f := a.f
	child := n
	for p := f.N[n].Parent; p >= 0 && p != fn; p = f.N[p].Parent {
		switch f.N[p].Kind {
		case KForStatement, KForInStatement, KWhileStatement, KDoStatement:
			if body := f.Field(p, FBody); body >= 0 && f.Contains(body, n) {
				return p
			}
		}
		child = p
	}
	_ = child
	return -1
}

var httpMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true, "OPTIONS": true}

var routerMethods = map[string]bool{"get": true, "post": true, "put": true, "patch": true, "delete": true, "del": true,
	"all": true, "use": true, "options": true, "head": true, "route": true, "handle": true}

// handlerKind names the request handler fn is (or runs inside), or "".
func (a *analysis) handlerKind(fn int32) string {
	for g := fn; g >= 0; g = a.f.EnclosingFunc(g) {
		if w := a.handlerItself(g); w != "" {
			return w
		}
	}
	return ""
}

// handlerItself names the request handler g is, or "".
func (a *analysis) handlerItself(g int32) string {
	name, exported, isDefault := a.funcName(g)
	top := a.f.EnclosingFunc(g) < 0
	if a.routeFile && exported && httpMethods[name] {
		return "in a Next.js route handler"
	}
	if a.pagesAPI && isDefault {
		return "in a Next.js API route"
	}
	if (a.f.UseServer && exported && top) || a.hasUseServer(g) {
		return "in a server action"
	}
	return a.routerHandler(g)
}

// funcName returns a function's name (declaration, or the variable or
// property it is assigned to), whether it is exported, and whether it is
// the default export.
func (a *analysis) funcName(fn int32) (name string, exported, isDefault bool) {
	f := a.f
	if nm := f.Field(fn, FName); nm >= 0 {
		name = f.Text(nm)
	}
	top := f.UpParens(fn)
	p := f.N[top].Parent
	if p >= 0 && f.N[p].Kind == KVariableDeclarator {
		if nm := f.Field(p, FName); nm >= 0 {
			name = f.Text(nm)
		}
		decl := f.N[p].Parent
		if decl >= 0 {
			if es := f.N[decl].Parent; es >= 0 && f.N[es].Kind == KExportStatement {
				exported = true
			}
		}
	}
	if p >= 0 && f.N[p].Kind == KExportStatement {
		exported = true
		isDefault = f.ChildOfKind(p, TDefault) >= 0
	}
	if name != "" && !exported && f.EnclosingFunc(fn) < 0 {
		ex := a.exportNames()
		if en, ok := ex[name]; ok {
			exported = true
			isDefault = en == "default"
		}
	}
	return
}

// hasUseServer: the function body starts with 'use server'.
func (a *analysis) hasUseServer(fn int32) bool {
	f := a.f
	body := f.Field(fn, FBody)
	if body < 0 || f.N[body].Kind != KStatementBlock {
		return false
	}
	for c := f.firstChild(body); c >= 0; c = f.N[c].Next {
		if f.N[c].Kind == KExpressionStatement {
			if e := f.firstNamed(c); e >= 0 {
				s, ok := f.StringValue(e)
				return ok && s == "use server"
			}
		}
		if named(f.N[c].Kind) {
			return false
		}
	}
	return false
}

// routerHandler: fn is passed to app.get('/x', fn), router.post(...),
// fastify.route({ handler }), a tRPC .query/.mutation, or a callback of
// an event source that fires per event.
func (a *analysis) routerHandler(fn int32) string {
	f := a.f
	top := f.UpParens(fn)
	p := f.N[top].Parent
	if p < 0 {
		return ""
	}
	if f.N[p].Kind == KPair {
		// fastify.route({ handler: fn })
		// (in a script that starts no server, a yargs command's handler)
		if k := f.Field(p, FKey); k >= 0 && f.textIs(k, "handler") && (!a.entry || a.server) {
			return "in a request handler"
		}
		return ""
	}
	if f.N[p].Kind != KArguments {
		return ""
	}
	call := f.N[p].Parent
	callee := f.Unwrap(f.Field(call, FFunction))
	if callee >= 0 && f.N[callee].Kind == KIdentifier && f.Lookup(callee) == nil {
		switch f.Text(callee) {
		case "setInterval":
			return "in a timer callback"
		}
	}
	if callee < 0 || f.N[callee].Kind != KMemberExpression {
		return ""
	}
	prop := f.Field(callee, FProperty)
	if prop < 0 {
		return ""
	}
	m := f.Text(prop)
	if routerMethods[m] {
		// app.get(key) of a Map has one argument and no function.
		return "in a request handler"
	}
	switch m {
	case "query", "mutation", "subscription":
		if strings.Contains(strings.ToLower(f.Text(f.Field(callee, FObject))), "procedure") {
			return "in a tRPC procedure"
		}
	case "on", "once", "addListener", "process", "subscribe", "consume", "addEventListener":
		return "in an event handler"
	}
	return ""
}

// runOnce reports a function that runs once: called only directly, from
// the top level or from other run-once functions, never in a loop; in an
// entrypoint file, also an uncalled (runner-invoked) function.
func (a *analysis) runOnce(fn int32) bool {
	if v, ok := a.runOnceMemo[fn]; ok {
		return v
	}
	if a.runOnceBusy[fn] {
		return false
	}
	a.runOnceBusy[fn] = true
	v := a.computeRunOnce(fn)
	delete(a.runOnceBusy, fn)
	a.runOnceMemo[fn] = v
	return v
}

func (a *analysis) computeRunOnce(fn int32) bool {
	f := a.f
	if a.entry && !a.server {
		if call := a.commandCallback(fn); call >= 0 {
			return a.siteRunOnce(call)
		}
	}
	if f.N[fn].Kind == KMethodDefinition {
		return false
	}
	top := f.UpParens(fn)
	p := f.N[top].Parent
	// (async () => { ... })()
	if p >= 0 && f.N[p].Kind == KCallExpression && f.Field(p, FFunction) == top {
		return a.siteRunOnce(p)
	}
	var b *Binding
	if nm := f.Field(fn, FName); nm >= 0 && (f.N[fn].Kind == KFunctionDeclaration || f.N[fn].Kind == KGeneratorFunctionDeclaration) {
		b = f.Lookup(nm)
	} else if p >= 0 && f.N[p].Kind == KVariableDeclarator {
		if nm := f.Field(p, FName); nm >= 0 && f.N[nm].Kind == KIdentifier {
			b = f.Lookup(nm)
		}
	}
	// A module only scripts import runs its exported functions as the
	// script does: once (a CLI command's step, a test script's helper).
	scriptCode := a.entry || a.scriptPart
	if b == nil {
		// export default async () => { ... }
		return p >= 0 && f.N[p].Kind == KExportStatement && scriptCode
	}
	_, exported, _ := a.funcName(fn)
	if exported && !scriptCode {
		return false
	}
	refs := f.References(b)
	if len(refs) == 0 {
		return scriptCode
	}
	for _, r := range refs {
		rt := f.UpParens(r)
		call := f.N[rt].Parent
		if call < 0 || f.N[call].Kind != KCallExpression || f.Field(call, FFunction) != rt {
			// export default main / module.exports = main in an entrypoint
			if scriptCode && a.isExportRef(rt) {
				continue
			}
			return false
		}
		if !a.siteRunOnce(call) {
			return false
		}
	}
	return true
}

// commandCallback: in a script, a function handed to a call (directly or
// as a method or property of an object literal argument) that is not an
// iteration or event callback runs when that call runs: a CLI command's
// action (commander's .action(fn), citty's defineCommand({ run })), a
// new Promise executor, a .then handler. It returns that call, or -1.
func (a *analysis) commandCallback(fn int32) int32 {
	f := a.f
	x := f.UpParens(fn)
	for depth := 0; depth < 4; depth++ {
		p := f.N[x].Parent
		if p < 0 {
			return -1
		}
		switch f.N[p].Kind {
		case KPair, KObject:
			x = p
			continue
		case KArguments:
			call := f.N[p].Parent
			if call < 0 || f.N[call].Kind != KCallExpression && f.N[call].Kind != KNewExpression {
				return -1
			}
			if a.iterationCall(call) {
				return -1
			}
			return call
		}
		return -1
	}
	return -1
}

// iterationCall: a call that runs its callback per element, per event or
// per tick.
func (a *analysis) iterationCall(call int32) bool {
	f := a.f
	callee := f.Unwrap(f.Field(call, FFunction))
	if callee < 0 {
		return false
	}
	name := ""
	switch f.N[callee].Kind {
	case KIdentifier:
		name = f.Text(callee)
	case KMemberExpression:
		if pr := f.Field(callee, FProperty); pr >= 0 {
			name = f.Text(pr)
		}
	}
	switch name {
	case "map", "forEach", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex",
		"findLast", "flatMap", "sort", "from", "each", "eachSeries", "eachLimit", "mapSeries", "mapLimit",
		"times", "setInterval", "on", "once", "addListener", "addEventListener", "subscribe", "consume",
		"process", "listen", "createServer", "use", "get", "post", "put", "patch", "delete", "all", "route":
		return true
	}
	return false
}

func (a *analysis) isExportRef(r int32) bool {
	f := a.f
	p := f.N[r].Parent
	for p >= 0 {
		switch f.N[p].Kind {
		case KExportStatement, KExportClause, KExportSpecifier:
			return true
		case KAssignmentExpression:
			return f.isModuleExports(f.Field(p, FLeft)) || f.isExportsMember(f.Field(p, FLeft))
		case KObject, KPair, KShorthandPropertyIdentifier:
			p = f.N[p].Parent
			continue
		}
		return false
	}
	return false
}

// siteRunOnce: a call that runs once: at the top level (not in a loop)
// or in a run-once function that is not a handler.
func (a *analysis) siteRunOnce(call int32) bool {
	f := a.f
	fn := f.EnclosingFunc(call)
	if a.loopBetween(call, fn) >= 0 {
		return false
	}
	if fn < 0 {
		return true
	}
	if a.handlerKind(fn) != "" {
		return false
	}
	return a.runOnce(fn)
}

// throughReexports follows a project module that re-exports a catalog
// module (export * from '@prisma/client', export { Pool } from 'pg',
// export const PrismaClient = Generated) to the catalog module, once the
// re-exports are known. A catalog module comes back as the catalog names
// it; other references unchanged.
func (a *analysis) throughReexports(spec string, path []string) (string, []string) {
	if s, ok := a.catalogSpec(spec); ok {
		return s, path
	}
	if len(path) == 0 {
		return spec, path
	}
	if !a.p.reexportsKnown {
		// known after the first phase: phase 1c summarizes the file
		// again when this one turns out to be a catalog export (a
		// constructor or factory is at most ns.Name)
		if len(normPath(path)) <= 2 {
			a.viaModules = append(a.viaModules, modRef{Spec: spec, Path: path})
		}
		return spec, path
	}
	if s2, p2, ok := a.p.catalogOrigin(a.f.Path, spec, path, 0); ok {
		return s2, p2
	}
	return spec, path
}

// modRef is a constructor or callee taken from a project module
// (spec, and the property path in it) before re-exports are known.
type modRef struct {
	Spec string
	Path []string
}
