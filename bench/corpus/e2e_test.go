package corpus

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/connlint/connlint/internal/testbin"
)

// connlintBinary returns the CLI of this module (linked once per state of
// the sources, shared with the other packages' tests) for the tests that
// run the harness end to end.
func connlintBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the connlint binary")
	}
	bin, err := testbin.Connlint(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestTallyEndToEnd(t *testing.T) {
	bin := connlintBinary(t)
	root, _ := filepath.Abs(filepath.Join("testdata", "corpus"))
	repos, err := LabelledRepos(root)
	if err != nil || len(repos) != 1 || repos[0] != "nextapp" {
		t.Fatalf("repos = %v, %v; want [nextapp]", repos, err)
	}
	res := Tally(context.Background(), bin, root, "nextapp")
	if res.Err != "" {
		t.Fatal(res.Err)
	}
	s := res.Score
	if res.Run.Exit != 1 || len(s.TruePositives) != 1 || len(s.FalsePositives) != 0 || len(s.Misses) != 1 {
		t.Errorf("exit %d, TP %d, FP %d, misses %d; want exit 1, the script's singleton finding, no FP and the planted miss\n%+v",
			res.Run.Exit, len(s.TruePositives), len(s.FalsePositives), len(s.Misses), res.Run)
	}
}

func TestMutateEndToEnd(t *testing.T) {
	bin := connlintBinary(t)
	root, _ := filepath.Abs(filepath.Join("testdata", "corpus"))
	sf, err := ReadSpecs(filepath.Join(root, "mutations", "nextapp.yml"))
	if err != nil {
		t.Fatal(err)
	}
	before := treeSum(t, filepath.Join(root, "nextapp"))
	outcomes, err := Mutate(context.Background(), bin, root, t.TempDir(), sf)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"route-handler-client":   Caught,
		"script-release-in-then": Caught,
		"comment-only":           Caught,
		"wrong-expectation":      Missed,
	}
	for _, o := range outcomes {
		if o.Status != want[o.ID] {
			t.Errorf("%s: %s, want %s: %+v", o.ID, o.Status, want[o.ID], o)
		}
		delete(want, o.ID)
	}
	if len(want) > 0 {
		t.Errorf("no outcome for %v", want)
	}
	if treeSum(t, filepath.Join(root, "nextapp")) != before {
		t.Error("mutating a copy changed the original project")
	}
}

// treeSum hashes every file's path and content.
func treeSum(t *testing.T, dir string) [32]byte {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		h.Write([]byte(p))
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}
