package jsts

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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
	tsfile   sync.Map // config file -> *tsconfig
	bare     sync.Map // bareKey -> string (see resolve)
	pkg      sync.Map // dir -> *pkgInfo (nearest package.json at or above dir)
	gen      sync.Map // dir -> bool (a generated Prisma client folder)
	// prismaOut are the client folders the walked Prisma schemas declare;
	// tops the outermost walked folders (both set before the workers
	// start)
	prismaOut []string
	tops      []string
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

var resolveExts = []string{".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"}

// tsSources are the sources TypeScript looks for first when a specifier
// names a compiled file: ESM TypeScript imports './db.js' for db.ts.
var tsSources = map[string][]string{".js": {".ts", ".tsx"}, ".jsx": {".tsx"}, ".mjs": {".mts"}, ".cjs": {".cts"}}

// resolveFile finds the source file a path names, as TypeScript does for
// a relative import: the .ts/.tsx/.mts/.cts source of a .js/.jsx/.mjs/
// .cjs name, the file itself, the path with each source extension, the
// folder's index file. Declaration files (.d.ts) are not sources.
func (c *fsCache) resolveFile(p string) (string, bool) {
	if ext := filepath.Ext(p); ext != "" {
		stem := strings.TrimSuffix(p, ext)
		for _, e := range tsSources[strings.ToLower(ext)] {
			if c.isFile(stem + e) {
				return stem + e, true
			}
		}
		if _, ok := languageOf(p); ok && !isDeclarationFile(p) && c.isFile(p) {
			return p, true
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
	var p string
	var ok bool
	if bareSpec(spec) {
		// a package name or an alias resolves the same from every folder
		// that shares a tsconfig: once per config, not per folder
		bk := bareKey{c.nearestTSConfig(dir), spec}
		if v, hit := c.bare.Load(bk); hit {
			p = v.(string)
			ok = p != ""
		} else {
			p, ok = c.resolveUncached(dir, spec)
			c.bare.Store(bk, p)
		}
	} else {
		p, ok = c.resolveUncached(dir, spec)
	}
	if !ok {
		p = ""
	}
	c.resolved.Store(key, p)
	return p, ok
}

// bareSpec: a specifier that is not a path and not a #import (whose
// answer depends on the nearest package.json).
func bareSpec(spec string) bool {
	return !strings.HasPrefix(spec, ".") && !strings.HasPrefix(spec, "#") && !filepath.IsAbs(spec)
}

type bareKey struct {
	cfg  *tsconfig
	spec string
}

func (c *fsCache) resolveUncached(dir, spec string) (string, bool) {
	switch {
	case strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") || spec == "." || spec == "..":
		return c.resolveFile(filepath.Join(dir, spec))
	case filepath.IsAbs(spec):
		return c.resolveFile(spec)
	case strings.HasPrefix(spec, "#"):
		// package.json imports (#db, #db/*), else a tsconfig alias
		if p, ok := c.resolveImports(dir, spec); ok {
			return p, true
		}
	}
	if p, ok := c.resolvePaths(dir, spec); ok {
		return p, true
	}
	name, sub := splitPkg(spec)
	c.mu.Lock()
	pdir, ok := c.workspace[name]
	c.mu.Unlock()
	if !ok {
		return "", false // a dependency: not the project's source
	}
	return c.resolvePackageDir(pdir, sub, 0)
}

// resolvePaths applies the tsconfig/jsconfig nearest to dir: `paths`
// (the pattern with the longest matching prefix, each of its targets in
// order), then `baseUrl`.
func (c *fsCache) resolvePaths(dir, spec string) (string, bool) {
	cfg := c.nearestTSConfig(dir)
	if cfg == nil {
		return "", false
	}
	for _, t := range cfg.pathTargets(spec) {
		if p, ok := c.resolveFile(t); ok {
			return p, true
		}
		// a path to a package folder: its package.json decides
		if c.isFile(filepath.Join(t, "package.json")) {
			if p, ok := c.resolvePackageDir(t, "", 0); ok {
				return p, true
			}
		}
	}
	if cfg.baseURL != "" {
		return c.resolveFile(filepath.Join(cfg.baseURL, spec))
	}
	return "", false
}

// mappedTargets returns the paths package.json imports and tsconfig
// paths map spec to (absolute, whether or not they exist).
func (c *fsCache) mappedTargets(from, spec string) []string {
	dir := filepath.Dir(from)
	var out []string
	if strings.HasPrefix(spec, "#") {
		if info := c.nearestPkg(dir); info != nil {
			for _, t := range subpathTargets(info.imports, spec) {
				if strings.HasPrefix(t, "./") || strings.HasPrefix(t, "../") {
					out = append(out, filepath.Join(info.dir, t))
				}
			}
		}
	}
	if cfg := c.nearestTSConfig(dir); cfg != nil {
		out = append(out, cfg.pathTargets(spec)...)
	}
	return out
}

// resolveImports maps a #specifier through the `imports` field of the
// package.json nearest to dir.
func (c *fsCache) resolveImports(dir, spec string) (string, bool) {
	info := c.nearestPkg(dir)
	if info == nil {
		return "", false
	}
	for _, t := range subpathTargets(info.imports, spec) {
		if p, ok := c.resolveTarget(info.dir, t, 0); ok {
			return p, true
		}
	}
	return "", false
}

// resolvePackageDir finds the source of subpath sub ("" for the package
// itself) of the workspace package in pdir: through `exports` (every
// condition in order, patterns with *), else the path itself, else the
// entry fields (types, typings, module, main), else src/index or index.
// Targets that name build output are read back to their source (see
// sourceOf).
func (c *fsCache) resolvePackageDir(pdir, sub string, depth int) (string, bool) {
	if depth > 4 {
		return "", false
	}
	info := c.nearestPkg(pdir)
	if info != nil && info.dir != pdir {
		info = nil
	}
	key := "."
	if sub != "" {
		key = "./" + sub
	}
	if info != nil {
		for _, t := range subpathTargets(info.exports, key) {
			if p, ok := c.resolveTarget(pdir, t, depth); ok {
				return p, true
			}
		}
	}
	if sub != "" {
		// not exported (or no exports): TypeScript's node10 resolution
		// reads the path as it is
		return c.resolveTarget(pdir, "./"+sub, depth)
	}
	if info != nil {
		for _, e := range info.entries {
			if p, ok := c.resolveTarget(pdir, e, depth); ok {
				return p, true
			}
		}
	}
	if p, ok := c.resolveFile(filepath.Join(pdir, "src", "index")); ok {
		return p, true
	}
	return c.resolveFile(filepath.Join(pdir, "index"))
}

// resolveTarget resolves an exports/imports/main target of the package
// in pdir: a path in the package, or (imports only) another package.
// A target in build output (dist/index.js, types/index.d.ts) that has a
// source is read as that source, since the output is not checked (and
// usually not there: it is built, not committed).
func (c *fsCache) resolveTarget(pdir, t string, depth int) (string, bool) {
	if !strings.HasPrefix(t, "./") && !strings.HasPrefix(t, "../") && t != "." {
		if filepath.IsAbs(t) || strings.HasPrefix(t, "#") {
			return "", false
		}
		if strings.Contains(t, "/") || strings.Contains(t, ".") {
			// main: "lib/index.js" is a path too
			if p, ok := c.resolveTarget(pdir, "./"+t, depth); ok {
				return p, true
			}
		}
		name, sub := splitPkg(t)
		c.mu.Lock()
		other, ok := c.workspace[name]
		c.mu.Unlock()
		if !ok || other == pdir && sub == "" {
			return "", false
		}
		return c.resolvePackageDir(other, sub, depth+1)
	}
	p := filepath.Join(pdir, t)
	if !inBuildOutput(pdir, p) {
		if r, ok := c.resolveFile(p); ok {
			return r, true
		}
	}
	if r, ok := c.sourceOf(pdir, t); ok {
		return r, true
	}
	return c.resolveFile(p)
}

// buildDirs are the folders build output goes to; formatDirs the
// per-format folders inside them (dist/esm, dist/cjs, dist/types).
var (
	buildDirs  = map[string]bool{"dist": true, "build": true, "out": true, "lib": true, "esm": true, "cjs": true, "types": true, "dts": true, "_esm": true, "_cjs": true, "_types": true}
	formatDirs = map[string]bool{"esm": true, "cjs": true, "mjs": true, "es": true, "es2015": true, "types": true, "dts": true, "node": true, "commonjs": true, "module": true, "src": true}
)

// inBuildOutput: p lies in a folder the walk skips as build output.
func inBuildOutput(pdir, p string) bool {
	rel, err := filepath.Rel(pdir, p)
	if err != nil {
		return false
	}
	for _, seg := range strings.Split(filepath.ToSlash(rel), "/") {
		if skipDirs[seg] {
			return true
		}
	}
	return false
}

// sourceOf maps a build output path of the package in pdir back to its
// source, as TypeScript project references do, and the way monorepos lay
// packages out when they do not say: the package's tsconfig outDir
// replaced by its rootDir; else a leading build folder (dist, build, out,
// lib, esm, cjs, types, and a format folder inside it) replaced by src/,
// or dropped; else the path under src/. Output extensions (.js, .mjs,
// .cjs, .d.ts, ...) become source ones.
func (c *fsCache) sourceOf(pdir, t string) (string, bool) {
	rel := filepath.ToSlash(filepath.Clean(t))
	if strings.HasPrefix(rel, "../") {
		return "", false
	}
	rel = stripOutputExt(rel)
	var cands []string
	if cfg := c.nearestTSConfig(pdir); cfg != nil && cfg.outDir != "" {
		if r, err := filepath.Rel(cfg.outDir, filepath.Join(pdir, rel)); err == nil && !strings.HasPrefix(r, "..") {
			root := cfg.rootDir
			if root == "" {
				root = filepath.Join(pdir, "src")
			}
			cands = append(cands, filepath.Join(root, r))
		}
	}
	segs := strings.Split(rel, "/")
	if len(segs) > 1 && buildDirs[segs[0]] {
		// dist/types/index.js is src/types/index.ts when that exists
		// (a source folder named like a format folder), else
		// src/index.ts (dist/types is the declarations' folder)
		rest := segs[1:]
		r := strings.Join(rest, "/")
		cands = append(cands, filepath.Join(pdir, "src", r))
		for len(rest) > 1 && formatDirs[rest[0]] {
			rest = rest[1:]
		}
		if r2 := strings.Join(rest, "/"); r2 != r {
			cands = append(cands, filepath.Join(pdir, "src", r2))
		}
		cands = append(cands, filepath.Join(pdir, r))
	} else {
		cands = append(cands, filepath.Join(pdir, "src", rel))
	}
	for _, cand := range cands {
		if p, ok := c.resolveFile(cand); ok {
			return p, true
		}
	}
	return "", false
}

// stripOutputExt drops the extension of a compiled or declaration file
// (index.d.ts, index.mjs) so that the source's can be tried.
func stripOutputExt(rel string) string {
	for _, e := range []string{".d.ts", ".d.mts", ".d.cts", ".js", ".mjs", ".cjs", ".jsx"} {
		if strings.HasSuffix(rel, e) {
			return strings.TrimSuffix(rel, e)
		}
	}
	return rel
}

// inGeneratedClient: path is a module of a generated Prisma client
// (the folder prisma generate writes, wherever the schema points it).
func (c *fsCache) inGeneratedClient(path string) bool {
	d := filepath.Dir(path)
	for i := 0; i < 3; i++ {
		if c.generatedDir(d) {
			return true
		}
		d = filepath.Dir(d)
	}
	return false
}

func (c *fsCache) generatedDir(d string) bool {
	if v, ok := c.gen.Load(d); ok {
		return v.(bool)
	}
	g := isGeneratedDir(d)
	c.gen.Store(d, g)
	return g
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

// catalogSpec says whether spec, imported from file from, is a catalog
// module, and the specifier the catalog knows it by. A package (pg,
// @prisma/client) is one by name. A path named like a generated client
// (generated/prisma/client.js, @/prisma/client) is one unless it resolves
// to a project source outside a generated client folder (a singleton
// module at lib/prisma/client.ts is the project's own); a path that
// resolves into a generated client folder is one whatever its name.
func (p *project) catalogSpec(from, spec string) (string, bool) {
	var key any = filepath.Dir(from) + "\x00" + spec
	if bareSpec(spec) {
		// the same answer from every folder under one tsconfig
		key = bareKey{p.fs.nearestTSConfig(filepath.Dir(from)), spec}
	}
	if v, ok := p.catSpecs.Load(key); ok {
		s := v.(string)
		return s, s != ""
	}
	s, ok := p.catalogSpecUncached(from, spec)
	if !ok {
		s = ""
	}
	p.catSpecs.Store(key, s)
	return s, ok
}

func (p *project) catalogSpecUncached(from, spec string) (string, bool) {
	if len(p.cat.packageEntries(spec)) > 0 {
		return spec, true
	}
	target, resolved := p.fs.resolve(from, spec)
	generated := resolved && (p.fs.inGeneratedClient(target) || p.fs.inPrismaOutput(target))
	if p.cat.isCatalogModule(spec) {
		return spec, !resolved || generated
	}
	if generated {
		if m := p.cat.generatedModule(); m != "" {
			return m, true
		}
	}
	if resolved {
		return "", false
	}
	// Not generated yet: the path the specifier names (relative, or an
	// alias's target: #generated/*, ~generated/*) is a schema's output
	// folder, or is named like a generated client.
	paths := p.fs.mappedTargets(from, spec)
	if strings.HasPrefix(spec, "./") || strings.HasPrefix(spec, "../") {
		paths = append(paths, filepath.Join(filepath.Dir(from), spec))
	}
	for _, t := range paths {
		if p.fs.inPrismaOutput(t) {
			if m := p.cat.generatedModule(); m != "" {
				return m, true
			}
		}
		form := filepath.ToSlash(strings.TrimPrefix(t, string(filepath.Separator)))
		if p.cat.isCatalogModule(form) {
			return p.cat.canonical(form), true
		}
	}
	return "", false
}

// isCatalog: catalogSpec from the analysed file.
func (a *analysis) isCatalog(spec string) bool {
	_, ok := a.catalogSpec(spec)
	return ok
}

// catalogSpec is project.catalogSpec from the analysed file, memoized
// per file: the same few specifiers come back at every call.
func (a *analysis) catalogSpec(spec string) (string, bool) {
	if v, ok := a.catMemo[spec]; ok {
		return v, v != ""
	}
	s, ok := a.p.catalogSpec(a.f.Path, spec)
	if a.catMemo == nil {
		a.catMemo = map[string]string{}
	}
	a.catMemo[spec] = s
	return s, ok
}
