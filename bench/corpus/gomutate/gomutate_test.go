package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScoreSortsFindingsByLabel(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.tsv")
	writeFile(t, path, "file\tline\trule\tverdict\treason\n"+
		"a.go\t10\trelease\ttrue\tleak on error\n"+
		"a.go\t20\tnone\ttrue\truns once\n"+
		"a.go\t30\tsingleton\tdebatable\treconnect loop\n"+
		"a.go\t40\trelease\ttrue\tmissed local struct\n"+
		"a.go\t50\trelease|singleton\ttrue\tdefer in a readiness loop\n"+
		"a.go\t60\trelease\ttrue\tnever closed\n"+
		"a.go\t70\tnone\ttrue\tjudged clean\n")
	labels, err := readLabels(path)
	if err != nil {
		t.Fatal(err)
	}
	found := []finding{
		{File: "a.go", Line: 10, Rule: "release"},
		{File: "a.go", Line: 20, Rule: "singleton"},
		{File: "a.go", Line: 30, Rule: "singleton"},
		{File: "a.go", Line: 50, Rule: "singleton"},
		{File: "a.go", Line: 60, Rule: "singleton"}, // wrong rule on a judged line
		{File: "b.go", Line: 1, Rule: "release"},
	}
	got := score(found, labels)
	want := tally{Findings: 6, True: 2, False: 2, Debatable: 1, Unlabelled: 1, Misses: 2, Clean: 1}
	got.Notes = nil
	if got.Findings != want.Findings || got.True != want.True || got.False != want.False || got.Debatable != want.Debatable ||
		got.Unlabelled != want.Unlabelled || got.Misses != want.Misses || got.Clean != want.Clean {
		t.Errorf("score = %+v, want %+v", got, want)
	}
}

func TestReadLabelsRejectsUnknownRule(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.tsv")
	writeFile(t, path, "a.go\t1\tleak\ttrue\twhy\n")
	if _, err := readLabels(path); err == nil || !strings.Contains(err.Error(), "rule") {
		t.Fatalf("want an error naming the rule, got %v", err)
	}
}

const spec = `module: mod
file: f.go
expect: release 4
note: drop the close
--- search
import "fmt"
--- replace
import (
	"database/sql"
	"fmt"
)
--- end
--- search
	defer rows.Close()
--- replace
--- end
`

const source = `package f

import "fmt"

func f() {
	rows := q()
	defer rows.Close()
	fmt.Println(rows)
}
`

func TestMutationAppliesEditsAndCarriesLines(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "mod", "f.go"), source)
	writeFile(t, filepath.Join(root, "x.mut"), spec)
	m, err := readMutation(filepath.Join(root, "x.mut"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.edits) != 2 || m.edits[1].replace != "" {
		t.Fatalf("edits = %q", m.edits)
	}
	a, err := apply(root, m)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(root, "mod", "f.go"))
	if strings.Contains(string(got), "defer rows.Close()") || !strings.Contains(string(got), `"database/sql"`) {
		t.Fatalf("mutated file:\n%s", got)
	}
	// Line 6 (rows := q()) moves down 3 lines for the import block, and so
	// does line 8 (fmt.Println): the emptied defer line stays as a blank line.
	for in, want := range map[int]int{1: 1, 6: 9, 8: 11} {
		if out, ok := a.shift(in); !ok || out != want {
			t.Errorf("shift(%d) = %d, %v; want %d", in, out, ok, want)
		}
	}
	if _, ok := a.shift(3); ok {
		t.Errorf("shift(3): line 3 was rewritten into 4 lines, want !ok")
	}

	baseline := []finding{{File: "f.go", Line: 8, Rule: "singleton"}, {File: "g.go", Line: 2, Rule: "release"}}
	exact := compare(m, a, baseline, []finding{{File: "f.go", Line: 11, Rule: "singleton"}, {File: "g.go", Line: 2, Rule: "release"}, {File: "f.go", Line: 4, Rule: "release"}})
	if !exact.Exact {
		t.Errorf("want exact, got %+v", exact)
	}
	noisy := compare(m, a, baseline, []finding{{File: "f.go", Line: 4, Rule: "release"}, {File: "g.go", Line: 2, Rule: "release"}, {File: "g.go", Line: 9, Rule: "release"}})
	if !noisy.Caught || noisy.Exact || !slices.Equal(noisy.Extra, []string{"g.go:9:release"}) || !slices.Equal(noisy.Lost, []string{"f.go:11:singleton"}) {
		t.Errorf("want caught with +g.go:9 and -f.go:11, got %+v", noisy)
	}
	if missed := compare(m, a, baseline, nil); missed.Caught {
		t.Errorf("want missed, got %+v", missed)
	}

	if err := a.revert(); err != nil {
		t.Fatal(err)
	}
	if back, _ := os.ReadFile(filepath.Join(root, "mod", "f.go")); string(back) != source {
		t.Fatalf("revert left:\n%s", back)
	}
}

func TestMutationSearchMustBeUnique(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "mod", "f.go"), source+source)
	writeFile(t, filepath.Join(root, "x.mut"), spec)
	m, err := readMutation(filepath.Join(root, "x.mut"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := apply(root, m); err == nil || !strings.Contains(err.Error(), "found 2 times") {
		t.Fatalf("want a not-unique error, got %v", err)
	}
}
