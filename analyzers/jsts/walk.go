package jsts

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// skipDirs are never walked: dependencies, VCS data, build output.
var skipDirs = map[string]bool{
	"node_modules": true, ".git": true, ".hg": true, ".svn": true,
	".next": true, "dist": true, "build": true, "out": true, "coverage": true,
	".turbo": true, ".vercel": true, ".output": true, ".nuxt": true, ".svelte-kit": true,
	".cache": true, ".yarn": true, ".pnpm-store": true, "bower_components": true, ".prisma": true,
	"vendor": false,
}

type ignoreRule struct {
	dir      string // absolute folder of the .gitignore
	pattern  string
	neg      bool
	dirOnly  bool
	anchored bool
}

func readGitignore(dir string) []ignoreRule {
	data, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if err != nil {
		return nil
	}
	var out []ignoreRule
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{dir: dir}
		if strings.HasPrefix(line, "!") {
			r.neg = true
			line = line[1:]
		}
		line = strings.TrimPrefix(line, "\\")
		if strings.HasSuffix(line, "/") {
			r.dirOnly = true
			line = strings.TrimRight(line, "/")
		}
		if strings.Contains(line, "/") {
			r.anchored = true
			line = strings.TrimPrefix(line, "/")
		}
		if line == "" || !doublestar.ValidatePattern(line) {
			continue
		}
		r.pattern = line
		out = append(out, r)
	}
	return out
}

// ignored applies the rules in order; the last that matches decides.
func ignored(rules []ignoreRule, path string, isDir bool) bool {
	res := false
	for _, r := range rules {
		if r.dirOnly && !isDir {
			continue
		}
		rel, err := filepath.Rel(r.dir, path)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		rel = filepath.ToSlash(rel)
		var ok bool
		if r.anchored {
			ok, _ = doublestar.Match(r.pattern, rel)
		} else {
			ok, _ = doublestar.Match(r.pattern, filepath.Base(path))
			if !ok {
				ok, _ = doublestar.Match("**/"+r.pattern, rel)
			}
		}
		if ok {
			res = !r.neg
		}
	}
	return res
}

// walker collects the TS/JS files below folders, and the package.json
// and tsconfig files it meets.
type walker struct {
	files    []string
	pkgJSONs []string
	tsconfig []string
	prisma   []string // Prisma schema files
	excluded func(string) bool
}

func (w *walker) walk(root string) error {
	rules := map[string][]ignoreRule{}
	// .gitignore files above the root apply too (a walk of a sub-folder).
	var inherited []ignoreRule
	if gitTop := findUp(root, ".git"); gitTop != "" {
		var chain []string
		for d := filepath.Dir(root); ; d = filepath.Dir(d) {
			chain = append([]string{d}, chain...)
			if d == gitTop || d == filepath.Dir(d) {
				break
			}
		}
		for _, d := range chain {
			inherited = append(inherited, readGitignore(d)...)
		}
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			parent := inherited
			if path != root {
				parent = rules[filepath.Dir(path)]
				name := d.Name()
				if skipDirs[name] || ignored(parent, path, true) || w.excluded(path) || isGeneratedDir(path) {
					return filepath.SkipDir
				}
			}
			own := readGitignore(path)
			if len(own) > 0 {
				rules[path] = append(append([]ignoreRule(nil), parent...), own...)
			} else {
				rules[path] = parent
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		name := d.Name()
		switch name {
		case "package.json":
			w.pkgJSONs = append(w.pkgJSONs, path)
			return nil
		case "tsconfig.json", "jsconfig.json":
			w.tsconfig = append(w.tsconfig, path)
			return nil
		}
		if strings.HasSuffix(name, ".prisma") {
			w.prisma = append(w.prisma, path)
			return nil
		}
		if _, ok := languageOf(name); !ok || isDeclarationFile(name) {
			return nil
		}
		if ignored(rules[filepath.Dir(path)], path, false) || w.excluded(path) {
			return nil
		}
		w.files = append(w.files, path)
		return nil
	})
}

// isGeneratedDir: a generated Prisma client folder (prisma generate
// output, wherever the schema's output points).
func isGeneratedDir(path string) bool {
	j := func(n string) string { return filepath.Join(path, n) }
	if fileExists(j("index-browser.js")) || fileExists(j("edge.js")) && fileExists(j("index.d.ts")) {
		return true
	}
	if fileExists(j("index.d.ts")) && dirExists(j("runtime")) {
		return true
	}
	// prisma-client generator (Prisma 6.6+/7): client.ts, browser.ts, internal/
	if fileExists(j("client.ts")) && fileExists(j("browser.ts")) && (dirExists(j("internal")) || fileExists(j("models.ts"))) {
		return true
	}
	return false
}

func dirExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
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
