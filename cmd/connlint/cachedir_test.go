package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/connlint/connlint/internal/testlock"
)

// lockedCacheDir returns a folder under the user's cache that is the same
// for every run of the named test from the checkout at root, and holds an
// exclusive lock on it until the test ends: a second `go test` of the same
// checkout running at the same time waits instead of building in the
// middle of this one's files.
func lockedCacheDir(t *testing.T, root, name string) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	sum := sha256.Sum256([]byte(root))
	dir := filepath.Join(cache, "connlint-test", name+"-"+hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	testlock.Hold(t, dir)
	return dir
}
