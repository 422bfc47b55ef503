package gate

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/diag"
)

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	run(t, dir, "git", "init", "-q", "-b", "main")
	return dir
}

func lines(n int, f func(i int) string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(f(i) + "\n")
	}
	return b.String()
}

func finding(file string, line int) diag.Finding {
	return diag.Finding{Rule: "release", Language: "go", File: file, Line: line, Column: 2, Message: "m"}
}

func places(fs []diag.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.File+":"+strconv.Itoa(f.Line))
	}
	return out
}

func TestNewFromRevKeepsOnlyAddedAndChangedLines(t *testing.T) {
	repo := gitRepo(t)
	write(t, repo, "svc/a.go", lines(10, func(i int) string { return "line " + strconv.Itoa(i) }))
	write(t, repo, "svc/b.go", lines(5, func(i int) string { return "b " + strconv.Itoa(i) }))
	write(t, repo, ".gitignore", "ignored/\n")
	run(t, repo, "git", "add", "-A")
	run(t, repo, "git", "commit", "-q", "-m", "base")
	base := strings.TrimSpace(run(t, repo, "git", "rev-parse", "HEAD"))

	// A committed change: two lines added on top of a.go (old lines move
	// down by two), line 5 (now 7) changed.
	a := "new 1\nnew 2\n" + lines(10, func(i int) string {
		if i == 5 {
			return "line 5 changed"
		}
		return "line " + strconv.Itoa(i)
	})
	write(t, repo, "svc/a.go", a)
	run(t, repo, "git", "commit", "-q", "-am", "change a")
	// An uncommitted change to b.go's line 4 and an untracked file.
	write(t, repo, "svc/b.go", lines(5, func(i int) string {
		if i == 4 {
			return "b four"
		}
		return "b " + strconv.Itoa(i)
	}))
	write(t, repo, "svc/c.go", "c 1\nc 2\n")
	write(t, repo, "ignored/d.go", "d 1\n")

	// Run from a subfolder: findings are relative to it.
	wd := filepath.Join(repo, "svc")
	all := []diag.Finding{
		finding("a.go", 1), finding("a.go", 2), finding("a.go", 3), finding("a.go", 7), finding("a.go", 12),
		finding("b.go", 3), finding("b.go", 4), finding("c.go", 2), finding("../ignored/d.go", 1),
	}
	changes, err := FromRev(context.Background(), wd, base)
	if err != nil {
		t.Fatal(err)
	}
	got := places(changes.Filter(wd, all))
	want := []string{"a.go:1", "a.go:2", "a.go:7", "b.go:4", "c.go:2"}
	if !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}

	// HEAD~1 is the same revision, by another name.
	if c2, err := FromRev(context.Background(), wd, "HEAD~1"); err != nil || !slices.Equal(places(c2.Filter(wd, all)), want) {
		t.Errorf("HEAD~1: %v, %v", err, c2)
	}
	if _, err := FromRev(context.Background(), wd, "no-such-rev"); err == nil || !strings.Contains(err.Error(), "no-such-rev") {
		t.Errorf("bad revision: %v", err)
	}
	if _, err := FromRev(context.Background(), t.TempDir(), "HEAD"); err == nil || !strings.Contains(err.Error(), "not in a git repository") {
		t.Errorf("outside a repository: %v", err)
	}

	// The same change as a patch file: from the top of the repository (as
	// git diff writes it) and with --relative, both work from svc/.
	for _, args := range [][]string{{"git", "diff", base}, {"git", "diff", "--relative", base}} {
		dir := repo
		if args[2] == "--relative" {
			dir = wd
		}
		patch := filepath.Join(t.TempDir(), "change.patch")
		if err := os.WriteFile(patch, []byte(run(t, dir, args...)), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := FromPatchFile(context.Background(), wd, patch)
		if err != nil {
			t.Fatal(err)
		}
		// An untracked file is in no patch.
		if got := places(c.Filter(wd, all)); !slices.Equal(got, want[:4]) {
			t.Errorf("%v: kept %v, want %v", args, got, want[:4])
		}
	}
}

func TestParsePatch(t *testing.T) {
	patch := `diff --git a/x.go b/x.go
index 1..2 100644
--- a/x.go
+++ b/x.go
@@ -1,4 +1,5 @@
 keep 1
-old 2
+new 2
+new 3
 keep 4

 keep 6
@@ -10 +11,0 @@
-gone
@@ -20,0 +21 @@ func f() {
+++ looks like a header but is an added line
diff --git a/gone.go b/gone.go
deleted file mode 100644
--- a/gone.go
+++ /dev/null
@@ -1 +0,0 @@
-x
--- "a/sp ace\tt.go"	2024-01-01 00:00:00
+++ "b/sp ace\tt.go"	2024-01-01 00:00:00
@@ -0,0 +1,2 @@
+a
+b
\ No newline at end of file
`
	dir := t.TempDir()
	c, err := ParsePatch(strings.NewReader(patch), dir)
	if err != nil {
		t.Fatal(err)
	}
	check := func(file string, line int, want bool) {
		t.Helper()
		if got := c.Has(filepath.Join(dir, file), line); got != want {
			t.Errorf("%s:%d changed = %v, want %v", file, line, got, want)
		}
	}
	for l := 1; l <= 22; l++ {
		check("x.go", l, l == 2 || l == 3 || l == 21)
	}
	check("gone.go", 1, false)
	check("sp ace\tt.go", 1, true)
	check("sp ace\tt.go", 2, true)
	check("sp ace\tt.go", 3, false)

	if _, err := ParsePatch(strings.NewReader("+++ b/x\n@@ -1 +1 @@\n?bad\n"), dir); err == nil {
		t.Error("garbage inside a hunk was accepted")
	}
}

func TestFingerprintsSurviveLineMoves(t *testing.T) {
	dir := t.TempDir()
	v1 := "package p\n\nfunc f() {\n\trows, _ := db.Query(q)\n\tuse(rows)\n\trows, _ = db.Query(q)\n}\n"
	write(t, dir, "p.go", v1)
	fs := []diag.Finding{finding("p.go", 4), finding("p.go", 6)}
	fs[1].Rule = "release"
	before := Fingerprints(NewSources(dir), fs)
	if before[0] == before[1] {
		t.Fatal("two findings share a fingerprint")
	}

	// Lines added above, the code reindented: same fingerprints.
	v2 := "package p\n\n// doc\n// more doc\nfunc f() {\n\tif true {\n\t\trows, _ := db.Query(q)\n\t\tuse(rows)\n\t\trows, _ = db.Query(q)\n\t}\n}\n"
	write(t, dir, "p.go", v2)
	moved := []diag.Finding{finding("p.go", 9), finding("p.go", 7)} // order does not matter
	after := Fingerprints(NewSources(dir), moved)
	if after[0] != before[1] || after[1] != before[0] {
		t.Errorf("fingerprints changed with a line move: %v -> %v", before, after)
	}

	// Two findings on identical lines are told apart by their rank.
	write(t, dir, "q.go", "x := open()\nx := open()\n")
	twins := Fingerprints(NewSources(dir), []diag.Finding{finding("q.go", 1), finding("q.go", 2)})
	if twins[0] == twins[1] {
		t.Error("identical lines got one fingerprint")
	}

	// The flagged line itself changes: a new fingerprint.
	write(t, dir, "p.go", strings.Replace(v2, "rows, _ := db.Query(q)", "rows, _ := db.QueryContext(ctx, q)", 1))
	if changed := Fingerprints(NewSources(dir), moved); changed[1] == before[0] {
		t.Error("fingerprint kept although the flagged line changed")
	}
	// Another rule on the same line is another finding.
	other := finding("p.go", 9)
	other.Rule = "singleton"
	if fp := Fingerprints(NewSources(dir), []diag.Finding{other}); fp[0] == after[0] {
		t.Error("rule not part of the fingerprint")
	}
}

func TestBaselineIgnoresRecordedFindingsAfterLinesMove(t *testing.T) {
	repo := t.TempDir()
	wd := filepath.Join(repo, "svc")
	write(t, wd, "a.go", "package a\n\nfunc f() {\n\trows, _ := db.Query(q)\n\trows2, _ := db.Query(q)\n}\n")
	recorded := []diag.Finding{finding("a.go", 4), finding("a.go", 5)}
	path := filepath.Join(repo, DefaultBaseline) // the baseline sits above the working directory
	b, err := NewBaseline(path, wd, recorded)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Write(path); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"file": "svc/a.go"`) {
		t.Errorf("baseline paths are not relative to its folder:\n%s", data)
	}

	// Code added above: the recorded findings moved, one new finding came.
	write(t, wd, "a.go", "package a\n\nimport \"x\"\n\nfunc f() {\n\trows, _ := db.Query(q)\n\trows2, _ := db.Query(q)\n\trows3, _ := db.Query(q)\n}\n")
	now := []diag.Finding{finding("a.go", 6), finding("a.go", 7), finding("a.go", 8)}
	res := diag.Result{Findings: now, Errors: []diag.Error{{File: "x", Message: "kept"}}}
	out, known, err := Apply(context.Background(), Options{WorkDir: wd, Baseline: path}, res)
	if err != nil {
		t.Fatal(err)
	}
	if got := places(out.Findings); !slices.Equal(got, []string{"a.go:8"}) || known != 2 {
		t.Errorf("kept %v (%d known), want only the new a.go:8 and 2 known", got, known)
	}
	if len(out.Errors) != 1 {
		t.Error("input errors must survive gating")
	}
	if msg := Describe(Options{Baseline: path}, 3, 1, known); msg != "2 of 3 finding(s) not reported (2 in the baseline)" {
		t.Errorf("Describe: %q", msg)
	}

	// A second identical finding is not hidden by one recorded entry.
	write(t, wd, "b.go", "x := open()\n")
	b2, _ := NewBaseline(path, wd, []diag.Finding{finding("b.go", 1)})
	b2.Write(path)
	write(t, wd, "b.go", "x := open()\nx := open()\n")
	out, _, err = Apply(context.Background(), Options{WorkDir: wd, Baseline: path}, diag.Result{Findings: []diag.Finding{finding("b.go", 1), finding("b.go", 2)}})
	if err != nil || len(out.Findings) != 1 {
		t.Errorf("one entry hid %d of 2 findings (%v)", 2-len(out.Findings), err)
	}

	if _, _, err := Apply(context.Background(), Options{WorkDir: wd, Baseline: filepath.Join(repo, "nope.json")}, res); err == nil || !strings.Contains(err.Error(), "connlint baseline") {
		t.Errorf("missing baseline: %v", err)
	}
	write(t, repo, "old.json", `{"version": 99, "findings": []}`)
	if _, err := LoadBaseline(filepath.Join(repo, "old.json")); err == nil {
		t.Error("unknown baseline version accepted")
	}
}

// TestPatchThatIsNoDiff: a patch that cannot stand for a change is an
// error, not a change without added lines.
func TestPatchThatIsNoDiff(t *testing.T) {
	for _, tc := range []struct {
		name, patch string
		want        error
	}{
		{"empty", "", ErrEmptyPatch},
		{"blank lines", "\n  \n", ErrEmptyPatch},
		{"git's error", "fatal: ambiguous argument 'nosuchrev': unknown revision or path not in the working tree.\n", ErrNotADiff},
		{"prose", "no changes\n", ErrNotADiff},
	} {
		if _, err := ParsePatch(strings.NewReader(tc.patch), t.TempDir()); err != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := ParsePatch(strings.NewReader("@@ -1 +1 @@\n-a\n+b\n")); err == nil || !strings.Contains(err.Error(), "before any file header") {
		t.Errorf("a hunk without a header: %v", err)
	}
	// A diff without hunks (a mode change) is still a diff.
	if _, err := ParsePatch(strings.NewReader("diff --git a/x.sh b/x.sh\nold mode 100644\nnew mode 100755\n")); err != nil {
		t.Errorf("mode change: %v", err)
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "ok.patch", "--- a/x.go\n+++ b/x.go\n@@ -1 +1 @@\n-a\n+b\n")
	write(t, dir, "empty.patch", "")
	for _, tc := range []struct {
		o    Options
		want string // "" for valid
	}{
		{Options{NewFromRev: "main"}, ""},
		{Options{NewFromPatch: filepath.Join(dir, "ok.patch")}, ""},
		{Options{NewFromRev: "main", Baseline: "b.json"}, ""},
		{Options{NewFromRev: "main", NewFromPatch: filepath.Join(dir, "ok.patch")}, "give one of them"},
		{Options{NewFromPatch: filepath.Join(dir, "empty.patch")}, "the patch is empty"},
		{Options{NewFromPatch: filepath.Join(dir, "missing.patch")}, "no such file"},
	} {
		err := tc.o.Validate()
		if (err == nil) != (tc.want == "") || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.o, err, tc.want)
		}
	}
}
