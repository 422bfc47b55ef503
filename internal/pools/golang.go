package pools

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	gopools "github.com/connlint/connlint/analyzers/pools"
)

// goMode loads what the pools analyzer reads: syntax and types of the
// module's packages (dependencies' types from export data: the analyzer
// exports no facts, so only the roots need syntax), and their imports
// for the applications (main packages and what they import).
const goMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedSyntax |
	packages.NeedTypesInfo | packages.NeedTypesSizes | packages.NeedModule

// goPackage is a loaded package the applications are made of.
type goPackage struct {
	path, dir, name string
	module          string // module path
	moduleDir       string
	imports         []string // within the loaded roots
}

// runGo loads the Go patterns, runs the pools analyzer on every package
// and turns its sites into inventory sites. It returns the packages
// (for the applications) and the load errors.
func (r *resolver) runGo(ctx context.Context, dir string, patterns []string, tags string, an *analysis.Analyzer) ([]*goPackage, []string, error) {
	cfg := &packages.Config{Context: ctx, Mode: goMode, Dir: dir}
	if tags != "" {
		cfg.BuildFlags = []string{"-tags=" + tags}
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, nil, err
	}
	var errs []string
	var roots []*packages.Package
	rootSet := map[string]bool{}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			errs = append(errs, fmt.Sprintf("package %s: %s", p.PkgPath, firstLine(p.Errors[0].Msg)))
			continue
		}
		if len(p.Syntax) == 0 {
			continue
		}
		roots = append(roots, p)
		rootSet[p.PkgPath] = true
	}
	if len(roots) == 0 {
		return nil, errs, nil
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{an}, roots, &checker.Options{})
	if err != nil {
		return nil, errs, fmt.Errorf("go analysis: %w", err)
	}
	var gp []*goPackage
	var results []*gopools.Result
	var resPkgs []*packages.Package
	for _, act := range graph.Roots {
		if act.Analyzer != an {
			continue
		}
		if act.Err != nil {
			errs = append(errs, fmt.Sprintf("package %s: %s", act.Package.PkgPath, firstLine(act.Err.Error())))
			continue
		}
		res, _ := act.Result.(*gopools.Result)
		if res == nil {
			continue
		}
		results = append(results, res)
		resPkgs = append(resPkgs, act.Package)
	}
	for _, p := range roots {
		g := &goPackage{path: p.PkgPath, name: p.Name, dir: packageDir(p)}
		if p.Module != nil {
			g.module, g.moduleDir = p.Module.Path, p.Module.Dir
		}
		for path := range p.Imports {
			if rootSet[path] {
				g.imports = append(g.imports, path)
			}
		}
		sort.Strings(g.imports)
		gp = append(gp, g)
	}
	r.goSites(results, resPkgs)
	return gp, errs, nil
}

func packageDir(p *packages.Package) string {
	if len(p.GoFiles) > 0 {
		return filepath.Dir(p.GoFiles[0])
	}
	if len(p.CompiledGoFiles) > 0 {
		return filepath.Dir(p.CompiledGoFiles[0])
	}
	return ""
}

// goSites turns the analyzer's sites into inventory sites, linking each
// factory with its calls across packages.
func (r *resolver) goSites(results []*gopools.Result, pkgs []*packages.Package) {
	calls := map[string][]*gopools.FactoryCall{}
	callPkg := map[*gopools.FactoryCall]string{}
	for i, res := range results {
		for _, c := range res.Calls {
			calls[c.Func] = append(calls[c.Func], c)
			callPkg[c] = pkgs[i].PkgPath
		}
	}
	for i, res := range results {
		for _, gs := range res.Sites {
			s := r.goSite(gs, pkgs[i])
			if gs.Factory != "" {
				r.linkGoFactory(s, gs, calls[gs.Factory], callPkg)
			}
			r.add(s)
		}
	}
}

func (r *resolver) goSite(gs *gopools.Site, p *packages.Package) *Site {
	file := relTo(r.wd, gs.Pos.Filename)
	s := &Site{
		ID: siteID(file, gs.Pos.Line), File: file, Line: gs.Pos.Line, Column: gs.Pos.Column,
		Language: "go", Client: gs.Entry.Client, Library: goLibrary(gs), Call: gs.Call,
		Kind: gs.Kind, Server: gs.Server, Instances: 1, Notes: gs.Notes,
		dir: filepath.Dir(gs.Pos.Filename), pkgPath: p.PkgPath,
	}
	if s.Kind == "" {
		s.Kind = KindPool
	}
	if gs.PerCall != "" {
		s.Instances, s.Context = -1, "per-call"
		s.Notes = append(s.Notes, "built per call ("+gs.PerCall+"): each call opens another client, so there is no bound (connlint's singleton rule reports it)")
	}
	if gs.Entry.Client == "prisma" {
		r.goPrisma(s, p)
		return s
	}
	s.Max = r.goLimit(s, gs)
	return s
}

func goLibrary(gs *gopools.Site) string {
	if gs.Entry.Package != "" {
		return gs.Entry.Package
	}
	return gs.Entry.GeneratedFrom
}

// goLimit: what the code sets, else the DSN, else the library default.
func (r *resolver) goLimit(s *Site, gs *gopools.Site) Limit {
	switch s.Kind {
	case KindConnection:
		return known(1, FromConnection, "one connection ("+s.Call+")")
	case KindWraps:
		return known(0, FromWraps, "uses a pool opened elsewhere, counted where it is opened")
	case KindNone:
		return known(0, FromConnection, "no server connection held")
	}
	var l Limit
	switch {
	case gs.Limit != nil && gs.Limit.Known:
		source := FromSetter
		if !strings.Contains(gs.Limit.Where, "(") {
			source = FromOption
		}
		l = known(gs.Limit.Max, source, r.rel(gs.Limit.Where))
	case gs.Limit != nil:
		l = unknown(FromSetter, r.rel(gs.Limit.Where+": "+gs.Limit.Why))
	default:
		l = r.goDSNLimit(s, gs)
	}
	if s.Kind == KindPerNode && l.State == Known {
		n := l.Value()
		l = unknown(l.Source, fmt.Sprintf("%d per cluster node (%s): the total depends on the node count", n, l.Where))
	}
	if gs.Extra != nil && l.State == Known {
		if gs.Extra.Known {
			n := l.Value() + max(gs.Extra.Max, 0)
			l.Max = &n
			l.Where += "; " + r.rel(gs.Extra.Where)
		}
	}
	return l
}

// goDSNLimit reads the maximum from the DSN (pool_max_conns, pool_size,
// maxPoolSize), else the catalog default.
func (r *resolver) goDSNLimit(s *Site, gs *gopools.Site) Limit {
	e := gs.Entry
	param := ""
	if e.Pool != nil {
		param = e.Pool.URLParam
	}
	if gs.DSN != nil && param != "" {
		sv := strVal{text: gs.DSN.Literal, literal: gs.DSN.Literal != "" && !gs.DSN.Template, template: gs.DSN.Template, env: gs.DSN.Env}
		if sv.literal || sv.template || sv.env != "" {
			cf := r.fromConnString(sv, r.rel(gs.DSN.Where), param, s.dir)
			s.Params, s.ApplicationName = cf.params, cf.app
			s.Notes = append(s.Notes, cf.notes...)
			if cf.limit != nil {
				return *cf.limit
			}
		} else {
			s.Notes = append(s.Notes, "the connection string at "+r.rel(gs.DSN.Where)+" was not followed: "+param+" in it would set the maximum")
		}
	}
	l := r.defaultLimit(e, s.Library)
	if s.Kind == KindPerNode {
		l = r.nodeDefaultLimit(e, s.Library)
	}
	if l.State == Unbounded {
		l.Reason = "no SetMaxOpenConns on this *sql.DB: database/sql opens as many connections as there are concurrent queries"
		if e.Client == "ent" {
			l.Reason = "ent's Open builds a database/sql pool with no limit"
		}
		l.Where = l.Reason
	}
	return l
}

// rel rewrites the absolute paths the analyzer writes relative to the
// working directory.
func (r *resolver) rel(s string) string {
	return strings.ReplaceAll(s, filepath.ToSlash(r.wd)+"/", "")
}

// linkGoFactory: a construction a function returns is built once per call
// of that function. A limit set on the call's result counts when the
// construction sets none.
func (r *resolver) linkGoFactory(s *Site, gs *gopools.Site, calls []*gopools.FactoryCall, callPkg map[*gopools.FactoryCall]string) {
	s.Context = "returned"
	if len(calls) == 0 {
		s.Notes = append(s.Notes, "returned by "+shortFunc(gs.Factory)+", whose calls were not found: counted once")
		return
	}
	var limits []*gopools.Limit
	unset := 0
	for _, c := range calls {
		where := relTo(r.wd, c.Pos.Filename) + ":" + fmt.Sprint(c.Pos.Line)
		s.Callers = append(s.Callers, Caller{At: where, Package: callPkg[c], PerCall: c.PerCall})
		if c.Limit != nil {
			limits = append(limits, c.Limit)
		} else {
			unset++
		}
	}
	s.Notes = append(s.Notes, fmt.Sprintf("returned by %s: one client per call (%d calls)", shortFunc(gs.Factory), len(calls)))
	for _, c := range s.Callers {
		if c.PerCall != "" {
			s.Notes = append(s.Notes, "the call at "+c.At+" runs per call ("+c.PerCall+"): no bound on the clients it builds")
		}
	}
	if gs.Limit != nil && !gs.Limit.Known && gs.Limit.Param >= 0 {
		r.factoryParamLimit(s, gs, calls)
		return
	}
	if gs.Limit != nil || len(limits) == 0 || s.Kind == KindWraps || s.Kind == KindConnection {
		return
	}
	// The callers bound it: the largest of their limits, unless one
	// caller leaves its client as the default.
	best := limits[0]
	for _, l := range limits[1:] {
		if !l.Known || best.Known && l.Max > best.Max {
			best = l
		}
	}
	if unset > 0 {
		s.Notes = append(s.Notes, fmt.Sprintf("%d of its calls set no limit on what it returns", unset))
		return
	}
	if best.Known {
		s.Max = known(best.Max, FromSetter, r.rel(best.Where)+" (on what "+shortFunc(gs.Factory)+" returns)")
	} else {
		s.Max = unknown(FromSetter, r.rel(best.Where+": "+best.Why))
	}
}

// paramLimit: the limit is a parameter of the factory: each call's
// argument gives it (the largest, when all are constants).
func (r *resolver) factoryParamLimit(s *Site, gs *gopools.Site, calls []*gopools.FactoryCall) {
	i := gs.Limit.Param
	var consts []string
	best, all := 0, true
	var opaque []string
	for _, c := range calls {
		at := relTo(r.wd, c.Pos.Filename) + ":" + fmt.Sprint(c.Pos.Line)
		if i >= len(c.Args) {
			all = false
			continue
		}
		a := c.Args[i]
		if a.Known {
			consts = append(consts, fmt.Sprintf("%d at %s", a.N, at))
			best = max(best, a.N)
		} else {
			all = false
			opaque = append(opaque, fmt.Sprintf("%s at %s", a.Text, at))
		}
	}
	where := r.rel(gs.Limit.Where)
	if all && len(consts) > 0 {
		s.Max = known(best, FromSetter, where+"; the callers pass "+strings.Join(consts, ", "))
		return
	}
	s.Max = unknown(FromSetter, where+": the callers pass "+strings.Join(append(opaque, consts...), ", "))
}

// Caller is a call of the factory a site is returned by.
type Caller struct {
	At      string `json:"at"`
	Package string `json:"package"`
	// PerCall says why the call runs per call (in a loop, in a request
	// handler): no bound on the clients it builds.
	PerCall string `json:"per_call,omitempty"`
}

func shortFunc(full string) string {
	if i := strings.LastIndexByte(full, '/'); i >= 0 {
		return full[i+1:]
	}
	return full
}

// goPrisma: prisma-client-go reads the schema's datasource URL, like the
// JS client without options.
func (r *resolver) goPrisma(s *Site, p *packages.Package) {
	dir := s.dir
	if p.Module != nil {
		dir = p.Module.Dir
	}
	schema := r.prisma.forPackage(dir)
	e := catalogEntry(r, "go", "prisma")
	if schema != nil {
		s.Server = providerServer(schema.Provider)
		if schema.Env != "" || schema.URL != "" {
			cf := r.fromConnString(strVal{env: schema.Env, text: schema.URL, literal: schema.URL != ""}, "datasource url in "+siteID(schema.File, schema.Line), "connection_limit", s.dir)
			s.Server = firstNonEmpty(s.Server, cf.server)
			s.Params = cf.params
			s.Notes = append(s.Notes, cf.notes...)
			if cf.limit != nil {
				s.Max = *cf.limit
				return
			}
		}
	}
	s.Max = r.defaultLimit(e, "Prisma")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// perCallCaller names the first call of the site's factory, in the app's
// packages, that runs per call.
func (s *Site) perCallCaller(a *App) string {
	for _, c := range s.Callers {
		if c.PerCall != "" && a.goPkgs[c.Package] {
			return "the call at " + c.At + " (" + c.PerCall + ")"
		}
	}
	return "a call per call"
}
