package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/internal/docsnippet"
)

// monorepo copies testdata/monorepo (Go modules nested below a root with
// no go.mod, a go.work, a Next.js app) and adds the folders a walk must
// not enter: node_modules, a .gitignore'd folder, testdata. Each holds a
// module with a leak that must not be reported.
func monorepo(t *testing.T) string {
	t.Helper()
	root := filepath.Join(copyDir(t, "testdata/monorepo"), "testdata", "monorepo")
	leak := "package x\n\nimport \"database/sql\"\n\nfunc Leak(db *sql.DB) { rows, _ := db.Query(\"select 1\"); _ = rows }\n"
	for _, dir := range []string{"web/node_modules/pgdriver", "generated/client", "services/worker/testdata/mod"} {
		writeFile(t, filepath.Join(root, dir, "go.mod"), "module example.com/"+filepath.Base(dir)+"\n\ngo 1.26.0\n")
		writeFile(t, filepath.Join(root, dir, "x.go"), leak)
	}
	writeFile(t, filepath.Join(root, ".gitignore"), "generated/\n")
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// wantMarks lists "file:line rule" for every `want RULE` comment below
// root, skipping what the test added.
func wantMarks(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".ts")) {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(root, p)
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if _, rule, ok := strings.Cut(sc.Text(), "// want "); ok {
				out = append(out, fmt.Sprintf("%s:%d %s", filepath.ToSlash(rel), line, strings.TrimSpace(rule)))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func findingMarks(res diag.Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Rule))
	}
	slices.Sort(out)
	return out
}

func runJSON(t *testing.T, dir string, args ...string) (diag.Result, string, int) {
	t.Helper()
	out, stderr, code := connlint(t, dir, append([]string{"--format", "json", "--quiet"}, args...)...)
	var res diag.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("exit %d, not JSON: %v\n%s\n%s", code, err, out, stderr)
	}
	return res, stderr, code
}

// TestMonorepoChecksEveryModule: a walk from a root with no go.mod finds
// the modules below it (in go.work or not), checks each with its own
// go.mod, and checks the TS/JS app beside them; paths are relative to the
// working directory.
func TestMonorepoChecksEveryModule(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	root := monorepo(t)
	want := wantMarks(t, filepath.Join(root))
	if len(want) != 5 {
		t.Fatalf("fixture: want 5 marks, got %v", want)
	}
	for _, args := range [][]string{{"./..."}, {}} {
		res, stderr, code := runJSON(t, root, args...)
		if got := findingMarks(res); !slices.Equal(got, want) || code != 1 || len(res.Errors) != 0 {
			t.Errorf("connlint %v: exit %d, errors %+v, findings\n%s\nwant\n%s\n%s", args, code, res.Errors, strings.Join(got, "\n"), strings.Join(want, "\n"), stderr)
		}
	}
	// A folder above modules, and one module, named from the root.
	res, _, code := runJSON(t, root, "services")
	if got := findingMarks(res); code != 1 || !slices.Equal(got, []string{"services/worker/jobs.go:11 release"}) {
		t.Errorf("connlint services: exit %d, findings %v", code, got)
	}
	res, _, code = runJSON(t, filepath.Join(root, "web"), "../tools/...")
	if got := findingMarks(res); code != 1 || !slices.Equal(got, []string{"../tools/dbcheck/check.go:11 singleton"}) {
		t.Errorf("connlint ../tools/... from web/: exit %d, findings %v (paths relative to the working directory)", code, got)
	}
}

// TestMonorepoModuleThatCannotLoad: a module whose go.mod does not parse
// and one whose dependency cannot be found are named in errors, the exit
// status is 2, and every other module and the TS/JS app are still checked.
func TestMonorepoModuleThatCannotLoad(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	root := monorepo(t)
	want := wantMarks(t, root)
	writeFile(t, filepath.Join(root, "legacy/go.mod"), "modul example.com/legacy\n")
	writeFile(t, filepath.Join(root, "legacy/legacy.go"), "package legacy\n")
	writeFile(t, filepath.Join(root, "billing/go.mod"), "module example.com/billing\n\ngo 1.26.0\n\nrequire example.com/nowhere v1.0.0\n")
	writeFile(t, filepath.Join(root, "billing/billing.go"), "package billing\n\nimport _ \"example.com/nowhere\"\n")
	res, stderr, code := runJSON(t, root, "./...")
	if got := findingMarks(res); !slices.Equal(got, want) {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if code != 2 || !strings.Contains(stderr, "could not be loaded") {
		t.Errorf("exit %d, stderr %q; want 2 and a message", code, stderr)
	}
	named := map[string]string{}
	for _, e := range res.Errors {
		named[e.File] = e.Message
	}
	if m := named["legacy/go.mod"]; !strings.Contains(m, "unknown directive: modul") {
		t.Errorf("legacy/go.mod: %q; errors %+v", m, res.Errors)
	}
	if m := named["billing/go.mod"]; !strings.HasPrefix(m, "module example.com/billing:") {
		t.Errorf("billing/go.mod: %q; errors %+v", m, res.Errors)
	}
	if m := named["billing/billing.go"]; !strings.Contains(m, "example.com/nowhere") {
		t.Errorf("billing/billing.go: %q should say which import failed; errors %+v", m, res.Errors)
	}
}

// TestDocsMonorepoRun: the monorepo example of docs/go-loading.md is what
// connlint prints on the fixture.
func TestDocsMonorepoRun(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	snippets, err := docsnippet.Parse(filepath.Join("..", "..", "docs", "go-loading.md"))
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	for _, s := range snippets {
		if s.Name == "" {
			t.Errorf("docs/go-loading.md:%d: a code block without a snippet name is exercised by no test", s.Line)
		}
		if s.Name == "monorepo-run" {
			doc = s.Code
		}
	}
	cmd, want, ok := strings.Cut(doc, "\n")
	if !ok || cmd != "$ connlint ./..." {
		t.Fatalf("snippet monorepo-run: want a `$ connlint ./...` line first, got %q", doc)
	}
	out, stderr, code := connlint(t, monorepo(t), "--quiet", "./...")
	if code != 1 || strings.TrimSpace(out) != strings.TrimSpace(want) {
		t.Errorf("exit %d; connlint ./... prints\n%s\nthe doc shows\n%s\n%s", code, out, want, stderr)
	}
}
