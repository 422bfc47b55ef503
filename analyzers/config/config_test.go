package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseKeys(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	src := `singleton: [internal/db/**, ./lib/prisma.ts]
scripts:
  - scripts/**
  - prisma/seed.ts
exclude: ["**/generated/**"]
clients:
  - language: go
    client: acme
    package: example.com/acme/db
    constructors: [Dial]
    release: [Close]
`
	cfg, err := Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file string
		fn   func(string) bool
		want bool
	}{
		{"internal/db/db.go", cfg.IsSingleton, true},
		{"internal/dbx/db.go", cfg.IsSingleton, false},
		{"lib/prisma.ts", cfg.IsSingleton, true},
		{"lib/prisma.tsx", cfg.IsSingleton, false},
		{"scripts/a/b.ts", cfg.IsScript, true},
		{"prisma/seed.ts", cfg.IsScript, true},
		{"prisma/other.ts", cfg.IsScript, false},
		{"src/generated/prisma/index.js", cfg.IsExcluded, true},
		{"src/app.ts", cfg.IsExcluded, false},
		{"../outside/lib/prisma.ts", cfg.IsSingleton, false},
	} {
		if got := tc.fn(filepath.Join(dir, tc.file)); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.file, got, tc.want)
		}
	}
	found := false
	for _, e := range cfg.Catalog().GoClients() {
		if e.Client == "acme" && e.Line == 7 {
			found = true
		}
	}
	if !found {
		t.Errorf("config client not merged into the catalog: %+v", cfg.Clients)
	}
}

func TestFolderNameMatchesFilesBelow(t *testing.T) {
	cfg, err := Parse("/p/.connlint.yml", []byte("singleton: internal/db\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.IsSingleton("/p/internal/db/sub/x.go") {
		t.Error("a folder glob should cover the files below it")
	}
}

func TestParseErrorsNameTheLine(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
		contains  string
	}{
		{"unknown key", "singleton: [a]\nsingletons: [b]\n", 2, `unknown key "singletons"`},
		{"bad glob", "exclude:\n  - ok/**\n  - \"bad[\"\n", 3, "bad glob"},
		{"not a list", "scripts: {a: b}\n", 1, "want a list"},
		{"yaml syntax", "singleton: [a\nscripts: b\n", 1, "expected"},
		{"duplicate key", "scripts: [a]\nscripts: [b]\n", 2, "repeats line 1"},
		{"client unknown key", "clients:\n  - language: go\n    client: x\n    package: p\n    constructors: [A]\n    colour: red\n", 6, `unknown key "colour"`},
		{"client no language", "clients:\n  - client: x\n", 2, "language"},
		{"top level list", "- a\n- b\n", 1, "mapping"},
		{"glob not string", "singleton:\n  - [x]\n", 2, "glob string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("/p/.connlint.yml", []byte(tc.src))
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("want *Error, got %v", err)
			}
			if ce.Line != tc.line || !strings.Contains(ce.Msg, tc.contains) {
				t.Errorf("got %v, want line %d containing %q", err, tc.line, tc.contains)
			}
			if !strings.HasPrefix(err.Error(), "/p/.connlint.yml:") {
				t.Errorf("error does not start with file:line: %v", err)
			}
		})
	}
}

func TestEmptyFileIsDefaults(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "---\n"} {
		cfg, err := Parse("/p/.connlint.yml", []byte(src))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if cfg.HasSingleton() || len(cfg.Scripts) > 0 {
			t.Errorf("%q: want defaults", src)
		}
	}
}

func TestDiscoverFindsNearestUpward(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, FileName), []byte("scripts: [a/b/**]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Discover(sub, "")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != filepath.Join(root, FileName) || !cfg.IsScript(filepath.Join(sub, "x.ts")) {
		t.Errorf("got file %q, script match %v", cfg.File, cfg.IsScript(filepath.Join(sub, "x.ts")))
	}
	if _, err := Discover(sub, filepath.Join(root, "missing.yml")); err == nil {
		t.Error("an explicit missing file must be an error")
	}
}

// FuzzParse feeds arbitrary text to the parser: it must never panic, and
// what it accepts must be usable.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"singleton: [internal/db/**, lib/prisma.ts]\nscripts: [scripts/**]\nexclude: [\"**/generated/**\"]\nclients: []\n",
		"singleton: a\n",
		"clients:\n  - language: js\n    client: x\n    modules: [x]\n    new: [X]\n",
		"exclude: [\"[\"]\n",
		"a: &x [1]\nb: *x\n",
		"\t- :\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		cfg, err := Parse("/p/.connlint.yml", []byte(src))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "/p/.connlint.yml") {
				t.Fatalf("error without file: %v", err)
			}
			return
		}
		for _, g := range append(append(cfg.Singleton, cfg.Scripts...), cfg.Exclude...) {
			cfg.IsSingleton("/p/" + g)
		}
		_ = cfg.Catalog()
	})
}
