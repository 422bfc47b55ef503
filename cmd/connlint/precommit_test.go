package main

import (
	"context"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// snapshotRepo commits this checkout's files (tracked and untracked, not
// ignored: what go test is testing) to a new git repository, as pre-commit
// clones a hook repository from a rev. The repository is made anew in a
// folder that stays the same from run to run (see lockedCacheDir): Go's
// build cache keys a package by its folder, so a build in the snapshot
// compiles only what changed since the last run.
func snapshotRepo(t *testing.T) (dir, rev string) {
	t.Helper()
	return snapshotRepoOf(t, func(string) bool { return true })
}

// forGoInstall keeps what `go install ./...` reads: not the tests, their
// fixtures or the docs. A hook repository snapshot made of these changes
// revision only when the installed commands may change.
func forGoInstall(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.HasSuffix(path, "_test.go") && first != "testdata" && first != "docs" && !strings.Contains(path, "/testdata/")
}

// snapshotRepoOf is snapshotRepo with only the files keep keeps.
func snapshotRepoOf(t *testing.T, keep func(path string) bool) (dir, rev string) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	list := gitCmd(t, root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	dir = filepath.Join(lockedCacheDir(t, root, "snapshot-"+t.Name()), "connlint")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range strings.Split(list, "\x00") {
		if f == "" || !keep(f) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, f))
		if os.IsNotExist(err) {
			continue // deleted in the working tree
		} else if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitCmd(t, dir, "init", "-q", "-b", "main")
	gitCmd(t, dir, "add", "-A")
	// A fixed date: the same files give the same commit, so a tool that
	// keys its cache by revision (pre-commit) finds it again.
	commit := exec.Command("git", "commit", "-q", "-m", "snapshot")
	commit.Dir = dir
	commit.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	if out, err := commit.CombinedOutput(); err != nil {
		t.Fatalf("git commit: %v\n%s", err, out)
	}
	return dir, strings.TrimSpace(gitCmd(t, dir, "rev-parse", "HEAD"))
}

// TestPreCommitHook installs the hook of .pre-commit-hooks.yaml with the
// configuration docs/integrations.md shows (the repository URL pointed at
// a snapshot of this checkout), pins it as the docs say, in a project's git
// repository:
// a staged leak fails the commit with the finding, the fixed file passes,
// and a staged TS file is checked as given. pre-commit builds connlint with
// `go install ./...` in its own environment; only the Go module proxy is
// reached (the module cache is shared).
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skips building connlint inside pre-commit's environment")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pre-commit is not installed (apt-get install pre-commit)")
		}
		t.Skip("pre-commit is not installed (apt-get install pre-commit)")
	}
	hookRepo, rev := snapshotRepoOf(t, forGoInstall)
	checkInstalledNames(t, hookRepo)
	const upstream = "https://github.com/connlint/connlint"
	cfgSnippet := snippet(t, "pre-commit-config").Code
	config := strings.ReplaceAll(cfgSnippet, upstream, hookRepo)
	if config == cfgSnippet || !regexp.MustCompile(`(?m)^\s+rev: main$`).MatchString(config) {
		t.Fatalf("the snippet's repo and rev (main, the snapshot's branch) were not where the test expects them:\n%s", cfgSnippet)
	}
	pin := shellCommands(snippet(t, "pre-commit-pin").Code)
	if len(pin) != 1 || !strings.HasPrefix(pin[0], "pre-commit autoupdate --repo "+upstream+" ") {
		t.Fatalf("pre-commit-pin: %q", pin)
	}
	pinArgs := strings.Fields(strings.ReplaceAll(uncomment(pin[0]), upstream, hookRepo))[1:]

	project := writeTree(t, map[string]string{
		"go.mod":                  goMod,
		"store/store.go":          "package store\n\n// Ping says hello.\nfunc Ping() string { return \"pong\" }\n",
		".pre-commit-config.yaml": config,
	})
	gitCmd(t, project, "init", "-q", "-b", "main")
	gitCmd(t, project, "add", "-A")
	gitCmd(t, project, "commit", "-q", "-m", "base")

	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	home := preCommitHome(t, hookRepo, rev)
	preCommit := func(args ...string) (string, int) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "pre-commit", args...)
		// On timeout end the whole process group, builds included.
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
		cmd.Dir = project
		cmd.Env = append(os.Environ(),
			"PRE_COMMIT_HOME="+home,
			"GOMODCACHE="+strings.TrimSpace(string(modcache)), // pre-commit sets GOPATH to its env
			"GOWORK=off",
			// pre-commit clones the hook into a new folder each time; with
			// -trimpath the build cache is keyed by content, not by that
			// folder, so a warm cache serves every run after the first.
			"GOFLAGS=-trimpath",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		)
		out, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), 0
	}

	// The pin: autoupdate replaces `main` with the snapshot's commit (it
	// has no tags), and the hook is built from that sha.
	if out, code := preCommit(pinArgs...); code != 0 {
		t.Fatalf("%s: exit %d\n%s", pin[0], code, out)
	}
	pinned, _ := os.ReadFile(filepath.Join(project, ".pre-commit-config.yaml"))
	if !regexp.MustCompile(`(?m)^\s+rev: ` + rev + `$`).Match(pinned) {
		t.Fatalf("after %s the config does not pin %s:\n%s", pin[0], rev, pinned)
	}
	gitCmd(t, project, "add", ".pre-commit-config.yaml")

	start := time.Now()
	if out, code := preCommit("install-hooks"); code != 0 {
		t.Fatalf("pre-commit install-hooks: exit %d\n%s", code, out)
	}
	t.Logf("pre-commit built the hook in %s", time.Since(start).Round(time.Second))

	// A staged leak in the package: the hook fails with the finding.
	if err := os.WriteFile(filepath.Join(project, "store", "names.go"), []byte(leakyStore), 0o644); err != nil {
		t.Fatal(err)
	}
	gitCmd(t, project, "add", "store/names.go")
	out, code := preCommit("run")
	if code != 1 || !strings.Contains(out, "store/names.go:9:") || !strings.Contains(out, "(release)") {
		t.Fatalf("staged leak: exit %d, want 1 with store/names.go:9 (release):\n%s", code, out)
	}
	// The real commit is refused too (the installed git hook runs it).
	if _, err := exec.Command("git", "-C", project, "rev-parse", "--verify", "-q", "HEAD~1").Output(); err == nil {
		t.Fatal("unexpected history")
	}
	if out, code := preCommit("install"); code != 0 {
		t.Fatalf("pre-commit install: %d %s", code, out)
	}
	commit := exec.Command("git", "commit", "-q", "-m", "leak")
	commit.Dir = project
	commit.Env = append(os.Environ(), "PRE_COMMIT_HOME="+home, "GOMODCACHE="+strings.TrimSpace(string(modcache)),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	if out, err := commit.CombinedOutput(); err == nil {
		t.Fatalf("git commit with a staged leak went through:\n%s", out)
	}

	// Fixed: the hook passes and the commit goes through.
	fixed := strings.Replace(leakyStore, "\t}\n\tvar names", "\t}\n\tdefer rows.Close()\n\tvar names", 1)
	if fixed == leakyStore {
		t.Fatal("fix did not apply")
	}
	os.WriteFile(filepath.Join(project, "store", "names.go"), []byte(fixed), 0o644)
	gitCmd(t, project, "add", "store/names.go")
	if out, code := preCommit("run"); code != 0 {
		t.Fatalf("fixed file: exit %d, want 0:\n%s", code, out)
	}

	// A staged TS file is checked as given.
	os.MkdirAll(filepath.Join(project, "src"), 0o755)
	os.WriteFile(filepath.Join(project, "src", "transfer.ts"), []byte("import { Pool } from \"pg\";\n\nexport async function handle() {\n"+
		"  const pool = new Pool();\n  const { rows } = await pool.query(\"SELECT 1\");\n  return rows;\n}\n"), 0o644)
	gitCmd(t, project, "add", "src/transfer.ts")
	out, code = preCommit("run")
	if code != 1 || !strings.Contains(out, "src/transfer.ts:4:") {
		t.Fatalf("staged TS leak: exit %d, want 1 with src/transfer.ts:4:\n%s", code, out)
	}
}

// preCommitHome is the PRE_COMMIT_HOME for the snapshot at rev: kept
// between runs beside the snapshot (under its lock), and emptied when the
// revision changes. pre-commit keys the environment it builds by repository
// and revision, so an unchanged checkout does not run `go install ./...`
// again, as it would not for a user; a changed one does.
func preCommitHome(t *testing.T, hookRepo, rev string) string {
	t.Helper()
	home := filepath.Join(filepath.Dir(hookRepo), "pre-commit-home")
	stamp := filepath.Join(filepath.Dir(hookRepo), "pre-commit-home.rev")
	if last, err := os.ReadFile(stamp); err != nil || string(last) != rev {
		if err := os.RemoveAll(home); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stamp, []byte(rev), 0o644); err != nil {
		t.Fatal(err)
	}
	return home
}

// checkInstalledNames fails when pre-commit's `go install ./...` would put a
// command named like a tool the hook runs into the hook's PATH: a main
// package in a folder named go installs a `go` that shadows the real one,
// and connlint's package loading (go list) then runs it instead.
func checkInstalledNames(t *testing.T, repo string) {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", `{{if eq .Name "main"}}{{.ImportPath}}{{end}}`, "./...")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		name := path.Base(pkg)
		if regexp.MustCompile(`^v[0-9]+$`).MatchString(name) {
			name = path.Base(path.Dir(pkg))
		}
		switch name {
		case "go", "gofmt", "git", "cc", "gcc", "sh", "bash":
			t.Fatalf("%s installs a command named %q: pre-commit's go install ./... puts it first on the hook's PATH, "+
				"where it shadows the real %s (rename the package's folder)", pkg, name, name)
		}
	}
}
