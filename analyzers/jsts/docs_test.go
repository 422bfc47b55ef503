package jsts

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/internal/docsnippet"
)

// A docs/jsts.md example is a small project: `// path/file.ts` lines at
// the start of a line begin each file (the first file without one is
// src/example.ts), a `// package.json` section replaces the default
// package.json (no Next.js) and tsconfig.json (`@/*` is the root). A `-bad` example gets exactly the findings its
// `// singleton: ...` and `// release: ...` comments mark, on their lines;
// a `-good` one none.

var docFileHeader = regexp.MustCompile(`^// ((?:[\w.@\[\]-]+/)*[\w.@\[\]-]+\.(?:ts|tsx|js|mjs|cjs|mts|cts|json|yml))$`)
var docMark = regexp.MustCompile(`// (singleton|release): `)

const docPackageJSON = `{"name":"doc-example","private":true,"type":"module",` +
	`"dependencies":{"@prisma/client":"6.2.0","pg":"8.13.1","ioredis":"5.4.1","redis":"4.7.0","bullmq":"5.34.0","postgres":"3.4.5","drizzle-orm":"0.38.3"}}`

const docTSConfig = `{"compilerOptions":{"strict":true,"baseUrl":".","paths":{"@/*":["./*"]}}}`

// docProject writes a snippet's files under dir and returns the marks:
// "file:line rule" for each marked line.
func docProject(t *testing.T, dir string, s docsnippet.Snippet) []string {
	t.Helper()
	files := map[string]*strings.Builder{}
	var order []string
	cur := ""
	for _, line := range strings.Split(strings.TrimSuffix(s.Code, "\n"), "\n") {
		if m := docFileHeader.FindStringSubmatch(line); m != nil {
			cur = m[1]
			if files[cur] == nil {
				files[cur] = &strings.Builder{}
				order = append(order, cur)
			}
			continue // the header names the file; it is not part of it (a shebang must come first)
		}
		if cur == "" {
			cur = "src/example.ts"
			if s.Lang == "js" {
				cur = "src/example.js"
			}
			files[cur] = &strings.Builder{}
			order = append(order, cur)
		}
		files[cur].WriteString(line + "\n")
	}
	for name, def := range map[string]string{"package.json": docPackageJSON, "tsconfig.json": docTSConfig} {
		if files[name] == nil {
			files[name] = &strings.Builder{}
			files[name].WriteString(def)
		}
	}
	var marks []string
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(b.String(), "\n") {
			for _, m := range docMark.FindAllStringSubmatch(line, -1) {
				marks = append(marks, fmt.Sprintf("%s:%d %s", name, i+1, m[1]))
			}
		}
	}
	slices.Sort(marks)
	return marks
}

// TestJSDocExamples runs every example of docs/jsts.md as its own project.
func TestJSDocExamples(t *testing.T) {
	doc := filepath.Join("..", "..", "docs", "jsts.md")
	all, err := docsnippet.Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range all {
		if s.Name == "" {
			t.Errorf("%s:%d: a code block without a <!-- snippet: NAME --> marker, so no test runs it", doc, s.Line)
			continue
		}
		bad := strings.HasSuffix(s.Name, "-bad")
		if !bad && !strings.HasSuffix(s.Name, "-good") {
			t.Errorf("%s:%d: snippet %s is neither -bad nor -good", doc, s.Line, s.Name)
			continue
		}
		n++
		t.Run(s.Name, func(t *testing.T) {
			dir := t.TempDir()
			want := docProject(t, dir, s)
			if bad && len(want) == 0 {
				t.Fatalf("%s:%d: a -bad example marks no finding", doc, s.Line)
			}
			if !bad && len(want) > 0 {
				t.Fatalf("%s:%d: a -good example marks findings", doc, s.Line)
			}
			cfg, err := config.Discover(dir, "")
			if err != nil {
				t.Fatal(err)
			}
			if cfg.File != "" && filepath.Dir(cfg.File) != dir {
				cfg = config.Default(dir) // a config above the temp folder is not the example's
			}
			res := Run(context.Background(), []string{"./..."}, Options{Config: cfg, WorkDir: dir})
			for _, e := range res.Errors {
				t.Errorf("error: %s: %s", e.File, e.Message)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Rule))
			}
			slices.Sort(got)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				var msgs []string
				for _, f := range res.Findings {
					msgs = append(msgs, fmt.Sprintf("%s:%d: %s (%s)", f.File, f.Line, f.Message, f.Rule))
				}
				t.Errorf("%s:%d: findings\n%s\nwant\n%s\n(got: %s)", doc, s.Line, strings.Join(got, "\n"), strings.Join(want, "\n"), strings.Join(msgs, "; "))
			}
		})
	}
	if n < 20 {
		t.Errorf("%s: %d examples; want a bad and a good one per shape", doc, n)
	}
}
