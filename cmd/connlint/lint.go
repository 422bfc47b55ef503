package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/internal/gate"
	"github.com/connlint/connlint/internal/lint"
	"github.com/connlint/connlint/internal/output"
)

type lintOptions struct {
	format  string
	config  string
	fix     bool
	tags    string
	quiet   bool
	workers int
	gate    gate.Options // --new-from-rev, --new-from-patch, --baseline
}

func lintFlags(o *lintOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("connlint", flag.ContinueOnError)
	fs.StringVar(&o.format, "format", "text", "output format: "+strings.Join(output.Names(), "|"))
	fs.StringVar(&o.config, "config", "", "config file (default: nearest .connlint.yml upward from the working directory)")
	fs.BoolVar(&o.fix, "fix", false, "apply suggested fixes")
	fs.StringVar(&o.tags, "tags", "", "Go build tags, comma-separated")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress on stderr")
	fs.IntVar(&o.workers, "workers", 0, "parallel workers for TS/JS files (default: all cores)")
	addGateFlags(fs, &o.gate)
	return fs
}

// parseInterspersed parses flags wherever they stand among the patterns,
// as users write `connlint ./... --format json`.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func runLint(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var o lintOptions
	fs := lintFlags(&o)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(stderr) }
	patterns, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitCannot
	}
	if err := checkGates(fs, o.gate); err != nil {
		fmt.Fprintf(stderr, "connlint: %v\n", err)
		return exitCannot
	}
	write, err := output.Lookup(o.format)
	if err != nil {
		fmt.Fprintf(stderr, "connlint: %v\n", err)
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
		WorkDir:  wd,
		Patterns: patterns,
		Tags:     o.tags,
		Config:   cfg,
		Workers:  o.workers,
		Progress: progressLine(stderr, o.quiet),
	})
	clearProgress(stderr, o.quiet)
	if err != nil && !lint.Partial(err) {
		fmt.Fprintf(stderr, "connlint: %v\n", err)
		explainUnknown(stderr, err)
		return exitCannot
	}
	if o.fix {
		fixed, ferr := lint.ApplyFixes(res.Findings)
		if ferr != nil {
			fmt.Fprintf(stderr, "connlint: %v\n", ferr)
			return exitCannot
		}
		res.Findings = slices.DeleteFunc(res.Findings, func(f diag.Finding) bool { return slices.ContainsFunc(fixed, f.SameAs) })
		if len(fixed) > 0 && !o.quiet {
			fmt.Fprintf(stderr, "connlint: fixed %d finding(s)\n", len(fixed))
		}
	}
	res, ok := gateResult(ctx, o.gate, wd, res, o.quiet, stderr)
	if !ok {
		return exitCannot
	}
	if werr := write(stdout, stderr, res); werr != nil {
		fmt.Fprintf(stderr, "connlint: %v\n", werr)
		return exitCannot
	}
	if lint.Partial(err) {
		fmt.Fprintf(stderr, "connlint: %v\n", err)
		return exitCannot
	}
	// A package or file that could not be checked fails the run after
	// the rest is checked and reported: a clean exit would claim it is
	// free of problems.
	if len(res.Errors) > 0 {
		return exitCannot
	}
	if len(res.Findings) > 0 {
		return exitFindings
	}
	return exitClean
}
