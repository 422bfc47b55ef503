package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/connlint/connlint/analyzers/ruledoc"
)

func init() {
	commands["rules"] = command{"print every rule: what it flags, why, a bad and a good example", runRules}
}

// runRules is `connlint rules [--format text|markdown|json] [rule ...]`.
func runRules(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("connlint rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: text|markdown|json")
	ids, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitCannot
	}
	rules := ruledoc.Rules
	if len(ids) > 0 {
		rules = nil
		for _, id := range ids {
			r, ok := ruledoc.Lookup(id)
			if !ok {
				var known []string
				for _, r := range ruledoc.Rules {
					known = append(known, r.ID)
				}
				fmt.Fprintf(stderr, "connlint rules: no rule %q (rules: %s)\n", id, strings.Join(known, ", "))
				return exitCannot
			}
			rules = append(rules, r)
		}
	}
	switch *format {
	case "text":
		for i, r := range rules {
			if i > 0 {
				fmt.Fprintln(stdout, "\n"+strings.Repeat("-", 72)+"\n")
			}
			fmt.Fprint(stdout, r.Text())
		}
	case "markdown":
		for i, r := range rules {
			if i > 0 {
				fmt.Fprintln(stdout)
			}
			fmt.Fprint(stdout, r.Markdown())
		}
	case "json":
		type example struct {
			File string `json:"file"`
			Code string `json:"code"`
		}
		type rule struct {
			ID       string             `json:"id"`
			Name     string             `json:"name"`
			Summary  string             `json:"summary"`
			Why      string             `json:"why"`
			Fix      string             `json:"fix"`
			HelpURI  string             `json:"help_uri"`
			Examples map[string]example `json:"examples"`
		}
		var out []rule
		for _, r := range rules {
			out = append(out, rule{r.ID, r.Name, r.Summary, r.Why, r.Fix, r.HelpURI(), map[string]example{
				"go_bad": {r.GoBad.File, r.GoBad.Code}, "go_good": {r.GoGood.File, r.GoGood.Code},
				"ts_bad": {r.TSBad.File, r.TSBad.Code}, "ts_good": {r.TSGood.File, r.TSGood.Code},
			}})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return exitCannot
		}
	default:
		fmt.Fprintf(stderr, "connlint rules: unknown format %q (want text, markdown or json)\n", *format)
		return exitCannot
	}
	return exitClean
}
