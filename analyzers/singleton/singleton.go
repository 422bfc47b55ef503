// Package singleton is connlint's `singleton` rule for Go (RULES.md). Work in progress.
package singleton

import (
	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/config"
)

// Analyzer discovers the config from each package's folder.
var Analyzer = New(nil)

// New returns the analyzer with a fixed config (nil: discover it).
func New(cfg *config.Config) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "singleton",
		Doc:  "connlint rule singleton",
		Run:  func(*analysis.Pass) (any, error) { return nil, nil },
	}
}
