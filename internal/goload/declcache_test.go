package goload

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
)

// stdUser leans on the standard library's types across package lines:
// interfaces met by another package's types, errors compared, a handler
// type, generics, an embedded type. Had a package read from the cache
// objects of its own in place of its dependencies', this would not
// type-check.
const stdUser = `package app

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"slices"
	"sync"
)

var _ io.Reader = (*bytes.Buffer)(nil)
var _ http.Handler = http.HandlerFunc(Serve)

type guarded struct {
	sync.Mutex
	db *sql.DB
}

func Serve(w http.ResponseWriter, r *http.Request) {
	g := guarded{}
	g.Lock()
	defer g.Unlock()
	row := g.db.QueryRowContext(r.Context(), "SELECT 1")
	var n int
	if err := row.Scan(&n); errors.Is(err, sql.ErrNoRows) || errors.Is(err, context.Canceled) {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	io.Copy(w, bytes.NewReader(slices.Repeat([]byte("x"), n)))
}

func Count(ctx context.Context, db *sql.DB) int {
	rows, _ := db.QueryContext(ctx, "SELECT 1")
	defer rows.Close()
	return len(Serve2(ctx))
}

func Serve2(ctx context.Context) []string { return slices.Sorted(slices.Values([]string{"b", "a"})) }
`

// TestDeclCache: a second run reads the standard library packages the
// first checked for declarations only, type-checks and analyzes the root
// against them exactly as before; another salt reads nothing, and a
// damaged entry is checked from source again.
func TestDeclCache(t *testing.T) {
	dir := writeModule(t, map[string]string{"app/app.go": stdUser})
	cache := t.TempDir()
	run := func(salt string) ([]string, Stats) {
		t.Helper()
		cfg := Config{Dir: dir, Analyzers: []*analysis.Analyzer{countFuncs}, Full: func(*Unit) bool { return false },
			DeclCache: &DeclCache{Dir: cache, Salt: []byte(salt)}}
		roots, fset, stats, err := Run(cfg, "./app")
		if err != nil {
			t.Fatal(err)
		}
		if len(roots) != 1 || roots[0].Err != nil || len(roots[0].Pkg.Errors) != 0 {
			t.Fatalf("salt %s: root %+v", salt, roots[0].Pkg.Errors)
		}
		var got []string
		for _, d := range roots[0].Diagnostics {
			got = append(got, fset.Position(d.Pos).String()+" "+d.Message)
		}
		return got, stats
	}
	first, stats := run("a")
	if stats.Cached != 0 {
		t.Fatalf("an empty cache served %d packages", stats.Cached)
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "*"))
	if len(entries) < 50 {
		t.Fatalf("%d entries after a run over %d packages", len(entries), stats.Packages)
	}
	second, stats := run("a")
	if stats.Cached != len(entries) || !slices.Equal(first, second) {
		t.Errorf("second run: %d of %d entries read; diagnostics %v, first %v", stats.Cached, len(entries), second, first)
	}
	if _, stats := run("b"); stats.Cached != 0 {
		t.Errorf("another salt read %d entries", stats.Cached)
	}
	if err := os.WriteFile(entries[0], []byte("i garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stats := run("a"); stats.Cached == 0 {
		t.Errorf("one damaged entry and nothing read (%+v)", stats)
	}
}

// TestDeclCacheOnlyStandardLibrary: packages of the module and roots are
// never stored.
func TestDeclCacheOnlyStandardLibrary(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"lib/lib.go": "package lib\n\nimport \"strings\"\n\nfunc F() string { return strings.ToUpper(\"x\") }\n",
		"app/app.go": "package app\n\nimport \"example.com/m/lib\"\n\nvar X = lib.F()\n",
	})
	cache := t.TempDir()
	cfg := Config{Dir: dir, Analyzers: []*analysis.Analyzer{countFuncs}, Full: func(*Unit) bool { return false },
		DeclCache: &DeclCache{Dir: cache, Salt: []byte("s")}}
	for range 2 {
		if _, _, _, err := Run(cfg, "./app"); err != nil {
			t.Fatal(err)
		}
	}
	_, _, stats, err := Run(cfg, "./app")
	if err != nil {
		t.Fatal(err)
	}
	// app (root) and lib (the module's) are checked; strings and what it
	// imports come from the cache.
	if want := stats.Packages - 2 - 1; stats.Cached != want { // unsafe is never stored
		t.Errorf("cached %d of %d packages, want %d", stats.Cached, stats.Packages, want)
	}
}

// TestDeclCacheTrim: entries unused for longer than the age go, a fresh
// one and one a run has just read stay, and a second Trim within the day
// does not walk the folder again.
func TestDeclCacheTrim(t *testing.T) {
	dir := writeModule(t, map[string]string{"app/app.go": "package app\n\nimport \"strings\"\n\nvar X = strings.ToUpper(\"x\")\n"})
	c := &DeclCache{Dir: t.TempDir(), Salt: []byte("s")}
	cfg := Config{Dir: dir, Analyzers: []*analysis.Analyzer{countFuncs}, Full: func(*Unit) bool { return false }, DeclCache: c}
	if _, _, _, err := Run(cfg, "./app"); err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(c.Dir, "*", "*"))
	if len(entries) < 5 {
		t.Fatalf("%d entries", len(entries))
	}
	old := time.Now().Add(-48 * time.Hour)
	for _, e := range entries {
		if err := os.Chtimes(e, old, old); err != nil {
			t.Fatal(err)
		}
	}
	stale := filepath.Join(c.Dir, "ab", "stale")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(stale, []byte("i"), 0o644)
	os.Chtimes(stale, old, old)
	// A run reads (and so touches) every entry but the stale one.
	if _, _, stats, err := Run(cfg, "./app"); err != nil || stats.Cached != len(entries) {
		t.Fatalf("second run: %d of %d read, %v", stats.Cached, len(entries), err)
	}
	c.Trim(24 * time.Hour)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("an entry unused for two days stayed (%v)", err)
	}
	for _, e := range entries {
		if _, err := os.Stat(e); err != nil {
			t.Errorf("an entry read just now was removed: %v", err)
		}
	}
	os.WriteFile(stale, []byte("i"), 0o644)
	os.Chtimes(stale, old, old)
	c.Trim(24 * time.Hour)
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("a second Trim the same day walked the folder again: %v", err)
	}
}
