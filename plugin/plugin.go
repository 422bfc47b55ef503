// Package plugin registers connlint's Go analyzers as a golangci-lint v2
// module plugin named "connlint".
//
// Build a golangci-lint that contains it with `golangci-lint custom` and
// the .custom-gcl.yml at the top of this repository, then enable it in
// .golangci.yml:
//
//	linters:
//	  enable: [connlint]
//	  settings:
//	    custom:
//	      connlint:
//	        type: module
//	        settings:            # optional; the keys of .connlint.yml
//	          singleton: [internal/db/**]
//
// With no settings, each package uses the nearest .connlint.yml above it
// (as `connlint` and `go vet -vettool` do). With settings, they are the
// whole configuration, read strictly like a .connlint.yml (unknown keys
// and bad globs are errors), with globs relative to the folder golangci-lint
// runs in.
//
// Only the Go rules run inside golangci-lint; the TS/JS rules need the
// connlint binary (see docs/integrations.md).
package plugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/release"
	"github.com/connlint/connlint/analyzers/singleton"
)

// Name is the linter name in golangci-lint's configuration and in
// `//nolint:connlint` directives.
const Name = "connlint"

func init() {
	register.Plugin(Name, New)
}

// Plugin is connlint inside golangci-lint.
type Plugin struct {
	cfg *config.Config // nil: discover .connlint.yml per package
}

// settingsLabel names the settings in error messages.
const settingsLabel = "golangci-lint linters.settings.custom.connlint.settings"

// New decodes the plugin's settings (nil or empty: discover the config per
// package).
func New(settings any) (register.LinterPlugin, error) {
	if isEmpty(settings) {
		return &Plugin{}, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	cfg, err := ParseSettings(wd, settings)
	if err != nil {
		return nil, err
	}
	return &Plugin{cfg: cfg}, nil
}

// ParseSettings reads golangci-lint's decoded settings (maps and lists, as
// from YAML) as a .connlint.yml whose globs are relative to dir.
func ParseSettings(dir string, settings any) (*config.Config, error) {
	if _, ok := settings.(map[string]any); !ok {
		return nil, fmt.Errorf("%s: want a mapping of keys (singleton, scripts, exclude, clients), got %T", settingsLabel, settings)
	}
	// JSON is YAML: hand the settings to the one parser of .connlint.yml,
	// so that both accept and reject exactly the same things.
	data, err := json.MarshalIndent(settings, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("%s: %v", settingsLabel, err)
	}
	cfg, err := config.Parse(filepath.Join(dir, config.FileName), data)
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			// The line is one of our re-encoding, not of the user's file.
			return nil, fmt.Errorf("%s: %s", settingsLabel, ce.Msg)
		}
		return nil, fmt.Errorf("%s: %v", settingsLabel, err)
	}
	cfg.File = "" // no file was read
	return cfg, nil
}

func isEmpty(settings any) bool {
	switch s := settings.(type) {
	case nil:
		return true
	case map[string]any:
		return len(s) == 0
	}
	return false
}

// BuildAnalyzers returns connlint's Go analyzers.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	if p.cfg == nil {
		return []*analysis.Analyzer{singleton.Analyzer, release.Analyzer}, nil
	}
	return []*analysis.Analyzer{singleton.New(p.cfg), release.New(p.cfg)}, nil
}

// GetLoadMode asks for type information: both rules resolve calls by
// their package, never by name.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
