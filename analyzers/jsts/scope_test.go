package jsts

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/connlint/connlint/bench/jsts/gen"
)

// scanLookup and scanReferences are the definitions the resolution table
// must agree with: the innermost live binding of the name whose scope
// holds the node, and every identifier of the scope that resolves so.
func scanLookup(f *File, id int32) *Binding {
	return f.innermost(f.names[f.Text(id)], id)
}

func scanReferences(f *File, b *Binding) []int32 {
	var out []int32
	for i := b.Scope; i < f.se[b.Scope]; i++ {
		k := f.N[i].Kind
		if (k == KIdentifier || k == KShorthandPropertyIdentifier) && i != b.Decl && f.textIs(i, b.Name) &&
			scanLookup(f, i) == b && !f.inType(i) {
			out = append(out, i)
		}
	}
	return out
}

// checkResolution compares the table with the scans on every identifier
// and binding of f, and the enclosing-function table with a climb.
func checkResolution(t *testing.T, name string, f *File) {
	t.Helper()
	for i := range f.N {
		id := int32(i)
		if resolvable(f.N[i].Kind) {
			if got, want := f.Lookup(id), scanLookup(f, id); got != want {
				t.Fatalf("%s: node %d %q resolves to %v, the scan to %v", name, i, f.Text(id), got, want)
			}
		}
		want := int32(-1)
		for p := f.N[i].Parent; p >= 0; p = f.N[p].Parent {
			if isFunc(f.N[p].Kind) {
				want = p
				break
			}
		}
		if got := f.EnclosingFunc(id); got != want {
			t.Fatalf("%s: node %d: enclosing function %d, want %d", name, i, got, want)
		}
	}
	for _, b := range f.Bindings {
		if b.dead {
			continue
		}
		if got, want := f.References(b), scanReferences(f, b); !slices.Equal(got, want) {
			t.Fatalf("%s: references of %s at %d: %v, want %v", name, b.Name, b.Decl, got, want)
		}
	}
}

// The resolution table answers exactly what scanning the bindings of a
// name and the nodes of a scope answered, on every fixture and on
// minified code where the same names are declared in every function.
func TestResolutionTableMatchesScan(t *testing.T) {
	w := newWorker(context.Background())
	defer w.close()
	n := 0
	check := func(name string, src []byte) {
		f, err := w.parse(context.Background(), "/x/"+filepath.Base(name), name, src)
		if err != nil {
			return
		}
		f.index()
		checkResolution(t, name, f)
		n++
	}
	for _, dir := range []string{"js", "holdout"} {
		_ = filepath.WalkDir(filepath.Join("..", "..", "testdata", dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if _, ok := languageOf(p); ok {
					if src, err := os.ReadFile(p); err == nil {
						check(p, src)
					}
				}
			}
			return nil
		})
	}
	for _, s := range flattenSamples {
		check("sample.ts", []byte(s))
	}
	check("bundle.js", gen.Minified(64<<10, 3))
	check("shadow.js", []byte(`var e = 1; function f(e) { var e; { let e = 2; (e => e)(e) } try {} catch (e) { e } return e }
for (const e of e) { e } class C { m(e) { const { e: t, ...r } = e; return t + r } } var e = 3; e`))
	if n < 100 {
		t.Fatalf("only %d files checked", n)
	}
}

// A file over the size bound is not parsed: it is listed in the errors
// with the reason, whatever the machine's load, and the other files are
// still checked.
func TestSizeBound(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, src []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("package.json", []byte(`{"name":"b","dependencies":{"pg":"8"}}`))
	write("bundle.js", gen.Minified(maxSourceBytes+1, 1))
	write("handler.js", []byte("const { Pool } = require('pg')\nexports.handler = async () => {\n  const pool = new Pool()\n  return pool.query('select 1')\n}\n"))
	res := Run(context.Background(), []string{"./..."}, Options{WorkDir: dir})
	if len(res.Errors) != 1 || res.Errors[0].File != "bundle.js" || !strings.Contains(res.Errors[0].Message, "over the 4 MB limit") {
		t.Errorf("errors: %+v", res.Errors)
	}
	if len(res.Findings) != 1 || res.Findings[0].File != "handler.js" {
		t.Errorf("findings: %+v", res.Findings)
	}
	// The bound is an option.
	small := Run(context.Background(), []string{"handler.js"}, Options{WorkDir: dir, MaxFileBytes: 50})
	if len(small.Errors) != 1 || small.Errors[0].File != "handler.js" || len(small.Findings) != 0 {
		t.Errorf("a 50-byte bound: %+v", small)
	}
}
