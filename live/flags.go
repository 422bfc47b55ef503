package live

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/connlint/connlint/live/engine"
)

// setFlags returns the names of the flags given on the command line, so a
// flag given with its default value ("--watch 0s") can be told from one
// left out.
func setFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// options checks the flags and turns them into evaluation options. Every
// value that cannot mean what the user wants is a usage error (exit 3),
// never a check that silently does something else.
func (f *checkFlags) options(set map[string]bool) (Options, error) {
	var o Options
	var err error
	if o.Warn, err = ParseThreshold(f.warn); err != nil {
		return o, fmt.Errorf("--warn: %v", err)
	}
	if o.Crit, err = ParseThreshold(f.crit); err != nil {
		return o, fmt.Errorf("--crit: %v", err)
	}
	if o.Warn.Kind == o.Crit.Kind && o.Warn.Kind != Remaining && o.Warn.Value > o.Crit.Value ||
		o.Warn.Kind == Remaining && o.Crit.Kind == Remaining && o.Warn.Value < o.Crit.Value {
		return o, fmt.Errorf("--warn %s is beyond --crit %s: WARNING would never show", o.Warn, o.Crit)
	}
	if o.Budgets, err = parseBudgets(f.budgets.vals); err != nil {
		return o, err
	}
	if o.Plan, err = loadPlan(f.plan, f.planApps.vals); err != nil {
		return o, err
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"idle-older", f.idleOlder}, {"idle-txn-older", f.idleTxnOlder}, {"timeout", f.timeout}, {"watch", f.watch}} {
		if set[d.name] && d.v <= 0 {
			return o, fmt.Errorf("--%s %s: want a duration above zero such as 10s (leave the flag out to %s)", d.name, d.v, offMeaning[d.name])
		}
	}
	o.IdleOlder, o.IdleTxnOlder = f.idleOlder, f.idleTxnOlder
	switch {
	case f.count < 0:
		return o, fmt.Errorf("--count %d: want a number of polls, 0 or more", f.count)
	case set["count"] && f.watch == 0:
		return o, fmt.Errorf("--count needs --watch: it is the number of polls a watch makes")
	case f.leakSamples < 3:
		return o, fmt.Errorf("--leak-samples %d: a leak must span at least 3 samples", f.leakSamples)
	case set["leak-samples"] && f.watch == 0 && f.listen == "":
		return o, fmt.Errorf("--leak-samples needs --watch or --listen: a single check keeps no history")
	case f.watch > 0 && f.listen != "":
		return o, fmt.Errorf("--watch and --listen: choose one (the exporter polls on every scrape)")
	case set["format"] && f.listen != "" && f.format != "prometheus":
		return o, fmt.Errorf("--format %s with --listen: the exporter serves the Prometheus format only", f.format)
	}
	switch f.format {
	case "text", "json", "nagios", "prometheus":
	default:
		return o, fmt.Errorf("--format %q: want text, json, nagios or prometheus", f.format)
	}
	return o, nil
}

// offMeaning says what leaving a duration flag out means, for the error.
var offMeaning = map[string]string{
	"idle-older":     "turn the idle check off",
	"idle-txn-older": "turn the idle-in-transaction check off",
	"timeout":        "keep the default of 10s",
	"watch":          "check once",
}

// parseBudgets reads every --budget and rejects a budget given twice for
// the same application (or user): which limit would hold?
func parseBudgets(vals []string) ([]Budget, error) {
	var out []Budget
	seen := map[string]string{}
	for _, v := range vals {
		b, err := ParseBudget(v)
		if err != nil {
			return nil, err
		}
		key := b.kind(false) + ":" + b.Name
		if prev, ok := seen[key]; ok {
			return nil, fmt.Errorf("--budget %s and --budget %s: two budgets for %s %q; give one", prev, v, b.kindWord(false), b.Name)
		}
		seen[key] = v
		out = append(out, b)
	}
	return out, nil
}

// redactingWriter masks passwords in what the flag package prints: it
// quotes a bad value verbatim ("invalid value ... for flag -timeout"), and
// that value may be a DSN given to the wrong flag.
type redactingWriter struct{ w io.Writer }

func (r redactingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, engine.Redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
