// Package testlock lets tests that reuse a folder between runs (to keep
// Go's build cache warm) hold it alone: a second `go test` of the same
// checkout running at the same time waits instead of rewriting files the
// first one is building or running.
package testlock

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Hold takes an exclusive lock on dir (through dir+".lock", so dir itself
// may be removed and made again) until the test ends.
func Hold(t testing.TB, dir string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	lock, err := os.OpenFile(dir+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		lock.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
		lock.Close()
	})
}
