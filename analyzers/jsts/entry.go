package jsts

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Entrypoints (RULES.md): a file that runs once as its own process. Some
// are declared (configured scripts, a package.json script command, bin or
// Prisma seed, prisma.config.ts, a shebang) and are entrypoints whatever
// imports them. Others are recognised from the file (under a scripts/ or
// bin/ folder, or a module that exports nothing and drives itself from
// its top level): those are entrypoints only when no application module
// imports them, which is known once every importer has been summarised.

// entryHint is why a file may be an entrypoint when no application
// module imports it.
type entryHint uint8

const (
	hintNone   entryHint = iota
	hintFolder           // under a scripts/ or bin/ folder
	hintSelf             // exports nothing and drives itself
)

// loadDeclaredEntries reads the package.json files and prisma.config
// files of the walked tree.
func (p *project) loadDeclaredEntries(ctx context.Context, w *walker) {
	p.declared = map[string]string{}
	for _, pj := range w.pkgJSONs {
		for file, why := range declaredEntries(p.fs, pj) {
			if _, dup := p.declared[file]; !dup {
				p.declared[file] = why
			}
		}
	}
	var configs []string
	for _, f := range w.files {
		if isPrismaConfig(f) {
			configs = append(configs, f)
		}
	}
	if len(configs) == 0 {
		return
	}
	wk := newWorker(ctx)
	defer wk.close()
	for _, path := range configs {
		for _, file := range p.prismaConfigSeeds(ctx, wk, path) {
			if _, dup := p.declared[file]; !dup {
				p.declared[file] = "the Prisma seed (prisma.config.ts)"
			}
		}
	}
}

func isPrismaConfig(path string) bool {
	base := filepath.Base(path)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	return stem == "prisma.config"
}

// prismaConfigSeeds: the files run by the `seed` commands of a
// prisma.config.ts (`migrations: { seed: 'tsx prisma/seed.ts' }`), relative
// to its folder (where prisma runs).
func (p *project) prismaConfigSeeds(ctx context.Context, wk *worker, path string) []string {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	f, err := wk.parse(ctx, path, path, src)
	if err != nil {
		return nil
	}
	f.index()
	var out []string
	for i := int32(0); i < int32(len(f.N)); i++ {
		if f.N[i].Kind != KPair {
			continue
		}
		k := f.Field(i, FKey)
		if k < 0 || !(f.textIs(k, "seed") || f.textIs(k, "'seed'") || f.textIs(k, `"seed"`)) {
			continue
		}
		cmd, ok := f.StringValue(f.Field(i, FValue))
		if !ok {
			continue
		}
		out = append(out, commandFiles(p.fs, filepath.Dir(path), cmd, nil, 0)...)
	}
	return out
}

// declaredEntry says why a file is a declared entrypoint, or "".
func (p *project) declaredEntry(path string) string {
	return p.declared[path]
}

// entryHint: whether the file may be an entrypoint by its folder or by
// driving itself.
func (a *analysis) entryHint() entryHint {
	if a.selfDriving() {
		return hintSelf
	}
	if a.inEntryFolder() {
		return hintFolder
	}
	return hintNone
}

// inEntryFolder: the file is under a scripts/ or bin/ folder of its
// package.
func (a *analysis) inEntryFolder() bool {
	rel := filepath.ToSlash(a.f.Rel)
	if pi := a.p.fs.nearestPkg(filepath.Dir(a.f.Path)); pi != nil {
		if r, err := filepath.Rel(pi.dir, a.f.Path); err == nil {
			rel = filepath.ToSlash(r)
		}
	}
	return hasSegment(rel, "scripts") || hasSegment(rel, "bin")
}

// selfDriving: a module that exports nothing and drives itself from its
// top level without starting a server.
func (a *analysis) selfDriving() bool {
	return !a.server && !a.exportsValues() && a.drivesItself()
}

// exportsValues: the module exports a value (types and `export {}` do
// not count).
func (a *analysis) exportsValues() bool {
	f := a.f
	for _, x := range f.Exports {
		if f.N[x].Kind != KExportStatement {
			return true // module.exports / exports.x
		}
		if f.ChildOfKind(x, TType) >= 0 {
			continue // export type { T }
		}
		if d := f.Field(x, FDeclaration); d >= 0 {
			switch f.N[d].Kind {
			case KInterfaceDeclaration, KTypeAliasDeclaration, KAmbientDeclaration:
				continue
			}
			return true
		}
		if f.Field(x, FSource) < 0 && f.Field(x, FValue) < 0 {
			if cl := f.ChildOfKind(x, KExportClause); cl >= 0 && len(f.NamedChildren(cl)) == 0 {
				continue // export {}
			}
		}
		return true
	}
	return false
}

// drivesItself: a top-level statement runs the module's work: a top-level
// await, an async IIFE, a call of one of its own functions (main(),
// run().catch(...)), or a promise chain on any call.
func (a *analysis) drivesItself() bool {
	f := a.f
	for c := f.firstChild(0); c >= 0; c = f.N[c].Next {
		if a.awaitsAtTop(c) {
			return true
		}
		if f.N[c].Kind != KExpressionStatement {
			continue
		}
		e := f.Unwrap(f.firstNamed(c))
		for e >= 0 && f.N[e].Kind == KUnaryExpression { // void main(), !function () {}()
			e = f.Unwrap(f.firstNamed(e))
		}
		if e < 0 {
			continue
		}
		if a.isPromiseChain(e) {
			return true
		}
		root := a.chainRoot(e)
		if root < 0 || f.N[root].Kind != KCallExpression {
			continue
		}
		callee := f.Unwrap(f.Field(root, FFunction))
		if callee < 0 {
			continue
		}
		if isFunc(f.N[callee].Kind) {
			return true // an IIFE
		}
		if f.N[callee].Kind == KIdentifier {
			if b := f.Lookup(callee); b != nil && a.localFunc(b) >= 0 && isFunc(f.N[a.localFunc(b)].Kind) {
				return true
			}
		}
	}
	return false
}

// isPromiseChain: a call of .then/.catch/.finally.
func (a *analysis) isPromiseChain(e int32) bool {
	f := a.f
	if f.N[e].Kind != KCallExpression {
		return false
	}
	fn := f.Field(e, FFunction)
	if fn < 0 || f.N[fn].Kind != KMemberExpression {
		return false
	}
	p := f.Field(fn, FProperty)
	return p >= 0 && (f.textIs(p, "then") || f.textIs(p, "catch") || f.textIs(p, "finally"))
}

// awaitsAtTop: statement c awaits outside any function (top-level await,
// for await).
func (a *analysis) awaitsAtTop(c int32) bool {
	f := a.f
	for i := c; i < f.se[c]; i++ {
		k := f.N[i].Kind
		if isFunc(k) || k == KClass || k == KClassDeclaration || k == KAbstractClassDeclaration {
			i = f.se[i] - 1
			continue
		}
		if k == KAwaitExpression || k == TAwait {
			return true
		}
	}
	return false
}

// settleEntries decides the files recognised from themselves: an
// entrypoint unless a module that is neither an entrypoint nor a test
// imports it. Importers demoted to modules demote what they import, until
// nothing changes.
func (p *project) settleEntries() {
	p.entries = map[string]bool{}
	importers := map[string][]*Summary{}
	var paths []string
	for path, s := range p.sums {
		paths = append(paths, path)
		for _, im := range s.Imports {
			importers[im] = append(importers[im], s)
		}
		if s.Entry || s.Hint != hintNone {
			p.entries[path] = true
		}
	}
	sort.Strings(paths)
	for changed := true; changed; {
		changed = false
		for _, path := range paths {
			s := p.sums[path]
			if !p.entries[path] || s.Entry {
				continue
			}
			for _, im := range importers[path] {
				if im.Test || p.entries[im.Path] {
					continue
				}
				delete(p.entries, path)
				changed = true
				break
			}
		}
	}
	for path := range p.entries {
		p.sums[path].Entry = true
	}
	p.entriesDone = true
}

// settleScripts finds the modules only scripts run: from each module that
// builds a client per call, up through its importers until they are all
// scripts (or tests), or one is application code, or there are too many
// to be a script's. summarize summarises the importers found.
func (p *project) settleScripts(ctx context.Context, workers int, universe []string, srcs *srcCache, summarize func([]string)) {
	var frontier, cands []*Summary
	seen := map[string]bool{}
	for _, s := range p.sums {
		// a command's own importers decide too: its imported wrappers'
		// calls are not in PerCall, which phase 1 sets
		if (s.PerCall || s.Command) && !s.Entry && !s.Test {
			frontier = append(frontier, s)
			seen[s.Path] = true
		}
	}
	hubs := map[string]bool{}
	var mu sync.Mutex
	for depth := 0; depth < 4 && len(frontier) > 0; depth++ {
		cands = append(cands, frontier...)
		ix := newImporterIndex(frontier)
		pot := map[string][]string{}
		parallel(ctx, workers, 0, p.unsummarized(universe), func(_ *worker, path string) {
			src := srcs.get(path, false)
			if src == nil {
				var err error
				if src, err = os.ReadFile(path); err != nil {
					return
				}
			}
			ix.importsOf(p.fs, path, src, func(cand string) {
				mu.Lock()
				pot[cand] = append(pot[cand], path)
				mu.Unlock()
			})
		})
		var parse []string
		for _, c := range frontier {
			if len(pot[c.Path]) > maxScriptImporters {
				hubs[c.Path] = true
			} else {
				parse = append(parse, pot[c.Path]...)
			}
		}
		summarize(dedupe(parse))
		importers := p.importersIndex()
		var next []*Summary
		for _, c := range frontier {
			ims := importers[c.Path]
			if hubs[c.Path] || len(ims) > maxScriptImporters {
				hubs[c.Path] = true
				continue
			}
			for _, im := range ims {
				if im.Test || im.Entry && !im.Server || seen[im.Path] {
					continue
				}
				seen[im.Path] = true
				next = append(next, im)
			}
		}
		frontier = next
	}
	for _, c := range frontier {
		hubs[c.Path] = true // not explored: application code as far as we know
	}
	p.settleScriptOnly(cands, hubs)
}

// maxScriptImporters bounds the importers of a module that runs only as
// part of scripts: a module imported more widely is application code
// (and checking each importer would cost a parse).
const maxScriptImporters = 12

// importerIndex maps what an import of each candidate contains (stem,
// folder of an index file, package name) to the candidates.
type importerIndex struct {
	segs, full map[string][]string
}

func newImporterIndex(cands []*Summary) *importerIndex {
	ix := &importerIndex{segs: map[string][]string{}, full: map[string][]string{}}
	for _, c := range cands {
		ns := candidateNeedles([]*Summary{c})
		for k := range ns.segs {
			ix.segs[k] = append(ix.segs[k], c.Path)
		}
		for k := range ns.full {
			ix.full[k] = append(ix.full[k], c.Path)
		}
	}
	return ix
}

// importsOf calls add for each candidate that a string literal of src
// names and that the literal, resolved from file as an import specifier,
// is (an import specifier is always a string literal).
func (ix *importerIndex) importsOf(fs *fsCache, file string, src []byte, add func(cand string)) {
	seen := map[string]bool{}
	var lit string
	each := func(list []string) {
		for _, c := range list {
			if seen[c] {
				continue
			}
			if t, ok := fs.resolve(file, lit); ok && t == c {
				seen[c] = true
				add(c)
			}
		}
	}
	eachLiteral(src, func(b []byte) {
		if len(b) == 0 || len(b) > 300 {
			return
		}
		lit = string(b)
		each(ix.full[lit])
		if name := pkgNameBytes(b); len(name) != len(b) {
			each(ix.full[string(name)])
		}
		for rest := b; len(rest) > 0; {
			seg := rest
			if i := bytes.IndexByte(rest, '/'); i >= 0 {
				seg, rest = rest[:i], rest[i+1:]
			} else {
				rest = nil
			}
			if len(seg) == 0 {
				continue
			}
			each(ix.segs[string(seg)])
			if dot := bytes.LastIndexByte(seg, '.'); dot >= 0 {
				each(ix.segs[string(seg[:dot])])
			}
		}
	})
}

// eachLiteral calls fn with the contents of each quoted string of src (on
// one line), as needleSet.matches reads them.
func eachLiteral(src []byte, fn func(lit []byte)) {
	i := 0
	for i < len(src) {
		j := bytes.IndexAny(src[i:], "'\"`")
		if j < 0 {
			return
		}
		q := src[i+j]
		start := i + j + 1
		end := start
		for end < len(src) && src[end] != q && src[end] != '\n' && end-start < 400 {
			if src[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(src) || src[end] != q {
			i = start
			continue
		}
		fn(src[start:end])
		i = end + 1
	}
}

// importersIndex maps each summarised module to the summaries importing it.
func (p *project) importersIndex() map[string][]*Summary {
	out := map[string][]*Summary{}
	for _, s := range p.sums {
		for _, im := range s.Imports {
			out[im] = append(out[im], s)
		}
	}
	return out
}

// settleScriptOnly marks the candidates that run only as part of
// scripts: imported, and only by entrypoints that start no server, by
// tests, or by other such modules (CLI commands included, imported or
// not); never a hub (imported too widely, or not explored).
func (p *project) settleScriptOnly(cands []*Summary, hubs map[string]bool) {
	importers := p.importersIndex()
	p.scriptOnly = map[string]bool{}
	for _, c := range cands {
		if hubs[c.Path] {
			continue
		}
		if c.Command {
			// a CLI command, loaded by the CLI (often by a name built at
			// run time) unless application code imports it
			p.scriptOnly[c.Path] = true
			continue
		}
		for _, im := range importers[c.Path] {
			if !im.Test {
				p.scriptOnly[c.Path] = true
				break
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, c := range cands {
			if !p.scriptOnly[c.Path] {
				continue
			}
			for _, im := range importers[c.Path] {
				if im.Test || im.Entry && !im.Server || p.scriptOnly[im.Path] {
					continue
				}
				delete(p.scriptOnly, c.Path)
				changed = true
				break
			}
		}
	}
}

// entryCandidates lists the summarised files whose importers must be
// known: files that are entrypoints only if no application module
// imports them (when that can change a finding), and the files that may
// be entrypoints importing them.
func (p *project) entryCandidates() []*Summary {
	imported := map[string]bool{}
	var out []*Summary
	for _, s := range p.sums {
		if !s.Entry && !s.Test && s.Hint != hintNone && p.usesClients(s) {
			out = append(out, s)
			imported[s.Path] = true
		}
	}
	for grew := true; grew; {
		grew = false
		for _, s := range p.sums {
			if s.Entry || s.Test || s.Hint == hintNone || imported[s.Path] {
				continue
			}
			for _, im := range s.Imports {
				if imported[im] {
					out = append(out, s)
					imported[s.Path], grew = true, true
					break
				}
			}
		}
	}
	return out
}

// usesClients: the file builds a client or imports a module that exports
// one (or a factory): whether it is an entrypoint can change a finding.
func (p *project) usesClients(s *Summary) bool {
	if len(s.Kinds) > 0 {
		return true
	}
	for _, im := range s.Imports {
		if t := p.sums[im]; t != nil && p.interesting(t, 0) {
			return true
		}
	}
	return false
}

// candidateNeedles: what an import of one of the files contains.
func candidateNeedles(cands []*Summary) *needleSet {
	ns := newNeedleSet()
	for _, s := range cands {
		for _, n := range stemNeedles(s.Path) {
			ns.segs[n] = true
		}
		dir := filepath.Dir(s.Path)
		if b := filepath.Base(dir); b == "src" || b == "lib" {
			ns.segs[filepath.Base(filepath.Dir(dir))] = true
		}
		if s.PkgName != "" {
			ns.full[s.PkgName] = true
		}
	}
	return ns
}

// commandModule: the module's default export (or module.exports) is a
// function that ends the process on every path, as a CLI command's main
// does (`try { ...; process.exit(0) } catch { process.exit(1) }`). Such a
// function runs at most once per process, whoever loads the module (CLIs
// often load their commands by a name built at run time).
func (a *analysis) commandModule() bool {
	f := a.f
	for _, x := range f.Exports {
		var v int32 = -1
		switch f.N[x].Kind {
		case KExportStatement:
			if f.ChildOfKind(x, TDefault) < 0 {
				continue
			}
			if v = f.Field(x, FDeclaration); v < 0 {
				v = f.Field(x, FValue)
			}
		case KAssignmentExpression:
			if f.isModuleExports(f.Field(x, FLeft)) {
				v = f.Field(x, FRight)
			}
		}
		if v = f.Unwrap(v); v < 0 {
			continue
		}
		if f.N[v].Kind == KIdentifier {
			b := f.Lookup(v)
			if b == nil {
				continue
			}
			v = a.localFunc(b)
		}
		if v >= 0 && isFunc(f.N[v].Kind) && a.exitsEveryPath(v) {
			return true
		}
	}
	return false
}

// exitsEveryPath: fn's body ends in process.exit on every path and has no
// return that could leave before it.
func (a *analysis) exitsEveryPath(fn int32) bool {
	f := a.f
	body := f.FuncBody(fn)
	if body < 0 || f.N[body].Kind != KStatementBlock {
		return false
	}
	for i := body; i < f.se[body]; i++ {
		k := f.N[i].Kind
		if i != body && (isFunc(k) || k == KClass || k == KClassDeclaration || k == KAbstractClassDeclaration) {
			i = f.se[i] - 1
			continue
		}
		if k == KReturnStatement {
			return false
		}
	}
	return a.endsInExit(body)
}

// endsInExit: statement n, run to its end, ends in process.exit (a block
// by its last statement, an if by both branches, a try by its body and
// its catch, or by its finally).
func (a *analysis) endsInExit(n int32) bool {
	f := a.f
	if n < 0 {
		return false
	}
	switch f.N[n].Kind {
	case KStatementBlock:
		last := int32(-1)
		for c := f.firstChild(n); c >= 0; c = f.N[c].Next {
			if named(f.N[c].Kind) {
				last = c
			}
		}
		return a.endsInExit(last)
	case KExpressionStatement:
		e := f.Unwrap(f.firstNamed(n))
		return e >= 0 && f.N[e].Kind == KCallExpression && a.isProcessExitCall(e)
	case KIfStatement:
		alt := f.Field(n, FAlternative)
		if alt >= 0 && f.N[alt].Kind == KElseClause {
			alt = f.firstNamed(alt)
		}
		return a.endsInExit(f.Field(n, FConsequence)) && a.endsInExit(alt)
	case KTryStatement:
		handler := f.Field(n, FHandler)
		if handler < 0 {
			handler = f.ChildOfKind(n, KCatchClause)
		}
		fin := f.Field(n, FFinalizer)
		if fin < 0 {
			fin = f.ChildOfKind(n, KFinallyClause)
		}
		if fin >= 0 && a.endsInExit(f.ChildOfKind(fin, KStatementBlock)) {
			return true
		}
		if !a.endsInExit(f.Field(n, FBody)) {
			return false
		}
		return handler < 0 || a.endsInExit(f.Field(handler, FBody))
	}
	return false
}

// isProcessExitCall: process.exit(...) or process.abort().
func (a *analysis) isProcessExitCall(call int32) bool {
	f := a.f
	fn := f.Unwrap(f.Field(call, FFunction))
	if fn < 0 || f.N[fn].Kind != KMemberExpression {
		return false
	}
	o := f.Field(fn, FObject)
	p := f.Field(fn, FProperty)
	return o >= 0 && p >= 0 && f.textIs(o, "process") && (f.textIs(p, "exit") || f.textIs(p, "abort"))
}
