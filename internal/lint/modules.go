package lint

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/connlint/connlint/analyzers/jsts"
)

// goLoad is one go list invocation: the patterns of one module (or of the
// modules of one go.work), run from its folder.
type goLoad struct {
	dir      string   // where go list runs
	patterns []string // relative to dir, or import paths
	env      []string // GOWORK=off for a module its go.work does not use
	modules  []string // the go.mod files it stands for (absolute); none for loose files or import paths
}

// goLoads groups Go patterns by the folder they load from.
type goLoads struct {
	wd    string
	list  []*goLoad
	byKey map[string]*goLoad
}

func (g *goLoads) get(dir string, env []string) *goLoad {
	key := dir + "\x00" + strings.Join(env, " ")
	if l, ok := g.byKey[key]; ok {
		return l
	}
	if g.byKey == nil {
		g.byKey = map[string]*goLoad{}
	}
	l := &goLoad{dir: dir, env: env}
	g.byKey[key] = l
	g.list = append(g.list, l)
	return l
}

func (l *goLoad) add(pattern, goMod string) {
	if !slices.Contains(l.patterns, pattern) {
		l.patterns = append(l.patterns, pattern)
	}
	if goMod != "" && !slices.Contains(l.modules, goMod) {
		l.modules = append(l.modules, goMod)
	}
}

// addPattern is an import-path pattern: loaded from the working directory.
func (g *goLoads) addPattern(p string) {
	g.get(g.wd, nil).add(p, "")
}

// addDir adds a folder (recursive: and everything below it) to check as Go:
// through the module that holds it, and, walking down, through every
// module nested below it, each loaded from its own folder (or its
// go.work's) so that its own go.mod decides its dependencies.
//
// A folder with no Go file of its own names no package: it is walked as
// if it were dir/... (a monorepo's root, services/ above its modules).
func (g *goLoads) addDir(dir string, recursive bool) {
	if !recursive && !hasGoFiles(dir) {
		recursive = true
	}
	if modRoot := findUp(dir, "go.mod"); modRoot != "" {
		if recursive || hasGoFiles(dir) {
			g.addModule(modRoot, dir, recursive)
		}
	} else if hasGoFiles(dir) {
		// Loose Go files outside any module: go list says what it can.
		g.get(g.wd, nil).add(goPattern(g.wd, dir, recursive), "")
	}
	if !recursive {
		return
	}
	for _, m := range nestedModules(dir) {
		g.addModule(m, m, true)
	}
}

// addModule adds the packages of module modRoot at or below dir.
func (g *goLoads) addModule(modRoot, dir string, recursive bool) {
	loadDir, env := modRoot, []string(nil)
	if work := goWork(modRoot); work != "" {
		if workUses(work, modRoot) {
			loadDir = filepath.Dir(work)
		} else {
			env = []string{"GOWORK=off"}
		}
	}
	g.get(loadDir, env).add(goPattern(loadDir, dir, recursive), filepath.Join(modRoot, "go.mod"))
}

// nestedModules lists the module folders strictly below dir, skipping what
// the go command skips in ./... (testdata, names starting with . or _),
// vendor folders, and what the TS/JS walk skips (node_modules, build
// output, .gitignore'd folders).
func nestedModules(dir string) []string {
	var out []string
	skip := func(name string) bool {
		return name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
	}
	_ = jsts.WalkFolders(dir, skip, func(d string) {
		if d == dir {
			return
		}
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			out = append(out, d)
		}
	})
	return out
}

// goWork returns the go.work file the go command would use from dir, or "".
func goWork(dir string) string {
	switch env := os.Getenv("GOWORK"); env {
	case "off":
		return ""
	case "":
	default:
		return env
	}
	if d := findUp(dir, "go.work"); d != "" {
		return filepath.Join(d, "go.work")
	}
	return ""
}

// workUses reports whether the go.work file lists modRoot.
func workUses(work, modRoot string) bool {
	data, err := os.ReadFile(work)
	if err != nil {
		return false
	}
	wf, err := modfile.ParseWork(work, data, nil)
	if err != nil {
		return true // let the go command say what is wrong with it
	}
	for _, u := range wf.Use {
		p := u.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(work), p)
		}
		if filepath.Clean(p) == filepath.Clean(modRoot) {
			return true
		}
	}
	return false
}

// modulePath is the module path a go.mod declares, else its folder
// relative to wd.
func modulePath(wd, goMod string) string {
	data, err := os.ReadFile(goMod)
	if err == nil {
		if p := modfile.ModulePath(data); p != "" {
			return p
		}
	}
	return relPath(wd, filepath.Dir(goMod))
}

// findUp returns the folder at or above dir that holds name, or "".
func findUp(dir, name string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, name)); err == nil {
			return d
		}
		if d == filepath.Dir(d) {
			return ""
		}
	}
}
