// Package jsts is the TypeScript/JavaScript half of connlint: a
// tree-sitter engine (parse, one walk per file into scopes and bindings,
// import resolution with tsconfig paths) and the rules singleton and
// release, shaped like x/tools analyzers.
//
// A run has two phases that both spread over all cores. The first reads
// every file of the project, parses only those that mention a catalog
// module (a cheap byte search), and keeps a small summary of each: what it
// exports (a client, a cached getter, a factory), whether it is the
// singleton of a client kind, whether it is an entrypoint. The second
// parses the files to check that can matter (they mention a catalog
// module or import a module the first phase found interesting) and runs
// the rules on them. Trees are closed as soon as they are flattened.
package jsts

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/diag"
)

// Options configure a run.
type Options struct {
	Config   *config.Config // nil means config.Default(WorkDir)
	WorkDir  string         // finding/error paths are relative to this
	Workers  int            // 0 means runtime.GOMAXPROCS(0)
	Progress func(done, total int)

	// NoPrefilter parses every file to check, even those that cannot
	// matter; ForceAll also builds the scope table and runs the rules on
	// them (benchmarks of the engine's cost over bare parsing).
	NoPrefilter bool
	ForceAll    bool

	// MaxFileBytes bounds the size of a file that is parsed (0: 4 MB;
	// negative: no bound); a larger file is listed in the errors.
	MaxFileBytes int

	// Analyzers run on each file instead of the rules (nil: Analyzers),
	// for tools that read the engine's model (the pools inventory).
	Analyzers []*Analyzer
}

// Stats describe a run, for benchmarks.
type Stats struct {
	Files, Parsed1, Parsed2, Skipped int
	Bytes                            int64
}

// Run checks the TS/JS files under roots: a directory is walked
// recursively (honouring .gitignore, skipping node_modules, build output,
// generated Prisma clients and config excludes); a file is checked as
// given. "X/..." means the directory X.
func Run(ctx context.Context, roots []string, opts Options) diag.Result {
	res, _ := RunStats(ctx, roots, opts)
	return res
}

// RunStats is Run that also returns counts for benchmarks.
func RunStats(ctx context.Context, roots []string, opts Options) (diag.Result, Stats) {
	var res diag.Result
	var stats Stats
	wd := opts.WorkDir
	if wd == "" {
		wd, _ = os.Getwd()
	}
	wd, _ = filepath.Abs(wd)
	cfg := opts.Config
	if cfg == nil {
		cfg = config.Default(wd)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	trace := os.Getenv("JSTS_TRACE") != ""
	t0 := time.Now()
	mark := func(what string) {
		if trace {
			fmt.Fprintf(os.Stderr, "jsts: %-12s %v\n", what, time.Since(t0))
		}
	}
	p := &project{cfg: cfg, cat: newJSCatalog(cfg.Catalog()), fs: newFSCache(), workDir: wd, sums: map[string]*Summary{}}
	analyzers := opts.Analyzers
	if analyzers == nil {
		analyzers = Analyzers
	}

	// Targets and the universe of files the project facts come from.
	targets := map[string]bool{}
	var targetList []string
	universeDirs := map[string]bool{}
	var explicit []string
	if len(roots) == 0 {
		roots = []string{"./..."}
	}
	for _, r := range roots {
		r = strings.TrimSuffix(filepath.ToSlash(r), "/...")
		if r == "..." || r == "" {
			r = "."
		}
		abs := r
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, r)
		}
		abs = filepath.Clean(abs)
		st, err := os.Stat(abs)
		if err != nil {
			res.Errors = append(res.Errors, diag.Error{File: relPath(wd, abs), Message: "cannot read: " + errText(err)})
			continue
		}
		if st.IsDir() {
			universeDirs[abs] = true
			universeDirs[projectRoot(cfg, abs)] = true
			continue
		}
		if _, ok := languageOf(abs); !ok || isDeclarationFile(abs) {
			continue
		}
		if !targets[abs] && !cfg.IsExcluded(abs) {
			targets[abs] = true
			explicit = append(explicit, abs)
		}
		universeDirs[projectRoot(cfg, filepath.Dir(abs))] = true
	}
	// Walk the universe (outermost folders only).
	var dirs []string
	for d := range universeDirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var outer []string
	for _, d := range dirs {
		if len(outer) > 0 && within(outer[len(outer)-1], d) {
			continue
		}
		outer = append(outer, d)
	}
	w := &walker{excluded: cfg.IsExcluded}
	p.fs.tops = outer
	for _, d := range outer {
		if err := w.walk(d); err != nil {
			res.Errors = append(res.Errors, diag.Error{File: relPath(wd, d), Message: "walk: " + errText(err)})
		}
	}
	p.fs.addWorkspaces(w.pkgJSONs)
	p.fs.addPrismaSchemas(w.prisma)
	schemaNeedles := p.fs.prismaNeedles()
	p.loadDeclaredEntries(ctx, w)
	// Directory roots: their files are targets.
	for _, f := range w.files {
		for r := range universeDirs {
			if rootWanted(roots, wd, r) && within(r, f) {
				targets[f] = true
				break
			}
		}
	}
	for _, f := range w.files {
		if targets[f] {
			targetList = append(targetList, f)
		}
	}
	for _, f := range explicit {
		if !slicesContains(targetList, f) {
			targetList = append(targetList, f)
		}
	}
	sort.Strings(targetList)
	universe := append([]string(nil), w.files...)
	for _, f := range explicit {
		universe = append(universe, f)
	}
	universe = dedupe(universe)
	stats.Files = len(targetList)
	mark("walk")

	// Phase 1: summaries of the files that mention a catalog module.
	cache := newFileCache(128 << 20)
	var mu sync.Mutex
	var errs []diag.Error
	srcs := newSrcCache(128 << 20)
	// summarize parses the wanted paths (or takes their cached trees) and
	// records their summaries in dst, under p.mu since once imports
	// resolve other workers read p.sums. Aux summaries only serve
	// entrypoint questions; cacheable trees are kept for phase 2.
	summarize := func(paths []string, aux, cacheable bool, want func(path string, src []byte) bool, dst map[string]*Summary) {
		parallel(ctx, workers, opts.MaxFileBytes, paths, func(wk *worker, path string) {
			if f := cache.peek(path); f != nil {
				// summarized again: the tree is still cached
				s := newAnalysis(f, p).summarize()
				p.mu.Lock()
				dst[path] = s
				p.mu.Unlock()
				return
			}
			src := srcs.get(path, false)
			if src == nil {
				var err error
				src, err = os.ReadFile(path)
				if err != nil {
					return
				}
			}
			if !want(path, src) {
				srcs.put(path, src)
				return
			}
			f, err := wk.parse(ctx, path, relPath(wd, path), src)
			if err != nil {
				return
			}
			f.index()
			s := newAnalysis(f, p).summarize()
			s.Aux = aux
			p.mu.Lock()
			dst[path] = s
			p.mu.Unlock()
			mu.Lock()
			stats.Parsed1++
			keep := targets[path] && cacheable
			mu.Unlock()
			if keep {
				cache.put(path, f)
			}
		})
	}
	always := func(string, []byte) bool { return true }
	summarize(universe, false, true, func(path string, src []byte) bool {
		return p.cat.mentions(src) || cfg.IsSingleton(path) || schemaNeedles.matches(src)
	}, p.sums)
	mark("phase1")
	// Re-exporting modules (barrels) of interesting modules, until stable.
	for round := 0; round < 3; round++ {
		needles := p.interestingNeedles(w)
		var next []string
		for _, f := range universe {
			if _, done := p.sums[f]; !done {
				next = append(next, f)
			}
		}
		before := p.interestingCount()
		summarize(next, false, true, func(path string, src []byte) bool {
			return bytes.Contains(src, []byte("export")) && needles.matches(src)
		}, p.sums)
		if p.interestingCount() == before {
			break
		}
	}
	mark("phase1b")

	// Phase 1c: a module whose client class comes through a project
	// module that re-exports it (a facade, a barrel, a workspace package)
	// did not know it built a client; now that every re-export is known,
	// such modules are summarized again, into a new map so that no worker
	// reads a summary another is replacing.
	p.reexportsKnown = true
	if again := p.importersOfCatalogReexports(); len(again) > 0 {
		fresh := map[string]*Summary{}
		summarize(again, false, false, always, fresh)
		for path, s := range fresh {
			s.Aux = p.sums[path].Aux
			p.sums[path] = s
		}
		p.originMemo = sync.Map{}
	}
	mark("phase1c")
	p.finishPhase1()

	// From here on a summary may read the others' (imported factories).
	p.phase2 = true

	// Factories of factories: a module whose functions or classes wrap an
	// imported factory is summarised again now that imports resolve, so
	// its own wrappers are known too (one level of wrapping per round).
	changed := p.factoryModules()
	for round := 0; round < 3 && len(changed) > 0; round++ {
		fresh := map[string]*Summary{}
		summarize(p.importersOf(changed, round > 0), false, false, always, fresh)
		changed = map[string]bool{}
		for path, s := range fresh {
			old := p.sums[path]
			s.Aux = old.Aux
			if !sameFactories(old, s) {
				changed[path] = true
			}
			p.sums[path] = s
		}
		p.finishPhase1()
	}
	mark("factories")

	// Entrypoints: the other files phase 2 checks, and the modules that
	// import files that may be entrypoints, are summarised for their
	// imports; then each candidate is settled.
	needles0 := p.interestingNeedles(w)
	summarize(p.unsummarized(targetList), true, true, func(path string, src []byte) bool {
		if isTestFile(relPath(wd, path)) {
			return false // phase 2 does not check it, and its imports do not count
		}
		return needles0.matches(src) || cfg.IsScript(path)
	}, p.sums)
	seen := map[string]bool{}
	for round := 0; round < 4; round++ {
		var cands []*Summary
		for _, c := range p.entryCandidates() {
			if !seen[c.Path] {
				seen[c.Path] = true
				cands = append(cands, c)
			}
		}
		if len(cands) == 0 {
			break
		}
		ix := newImporterIndex(cands)
		summarize(p.unsummarized(universe), true, false, func(path string, src []byte) bool {
			found := false
			ix.importsOf(p.fs, path, src, func(string) { found = true })
			return found
		}, p.sums)
	}
	p.settleEntries()
	p.settleScripts(ctx, workers, universe, srcs, func(paths []string) {
		summarize(paths, true, false, always, p.sums)
	})
	p.finishPhase1()
	mark("entries")

	// Phase 2: the rules on the targets that can matter.
	needles := p.interestingNeedles(w)
	var done atomic.Int64
	total := len(targetList)
	var findings []diag.Finding
	parallel(ctx, workers, opts.MaxFileBytes, targetList, func(wk *worker, path string) {
		defer func() {
			n := done.Add(1)
			if opts.Progress != nil {
				opts.Progress(int(n), total)
			}
		}()
		rel := relPath(wd, path)
		if isTestFile(rel) {
			return
		}
		if trace {
			start := time.Now()
			defer func() {
				if d := time.Since(start); d > 500*time.Millisecond {
					fmt.Fprintf(os.Stderr, "jsts: slow file %s %v\n", rel, d)
				}
			}()
		}
		f := cache.take(path)
		if f == nil {
			src := srcs.get(path, true)
			var err error
			if src == nil {
				src, err = os.ReadFile(path)
			}
			if err != nil {
				mu.Lock()
				errs = append(errs, diag.Error{File: rel, Message: "cannot read: " + errText(err)})
				mu.Unlock()
				return
			}
			atomic.AddInt64(&stats.Bytes, int64(len(src)))
			if looksBinary(src) {
				mu.Lock()
				errs = append(errs, diag.Error{File: rel, Message: "binary file, not TypeScript or JavaScript"})
				mu.Unlock()
				return
			}
			if !opts.NoPrefilter && !opts.ForceAll && !p.cat.mentions(src) && !needles.matches(src) && !cfg.IsSingleton(path) && !cfg.IsScript(path) {
				mu.Lock()
				stats.Skipped++
				mu.Unlock()
				return
			}
			if !opts.ForceAll && !p.cat.mentions(src) && !needles.matches(src) && !cfg.IsSingleton(path) && !cfg.IsScript(path) {
				// NoPrefilter: parse it for errors only; nothing to find.
				if err := wk.parseCheck(ctx, path, rel, src); err != nil {
					mu.Lock()
					errs = append(errs, diag.Error{File: rel, Message: err.Error()})
					mu.Unlock()
				}
				mu.Lock()
				stats.Parsed2++
				mu.Unlock()
				return
			}
			f, err = wk.parseKeep(ctx, path, rel, src, false)
			if err != nil {
				mu.Lock()
				errs = append(errs, diag.Error{File: rel, Message: err.Error()})
				mu.Unlock()
				return
			}
			mu.Lock()
			stats.Parsed2++
			mu.Unlock()
		} else {
			atomic.AddInt64(&stats.Bytes, int64(len(f.Src)))
		}
		if f.se == nil {
			// The rules can only find something in a file that names a
			// catalog module or imports an interesting one.
			if !opts.ForceAll && !p.cat.mentions(f.Src) && !needles.matches(f.Src) && !cfg.IsSingleton(path) && !cfg.IsScript(path) {
				return
			}
			f.index()
		}
		fs := checkFile(f, p, analyzers)
		if len(fs) > 0 {
			mu.Lock()
			findings = append(findings, fs...)
			mu.Unlock()
		}
	})
	mark("phase2")
	res.Findings = append(res.Findings, findings...)
	res.Errors = append(res.Errors, errs...)
	if ctx.Err() != nil {
		res.Errors = append(res.Errors, diag.Error{File: ".", Message: "interrupted: " + ctx.Err().Error()})
	}
	if res.Findings == nil {
		res.Findings = []diag.Finding{}
	}
	if res.Errors == nil {
		res.Errors = []diag.Error{}
	}
	res.Sort()
	return res, stats
}

// checkFile runs the rules on one parsed file and returns its findings,
// suppressions applied.
func checkFile(f *File, p *project, analyzers []*Analyzer) []diag.Finding {
	a := newAnalysis(f, p)
	type found struct {
		fd     diag.Finding
		cons   int32
		covers bool
	}
	var out []found
	for _, an := range analyzers {
		pass := &Pass{Analyzer: an, File: f, a: a}
		pass.report = func(d Diagnostic) {
			line, col := pass.pos(d.Start)
			end := d.End
			if end < 0 {
				end = d.Start
			}
			endLine, endCol := f.EndPos(end)
			fd := diag.Finding{Rule: an.Name, Language: f.Lang, File: f.Rel, Line: line, Column: col,
				EndLine: endLine, EndColumn: endCol, Message: d.Message,
				Related: d.Related}
			if fd.Related == nil {
				fd.Related = []diag.Related{}
			}
			out = append(out, found{fd: fd, cons: d.cons, covers: d.covers})
		}
		an.Run(pass)
	}
	if len(out) == 0 {
		return nil
	}
	sups := f.suppressions()
	// One finding per construction: a singleton finding that is kept and
	// covers its construction drops the release finding on it.
	covered := map[int32]bool{}
	for _, x := range out {
		if x.covers && x.fd.Rule == diag.RuleSingleton && !isSuppressed(sups, x.fd) {
			covered[x.cons] = true
		}
	}
	var kept []diag.Finding
	for _, x := range out {
		if x.fd.Rule == diag.RuleRelease && x.cons > 0 && covered[x.cons] {
			continue
		}
		if !isSuppressed(sups, x.fd) {
			kept = append(kept, x.fd)
		}
	}
	return kept
}

// parallel runs fn over paths on n workers, each with its own parsers.
func parallel(ctx context.Context, n, maxBytes int, paths []string, fn func(*worker, string)) {
	if len(paths) == 0 {
		return
	}
	n = min(n, len(paths))
	ch := make(chan string, n*4)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk := newWorker(ctx)
			if maxBytes != 0 {
				wk.maxBytes = maxBytes
			}
			defer wk.close()
			for path := range ch {
				if ctx.Err() != nil {
					continue
				}
				fn(wk, path)
			}
		}()
	}
	for _, path := range paths {
		ch <- path
	}
	close(ch)
	wg.Wait()
}

// projectRoot is where the facts of a checked path come from: the config
// folder when a config file is used, else the nearest package.json folder.
func projectRoot(cfg *config.Config, dir string) string {
	if cfg.File != "" && within(cfg.Dir, dir) {
		return cfg.Dir
	}
	if d := findUp(dir, "package.json"); d != "" {
		return d
	}
	return dir
}

// rootWanted: r is one of the folders named on the command line (not a
// folder added only for project facts).
func rootWanted(roots []string, wd, r string) bool {
	for _, x := range roots {
		x = strings.TrimSuffix(filepath.ToSlash(x), "/...")
		if x == "..." || x == "" {
			x = "."
		}
		abs := x
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, x)
		}
		if filepath.Clean(abs) == r {
			return true
		}
	}
	return false
}

func within(dir, path string) bool {
	if dir == path {
		return true
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func slicesContains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

func errText(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// interesting reports a summary other files may need: it exports a
// client, getter or factory, is a singleton, or re-exports (or exports the
// result of calling) something of an interesting module or of a catalog
// module.
func (p *project) interesting(s *Summary, depth int) bool {
	// a singleton that keeps its client private gives its importers
	// nothing to check
	for _, site := range s.Singleton {
		if site.Exported {
			return true
		}
	}
	if depth > 6 {
		return false
	}
	via := func(spec string) bool {
		if _, ok := p.catalogSpec(s.Path, spec); ok {
			return true
		}
		t, ok := p.fs.resolve(s.Path, spec)
		if !ok {
			return false
		}
		ts := p.sums[t]
		return ts != nil && ts != s && p.interesting(ts, depth+1)
	}
	for _, x := range s.Exports {
		switch x.Kind {
		case XClient, XGetter, XFactory:
			return true
		case XClass:
			if len(x.Statics) > 0 || len(x.Methods) > 0 {
				return true
			}
		case XInstance:
			if len(x.Methods) > 0 {
				return true
			}
			// an instance of an imported class with factory methods
			if x.Spec != "" && depth <= 6 {
				if cls, _ := p.exportOfDepth(s.Path, x.Spec, []string{x.Name}, 0); cls != nil && len(cls.Methods) > 0 {
					return true
				}
			}
		case XReexport, XCallOf:
			if via(x.Spec) {
				return true
			}
		}
	}
	for _, st := range s.Stars {
		if via(st) {
			return true
		}
	}
	return false
}

func (p *project) interestingCount() int {
	n := 0
	for _, s := range p.sums {
		if p.interesting(s, 0) {
			n++
		}
	}
	return n
}

// interestingNeedles: what any import of an interesting module contains
// (its stem, its folder for an index file, its package name, an exact
// tsconfig alias or package.json import (#db) to it).
func (p *project) interestingNeedles(w *walker) *needleSet {
	ns := p.fs.prismaNeedles()
	files := map[string]bool{}
	for path, s := range p.sums {
		if !p.interesting(s, 0) {
			continue
		}
		files[path] = true
		for _, n := range stemNeedles(path) {
			ns.segs[n] = true
		}
		dir := filepath.Dir(path)
		if b := filepath.Base(dir); b == "src" || b == "lib" {
			ns.segs[filepath.Base(filepath.Dir(dir))] = true
		}
		if s.PkgName != "" {
			ns.full[s.PkgName] = true
		}
	}
	for _, tc := range w.tsconfig {
		cfg := p.fs.nearestTSConfig(filepath.Dir(tc))
		if cfg == nil {
			continue
		}
		for _, k := range cfg.keys {
			if strings.Contains(k, "*") {
				continue
			}
			if rp, ok := p.fs.resolvePaths(filepath.Dir(tc), k); ok && files[rp] {
				ns.full[k] = true
			}
		}
	}
	for _, pj := range w.pkgJSONs {
		info := p.fs.nearestPkg(filepath.Dir(pj))
		if info == nil || info.imports == nil {
			continue
		}
		for _, k := range info.imports.keys {
			if pre, _, wild := strings.Cut(k, "*"); wild {
				// #db/* is imported as #db/x: the segment before the star
				if seg := strings.TrimSuffix(pre, "/"); seg != "" && !strings.Contains(seg, "/") {
					ns.segs[seg] = true
				}
				continue
			}
			if rp, ok := p.fs.resolveImports(info.dir, k); ok && files[rp] {
				ns.full[k] = true
			}
		}
	}
	return ns
}

// fileCache keeps parsed files of the first phase for the second, within
// a byte budget.
type fileCache struct {
	mu     sync.Mutex
	budget int64
	used   int64
	files  map[string]*File
}

func newFileCache(budget int64) *fileCache {
	return &fileCache{budget: budget, files: map[string]*File{}}
}

func (c *fileCache) put(path string, f *File) {
	size := int64(len(f.Src)) + int64(len(f.N))*int64(24)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.used+size > c.budget {
		return
	}
	c.used += size
	c.files[path] = f
}

// peek returns a cached file and leaves it in the cache.
func (c *fileCache) peek(path string) *File {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.files[path]
}

func (c *fileCache) take(path string) *File {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.files[path]
	if f != nil {
		delete(c.files, path)
		c.used -= int64(len(f.Src)) + int64(len(f.N))*int64(24)
	}
	return f
}

// srcCache keeps file texts read in the first phase for the later ones,
// within a byte budget, so each file is read once.
type srcCache struct {
	mu     sync.Mutex
	budget int64
	used   int64
	m      map[string][]byte
}

func newSrcCache(budget int64) *srcCache { return &srcCache{budget: budget, m: map[string][]byte{}} }

func (c *srcCache) put(path string, src []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[path]; ok || c.used+int64(len(src)) > c.budget {
		return
	}
	c.m[path] = src
	c.used += int64(len(src))
}

func (c *srcCache) get(path string, take bool) []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	src := c.m[path]
	if take && src != nil {
		delete(c.m, path)
		c.used -= int64(len(src))
	}
	return src
}

// unsummarized lists the paths without a summary yet.
func (p *project) unsummarized(paths []string) []string {
	var out []string
	for _, f := range paths {
		if _, done := p.sums[f]; !done {
			out = append(out, f)
		}
	}
	return out
}

// importersOfCatalogReexports lists, sorted, the summarized files that
// build something with a constructor or function a project module
// re-exports from a catalog module (new PrismaClient() with PrismaClient
// from a facade): only they can summarize differently now.
func (p *project) importersOfCatalogReexports() []string {
	var out []string
	for path, s := range p.sums {
		for _, v := range s.Via {
			spec, sub, ok := p.catalogOrigin(path, v.Spec, v.Path, 0)
			if ok && (p.cat.matchNew(spec, sub) != nil || p.cat.matchCall(spec, sub) != nil) {
				out = append(out, path)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// importersOf lists the summarised modules (not the auxiliary ones) that
// import one of the changed ones, the changed ones excluded when skip.
func (p *project) importersOf(changed map[string]bool, skip bool) []string {
	var out []string
	for path, s := range p.sums {
		if s.Aux || skip && changed[path] {
			continue
		}
		for _, im := range s.Imports {
			if changed[im] {
				out = append(out, path)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// factoryModules: the summarised modules that export a factory (a
// function, static or instance method that returns a new client).
func (p *project) factoryModules() map[string]bool {
	out := map[string]bool{}
	for path, s := range p.sums {
		if factoryCount(s) > 0 {
			out[path] = true
		}
	}
	return out
}

func factoryCount(s *Summary) int {
	n := 0
	for _, x := range s.Exports {
		if x.Kind == XFactory {
			n++
		}
		n += len(x.Statics) + len(x.Methods)
	}
	return n
}

// sameFactories: a new summary exports the same factories as the old.
func sameFactories(old, cur *Summary) bool {
	return factoryCount(old) == factoryCount(cur)
}
