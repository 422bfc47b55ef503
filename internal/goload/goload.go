// Package goload loads Go packages and runs go/analysis analyzers on them
// the lean way, for connlint's CLI.
//
// go/packages in LoadAllSyntax mode followed by go/analysis/checker keeps
// the syntax trees and type information of every package of a program in
// memory at once, which is most of a large program's peak memory. Here:
//
//   - a cheap first pass (go list, no parsing) gives the import graph;
//   - packages are then parsed and type-checked one at a time in import
//     order, with as many in flight as there are cores;
//   - the analyzers run on a package as soon as it is type-checked, and its
//     syntax and types.Info are dropped right after: only its
//     *types.Package (which importers need) and its facts stay;
//   - a dependency in which no analyzer can export a fact that matters
//     (Config.Full says which) is type-checked for its declarations only
//     (no function bodies, no types.Info) and not analyzed.
//
// Facts are kept in one store for the whole run and are visible to a
// package exactly as go/analysis/checker makes them visible (see visible).
package goload

import (
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// metaMode is what the first pass asks go list for: names, files, the
// import graph and modules, but no syntax and no types.
const metaMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedTypesSizes

// Config says what to load and run.
type Config struct {
	Context    context.Context
	Dir        string
	Env        []string // added to the environment of the go command
	BuildFlags []string
	Analyzers  []*analysis.Analyzer
	// Workers bounds the packages in flight (default GOMAXPROCS).
	Workers int
	// Full reports whether a dependency (never a root) must be
	// type-checked in full and analyzed, because an analyzer may export a
	// fact in it that a package importing it reads. nil means every
	// package.
	Full func(*Unit) bool
	// Bodies, when set, is asked before a dependency is parsed whether
	// Full needs its function bodies to decide (Unit.Sources set, Files
	// not). When it does not, the dependency is parsed without them and
	// parsed again in full only if Full says so.
	Bodies func(*Unit) bool
	// DeclCache, when set, keeps standard library packages checked for
	// their declarations only between runs (see DeclCache).
	DeclCache *DeclCache
	// OnFact, when set, is told of every fact an analyzer exports.
	OnFact func(obj types.Object, fact analysis.Fact)
	// Progress, when set, is told how many root packages are done.
	Progress func(done, total int)
}

// Unit is a package about to be type-checked: what Config.Full may read.
type Unit struct {
	Meta  *packages.Package // metadata only: no types yet
	Fset  *token.FileSet
	Files []*ast.File // its parsed files (comments included)
	// Sources are its files' contents (for Config.Bodies only).
	Sources [][]byte
	// Imports are its direct dependencies, type-checked, by import path.
	Imports map[string]*types.Package
}

// Root is what the run found in one root package.
type Root struct {
	Pkg *packages.Package // metadata, Errors and Types; no syntax
	// Err is set when the analyzers did not run on the package because a
	// dependency failed to type-check, or an analyzer failed.
	Err         error
	Diagnostics []Diagnostic
}

// Diagnostic is one analyzer's report.
type Diagnostic struct {
	Analyzer *analysis.Analyzer
	analysis.Diagnostic
}

// Stats counts what the run did, for benchmarks and tests.
type Stats struct {
	Packages int // every package of the program
	Full     int // type-checked in full and analyzed (roots included)
	Roots    int
	// Cached counts the packages read from Config.DeclCache.
	Cached int
	// FullPaths are the packages checked in full, by package path.
	FullPaths map[string]bool
}

// Run loads the patterns and runs the analyzers on the roots and on
// whatever dependencies need them for facts. The error is the go command's
// (no module, bad pattern); package errors are in each Root.
func Run(cfg Config, patterns ...string) ([]*Root, *token.FileSet, Stats, error) {
	ctx := cfg.Context
	if ctx == nil {
		ctx = context.Background()
	}
	fset := token.NewFileSet()
	pcfg := &packages.Config{Context: ctx, Mode: metaMode, Dir: cfg.Dir, BuildFlags: cfg.BuildFlags, Fset: fset}
	if len(cfg.Env) > 0 {
		pcfg.Env = append(os.Environ(), cfg.Env...)
	}
	pkgs, err := packages.Load(pcfg, patterns...)
	if err != nil {
		return nil, nil, Stats{}, err
	}
	r := newRun(ctx, cfg, fset, pkgs)
	r.schedule()
	var roots []*Root
	for _, p := range pkgs {
		if n := r.nodes[p]; n.root != nil {
			roots = append(roots, n.root)
		}
	}
	return roots, fset, r.stats, ctx.Err()
}

// node is one package of the program during the run.
type node struct {
	pkg        *packages.Package
	isRoot     bool
	pending    int // imports not yet done
	dependents []*node
	full       bool
	illTyped   bool
	failed     string // why the analyzers could not run here (for importers)
	root       *Root
}

type run struct {
	ctx       context.Context
	cfg       Config
	fset      *token.FileSet
	nodes     map[*packages.Package]*node
	byPath    map[string]*node
	analyzers []*analysis.Analyzer // in Requires order
	facts     *factStore
	stats     Stats
	mu        sync.Mutex // guards stats and the nodes' pending counts
	rootsDone int
	gorootSrc string // the standard library's source folder, for DeclCache
}

func newRun(ctx context.Context, cfg Config, fset *token.FileSet, pkgs []*packages.Package) *run {
	r := &run{ctx: ctx, cfg: cfg, fset: fset, nodes: map[*packages.Package]*node{}, byPath: map[string]*node{}, facts: newFactStore()}
	r.analyzers = requiresOrder(cfg.Analyzers)
	r.stats.FullPaths = map[string]bool{}
	for _, p := range pkgs {
		if len(p.CompiledGoFiles) > 0 || len(p.Errors) > 0 {
			r.stats.Roots++
		}
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		n := &node{pkg: p}
		r.nodes[p] = n
		r.byPath[p.PkgPath] = n
	})
	for _, p := range pkgs {
		r.nodes[p].isRoot = true
	}
	for _, n := range r.nodes {
		for _, imp := range n.pkg.Imports {
			n.pending++
			dep := r.nodes[imp]
			dep.dependents = append(dep.dependents, n)
		}
	}
	r.stats.Packages = len(r.nodes)
	r.gorootSrc = gorootSource(r.byPath)
	return r
}

// schedule processes every package once all its imports are done, with at
// most Workers in flight.
func (r *run) schedule() {
	workers := r.cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ready := make(chan *node, len(r.nodes))
	var leaves []*node
	for _, n := range r.nodes {
		if n.pending == 0 {
			leaves = append(leaves, n)
		}
	}
	sort.Slice(leaves, func(i, j int) bool { return leaves[i].pkg.ID < leaves[j].pkg.ID })
	for _, n := range leaves {
		ready <- n
	}
	var wg sync.WaitGroup
	remaining := len(r.nodes)
	if remaining == 0 {
		return
	}
	done := make(chan struct{})
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				case n := <-ready:
					r.process(n)
					r.mu.Lock()
					for _, d := range n.dependents {
						d.pending--
						if d.pending == 0 {
							ready <- d
						}
					}
					remaining--
					if remaining == 0 {
						close(done)
					}
					r.mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
}

// process type-checks one package and, when it is checked in full, runs
// the analyzers on it; then drops everything but its types.
func (r *run) process(n *node) {
	p := n.pkg
	p.Fset = r.fset
	if p.PkgPath == "unsafe" {
		p.Types = types.Unsafe
		return
	}
	p.Types = types.NewPackage(p.PkgPath, p.Name)
	for _, imp := range p.Imports {
		if dep := r.nodes[imp]; dep.illTyped {
			n.illTyped = true
		}
	}
	if r.ctx.Err() != nil {
		n.illTyped, n.failed = true, "canceled"
		return
	}
	key := r.declKey(n)
	if key != "" && !n.illTyped {
		if pkg := r.loadDecls(p, key); pkg != nil {
			p.Types = pkg
			r.mu.Lock()
			r.stats.Cached++
			r.mu.Unlock()
			return
		}
	}
	srcs := r.read(p)
	imports := r.importsOf(p)
	n.full = n.isRoot || r.cfg.Full == nil
	bodies := n.full || r.cfg.Bodies == nil || r.cfg.Bodies(&Unit{Meta: p, Fset: r.fset, Imports: imports, Sources: sourceBytes(srcs)})
	files, parseErrs := r.parse(srcs, !bodies)
	if !n.full {
		n.full = r.cfg.Full(&Unit{Meta: p, Fset: r.fset, Files: files, Imports: imports})
		if n.full && !bodies {
			r.forget(files)
			files, parseErrs = r.parse(srcs, false)
		}
	}
	srcs = nil
	p.Errors = append(p.Errors, parseErrs...)
	var info *types.Info
	if n.full {
		info = newInfo()
	}
	r.check(p, files, info)
	if len(p.Errors) > 0 {
		n.illTyped = true
	} else if key != "" && !n.full {
		r.storeDecls(p, key)
	}
	if n.isRoot {
		n.root = &Root{Pkg: p}
	}
	if n.full {
		r.mu.Lock()
		r.stats.Full++
		r.stats.FullPaths[p.PkgPath] = true
		r.mu.Unlock()
		r.analyze(n, files, info)
	} else if n.illTyped || r.failedImports(n) != "" {
		n.failed = r.analyzers[0].Name + "@" + p.ID
	}
	if n.isRoot && r.cfg.Progress != nil && (len(p.CompiledGoFiles) > 0 || len(p.Errors) > 0) {
		r.mu.Lock()
		r.rootsDone++
		done := r.rootsDone
		r.mu.Unlock()
		r.cfg.Progress(done, r.stats.Roots)
	}
	// What the importers need is p.Types; the rest goes.
	p.Syntax, p.TypesInfo = nil, nil
}

func (r *run) importsOf(p *packages.Package) map[string]*types.Package {
	m := make(map[string]*types.Package, len(p.Imports))
	for path, imp := range p.Imports {
		m[path] = imp.Types
	}
	return m
}

// requiresOrder lists the analyzers and their prerequisites, each after
// the analyzers it requires.
func requiresOrder(as []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		out = append(out, a)
	}
	for _, a := range as {
		visit(a)
	}
	return out
}

// failedImports names, as go/analysis/checker does, the dependencies whose
// analysis failed.
func (r *run) failedImports(n *node) string {
	var failed []string
	for _, imp := range n.pkg.Imports {
		if dep := r.nodes[imp]; dep.failed != "" {
			failed = append(failed, dep.failed)
		}
	}
	sort.Strings(failed)
	if len(failed) == 0 {
		return ""
	}
	return fmt.Sprintf("failed prerequisites: %s", strings.Join(failed, ", "))
}

func sourceBytes(srcs []source) [][]byte {
	out := make([][]byte, len(srcs))
	for i, s := range srcs {
		out[i] = s.src
	}
	return out
}
