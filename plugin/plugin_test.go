package plugin

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
)

func TestRegisteredAsConnlint(t *testing.T) {
	newPlugin, err := register.GetPlugin("connlint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("load mode %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, a := range as {
		names = append(names, a.Name)
	}
	if strings.Join(names, ",") != "singleton,release" {
		t.Errorf("analyzers %v, want singleton and release (the rule IDs)", names)
	}
}

// settings are what golangci-lint hands a module plugin: YAML decoded into
// maps and lists of any.
func TestSettingsAreTheKeysOfConnlintYML(t *testing.T) {
	dir := t.TempDir()
	cfg, err := ParseSettings(dir, map[string]any{
		"singleton": []any{"internal/db/**"},
		"scripts":   "scripts",
		"exclude":   []any{"**/gen/**"},
		"clients": []any{map[string]any{
			"language":     "go",
			"client":       "acme",
			"package":      "example.com/acme/db",
			"constructors": []any{"Dial"},
			"release":      []any{"Close"},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name string
		got  bool
	}{
		{"singleton glob relative to the run folder", cfg.IsSingleton(filepath.Join(dir, "internal/db/db.go"))},
		{"other files are not the singleton", !cfg.IsSingleton(filepath.Join(dir, "api/h.go"))},
		{"a folder name covers the files below it", cfg.IsScript(filepath.Join(dir, "scripts/seed/main.go"))},
		{"exclude", cfg.IsExcluded(filepath.Join(dir, "x/gen/y.go"))},
	}
	for _, c := range checks {
		if !c.got {
			t.Error(c.name)
		}
	}
	found := false
	for _, e := range cfg.Catalog().Entries {
		found = found || e.Client == "acme" && e.Package == "example.com/acme/db"
	}
	if !found {
		t.Error("clients entry not merged into the catalog")
	}
}

func TestSettingsStrict(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		want     string
	}{
		{"unknown key", map[string]any{"singletonz": []any{"a"}}, `unknown key "singletonz"`},
		{"bad glob", map[string]any{"exclude": []any{"a/[b"}}, `bad glob "a/[b"`},
		{"not a list", map[string]any{"singleton": map[string]any{"a": 1}}, "want a list of globs"},
		{"unknown catalog key", map[string]any{"clients": []any{map[string]any{"language": "go", "client": "x", "package": "p", "constructors": []any{"A"}, "constructor": "B"}}}, `unknown key "constructor"`},
		{"not a mapping", []any{"singleton"}, "want a mapping"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.settings)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "linters.settings.custom.connlint.settings") {
				t.Errorf("error %v; want one naming the settings and %q", err, tc.want)
			}
		})
	}
}

func TestEmptySettingsDiscoverPerPackage(t *testing.T) {
	for _, s := range []any{nil, map[string]any{}} {
		p, err := New(s)
		if err != nil {
			t.Fatal(err)
		}
		if p.(*Plugin).cfg != nil {
			t.Errorf("settings %#v: a fixed config; want discovery of .connlint.yml per package", s)
		}
	}
}
