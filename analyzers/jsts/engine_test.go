package jsts

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/config"
)

func TestLanguageOf(t *testing.T) {
	for ext, want := range map[string]string{".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx",
		".js": "js", ".jsx": "js", ".mjs": "js", ".cjs": "js", ".json": "", ".d": ""} {
		got, _ := languageOf("x" + ext)
		if got != want {
			t.Errorf("%s: %q, want %q", ext, got, want)
		}
	}
}

func TestParseDirective(t *testing.T) {
	for _, tc := range []struct {
		text  string
		ok    bool
		rules string // "" = all
	}{
		{"// connlint-ignore release -- reason", true, "release"},
		{"// connlint-ignore singleton,release -- x", true, "release,singleton"},
		{"// connlint-ignore", true, ""},
		{"//nolint:connlint", true, ""},
		{"// nolint:connlint/release // why", true, "release"},
		{"//nolint:errcheck,connlint/singleton", true, "singleton"},
		{"//nolint:all", true, ""},
		{"//nolint:errcheck", false, ""},
		{"// connlint-ignored", false, ""},
		{"/* connlint-ignore release */", true, "release"},
		{"// plain comment", false, ""},
	} {
		rules, ok := parseDirective(tc.text)
		if ok != tc.ok {
			t.Errorf("%q: ok=%v", tc.text, ok)
			continue
		}
		var got []string
		for r := range rules {
			got = append(got, r)
		}
		sortStrings(got)
		if strings.Join(got, ",") != tc.rules {
			t.Errorf("%q: rules %v, want %q", tc.text, got, tc.rules)
		}
	}
}

func sortStrings(s []string) {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
}

func TestStripJSONC(t *testing.T) {
	in := `{
  // comment with "quotes"
  "a": "http://x/*not a comment*/", /* block */
  "b": [1, 2,],
}`
	got := string(stripJSONC([]byte(in)))
	if strings.Contains(got, "with \"quotes\"") || strings.Contains(got, "block") || strings.Contains(got, ",]") {
		t.Errorf("not stripped: %s", got)
	}
	if !strings.Contains(got, "http://x/*not a comment*/") {
		t.Errorf("string damaged: %s", got)
	}
	// a trailing comma before a comment and the closing brace
	var v map[string]any
	if err := json.Unmarshal(stripJSONC([]byte("{\"a\": 1, /* why */\n // more\n}")), &v); err != nil || v["a"] != 1.0 {
		t.Errorf("trailing comma before comments: %v %v", v, err)
	}
}

func TestGitignore(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("gen/\n*.gen.ts\n/top.ts\n!keep.gen.ts\n"), 0o644)
	rules := readGitignore(dir)
	for path, want := range map[string]bool{
		"gen": true, "a/b.gen.ts": true, "keep.gen.ts": false, "top.ts": true, "sub/top.ts": false, "src/x.ts": false,
	} {
		isDir := !strings.Contains(path, ".")
		if got := ignored(rules, filepath.Join(dir, path), isDir); got != want {
			t.Errorf("%s: ignored=%v, want %v", path, got, want)
		}
	}
}

// TestFileRoots: files given on the command line (as pre-commit passes
// them) are checked as given, with the project facts of their project.
func TestFileRoots(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "js", "nextapp"))
	cfg, err := config.Discover(root, "")
	if err != nil {
		t.Fatal(err)
	}
	res := Run(context.Background(), []string{"prisma/seed.ts", "app/api/users/route.ts", "missing.ts"},
		Options{Config: cfg, WorkDir: root})
	if len(res.Findings) != 1 || res.Findings[0].File != "prisma/seed.ts" || res.Findings[0].Rule != "singleton" {
		t.Fatalf("findings: %+v", res.Findings)
	}
	if !strings.Contains(res.Findings[0].Message, "lib/prisma.ts") {
		t.Errorf("the singleton elsewhere in the project should be named: %s", res.Findings[0].Message)
	}
	if len(res.Findings[0].Related) != 1 || res.Findings[0].Related[0].File != "lib/prisma.ts" {
		t.Errorf("related: %+v", res.Findings[0].Related)
	}
	if len(res.Errors) != 1 || res.Errors[0].File != "missing.ts" {
		t.Errorf("errors: %+v", res.Errors)
	}
}

// TestRelatedLocations: the return that skips the release is a related
// location, and positions are those of the call.
func TestRelatedLocations(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "js", "express-pg"))
	res := Run(context.Background(), []string{"routes/users.js"}, Options{WorkDir: root})
	var found bool
	for _, f := range res.Findings {
		if f.Line == 29 {
			found = true
			if f.Column != 24 || f.EndLine != 29 || f.Language != "js" {
				t.Errorf("position: %+v", f)
			}
			if len(f.Related) != 1 || f.Related[0].Line != 31 {
				t.Errorf("related: %+v", f.Related)
			}
		}
	}
	if !found {
		t.Errorf("no finding at routes/users.js:29: %+v", res.Findings)
	}
}

// TestPrefilterSound: the same findings with and without skipping the
// files that cannot matter.
func TestPrefilterSound(t *testing.T) {
	base, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "js"))
	entries, _ := os.ReadDir(base)
	for _, e := range entries {
		root := filepath.Join(base, e.Name())
		cfg, _ := config.Discover(root, "")
		if cfg == nil || cfg.File != "" && filepath.Dir(cfg.File) != root {
			cfg = config.Default(root)
		}
		a := Run(context.Background(), []string{"./..."}, Options{Config: cfg, WorkDir: root})
		b := Run(context.Background(), []string{"./..."}, Options{Config: cfg, WorkDir: root, NoPrefilter: true})
		if len(a.Findings) != len(b.Findings) {
			t.Errorf("%s: %d findings with the prefilter, %d without", e.Name(), len(a.Findings), len(b.Findings))
		}
	}
}

func TestProgressAndWorkers(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "js", "handlers"))
	var last, total int
	res := Run(context.Background(), []string{root + "/..."}, Options{WorkDir: root, Workers: 1,
		Progress: func(d, n int) { last, total = d, n }})
	if total == 0 || last != total {
		t.Errorf("progress %d/%d", last, total)
	}
	if len(res.Findings) == 0 {
		t.Error("no findings")
	}
}
