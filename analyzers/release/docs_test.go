package release_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/connlint/connlint/internal/docsnippet"
)

// TestGoDocExamples checks every named Go example of docs/go.md with both
// analyzers: a `-bad` example gets exactly the findings its `// rule:`
// comments show, a `-good` one none.
func TestGoDocExamples(t *testing.T) {
	doc := filepath.Join("..", "..", "docs", "go.md")
	all, err := docsnippet.Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	gopath := t.TempDir()
	var names []string
	for _, s := range all {
		if s.Lang != "go" || s.Name == "" {
			continue
		}
		if !strings.HasSuffix(s.Name, "-bad") && !strings.HasSuffix(s.Name, "-good") {
			t.Errorf("%s: snippet %s is neither -bad nor -good", doc, s.Name)
			continue
		}
		dir := filepath.Join(gopath, "src", "docs", s.Name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "example.go"), []byte(s.Code), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, s.Name)
	}
	if len(names) < 10 {
		t.Fatalf("%s: %d named Go examples, want a bad and a good one per shape", doc, len(names))
	}
	got := map[string][]string{}
	for path, findings := range lintGOPATH(t, []string{gopath, testdata(t)}, gopath, "docs/...") {
		for _, f := range findings {
			got[strings.TrimPrefix(path, "docs/")] = append(got[strings.TrimPrefix(path, "docs/")], strings.TrimPrefix(f, "example.go:"))
		}
	}
	mark := regexp.MustCompile(`// (singleton|release): `)
	for _, s := range all {
		if !slices.Contains(names, s.Name) {
			continue
		}
		var want []string
		for i, line := range strings.Split(s.Code, "\n") {
			if m := mark.FindStringSubmatch(line); m != nil {
				want = append(want, fmt.Sprintf("%d: %s", i+1, m[1]))
			}
		}
		if strings.HasSuffix(s.Name, "-bad") && len(want) == 0 {
			t.Errorf("%s (line %d): a bad example without a `// rule:` mark", s.Name, s.Line)
		}
		if strings.HasSuffix(s.Name, "-good") && len(want) != 0 {
			t.Errorf("%s (line %d): a good example with a finding mark", s.Name, s.Line)
		}
		g := got[s.Name]
		slices.Sort(g)
		slices.Sort(want)
		if !slices.Equal(g, want) {
			t.Errorf("%s (docs/go.md line %d): findings %v, want %v", s.Name, s.Line, g, want)
		}
	}
}
