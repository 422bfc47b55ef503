package e2e

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// A labelled declaration of the holdout corpus: the lines it spans and the
// rules that must flag it (none for a negative).
type holdoutCase struct {
	file       string
	start, end int
	name       string
	rules      []string // empty: a negative
	shape      string
	found      map[string]int
	unexpected []finding
}

var holdoutRE = regexp.MustCompile(`^holdout: (pos|neg)((?: (?:release|singleton))*)\s*$`)

// holdoutCases reads the labels of testdata/holdout/go: a comment line
// `// holdout: pos release|singleton ...` or `// holdout: neg` in the doc
// comment of a top-level declaration, the next line naming the shape.
func holdoutCases(t *testing.T, mod string) []*holdoutCase {
	t.Helper()
	var cases []*holdoutCase
	fset := token.NewFileSet()
	err := filepath.WalkDir(mod, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(mod, path)
		for _, decl := range f.Decls {
			var doc *ast.CommentGroup
			name := ""
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				doc, name = decl.Doc, decl.Name.Name
				if decl.Recv != nil && len(decl.Recv.List) == 1 {
					name = types(decl.Recv.List[0].Type) + "." + name
				}
			case *ast.GenDecl:
				doc = decl.Doc
				if len(decl.Specs) > 0 {
					if vs, ok := decl.Specs[0].(*ast.ValueSpec); ok {
						name = vs.Names[0].Name
					}
				}
			}
			if doc == nil {
				continue
			}
			lines := strings.Split(doc.Text(), "\n")
			for i, line := range lines {
				m := holdoutRE.FindStringSubmatch(line)
				if m == nil {
					if strings.HasPrefix(line, "holdout:") {
						t.Errorf("%s: bad label %q", rel, line)
					}
					continue
				}
				c := &holdoutCase{
					file:  filepath.ToSlash(rel),
					start: fset.Position(decl.Pos()).Line,
					end:   fset.Position(decl.End()).Line,
					name:  name,
					rules: strings.Fields(m[2]),
					found: map[string]int{},
				}
				if (m[1] == "pos") != (len(c.rules) > 0) {
					t.Errorf("%s:%d: a positive names its rules, a negative none: %q", rel, c.start, line)
				}
				if i+1 < len(lines) {
					c.shape = lines[i+1]
				}
				cases = append(cases, c)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

func types(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "?"
}

// TestHoldoutCorpus runs connlint on testdata/holdout/go, a module written
// from RULES.md alone (without the analyzers' testdata in view), and
// tallies recall per rule and false positives from the labels. Every
// labelled positive must be flagged by its rules and nothing else may be.
func TestHoldoutCorpus(t *testing.T) {
	bin, mod := setupModule(t, "testdata", "holdout", "go")
	got := runFindings(t, bin, mod)

	cases := holdoutCases(t, mod)
	if len(cases) == 0 {
		t.Fatal("no labelled cases")
	}
	var stray []finding
	for _, f := range got.Findings {
		i := slices.IndexFunc(cases, func(c *holdoutCase) bool {
			return c.file == f.File && c.start <= f.Line && f.Line <= c.end
		})
		if i < 0 {
			stray = append(stray, f)
			continue
		}
		c := cases[i]
		if slices.Contains(c.rules, f.Rule) {
			c.found[f.Rule]++
		} else {
			c.unexpected = append(c.unexpected, f)
		}
	}

	type tally struct{ pos, hit, neg, negFlagged, fp int }
	byRule := map[string]*tally{"release": {}, "singleton": {}}
	negatives, negFlagged := 0, 0
	for _, c := range cases {
		where := fmt.Sprintf("%s:%d %s", c.file, c.start, c.name)
		for _, r := range c.rules {
			byRule[r].pos++
			switch n := c.found[r]; {
			case n == 0:
				t.Errorf("missed %s positive %s (%s)", r, where, c.shape)
			case n > 1:
				byRule[r].hit++
				t.Errorf("%d %s findings for one problem at %s (%s)", n, r, where, c.shape)
			default:
				byRule[r].hit++
			}
		}
		if len(c.rules) == 0 {
			negatives++
			if len(c.unexpected) > 0 {
				negFlagged++
			}
		}
		for _, f := range c.unexpected {
			byRule[f.Rule].fp++
			t.Errorf("false positive %s at %s:%d in %s (%s): %s", f.Rule, f.File, f.Line, c.name, c.shape, f.Message)
		}
	}
	for _, f := range stray {
		byRule[f.Rule].fp++
		t.Errorf("finding outside any labelled declaration: %s %s:%d: %s", f.Rule, f.File, f.Line, f.Message)
	}
	for _, r := range []string{"release", "singleton"} {
		x := byRule[r]
		t.Logf("%-9s recall %d/%d, false positives %d", r, x.hit, x.pos, x.fp)
	}
	t.Logf("negatives flagged %d/%d (%d labelled declarations, %d stray findings)", negFlagged, negatives, len(cases), len(stray))
}
