// Package e2e runs the built connlint binary on testdata/e2e/gomod, a module
// on the real libraries (pgx, sqlx, go-redis, mongo-driver, gorm), and checks
// its JSON findings: exactly the lines marked `// want-e2e: <rule>`, with the
// messages and related locations recorded in testdata/gomod.json.
package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/connlint/connlint/internal/testbin"
)

type related struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

type finding struct {
	Rule      string    `json:"rule"`
	Language  string    `json:"language"`
	File      string    `json:"file"`
	Line      int       `json:"line"`
	Column    int       `json:"column"`
	EndLine   int       `json:"end_line"`
	EndColumn int       `json:"end_column"`
	Message   string    `json:"message"`
	Related   []related `json:"related"`
}

type result struct {
	Findings []finding `json:"findings"`
	Errors   []struct {
		File    string `json:"file"`
		Message string `json:"message"`
	} `json:"errors"`
}

// setup builds the binary and fills the module cache for the e2e module.
func setup(t *testing.T) (bin, mod string) {
	t.Helper()
	return setupModule(t, "testdata", "e2e", "gomod")
}

// setupModule builds the binary (once for the package's tests) and fills
// the module cache for the module at the given path below the repository
// root.
func setupModule(t *testing.T, path ...string) (bin, mod string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary and loads real libraries")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	mod = filepath.Join(append([]string{root}, path...)...)
	bin = buildBinary(t, root)
	dl := exec.Command("go", "mod", "download")
	dl.Dir = mod
	if out, err := dl.CombinedOutput(); err != nil {
		t.Skipf("module cache for %s cannot be filled (go mod download: %v): %s", mod, err, out)
	}
	return bin, mod
}

// buildBinary returns cmd/connlint built from this checkout (linked once
// per state of the sources, shared with the other packages' tests).
func buildBinary(t *testing.T, root string) string {
	t.Helper()
	bin, err := testbin.Connlint(root)
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// runFindings runs connlint --format json ./... in mod, which must exit 1
// (findings) with no package errors, and returns its result.
func runFindings(t *testing.T, bin, mod string) result {
	t.Helper()
	cmd := exec.Command(bin, "--format", "json", "./...")
	cmd.Dir = mod
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("connlint: want exit status 1 (findings), got %v\nstderr: %s", err, stderr.String())
	}
	var got result
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("stdout is not the JSON result: %v\n%s", err, stdout.String())
	}
	if len(got.Errors) != 0 {
		t.Errorf("errors: %+v", got.Errors)
	}
	return got
}

func TestGoModuleOnRealLibraries(t *testing.T) {
	bin, mod := setup(t)
	got := runFindings(t, bin, mod)

	// The lines the module marks are exactly the lines flagged.
	marks := wantMarks(t, mod)
	var flagged []string
	for _, f := range got.Findings {
		if f.Language != "go" {
			t.Errorf("finding in %s has language %q", f.File, f.Language)
		}
		flagged = append(flagged, key(f.File, f.Line, f.Rule))
	}
	slices.Sort(flagged)
	if !slices.Equal(flagged, marks) {
		t.Errorf("flagged lines differ from the want-e2e marks\nflagged: %v\nmarked:  %v", flagged, marks)
	}

	// And the findings are exactly the recorded ones: positions, messages,
	// related locations.
	data, err := os.ReadFile(filepath.Join("testdata", "gomod.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want result
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	gotJSON, _ := json.MarshalIndent(got.Findings, "", "  ")
	wantJSON, _ := json.MarshalIndent(want.Findings, "", "  ")
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("findings differ from testdata/gomod.json\ngot:\n%s\nwant:\n%s", gotJSON, wantJSON)
	}
}

// TestVetToolOnRealLibraries runs the same module through `go vet
// -vettool` (unitchecker, one process per package, facts through files):
// the lines flagged are the want-e2e marks there too, so the policy of one
// finding per construction holds in that driver as well.
func TestVetToolOnRealLibraries(t *testing.T) {
	bin, mod := setup(t)
	cmd := exec.Command("go", "vet", "-vettool="+bin, "./...")
	cmd.Dir = mod
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("go vet: want a failure (findings), got none\n%s", out)
	}
	diagRE := regexp.MustCompile(`^(\S+\.go):(\d+):\d+: (.*)$`)
	var flagged []string
	for _, line := range strings.Split(string(out), "\n") {
		m := diagRE.FindStringSubmatch(line)
		if m == nil || strings.HasPrefix(m[3], "\t") {
			continue // the package header, or a related location
		}
		rule := "release"
		if strings.Contains(m[3], " builds ") {
			rule = "singleton"
		}
		var n int
		fmt.Sscan(m[2], &n)
		flagged = append(flagged, key(filepath.ToSlash(m[1]), n, rule))
	}
	slices.Sort(flagged)
	if marks := wantMarks(t, mod); !slices.Equal(flagged, marks) {
		t.Errorf("go vet -vettool flagged lines differ from the want-e2e marks\nflagged: %v\nmarked:  %v\noutput:\n%s", flagged, marks, out)
	}
}

var markRE = regexp.MustCompile(`// want-e2e: (singleton|release)\b`)

func wantMarks(t *testing.T, mod string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(mod, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(mod, path)
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			for _, m := range markRE.FindAllStringSubmatch(sc.Text(), -1) {
				out = append(out, key(filepath.ToSlash(rel), n, m[1]))
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

func key(file string, line int, rule string) string {
	return file + ":" + fmt.Sprintf("%04d", line) + ":" + rule
}
