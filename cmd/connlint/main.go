// Command connlint finds database connection exhaustion before it ships
// (static checks of Go and TS/JS code) and watches for it in production
// (`connlint live`).
//
//	connlint [flags] [pattern ...]      lint Go packages and TS/JS files (default ./...)
//	connlint live --dsn URL [flags]     check live connection counts
//	connlint help                       usage
//	connlint --version                  version and VCS revision
//
// Run as `go vet -vettool=$(command -v connlint)`, it speaks go vet's
// protocol and runs the Go analyzers.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/connlint/connlint/analyzers/release"
	"github.com/connlint/connlint/analyzers/singleton"
	"github.com/connlint/connlint/internal/heapfloor"
)

// Exit statuses of the lint command (DESIGN.md).
const (
	exitClean    = 0
	exitFindings = 1
	exitCannot   = 2
)

// A command is a subcommand of connlint.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands are the subcommands; an argument that names none of them is a
// lint pattern.
var commands = map[string]command{}

func main() {
	heapfloor.Set(heapfloor.Default)
	if isVetTool(os.Args[1:]) {
		unitchecker.Main(singleton.Analyzer, release.Analyzer) // never returns
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			return cmd.run(ctx, args[1:], stdout, stderr)
		}
		switch args[0] {
		case "help":
			usage(stdout)
			return exitClean
		case "--version", "-version":
			return runVersion(ctx, args[1:], stdout, stderr)
		}
	}
	return runLint(ctx, args, stdout, stderr)
}

func init() {
	commands["live"] = command{"check live connection counts (PostgreSQL, MySQL/MariaDB, PgBouncer, Redis)", runLive}
}

func runLive(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return liveMain(ctx, args, stdout, stderr)
}

// isVetTool reports whether go vet is driving us: it asks for -V=full and
// -flags, then passes one JSON .cfg file describing a package.
func isVetTool(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "-flags" {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") && fileExists(args[len(args)-1])
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

func usage(w io.Writer) {
	fmt.Fprint(w, `connlint: find database connection exhaustion before it ships, and watch for it live.

Usage:
  connlint [flags] [pattern ...]   check Go packages and TS/JS files (default ./...)
  connlint --version               print the version (also: connlint version)
`)
	for _, name := range sortedCommands() {
		fmt.Fprintf(w, "  connlint %-24s%s\n", name, commands[name].summary)
	}
	fmt.Fprint(w, `
Lint flags:
`)
	fs := lintFlags(new(lintOptions))
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, `
Exit status: 0 no findings, 1 findings, 2 could not run.
As a vet tool: go vet -vettool=$(command -v connlint) ./...
`)
}
