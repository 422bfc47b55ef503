package release_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/release"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRelease(t *testing.T) {
	analysistest.Run(t, testdata(t), release.Analyzer, "release/...")
}

func TestReleaseFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, testdata(t), release.Analyzer, "release/fix")
}
