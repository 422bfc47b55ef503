package jsts

import (
	"path/filepath"
	"testing"
)

// TestRelatedNamesCachedSingleton: with a cached client and an exported,
// uncached secondary one (a read-replica client built by a factory at
// module scope) in the singleton module, findings elsewhere name the
// cached one.
func TestRelatedNamesCachedSingleton(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "js", "monorepo-readonly"))
	res := runFixture(t, root)
	n := 0
	for _, f := range res.Findings {
		if f.Rule != "singleton" {
			continue
		}
		n++
		if len(f.Related) != 1 || f.Related[0].File != "packages/prisma/index.ts" || f.Related[0].Line != 10 {
			t.Errorf("%s:%d: related %+v, want packages/prisma/index.ts:10 (the cached baseClient)", f.File, f.Line, f.Related)
		}
	}
	if n != 2 {
		t.Errorf("%d singleton findings, want 2: %+v", n, res.Findings)
	}
}

// TestRelatedNamesExportedClient: a module that keeps its client private
// (a cache of a wrapper) or exports an object that only holds one is
// never named; the module exporting its cached client is.
func TestRelatedNamesExportedClient(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "js", "redis-app"))
	res := runFixture(t, root)
	for _, f := range res.Findings {
		if f.Rule != "singleton" || len(f.Related) == 0 {
			continue
		}
		if f.Related[0].File != "lib/redis.ts" || f.Related[0].Line != 8 {
			t.Errorf("%s:%d: related %+v, want lib/redis.ts:8", f.File, f.Line, f.Related)
		}
	}
}
