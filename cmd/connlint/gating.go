package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/internal/gate"
)

// addGateFlags adds the flags that narrow what a run reports to what a
// change introduced.
func addGateFlags(fs *flag.FlagSet, g *gate.Options) {
	fs.StringVar(&g.NewFromRev, "new-from-rev", "", "report only findings on lines added or changed since git revision `REV` (uncommitted and untracked files count as changed)")
	fs.StringVar(&g.NewFromPatch, "new-from-patch", "", "report only findings on lines the unified diff `FILE` adds")
	fs.StringVar(&g.Baseline, "baseline", "", "ignore the findings recorded in `FILE` by `connlint baseline`")
}

// checkGates rejects gate flags that cannot run: one given an empty value
// (an unset variable in CI would silently turn the gate off), flags that
// exclude each other, a patch that is not a diff.
func checkGates(fs *flag.FlagSet, g gate.Options) error {
	var empty []string
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "new-from-rev", "new-from-patch", "baseline":
			if f.Value.String() == "" {
				empty = append(empty, "--"+f.Name)
			}
		}
	})
	if len(empty) > 0 {
		return fmt.Errorf("%s given an empty value (an unset variable?)", strings.Join(empty, ", "))
	}
	return g.Validate()
}

// gateResult applies the gates to res; false means the run cannot go on
// (the message is on stderr).
func gateResult(ctx context.Context, g gate.Options, wd string, res diag.Result, quiet bool, stderr io.Writer) (diag.Result, bool) {
	if !g.Active() {
		return res, true
	}
	g.WorkDir = wd
	before := len(res.Findings)
	out, known, err := gate.Apply(ctx, g, res)
	if err != nil {
		fmt.Fprintf(stderr, "connlint: %v\n", err)
		return res, false
	}
	if msg := gate.Describe(g, before, len(out.Findings), known); msg != "" && !quiet {
		fmt.Fprintf(stderr, "connlint: %s\n", msg)
	}
	return out, true
}
