// Package livetest starts and finds the real servers connlint live's tests
// run against: a throwaway PostgreSQL cluster (initdb + postgres, run as an
// unprivileged user, unix socket in a temp dir), PgBouncer from the Debian
// package, and the machine's MariaDB and Redis.
//
// Without a server a test skips with the reason; with CONNLINT_REQUIRE_DB=1
// (CI) the same condition fails the test instead.
package livetest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
)

// Required reports whether CONNLINT_REQUIRE_DB asks for every server.
func Required() bool {
	v := os.Getenv("CONNLINT_REQUIRE_DB")
	return v != "" && v != "0" && v != "false"
}

// Unavailable skips t with the reason, or fails it when servers are required.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if Required() {
		t.Fatalf("CONNLINT_REQUIRE_DB is set but: %s", msg)
	}
	t.Skip(msg)
}

var uniqueSeq atomic.Int64

// Unique returns prefix with this process's id and a counter appended: a
// name (client name, application name, user) no other test, in this
// process or in another test binary running beside it, uses. Counting by
// such a name is the only count a test may rely on on a shared server.
func Unique(prefix string) string {
	return fmt.Sprintf("%s-%d-%d", prefix, os.Getpid(), uniqueSeq.Add(1))
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// serviceUser is the unprivileged account servers run as when the tests run
// as root (initdb and pgbouncer refuse root).
type serviceUser struct {
	uid, gid uint32
	name     string
	asSelf   bool
}

func findServiceUser() (serviceUser, error) {
	if os.Geteuid() != 0 {
		return serviceUser{asSelf: true, uid: uint32(os.Getuid()), gid: uint32(os.Getgid())}, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		return serviceUser{uid: uint32(uid), gid: uint32(gid), name: name}, nil
	}
	return serviceUser{}, fmt.Errorf("running as root and no unprivileged user (postgres, nobody) to run the servers as")
}

// command prepares cmd to run as the service user, and to be killed when
// the test process dies (so a panic leaves no server behind).
func (s serviceUser) command(cmd *exec.Cmd) {
	attr := &syscall.SysProcAttr{Pdeathsig: syscall.SIGQUIT, Setpgid: true}
	if !s.asSelf {
		attr.Credential = &syscall.Credential{Uid: s.uid, Gid: s.gid}
	}
	cmd.SysProcAttr = attr
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
}

// tempDir makes a short temp dir (unix socket paths are limited to ~107
// bytes) owned by the service user.
func (s serviceUser) tempDir(prefix string) (string, error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", err
	}
	if !s.asSelf {
		if err := os.Chown(dir, int(s.uid), int(s.gid)); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	return dir, os.Chmod(dir, 0o755)
}

// pgBinDir finds the PostgreSQL server binaries: $CONNLINT_PG_BIN, else the
// newest /usr/lib/postgresql/*/bin holding initdb, else initdb on PATH.
func pgBinDir() (string, error) {
	if d := os.Getenv("CONNLINT_PG_BIN"); d != "" {
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) > versionOf(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("no PostgreSQL server binaries (initdb) in /usr/lib/postgresql/*/bin or on PATH; install postgresql")
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}
