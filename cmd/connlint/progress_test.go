package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// openPTY opens a pseudo-terminal pair: a program given the slave as
// stderr sees a terminal.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Fatal(e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Fatal(e)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	return m, s
}

// stderrOnTerminal runs connlint with stderr on a terminal and returns
// what the terminal showed.
func stderrOnTerminal(t *testing.T, dir string, args ...string) string {
	t.Helper()
	master, slave := openPTY(t)
	defer master.Close()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Stdout = io.Discard
	cmd.Stderr = slave
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	var screen bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&screen, master); close(done) }() // ends with EIO when the program exits
	cmd.Wait()
	<-done
	return screen.String()
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	dir := copyFixture(t, "gomod")
	if screen := stderrOnTerminal(t, dir, "./..."); !strings.Contains(screen, "connlint: Go packages ") || !strings.Contains(screen, "\r\x1b[K") {
		t.Errorf("no progress line on a terminal: %q", screen)
	}
	if screen := stderrOnTerminal(t, dir, "--quiet", "./..."); strings.Contains(screen, "connlint: Go packages") {
		t.Errorf("progress despite --quiet: %q", screen)
	}
	_, stderr, _ := connlint(t, dir, "./...")
	if strings.Contains(stderr, "Go packages") || strings.Contains(stderr, "\r") {
		t.Errorf("progress on a pipe: %q", stderr)
	}
}
