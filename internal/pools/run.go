package pools

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/connlint/connlint/analyzers/catalog"
	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/jsts"
	gopools "github.com/connlint/connlint/analyzers/pools"
)

// Options are what one plan covers and assumes.
type Options struct {
	WorkDir  string
	Patterns []string // folders (dir or dir/...), default "."
	Tags     string
	Config   *config.Config // nil: the nearest .connlint.yml upward from WorkDir
	Workers  int

	// CPUs of each host, for CPU-dependent defaults (0: this machine's).
	CPUs int
	// Replicas and Processes per app name, from the command line (they
	// override the config).
	Replicas  map[string]int
	Processes map[string]int
	Surge     bool

	// Server is the server kind the capacity is for ("" : the plan's
	// main SQL server). MaxConnections/Reserved (or Capacity) describe it.
	Server         string
	MaxConnections *int
	Reserved       int
	Capacity       *int
	CapacitySource string
}

// ErrNothing is returned when the patterns hold no Go package and no
// TS/JS file.
var ErrNothing = errors.New("nothing to inventory: no Go package and no TS/JS file found")

// Run builds the plan.
func Run(ctx context.Context, opts Options) (*Plan, error) {
	wd := opts.WorkDir
	if wd == "" {
		var err error
		if wd, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	cfg := opts.Config
	if cfg == nil {
		var err error
		if cfg, err = config.Discover(wd, ""); err != nil {
			return nil, err
		}
	}
	if opts.CPUs <= 0 {
		opts.CPUs = runtime.NumCPU()
	}
	patterns := opts.Patterns
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	var roots []string
	for _, p := range patterns {
		d := strings.TrimSuffix(filepath.ToSlash(p), "/...")
		if d == "..." || d == "" {
			d = "."
		}
		abs := d
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, d)
		}
		st, err := os.Stat(abs)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", p, errText(err))
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("%s: connlint pools takes folders (a project, a package, an app)", p)
		}
		roots = append(roots, filepath.Clean(abs))
	}
	root := roots[0]
	if cfg.File != "" && within(cfg.Dir, root) {
		root = cfg.Dir
	}
	r := &resolver{wd: wd, cpus: opts.CPUs, cat: cfg.Catalog(),
		env:    newEnvIndex(wd, append([]string{root}, roots...)),
		prisma: &prismaSchemas{wd: wd, root: root, byPk: map[string]*prismaSchema{}}}
	plan := &Plan{Version: 1, CPUs: opts.CPUs, Surge: opts.Surge, Checked: opts.Server, Findings: []Finding{}, Errors: []string{}, Scripts: []string{}, Servers: []*Server{}}

	// TS/JS: the engine's sites, evaluated by the pools analyzer.
	jsRes, stats := jsts.RunStats(ctx, roots, jsts.Options{Config: cfg, WorkDir: wd, Workers: opts.Workers, Analyzers: []*jsts.Analyzer{r.jsAnalyzer()}})
	for _, e := range jsRes.Errors {
		plan.Errors = append(plan.Errors, e.File+": "+e.Message)
	}
	r.linkJSFactories()

	// Go: each module under the roots.
	var goPkgs []*goPackage
	loaded := 0
	an := gopools.New(cfg)
	for _, m := range goModules(roots) {
		pkgs, errs, err := r.runGo(ctx, m.dir, []string{m.pattern}, opts.Tags, an)
		for _, e := range errs {
			plan.Errors = append(plan.Errors, e)
		}
		if err != nil {
			plan.Errors = append(plan.Errors, relTo(wd, m.dir)+": "+firstLine(err.Error()))
			continue
		}
		loaded += len(pkgs)
		goPkgs = append(goPkgs, pkgs...)
	}
	if loaded == 0 && stats.Files == 0 {
		return plan, ErrNothing
	}
	sort.Slice(r.sites, func(i, j int) bool {
		if r.sites[i].File != r.sites[j].File {
			return r.sites[i].File < r.sites[j].File
		}
		return r.sites[i].Line < r.sites[j].Line
	})
	plan.Sites = r.sites
	if plan.Sites == nil {
		plan.Sites = []*Site{}
	}

	apps := nodeApps(root, wd, plan.Sites)
	used := map[string]bool{}
	for _, a := range apps {
		used[a.Name] = true
	}
	apps = append(apps, goApps(wd, goPkgs, plan.Sites, used)...)
	goInstances(apps, plan.Sites)
	apps, cfgErrs := applyConfig(cfg, wd, apps, plan.Sites)
	plan.Errors = append(plan.Errors, cfgErrs...)
	for _, a := range apps {
		a.Sites = nil
		if a.Processes == 0 {
			a.Processes = 1
		}
	}
	if err := applyFlags(apps, opts); err != nil {
		return plan, err
	}
	plan.Apps = apps
	if plan.Apps == nil {
		plan.Apps = []*App{}
	}
	for _, s := range plan.Sites {
		if s.Apps == nil {
			s.Apps = []string{}
		}
	}
	plan.sum(opts)
	plan.findings()
	plan.redact()
	return plan, nil
}

// applyFlags sets replicas and processes from the command line, and the
// defaults: one replica, except serverless apps (unknown).
func applyFlags(apps []*App, opts Options) error {
	names := map[string]bool{}
	for _, a := range apps {
		names[a.Name] = true
		if n, ok := opts.Replicas[a.Name]; ok {
			a.Replicas, a.ReplicasSource = &n, "--replicas"
		}
		if n, ok := opts.Processes[a.Name]; ok {
			a.Processes = n
		}
		if a.Replicas == nil && !a.Serverless {
			one := 1
			a.Replicas, a.ReplicasSource = &one, "default (give --replicas "+a.Name+"=N)"
		}
		if a.Replicas == nil {
			a.ReplicasSource = "serverless: one per concurrent function instance"
		}
	}
	for _, m := range []map[string]int{opts.Replicas, opts.Processes} {
		for n := range m {
			if !names[n] {
				var known []string
				for k := range names {
					known = append(known, k)
				}
				sort.Strings(known)
				return fmt.Errorf("no application named %q (applications: %s)", n, strings.Join(known, ", "))
			}
		}
	}
	return nil
}

// goInstances: a factory's construction runs once per call; an app counts
// the calls made from its own packages.
func goInstances(apps []*App, sites []*Site) {
	for _, a := range apps {
		if a.goPkgs == nil {
			continue
		}
		for _, s := range sites {
			if len(s.Callers) == 0 {
				continue
			}
			n, perCall := 0, false
			for _, c := range s.Callers {
				if a.goPkgs[c.Package] {
					n++
					perCall = perCall || c.PerCall != ""
				}
			}
			if perCall {
				n = -1 // called in a loop or a handler: one client per iteration or request
			}
			if a.instance == nil {
				a.instance = map[string]int{}
			}
			a.instance[s.ID] = n
			if n != 0 && !containsString(s.Apps, a.Name) {
				s.Apps = append(s.Apps, a.Name)
			}
		}
	}
}

func containsString(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

func appendOnce(s []string, x string) []string {
	if containsString(s, x) {
		return s
	}
	return append(s, x)
}

// goModule is a Go module to load and the pattern for the part of it a
// root names.
type goModule struct{ dir, pattern string }

// goModules: a root inside a module loads root/...; a root above modules
// (a monorepo) loads each nested module.
func goModules(roots []string) []goModule {
	var out []goModule
	seen := map[string]bool{}
	for _, r := range roots {
		if mod := moduleOf(r); mod != "" {
			pat := "./..."
			if rel, err := filepath.Rel(mod, r); err == nil && rel != "." {
				pat = "./" + filepath.ToSlash(rel) + "/..."
			}
			if !seen[mod+pat] {
				seen[mod+pat] = true
				out = append(out, goModule{mod, pat})
			}
			continue
		}
		filepath.WalkDir(r, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if path != r && (skipWalk(d.Name()) || strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Name() == "go.mod" && !seen[filepath.Dir(path)+"./..."] {
				seen[filepath.Dir(path)+"./..."] = true
				out = append(out, goModule{filepath.Dir(path), "./..."})
			}
			return nil
		})
	}
	return out
}

// moduleOf is the folder of the go.mod at or above dir, or "".
func moduleOf(dir string) string {
	for d := dir; ; {
		if fileExists(filepath.Join(d, "go.mod")) {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// catalogEntry finds a client entry of a language.
func catalogEntry(r *resolver, lang, client string) *catalog.Entry {
	for _, e := range r.cat.Lang(lang) {
		if e.Client == client {
			e := e
			return &e
		}
	}
	return &catalog.Entry{Client: client}
}
