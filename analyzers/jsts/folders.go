package jsts

import (
	"io/fs"
	"path/filepath"
)

// WalkFolders calls visit for root and every folder below it that the
// TS/JS walk enters (.gitignore files honoured, above root too; dependency,
// VCS and build folders skipped), leaving out as well the folders whose
// name skip reports. The Go side uses it to find nested modules with the
// same notion of what a project's own code is.
func WalkFolders(root string, skip func(name string) bool, visit func(dir string)) error {
	rules := map[string][]ignoreRule{}
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
		if err != nil || !d.IsDir() {
			if err != nil && d != nil && d.IsDir() && path != root {
				return filepath.SkipDir
			}
			return nil
		}
		parent := inherited
		if path != root {
			parent = rules[filepath.Dir(path)]
			name := d.Name()
			if skipDirs[name] || skip(name) || ignored(parent, path, true) {
				return filepath.SkipDir
			}
		}
		if own := readGitignore(path); len(own) > 0 {
			rules[path] = append(append([]ignoreRule(nil), parent...), own...)
		} else {
			rules[path] = parent
		}
		visit(path)
		return nil
	})
}
