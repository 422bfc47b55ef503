package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestApply(t *testing.T) {
	src := []byte("a\nb\nc\nd\n")
	e, err := Apply(src, "b\nc\n", "x\ny\nz\n")
	if err != nil {
		t.Fatal(err)
	}
	if string(e.Text) != "a\nx\ny\nz\nd\n" || e.FirstLine != 2 || e.LastLine != 3 || e.Delta != 1 {
		t.Errorf("got %q first %d last %d delta %d", e.Text, e.FirstLine, e.LastLine, e.Delta)
	}
	if _, err := Apply([]byte("x x"), "x", "y"); err == nil {
		t.Error("a search text found twice was applied")
	}
	if _, err := Apply([]byte("x"), "z", "y"); err == nil {
		t.Error("a search text not found was applied")
	}
}

func TestJudge(t *testing.T) {
	// The edit adds two lines after line 4 of m.ts: a finding below moves.
	e := Edit{FirstLine: 4, LastLine: 4, Delta: 2}
	m := Mutation{ID: "m1", File: "m.ts", Expect: []Expect{{Rule: "release", Line: 5, File: "m.ts"}}}
	before := Run{Findings: []Finding{
		{Rule: "singleton", File: "m.ts", Line: 10},
		{Rule: "singleton", File: "other.ts", Line: 10},
	}}
	caught := Run{Findings: []Finding{
		{Rule: "singleton", File: "m.ts", Line: 12},
		{Rule: "singleton", File: "other.ts", Line: 10},
		{Rule: "release", File: "m.ts", Line: 5},
	}}
	if o := Judge(m, e, before, caught); o.Status != Caught {
		t.Errorf("status %s, want caught: %+v", o.Status, o)
	}
	noisy := Run{Findings: []Finding{
		{Rule: "singleton", File: "m.ts", Line: 12},
		{Rule: "release", File: "m.ts", Line: 5},
	}}
	if o := Judge(m, e, before, noisy); o.Status != Noisy || len(o.Removed) != 1 || o.Removed[0].File != "other.ts" {
		t.Errorf("status %s removed %v, want noisy with other.ts removed", o.Status, o.Removed)
	}
	missed := Run{Findings: before.Findings}
	if o := Judge(m, e, before, missed); o.Status != Missed {
		t.Errorf("status %s, want missed", o.Status)
	}
	unshifted := Run{Findings: []Finding{
		{Rule: "singleton", File: "m.ts", Line: 10},
		{Rule: "singleton", File: "other.ts", Line: 10},
		{Rule: "release", File: "m.ts", Line: 5},
	}}
	if o := Judge(m, e, before, unshifted); o.Status != Noisy {
		t.Errorf("a finding that did not move with its line: status %s, want noisy", o.Status)
	}
}

func TestReadSpecs(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yml")
	write(t, good, "repo: p\nmutations:\n  - id: a\n    file: x.ts\n    search: |\n      foo\n    replace: bar\n    expect:\n      - {rule: singleton, line: 3}\n")
	sf, err := ReadSpecs(good)
	if err != nil {
		t.Fatal(err)
	}
	if got := sf.Mutations[0].Expect[0]; got.File != "x.ts" || got.Line != 3 || sf.Mutations[0].Search != "foo\n" {
		t.Errorf("got %+v search %q", got, sf.Mutations[0].Search)
	}
	for name, text := range map[string]string{
		"unknown": "repo: p\nmutations:\n  - id: a\n    file: x.ts\n    search: s\n    expected: []\n",
		"norepo":  "mutations: []\n",
		"nosrch":  "repo: p\nmutations:\n  - id: a\n    file: x.ts\n",
		"dup":     "repo: p\nmutations:\n  - {id: a, file: x.ts, search: s}\n  - {id: a, file: x.ts, search: t}\n",
		"badrule": "repo: p\nmutations:\n  - {id: a, file: x.ts, search: s, expect: [{rule: leak, line: 1}]}\n",
	} {
		p := filepath.Join(dir, name+".yml")
		write(t, p, text)
		if _, err := ReadSpecs(p); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestReplaceFileKeepsTheOriginal(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	write(t, filepath.Join(src, "a", "x.ts"), "original\n")
	if err := LinkTree(src, dst); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceFile(dst, "a/x.ts", []byte("mutated\n")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(src, "a", "x.ts")); got != "original\n" {
		t.Errorf("the original changed to %q", got)
	}
	if got := read(t, filepath.Join(dst, "a", "x.ts")); got != "mutated\n" {
		t.Errorf("the copy has %q", got)
	}
	if err := ReplaceFile(dst, "../outside.ts", nil); err == nil {
		t.Error("a path leaving the project was written")
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

func TestApplyAllShiftsThroughEveryEdit(t *testing.T) {
	m := Mutation{File: "m.ts", Edits: []EditSpec{
		{Search: "import a\n", Replace: "import a\nimport b\n"},
		{Search: "use()\n", Replace: "make()\nuse()\n"},
	}}
	src := []byte("import a\nx\nuse()\ny\n")
	e, err := ApplyAll(src, m)
	if err != nil {
		t.Fatal(err)
	}
	if string(e.Text) != "import a\nimport b\nx\nmake()\nuse()\ny\n" {
		t.Fatalf("text %q", e.Text)
	}
	for line, want := range map[int]int{2: 3, 4: 6} { // x moves by 1, y by 2
		if got := e.Shift("m.ts", Finding{File: "m.ts", Line: line}).Line; got != want {
			t.Errorf("line %d shifted to %d, want %d", line, got, want)
		}
	}
	if _, err := ApplyAll(src, Mutation{Edits: []EditSpec{{Search: "nope", Replace: ""}}}); err == nil {
		t.Error("a missing search text was applied")
	}
}
