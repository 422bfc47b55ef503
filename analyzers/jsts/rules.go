package jsts

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/connlint/connlint/analyzers/catalog"
	"github.com/connlint/connlint/analyzers/diag"
)

// Analyzer is one TS/JS rule, shaped like an x/tools analyzer: a name, a
// doc, and a Run that reads a Pass and reports diagnostics.
type Analyzer struct {
	Name string
	Doc  string
	Run  func(*Pass)
}

// Pass is one file as a rule sees it: the syntax tree with its scopes and
// bindings, the per-file model shared by the rules, and the project facts
// of the first phase.
type Pass struct {
	Analyzer *Analyzer
	File     *File
	a        *analysis
	report   func(Diagnostic)
}

// Diagnostic is one finding of a rule: the node it starts at (the `new`
// keyword, or the callee of a call), the node whose end ends it, the
// message and the related locations.
type Diagnostic struct {
	Start, End int32
	Message    string
	Related    []diag.Related

	// cons is the construction node a finding is about (0: none). A
	// singleton finding with covers set removes the release finding on
	// the same construction: importing the singleton fixes both, and a
	// problem gets one finding. A rule 3 finding in an entrypoint does
	// not set it (the script must still release what it imports).
	cons   int32
	covers bool
}

// Report records a diagnostic.
func (p *Pass) Report(d Diagnostic) { p.report(d) }

// Analyzers are the TS/JS rules, run in one pass per file.
var Analyzers = []*Analyzer{Singleton, Release}

// Singleton reports database clients constructed outside the singleton.
var Singleton = &Analyzer{
	Name: diag.RuleSingleton,
	Doc: `report database clients constructed per call or outside the project's singleton

A client (new PrismaClient, new Pool, createPool, postgres(), ...) built in a
route handler, server action, Express/Fastify/Hono handler, loop or any
uncached function opens a new pool per call. A project that has a singleton
module should import it everywhere, scripts and seeds included; a Next.js
singleton must cache its client on globalThis.`,
	Run: runSingleton,
}

// Release reports connection-holding resources not released on every path.
var Release = &Analyzer{
	Name: diag.RuleRelease,
	Doc: `report clients and connections that are not released on every path

A pg pool.connect() client needs client.release(), a mysql2 getConnection()
connection conn.release(), a client a function or script owns its end(),
$disconnect() or quit(), on every path: use finally, .finally(), both .then
and .catch, or await using where the library disposes.`,
	Run: runRelease,
}

func (p *Pass) pos(n int32) (int, int) {
	return p.File.StartPos(n)
}

// describe names what a construction builds, for messages.
func (a *analysis) describe(c *construction) string {
	f := a.f
	if c.via != "" {
		return c.via + "()"
	}
	switch f.N[c.node].Kind {
	case KNewExpression:
		ctor := f.Field(c.node, FConstructor)
		if ctor >= 0 {
			return "new " + shorten(f.Text(ctor)) + "()"
		}
	case KCallExpression:
		fn := f.Field(c.node, FFunction)
		if fn >= 0 {
			return shorten(f.Text(fn)) + "()"
		}
	}
	return c.entry.Client + " client"
}

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), "")
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

func kindName(e *catalog.Entry) string {
	switch e.Client {
	case "prisma":
		return "Prisma client"
	case "pg":
		return "pg client"
	case "mysql":
		return "MySQL pool/connection"
	}
	return e.Client + " client"
}

func runSingleton(p *Pass) {
	a := p.a
	if a.isTest || a.generated {
		return
	}
	next := a.p.isNext(p.File.Path)
	sum := a.p.summary(p.File.Path)
	for _, c := range a.sites {
		if a.insideConstruction(c.node) || a.feedsConstruction(c.node) {
			continue
		}
		ctx := a.ctxOf(c.node)
		single := a.p.singletonFor(p.File.Path, c.entry.Client)
		if single != nil && a.dedicated(c) {
			// a subscriber or a blocking BullMQ connection cannot share
			// the singleton's connection
			single = nil
		}
		var related []diag.Related
		if single != nil {
			related = append(related, diag.Related{File: single.sum.Rel, Line: single.Line, Column: single.Col,
				Message: "the singleton " + kindName(c.entry) + " to import instead"})
		}
		what := a.describe(c)
		switch ctx.kind {
		case ctxPerCall:
			if a.onlyPropertyReads(c.node) {
				continue
			}
			msg := fmt.Sprintf("%s %s builds a new %s on every call", what, ctx.why, kindName(c.entry))
			if single != nil {
				msg += "; import the shared client from " + single.sum.Rel
			} else {
				if next {
					msg += "; create it once at module scope, cached on globalThis, and reuse it"
				} else {
					msg += "; create it once at module scope and reuse it"
				}
			}
			p.Report(Diagnostic{Start: a.startNode(c.node), End: c.node, Message: msg, Related: related, cons: c.node, covers: true})
			continue
		case ctxCached:
			// Without configured singleton paths, a module that caches its
			// own client for the process is a singleton itself (a project
			// may keep several, as Redis pub/sub needs); only scripts
			// caching their own client are compared with the singleton.
			if single == nil || !a.entry && !a.p.cfg.HasSingleton() {
				continue
			}
		case ctxReturned:
			if single == nil || a.p.feeds[p.File.Path] {
				continue
			}
		}
		if single != nil {
			where := "this module"
			if a.entry && !a.server {
				where = "this script"
			}
			msg := fmt.Sprintf("%s in %s builds its own %s while the project has a singleton in %s; import it instead",
				what, where, kindName(c.entry), single.sum.Rel)
			p.Report(Diagnostic{Start: a.startNode(c.node), End: c.node, Message: msg, Related: related, cons: c.node, covers: !a.entry})
			continue
		}
		// Rule 4: a Next.js singleton that does not cache on globalThis.
		if next && ctx.kind == ctxModule && sum != nil && !a.entry {
			if ss := sum.Singleton[c.entry.Client]; ss != nil && ss.Strong && !a.flowsIntoCached(c.node) && !a.configuredElsewhere() {
				msg := fmt.Sprintf("%s at module scope of the Next.js singleton is not cached on globalThis: every hot reload opens a new %s; use globalThis.x ?? %s",
					what, kindName(c.entry), strings.TrimPrefix(what, ""))
				p.Report(Diagnostic{Start: a.startNode(c.node), End: c.node, Message: msg})
			}
		}
	}
}

// onlyPropertyReads: the construction is kept in a variable that is only
// read for fields (new Client(config).database to parse a config): no
// method of it is called and it is never handed on, so it never talks to
// the server.
func (a *analysis) onlyPropertyReads(n int32) bool {
	f := a.f
	top := a.valueTop(n)
	if top != n {
		return false
	}
	b := a.declaredAs(top)
	if b == nil {
		return false
	}
	refs := f.References(b)
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		t := f.UpParens(r)
		m := f.N[t].Parent
		if m < 0 || f.N[m].Kind != KMemberExpression || f.Field(m, FObject) != t {
			return false
		}
		// a method call, or a field handed on
		if g := f.N[m].Parent; g >= 0 && f.N[g].Kind == KCallExpression && f.Field(g, FFunction) == m {
			return false
		}
		if g := f.N[m].Parent; g >= 0 && f.N[g].Kind == KMemberExpression {
			return false
		}
	}
	return true
}

// declaredAs is the variable that value initialises (const x = value),
// or nil.
func (a *analysis) declaredAs(value int32) *Binding {
	f := a.f
	p := f.N[value].Parent
	if p < 0 || f.N[p].Kind != KVariableDeclarator || f.Field(p, FValue) != value {
		return nil
	}
	name := f.Field(p, FName)
	if name < 0 || f.N[name].Kind != KIdentifier {
		return nil
	}
	return f.Lookup(name)
}

// configuredElsewhere: singleton paths are configured and this file is
// not one of them (rule 4 is for the singleton module only).
func (a *analysis) configuredElsewhere() bool {
	return a.p.cfg.HasSingleton() && !a.p.cfg.IsSingleton(a.f.Path)
}

// insideConstruction: the site is an argument (at any depth) of another
// construction, which the finding is about (new PrismaClient({ adapter:
// new PrismaPg(new Pool()) })).
func (a *analysis) insideConstruction(n int32) bool {
	f := a.f
	for p := f.N[n].Parent; p >= 0; p = f.N[p].Parent {
		k := f.N[p].Kind
		if isFunc(k) || k == KExpressionStatement || k == KLexicalDeclaration || k == KVariableDeclaration || k == KReturnStatement {
			return false
		}
		if (k == KNewExpression || k == KCallExpression) && a.consMemo[p] != nil {
			args := f.Field(p, FArguments)
			if args >= 0 && f.Contains(args, n) {
				return true
			}
		}
	}
	return false
}

// feedsConstruction: inside a function, the construction is kept in a
// local variable that is handed (itself or a field of it) to another
// construction of the same function: const driverPool =
// buildDriverAdapterPool(url); new PrismaClient({ adapter:
// driverPool.adapter }). The finding, if any, is about that one.
func (a *analysis) feedsConstruction(n int32) bool {
	f := a.f
	fn := f.EnclosingFunc(n)
	if fn < 0 {
		return false
	}
	b := a.declaredAs(a.valueTop(n))
	if b == nil {
		return false
	}
	for _, r := range f.References(b) {
		x := f.UpParens(r)
		if p := f.N[x].Parent; p >= 0 && f.N[p].Kind == KMemberExpression && f.Field(p, FObject) == x {
			x = p // driverPool.adapter
		}
		for q := f.N[x].Parent; q >= 0 && f.EnclosingFunc(q) == fn && !isFunc(f.N[q].Kind); q = f.N[q].Parent {
			k := f.N[q].Kind
			if k == KExpressionStatement || k == KLexicalDeclaration || k == KReturnStatement || k == KStatementBlock {
				break
			}
			if (k == KNewExpression || k == KCallExpression) && q != n && a.construction(q) != nil {
				if args := f.Field(q, FArguments); args >= 0 && f.Contains(args, x) {
					return true
				}
			}
		}
	}
	return false
}

// flowsIntoCached: a module-scope construction whose value only feeds a
// cached construction (const pool = new Pool(); const adapter = new
// PrismaPg(pool); globalThis.prisma ?? new PrismaClient({ adapter })).
func (a *analysis) flowsIntoCached(n int32) bool {
	return a.flowsIntoCachedDepth(n, 0)
}

func (a *analysis) flowsIntoCachedDepth(n int32, depth int) bool {
	f := a.f
	if depth > 4 {
		return false
	}
	if a.cached(n) {
		return true
	}
	b := a.declaredAs(a.valueTop(n))
	if b == nil {
		return false
	}
	refs := f.References(b)
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		// the reference must be an argument of a new/call that is itself
		// cached or flows into a cached one
		ok := false
		for q := f.N[r].Parent; q >= 0; q = f.N[q].Parent {
			k := f.N[q].Kind
			if isFunc(k) || k == KExpressionStatement || k == KLexicalDeclaration {
				break
			}
			if k == KNewExpression || k == KCallExpression {
				if args := f.Field(q, FArguments); args >= 0 && f.Contains(args, r) {
					if a.flowsIntoCachedDepth(q, depth+1) {
						ok = true
					}
					break
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func runRelease(p *Pass) {
	a := p.a
	if a.isTest || a.generated {
		return
	}
	for _, r := range a.resources(p) {
		if d, ok := a.usingFinding(r); ok {
			p.Report(d)
			continue
		}
		fl := newFlow(a, r)
		lk := fl.run()
		if lk == nil {
			continue
		}
		p.Report(a.leakDiagnostic(r, fl, lk))
	}
}

func (a *analysis) leakDiagnostic(r *resource, fl *flow, lk *leak) Diagnostic {
	f := a.f
	name := "it"
	if r.b != nil {
		name = r.b.Name
	}
	fix := releaseHint(r, name)
	rel := func(n int32, msg string) []diag.Related {
		line, col := f.StartPos(n)
		return []diag.Related{{File: f.Rel, Line: line, Column: col, Message: msg}}
	}
	start, end := a.startNode(r.acq), r.acq
	if r.atStart {
		start, end = r.acq, r.acq
	}
	// never: neither released nor handed on anywhere (a client returned
	// after an await that may fail leaks on that path, not everywhere).
	never := !fl.anyRelease() && !fl.anyHandOff()
	var msg string
	var related []diag.Related
	switch {
	case never:
		msg = fmt.Sprintf("%s is never released; %s", r.what, fix)
		if lk.node >= 0 && !lk.end && lk.why == "returns" {
			related = rel(lk.node, "returns here with it held")
		}
	case lk.end:
		msg = fmt.Sprintf("%s is not released on every path; %s", r.what, fix)
		endLine, endCol := f.EndPos(lk.node)
		related = []diag.Related{{File: f.Rel, Line: endLine, Column: max(endCol-1, 1), Message: "a path reaches the end here without releasing it"}}
	case lk.why == "returns":
		msg = fmt.Sprintf("%s is not released when the function returns early; %s", r.what, fix)
		related = rel(lk.node, "returns here without releasing it")
	case lk.why == "throws":
		msg = fmt.Sprintf("%s is not released when an error is thrown; %s", r.what, fix)
		related = rel(lk.node, "throws here without releasing it")
	case lk.why == "await":
		msg = fmt.Sprintf("%s is not released if an awaited call fails; %s", r.what, fix)
		related = rel(lk.node, "an error here skips the release")
	case lk.why == "rejects":
		msg = fmt.Sprintf("%s is released only after the promise resolves, not when it rejects; %s", r.what, fix)
		related = rel(lk.node, "a rejection here skips the release")
	case lk.why == "nocatch":
		msg = fmt.Sprintf("%s is released only when the promise chain succeeds: there is no catch path; %s", r.what, fix)
		related = rel(lk.node, "this chain has no .catch or .finally that releases it")
	default:
		msg = fmt.Sprintf("%s is not released on every path; %s", r.what, fix)
		related = rel(lk.node, "the path leaves here")
	}
	return Diagnostic{Start: start, End: end, Message: msg, Related: related, cons: r.acq}
}

// anyRelease: the resource is released somewhere in its body.
func (fl *flow) anyRelease() bool {
	if fl.r.b == nil {
		return false
	}
	return fl.containsRelease(fl.r.body) || fl.releasedByLocalFunc()
}

// anyHandOff: some use of the resource in its body gives it away
// (returned, stored, passed on).
func (fl *flow) anyHandOff() bool {
	f := fl.f
	if fl.r.b == nil {
		return false
	}
	for _, u := range f.Uses(fl.r.b) {
		if f.Contains(fl.r.body, u) && fl.handsOff(u) {
			return true
		}
	}
	return false
}

// releasedByLocalFunc: some function of the file releases the resource.
func (fl *flow) releasedByLocalFunc() bool {
	for _, c := range fl.releases() {
		if fl.f.EnclosingFunc(c) >= 0 {
			return true
		}
	}
	return false
}

func releaseHint(r *resource, name string) string {
	m := "release"
	if len(r.entry.Release) > 0 {
		m = r.entry.Release[0]
	}
	return fmt.Sprintf("call %s.%s() in a finally block (or .finally())", name, m)
}

// resources lists what the file's functions (and, for scripts, its top
// level) must release.
func (a *analysis) resources(p *Pass) []*resource {
	f := a.f
	var out []*resource
	isScriptTop := a.entry && !a.server
	// Owned clients.
	for _, c := range a.sites {
		ctx := a.ctxOf(c.node)
		if a.insideConstruction(c.node) || a.feedsConstruction(c.node) {
			continue
		}
		var body int32
		switch ctx.kind {
		case ctxModule:
			if !isScriptTop {
				continue
			}
			body = 0
		case ctxRunOnce, ctxPerCall:
			if ctx.fn < 0 {
				body = 0 // a loop at module scope
				break
			}
			body = f.FuncBody(ctx.fn)
		default:
			continue
		}
		if body < 0 || len(c.entry.Release) == 0 || c.holds {
			continue
		}
		if ctx.kind == ctxPerCall && a.onlyPropertyReads(c.node) {
			continue
		}
		r := a.holder(c.node, c.entry, body, a.describe(c))
		if r != nil {
			out = append(out, r)
		}
	}
	// Acquired connections.
	for _, call := range f.Calls {
		fn := f.Field(call, FFunction)
		if fn < 0 || f.N[fn].Kind != KMemberExpression {
			continue
		}
		prop := f.Field(fn, FProperty)
		if prop < 0 {
			continue
		}
		m := f.Text(prop)
		if !a.maybeAcquire(m) {
			continue
		}
		if a.hasFuncArg(call) {
			continue // callback style
		}
		ce := a.valueClient(f.Field(fn, FObject), 0)
		if ce == nil {
			continue
		}
		res := a.cat.resourceFor(ce, m)
		if res == nil {
			continue
		}
		encl := f.EnclosingFunc(call)
		var body int32
		if encl < 0 {
			if !isScriptTop {
				continue
			}
			body = 0
		} else {
			body = f.FuncBody(encl)
		}
		if body < 0 {
			continue
		}
		what := "connection from " + shorten(f.Text(fn)) + "()"
		if r := a.holder(call, res, body, what); r != nil {
			out = append(out, r)
		}
	}
	// Configured scripts release the singleton they import.
	if a.script {
		for _, b := range f.Bindings {
			if b.Kind != BImport || b.Scope != 0 {
				continue
			}
			x, _ := a.p.exportOf(f.Path, b.Import.Spec, []string{b.ImportName})
			if x == nil || x.Kind != XClient || x.Entry == nil || len(x.Entry.Release) == 0 {
				continue
			}
			if len(f.References(b)) == 0 {
				continue
			}
			out = append(out, &resource{acq: b.Decl, b: b, entry: x.Entry, body: 0, atStart: true,
				what: fmt.Sprintf("the imported %s %s", kindName(x.Entry), b.Name)})
		}
	}
	return out
}

func (a *analysis) maybeAcquire(m string) bool {
	for _, e := range a.cat.clients {
		for _, x := range e.AcquireMethods {
			if x == m {
				return true
			}
		}
	}
	return false
}

func (a *analysis) hasFuncArg(call int32) bool {
	f := a.f
	args := f.Field(call, FArguments)
	if args < 0 {
		return false
	}
	for c := f.firstChild(args); c >= 0; c = f.N[c].Next {
		if isFunc(f.N[c].Kind) {
			return true
		}
		if f.N[c].Kind == KIdentifier {
			if b := f.Lookup(c); b != nil && a.localFunc(b) >= 0 {
				return true
			}
		}
	}
	return false
}

// holder finds the variable a construction or acquisition is kept in and
// returns the resource to track, or nil when the value is handed on
// (returned, passed, stored) and so not this function's to release.
func (a *analysis) holder(n int32, e *catalog.Entry, body int32, what string) *resource {
	f := a.f
	x := n
	for {
		p := f.N[x].Parent
		if p < 0 {
			return nil
		}
		switch f.N[p].Kind {
		case KParenthesizedExpression, KAsExpression, KSatisfiesExpression, KNonNullExpression, KAwaitExpression, KTypeAssertion:
			x = p
			continue
		case KTernaryExpression:
			// flag ? await pool.getConnection() : null: the variable holds
			// the connection on the branch that acquires it.
			if f.Field(p, FCondition) == x {
				return nil
			}
			x = p
			continue
		case KMemberExpression:
			gp := f.N[p].Parent
			if f.Field(p, FObject) == x && gp >= 0 && f.N[gp].Kind == KCallExpression && f.Field(gp, FFunction) == p && a.isChainCall(gp) {
				x = gp
				continue
			}
			if pr := f.Field(p, FProperty); pr >= 0 && f.textIs(pr, "catch") && f.Field(p, FObject) == x && gp >= 0 &&
				f.N[gp].Kind == KCallExpression && f.Field(gp, FFunction) == p {
				// await pool.connect().catch(e => { throw wrap(e) }): the
				// chain's value is still the connection.
				x = gp
				continue
			}
			if pr := f.Field(p, FProperty); pr >= 0 && (f.textIs(pr, "then") || f.textIs(pr, "catch") || f.textIs(pr, "finally")) {
				// pool.connect().then(client => ...): the callback owns it
				// from its start.
				if f.Field(p, FObject) != x || !f.textIs(pr, "then") || gp < 0 || f.N[gp].Kind != KCallExpression {
					return nil
				}
				return a.thenHolder(n, gp, e, what)
			}
			if f.Field(p, FObject) == x {
				// new Pool().query(...): used once and never released
				r := &resource{acq: n, entry: e, what: what, body: body}
				return r
			}
			return nil
		case KVariableDeclarator:
			if f.Field(p, FValue) != x {
				return nil
			}
			name := f.Field(p, FName)
			if name < 0 || f.N[name].Kind != KIdentifier {
				return nil
			}
			b := f.Lookup(name)
			if b == nil {
				return nil
			}
			if body == 0 && a.exportedModuleVar(p, b) && !a.drivesItself() {
				// export const dataSource = new DataSource(...) in a
				// module that does not run itself: it hands its client
				// to whoever imports or loads it (the TypeORM CLI), which
				// then owns it. A script that runs itself still does.
				return nil
			}
			return &resource{acq: n, b: b, entry: e, what: what + " (" + b.Name + ")", body: body}
		case KAssignmentExpression:
			if f.Field(p, FRight) != x {
				return nil
			}
			l := f.Unwrap(f.Field(p, FLeft))
			if l < 0 || f.N[l].Kind != KIdentifier {
				return nil
			}
			if u := f.UsingBinding(p); u != nil && f.N[p].Kind == KAssignmentExpression && (f.firstChild(p) >= 0 && f.N[f.firstChild(p)].Kind == TUsing || f.textIs(l, "using")) {
				return &resource{acq: n, b: u, entry: e, what: what + " (" + u.Name + ")", body: body}
			}
			b := f.Lookup(l)
			if b == nil || b.Scope == 0 && body != 0 {
				return nil // stored in a module variable
			}
			return &resource{acq: n, b: b, entry: e, what: what + " (" + b.Name + ")", body: body}
		case KExpressionStatement:
			// a bare construction whose value is dropped
			return nil
		}
		return nil
	}
}

// thenHolder is the resource of a promise-chain acquisition: the first
// parameter of the .then callback holds it from the callback's start
// (pool.connect().then(client => ...)). A callback that is not a function
// literal, or has no plain first parameter, is not tracked.
func (a *analysis) thenHolder(acq, thenCall int32, e *catalog.Entry, what string) *resource {
	f := a.f
	cb, param := f.callbackParam(thenCall)
	if param >= 0 && (f.N[param].Kind == KRequiredParameter || f.N[param].Kind == KOptionalParameter) {
		param = f.Field(param, FPattern)
	}
	if param < 0 || f.N[param].Kind != KIdentifier {
		return nil
	}
	b := f.Lookup(param)
	body := f.FuncBody(cb)
	if b == nil || body < 0 {
		return nil
	}
	return &resource{acq: acq, b: b, entry: e, what: what + " (" + b.Name + ")", body: body, atStart: true}
}

// usingProblems reports `using`/`await using` on a resource whose library
// does not dispose it (rule 4 of release), and returns those resources.
func (a *analysis) usingFinding(r *resource) (Diagnostic, bool) {
	if r.b == nil || !r.b.Using || r.entry.Disposes {
		return Diagnostic{}, false
	}
	mod := displayModule(r.entry)
	msg := fmt.Sprintf("%s is held with `using`, but %s does not dispose it (no Symbol.asyncDispose): `await using` does not release it; call %s.%s() in a finally block",
		r.what, mod, r.b.Name, firstOr(r.entry.Release, "release"))
	return Diagnostic{Start: a.startNode(r.acq), End: r.acq, Message: msg, cons: r.acq}, true
}

func firstOr(s []string, d string) string {
	if len(s) > 0 {
		return s[0]
	}
	return d
}

// relPath makes a path relative to the working directory, slash-separated.
func relPath(workDir, p string) string {
	if r, err := filepath.Rel(workDir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

// exportedModuleVar: the module-scope variable declared by declarator d
// is exported (export const x = ..., or by name in an export clause or
// CommonJS export).
func (a *analysis) exportedModuleVar(d int32, b *Binding) bool {
	f := a.f
	if b.Scope != 0 {
		return false
	}
	if decl := f.N[d].Parent; decl >= 0 {
		if es := f.N[decl].Parent; es >= 0 && f.N[es].Kind == KExportStatement {
			return true
		}
	}
	_, ok := a.exportNames()[b.Name]
	return ok
}
