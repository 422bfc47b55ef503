package jsts

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/diag"
)

// A want is an expectation written beside the code in a fixture:
//
//	new PrismaClient() // want: singleton "route handler" release
//
// Each rule name may be followed by a quoted substring of its message.
type want struct {
	file string
	line int
	rule string
	sub  string
	hit  bool
}

var wantRe = regexp.MustCompile(`want:\s*(.*)`)
var wantItem = regexp.MustCompile(`(singleton|release)(?:\s+"([^"]*)")?`)

func readWants(t *testing.T, root string) []*want {
	var out []*want
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if _, ok := languageOf(path); !ok {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for i, line := range strings.Split(string(data), "\n") {
			m := wantRe.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			text := strings.TrimSuffix(strings.TrimSpace(m[1]), "*/")
			text = strings.TrimSuffix(strings.TrimSpace(text), "}")
			for _, it := range wantItem.FindAllStringSubmatch(text, -1) {
				out = append(out, &want{file: filepath.ToSlash(rel), line: i + 1, rule: it[1], sub: it[2]})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// runFixture runs the engine on a fixture project the way the CLI would:
// its own .connlint.yml if it has one, paths relative to the project.
func runFixture(t *testing.T, root string) diag.Result {
	t.Helper()
	cfg, err := config.Discover(root, "")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.File != "" && filepath.Dir(cfg.File) != root {
		cfg = config.Default(root)
	}
	return Run(context.Background(), []string{"./..."}, Options{Config: cfg, WorkDir: root})
}

// TestFixtures checks every project under testdata/js: each finding has a
// want on its line and each want a finding.
func TestFixtures(t *testing.T) {
	base := filepath.Join("..", "..", "testdata", "js")
	entries, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		root, _ := filepath.Abs(filepath.Join(base, e.Name()))
		t.Run(e.Name(), func(t *testing.T) {
			wants := readWants(t, root)
			total += len(wants)
			res := runFixture(t, root)
			if e.Name() != "broken" {
				for _, er := range res.Errors {
					t.Errorf("error: %s: %s", er.File, er.Message)
				}
			}
			for _, fd := range res.Findings {
				ok := false
				for _, w := range wants {
					if w.hit || w.file != fd.File || w.line != fd.Line || w.rule != fd.Rule {
						continue
					}
					if w.sub != "" && !strings.Contains(fd.Message, w.sub) {
						continue
					}
					w.hit, ok = true, true
					break
				}
				if !ok {
					t.Errorf("unexpected %s:%d:%d: %s (%s)", fd.File, fd.Line, fd.Column, fd.Message, fd.Rule)
				}
			}
			for _, w := range wants {
				if !w.hit {
					msg := ""
					if w.sub != "" {
						msg = fmt.Sprintf(" %q", w.sub)
					}
					t.Errorf("missing %s:%d: %s%s", w.file, w.line, w.rule, msg)
				}
			}
		})
	}
	t.Logf("%d expectations", total)
}

// fixtureFiles lists a fixture's source files (for the case count).
func fixtureFiles(root string) []string {
	var out []string
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if _, ok := languageOf(p); ok {
				out = append(out, p)
			}
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// TestBrokenFiles: a file that does not parse at all, and a binary file,
// are listed in errors; the rules still run on a file with partial errors.
func TestBrokenFiles(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "js", "broken"))
	res := runFixture(t, root)
	var got []string
	for _, e := range res.Errors {
		got = append(got, e.File)
	}
	want := []string{"src/blob.js", "src/garbage.ts"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("errors = %v, want %v", got, want)
	}
}
