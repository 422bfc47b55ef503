package jsts

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// The direct flattener gives exactly the cursor flattener's nodes on every
// fixture under every grammar (syntax errors included: a .ts file read as
// JavaScript has many).
func TestFastFlattenMatchesCursor(t *testing.T) {
	ts, tsx, js := grammars()
	if !fastFlatten {
		t.Fatal("the direct flattener disagrees with the cursor on the sample code: this tree-sitter's layout is not the one it reads")
	}
	var srcs [][]byte
	_ = filepath.WalkDir(filepath.Join("..", "..", "testdata", "js"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if _, ok := languageOf(p); ok {
				if src, err := os.ReadFile(p); err == nil {
					srcs = append(srcs, src)
				}
			}
		}
		return nil
	})
	for _, s := range flattenSamples {
		srcs = append(srcs, []byte(s))
	}
	if len(srcs) < 50 {
		t.Fatalf("only %d sources read", len(srcs))
	}
	var a, b flatBuf
	defer a.free()
	defer b.free()
	w := newWorker(context.Background())
	defer w.close()
	for _, g := range []*grammar{ts, tsx, js} {
		p := w.parser(g)
		for i, src := range srcs {
			if !sameFlat(p, g, src, &a, &b) {
				t.Fatalf("%s: source %d flattens differently:\n%s", g.name, i, src)
			}
		}
	}
}
