package pools_test

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/pools"
)

// TestRealLibraries runs the analyzer on testdata/pools/go-service, a
// module that uses the real libraries, and checks the raw result of each
// package: what the code itself sets (the DSN and defaults are the
// inventory's business, internal/pools).
func TestRealLibraries(t *testing.T) {
	if testing.Short() {
		t.Skip("loads real libraries")
	}
	dir, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "pools", "go-service"))
	dl := exec.Command("go", "mod", "download")
	dl.Dir = dir
	if out, err := dl.CombinedOutput(); err != nil {
		t.Skipf("module cache cannot be filled: %v\n%s", err, out)
	}
	results := analysistest.Run(t, dir, pools.Analyzer, "./...")
	got := map[string]string{}
	var calls []string
	for _, r := range results {
		res := r.Result.(*pools.Result)
		for _, s := range res.Sites {
			at := fmt.Sprintf("%s:%d", filepath.Base(s.Pos.Filename), s.Pos.Line)
			d := fmt.Sprintf("%s %s %s", s.Call, s.Kind, s.Server)
			if s.Limit != nil {
				d += fmt.Sprintf(" limit=%d/%v", s.Limit.Max, s.Limit.Known)
			}
			if s.DSN != nil && s.DSN.Literal != "" {
				d += " dsn"
			}
			if s.Factory != "" {
				d += " factory=" + s.Factory
			}
			if s.Extra != nil {
				d += fmt.Sprintf(" extra=%d", s.Extra.Max)
			}
			if s.PerCall != "" {
				d += " per-call: " + s.PerCall
			}
			got[at] = d
		}
		for _, c := range res.Calls {
			calls = append(calls, c.Func)
		}
	}
	want := map[string]string{
		"store.go:20":  "sql.Open pool postgres limit=25/true factory=example.com/orders/internal/store.Open",
		"pool.go:8":    "sql.Open pool postgres limit=0/false factory=example.com/orders/internal/store.NewPool",
		"gorm.go:15":   "gorm.Open pool postgres limit=9/true factory=example.com/orders/internal/store.OpenCatalog",
		"pgpool.go:21": "pgxpool.New pool postgres dsn factory=example.com/orders/internal/pgpool.Open",
		"pgpool.go:30": "pgxpool.NewWithConfig pool postgres limit=8/true factory=example.com/orders/internal/pgpool.Open",
		"pgpool.go:34": "pgx.Connect connection postgres factory=example.com/orders/internal/pgpool.Open",
		"cache.go:8":   "redis.NewClient pool redis limit=16/true factory=example.com/orders/internal/cache.New extra=10",
		"jobs.go:18":   "sql.Open pool mysql",
		"report.go:12": "sql.Open pool postgres limit=2/true per-call: in an HTTP handler",
		"jobs.go:24":   "mongo.Connect pool mongodb limit=40/true factory=example.com/orders/internal/jobs.Archive",
	}
	for at, w := range want {
		if got[at] != w {
			t.Errorf("%s: got %q, want %q", at, got[at], w)
		}
	}
	for at := range got {
		if _, ok := want[at]; !ok {
			t.Errorf("unexpected site %s: %s", at, got[at])
		}
	}
	slices.Sort(calls)
	if strings.Join(calls, " ") != "example.com/orders/internal/cache.New example.com/orders/internal/cache.New example.com/orders/internal/jobs.Archive example.com/orders/internal/pgpool.Open example.com/orders/internal/store.NewPool example.com/orders/internal/store.Open example.com/orders/internal/store.OpenCatalog" {
		t.Errorf("factory calls: %q", calls)
	}
}
