package main

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

func init() {
	commands["version"] = command{"print the version and the VCS revision connlint was built from", runVersion}
}

// runVersion is `connlint version` (and `connlint --version`).
func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "connlint version: takes no arguments, got %q\n", args)
		return exitCannot
	}
	info, _ := debug.ReadBuildInfo() // nil without build info
	fmt.Fprintln(stdout, versionLine(info))
	return exitClean
}

// versionLine describes a build in one line: the module version (or
// "(devel)" for a build from a source tree that Go could not version), the
// VCS revision with "+dirty" when the tree had changes, the commit time, and
// the Go toolchain and platform.
//
//	connlint v0.3.0 go1.26.0 linux/amd64
//	connlint v0.0.0-20260502100000-3f9c2a1b7d4e+dirty revision 3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345+dirty 2026-05-02T10:00:00Z go1.26.0 linux/amd64
//	connlint (devel) go1.26.0 linux/amd64 (built without VCS information: ...)
func versionLine(info *debug.BuildInfo) string {
	version := "(devel)"
	settings := map[string]string{}
	goVersion := runtime.Version()
	if info != nil {
		if v := info.Main.Version; v != "" {
			version = v
		}
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		if info.GoVersion != "" {
			goVersion = info.GoVersion
		}
	}
	parts := []string{"connlint", version}
	if rev := settings["vcs.revision"]; rev != "" {
		if settings["vcs.modified"] == "true" {
			rev += "+dirty"
		}
		parts = append(parts, "revision", rev)
		if t := settings["vcs.time"]; t != "" {
			parts = append(parts, t)
		}
	}
	parts = append(parts, goVersion, runtime.GOOS+"/"+runtime.GOARCH)
	if version == "(devel)" && settings["vcs.revision"] == "" {
		parts = append(parts, "(built without VCS information: -buildvcs=false, or not from a git checkout)")
	}
	return strings.Join(parts, " ")
}
