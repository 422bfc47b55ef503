package goload

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// DeclCache keeps between runs the types of the standard library packages
// a run checked for their declarations only, as export data. The standard
// library is most of a small module's program (net/http alone brings 190
// packages) and it does not change between runs, so a run after the first
// reads those packages instead of parsing and checking them: a third of
// the CPU of a run on a small module.
//
// An entry is a package's export data, named by a hash of the Salt, the
// package's path and its files (names, sizes and modification times: a new
// Go toolchain or other build tags give other files). Only packages the
// screen (Config.Full) let go are stored: an entry's presence means the
// same screen let it go before, so the Salt must change whenever the
// screen's answer may (the analyzers' configuration, the binary).
// Packages of the module, of the module cache, cgo packages and roots
// are always checked from source. Entries unused for a while go (Trim).
type DeclCache struct {
	Dir  string
	Salt []byte
}

// cacheFormat changes when what is stored changes.
const cacheFormat = "goload-decls-1"

// gorootSource is the standard library's source folder of the program
// (where package unsafe's file lies), or "".
func gorootSource(pkgs map[string]*node) string {
	if n := pkgs["unsafe"]; n != nil && len(n.pkg.GoFiles) > 0 {
		return filepath.Dir(filepath.Dir(n.pkg.GoFiles[0]))
	}
	return ""
}

// declKey is the cache key of a standard library package that may be
// read from the cache, or "" for any other package.
func (r *run) declKey(n *node) string {
	c, p := r.cfg.DeclCache, n.pkg
	if c == nil || n.isRoot || r.gorootSrc == "" || p.PkgPath == "unsafe" || len(p.CompiledGoFiles) == 0 {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%x\x00%s\x00%s\x00%#v\x00%q\x00", cacheFormat, c.Salt, p.PkgPath, p.Name, p.TypesSizes, r.cfg.BuildFlags)
	for _, name := range p.CompiledGoFiles {
		if !strings.HasPrefix(name, r.gorootSrc+string(filepath.Separator)) {
			return "" // cgo's output, in the build cache
		}
		fi, err := os.Stat(name)
		if err != nil {
			return ""
		}
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00", name, fi.Size(), fi.ModTime().UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil))
}

func (r *run) declPath(key string) string {
	return filepath.Join(r.cfg.DeclCache.Dir, key[:2], key)
}

// loadDecls reads the package's types from the cache, or returns nil.
func (r *run) loadDecls(p *packages.Package, key string) *types.Package {
	f, err := os.Open(r.declPath(key))
	if err != nil {
		return nil
	}
	defer f.Close()
	imports := r.transitiveImports(p)
	pkg, err := gcexportdata.Read(bufio.NewReader(f), r.fset, imports, p.PkgPath)
	if err != nil || pkg.Name() != p.Name || !pkg.Complete() {
		return nil // a damaged entry: checked from source and stored again
	}
	now := time.Now()
	os.Chtimes(f.Name(), now, now) // in use: Trim keeps it
	return pkg
}

// Trim removes the entries no run has read or written for maxAge: those
// of an older Go, an older connlint binary or another configuration. It
// walks the folder at most once a day (a stamp file says when it last
// did), so a run pays for it rarely.
func (c *DeclCache) Trim(maxAge time.Duration) {
	stamp := filepath.Join(c.Dir, "trimmed")
	now := time.Now()
	if fi, err := os.Stat(stamp); err == nil && now.Sub(fi.ModTime()) < 24*time.Hour {
		return
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return
	}
	if err := os.WriteFile(stamp, nil, 0o644); err != nil {
		return
	}
	filepath.WalkDir(c.Dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == stamp {
			return nil
		}
		if fi, err := d.Info(); err == nil && now.Sub(fi.ModTime()) > maxAge {
			os.Remove(path)
		}
		return nil
	})
}

// storeDecls writes the package's types to the cache; a failure only
// costs the next run the check.
func (r *run) storeDecls(p *packages.Package, key string) {
	path := r.declPath(key)
	if _, err := os.Stat(path); err == nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), key+".*.tmp")
	if err != nil {
		return
	}
	w := bufio.NewWriter(tmp)
	err = gcexportdata.Write(w, r.fset, p.Types)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path) // whole or not at all, for a run reading it at once
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// transitiveImports maps every package p depends on to its types: what
// the export data may refer to, so that its references are to the very
// objects the rest of the run uses.
func (r *run) transitiveImports(p *packages.Package) map[string]*types.Package {
	out := map[string]*types.Package{}
	var visit func(*packages.Package)
	visit = func(q *packages.Package) {
		for _, imp := range q.Imports {
			if _, ok := out[imp.PkgPath]; !ok && imp.Types != nil {
				out[imp.PkgPath] = imp.Types
				visit(imp)
			}
		}
	}
	visit(p)
	return out
}
