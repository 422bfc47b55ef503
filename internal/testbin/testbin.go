// Package testbin gives tests the connlint binary built from this checkout.
//
// Five test packages run the binary. Each used to link its own copy, and a
// link of connlint (cgo, external linker) costs seconds of CPU: more than
// most of the tests that use it. Here the binary is linked once per state of
// its sources and kept under the user cache between runs:
//
//   - the key is the build ID go list gives cmd/connlint's compiled package
//     (it covers every dependency's sources, build flags and the toolchain),
//     plus the git state the linker stamps into the build info (HEAD and
//     whether the tree is modified) and the environment the link reads;
//   - a file lock makes two `go test` runs at once wait for one link;
//   - the binary is renamed into place, so no one runs a half-written file.
//
// A changed source gives a new key and a new link, as `go build` would.
package testbin

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// keepUnused is how long a binary no run has asked for stays in the cache.
const keepUnused = 24 * time.Hour

// Connlint returns the path of cmd/connlint built from the module at root
// (the repository's top folder), linking it only when no run has linked the
// same sources before.
func Connlint(root string) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	return build(root, "./cmd/connlint", filepath.Join(cache, "connlint-test", "bin"))
}

// build links the main package pkg of the module at root into a folder
// of bins named by the sources' key, unless it is there already.
func build(root, pkg, bins string) (string, error) {
	key, err := sourceKey(root, pkg)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(bins, key)
	bin := filepath.Join(dir, filepath.Base(pkg))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	unlock, err := lock(dir + ".lock")
	if err != nil {
		return "", err
	}
	defer unlock()
	now := time.Now()
	if _, err := os.Stat(bin); err == nil {
		_ = os.Chtimes(dir, now, now) // still in use: keep it
		return bin, nil
	}
	tmp := bin + ".tmp"
	link := exec.Command("go", "build", "-o", tmp, pkg)
	link.Dir = root
	if out, err := link.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
	}
	if err := os.Rename(tmp, bin); err != nil {
		return "", err
	}
	evictUnused(bins, key, now)
	return bin, nil
}

// sourceKey names the state of the sources and of everything the build
// reads besides them.
func sourceKey(root, pkg string) (string, error) {
	h := sha256.New()
	list := exec.Command("go", "list", "-export", "-f", "{{.BuildID}}", pkg)
	list.Dir = root
	var stderr bytes.Buffer
	list.Stderr = &stderr
	id, err := list.Output()
	if err != nil {
		return "", fmt.Errorf("go list -export %s: %v\n%s", pkg, err, stderr.String())
	}
	h.Write(id)
	env := exec.Command("go", "env", "GOVERSION", "GOFLAGS", "GOOS", "GOARCH", "CGO_ENABLED", "CC", "CGO_LDFLAGS", "GOAMD64")
	env.Dir = root
	out, err := env.Output()
	if err != nil {
		return "", fmt.Errorf("go env: %v", err)
	}
	h.Write(out)
	// The linker stamps vcs.revision and vcs.modified (unless
	// -buildvcs=false): a commit, or the tree turning clean or modified,
	// changes what `connlint version` prints. Which files are modified
	// does not.
	git := func(args ...string) []byte {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		out, _ := cmd.Output()
		return out
	}
	h.Write(git("rev-parse", "HEAD"))
	fmt.Fprintf(h, "modified=%v\n", len(git("status", "--porcelain", "--untracked-files=all")) > 0)
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// lock takes an exclusive lock on path until unlock is called.
func lock(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// evictUnused removes the binaries of other source states that no run has
// used for keepUnused. A run still using one keeps its open file: Linux
// unlinks, it does not pull the file away.
func evictUnused(bins, keep string, now time.Time) {
	entries, err := os.ReadDir(bins)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == keep || strings.HasSuffix(e.Name(), ".lock") {
			continue
		}
		info, err := e.Info()
		if err != nil || now.Sub(info.ModTime()) < keepUnused {
			continue
		}
		os.RemoveAll(filepath.Join(bins, e.Name()))
		os.Remove(filepath.Join(bins, e.Name()+".lock"))
	}
}
