package jsts

import (
	"context"
	"os"
	"path/filepath"
	"strings"
)

// ImportInfo is how one import of a file resolves, for the resolution
// listing of bench/jsts/cmd/jstsrun -imports.
type ImportInfo struct {
	File, Spec string
	// Kind: "file" (a project source), "catalog" (a catalog or generated
	// client module), "package" (a dependency), "unresolved" (looks like
	// the project's own: relative, #, a tsconfig alias or a workspace
	// package, but nothing was found).
	Kind   string
	Target string // the resolved file, for "file"
}

// Imports lists how every import of the files under roots resolves.
func Imports(ctx context.Context, roots []string, opts Options) []ImportInfo {
	wd := opts.WorkDir
	cfg := opts.Config
	p := &project{cfg: cfg, cat: newJSCatalog(cfg.Catalog()), fs: newFSCache(), workDir: wd, sums: map[string]*Summary{}}
	w := &walker{excluded: cfg.IsExcluded}
	for _, r := range roots {
		_ = w.walk(r)
	}
	p.fs.addWorkspaces(w.pkgJSONs)
	p.fs.addPrismaSchemas(w.prisma)
	wk := newWorker(ctx)
	defer wk.close()
	var out []ImportInfo
	for _, path := range w.files {
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		f, err := wk.parseKeep(ctx, path, relPath(wd, path), src, false)
		if err != nil {
			continue
		}
		f.index()
		for _, im := range f.Imports {
			out = append(out, p.importInfo(f, im.Spec))
		}
	}
	return out
}

func (p *project) importInfo(f *File, spec string) ImportInfo {
	info := ImportInfo{File: f.Rel, Spec: spec}
	if _, ok := p.catalogSpec(f.Path, spec); ok {
		info.Kind = "catalog"
		return info
	}
	if t, ok := p.fs.resolve(f.Path, spec); ok {
		info.Kind, info.Target = "file", relPath(p.workDir, t)
		return info
	}
	info.Kind = "package"
	if p.looksLocal(f.Path, spec) {
		info.Kind = "unresolved"
	}
	return info
}

// looksLocal: a specifier that names the project's own code.
func (p *project) looksLocal(from, spec string) bool {
	if strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.HasPrefix(spec, "#") ||
		strings.HasPrefix(spec, "@/") || strings.HasPrefix(spec, "~/") {
		return true
	}
	name, _ := splitPkg(spec)
	p.fs.mu.Lock()
	_, ws := p.fs.workspace[name]
	p.fs.mu.Unlock()
	if ws {
		return true
	}
	if cfg := p.fs.nearestTSConfig(filepath.Dir(from)); cfg != nil {
		for _, k := range cfg.keys {
			pre, _, _ := strings.Cut(k, "*")
			if strings.HasPrefix(spec, pre) && pre != "" {
				return true
			}
		}
	}
	return false
}
