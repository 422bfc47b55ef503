package jsts

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"
)

// jval is a JSON value that keeps the order of object keys: package.json
// `exports` and `imports` pick the first condition that applies, in the
// order written.
type jval struct {
	kind byte // 's' string, 'o' object, 'a' array, 'n' null, 'x' anything else
	str  string
	keys []string
	vals []*jval
}

// decodeOrdered reads one JSON value.
func decodeOrdered(data []byte) (*jval, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return decodeValue(dec, 0)
}

func decodeValue(dec *json.Decoder, depth int) (*jval, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case string:
		return &jval{kind: 's', str: t}, nil
	case nil:
		return &jval{kind: 'n'}, nil
	case json.Delim:
		if depth > 32 {
			return nil, errTooDeep
		}
		v := &jval{kind: 'a'}
		if t == '{' {
			v.kind = 'o'
		}
		for dec.More() {
			if v.kind == 'o' {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v.keys = append(v.keys, k.(string))
			}
			c, err := decodeValue(dec, depth+1)
			if err != nil {
				return nil, err
			}
			v.vals = append(v.vals, c)
		}
		if _, err := dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
		return v, nil
	}
	return &jval{kind: 'x'}, nil
}

var errTooDeep = &parseError{"JSON nested too deep"}

// get returns the value of key in an object, or nil.
func (v *jval) get(key string) *jval {
	if v == nil || v.kind != 'o' {
		return nil
	}
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

// pkgInfo is the nearest package.json of a folder.
type pkgInfo struct {
	dir  string
	name string
	deps map[string]bool
	next bool // depends on next
	// entry points, relative to dir: `types`/`typings`, `module`, `main`,
	// in the order TypeScript and bundlers consult them
	entries []string
	exports *jval // the `exports` field, or nil
	imports *jval // the `imports` field (`#db`), or nil
	// workspaces: the globs of npm/yarn `workspaces` and of a
	// pnpm-workspace.yaml beside it, relative to dir
	workspaces []string
}

type rawPkg struct {
	Name            string            `json:"name"`
	Main            string            `json:"main"`
	Module          string            `json:"module"`
	Types           string            `json:"types"`
	Typings         string            `json:"typings"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	PeerDeps        map[string]string `json:"peerDependencies"`
	Workspaces      json.RawMessage   `json:"workspaces"`
}

func (c *fsCache) nearestPkg(dir string) *pkgInfo {
	if v, ok := c.pkg.Load(dir); ok {
		return v.(*pkgInfo)
	}
	var info *pkgInfo
	p := filepath.Join(dir, "package.json")
	if c.isFile(p) {
		info = readPkg(p)
	}
	if info == nil {
		if parent := filepath.Dir(dir); parent != dir {
			info = c.nearestPkg(parent)
		}
	}
	v, _ := c.pkg.LoadOrStore(dir, info)
	return v.(*pkgInfo)
}

func readPkg(path string) *pkgInfo {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	info := &pkgInfo{dir: filepath.Dir(path), deps: map[string]bool{}}
	var raw rawPkg
	if json.Unmarshal(data, &raw) != nil {
		return info
	}
	info.name = raw.Name
	for _, m := range []map[string]string{raw.Dependencies, raw.DevDependencies, raw.PeerDeps} {
		for k := range m {
			info.deps[k] = true
		}
	}
	info.next = info.deps["next"]
	for _, e := range []string{raw.Types, raw.Typings, raw.Module, raw.Main} {
		if e != "" {
			info.entries = append(info.entries, e)
		}
	}
	if all, err := decodeOrdered(data); err == nil {
		info.exports = all.get("exports")
		info.imports = all.get("imports")
	}
	info.workspaces = workspaceGlobs(raw.Workspaces, info.dir)
	return info
}

// workspaceGlobs reads npm/yarn `workspaces` (a list, or yarn's
// { packages: [...] }) and a pnpm-workspace.yaml in dir.
func workspaceGlobs(raw json.RawMessage, dir string) []string {
	var list []string
	if len(raw) > 0 && json.Unmarshal(raw, &list) != nil {
		var obj struct {
			Packages []string `json:"packages"`
		}
		if json.Unmarshal(raw, &obj) == nil {
			list = obj.Packages
		}
	}
	if data, err := os.ReadFile(filepath.Join(dir, "pnpm-workspace.yaml")); err == nil {
		var y struct {
			Packages []string `yaml:"packages"`
		}
		if yaml.Unmarshal(data, &y) == nil {
			list = append(list, y.Packages...)
		}
	}
	return list
}

// addWorkspaces records the packages of the walked tree by name. A
// package a workspace root declares (npm/yarn `workspaces`,
// pnpm-workspace.yaml) wins over another of the same name (an example
// or a test fixture); between equals, the first in path order.
func (c *fsCache) addWorkspaces(pkgJSONs []string) {
	var infos []*pkgInfo
	var roots []*pkgInfo
	for _, pj := range pkgJSONs {
		info := readPkg(pj)
		if info == nil {
			continue
		}
		c.pkg.LoadOrStore(info.dir, info)
		infos = append(infos, info)
		if len(info.workspaces) > 0 {
			roots = append(roots, info)
		}
	}
	declared := func(dir string) bool {
		for _, r := range roots {
			rel, err := filepath.Rel(r.dir, dir)
			if err != nil || strings.HasPrefix(rel, "..") {
				continue
			}
			rel = filepath.ToSlash(rel)
			inc := false
			for _, g := range r.workspaces {
				neg := strings.HasPrefix(g, "!")
				g = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(g, "!"), "./"), "/")
				if ok, _ := doublestar.Match(strings.TrimSuffix(g, "/"), rel); ok {
					inc = !neg
				}
			}
			if inc {
				return true
			}
		}
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	isDeclared := map[string]bool{}
	for _, info := range infos {
		if info.name == "" {
			continue
		}
		d := declared(info.dir)
		if old, dup := c.workspace[info.name]; dup && (isDeclared[old] || !d) {
			continue
		}
		c.workspace[info.name] = info.dir
		isDeclared[info.dir] = d
	}
}

// subpathTargets returns what key ("." or "./x" of `exports`, "#x" of
// `imports`) maps to, in preference order: every target of every
// condition, in the order written (a resolver for sources takes the
// first that leads to one). A pattern key ("./*", "#db/*") substitutes
// its match; the longest prefix wins, as in Node. nil when no key matches
// or the match is excluded (null).
func subpathTargets(field *jval, key string) []string {
	if field == nil {
		return nil
	}
	if !strings.HasPrefix(key, "#") && !hasSubpathKeys(field) {
		if key != "." {
			return nil
		}
		return conditionTargets(field, "")
	}
	if v := field.get(key); v != nil {
		return conditionTargets(v, "")
	}
	best, star := -1, ""
	for i, k := range field.keys {
		pre, suf, ok := strings.Cut(k, "*")
		if !ok {
			// a folder mapping ("./utils/"), deprecated but still read
			if strings.HasSuffix(k, "/") && strings.HasPrefix(key, k) && (best < 0 || len(k) > len(field.keys[best])) {
				best, star = i, key[len(k):]
			}
			continue
		}
		if len(key) < len(pre)+len(suf) || !strings.HasPrefix(key, pre) || !strings.HasSuffix(key, suf) {
			continue
		}
		if best < 0 || len(pre) > len(strings.SplitN(field.keys[best], "*", 2)[0]) {
			best, star = i, key[len(pre):len(key)-len(suf)]
		}
	}
	if best < 0 {
		return nil
	}
	k := field.keys[best]
	if !strings.Contains(k, "*") {
		// folder mapping: the rest of the key goes after the target
		var out []string
		for _, t := range conditionTargets(field.vals[best], "") {
			out = append(out, t+star)
		}
		return out
	}
	return conditionTargets(field.vals[best], star)
}

// hasSubpathKeys: an exports object keyed by subpaths ("." and "./x")
// rather than by conditions.
func hasSubpathKeys(v *jval) bool {
	return v.kind == 'o' && len(v.keys) > 0 && strings.HasPrefix(v.keys[0], ".")
}

// conditionTargets flattens a target (a string, an array of fallbacks, or
// an object of conditions, nested) into its strings, in order; star
// replaces each '*'.
func conditionTargets(v *jval, star string) []string {
	var out []string
	var walk func(v *jval, depth int)
	walk = func(v *jval, depth int) {
		if v == nil || depth > 8 {
			return
		}
		switch v.kind {
		case 's':
			out = append(out, strings.ReplaceAll(v.str, "*", star))
		case 'a', 'o':
			for _, c := range v.vals {
				walk(c, depth+1)
			}
		}
	}
	walk(v, 0)
	return out
}
