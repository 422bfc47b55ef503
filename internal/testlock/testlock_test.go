package testlock

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// tryLock reports whether another open of the lock file can take it now.
func tryLock(t *testing.T, dir string) bool {
	f, err := os.OpenFile(dir+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return false
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return true
}

func TestHeldUntilTheTestEnds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "build")
	t.Run("holder", func(t *testing.T) {
		Hold(t, dir)
		if tryLock(t, dir) {
			t.Error("the folder could be locked again while held")
		}
	})
	if !tryLock(t, dir) {
		t.Error("the lock was not released when the holding test ended")
	}
}
