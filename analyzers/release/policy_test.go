package release_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestOneFindingPerConstruction runs both analyzers together, as the CLI
// builds them (New(cfg)), on testdata/src/policy and checks every finding
// against the `// findings: rule ...` comments: a construction the
// singleton rule reports is not reported again by release.
func TestOneFindingPerConstruction(t *testing.T) {
	root := testdata(t)
	var got []string
	for _, findings := range lintGOPATH(t, []string{root}, filepath.Join(root, "src", "policy"), "policy/...") {
		got = append(got, findings...)
	}
	slices.Sort(got)
	want := findingMarks(t, filepath.Join(root, "src", "policy"))
	if !slices.Equal(got, want) {
		t.Errorf("findings differ from the marks\ngot:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

var findingsRE = regexp.MustCompile(`// findings: ([a-z ]+)$`)

func findingMarks(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			if m := findingsRE.FindStringSubmatch(sc.Text()); m != nil {
				for _, rule := range strings.Fields(m[1]) {
					out = append(out, fmt.Sprintf("%s:%d: %s", filepath.Base(path), n, rule))
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}
