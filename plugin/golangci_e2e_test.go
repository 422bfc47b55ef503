package plugin_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/internal/docsnippet"
	"github.com/connlint/connlint/internal/testbin"
	"github.com/connlint/connlint/internal/testlock"
)

// TestGolangciLintModulePlugin builds a real golangci-lint v2 with the
// plugin the way `golangci-lint custom` does after its clone step (source
// from the module proxy instead of git), runs it with .golangci.example.yml
// on testdata/integrations/gomod, and holds its findings against the
// connlint binary's on the same module and the `// want-e2e:` markers.
func TestGolangciLintModulePlugin(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skips building golangci-lint v2 with the plugin (about 1-2 minutes with a cold build cache, seconds warm)")
	}
	root := repoRoot(t)
	gcl := buildCustomGCL(t, root)
	example := filepath.Join(root, ".golangci.example.yml")

	t.Run("plugin enabled by the example config", func(t *testing.T) {
		out, err := command(t, root, gcl, "linters", "-c", example)
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		enabled, _, _ := strings.Cut(out, "Disabled by your configuration")
		if !regexp.MustCompile(`(?m)^connlint: `).MatchString(enabled) {
			t.Fatalf("connlint is not among the enabled linters:\n%s", enabled)
		}
	})

	t.Run("unknown settings key is an error", func(t *testing.T) {
		bad := filepath.Join(t.TempDir(), ".golangci.yml")
		data, err := os.ReadFile(example)
		if err != nil {
			t.Fatal(err)
		}
		data = bytes.Replace(data, []byte("singleton: [internal/db/**]"), []byte("singletonz: [internal/db/**]"), 1)
		if err := os.WriteFile(bad, data, 0o644); err != nil {
			t.Fatal(err)
		}
		mod := copyTree(t, filepath.Join(root, "testdata/integrations/gomod"))
		out, err := command(t, mod, gcl, "run", "-c", bad, "./...")
		if err == nil || !strings.Contains(out, `unknown key "singletonz"`) {
			t.Fatalf("want a failed run naming the unknown key; err %v:\n%s", err, out)
		}
	})

	t.Run("docs snippets", func(t *testing.T) { docsSnippets(t, root, gcl, example) })

	mod := copyTree(t, filepath.Join(root, "testdata/integrations/gomod"))
	start := time.Now()
	got, gotRelated := golangciFindings(t, gcl, example, mod)
	t.Logf("golangci-lint run on the module: %s", time.Since(start).Round(time.Millisecond))

	standalone, standaloneRelated := connlintFindings(t, root, mod)
	if !slices.Equal(got, standalone) {
		t.Errorf("golangci-lint with the plugin and connlint disagree\nplugin:     %v\nconnlint:   %v", got, standalone)
	}
	if !slices.Equal(gotRelated, standaloneRelated) {
		t.Errorf("related locations differ\nplugin:     %v\nconnlint:   %v", gotRelated, standaloneRelated)
	}
	if want := wantMarkers(t, mod); !slices.Equal(got, want) {
		t.Errorf("golangci-lint with the plugin found\n  %v\nthe // want-e2e: markers say\n  %v", got, want)
	}

	// //nolint:connlint is what keeps api.Debug's sql.Open quiet: without
	// the directive the same line is reported.
	api := filepath.Join(mod, "api", "api.go")
	src, err := os.ReadFile(api)
	if err != nil {
		t.Fatal(err)
	}
	const directive = " //nolint:connlint // rate limited to one call a minute"
	i := bytes.Index(src, []byte(directive))
	if i < 0 {
		t.Fatal("api.go lost its //nolint:connlint line")
	}
	line := bytes.Count(src[:i], []byte("\n")) + 1
	if err := os.WriteFile(api, slices.Concat(src[:i], src[i+len(directive):]), 0o644); err != nil {
		t.Fatal(err)
	}
	unsilenced, _ := golangciFindings(t, gcl, example, mod)
	if silenced := key("api/api.go", line, "singleton"); slices.Contains(got, silenced) || !slices.Contains(unsilenced, silenced) {
		t.Errorf("%s: want it reported without //nolint:connlint and not with it; with: %v, without: %v", silenced, got, unsilenced)
	}
}

// docsSnippets runs what docs/integrations.md tells golangci-lint users to
// run: `golangci-lint custom` is what buildCustomGCL reproduces (its git
// clone cannot run here), then ./bin/custom-gcl run ./... with the example
// as .golangci.yml; the workflow's golangci-lint step is the same command.
func docsSnippets(t *testing.T, root, gcl, example string) {
	doc := filepath.Join(root, "docs", "integrations.md")
	run, err := docsnippet.Get(doc, "golangci-run")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(run.Code), "\n")
	if len(lines) != 2 || lines[0] != "golangci-lint custom" {
		t.Fatalf("golangci-run snippet: want `golangci-lint custom` then the run command, got %q", lines)
	}
	wf, err := docsnippet.Get(doc, "github-workflow")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(wf.Code, "run: "+lines[1]+"\n") || !strings.Contains(wf.Code, "golangci-lint custom\n") {
		t.Errorf("the workflow's golangci job does not build with golangci-lint custom and run %q", lines[1])
	}
	mod := copyTree(t, filepath.Join(root, "testdata/integrations/gomod"))
	if err := os.MkdirAll(filepath.Join(mod, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(gcl, filepath.Join(mod, "bin", "custom-gcl")); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mod, ".golangci.yml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "-eo", "pipefail", "-c", lines[1])
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("%s: %v, want exit 1 (findings)\n%s", lines[1], err, out)
	}
	for _, want := range []string{"api/api.go:62:15: singleton: sql.Open builds", "store/store.go:17:9: singleton:", "(connlint)"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("%s: output lacks %q\n%s", lines[1], want, out)
		}
	}
}

// finding is file:line:rule, relative to the module.
func key(file string, line int, rule string) string {
	return fmt.Sprintf("%s:%d:%s", filepath.ToSlash(file), line, rule)
}

// golangciFindings runs golangci-lint in mod and returns connlint's
// findings and their related locations (file:line), sorted. Only connlint
// runs (--enable-only): the config's default linters would cost three
// times as much and are filtered out anyway; docsSnippets runs the user's
// command with them.
func golangciFindings(t *testing.T, gcl, cfg, mod string) (findings, related []string) {
	t.Helper()
	cmd := exec.Command(gcl, "run", "-c", cfg, "--enable-only", "connlint", "--path-mode", "abs", "--output.json.path", "stdout", "--show-stats=false", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOWORK=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("golangci-lint run: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename string
				Line     int
			}
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("golangci-lint output is not its JSON: %v\n%s", err, stdout.String())
	}
	findings, related = []string{}, []string{}
	for _, is := range report.Issues {
		if is.FromLinter != "connlint" {
			t.Errorf("--enable-only connlint, yet an issue from %s: %s", is.FromLinter, is.Text)
			continue
		}
		// With several analyzers in one linter, golangci-lint writes
		// "analyzer: message": the analyzer is the rule. Related
		// locations come as issues of their own, "rule(related information)".
		rule, _, ok := strings.Cut(is.Text, ": ")
		if !ok {
			t.Errorf("issue text without the rule: %q", is.Text)
		}
		rel, err := filepath.Rel(mod, is.Pos.Filename)
		if err != nil {
			t.Fatal(err)
		}
		if r, ok := strings.CutSuffix(rule, "(related information)"); ok {
			related = append(related, key(rel, is.Pos.Line, r))
			continue
		}
		findings = append(findings, key(rel, is.Pos.Line, rule))
	}
	slices.Sort(findings)
	slices.Sort(related)
	return findings, related
}

// connlintFindings runs the connlint binary built from this checkout in
// mod and returns its Go findings and their related locations.
func connlintFindings(t *testing.T, root, mod string) (findings, related []string) {
	t.Helper()
	bin, err := testbin.Connlint(root)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--format", "json", "--quiet", "./...")
	cmd.Dir = mod
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		t.Fatalf("connlint: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	var res diag.Result
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		t.Fatalf("connlint output is not JSON: %v\n%s", err, stdout.String())
	}
	if len(res.Errors) > 0 {
		t.Errorf("connlint could not check everything: %+v", res.Errors)
	}
	findings, related = []string{}, []string{}
	for _, f := range res.Findings {
		if f.Language != diag.LangGo {
			continue
		}
		findings = append(findings, key(f.File, f.Line, f.Rule))
		for _, r := range f.Related {
			related = append(related, key(r.File, r.Line, f.Rule))
		}
	}
	slices.Sort(findings)
	slices.Sort(related)
	return findings, related
}

// wantMarkers returns the file:line:rule of every `// want-e2e: rule`
// comment below dir.
func wantMarkers(t *testing.T, dir string) []string {
	t.Helper()
	marker := regexp.MustCompile(`// want-e2e: ([a-z, ]+)`)
	keys := []string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(dir, path)
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			if m := marker.FindStringSubmatch(sc.Text()); m != nil {
				for _, rule := range strings.Split(m[1], ",") {
					keys = append(keys, key(rel, line, strings.TrimSpace(rule)))
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	return keys
}

// customGCL is the part of .custom-gcl.yml the build reads.
type customGCL struct {
	Version string `yaml:"version"`
	Name    string `yaml:"name"`
	Plugins []struct {
		Module  string `yaml:"module"`
		Import  string `yaml:"import"`
		Version string `yaml:"version"`
		Path    string `yaml:"path"`
	} `yaml:"plugins"`
}

// buildCustomGCL builds golangci-lint at the version .custom-gcl.yml names
// with the plugin imports it lists, the module replaced by this checkout,
// in a build folder kept between runs (keyed by version and checkout) so
// that a rerun only recompiles what changed.
func buildCustomGCL(t *testing.T, root string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, ".custom-gcl.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var spec customGCL
	if err := yaml.Unmarshal(data, &spec); err != nil {
		t.Fatalf(".custom-gcl.yml: %v", err)
	}
	if spec.Version == "" || len(spec.Plugins) != 1 || spec.Plugins[0].Module != "github.com/connlint/connlint" ||
		spec.Plugins[0].Import != "github.com/connlint/connlint/plugin" || (spec.Plugins[0].Version == "") == (spec.Plugins[0].Path == "") {
		t.Fatalf(".custom-gcl.yml: want a version and the one connlint plugin (module, import, version or path): %+v", spec)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256([]byte(root))
	dir := filepath.Join(cache, "connlint-e2e", "golangci-lint-"+spec.Version+"-"+hex.EncodeToString(sum[:6]))
	src := filepath.Join(dir, "src")
	testlock.Hold(t, dir)
	total := time.Now()

	if _, err := os.Stat(filepath.Join(src, "go.mod")); err != nil {
		// `golangci-lint custom` clones the tag; the module proxy serves
		// the same tree.
		out, err := command(t, root, "go", "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@"+spec.Version)
		if err != nil {
			t.Fatalf("go mod download golangci-lint: %v\n%s", err, out)
		}
		var mod struct{ Dir string }
		if err := json.Unmarshal([]byte(out), &mod); err != nil || mod.Dir == "" {
			t.Fatalf("go mod download: no Dir in %s", out)
		}
		tmp := src + ".tmp"
		os.RemoveAll(tmp)
		if err := copyDir(mod.Dir, tmp); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, src); err != nil {
			t.Fatal(err)
		}
	}
	var imports strings.Builder
	imports.WriteString("package main\n\n// This file is used to declare module plugins.\n\nimport (\n")
	for _, p := range spec.Plugins {
		fmt.Fprintf(&imports, "\t_ %q\n", p.Import)
	}
	imports.WriteString(")\n")
	if err := os.WriteFile(filepath.Join(src, "cmd/golangci-lint/plugins.go"), []byte(imports.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, spec.Name)
	for _, step := range [][]string{
		{"go", "mod", "edit", "-replace", spec.Plugins[0].Module + "=" + root},
		{"go", "mod", "tidy"},
		{"go", "build", "-ldflags", "-X main.version=" + spec.Version + "-custom-gcl", "-o", bin, "./cmd/golangci-lint"},
	} {
		start := time.Now()
		if out, err := command(t, src, step[0], step[1:]...); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(step, " "), err, out)
		}
		t.Logf("%s: %s", strings.Join(step[:3], " "), time.Since(start).Round(time.Millisecond))
	}
	t.Logf("golangci-lint %s with the plugin built in %s (%s)", spec.Version, time.Since(total).Round(time.Millisecond), dir)
	return bin
}

// command runs name in dir and returns its combined output.
func command(t *testing.T, dir, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal("not in the connlint checkout:", err)
	}
	return root
}

// copyTree copies a fixture to a new temp dir and returns it.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), filepath.Base(from))
	if err := copyDir(from, to); err != nil {
		t.Fatal(err)
	}
	return to
}

// copyDir copies a tree, leaving the copy writable (the module cache is
// read-only).
func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}
