package factscope_test

import (
	"fmt"
	"go/token"
	"go/types"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/factscope"
	"github.com/connlint/connlint/analyzers/release"
	"github.com/connlint/connlint/analyzers/singleton"
	"github.com/connlint/connlint/internal/goload"
)

// modules are real module trees of the repository: the end-to-end module
// on the real libraries (pgx, sqlx, go-redis, mongo, gorm) and the blind
// holdout corpus (plus gin and echo). The monorepo's API module was a third
// until it was found to add nothing but time: its dependencies are all
// standard library packages these two import too, and the screen answers
// per package, the same in any module; its own packages are roots, always
// checked in full.
var modules = []string{"testdata/e2e/gomod", "testdata/holdout/go"}

// TestScreenCoversFacts loads each module twice: every package in full, as
// go/analysis/checker would, and with the screen deciding. Every package in
// which the full run exported a fact must have been checked in full by the
// lean run (facts on what other packages cannot name excepted), and both
// runs must report the same diagnostics.
func TestScreenCoversFacts(t *testing.T) {
	if testing.Short() {
		t.Skip("loads real libraries")
	}
	for _, mod := range modules {
		t.Run(filepath.Base(filepath.Dir(mod))+"/"+filepath.Base(mod), func(t *testing.T) {
			dir := filepath.Join("..", "..", mod)
			if out, err := exec.Command("go", "-C", dir, "mod", "download").CombinedOutput(); err != nil {
				t.Skipf("module cache for %s cannot be filled: %v\n%s", mod, err, out)
			}
			facts := map[string]bool{}
			var mu sync.Mutex
			full := run(t, dir, nil, nil, func(obj types.Object, _ analysis.Fact) {
				if !obj.Exported() {
					return // no other package can call it
				}
				mu.Lock()
				facts[obj.Pkg().Path()] = true
				mu.Unlock()
			})
			// The lean run fills a standard library declarations cache;
			// a second reads it: both must match the full run.
			cache := &goload.DeclCache{Dir: t.TempDir(), Salt: []byte("screen test")}
			lean := run(t, dir, factscope.New(nil), cache, nil)
			cached := run(t, dir, factscope.New(nil), cache, nil)
			if cached.stats.Cached == 0 || !slices.Equal(full.diags, cached.diags) {
				t.Errorf("with the declarations cache (%d packages read), diagnostics differ:\nfull\n%v\ncached\n%v", cached.stats.Cached, full.diags, cached.diags)
			}
			var missed []string
			for path := range facts {
				if !lean.stats.FullPaths[path] {
					missed = append(missed, path)
				}
			}
			sort.Strings(missed)
			if len(missed) > 0 {
				t.Errorf("facts were exported in packages the screen let go: %v", missed)
			}
			if !slices.Equal(full.diags, lean.diags) {
				t.Errorf("diagnostics differ:\nfull\n%v\nlean\n%v", full.diags, lean.diags)
			}
			if len(full.diags) == 0 {
				t.Errorf("no diagnostics at all: the comparison proves nothing")
			}
			t.Logf("%d packages, %d with facts, %d checked in full by the lean run, %d read from the cache by the next; %d diagnostics", lean.stats.Packages, len(facts), lean.stats.Full, cached.stats.Cached, len(lean.diags))
		})
	}
}

type outcome struct {
	stats goload.Stats
	diags []string
}

func run(t *testing.T, dir string, scope *factscope.Scope, cache *goload.DeclCache, onFact func(types.Object, analysis.Fact)) outcome {
	t.Helper()
	cfg := goload.Config{Dir: dir, Analyzers: []*analysis.Analyzer{singleton.New(nil), release.New(nil)}, OnFact: onFact, DeclCache: cache}
	if scope != nil {
		scope.Screen(&cfg)
	}
	roots, fset, stats, err := goload.Run(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var diags []string
	for _, r := range roots {
		if len(r.Pkg.Errors) > 0 || r.Err != nil {
			t.Errorf("%s: %v %v", r.Pkg.PkgPath, r.Pkg.Errors, r.Err)
		}
		for _, d := range r.Diagnostics {
			diags = append(diags, describe(fset, d))
		}
	}
	sort.Strings(diags)
	return outcome{stats, diags}
}

func describe(fset *token.FileSet, d goload.Diagnostic) string {
	s := fmt.Sprintf("%s %s: %s", fset.Position(d.Pos), d.Analyzer.Name, d.Message)
	for _, r := range d.Related {
		s += fmt.Sprintf(" [%s %s]", fset.Position(r.Pos), r.Message)
	}
	return s
}
