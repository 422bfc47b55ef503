package main

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/connlint/connlint/internal/docsnippet"
	"github.com/connlint/connlint/live/livetest"
)

// guide is the user guide, from the repository root: every code block in
// these files is run or compared by a test. Snippet names are unique
// across the guide, so a test asks for a snippet by name alone.
var guide = []string{
	"README.md",
	"docs/usage.md",
	"docs/configuration.md",
	"docs/integrations.md",
	"docs/live.md",
	"docs/capacity.md",
	"docs/performance.md",
	"docs/development.md",
}

// otherDocs are the pages of docs/ outside the guide, and what covers
// their code blocks.
var otherDocs = map[string]string{
	"rules.md":                "generated from analyzers/ruledoc (ruledoc.TestRulesMarkdownUpToDate); TestRuleExamplesAreWhatTheyClaim runs its examples",
	"go.md":                   "release.TestGoDocExamples runs every named example",
	"jsts.md":                 "jsts.TestJSDocExamples runs every named example as a project",
	"CONTRIBUTING-HELPERS.md": "no code blocks",
	"go-loading.md":           "TestDocsMonorepoRun runs its one block on testdata/monorepo",
	"npm.md":                  "the npm package's page: npm.TestDocEverySnippetIsExercised and the npm tests run its blocks",
}

// repoPath is a path of the guide as seen from this package's folder.
func repoPath(file string) string {
	return filepath.Join("..", "..", filepath.FromSlash(file))
}

// exercised names every snippet of the guide and the test that runs or
// compares it (TestDocsEverySnippetIsExercised checks that each named
// test exists).
var exercised = map[string]string{
	"install-source":    "TestReadmeInstallFromAClone",
	"install-go":        "TestReadmeInstallFromAClone (names this module's command)",
	"install-npm":       "npm.TestReadmeNpmSnippet (equal to docs/npm.md's npm-install, which npm.TestDocInstallSnippets runs)",
	"sample-run":        "TestReadmeInstallFromAClone, TestReadmeSampleFirstRun",
	"sample-output":     "TestReadmeSampleFirstRun",
	"test":              "TestReadmeTestCommand (the command .ci/run runs)",
	"sample-fix":        "TestReadmeSampleFix",
	"rules-command":     "TestReadmeRulesCommand",
	"ci-formats":        "TestDocsCIFormatsAndGating",
	"lint-json":         "TestReadmeLintJSON",
	"lint-json-output":  "TestReadmeLintJSON",
	"config":            "TestReadmeConfig",
	"config-init":       "TestReadmeConfigInit",
	"suppress-go":       "TestReadmeSuppression",
	"suppress-ts":       "TestReadmeSuppression",
	"github-workflow":   "TestDocsGitHubWorkflow (lint, golangci TS/JS and live jobs) and plugin.TestGolangciLintModulePlugin (golangci-lint step)",
	"gating":            "TestDocsCIFormatsAndGating",
	"custom-gcl":        "TestDocsEverySnippetIsExercised (equal to .custom-gcl.yml, which plugin.TestGolangciLintModulePlugin builds)",
	"golangci-example":  "TestDocsEverySnippetIsExercised (equal to .golangci.example.yml, which plugin.TestGolangciLintModulePlugin runs)",
	"golangci-run":      "plugin.TestGolangciLintModulePlugin",
	"pre-commit-config": "TestPreCommitHook",
	"pre-commit-pin":    "TestPreCommitHook",
	"vettool":           "TestDocsVettool",
	"live-quickstart":   "TestReadmeLiveQuickstart",
	"live-output-run":   "TestReadmeLiveOutput",
	"live-json":         "TestReadmeLiveOutput (the scenario rendered by live.Evaluate and live.WriteJSON; key set of a real run)",
	"live-nagios":       "TestReadmeLiveOutput (the scenario rendered by live.WriteNagios; shape of a real run)",
	"nagios-config":     "TestReadmeNagiosAndIcinga",
	"icinga-config":     "TestReadmeNagiosAndIcinga",
	"live-ci-smoke":     "TestReadmeLiveCISmoke",
	"live-exporter":     "TestReadmeExporterAndScrapeConfig",
	"prometheus-scrape": "TestReadmeExporterAndScrapeConfig (the end of deploy/prometheus/prometheus.yml, scraped as Prometheus would)",
	"live-terminate":    "TestReadmeLiveTerminate",
	"grants-postgres":   "TestReadmeGrantsPostgres",
	"grants-mysql":      "TestReadmeGrantsMySQL",
	"grants-pgbouncer":  "TestReadmeGrantsPgBouncer",
	"grants-redis":      "TestReadmeGrantsRedis",
	"bench-reproduce":   "TestReadmeBenchReproduce",
	"layout":            "TestReadmeLayout",

	"capacity-inventory":        "TestCapacityWalkthrough",
	"capacity-inventory-output": "TestCapacityWalkthrough",
	"capacity-sum":              "TestCapacityWalkthrough",
	"capacity-sum-output":       "TestCapacityWalkthrough",
	"capacity-env":              "TestCapacityWalkthrough",
	"capacity-fixed":            "TestCapacityWalkthrough",
	"capacity-fixed-output":     "TestCapacityWalkthrough",
	"capacity-config":           "TestCapacityWalkthrough",
	"capacity-ci":               "TestCapacityWalkthrough",
	"capacity-live":             "TestCapacityWalkthrough",
	"capacity-live-output":      "TestCapacityWalkthrough",
	"capacity-readme":           "TestCapacityWalkthrough",
}

// guideSnippets parses every file of the guide.
func guideSnippets(t *testing.T) map[string][]docsnippet.Snippet {
	t.Helper()
	out := map[string][]docsnippet.Snippet{}
	for _, f := range guide {
		all, err := docsnippet.Parse(repoPath(f))
		if err != nil {
			t.Fatal(err)
		}
		out[f] = all
	}
	return out
}

// snippet returns the guide's snippet of that name, wherever it is.
func snippet(t *testing.T, name string) docsnippet.Snippet {
	t.Helper()
	var found []docsnippet.Snippet
	for _, all := range guideSnippets(t) {
		for _, s := range all {
			if s.Name == name {
				found = append(found, s)
			}
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d snippets named %q in the guide, want 1", len(found), name)
	}
	return found[0]
}

func TestDocsEverySnippetIsExercised(t *testing.T) {
	where := map[string]string{} // snippet -> file:line
	for _, f := range guide {
		for _, s := range guideSnippets(t)[f] {
			at := fmt.Sprintf("%s:%d", f, s.Line)
			if s.Name == "" {
				t.Errorf("%s: a code block without a <!-- snippet: NAME --> marker, so no test runs it", at)
				continue
			}
			if _, ok := exercised[s.Name]; !ok {
				t.Errorf("%s: snippet %q is exercised by no test", at, s.Name)
			}
			if prev, ok := where[s.Name]; ok {
				t.Errorf("%s: snippet %q is also at %s", at, s.Name, prev)
			}
			where[s.Name] = at
		}
	}
	for name := range exercised {
		if _, ok := where[name]; !ok {
			t.Errorf("snippet %q is gone from the guide", name)
		}
	}
	// The tests the table names exist.
	defined := definedTests(t)
	for name, by := range exercised {
		for _, m := range regexp.MustCompile(`\b(?:(plugin|live|npm)\.)?(Test\w+)`).FindAllStringSubmatch(by, -1) {
			if !defined[m[1]+"."+m[2]] {
				t.Errorf("snippet %q: %s names %s, which no _test.go file defines", name, by, m[0])
			}
		}
	}
	for name, file := range map[string]string{"custom-gcl": ".custom-gcl.yml", "golangci-example": ".golangci.example.yml"} {
		data, err := os.ReadFile(repoPath(file))
		if err != nil {
			t.Fatal(err)
		}
		if snippet(t, name).Code != string(data) {
			t.Errorf("snippet %s differs from %s: the docs show what the tests do not run", name, file)
		}
	}
	// Every page of docs/ is in the guide or says what covers it.
	pages, _ := filepath.Glob(repoPath("docs/*.md"))
	for _, p := range pages {
		name := filepath.Base(p)
		if _, ok := otherDocs[name]; !ok && !slices.Contains(guide, "docs/"+name) {
			t.Errorf("docs/%s is neither in the guide (its snippets tested here) nor in otherDocs", name)
		}
	}
}

// definedTests maps "pkg.TestName" (pkg "" for this package) to true for
// the test functions of this package, plugin/ and live/.
func definedTests(t *testing.T) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for pkg, dir := range map[string]string{"": ".", "plugin": filepath.Join("..", "..", "plugin"), "live": filepath.Join("..", "..", "live"), "npm": filepath.Join("..", "..", "npm")} {
		files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range regexp.MustCompile(`(?m)^func (Test\w+)\(t \*testing\.T\)`).FindAllStringSubmatch(string(src), -1) {
				out[pkg+"."+m[1]] = true
			}
		}
	}
	return out
}

// binDir is a folder holding the test's connlint binary, for PATH.
func binDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Symlink(binary, filepath.Join(dir, "connlint")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// shell runs a script the way GitHub Actions runs `run:` steps, with
// connlint on PATH, and returns its output and exit status.
func shell(t *testing.T, dir, bin, script string, env ...string) (string, int) {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append([]string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "GOWORK=off"}, env...)...)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), 0
}

// prRepo is the fixture module in a git repository whose origin/main is the
// fixture as committed, with a pull request's change on top: a new handler
// that leaks its rows, and a TS route that builds a client per request.
func prRepo(t *testing.T) (dir string, newLine int) {
	t.Helper()
	dir = copyFixture(t, "gomod")
	gitCmd(t, dir, "init", "-q", "-b", "main")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "base")
	gitCmd(t, dir, "update-ref", "refs/remotes/origin/main", "HEAD")
	gitCmd(t, dir, "checkout", "-q", "-b", "feature")
	api := filepath.Join(dir, "api", "api.go")
	src, _ := os.ReadFile(api)
	added := `
// Top lists the best customers and leaks the rows when the query ends early.
func Top(w http.ResponseWriter, r *http.Request) {
	pool, err := db.Get()
	if err != nil {
		return
	}
	rows, err := pool.QueryContext(r.Context(), "SELECT name FROM customers LIMIT 3")
	if err != nil {
		return
	}
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			return
		}
		fmt.Fprintln(w, name)
	}
}
`
	newLine = strings.Count(string(src), "\n") + strings.Count(added[:strings.Index(added, "rows, err :=")], "\n") + 1
	if err := os.WriteFile(api, append(src, added...), 0o644); err != nil {
		t.Fatal(err)
	}
	gitCmd(t, dir, "commit", "-q", "-am", "top customers")
	return dir, newLine
}

// shellCommands splits a shell snippet into its commands (comments and blank
// lines dropped).
func shellCommands(code string) []string {
	var out []string
	for _, l := range strings.Split(code, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func TestDocsCIFormatsAndGating(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	dir, newLine := prRepo(t)
	bin := binDir(t)

	formats := snippet(t, "ci-formats")
	cmds := shellCommands(formats.Code)
	if len(cmds) != 3 {
		t.Fatalf("ci-formats: %d commands, want github, sarif, checkstyle", len(cmds))
	}
	for _, c := range cmds {
		out, code := shell(t, dir, bin, c)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1 (findings)\n%s", c, code, out)
		}
		if strings.Contains(c, "--format github") && !regexp.MustCompile(`(?m)^::error file=api/api.go,line=22,`).MatchString(out) {
			t.Errorf("%s: no annotation for api/api.go:22\n%s", c, out)
		}
	}
	var sarif struct {
		Version string
		Runs    []struct{ Results []json.RawMessage }
	}
	data, _ := os.ReadFile(filepath.Join(dir, "connlint.sarif"))
	if err := json.Unmarshal(data, &sarif); err != nil || sarif.Version != "2.1.0" || len(sarif.Runs[0].Results) != 5 {
		t.Errorf("connlint.sarif: %v, %+v", err, sarif)
	}
	data, _ = os.ReadFile(filepath.Join(dir, "connlint-checkstyle.xml"))
	if err := xml.Unmarshal(data, new(struct{})); err != nil || !strings.Contains(string(data), `source="connlint.release"`) {
		t.Errorf("connlint-checkstyle.xml: %v\n%s", err, data)
	}

	// Gating: the change since origin/main holds one new finding.
	gating := snippet(t, "gating")
	want := []struct {
		code     int
		findings int
	}{
		{1, 1},  // --new-from-rev origin/main: only Top's rows
		{0, -1}, // git diff > pr.patch
		{1, 1},  // --new-from-patch pr.patch
		{0, -1}, // connlint baseline: records the five findings
		{0, 0},  // --baseline: none new
	}
	cmds = shellCommands(gating.Code)
	if len(cmds) != len(want) {
		t.Fatalf("gating: %d commands, want %d: %q", len(cmds), len(want), cmds)
	}
	for i, c := range cmds {
		if want[i].findings >= 0 {
			c += " --format json"
		}
		out, code := shell(t, dir, bin, c)
		if code != want[i].code {
			t.Errorf("%s: exit %d, want %d\n%s", c, code, want[i].code, out)
			continue
		}
		if want[i].findings < 0 {
			continue
		}
		start := strings.Index(out, "{")
		if start < 0 {
			t.Errorf("%s: no JSON\n%s", c, out)
			continue
		}
		got := findingsOf(t, out[start:])
		if len(got) != want[i].findings || len(got) == 1 && (got[0].File != "api/api.go" || got[0].Line != newLine) {
			t.Errorf("%s: %+v, want %d finding(s) (api/api.go:%d)", c, got, want[i].findings, newLine)
		}
	}
}

func TestDocsVettool(t *testing.T) {
	dir := copyFixture(t, "gomod")
	s := snippet(t, "vettool")
	out, code := shell(t, dir, binDir(t), s.Code)
	if code != 1 || !strings.Contains(out, "api/api.go:22:15: rows (*sql.Rows) from store.Recent is not closed") {
		t.Errorf("exit %d, want 1 and the cross-package finding:\n%s", code, out)
	}
}

// workflow is the part of a GitHub Actions workflow the test reads.
type workflow struct {
	On   map[string]any `yaml:"on"`
	Jobs map[string]struct {
		Permissions map[string]string `yaml:"permissions"`
		Services    map[string]struct {
			Image string            `yaml:"image"`
			Env   map[string]string `yaml:"env"`
			Ports []string          `yaml:"ports"`
		} `yaml:"services"`
		Steps []struct {
			Name string            `yaml:"name"`
			Uses string            `yaml:"uses"`
			If   string            `yaml:"if"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

var installStep = regexp.MustCompile(`(?m)^\s*go install github.com/connlint/connlint/cmd/connlint@latest\s*$`)

// TestDocsGitHubWorkflow checks the workflow's shape and runs its steps:
// actions (checkout, setup-go, upload-sarif) are GitHub's; connlint's
// install step is replaced by the binary under test on PATH (the module is
// fetched from the network there); golangci-lint's build step is
// reproduced by the plugin's end-to-end test.
func TestDocsGitHubWorkflow(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	s := snippet(t, "github-workflow")
	var wf workflow
	if err := yaml.Unmarshal([]byte(s.Code), &wf); err != nil {
		t.Fatalf("workflow YAML: %v", err)
	}
	if _, ok := wf.On["pull_request"]; !ok {
		t.Error("workflow does not run on pull requests")
	}
	lint, gcl, live := wf.Jobs["lint"], wf.Jobs["golangci"], wf.Jobs["live"]
	if lint.Permissions["security-events"] != "write" {
		t.Error("lint job cannot upload SARIF without security-events: write")
	}
	dir, newLine := prRepo(t)
	// A TS route that builds a client per request, for the TS/JS step.
	os.MkdirAll(filepath.Join(dir, "web", "app", "api", "users"), 0o755)
	os.WriteFile(filepath.Join(dir, "web", "package.json"), []byte(`{"dependencies":{"next":"15.0.0","@prisma/client":"6.0.0"}}`), 0o644)
	os.WriteFile(filepath.Join(dir, "web", "app", "api", "users", "route.ts"), []byte(
		"import { PrismaClient } from \"@prisma/client\";\n\nexport async function GET() {\n  const prisma = new PrismaClient();\n"+
			"  try {\n    return Response.json(await prisma.user.findMany());\n  } finally {\n    await prisma.$disconnect();\n  }\n}\n"), 0o644)
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "users route")
	bin := binDir(t)
	expr := strings.NewReplacer("${{ github.base_ref }}", "main")

	sarifFile := ""
	ranLint := 0
	for _, st := range lint.Steps {
		switch {
		case strings.HasPrefix(st.Uses, "github/codeql-action/upload-sarif"):
			if st.With["sarif_file"] == "" || st.With["sarif_file"] != sarifFile {
				t.Errorf("upload-sarif uploads %q, the SARIF step writes %q", st.With["sarif_file"], sarifFile)
			}
			continue
		case st.Run == "" || installStep.MatchString(st.Run):
			continue
		}
		out, code := shell(t, dir, bin, expr.Replace(st.Run))
		ranLint++
		if strings.Contains(st.Run, "--format sarif") {
			m := regexp.MustCompile(`> (\S+)`).FindStringSubmatch(st.Run)
			if m == nil {
				t.Fatalf("the SARIF step writes no file: %s", st.Run)
			}
			sarifFile = m[1]
			data, _ := os.ReadFile(filepath.Join(dir, sarifFile))
			if code != 0 || !strings.Contains(string(data), `"version": "2.1.0"`) {
				t.Errorf("%s: exit %d (findings must not fail this step), %s", st.Name, code, out)
			}
		}
		if strings.Contains(st.Run, "--new-from-rev") {
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if code != 1 || len(lines) != 2 || !strings.HasPrefix(lines[0], fmt.Sprintf("::error file=api/api.go,line=%d,", newLine)) ||
				!strings.HasPrefix(lines[1], "::error file=web/app/api/users/route.ts,line=4,") {
				t.Errorf("%s: exit %d, want 1 and the pull request's two findings only:\n%s", st.Name, code, out)
			}
		}
	}
	if ranLint != 2 {
		t.Errorf("ran %d connlint steps of the lint job, want 2", ranLint)
	}

	ranTS := false
	for _, st := range gcl.Steps {
		if !strings.Contains(st.Run, "xargs") {
			continue
		}
		ranTS = true
		out, code := shell(t, dir, bin, installStep.ReplaceAllString(st.Run, ":"))
		if code == 0 || !strings.Contains(out, "::error file=web/app/api/users/route.ts,line=4,") || strings.Contains(out, ".go,") {
			t.Errorf("%s: exit %d; want the TS finding, a failing step and no Go finding:\n%s", st.Name, code, out)
		}
	}
	if !ranTS {
		t.Error("the golangci job has no TS/JS step")
	}

	// The live job: its service is PostgreSQL on 5432; run its step against
	// a throwaway cluster in its place.
	pgService := live.Services["postgres"]
	if !strings.HasPrefix(pgService.Image, "postgres:") || !slices.Contains(pgService.Ports, "5432:5432") {
		t.Errorf("live job service %+v", pgService)
	}
	pg, err := livetest.StartPostgres(livetest.PGOptions{MaxConnections: 20})
	if err != nil {
		livetest.Unavailable(t, "no PostgreSQL for the live job: %v", err)
	}
	defer pg.Stop()
	ranLive := false
	for _, st := range live.Steps {
		if st.Run == "" || installStep.MatchString(st.Run) {
			continue
		}
		ranLive = true
		var env []string
		for k, v := range st.Env {
			env = append(env, k+"="+strings.Replace(v, "localhost:5432", fmt.Sprintf("127.0.0.1:%d", pg.Port), 1))
		}
		out, code := shell(t, dir, bin, st.Run, env...)
		if code != 0 || !strings.Contains(out, "OK") {
			t.Errorf("%s: exit %d, want 0 (OK):\n%s", st.Name, code, out)
		}
		if strings.Contains(out, "postgres:postgres@") {
			t.Errorf("the password is in the output:\n%s", out)
		}
	}
	if !ranLive {
		t.Error("the live job runs no connlint step")
	}
}
