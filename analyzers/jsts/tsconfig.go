package jsts

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// tsconfig holds what resolution needs from a tsconfig.json or
// jsconfig.json, its `extends` chain merged in.
type tsconfig struct {
	baseURL   string // absolute, or ""
	paths     map[string][]string
	pathsDir  string   // folder of the config that set paths
	keys      []string // paths keys, longest prefix first
	outDir    string   // absolute, or "": where the package's build goes
	rootDir   string   // absolute, or "": the sources outDir is built from
	hasPaths  bool     // paths or baseUrl set somewhere in the chain
	reference []string // referenced configs (a solution-style tsconfig.json)
}

// pathsBase is the folder paths targets are relative to: baseUrl when
// set, else the folder of the config that declared them (TypeScript 4.1+).
func (t *tsconfig) pathsBase() string {
	if t.baseURL != "" {
		return t.baseURL
	}
	return t.pathsDir
}

// pathTargets returns the targets, absolute, of the paths pattern that
// matches spec with the longest prefix (TypeScript tries that pattern
// only), its * replaced by what it matched.
func (t *tsconfig) pathTargets(spec string) []string {
	for _, k := range t.keys {
		prefix, suffix, wild := strings.Cut(k, "*")
		var star string
		switch {
		case wild && len(spec) >= len(prefix)+len(suffix) && strings.HasPrefix(spec, prefix) && strings.HasSuffix(spec, suffix):
			star = spec[len(prefix) : len(spec)-len(suffix)]
		case !wild && spec == k:
		default:
			continue
		}
		var out []string
		for _, target := range t.paths[k] {
			p := strings.Replace(target, "*", star, 1)
			if !filepath.IsAbs(p) { // ${configDir}/src/* is already absolute
				p = filepath.Join(t.pathsBase(), p)
			}
			out = append(out, p)
		}
		return out
	}
	return nil
}

type rawTSConfig struct {
	Extends         json.RawMessage `json:"extends"`
	CompilerOptions struct {
		BaseURL *string             `json:"baseUrl"`
		Paths   map[string][]string `json:"paths"`
		OutDir  *string             `json:"outDir"`
		RootDir *string             `json:"rootDir"`
	} `json:"compilerOptions"`
	References []struct {
		Path string `json:"path"`
	} `json:"references"`
}

// nearestTSConfig returns the tsconfig.json (or else jsconfig.json) of
// dir or its nearest ancestor, as TypeScript's editor picks the project of
// a file: each file of a monorepo uses the config nearest to it. The
// search stops at the top of the checked tree or of the git repository: a
// config above them is not the project's.
func (c *fsCache) nearestTSConfig(dir string) *tsconfig {
	if v, ok := c.tsconfig.Load(dir); ok {
		return v.(*tsconfig)
	}
	var cfg *tsconfig
	found := false
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		if p := filepath.Join(dir, name); c.isFile(p) {
			cfg = c.loadTSConfig(p, 0)
			found = true
			break
		}
	}
	if !found && !c.isTop(dir) {
		if parent := filepath.Dir(dir); parent != dir {
			cfg = c.nearestTSConfig(parent)
		}
	}
	v, _ := c.tsconfig.LoadOrStore(dir, cfg)
	return v.(*tsconfig)
}

// isTop: dir is an outermost checked folder or a repository's top.
func (c *fsCache) isTop(dir string) bool {
	for _, t := range c.tops {
		if t == dir {
			return true
		}
	}
	_, listed := c.dirList(dir).lookup(".git")
	return listed
}

// loadTSConfig reads a config with its extends chain (cached per file). A
// solution-style config (no paths of its own, `references` to others)
// takes the paths of the first referenced config that has some.
func (c *fsCache) loadTSConfig(path string, depth int) *tsconfig {
	if v, ok := c.tsfile.Load(path); ok {
		return v.(*tsconfig)
	}
	cfg := c.readTSConfig(path, depth, filepath.Dir(path))
	if cfg != nil && !cfg.hasPaths && depth == 0 {
		for _, r := range cfg.reference {
			if rc := c.loadTSConfig(r, depth+1); rc != nil && rc.hasPaths {
				merged := *rc
				merged.outDir, merged.rootDir = cfg.outDir, cfg.rootDir
				cfg = &merged
				break
			}
		}
	}
	v, _ := c.tsfile.LoadOrStore(path, cfg)
	return v.(*tsconfig)
}

// readTSConfig reads one config and its extends chain; leafDir is the
// folder of the config a file uses, which ${configDir} in any config of
// the chain names (TypeScript 5.5).
func (c *fsCache) readTSConfig(path string, depth int, leafDir string) *tsconfig {
	if depth > 8 {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var raw rawTSConfig
	if err := json.Unmarshal(stripJSONC(data), &raw); err != nil {
		return nil
	}
	dir := filepath.Dir(path)
	cfg := &tsconfig{}
	// Each config of an extends array overrides the ones before it; the
	// config's own options override them all.
	for _, e := range extendsList(raw.Extends) {
		if p := c.findExtended(dir, e); p != "" {
			if base := c.readTSConfig(p, depth+1, leafDir); base != nil {
				cfg.overlay(base)
			}
		}
	}
	own := &tsconfig{}
	co := raw.CompilerOptions
	// a path option is relative to the config that sets it, or to the
	// using config's folder through ${configDir}
	abs := func(v string) string {
		if rest, ok := strings.CutPrefix(v, "${configDir}"); ok {
			return filepath.Join(leafDir, rest)
		}
		return filepath.Join(dir, v)
	}
	if co.BaseURL != nil {
		own.baseURL = abs(*co.BaseURL)
	}
	if co.Paths != nil {
		own.paths, own.pathsDir = map[string][]string{}, dir
		for k, ts := range co.Paths {
			for _, t := range ts {
				if strings.HasPrefix(t, "${configDir}") {
					t = abs(t)
				}
				own.paths[k] = append(own.paths[k], t)
			}
		}
	}
	if co.OutDir != nil {
		own.outDir = abs(*co.OutDir)
	}
	if co.RootDir != nil {
		own.rootDir = abs(*co.RootDir)
	}
	cfg.overlay(own)
	for _, r := range raw.References {
		p := filepath.Join(dir, r.Path)
		if !strings.HasSuffix(p, ".json") {
			p = filepath.Join(p, "tsconfig.json")
		}
		cfg.reference = append(cfg.reference, p)
	}
	cfg.hasPaths = cfg.paths != nil || cfg.baseURL != ""
	cfg.keys = cfg.keys[:0:0]
	for k := range cfg.paths {
		cfg.keys = append(cfg.keys, k)
	}
	sort.Slice(cfg.keys, func(i, j int) bool {
		pi, _, _ := strings.Cut(cfg.keys[i], "*")
		pj, _, _ := strings.Cut(cfg.keys[j], "*")
		if len(pi) != len(pj) {
			return len(pi) > len(pj)
		}
		return cfg.keys[i] < cfg.keys[j]
	})
	return cfg
}

// overlay sets the options o sets.
func (t *tsconfig) overlay(o *tsconfig) {
	if o.baseURL != "" {
		t.baseURL = o.baseURL
	}
	if o.paths != nil {
		t.paths, t.pathsDir = o.paths, o.pathsDir
	}
	if o.outDir != "" {
		t.outDir = o.outDir
	}
	if o.rootDir != "" {
		t.rootDir = o.rootDir
	}
}

func extendsList(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		return []string{one}
	}
	var list []string
	_ = json.Unmarshal(raw, &list)
	return list
}

// findExtended locates an `extends` entry of a config in dir: a relative
// or absolute path (".json" optional), or a package (@tsconfig/node20,
// a workspace config package, "pkg/base.json") found in node_modules
// above dir or among the workspace packages.
func (c *fsCache) findExtended(dir, e string) string {
	withJSON := func(p string) string {
		if c.isFile(p) {
			return p
		}
		if !strings.HasSuffix(p, ".json") && c.isFile(p+".json") {
			return p + ".json"
		}
		return ""
	}
	if strings.HasPrefix(e, ".") || filepath.IsAbs(e) {
		p := e
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, e)
		}
		return withJSON(p)
	}
	name, sub := splitPkg(e)
	var pdirs []string
	for d := dir; ; d = filepath.Dir(d) {
		pdirs = append(pdirs, filepath.Join(d, "node_modules", name))
		if d == filepath.Dir(d) {
			break
		}
	}
	c.mu.Lock()
	if wd, ok := c.workspace[name]; ok {
		pdirs = append([]string{wd}, pdirs...)
	}
	c.mu.Unlock()
	for _, pd := range pdirs {
		if sub != "" {
			if p := withJSON(filepath.Join(pd, sub)); p != "" {
				return p
			}
			continue
		}
		if info := c.nearestPkg(pd); info != nil && info.dir == pd {
			for _, t := range subpathTargets(info.exports, ".") {
				if strings.HasSuffix(t, ".json") && c.isFile(filepath.Join(pd, t)) {
					return filepath.Join(pd, t)
				}
			}
		}
		if p := filepath.Join(pd, "tsconfig.json"); c.isFile(p) {
			return p
		}
	}
	return ""
}

// stripJSONC removes // and /* */ comments and trailing commas, outside
// strings, so encoding/json reads tsconfig files.
func stripJSONC(in []byte) []byte {
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		ch := in[i]
		switch {
		case ch == '"':
			j := i + 1
			for j < len(in) && in[j] != '"' {
				if in[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(in) {
				j = len(in) - 1
			}
			out = append(out, in[i:j+1]...)
			i = j
		case ch == '/' && i+1 < len(in) && in[i+1] == '/':
			for i < len(in) && in[i] != '\n' {
				i++
			}
			out = append(out, '\n')
		case ch == '/' && i+1 < len(in) && in[i+1] == '*':
			i += 2
			for i+1 < len(in) && !(in[i] == '*' && in[i+1] == '/') {
				i++
			}
			i++
		case ch == ',':
			// drop a comma followed only by space (and comments) before } or ]
			if closesAfter(in, i+1) {
				continue
			}
			out = append(out, ch)
		default:
			out = append(out, ch)
		}
	}
	return out
}

// closesAfter: from i, only white space and comments come before a } or ].
func closesAfter(in []byte, i int) bool {
	for i < len(in) {
		switch {
		case in[i] == ' ' || in[i] == '\t' || in[i] == '\n' || in[i] == '\r':
			i++
		case in[i] == '/' && i+1 < len(in) && in[i+1] == '/':
			for i < len(in) && in[i] != '\n' {
				i++
			}
		case in[i] == '/' && i+1 < len(in) && in[i+1] == '*':
			i += 2
			for i+1 < len(in) && !(in[i] == '*' && in[i+1] == '/') {
				i++
			}
			i += 2
		default:
			return in[i] == '}' || in[i] == ']'
		}
	}
	return false
}
