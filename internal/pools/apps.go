package pools

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// App is a deployable: a Node package that runs (a start or dev script,
// a framework dependency), a Go main package, or one configured in
// .connlint.yml. Its clients are the constructions in its package (and
// the workspace packages it depends on), or in the Go packages it imports.
type App struct {
	Name string `json:"name"`
	// Path is the folder of its package.json or main package, relative
	// to the working directory.
	Path string `json:"path"`
	// Kind: node, go, library (a package no deployable is found for: its
	// clients are still counted, once).
	Kind       string `json:"kind"`
	Framework  string `json:"framework,omitempty"`
	Serverless bool   `json:"serverless"`
	// Hosting lists what says where it runs (vercel.json, a Dockerfile,
	// Next.js output: 'standalone').
	Hosting []string `json:"hosting,omitempty"`

	Replicas       *int   `json:"replicas"` // nil: unknown (serverless)
	ReplicasSource string `json:"replicas_source"`
	Processes      int    `json:"processes"`
	Match          Match  `json:"match"`
	Configured     bool   `json:"configured,omitempty"`

	Sites       []string           `json:"sites"`
	PerInstance map[string]*Amount `json:"per_instance"`
	Total       map[string]*Amount `json:"total"`
	Notes       []string           `json:"notes,omitempty"`

	dir      string
	pkgName  string          // Node package name
	deps     []string        // Node dependencies (all kinds)
	goPkgs   map[string]bool // Go packages it is made of
	instance map[string]int  // site ID -> instances per process (Go factories)
}

// Match says which live connections are the application's: by
// application_name or by user.
type Match struct {
	ApplicationNames []string `json:"application_name,omitempty"`
	Users            []string `json:"user,omitempty"`
}

// nodePackage is one package.json.
type nodePackage struct {
	dir        string
	name       string
	scripts    map[string]string
	deps       map[string]bool // every kind of dependency
	runDeps    map[string]bool // what it runs with: not devDependencies
	workspaces bool
	usedBy     bool // another package of the project depends on it
}

func readPackageJSON(dir string) *nodePackage {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil
	}
	var pj struct {
		Name            string            `json:"name"`
		Scripts         map[string]string `json:"scripts"`
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
		PeerDeps        map[string]string `json:"peerDependencies"`
		Workspaces      json.RawMessage   `json:"workspaces"`
	}
	if json.Unmarshal(data, &pj) != nil {
		return nil
	}
	np := &nodePackage{dir: dir, name: pj.Name, scripts: pj.Scripts, deps: map[string]bool{}, runDeps: map[string]bool{}}
	for _, m := range []map[string]string{pj.Dependencies, pj.DevDependencies, pj.PeerDeps} {
		for k := range m {
			np.deps[k] = true
		}
	}
	for _, m := range []map[string]string{pj.Dependencies, pj.PeerDeps} {
		for k := range m {
			np.runDeps[k] = true
		}
	}
	np.workspaces = len(pj.Workspaces) > 0 && string(pj.Workspaces) != "null" || fileExists(filepath.Join(dir, "pnpm-workspace.yaml"))
	return np
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// frameworks are dependencies that make a package a server of its own.
var frameworks = []string{"next", "nuxt", "@nestjs/core", "@remix-run/node", "@remix-run/serve", "@sveltejs/kit", "astro", "@react-router/serve", "express", "fastify", "hono", "koa", "@hapi/hapi"}

// isApp: a package that runs: a start/dev/serve script or a framework;
// not a workspace root (whose scripts run the workspaces'), nor a package
// other workspace packages depend on (a library's dev script watches its
// build).
func (np *nodePackage) isApp() (bool, string) {
	if np.workspaces || np.usedBy {
		return false, ""
	}
	fw := ""
	for _, f := range frameworks {
		if np.deps[f] {
			fw = f
			break
		}
	}
	for k, cmd := range np.scripts {
		switch {
		case k == "start" || k == "serve" || strings.HasPrefix(k, "start:"):
			return true, fw
		case k == "dev" && !buildWatch.MatchString(cmd):
			return true, fw
		}
	}
	return fw == "next" || fw == "nuxt" || fw == "@sveltejs/kit" || fw == "astro", fw
}

// buildWatch is a dev script that only rebuilds a library (tsc --watch).
var buildWatch = regexp.MustCompile(`^\s*(tsc|tsup|rollup|esbuild|unbuild|babel|swc|vite build|tsc-watch|nodemon --exec tsc)\b.*(--watch|\s-w\b)`)

// nodePackages walks root for package.json files.
func nodePackages(root string) map[string]*nodePackage {
	out := map[string]*nodePackage{}
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path != root && (skipWalk(d.Name()) || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() == "package.json" {
			if np := readPackageJSON(filepath.Dir(path)); np != nil {
				out[np.dir] = np
			}
		}
		return nil
	})
	return out
}

// nearestPackageDir is the folder of the nearest package.json at or above
// dir, stopping at stop; dir itself when there is none.
func nearestPackageDir(dir, stop string) string {
	for d := dir; ; {
		if fileExists(filepath.Join(d, "package.json")) {
			return d
		}
		parent := filepath.Dir(d)
		if d == stop || parent == d {
			return dir
		}
		d = parent
	}
}

// serverlessDeps mark hosting on functions (each instance its own
// process and pool).
var serverlessDeps = []string{"@vercel/node", "@vercel/functions", "@vercel/postgres", "@vercel/analytics", "@vercel/speed-insights", "@vercel/og", "@vercel/blob", "@vercel/kv", "serverless", "@netlify/functions", "@netlify/plugin-nextjs", "@opennextjs/aws", "@opennextjs/cloudflare", "sst", "aws-lambda", "@types/aws-lambda", "serverless-http"}

var nextOutput = regexp.MustCompile(`output\s*:\s*["'` + "`" + `](\w+)["'` + "`" + `]`)

// hosting decides whether a Node app runs as serverless functions, from
// what its folder (and the repository root) holds.
func hosting(np *nodePackage, root, wd string) (serverless bool, evidence []string) {
	var for_, against []string
	for _, d := range dedupeStrings([]string{np.dir, root}) {
		rel := func(n string) string { return relTo(wd, filepath.Join(d, n)) }
		for _, n := range []string{"vercel.json", "netlify.toml", "serverless.yml", "serverless.yaml", "sst.config.ts", "open-next.config.ts"} {
			if fileExists(filepath.Join(d, n)) {
				for_ = append(for_, rel(n))
			}
		}
		if st, err := os.Stat(filepath.Join(d, ".vercel")); err == nil && st.IsDir() {
			for_ = append(for_, rel(".vercel"))
		}
		if d == np.dir {
			for _, n := range []string{"Dockerfile", "fly.toml", "Procfile", "ecosystem.config.js", "ecosystem.config.cjs"} {
				if fileExists(filepath.Join(d, n)) {
					against = append(against, rel(n))
				}
			}
		}
	}
	for _, dep := range serverlessDeps {
		if np.deps[dep] {
			for_ = append(for_, "dependency "+dep)
		}
	}
	for _, n := range []string{"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs"} {
		data, err := os.ReadFile(filepath.Join(np.dir, n))
		if err != nil {
			continue
		}
		if m := nextOutput.FindSubmatch(data); m != nil && string(m[1]) == "standalone" {
			against = append(against, n+": output 'standalone' (a server of its own)")
		}
	}
	serverless = len(for_) > 0 && len(against) == 0
	evidence = append(for_, against...)
	return serverless, evidence
}

func dedupeStrings(s []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// nodeApps finds the Node deployables under root and assigns each JS site
// to the apps it runs in: its own package's app, or the apps that depend
// (through workspace packages) on its package. A site whose package no
// app uses gets an app of its own package (kind library).
func nodeApps(root, wd string, sites []*Site) []*App {
	pkgs := nodePackages(root)
	byName := map[string]*nodePackage{}
	for _, np := range pkgs {
		if np.name != "" {
			byName[np.name] = np
		}
	}
	for _, np := range pkgs {
		for d := range np.runDeps {
			if w := byName[d]; w != nil && w != np {
				w.usedBy = true
			}
		}
	}
	apps := map[string]*App{}
	names := map[string]bool{}
	var order []string
	appFor := func(np *nodePackage, kind, fw string) *App {
		if a, ok := apps[np.dir]; ok {
			return a
		}
		a := &App{Name: appName(np, root), Path: relTo(wd, np.dir), Kind: kind, Framework: fw, dir: np.dir, pkgName: np.name}
		if a.Path == "" {
			a.Path = "."
		}
		if names[a.Name] {
			a.Name = a.Path // two packages named alike: their folders tell them apart
		}
		names[a.Name] = true
		for d := range np.deps {
			a.deps = append(a.deps, d)
		}
		sort.Strings(a.deps)
		if kind == "node" {
			a.Serverless, a.Hosting = hosting(np, root, wd)
		}
		apps[np.dir] = a
		order = append(order, np.dir)
		return a
	}
	// users[pkg] = the apps that depend on it, directly or through other
	// workspace packages.
	memo := map[string][]*nodePackage{}
	users := func(target *nodePackage) []*nodePackage {
		if us, ok := memo[target.dir]; ok {
			return us
		}
		var out []*nodePackage
		for _, np := range pkgs {
			if ok, _ := np.isApp(); ok && np != target && dependsOn(np, target, byName, map[string]bool{}) {
				out = append(out, np)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
		memo[target.dir] = out
		return out
	}
	for _, s := range sites {
		if s.Language == "go" {
			continue
		}
		np := pkgs[nearestPackageDir(s.dir, root)]
		if np == nil {
			np = &nodePackage{dir: root, deps: map[string]bool{}, runDeps: map[string]bool{}}
			if p := readPackageJSON(root); p != nil {
				np = p
			}
			pkgs[root] = np
		}
		if ok, fw := np.isApp(); ok {
			s.Apps = append(s.Apps, appFor(np, "node", fw).Name)
			continue
		}
		us := users(np)
		if len(us) == 0 {
			s.Apps = append(s.Apps, appFor(np, "library", "").Name)
			continue
		}
		for _, u := range us {
			_, fw := u.isApp()
			s.Apps = append(s.Apps, appFor(u, "node", fw).Name)
		}
	}
	var out []*App
	for _, d := range order {
		out = append(out, apps[d])
	}
	return out
}

// dependsOn: np depends on target, directly or through workspace packages.
func dependsOn(np, target *nodePackage, byName map[string]*nodePackage, seen map[string]bool) bool {
	if seen[np.dir] {
		return false
	}
	seen[np.dir] = true
	if target.name != "" && np.runDeps[target.name] {
		return true
	}
	for d := range np.runDeps {
		if w := byName[d]; w != nil && dependsOn(w, target, byName, seen) {
			return true
		}
	}
	return false
}

// appName: the package's name without its scope, else its folder's.
func appName(np *nodePackage, root string) string {
	if np.name != "" {
		n := np.name
		if i := strings.LastIndexByte(n, '/'); i >= 0 && strings.HasPrefix(n, "@") {
			n = n[i+1:]
		}
		return n
	}
	if np.dir == root {
		return filepath.Base(root)
	}
	return filepath.Base(np.dir)
}

// goApps: each main package is an application made of the packages it
// imports within the load; a site in a package no main imports gets an
// app of its module (kind library).
func goApps(wd string, pkgs []*goPackage, sites []*Site, used map[string]bool) []*App {
	byPath := map[string]*goPackage{}
	for _, p := range pkgs {
		byPath[p.path] = p
	}
	var apps []*App
	names := map[string]int{}
	for _, p := range pkgs {
		if p.name != "main" {
			continue
		}
		a := &App{Kind: "go", dir: p.dir, Path: relTo(wd, p.dir), goPkgs: closure(p, byPath)}
		a.Name = filepath.Base(p.dir)
		if p.dir == p.moduleDir || a.Name == "." {
			a.Name = lastPathElem(p.module)
		}
		names[a.Name]++
		apps = append(apps, a)
	}
	// Two mains named alike (cmd/server in two modules), or a main named
	// like a Node app: the folder tells them apart.
	for _, a := range apps {
		if names[a.Name] > 1 || used[a.Name] {
			a.Name = a.Path
		}
		used[a.Name] = true
	}
	libs := map[string]*App{}
	for _, s := range sites {
		if s.Language != "go" {
			continue
		}
		for _, a := range apps {
			if a.goPkgs[s.pkgPath] {
				s.Apps = append(s.Apps, a.Name)
			}
		}
		if len(s.Apps) > 0 {
			continue
		}
		p := byPath[s.pkgPath]
		mod := s.pkgPath
		if p != nil && p.module != "" {
			mod = p.module
		}
		lib, ok := libs[mod]
		if !ok {
			lib = &App{Name: lastPathElem(mod), Kind: "library", goPkgs: map[string]bool{}}
			if used[lib.Name] {
				lib.Name = mod
			}
			used[lib.Name] = true
			if p != nil {
				lib.dir, lib.Path = p.moduleDir, relTo(wd, p.moduleDir)
			}
			libs[mod] = lib
		}
		lib.goPkgs[s.pkgPath] = true
		s.Apps = append(s.Apps, lib.Name)
	}
	var mods []string
	for m := range libs {
		mods = append(mods, m)
	}
	sort.Strings(mods)
	for _, m := range mods {
		apps = append(apps, libs[m])
	}
	return apps
}

// lastPathElem names a module or package by its last path element, the
// one before a major version suffix (miniflux.app/v2: miniflux.app,
// github.com/centrifugal/centrifugo/v6: centrifugo).
func lastPathElem(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i >= 0 && majorSuffix(p[i+1:]) {
		p = p[:i]
		i = strings.LastIndexByte(p, '/')
	}
	if i >= 0 {
		return p[i+1:]
	}
	return p
}

// majorSuffix: v2, v3, ... (a module path's major version).
func majorSuffix(e string) bool {
	if len(e) < 2 || e[0] != 'v' || e[1] == '0' || e[1] == '1' && len(e) == 2 {
		return false
	}
	for _, c := range e[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// closure is the set of packages p imports, transitively, itself included.
func closure(p *goPackage, byPath map[string]*goPackage) map[string]bool {
	out := map[string]bool{}
	var walk func(q *goPackage)
	walk = func(q *goPackage) {
		if q == nil || out[q.path] {
			return
		}
		out[q.path] = true
		for _, imp := range q.imports {
			walk(byPath[imp])
		}
	}
	walk(p)
	return out
}
