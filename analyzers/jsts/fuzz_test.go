package jsts

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/bench/jsts/gen"
)

// FuzzEngine feeds arbitrary bytes to the whole per-file engine (parse,
// flatten, index, both rules, suppressions) under each grammar: no panic,
// no crash, no hang, both flatteners give the same nodes, and the
// resolution table answers what scanning answers. The seed corpus (the
// fixtures, a minified bundle and a few odd inputs) runs as a normal
// test.
func FuzzEngine(f *testing.F) {
	if _, _, _ = grammars(); !fastFlatten {
		f.Fatal("the direct flattener is off: it disagreed with the cursor on the sample code")
	}
	base := filepath.Join("..", "..", "testdata", "js")
	_ = filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if _, ok := languageOf(p); ok {
				if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 {
					f.Add(data, uint8(0))
					f.Add(data, uint8(2))
				}
			}
		}
		return nil
	})
	f.Add(gen.Minified(16<<10, 7), uint8(2))
	for _, s := range []string{
		"", "\x00", "#!/usr/bin/env node\n", "await using x = await p.getConnection()",
		"using", "await using", "new", "new new new", "import(", "require('pg')(", "export * from",
		"const { a: { b: [c] } } = require('pg')", "((((((((((((((((((((", "`${`${`${", "/* unterminated",
		"class A { constructor() { this.p = new (require('pg').Pool)() } }",
		"main().then().catch().finally()", "try {} finally {}", "for(;;){}", "label: for(;;) { break label }",
		"<div>{/* connlint-ignore */}</div>", "//nolint:connlint/release,connlint/singleton\n",
	} {
		for g := uint8(0); g < 3; g++ {
			f.Add([]byte(s), g)
		}
	}
	cfg := config.Default(".")
	p := &project{cfg: cfg, cat: newJSCatalog(cfg.Catalog()), fs: newFSCache(), sums: map[string]*Summary{}, phase2: true}
	p.finishPhase1()
	w := newWorker(context.Background())
	f.Cleanup(w.close)
	var fa, fb flatBuf
	f.Cleanup(fa.free)
	f.Cleanup(fb.free)
	names := []string{"/fuzz/app/api/x/route.ts", "/fuzz/page.tsx", "/fuzz/scripts/seed.mjs"}
	f.Fuzz(func(t *testing.T, src []byte, g uint8) {
		start := time.Now()
		if dump := os.Getenv("JSTS_FUZZ_SLOW"); dump != "" {
			done := make(chan struct{})
			defer close(done)
			go func() {
				select {
				case <-done:
				case <-time.After(5 * time.Second):
					_ = os.WriteFile(dump, src, 0o644)
					buf := make([]byte, 1<<20)
					n := runtime.Stack(buf, true)
					_ = os.WriteFile(dump+".stack", buf[:n], 0o644)
				}
			}()
		}
		defer func() {
			if d := time.Since(start); d > time.Second && os.Getenv("JSTS_FUZZ_SLOW") != "" {
				_ = os.WriteFile(os.Getenv("JSTS_FUZZ_SLOW"), src, 0o644)
				t.Logf("slow input: %s", d)
			}
		}()
		if gr := grammarsList()[int(g)%3]; !sameFlat(w.parser(gr), gr, src, &fa, &fb) {
			t.Fatalf("%s: the direct and the cursor flatteners disagree", gr.name)
		}
		name := names[int(g)%len(names)]
		file, err := w.parse(context.Background(), name, name[1:], src)
		if err != nil {
			return
		}
		file.index()
		checkResolution(t, name, file)
		_ = checkFile(file, p, Analyzers)
		a := newAnalysis(file, p)
		_ = a.summarize()
	})
}
