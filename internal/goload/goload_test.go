package goload

import (
	"go/ast"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// countFuncs exports a fact on every function and reports, on every call
// of a function with a fact from another package, the fact: enough to see
// which packages were analyzed and that facts reach importers.
var countFuncs = &analysis.Analyzer{
	Name:      "countfuncs",
	Doc:       "test analyzer",
	FactTypes: []analysis.Fact{new(seen)},
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncDecl:
					pass.ExportObjectFact(pass.TypesInfo.Defs[n.Name], &seen{Pkg: pass.Pkg.Path()})
				case *ast.SelectorExpr:
					var s seen
					if obj := pass.TypesInfo.Uses[n.Sel]; obj != nil && pass.ImportObjectFact(obj, &s) {
						pass.Reportf(n.Pos(), "fact from %s", s.Pkg)
					}
				}
				return true
			})
		}
		return nil, nil
	},
	ResultType: reflect.TypeOf(nil),
}

type seen struct{ Pkg string }

func (*seen) AFact() {}

func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26.0\n"
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFactsFlowAndSyntaxIsDropped: a dependency checked in full exports
// facts its importer reads; one checked for its declarations only is not
// analyzed; no syntax or type information outlives the run.
func TestFactsFlowAndSyntaxIsDropped(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"lib/lib.go":     "package lib\n\nfunc F() int { return 1 }\n",
		"plain/plain.go": "package plain\n\nfunc G() int { x := 1; return x }\n",
		"app/app.go":     "package app\n\nimport (\n\t\"example.com/m/lib\"\n\t\"example.com/m/plain\"\n)\n\nfunc Run() int { return lib.F() + plain.G() }\n",
	})
	cfg := Config{Dir: dir, Analyzers: []*analysis.Analyzer{countFuncs},
		Full: func(u *Unit) bool { return u.Meta.PkgPath == "example.com/m/lib" }}
	roots, fset, stats, err := Run(cfg, "./app")
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 1 || roots[0].Err != nil || len(roots[0].Pkg.Errors) != 0 {
		t.Fatalf("roots %+v", roots)
	}
	var got []string
	for _, d := range roots[0].Diagnostics {
		got = append(got, fset.Position(d.Pos).String()+" "+d.Message)
	}
	if len(got) != 1 || !strings.HasSuffix(got[0], "app.go:8:25 fact from example.com/m/lib") {
		t.Errorf("diagnostics %v; want one fact from lib (plain, declarations only, exports none)", got)
	}
	if !stats.FullPaths["example.com/m/lib"] || stats.FullPaths["example.com/m/plain"] || !stats.FullPaths["example.com/m/app"] {
		t.Errorf("checked in full: %v", stats.FullPaths)
	}
	if p := roots[0].Pkg; p.Syntax != nil || p.TypesInfo != nil || p.Types == nil || !p.Types.Complete() {
		t.Errorf("root keeps syntax %v, info %v, types %v", p.Syntax != nil, p.TypesInfo != nil, p.Types)
	}
}

// TestBrokenDependency: a root whose dependency does not type-check is not
// analyzed and says why, as go/analysis/checker does; a dependency checked
// for its declarations only does not complain about its bodies.
func TestBrokenDependency(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"bad/bad.go":   "package bad\n\nvar V int = \"no\"\n",
		"loose/l.go":   "package loose\n\nimport \"strings\"\n\nfunc L() int { return strings.Index(\"a\", \"b\") }\n",
		"app/app.go":   "package app\n\nimport \"example.com/m/bad\"\n\nvar X = bad.V\n",
		"other/o.go":   "package other\n\nimport \"example.com/m/loose\"\n\nvar Y = loose.L()\n",
		"other/o2.go":  "package other\n",
		"unused/u.go":  "package unused\n",
		"unused/u2.go": "package unused\n\nfunc U() {}\n",
	})
	cfg := Config{Dir: dir, Analyzers: []*analysis.Analyzer{countFuncs}, Full: func(*Unit) bool { return false }}
	roots, _, _, err := Run(cfg, "./app", "./other")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range roots {
		switch r.Pkg.PkgPath {
		case "example.com/m/app":
			if r.Err == nil || !strings.Contains(r.Err.Error(), "failed prerequisites: countfuncs@example.com/m/bad") {
				t.Errorf("app: %v", r.Err)
			}
		case "example.com/m/other":
			if r.Err != nil || len(r.Pkg.Errors) != 0 {
				t.Errorf("other: %v %v", r.Err, r.Pkg.Errors)
			}
		}
	}
}
