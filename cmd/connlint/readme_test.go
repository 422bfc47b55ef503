package main

// Tests of README.md's lint-side snippets: each runs the snippet as a user
// would (the built binary on PATH) or compares it with what it shows.
// docs_test.go holds the table of every snippet and its test, and the
// integration snippets; readme_live_test.go the `connlint live` ones.

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/analyzers/ruledoc"
)

// copyDir copies the folder from (relative to the repository root) into a
// new temp dir, keeping its path below the root, and returns that root.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	root := t.TempDir()
	src := filepath.Join("..", "..", from)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(root, from, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// shellSplit runs a script like shell, keeping stdout and stderr apart.
func shellSplit(t *testing.T, dir, bin, script string, env ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append([]string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "GOWORK=off"}, env...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return out.String(), errb.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), 0
}

// uncomment drops a trailing shell comment (" # ...") from a command line.
func uncomment(line string) string {
	if i := strings.Index(line, " #"); i >= 0 {
		return strings.TrimSpace(line[:i])
	}
	return line
}

// TestReadmeInstallFromAClone does what the README's first screen says on
// a snapshot of this checkout, as on a fresh clone: the build line (and
// the go install of its comment), then the first run with the binary it
// built. The go install line of the published module names this module's
// command (the module cannot be fetched here).
func TestReadmeInstallFromAClone(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skips building connlint twice in a clone of this checkout")
	}
	build := shellCommands(snippet(t, "install-source").Code)
	if len(build) != 1 || uncomment(build[0]) != "go build -o bin/connlint ./cmd/connlint" {
		t.Fatalf("install-source: %q", build)
	}
	alt := regexp.MustCompile(`# or: (go install \./cmd/connlint) `).FindStringSubmatch(build[0])
	if alt == nil {
		t.Fatalf("install-source: no `# or: go install ./cmd/connlint` alternative in %q", build[0])
	}
	// VCS stamping as Go's default has it (this machine's go env may turn
	// it off), so that the builds record the clone's revision.
	clone, rev := snapshotRepo(t)
	if out, code := shell(t, clone, t.TempDir(), uncomment(build[0]), "GOFLAGS=-buildvcs=auto"); code != 0 {
		t.Fatalf("%s: exit %d\n%s", build[0], code, out)
	}
	built := filepath.Join(clone, "bin", "connlint")
	checkVersionOutput(t, built)
	if out, _ := exec.Command(built, "--version").Output(); !strings.Contains(string(out), " revision "+rev+" ") {
		t.Errorf("connlint --version of a build from a clean clone: %q, want revision %s", out, rev)
	}
	// The go install alternative, on a clone with a change: +dirty.
	if err := os.WriteFile(filepath.Join(clone, "README.md"), []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gobin := t.TempDir()
	if out, code := shell(t, clone, t.TempDir(), alt[1], "GOBIN="+gobin, "GOFLAGS=-buildvcs=auto"); code != 0 || !fileExists(filepath.Join(gobin, "connlint")) {
		t.Errorf("%s: exit %d, no connlint in GOBIN\n%s", alt[1], code, out)
	} else if out, _ := exec.Command(filepath.Join(gobin, "connlint"), "version").Output(); !strings.Contains(string(out), " revision "+rev+"+dirty ") {
		t.Errorf("connlint version of a build from a changed clone: %q, want revision %s+dirty", out, rev)
	}
	// The first run, with the binary just built (an empty PATH folder: no
	// other connlint is found).
	stdout, stderr, code := shellSplit(t, clone, t.TempDir(), snippet(t, "sample-run").Code)
	if code != 1 || stdout != snippet(t, "sample-output").Code {
		t.Errorf("the first run after the build: exit %d, want 1 and the README's output\n%s%s", code, stdout, stderr)
	}

	published := shellCommands(snippet(t, "install-go").Code)
	if len(published) != 1 || published[0] != "go install github.com/connlint/connlint/cmd/connlint@latest" {
		t.Fatalf("install-go: %q", published)
	}
	pkg, _, _ := strings.Cut(strings.TrimPrefix(published[0], "go install "), "@")
	out, err := exec.Command("go", "list", "-f", "{{.Name}} {{.ImportPath}}", pkg).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "main "+pkg {
		t.Fatalf("go list %s: %v %s", pkg, err, out)
	}
}

// TestReadmeTestCommand: the README's test command is the line .ci/run
// runs, with an explicit -timeout: go test's default of 10 minutes per
// package is too short for a cold build cache on a loaded 2-core machine.
func TestReadmeTestCommand(t *testing.T) {
	cmds := shellCommands(snippet(t, "test").Code)
	if len(cmds) != 1 || !strings.Contains(cmds[0], "CONNLINT_REQUIRE_DB=1") || !strings.Contains(cmds[0], "go test ") || !strings.Contains(cmds[0], " -timeout ") {
		t.Fatalf("test snippet %q: want one go test line with CONNLINT_REQUIRE_DB=1 and -timeout", cmds)
	}
	ci, err := os.ReadFile(repoPath(".ci/run"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(strings.Split(string(ci), "\n"), cmds[0]) {
		t.Errorf(".ci/run does not run the README's test command %q", cmds[0])
	}
}

// TestReadmeSampleFirstRun runs the first-run snippet from the top of a
// copy of the repository and holds the binary's stdout to the README's
// output, byte for byte.
func TestReadmeSampleFirstRun(t *testing.T) {
	root := copyDir(t, "testdata/sample")
	run := snippet(t, "sample-run")
	if cmds := shellCommands(run.Code); len(cmds) != 2 || cmds[0] != "cd testdata/sample" || cmds[1] != "../../bin/connlint ./..." {
		t.Fatalf("sample-run: %q", cmds)
	}
	// bin/connlint as the README's build line leaves it.
	if err := os.Mkdir(filepath.Join(root, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(binary, filepath.Join(root, "bin", "connlint")); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := shellSplit(t, root, t.TempDir(), run.Code)
	want := snippet(t, "sample-output").Code
	if code != 1 {
		t.Errorf("exit %d, want 1 (findings)\n%s", code, stderr)
	}
	if stdout != want {
		t.Errorf("connlint ./... on testdata/sample prints\n%s\nthe README shows\n%s", stdout, want)
	}
	// Four findings: both rules in both languages.
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(want), "\n") {
		if m := regexp.MustCompile(`^\S+\.(go|ts):\d+:\d+: .* \((singleton|release)\)$`).FindStringSubmatch(l); m != nil {
			seen[m[1]+"/"+m[2]] = true
		}
	}
	for _, k := range []string{"go/singleton", "go/release", "ts/singleton", "ts/release"} {
		if !seen[k] {
			t.Errorf("the sample's output has no %s finding", k)
		}
	}
	// The sample is what the README says: database/sql only, TS on pg and Prisma.
	mod, _ := os.ReadFile(filepath.Join(root, "testdata", "sample", "go.mod"))
	if strings.Contains(string(mod), "require") {
		t.Errorf("the sample's go.mod requires modules:\n%s", mod)
	}
}

// TestReadmeSampleFix runs --fix on a copy of the sample: the rows get
// their Close and the other three findings remain.
func TestReadmeSampleFix(t *testing.T) {
	root := copyDir(t, "testdata/sample")
	dir := filepath.Join(root, "testdata", "sample")
	line := shellCommands(snippet(t, "sample-fix").Code)
	if len(line) != 1 {
		t.Fatalf("sample-fix: %q", line)
	}
	stdout, stderr, code := shellSplit(t, dir, binDir(t), uncomment(line[0]))
	var left []string
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if !strings.HasPrefix(l, "\t") {
			left = append(left, l)
		}
	}
	if code != 1 || len(left) != 3 || strings.Contains(stdout, "store/users.go") || !strings.Contains(stderr, "fixed 1 finding(s)") {
		t.Errorf("exit %d, want 1 with three findings left, none in store/users.go\n%s%s", code, stdout, stderr)
	}
	src, _ := os.ReadFile(filepath.Join(dir, "store", "users.go"))
	if !strings.Contains(string(src), "\t\treturn nil, err\n\t}\n\tdefer rows.Close()\n") {
		t.Errorf("store/users.go after --fix:\n%s", src)
	}
}

// TestReadmeRulesTable: the README's rules table and docs/usage.md name
// every rule of ruledoc (the one source of `connlint rules`, docs/rules.md
// and SARIF help), and link to its examples in docs/rules.md.
func TestReadmeRulesTable(t *testing.T) {
	readme, err := os.ReadFile(repoPath("README.md"))
	if err != nil {
		t.Fatal(err)
	}
	usage, err := os.ReadFile(repoPath("docs/usage.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ruledoc.Rules {
		row := "| [`" + r.ID + "`](docs/rules.md#" + r.ID + ") |"
		if !strings.Contains(string(readme), "\n"+row) {
			t.Errorf("README's rules table has no row %q", row)
		}
		if !strings.Contains(string(usage), "\n### "+r.ID+"\n") || !strings.Contains(string(usage), "(rules.md#"+r.ID+")") {
			t.Errorf("docs/usage.md has no section for rule %s linking to its examples", r.ID)
		}
	}
}

func TestReadmeRulesCommand(t *testing.T) {
	cmds := shellCommands(snippet(t, "rules-command").Code)
	if len(cmds) != 2 {
		t.Fatalf("rules-command: %q", cmds)
	}
	dir, bin := t.TempDir(), binDir(t)
	all, _, code := shellSplit(t, dir, bin, uncomment(cmds[0]))
	if code != 0 || !strings.Contains(all, "singleton: "+ruledoc.Rules[0].Name) || !strings.Contains(all, "release: "+ruledoc.Rules[1].Name) ||
		!strings.Contains(all, "Bad (Go)") || !strings.Contains(all, "Good (TypeScript)") {
		t.Errorf("%s: exit %d\n%s", cmds[0], code, all)
	}
	one, _, code := shellSplit(t, dir, bin, uncomment(cmds[1]))
	if code != 0 || !strings.HasPrefix(one, "## release\n") || strings.Contains(one, "## singleton") || !strings.Contains(one, "```go\n") {
		t.Errorf("%s: exit %d\n%s", cmds[1], code, one)
	}
	if js, _, code := shellSplit(t, dir, bin, "connlint rules release --format json"); code != 0 || !json.Valid([]byte(js)) {
		t.Errorf("--format json (named in the comment): exit %d\n%s", code, js)
	}
}

// TestReadmeLintJSON runs the JSON example in the sample: the output is
// the README's, byte for byte, and decodes as the contract's Result.
func TestReadmeLintJSON(t *testing.T) {
	root := copyDir(t, "testdata/sample")
	cmds := shellCommands(snippet(t, "lint-json").Code)
	if len(cmds) != 1 {
		t.Fatalf("lint-json: %q", cmds)
	}
	stdout, stderr, code := shellSplit(t, filepath.Join(root, "testdata", "sample"), binDir(t), cmds[0])
	want := snippet(t, "lint-json-output").Code
	if code != 1 || stdout != want {
		t.Errorf("%s: exit %d, want 1 and the README's JSON; got\n%s%s", cmds[0], code, stdout, stderr)
	}
	var res diag.Result
	dec := json.NewDecoder(strings.NewReader(want))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil || len(res.Findings) != 1 || res.Findings[0].Rule != diag.RuleRelease || res.Errors == nil {
		t.Errorf("the README's JSON is not the contract's: %v %+v", err, res)
	}
}

// TestReadmeConfig parses the README's .connlint.yml with analyzers/config
// and shows each key doing what the table says, on a project where each
// one changes the findings.
func TestReadmeConfig(t *testing.T) {
	text := snippet(t, "config").Code
	cfg, err := config.Parse("/project/.connlint.yml", []byte(text))
	if err != nil {
		t.Fatalf("the README's config does not parse: %v", err)
	}
	for file, want := range map[string][3]bool{ // singleton, script, excluded
		"/project/internal/db/db.go":          {true, false, false},
		"/project/web/lib/prisma.ts":          {true, false, false},
		"/project/web/lib/admin-db.ts":        {false, false, false},
		"/project/scripts/cleanup.ts":         {false, true, false},
		"/project/web/prisma/seed.ts":         {false, true, false},
		"/project/web/legacy/reports/old.ts":  {false, false, true},
		"/project/web/app/api/users/route.ts": {false, false, false},
	} {
		if got := [3]bool{cfg.IsSingleton(file), cfg.IsScript(file), cfg.IsExcluded(file)}; got != want {
			t.Errorf("%s: singleton/script/excluded = %v, want %v", file, got, want)
		}
	}
	if len(cfg.Clients) != 1 || cfg.Clients[0].Client != "acme-db" {
		t.Errorf("clients: %+v", cfg.Clients)
	}

	prisma, err := os.ReadFile(filepath.Join("..", "..", "testdata", "sample", "web", "lib", "prisma.ts"))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeTree(t, map[string]string{
		"package.json":      `{"name":"web","dependencies":{"express":"4.21.0","@prisma/client":"6.0.0","pg":"8.13.0"}}`,
		"web/lib/prisma.ts": string(prisma),
		"web/lib/admin-db.ts": "import { PrismaClient } from \"@prisma/client\";\n\n" +
			"const g = globalThis as unknown as { adminPrisma?: PrismaClient };\n" +
			"export const adminPrisma = g.adminPrisma ?? new PrismaClient();\ng.adminPrisma = adminPrisma;\n",
		"scripts/cleanup.ts": "import { prisma } from \"../web/lib/prisma\";\n\nexport async function cleanup() {\n" +
			"  await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });\n}\n\ncleanup();\n",
		"web/legacy/export.ts": "import express from \"express\";\nimport { Pool } from \"pg\";\n\nexport const router = express.Router();\n\n" +
			"router.get(\"/export\", async (req, res) => {\n  const pool = new Pool();\n  try {\n    res.json((await pool.query(\"SELECT 1\")).rows);\n" +
			"  } finally {\n    await pool.end();\n  }\n});\n",
		"web/api/report.ts": "import express from \"express\";\nimport { createDb } from \"@acme/db\";\n\nexport const router = express.Router();\n\n" +
			"router.get(\"/report\", async (req, res) => {\n  const db = createDb(process.env.DATABASE_URL);\n  try {\n    res.json(await db.query(\"SELECT 1\"));\n" +
			"  } finally {\n    await db.close();\n  }\n});\n",
	})
	run := func(cfgText string) []string {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, ".connlint.yml"), []byte(cfgText), 0o644); err != nil {
			t.Fatal(err)
		}
		out, stderr, code := connlint(t, dir, "--format", "json", "./...")
		if code == 2 {
			t.Fatalf("exit 2: %s", stderr)
		}
		var got []string
		for _, f := range findingsOf(t, out) {
			got = append(got, f.File+":"+f.Rule)
		}
		slices.Sort(got)
		return got
	}
	const (
		script   = "scripts/cleanup.ts:release"     // scripts: must release the singleton it imports
		acme     = "web/api/report.ts:singleton"    // clients: createDb is a client
		second   = "web/lib/admin-db.ts:singleton"  // singleton: the only place for a Prisma client
		excluded = "web/legacy/export.ts:singleton" // exclude: not checked
	)
	if got, want := run(text), []string{script, acme, second}; !slices.Equal(got, want) {
		t.Errorf("with the README's config: %v, want %v", got, want)
	}
	for key, want := range map[string][]string{
		"singleton": {script, acme},
		"scripts":   {acme, second},
		"exclude":   {script, acme, excluded, second},
		"clients":   {script, second},
	} {
		without := regexp.MustCompile(`(?m)^`+key+`:.*\n(?:[ #].*\n)*`).ReplaceAllString(text, "")
		if without == text {
			t.Fatalf("no key %s in the README's config", key)
		}
		if got := run(without); !slices.Equal(got, want) {
			t.Errorf("without %s: %v, want %v (the key has no effect as documented)", key, got, want)
		}
	}
}

// TestReadmeConfigInit runs `connlint init` on the sample: it finds the
// three singletons the first run recognised, and with the written config
// the findings are the same.
func TestReadmeConfigInit(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	root := copyDir(t, "testdata/sample")
	dir := filepath.Join(root, "testdata", "sample")
	cmds := shellCommands(snippet(t, "config-init").Code)
	if len(cmds) != 1 || uncomment(cmds[0]) != "connlint init" {
		t.Fatalf("config-init: %q", cmds)
	}
	bin := binDir(t)
	out, stderr, code := shellSplit(t, dir, bin, uncomment(cmds[0]))
	if code != 0 || !strings.Contains(out, "wrote .connlint.yml") {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	cfg, err := config.Load(filepath.Join(dir, ".connlint.yml"))
	if err != nil {
		t.Fatalf("the written config does not load: %v", err)
	}
	if want := []string{"internal/db", "web/lib/prisma.ts", "web/lib/reports.ts"}; !slices.Equal(cfg.Singleton, want) {
		t.Errorf("singleton %v, want %v", cfg.Singleton, want)
	}
	stdout, _, code := shellSplit(t, dir, bin, "connlint ./...")
	if code != 1 || stdout != snippet(t, "sample-output").Code {
		t.Errorf("with the config init wrote, the findings changed: exit %d\n%s", code, stdout)
	}
	// The flags the comment names.
	if _, _, code := shellSplit(t, dir, bin, "connlint init"); code != 2 {
		t.Errorf("a second init without --force: exit %d, want 2", code)
	}
	if out, _, code := shellSplit(t, dir, bin, "connlint init --stdout"); code != 0 || !strings.HasPrefix(out, "# connlint configuration") {
		t.Errorf("init --stdout: exit %d %s", code, out)
	}
	if _, _, code := shellSplit(t, dir, bin, "connlint init --force"); code != 0 {
		t.Errorf("init --force: exit %d", code)
	}
}

// TestReadmeSuppression: with the directives the examples are clean;
// without them each directive's finding comes back.
func TestReadmeSuppression(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	goSrc, tsSrc := snippet(t, "suppress-go").Code, snippet(t, "suppress-ts").Code
	directive := regexp.MustCompile(`(?m)^\s*// connlint-ignore .*\n| //nolint:connlint\S*( // .*)?`)
	for _, tc := range []struct {
		name     string
		stripped bool
		want     []string
	}{
		{"with the directives", false, nil},
		{"without them", true, []string{"admin/admin.go:release", "admin/admin.go:singleton", "app/api/health/route.ts:singleton"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, ts := goSrc, tsSrc
			if tc.stripped {
				g, ts = directive.ReplaceAllString(g, ""), directive.ReplaceAllString(ts, "")
				if strings.Contains(g+ts, "nolint") || strings.Contains(g+ts, "connlint-ignore") {
					t.Fatalf("directives left:\n%s\n%s", g, ts)
				}
			}
			dir := writeTree(t, map[string]string{
				"go.mod":                  goMod,
				"admin/admin.go":          g,
				"package.json":            `{"name":"app","dependencies":{"next":"15.0.0","pg":"8.13.0"}}`,
				"app/api/health/route.ts": ts,
			})
			out, stderr, code := connlint(t, dir, "--format", "json", "./...")
			var res diag.Result
			if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Errors) > 0 {
				t.Fatalf("%v %+v %s", err, res.Errors, stderr)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.File+":"+f.Rule)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) || (code == 1) != (len(tc.want) > 0) {
				t.Errorf("exit %d, findings %v, want %v", code, got, tc.want)
			}
		})
	}
}

// TestReadmeLayout: every folder of the layout exists, and so do the
// subfolders and files its descriptions name.
func TestReadmeLayout(t *testing.T) {
	root := filepath.Join("..", "..")
	exists := func(p string) bool { _, err := os.Stat(filepath.Join(root, p)); return err == nil }
	for _, line := range strings.Split(strings.TrimSpace(snippet(t, "layout").Code), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || !strings.HasSuffix(f[0], "/") {
			t.Errorf("layout line %q: want a folder and what it holds", line)
			continue
		}
		if !exists(f[0]) {
			t.Errorf("layout: %s does not exist", f[0])
			continue
		}
		desc := strings.Join(f[1:], " ")
		for _, m := range regexp.MustCompile(`(?:^|[\s(,])([a-z][a-z0-9_.-]*(?:/|\.md|\.yml))(?:[\s),:]|$)`).FindAllStringSubmatch(desc, -1) {
			name := m[1]
			if name == ".connlint.yml" {
				continue
			}
			if !exists(filepath.Join(f[0], name)) && !exists(filepath.Join(filepath.Dir(strings.TrimSuffix(f[0], "/")), name)) {
				t.Errorf("layout: %s names %s, which is neither in it nor beside it", f[0], name)
			}
		}
	}
}

// TestReadmeBenchReproduce runs the Go benchmark command on the sample
// (one run), and checks the two scripts are there and parse, and that the
// benchmarks bench/live/run.sh selects exist. The full runs take minutes,
// ESLint from npm and 500 server connections: they are not run here.
func TestReadmeBenchReproduce(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skips the benchmark smoke run")
	}
	cmds := shellCommands(snippet(t, "bench-reproduce").Code)
	if len(cmds) != 3 {
		t.Fatalf("bench-reproduce: %q", cmds)
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	sample := filepath.Join(copyDir(t, "testdata/sample"), "testdata", "sample")
	goBench := strings.NewReplacer("/path/to/module", sample, "-runs 5", "-runs 1").Replace(uncomment(cmds[0]))
	if goBench == uncomment(cmds[0]) {
		t.Fatalf("the Go benchmark line changed: %s", cmds[0])
	}
	out, code := shell(t, root, binDir(t), goBench)
	if code != 0 || !regexp.MustCompile(`(?m)^\| lean \| [0-9]+ \| [0-9]+ \| [0-9.]+ \|`).MatchString(out) || !strings.Contains(out, "findings in root packages: 2") {
		t.Errorf("%s: exit %d\n%s", goBench, code, out)
	}
	for _, c := range cmds[1:] {
		script := strings.Fields(c)[0]
		st, err := os.Stat(filepath.Join(root, script))
		if err != nil || st.Mode()&0o111 == 0 {
			t.Errorf("%s: not an executable script (%v)", script, err)
			continue
		}
		if out, err := exec.Command("bash", "-n", filepath.Join(root, script)).CombinedOutput(); err != nil {
			t.Errorf("%s does not parse: %v %s", script, err, out)
		}
	}
	runSh, _ := os.ReadFile(filepath.Join(root, "bench", "live", "run.sh"))
	list := benchmarkNames(t, filepath.Join(root, "bench", "live"))
	for _, m := range regexp.MustCompile(`-bench '([^']+)'`).FindAllStringSubmatch(string(runSh), -1) {
		if !regexp.MustCompile(`(?m)^Benchmark\w*` + m[1]).Match(list) {
			t.Errorf("bench/live/run.sh selects -bench %q, which matches no benchmark:\n%s", m[1], list)
		}
	}
}

// benchmarkNames lists, one per line, the Benchmark functions of the test
// files in dir: what `go test -list ^Benchmark` prints, without linking a
// test binary. A file that does not parse fails the test.
func benchmarkNames(t *testing.T, dir string) []byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files in %s (%v)", dir, err)
	}
	var names bytes.Buffer
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && strings.HasPrefix(fn.Name.Name, "Benchmark") {
				names.WriteString(fn.Name.Name + "\n")
			}
		}
	}
	return names.Bytes()
}

// TestDocsLinks: every relative link of the guide leads to a file of the
// repository and every #anchor to a heading of its page (GitHub's slugs).
func TestDocsLinks(t *testing.T) {
	total := 0
	for _, page := range guide {
		doc, err := os.ReadFile(repoPath(page))
		if err != nil {
			t.Fatal(err)
		}
		links := regexp.MustCompile(`\]\(([^)\s]+)\)`).FindAllStringSubmatch(withoutCode(string(doc)), -1)
		total += len(links)
		for _, m := range links {
			target := m[1]
			if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
				continue
			}
			file, anchor, _ := strings.Cut(target, "#")
			path := page
			if file != "" {
				path = filepath.ToSlash(filepath.Join(filepath.Dir(page), file))
				if _, err := os.Stat(repoPath(path)); err != nil {
					t.Errorf("%s: link %s: %v", page, target, err)
					continue
				}
			}
			if anchor != "" && !anchors(t, path)[anchor] {
				t.Errorf("%s: link %s: no such heading in %s", page, target, path)
			}
		}
	}
	if total < 40 {
		t.Fatalf("only %d links found", total)
	}
}

// withoutCode drops a Markdown text's fenced code blocks.
func withoutCode(doc string) string {
	return regexp.MustCompile("(?ms)^```.*?^```$").ReplaceAllString(doc, "")
}

// anchors are the #fragments of a page's headings, as GitHub makes them.
func anchors(t *testing.T, page string) map[string]bool {
	t.Helper()
	doc, err := os.ReadFile(repoPath(page))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^#{1,6} (.+)$`).FindAllStringSubmatch(withoutCode(string(doc)), -1) {
		slug := strings.ToLower(strings.TrimSpace(m[1]))
		slug = regexp.MustCompile(`[^\p{L}\p{N} _-]`).ReplaceAllString(slug, "")
		out[strings.ReplaceAll(slug, " ", "-")] = true
	}
	return out
}
