// Package release is connlint's `release` rule for Go (RULES.md). Work in progress.
package release

import (
	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/config"
)

// Analyzer discovers the config from each package's folder.
var Analyzer = New(nil)

// New returns the analyzer with a fixed config (nil: discover it).
func New(cfg *config.Config) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name: "release",
		Doc:  "connlint rule release",
		Run:  func(*analysis.Pass) (any, error) { return nil, nil },
	}
}
