package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/internal/gate"
	"github.com/connlint/connlint/internal/lint"
)

func init() {
	commands["baseline"] = command{"record today's findings in " + gate.DefaultBaseline + "; lint with --baseline FILE to ignore them", runBaseline}
}

// runBaseline is `connlint baseline [--output FILE] [lint flags] [pattern ...]`:
// it checks what the patterns name and records every finding.
func runBaseline(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var o lintOptions
	fs := lintFlags(&o)
	fs.Init("connlint baseline", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outFile := fs.String("output", gate.DefaultBaseline, "baseline file to write")
	patterns, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitCannot
	}
	if o.gate.Active() || o.fix {
		fmt.Fprintln(stderr, "connlint baseline: records every finding; --new-from-rev, --new-from-patch, --baseline and --fix do not apply")
		return exitCannot
	}
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "connlint: %v\n", err)
		return exitCannot
	}
	cfg, err := config.Discover(wd, o.config)
	if err != nil {
		fmt.Fprintf(stderr, "connlint: config: %v\n", err)
		return exitCannot
	}
	res, err := lint.Run(ctx, lint.Options{
		WorkDir: wd, Patterns: patterns, Tags: o.tags, Config: cfg, Workers: o.workers,
		Progress: progressLine(stderr, o.quiet),
	})
	clearProgress(stderr, o.quiet)
	if err != nil {
		fmt.Fprintf(stderr, "connlint: %v\n", err)
		return exitCannot
	}
	for _, e := range res.Errors {
		fmt.Fprintf(stderr, "connlint: %s: %s (not checked, so not recorded)\n", e.File, e.Message)
	}
	b, err := gate.NewBaseline(*outFile, wd, res.Findings)
	if err == nil {
		err = b.Write(*outFile)
	}
	if err != nil {
		fmt.Fprintf(stderr, "connlint baseline: %v\n", err)
		return exitCannot
	}
	fmt.Fprintf(stdout, "connlint: recorded %d finding(s) in %s; run `connlint --baseline %s` to report only new ones\n", len(res.Findings), *outFile, *outFile)
	return exitClean
}
