package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestDeclarationsCacheFolder: by default the standard library
// declarations cache is in the user cache folder, CONNLINT_CACHE=off keeps
// none, CONNLINT_CACHE=DIR moves it; the findings are the same each way,
// and the same again when a run reads what an earlier one stored.
func TestDeclarationsCacheFolder(t *testing.T) {
	t.Parallel()
	dir := copyFixture(t, "gomod")
	runWith := func(env ...string) []byte {
		t.Helper()
		cmd := exec.Command(binary, "--format", "json", "./...")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.Output()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
			t.Fatalf("%v: %v, want exit 1 (findings)\n%s", env, err, out)
		}
		return out
	}
	entries := func(folder string) int {
		found, _ := filepath.Glob(filepath.Join(folder, "*", "*"))
		return len(found)
	}
	userCache, off, moved := t.TempDir(), t.TempDir(), filepath.Join(t.TempDir(), "decls")

	want := runWith("XDG_CACHE_HOME="+off, "CONNLINT_CACHE=off")
	if _, err := os.Stat(filepath.Join(off, "connlint")); !os.IsNotExist(err) {
		t.Errorf("CONNLINT_CACHE=off wrote to the user cache folder (%v)", err)
	}
	// The default folder: a run that stores, then one that reads.
	// The moved one: a run that stores.
	for _, env := range [][]string{{"XDG_CACHE_HOME=" + userCache, "CONNLINT_CACHE="}, {"XDG_CACHE_HOME=" + userCache, "CONNLINT_CACHE="}, {"CONNLINT_CACHE=" + moved}} {
		if got := runWith(env...); !bytes.Equal(got, want) {
			t.Errorf("%v: findings differ from a run without the cache:\n%s\nwant\n%s", env, got, want)
		}
	}
	if n := entries(filepath.Join(userCache, "connlint", "decls")); n < 20 {
		t.Errorf("default folder: %d entries", n)
	}
	if n := entries(moved); n < 20 {
		t.Errorf("CONNLINT_CACHE=%s: %d entries", moved, n)
	}
}
