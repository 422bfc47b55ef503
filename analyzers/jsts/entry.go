package jsts

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
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

// entryCandidates lists the summarised files that are entrypoints only if
// no application module imports them.
func (p *project) entryCandidates() []*Summary {
	var out []*Summary
	for _, s := range p.sums {
		if !s.Entry && s.Hint != hintNone {
			out = append(out, s)
		}
	}
	return out
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
