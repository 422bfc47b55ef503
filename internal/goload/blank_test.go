package goload

import (
	"bytes"
	"go/ast"
	"go/build"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBlankBodiesKeepsDeclarations parses real files (the standard
// library's, of every shape: generics, cgo-free syscall tables, assembly
// stubs, huge literal tables) as they are and with bodies blanked, and
// compares every top-level declaration: same names at the same positions,
// same types.
func TestBlankBodiesKeepsDeclarations(t *testing.T) {
	dirs := []string{"net/http", "go/types", "encoding/json", "reflect", "syscall", "crypto/tls", "internal/abi", "unicode", "slices", "iter", "sync/atomic", "text/template/parse"}
	files := 0
	for _, d := range dirs {
		pkg, err := build.Default.Import(d, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range pkg.GoFiles {
			files++
			path := filepath.Join(pkg.Dir, name)
			want := declarations(t, path, nil)
			src := readFile(t, path)
			blanked := blankBodies(src)
			if len(blanked) != len(src) || bytes.Count(blanked, []byte("\n")) != bytes.Count(src, []byte("\n")) {
				t.Fatalf("%s: blanking changed the size or the lines", path)
			}
			got := declarations(t, path, blanked)
			if got != want {
				t.Errorf("%s: declarations differ after blanking:\n%s", path, firstDiff(want, got))
			}
		}
	}
	if files < 100 {
		t.Fatalf("only %d files compared", files)
	}
}

func TestBlankBodiesShapes(t *testing.T) {
	src := `package p

// Doc is blanked.
//go:generate keep
func f(cb func() int) (x struct{ a int }) { return struct{ a int }{cb()} }

func g[T interface{ ~int }](v T) func() T { return func() T { return v } }

type F func(int) error

type S struct {
	cb func() // a field
	m  map[string]func()
}

var v = func() int { return 1 }()

func asm(x int)

func (s *S) m2() interface{ M() } { if true { return nil }; return nil }

var table = [...]func() int{func() int { return 7 }, nil}
`
	out := string(blankBodies([]byte(src)))
	for _, gone := range []string{"return struct", "return func", "return 1", "if true", "Doc is blanked", "a field", "return 7"} {
		if strings.Contains(out, gone) {
			t.Errorf("%q survived blanking:\n%s", gone, out)
		}
	}
	for _, kept := range []string{"//go:generate keep", "func f(cb func() int) (x struct{ a int }) {", "func g[T interface{ ~int }](v T) func() T {", "type F func(int) error", "cb func()", "m  map[string]func()", "func asm(x int)\n", "func (s *S) m2() interface{ M() } {", "var table = [...]func() int{func() int {", "}, nil}"} {
		if !strings.Contains(out, kept) {
			t.Errorf("%q lost by blanking:\n%s", kept, out)
		}
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "p.go", out, 0); err != nil {
		t.Errorf("blanked source does not parse: %v\n%s", err, out)
	}
}

// declarations prints a file's top-level declarations with positions:
// names, signatures, types, value types (not initial values, which may hold
// function literals).
func declarations(t *testing.T, path string, src []byte) string {
	t.Helper()
	fset := token.NewFileSet()
	var f *ast.File
	var err error
	if src == nil {
		f, err = parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	} else {
		f, err = parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
	}
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var b strings.Builder
	pr := func(n ast.Node) {
		b.WriteString(fset.Position(n.Pos()).String() + " ")
		_ = printer.Fprint(&b, fset, n)
		b.WriteString("\n")
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			pr(d.Name)
			if d.Recv != nil {
				pr(d.Recv)
			}
			pr(d.Type)
			b.WriteString(fset.Position(d.End()).String() + "\n")
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					pr(s.Name)
					pr(s.Type)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						pr(n)
					}
					if s.Type != nil {
						pr(s.Type)
					}
					b.WriteString(strings.Repeat("=", len(s.Values)) + "\n")
				case *ast.ImportSpec:
					pr(s.Path)
				}
			}
		}
	}
	return b.String()
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "want " + al[i] + "\n got " + bl[i]
		}
	}
	return "different lengths"
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
