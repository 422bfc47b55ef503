package testbin

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func output(t *testing.T, bin string) string {
	t.Helper()
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatalf("%s: %v", bin, err)
	}
	return strings.TrimSpace(string(out))
}

// TestLinksOncePerSourceState builds a small main package the way
// Connlint builds connlint: the same sources give the same binary file,
// not linked again; an edit of a dependency gives a new binary that runs
// the edit; a commit alone (which the linker stamps) gives a new key, and
// an edit outside the Go sources of a tree already modified does not.
func TestLinksOncePerSourceState(t *testing.T) {
	mod := t.TempDir()
	bins := filepath.Join(t.TempDir(), "bin")
	write(t, filepath.Join(mod, "go.mod"), "module example.com/hello\n\ngo 1.22\n")
	write(t, filepath.Join(mod, "greet", "greet.go"), "package greet\n\nconst Word = \"hello\"\n")
	write(t, filepath.Join(mod, "cmd", "hello", "main.go"), "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/hello/greet\"\n)\n\nfunc main() { fmt.Println(greet.Word) }\n")
	git(t, mod, "init", "-q", "-b", "main")
	git(t, mod, "add", "-A")
	git(t, mod, "commit", "-q", "-m", "one")

	first, err := build(mod, "./cmd/hello", bins)
	if err != nil {
		t.Fatal(err)
	}
	if got := output(t, first); got != "hello" {
		t.Fatalf("first build prints %q", got)
	}
	before, err := os.Stat(first)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond) // a relink would show a later mtime
	again, err := build(mod, "./cmd/hello", bins)
	if err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(again)
	if err != nil {
		t.Fatal(err)
	}
	if again != first || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("same sources linked again: %s (%v) then %s (%v)", first, before.ModTime(), again, after.ModTime())
	}

	write(t, filepath.Join(mod, "greet", "greet.go"), "package greet\n\nconst Word = \"bonjour\"\n")
	edited, err := build(mod, "./cmd/hello", bins)
	if err != nil {
		t.Fatal(err)
	}
	if edited == first {
		t.Fatalf("an edited dependency kept the old binary %s", first)
	}
	if got := output(t, edited); got != "bonjour" {
		t.Errorf("the rebuilt binary prints %q, want the edit", got)
	}

	// Another edit of a tree already modified: the build info does not
	// change, only the sources do.
	write(t, filepath.Join(mod, "notes.txt"), "not Go\n")
	if again, err := build(mod, "./cmd/hello", bins); err != nil || again != edited {
		t.Errorf("a file outside the Go sources of a tree already modified relinked: %s, then %s (%v)", edited, again, err)
	}

	git(t, mod, "add", "-A")
	git(t, mod, "commit", "-q", "-m", "two")
	committed, err := build(mod, "./cmd/hello", bins)
	if err != nil {
		t.Fatal(err)
	}
	if committed == edited {
		t.Errorf("a commit (stamped into the build info) kept the binary of the modified tree")
	}
}

// TestEvictsOnlyOldUnusedBinaries: another state's binary is removed once
// no run has asked for it for a day, not before.
func TestEvictsOnlyOldUnusedBinaries(t *testing.T) {
	bins := t.TempDir()
	now := time.Now()
	for name, age := range map[string]time.Duration{"old": 2 * keepUnused, "recent": time.Hour, "current": 3 * keepUnused} {
		dir := filepath.Join(bins, name)
		write(t, filepath.Join(dir, "connlint"), "x")
		write(t, dir+".lock", "")
		if err := os.Chtimes(dir, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	evictUnused(bins, "current", now)
	for name, want := range map[string]bool{"old": false, "old.lock": false, "recent": true, "current": true, "current.lock": true} {
		if _, err := os.Stat(filepath.Join(bins, name)); (err == nil) != want {
			t.Errorf("%s: present %v, want %v", name, err == nil, want)
		}
	}
}
