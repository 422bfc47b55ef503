package release_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/factscope"
	"github.com/connlint/connlint/analyzers/release"
	"github.com/connlint/connlint/analyzers/singleton"
	"github.com/connlint/connlint/internal/goload"
)

// lintGOPATH runs both analyzers, built as the CLI builds them (New(nil)),
// on pattern in GOPATH mode with the CLI's lean loader (the standard
// library checked for its declarations where no fact can arise; the
// factscope test holds that to a full load). It returns each finding as
// "file:line: rule" by root package path; a package error or analyzer
// failure fails the test.
func lintGOPATH(t *testing.T, gopath []string, dir, pattern string) map[string][]string {
	t.Helper()
	cfg := goload.Config{
		Dir:       dir,
		Env:       []string{"GOPATH=" + strings.Join(gopath, string(filepath.ListSeparator)), "GO111MODULE=off", "GOWORK=off", "GOFLAGS=-mod=mod"},
		Analyzers: []*analysis.Analyzer{singleton.New(nil), release.New(nil)},
	}
	factscope.New(nil).Screen(&cfg)
	roots, fset, _, err := goload.Run(cfg, pattern)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, r := range roots {
		for _, e := range r.Pkg.Errors {
			t.Errorf("%s: %v", r.Pkg.PkgPath, e)
		}
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Pkg.PkgPath, r.Err)
		}
		for _, d := range r.Diagnostics {
			pos := fset.Position(d.Pos)
			got[r.Pkg.PkgPath] = append(got[r.Pkg.PkgPath], fmt.Sprintf("%s:%d: %s", filepath.Base(pos.Filename), pos.Line, d.Analyzer.Name))
		}
	}
	return got
}
