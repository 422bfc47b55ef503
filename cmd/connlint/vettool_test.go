package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// copyFixture copies testdata/integrations/<name> to a temp dir.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	from := filepath.Join("..", "..", "testdata", "integrations", name)
	to := filepath.Join(t.TempDir(), name)
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// markers returns file:line:rule for every `// want-e2e: rule` below dir.
func markers(t *testing.T, dir string) []string {
	t.Helper()
	re := regexp.MustCompile(`// want-e2e: ([a-z, ]+)`)
	var keys []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				for _, r := range strings.Split(m[1], ",") {
					keys = append(keys, fmt.Sprintf("%s:%d:%s", filepath.ToSlash(rel), n, strings.TrimSpace(r)))
				}
			}
		}
		return nil
	})
	slices.Sort(keys)
	return keys
}

// TestGoVetVettool runs `go vet -vettool=connlint` on the fixture module:
// go vet drives the binary through the unitchecker protocol package by
// package, so the finding in api (a wrapper in store returns the rows)
// needs the facts store's run exported.
func TestGoVetVettool(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	mod := copyFixture(t, "gomod")
	cmd := exec.Command("go", "vet", "-vettool="+binary, "-json", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go vet -json: %v\n%s", err, stderr.String())
	}
	// -json: a stream of {"pkg": {"analyzer": [diagnostics]}} objects,
	// with "# pkg" comment lines between them.
	var clean bytes.Buffer
	for _, line := range strings.SplitAfter(stderr.String(), "\n") {
		if !strings.HasPrefix(line, "#") {
			clean.WriteString(line)
		}
	}
	dec := json.NewDecoder(&clean)
	got := []string{}
	for {
		var obj map[string]map[string][]struct {
			Posn    string `json:"posn"`
			Message string `json:"message"`
		}
		if err := dec.Decode(&obj); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go vet -json output: %v\n%s", err, stderr.String())
		}
		for _, byAnalyzer := range obj {
			for rule, diags := range byAnalyzer {
				for _, d := range diags {
					m := regexp.MustCompile(`^(.*):(\d+):\d+$`).FindStringSubmatch(d.Posn)
					if m == nil {
						t.Fatalf("position %q", d.Posn)
					}
					rel, _ := filepath.Rel(mod, m[1])
					got = append(got, filepath.ToSlash(rel)+":"+m[2]+":"+rule)
				}
			}
		}
	}
	slices.Sort(got)
	if want := markers(t, mod); !slices.Equal(got, want) {
		t.Errorf("go vet -vettool found\n  %v\nthe // want-e2e: markers say\n  %v", got, want)
	}
	if !slices.Contains(got, "api/api.go:22:release") {
		t.Error("the rows store.Recent returns were not tracked: facts did not cross packages")
	}

	// Without -json: the usual file:line:col: message lines and a failing
	// exit status, as CI needs.
	cmd = exec.Command("go", "vet", "-vettool="+binary, "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() == 0 {
		t.Errorf("go vet with findings: %v, want a failing exit status", err)
	}
	if !strings.Contains(string(out), "api/api.go:62:15: sql.Open builds") {
		t.Errorf("go vet output:\n%s", out)
	}

	// The standalone binary agrees with go vet.
	lintOut, _, _ := connlint(t, mod, "--format", "json", "./...")
	standalone := []string{}
	for _, f := range findingsOf(t, lintOut) {
		standalone = append(standalone, fmt.Sprintf("%s:%d:%s", f.File, f.Line, f.Rule))
	}
	slices.Sort(standalone)
	if !slices.Equal(got, standalone) {
		t.Errorf("go vet and connlint disagree\nvet:      %v\nconnlint: %v", got, standalone)
	}
}
