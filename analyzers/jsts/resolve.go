package jsts

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
)

// fsCache answers the file-system questions of import resolution once per
// path; it is shared by the workers.
type fsCache struct {
	stat     sync.Map // path -> bool (is a regular file)
	dirs     sync.Map // dir -> *dirList
	resolved sync.Map // dir + "\x00" + spec -> string ("" when not found)
	tsconfig sync.Map // dir -> *tsconfig (nil: none)
	pkg      sync.Map // dir -> *pkgInfo (nearest package.json at or above dir)
	// workspace packages by name: the package.json files seen under the
	// walked roots.
	mu        sync.Mutex
	workspace map[string]string // package name -> dir
}

func newFSCache() *fsCache { return &fsCache{workspace: map[string]string{}} }

// isFile reports a regular file (through symlinks). Resolution tries many
// names that do not exist (each extension, index files), so the answer
// comes from one listing per folder instead of a stat per name; a name the
// listing cannot settle (a symlink, or a case or Unicode variant of an
// entry on a file system that may match it) is stat'ed.
func (c *fsCache) isFile(p string) bool {
	return c.fileIn(c.dirList(filepath.Dir(p)), p, filepath.Base(p))
}

// fileIn is isFile for path p, whose folder's listing is dl and whose
// last element is name.
func (c *fsCache) fileIn(dl *dirList, p, name string) bool {
	t, listed := dl.lookup(name)
	switch {
	case listed && t.IsRegular():
		return true
	case listed && t&fs.ModeSymlink == 0, !listed && t == 0:
		return false
	}
	if v, ok := c.stat.Load(p); ok {
		return v.(bool)
	}
	st, err := os.Stat(p)
	ok := err == nil && st.Mode().IsRegular()
	c.stat.Store(p, ok)
	return ok
}

// dirList is the entries of one folder: name -> type bits.
type dirList struct {
	types    map[string]fs.FileMode
	anyUpper bool // an entry has an upper-case or non-ASCII letter
	unread   bool // the folder exists but cannot be listed
	foldOnce sync.Once
	fold     map[string]bool // lower-cased names, built on first need
}

func (c *fsCache) dirList(dir string) *dirList {
	if v, ok := c.dirs.Load(dir); ok {
		return v.(*dirList)
	}
	l := &dirList{}
	var ents []os.DirEntry
	d, err := os.Open(dir)
	if err == nil {
		ents, err = d.ReadDir(-1)
		d.Close()
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
		l.unread = true
	}
	l.types = make(map[string]fs.FileMode, len(ents))
	for _, e := range ents {
		name := e.Name()
		l.types[name] = e.Type()
		if !l.anyUpper && strings.ToLower(name) != name {
			l.anyUpper = true
		}
	}
	v, _ := c.dirs.LoadOrStore(dir, l)
	return v.(*dirList)
}

// lookup returns the type of an entry and whether it is listed; for a
// name not listed, t is non-zero when a stat could still find it (a
// case-insensitive match, or a name that is not plain ASCII).
func (l *dirList) lookup(name string) (t fs.FileMode, listed bool) {
	if l.unread {
		return fs.ModeIrregular, false
	}
	if t, ok := l.types[name]; ok {
		return t, true
	}
	for i := 0; i < len(name); i++ {
		if name[i] >= 0x80 {
			return fs.ModeIrregular, false
		}
	}
	lower := strings.ToLower(name)
	if lower == name && !l.anyUpper {
		return 0, false // no entry can equal it ignoring case
	}
	l.foldOnce.Do(func() {
		l.fold = make(map[string]bool, len(l.types))
		for n := range l.types {
			l.fold[strings.ToLower(n)] = true
		}
	})
	if l.fold[lower] {
		return fs.ModeIrregular, false
	}
	return 0, false
}

// tsconfig holds what resolution needs from tsconfig.json/jsconfig.json.
type tsconfig struct {
	dir     string // folder of the file that set paths (or baseUrl)
	baseURL string // absolute, or ""
	paths   map[string][]string
	keys    []string // paths keys, longest prefix first
}

type rawTSConfig struct {
	Extends         json.RawMessage `json:"extends"`
	CompilerOptions struct {
		BaseURL *string             `json:"baseUrl"`
		Paths   map[string][]string `json:"paths"`
	} `json:"compilerOptions"`
}

// nearestTSConfig returns the tsconfig.json or jsconfig.json governing dir.
func (c *fsCache) nearestTSConfig(dir string) *tsconfig {
	if v, ok := c.tsconfig.Load(dir); ok {
		return v.(*tsconfig)
	}
	var cfg *tsconfig
	found := false
	for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
		p := filepath.Join(dir, name)
		if c.isFile(p) {
			cfg = loadTSConfig(p, 0)
			found = true
			break
		}
	}
	if !found {
		parent := filepath.Dir(dir)
		if parent != dir && !c.isFile(filepath.Join(dir, "package.json")) {
			cfg = c.nearestTSConfig(parent)
		}
	}
	c.tsconfig.Store(dir, cfg)
	return cfg
}

func loadTSConfig(path string, depth int) *tsconfig {
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
	var base *tsconfig
	var exts []string
	if len(raw.Extends) > 0 {
		var one string
		if json.Unmarshal(raw.Extends, &one) == nil {
			exts = []string{one}
		} else {
			_ = json.Unmarshal(raw.Extends, &exts)
		}
	}
	for _, e := range exts {
		if strings.HasPrefix(e, ".") || filepath.IsAbs(e) {
			p := e
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, e)
			}
			if !strings.HasSuffix(p, ".json") {
				if _, err := os.Stat(p); err != nil {
					p += ".json"
				}
			}
			if b := loadTSConfig(p, depth+1); b != nil {
				base = b
			}
		}
	}
	cfg := &tsconfig{dir: dir}
	if base != nil {
		*cfg = *base
	}
	if raw.CompilerOptions.BaseURL != nil {
		cfg.baseURL = filepath.Join(dir, *raw.CompilerOptions.BaseURL)
	}
	if raw.CompilerOptions.Paths != nil {
		cfg.paths = raw.CompilerOptions.Paths
		cfg.dir = dir
		if cfg.baseURL != "" {
			cfg.dir = cfg.baseURL
		}
	} else if raw.CompilerOptions.BaseURL != nil && cfg.paths != nil && base != nil {
		cfg.dir = cfg.baseURL
	}
	cfg.keys = cfg.keys[:0:0]
	for k := range cfg.paths {
		cfg.keys = append(cfg.keys, k)
	}
	sort.Slice(cfg.keys, func(i, j int) bool {
		if len(cfg.keys[i]) != len(cfg.keys[j]) {
			return len(cfg.keys[i]) > len(cfg.keys[j])
		}
		return cfg.keys[i] < cfg.keys[j]
	})
	return cfg
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
			// drop a comma followed only by space before } or ]
			j := i + 1
			for j < len(in) && (in[j] == ' ' || in[j] == '\t' || in[j] == '\n' || in[j] == '\r') {
				j++
			}
			if j < len(in) && (in[j] == '}' || in[j] == ']') {
				continue
			}
			out = append(out, ch)
		default:
			out = append(out, ch)
		}
	}
	return out
}

// pkgInfo is the nearest package.json of a folder.
type pkgInfo struct {
	dir  string
	name string
	deps map[string]bool
	next bool // depends on next
	main string
	// exports "." target when it is a plain string or has import/default.
	exportsDot string
}

type rawPkg struct {
	Name            string            `json:"name"`
	Main            string            `json:"main"`
	Module          string            `json:"module"`
	Types           string            `json:"types"`
	Exports         json.RawMessage   `json:"exports"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
	PeerDeps        map[string]string `json:"peerDependencies"`
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
	c.pkg.Store(dir, info)
	return info
}

func readPkg(path string) *pkgInfo {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var raw rawPkg
	if json.Unmarshal(data, &raw) != nil {
		return &pkgInfo{dir: filepath.Dir(path), deps: map[string]bool{}}
	}
	info := &pkgInfo{dir: filepath.Dir(path), name: raw.Name, deps: map[string]bool{}}
	for _, m := range []map[string]string{raw.Dependencies, raw.DevDependencies, raw.PeerDeps} {
		for k := range m {
			info.deps[k] = true
		}
	}
	info.next = info.deps["next"]
	info.main = raw.Main
	if raw.Types != "" && info.main == "" {
		info.main = raw.Types
	}
	if raw.Module != "" && info.main == "" {
		info.main = raw.Module
	}
	if len(raw.Exports) > 0 {
		var s string
		if json.Unmarshal(raw.Exports, &s) == nil {
			info.exportsDot = s
		} else {
			var m map[string]json.RawMessage
			if json.Unmarshal(raw.Exports, &m) == nil {
				dot := raw.Exports
				if d, ok := m["."]; ok {
					dot = d
				}
				info.exportsDot = pickExport(dot, 0)
			}
		}
	}
	return info
}

func pickExport(raw json.RawMessage, depth int) string {
	if depth > 4 {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return ""
	}
	for _, k := range []string{"types", "import", "default", "require", "node"} {
		if v, ok := m[k]; ok {
			if s := pickExport(v, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

func (c *fsCache) addWorkspace(pkgJSON string) {
	info := readPkg(pkgJSON)
	if info == nil || info.name == "" {
		return
	}
	c.mu.Lock()
	if _, dup := c.workspace[info.name]; !dup {
		c.workspace[info.name] = info.dir
	}
	c.mu.Unlock()
	c.pkg.LoadOrStore(info.dir, info)
}

var resolveExts = []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}

// resolveFile finds the source file a path without or with extension names.
func (c *fsCache) resolveFile(p string) (string, bool) {
	if ext := filepath.Ext(p); ext != "" {
		if _, ok := languageOf(p); ok && c.isFile(p) {
			return p, true
		}
		// TypeScript ESM style: ./x.js names x.ts.
		stem := strings.TrimSuffix(p, ext)
		switch ext {
		case ".js":
			for _, e := range []string{".ts", ".tsx"} {
				if c.isFile(stem + e) {
					return stem + e, true
				}
			}
		case ".mjs":
			if c.isFile(stem + ".mts") {
				return stem + ".mts", true
			}
		case ".cjs":
			if c.isFile(stem + ".cts") {
				return stem + ".cts", true
			}
		case ".jsx":
			if c.isFile(stem + ".tsx") {
				return stem + ".tsx", true
			}
		}
	}
	// p with each extension: one listing answers for all of them.
	dir, base := filepath.Dir(p), filepath.Base(p)
	if filepath.Join(dir, base) == p && base != "." && base != ".." && base != string(filepath.Separator) {
		dl := c.dirList(dir)
		for _, e := range resolveExts {
			if c.fileIn(dl, p+e, base+e) {
				return p + e, true
			}
		}
	} else {
		for _, e := range resolveExts {
			if c.isFile(p + e) {
				return p + e, true
			}
		}
	}
	sub := c.dirList(p)
	for i, e := range resolveExts {
		if c.fileIn(sub, filepath.Join(p, indexNames[i]), indexNames[i]) {
			return filepath.Join(p, "index"+e), true
		}
	}
	return "", false
}

// indexNames are index plus each of resolveExts.
var indexNames = func() []string {
	var out []string
	for _, e := range resolveExts {
		out = append(out, "index"+e)
	}
	return out
}()

// resolve maps an import specifier seen in file from to a source file of
// the project; false for packages and anything not found.
func (c *fsCache) resolve(from, spec string) (string, bool) {
	if spec == "" {
		return "", false
	}
	dir := filepath.Dir(from)
	key := dir + "\x00" + spec
	if v, ok := c.resolved.Load(key); ok {
		s := v.(string)
		return s, s != ""
	}
	p, ok := c.resolveUncached(dir, spec)
	if !ok {
		p = ""
	}
	c.resolved.Store(key, p)
	return p, ok
}

func (c *fsCache) resolveUncached(dir, spec string) (string, bool) {
	if strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || spec == "." || spec == ".." {
		return c.resolveFile(filepath.Join(dir, spec))
	}
	if filepath.IsAbs(spec) {
		return c.resolveFile(spec)
	}
	if cfg := c.nearestTSConfig(dir); cfg != nil {
		for _, k := range cfg.keys {
			prefix, suffix, wild := strings.Cut(k, "*")
			var star string
			switch {
			case wild && strings.HasPrefix(spec, prefix) && strings.HasSuffix(spec[len(prefix):], suffix) && len(spec) >= len(prefix)+len(suffix):
				star = spec[len(prefix) : len(spec)-len(suffix)]
			case !wild && spec == k:
			default:
				continue
			}
			for _, target := range cfg.paths[k] {
				t := strings.Replace(target, "*", star, 1)
				if p, ok := c.resolveFile(filepath.Join(cfg.dir, t)); ok {
					return p, true
				}
			}
		}
		if cfg.baseURL != "" {
			if p, ok := c.resolveFile(filepath.Join(cfg.baseURL, spec)); ok {
				return p, true
			}
		}
	}
	// A workspace package of the walked tree (monorepos).
	name, sub := splitPkg(spec)
	c.mu.Lock()
	pdir, ok := c.workspace[name]
	c.mu.Unlock()
	if ok {
		if sub != "" {
			if p, ok := c.resolveFile(filepath.Join(pdir, sub)); ok {
				return p, true
			}
			return c.resolveFile(filepath.Join(pdir, "src", sub))
		}
		if info := c.nearestPkg(pdir); info != nil {
			for _, m := range []string{info.exportsDot, info.main} {
				if m == "" {
					continue
				}
				if p, ok := c.resolveFile(filepath.Join(pdir, m)); ok {
					return p, true
				}
				// dist/index.js built from src/index.ts
				base := strings.TrimSuffix(filepath.Base(m), filepath.Ext(m))
				if strings.HasSuffix(base, ".d") {
					base = strings.TrimSuffix(base, ".d")
				}
				if p, ok := c.resolveFile(filepath.Join(pdir, "src", base)); ok {
					return p, true
				}
			}
		}
		if p, ok := c.resolveFile(filepath.Join(pdir, "src", "index")); ok {
			return p, true
		}
		return c.resolveFile(filepath.Join(pdir, "index"))
	}
	return "", false
}

// splitPkg splits "@scope/name/sub/path" into the package name and the rest.
func splitPkg(spec string) (name, sub string) {
	parts := strings.SplitN(spec, "/", 3)
	if strings.HasPrefix(spec, "@") && len(parts) >= 2 {
		name = parts[0] + "/" + parts[1]
		if len(parts) == 3 {
			sub = parts[2]
		}
		return
	}
	name = parts[0]
	if i := strings.IndexByte(spec, '/'); i >= 0 {
		sub = spec[i+1:]
	}
	return
}
