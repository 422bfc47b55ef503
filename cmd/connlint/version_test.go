package main

import (
	"os/exec"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionLine(t *testing.T) {
	platform := " " + runtime.GOOS + "/" + runtime.GOARCH
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"released module", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.3.0"}},
			"connlint v0.3.0 go1.26.0" + platform},
		{"from a git checkout with changes", &debug.BuildInfo{GoVersion: "go1.26.0",
			Main: debug.Module{Version: "v0.0.0-20260502100000-3f9c2a1b7d4e+dirty"},
			Settings: []debug.BuildSetting{
				{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345"},
				{Key: "vcs.time", Value: "2026-05-02T10:00:00Z"}, {Key: "vcs.modified", Value: "true"},
			}},
			"connlint v0.0.0-20260502100000-3f9c2a1b7d4e+dirty revision 3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345+dirty 2026-05-02T10:00:00Z go1.26.0" + platform},
		{"devel with a clean revision", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "false"}}},
			"connlint (devel) revision abc go1.26.0" + platform},
		{"devel without VCS information", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}},
			"connlint (devel) go1.26.0" + platform + " (built without VCS information: -buildvcs=false, or not from a git checkout)"},
	} {
		if got := versionLine(tc.info); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

// TestVersionCommand: `connlint version` and `connlint --version` print
// what the Go toolchain recorded in the binary (go version -m reads the
// same build info).
func TestVersionCommand(t *testing.T) {
	checkVersionOutput(t, binary)
	dir := t.TempDir()
	if _, stderr, code := connlint(t, dir, "version", "extra"); code != 2 || !strings.Contains(stderr, "takes no arguments") {
		t.Errorf("connlint version extra: exit %d %q, want 2", code, stderr)
	}
}

// checkVersionOutput runs bin version and bin --version and holds their
// line to the build info go version -m reads from bin.
func checkVersionOutput(t *testing.T, bin string) {
	t.Helper()
	m, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatalf("go version -m: %v", err)
	}
	field := func(re string) string {
		if f := regexp.MustCompile(`(?m)^\s+` + re + `\s*$`).FindSubmatch(m); f != nil {
			return string(f[1])
		}
		return ""
	}
	mainVersion := field(`mod\s+github.com/connlint/connlint\s+(\S+)(?:\s+\S+)?`)
	rev, modified, vcsTime := field(`build\s+vcs.revision=(\S+)`), field(`build\s+vcs.modified=(\S+)`), field(`build\s+vcs.time=(\S+)`)
	want := "connlint " + mainVersion + " "
	if rev != "" {
		if modified == "true" {
			rev += "+dirty"
		}
		want += "revision " + rev + " " + vcsTime + " "
	}
	want += runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH
	for _, args := range [][]string{{"version"}, {"--version"}} {
		cmd := exec.Command(bin, args...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %s: %v", bin, args[0], err)
		}
		got := strings.TrimSpace(string(out))
		if !strings.HasPrefix(got, want) || (rev == "") != strings.Contains(got, "without VCS information") && mainVersion == "(devel)" {
			t.Errorf("connlint %s: %q, want %q (go version -m:\n%s)", args[0], got, want, m)
		}
	}
}
