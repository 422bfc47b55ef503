package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGateInputsThatCannotRun: a gate that cannot say what changed stops
// the run with exit 2 before anything is reported. Read as "no change", an
// empty or garbled patch hid every finding with exit 0, so a failed
// `git diff > pr.patch` passed the CI gate.
func TestGateInputsThatCannotRun(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	dir := writeTree(t, map[string]string{"go.mod": goMod, "store/ping.go": "package store\n"})
	gitCmd(t, dir, "init", "-q", "-b", "main")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "base")
	if err := os.WriteFile(filepath.Join(dir, "store", "store.go"), []byte(leakyStore), 0o644); err != nil {
		t.Fatal(err)
	}
	gitCmd(t, dir, "add", "-A")
	patches := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(patches, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.patch", gitCmd(t, dir, "diff", "--cached"))
	// What `git diff nosuchrev > pr.patch` leaves, and with 2>&1.
	failed, _ := shell(t, dir, t.TempDir(), "git diff nosuchrev > "+filepath.Join(patches, "failed.patch")+" || true")
	if !strings.Contains(failed, "nosuchrev") {
		t.Fatalf("git diff nosuchrev did not fail: %s", failed)
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"empty patch file", []string{"--new-from-patch", write("empty.patch", "")}, "the patch is empty, not a unified diff"},
		{"patch left by a failed git diff", []string{"--new-from-patch", filepath.Join(patches, "failed.patch")}, "the patch is empty"},
		{"git's error message as the patch", []string{"--new-from-patch", write("err.patch", failed)}, "not a unified diff"},
		{"JSON as the patch", []string{"--new-from-patch", write("x.json", `{"findings":[]}`+"\n")}, "not a unified diff"},
		{"hunk without a file header", []string{"--new-from-patch", write("hunk.patch", "@@ -1 +1 @@\n-a\n+b\n")}, "a hunk before any file header"},
		{"missing patch file", []string{"--new-from-patch", filepath.Join(patches, "nope.patch")}, "no such file or directory"},
		{"rev and patch together", []string{"--new-from-rev", "HEAD", "--new-from-patch", good}, "--new-from-rev and --new-from-patch both say what changed: give one of them"},
		{"empty patch flag", []string{"--new-from-patch", ""}, "--new-from-patch given an empty value"},
		{"empty rev flag", []string{"--new-from-rev="}, "--new-from-rev given an empty value"},
		{"empty baseline flag", []string{"--baseline", ""}, "--baseline given an empty value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := connlint(t, dir, append([]string{"--format", "json", "./..."}, tc.args...)...)
			if code != 2 || !strings.Contains(stderr, tc.want) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing on stdout, and %q", code, stdout, stderr, tc.want)
			}
		})
	}

	// What still runs: the good patch reports the leak it adds; a patch
	// that only deletes a file is a diff with no added line; with no
	// change since a revision nothing is new.
	if out, stderr, code := connlint(t, dir, "--format", "json", "--new-from-patch", good, "./..."); code != 1 || len(findingsOf(t, out)) != 1 {
		t.Errorf("good patch: exit %d %s %s", code, out, stderr)
	}
	deletion := write("delete.patch", "diff --git a/store/ping.go b/store/ping.go\ndeleted file mode 100644\n--- a/store/ping.go\n+++ /dev/null\n@@ -1 +0,0 @@\n-package store\n")
	if out, stderr, code := connlint(t, dir, "--format", "json", "--new-from-patch", deletion, "./..."); code != 0 || len(findingsOf(t, out)) != 0 {
		t.Errorf("deletion-only patch: exit %d %s %s", code, out, stderr)
	}
	gitCmd(t, dir, "commit", "-q", "-m", "store")
	if out, stderr, code := connlint(t, dir, "--format", "json", "--new-from-rev", "HEAD", "./..."); code != 0 || len(findingsOf(t, out)) != 0 {
		t.Errorf("--new-from-rev HEAD with no change: exit %d %s %s", code, out, stderr)
	}
}
