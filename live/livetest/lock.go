package livetest

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// lock takes a file lock shared between test binaries of this module, so a
// test that changes a server-wide setting (MariaDB's max_connections,
// Redis's maxclients) never runs while another package's test counts on
// the same server. Tests that only read hold it shared; tests that change
// a global hold it exclusive. Released when the test ends.
func lock(t testing.TB, name string, exclusive bool) {
	t.Helper()
	path := filepath.Join(os.TempDir(), "connlint-livetest-"+name+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		t.Fatalf("lock %s: %v", path, err)
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		t.Fatalf("lock %s: %v", path, err)
	}
	t.Cleanup(func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	})
}
