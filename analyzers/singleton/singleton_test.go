package singleton_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/singleton"
)

func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSingleton(t *testing.T) {
	analysistest.Run(t, testdata(t), singleton.Analyzer,
		"singleton/handlers", "singleton/loops", "singleton/shortlived", "singleton/cli", "singleton/more",
		"singleton/wrappers/...", "singleton/app/...", "singleton/cmdmain",
		"singleton/frameworks", "singleton/lookalike/...", "singleton/pkgvars", "singleton/funcvars",
		"singleton/percall/...")
}

// Configured singleton paths apply everywhere: a construction outside them
// is reported, one inside is not.
func TestSingletonConfigured(t *testing.T) {
	dir := filepath.Join(testdata(t), "src", "singleton", "configured")
	cfg, err := config.Parse(filepath.Join(dir, ".connlint.yml"), []byte("singleton: [internal/db/**]\n"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata(t), singleton.New(cfg), "singleton/configured/...")
}
