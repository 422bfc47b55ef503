// Package npm holds the npm packaging of connlint (build.sh, the launcher
// package in connlint/) and its end-to-end tests: the packages are built
// and packed for this platform, installed from their tarballs into a
// sample Next.js + Prisma project without the registry, and run as users
// run them (npx, npm scripts, pnpm, yarn, a husky + lint-staged hook).
package npm

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/connlint/connlint/internal/docsnippet"
	"github.com/connlint/connlint/internal/testbin"
)

// nodePlatform names this machine as Node and the platform packages do.
func nodePlatform() string {
	arch := map[string]string{"amd64": "x64", "arm64": "arm64"}[runtime.GOARCH]
	goos := map[string]string{"windows": "win32"}[runtime.GOOS]
	if goos == "" {
		goos = runtime.GOOS
	}
	return goos + "-" + arch
}

// required reports whether a missing tool fails the test rather than
// skipping it: CI sets CONNLINT_REQUIRE_DB=1 for "nothing may be skipped".
func required() bool { return os.Getenv("CONNLINT_REQUIRE_DB") == "1" }

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skips building and installing the npm packages")
	}
	if runtime.GOOS == "windows" {
		t.Skip("build.sh is a bash script; the packages are built on Linux or macOS")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if required() {
				t.Fatalf("%s is not installed, and CONNLINT_REQUIRE_DB=1 asks for every test to run", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
}

// packed is what one build.sh run made for this platform.
type packed struct {
	dir      string // build.sh's --out
	version  string
	launcher string // the connlint tarball
	binary   string // the @connlint/<platform> tarball
	err      error
}

var (
	buildOnce sync.Once
	built     packed
)

// buildPackages runs build.sh once per test binary: every test installs
// the same tarballs, as a release would publish them.
func buildPackages(t *testing.T) packed {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "connlint-npm-")
		if err != nil {
			built.err = err
			return
		}
		built.dir = dir
		built.version = "0.0.0-test.1"
		cmd := exec.Command("bash", "build.sh", "--out", dir, "--version", built.version, "--platforms", nodePlatform())
		out, err := cmd.CombinedOutput()
		if err != nil {
			built.err = errors.New("build.sh: " + err.Error() + "\n" + string(out))
			return
		}
		built.launcher = filepath.Join(dir, "connlint-"+built.version+".tgz")
		built.binary = filepath.Join(dir, "connlint-"+nodePlatform()+"-"+built.version+".tgz")
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// run runs a command in dir and returns its combined output and exit code;
// it fails the test only when the command could not start.
func run(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	default:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		return "", -1
	}
}

func mustRun(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, code := run(t, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

// sampleApp copies the README's sample Next.js + Prisma front end
// (testdata/sample/web: a route handler that builds its own PrismaClient
// beside the lib/prisma.ts singleton, a pg pool client not released on an
// error path) into a fresh folder outside any Go module. Its package.json
// keeps the app's name and scripts but not its runtime dependencies (next,
// @prisma/client, pg): the install below must reach no registry, and
// connlint reads imports, not node_modules.
func sampleApp(t *testing.T) string {
	t.Helper()
	app := filepath.Join(t.TempDir(), "shop-web")
	src := filepath.Join("..", "testdata", "sample", "web")
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(app, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(app, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	writeJSON(t, filepath.Join(app, "package.json"), map[string]any{
		"name": "shop-web", "private": true,
		"scripts": map[string]string{"lint:db": "connlint"},
	})
	return app
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readJSON(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

// installOffline installs the two tarballs with an empty npm cache and
// --offline: any registry request fails the install.
func installOffline(t *testing.T, app string, p packed) {
	t.Helper()
	cache := filepath.Join(t.TempDir(), "npm-cache")
	mustRun(t, app, nil, "npm", "install", "--offline", "--cache", cache, "--no-audit", "--no-fund",
		"--save-dev", p.launcher, p.binary)
}

// goFindings runs a connlint built by the Go toolchain from this checkout:
// the reference the npm-installed binary must agree with.
func goFindings(t *testing.T, app string) (string, int) {
	t.Helper()
	bin, err := testbin.Connlint("..")
	if err != nil {
		t.Fatal(err)
	}
	return run(t, app, nil, bin, "--format", "json")
}

// pathWithoutGo is a PATH with node and npm but no Go toolchain: npm users
// check TS/JS without one.
func pathWithoutGo(t *testing.T) []string {
	t.Helper()
	var keep []string
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if _, err := os.Stat(filepath.Join(dir, "go")); err == nil {
			continue
		}
		keep = append(keep, dir)
	}
	return []string{"PATH=" + strings.Join(keep, string(filepath.ListSeparator))}
}

func TestPackagesDeclareTheirPlatform(t *testing.T) {
	t.Parallel()
	needTools(t, "node", "npm", "tar")
	p := buildPackages(t)
	dir := t.TempDir()
	mustRun(t, dir, nil, "tar", "-xzf", p.binary)
	plat := readJSON(t, filepath.Join(dir, "package", "package.json"))
	goos, cpu, _ := strings.Cut(nodePlatform(), "-")
	if plat["name"] != "@connlint/"+nodePlatform() || plat["version"] != p.version ||
		!slices.Equal(toStrings(plat["os"]), []string{goos}) || !slices.Equal(toStrings(plat["cpu"]), []string{cpu}) {
		t.Errorf("platform package.json: %v", plat)
	}
	exe := "connlint"
	if goos == "win32" {
		exe += ".exe"
	}
	if fi, err := os.Stat(filepath.Join(dir, "package", "bin", exe)); err != nil || fi.Mode()&0o111 == 0 {
		t.Errorf("the platform package has no executable bin/%s: %v", exe, err)
	}

	dir = t.TempDir()
	mustRun(t, dir, nil, "tar", "-xzf", p.launcher)
	launcher := readJSON(t, filepath.Join(dir, "package", "package.json"))
	deps, _ := launcher["optionalDependencies"].(map[string]any)
	if len(deps) != 1 || deps["@connlint/"+nodePlatform()] != p.version {
		t.Errorf("the launcher must list exactly the platforms built, at its own version: %v", deps)
	}
	if bin, _ := launcher["bin"].(map[string]any); bin["connlint"] != "bin/connlint.js" {
		t.Errorf("launcher bin: %v", launcher["bin"])
	}
	if _, err := os.Stat(filepath.Join(dir, "package", "bin", "connlint.js")); err != nil {
		t.Error(err)
	}
}

func toStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// TestNpxFindsWhatTheGoBinaryFinds is the bar: npm pack, an offline
// install into the sample project, and `npx connlint` give the Go binary's
// findings, with no Go toolchain on PATH.
func TestNpxFindsWhatTheGoBinaryFinds(t *testing.T) {
	t.Parallel()
	needTools(t, "node", "npm", "npx", "gcc")
	p := buildPackages(t)
	app := sampleApp(t)
	installOffline(t, app, p)

	want, wantCode := goFindings(t, app)
	if wantCode != 1 || !strings.Contains(want, `"rule": "singleton"`) || !strings.Contains(want, `"rule": "release"`) {
		t.Fatalf("the Go binary should report the sample's two TS findings (exit 1), got exit %d:\n%s", wantCode, want)
	}
	noGo := pathWithoutGo(t)
	got, code := run(t, app, noGo, "npx", "--offline", "connlint", "--format", "json")
	if code != wantCode || got != want {
		t.Errorf("npx connlint: exit %d, want %d\n--- npx\n%s--- go binary\n%s", code, wantCode, got, want)
	}
	// The npm script form, as a project would wire it.
	text, code := run(t, app, noGo, "npm", "run", "--silent", "lint:db")
	if code != 1 || !strings.Contains(text, "app/api/users/route.ts:5:18: new PrismaClient()") {
		t.Errorf("npm run lint:db: exit %d\n%s", code, text)
	}
	// Flags and subcommands pass through: a clean file exits 0.
	if out, code := run(t, app, noGo, "npx", "--offline", "connlint", "lib/prisma.ts"); code != 0 {
		t.Errorf("npx connlint lib/prisma.ts: exit %d\n%s", code, out)
	}
}

// TestLauncherExplainsAMissingBinary: the cases a user meets when the
// platform package is absent get a sentence that says what to do, and the
// exit status of "could not run" (3, UNKNOWN, for `live`).
func TestLauncherExplainsAMissingBinary(t *testing.T) {
	t.Parallel()
	needTools(t, "node", "npm")
	p := buildPackages(t)
	app := sampleApp(t)
	installOffline(t, app, p)
	launcher := filepath.Join(app, "node_modules", "connlint", "bin", "connlint.js")

	out, code := run(t, app, []string{"CONNLINT_BINARY=" + filepath.Join(app, "no-such-binary")}, "node", launcher)
	if code != 2 || !strings.Contains(out, "cannot run no-such-binary") {
		t.Errorf("a CONNLINT_BINARY that does not exist: exit %d\n%s", code, out)
	}
	if err := os.RemoveAll(filepath.Join(app, "node_modules", "@connlint")); err != nil {
		t.Fatal(err)
	}
	out, code = run(t, app, nil, "node", launcher)
	if code != 2 || !strings.Contains(out, "@connlint/"+nodePlatform()+" is not installed") || !strings.Contains(out, "--omit=optional") {
		t.Errorf("the platform package removed: exit %d\n%s", code, out)
	}
	out, code = run(t, app, nil, "node", launcher, "live", "--dsn", "postgres://127.0.0.1/x")
	if code != 3 {
		t.Errorf("`live` without a binary should be UNKNOWN (3), got %d\n%s", code, out)
	}
}

// TestHuskyLintStagedBlocksACommit follows docs/npm.md's pre-commit setup
// (husky runs lint-staged, lint-staged runs connlint on the staged files):
// a staged route handler that builds its own client stops the commit with
// the finding; the fixed file commits.
func TestHuskyLintStagedBlocksACommit(t *testing.T) {
	t.Parallel()
	needTools(t, "node", "npm", "npx", "git", "sh")
	p := buildPackages(t)
	app := sampleApp(t)
	// A clean history first: the sample's own findings are not staged.
	for _, f := range []string{"app/api/users/route.ts", "lib/reports.ts"} {
		if err := os.Remove(filepath.Join(app, f)); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) string { return mustRun(t, app, nil, "git", args...) }
	git("init", "-q", "-b", "main")
	git("config", "user.email", "dev@example.com")
	git("config", "user.name", "dev")
	installOffline(t, app, p)

	for _, line := range snippetCommands(t, "husky-setup") {
		switch line {
		case "npm install --save-dev husky lint-staged":
			installThirdParty(t, app, []string{"--save-dev"}, huskyVersion, lintStagedVersion)
		default:
			mustRun(t, app, nil, "sh", "-c", line)
		}
	}
	var wiring map[string]any
	if err := json.Unmarshal([]byte(snippet(t, "npm-package-json").Code), &wiring); err != nil {
		t.Fatalf("snippet npm-package-json: %v", err)
	}
	pkg := readJSON(t, filepath.Join(app, "package.json"))
	scripts, _ := pkg["scripts"].(map[string]any)
	for k, v := range wiring["scripts"].(map[string]any) {
		scripts[k] = v
	}
	pkg["lint-staged"] = wiring["lint-staged"]
	writeJSON(t, filepath.Join(app, "package.json"), pkg)
	writeFile(t, filepath.Join(app, ".gitignore"), "node_modules/\n")
	git("add", "-A")
	git("commit", "-q", "-m", "app with connlint in lint-staged")

	route := filepath.Join(app, "app", "api", "orders", "route.ts")
	writeFile(t, route, `import { PrismaClient } from "@prisma/client";

export async function GET() {
  const prisma = new PrismaClient();
  return Response.json(await prisma.order.count());
}
`)
	git("add", "-A")
	out, code := run(t, app, nil, "git", "commit", "-m", "orders count")
	if code == 0 || !strings.Contains(out, "route.ts:4:18: new PrismaClient() in a Next.js route handler") {
		t.Fatalf("the commit with a per-request client should be refused with the finding; exit %d\n%s", code, out)
	}
	writeFile(t, route, `import { prisma } from "../../../lib/prisma";

export async function GET() {
  return Response.json(await prisma.order.count());
}
`)
	git("add", "-A")
	if out, code := run(t, app, nil, "git", "commit", "-m", "orders count"); code != 0 {
		t.Fatalf("the fixed route should commit; exit %d\n%s", code, out)
	}
	if log := git("log", "--oneline"); !strings.Contains(log, "orders count") {
		t.Errorf("commit missing from the log:\n%s", log)
	}
}

// TestDocInstallSnippets runs docs/npm.md's install blocks for npm, pnpm
// and yarn in the sample app. Until connlint is on the registry, the
// install line takes the packed tarballs instead of the name, offline,
// with the package manager's override pointing the launcher's optional
// dependency at the platform tarball; the run line is the snippet's own.
func TestDocInstallSnippets(t *testing.T) {
	t.Parallel()
	needTools(t, "node", "npm", "npx", "sh")
	p := buildPackages(t)
	tools := t.TempDir()
	writeJSON(t, filepath.Join(tools, "package.json"), map[string]any{"private": true})
	installThirdParty(t, tools, nil, pnpmVersion, yarnVersion)
	bin := filepath.Join(tools, "node_modules", ".bin")
	platformPkg := "@connlint/" + nodePlatform()

	installs := map[string]func(t *testing.T, app string){
		"npm install --save-dev connlint": func(t *testing.T, app string) { installOffline(t, app, p) },
		"pnpm add -D connlint": func(t *testing.T, app string) {
			pkg := readJSON(t, filepath.Join(app, "package.json"))
			pkg["pnpm"] = map[string]any{"overrides": map[string]string{platformPkg: "file:" + p.binary}}
			writeJSON(t, filepath.Join(app, "package.json"), pkg)
			mustRun(t, app, nil, filepath.Join(bin, "pnpm"), "add", "-D", "--offline",
				"--store-dir", filepath.Join(t.TempDir(), "store"), "file:"+p.launcher)
		},
		"yarn add -D connlint": func(t *testing.T, app string) {
			pkg := readJSON(t, filepath.Join(app, "package.json"))
			pkg["resolutions"] = map[string]string{platformPkg: "file:" + p.binary}
			writeJSON(t, filepath.Join(app, "package.json"), pkg)
			mustRun(t, app, nil, filepath.Join(bin, "yarn"), "add", "-D", "--offline",
				"--cache-folder", filepath.Join(t.TempDir(), "yarn-cache"), "file:"+p.launcher)
		},
	}
	for _, name := range []string{"npm-install", "pnpm-install", "yarn-install"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			app := sampleApp(t)
			lines := snippetCommands(t, name)
			if len(lines) != 2 || installs[lines[0]] == nil {
				t.Fatalf("snippet %s: want an install line this test knows and a run line, got %q", name, lines)
			}
			installs[lines[0]](t, app)
			env := []string{"PATH=" + bin + string(filepath.ListSeparator) + os.Getenv("PATH")}
			out, code := run(t, app, env, "sh", "-c", lines[1])
			if code != 1 || !strings.Contains(out, "app/api/users/route.ts:5:18: new PrismaClient() in a Next.js route handler") ||
				!strings.Contains(out, "lib/reports.ts:12:24: connection from pool.connect()") {
				t.Errorf("%s: exit %d, want 1 with the sample's two findings\n%s", lines[1], code, out)
			}
		})
	}
}

// TestDocEverySnippetIsExercised: each block of docs/npm.md is named, and
// the names are those the tests above read.
func TestDocEverySnippetIsExercised(t *testing.T) {
	all, err := docsnippet.Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"npm-install", "pnpm-install", "yarn-install", "npm-package-json", "husky-setup"}
	var got []string
	for _, s := range all {
		if s.Name == "" {
			t.Errorf("%s:%d: a code block without a snippet name is not exercised", doc, s.Line)
		}
		got = append(got, s.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("snippets of %s: %v, the tests exercise %v", doc, got, want)
	}
}

var doc = filepath.Join("..", "docs", "npm.md")

// TestReadmeNpmSnippet: the README's npm block is the one this page shows
// and TestDocInstallSnippets runs.
func TestReadmeNpmSnippet(t *testing.T) {
	readme, err := docsnippet.Get(filepath.Join("..", "README.md"), "install-npm")
	if err != nil {
		t.Fatal(err)
	}
	if readme.Code != snippet(t, "npm-install").Code {
		t.Errorf("README.md's install-npm differs from docs/npm.md's npm-install:\n%s---\n%s", readme.Code, snippet(t, "npm-install").Code)
	}
}

func snippet(t *testing.T, name string) docsnippet.Snippet {
	t.Helper()
	s, err := docsnippet.Get(doc, name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// snippetCommands returns a shell snippet's lines without their comments.
func snippetCommands(t *testing.T, name string) []string {
	t.Helper()
	var lines []string
	for _, line := range strings.Split(snippet(t, name).Code, "\n") {
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// Third-party tools the docs use, pinned: lint-staged 17 needs Node 22,
// 16 runs on 20; pnpm 11 crashes on Node 20.
const (
	huskyVersion      = "husky@9.1.7"
	lintStagedVersion = "lint-staged@16.4.0"
	pnpmVersion       = "pnpm@10.34.9"
	yarnVersion       = "yarn@1.22.22"
)

// installThirdParty installs third-party npm packages (husky, lint-staged,
// pnpm, yarn) from the npm cache named by CONNLINT_NPM_CACHE (.ci/run fills
// it), else from the registry through a per-user cache. Only connlint's own
// packages must install offline; these are the tools around them.
func installThirdParty(t *testing.T, dir string, flags []string, pkgs ...string) {
	t.Helper()
	cache := os.Getenv("CONNLINT_NPM_CACHE")
	if cache == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			t.Fatal(err)
		}
		cache = filepath.Join(base, "connlint", "npm")
	}
	args := append([]string{"install", "--prefer-offline", "--cache", cache, "--no-audit", "--no-fund"}, flags...)
	out, code := run(t, dir, nil, "npm", append(args, pkgs...)...)
	if code != 0 {
		if required() {
			t.Fatalf("installing %v failed:\n%s", pkgs, out)
		}
		t.Skipf("%v could not be installed (no registry and no CONNLINT_NPM_CACHE):\n%s", pkgs, out)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
