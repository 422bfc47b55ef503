// Command corpus measures a connlint binary on labelled real projects.
//
//	corpus tally  -connlint BIN -corpus DIR [-repos a,b] [-out DIR]
//	corpus mutate -connlint BIN -corpus DIR [-specs DIR] [-only ID,ID] [-out DIR]
//
// tally lints every project that has DIR/labels/<project>.tsv and prints
// true positives, false positives and misses against the labels; mutate
// runs the YAML mutation specs (default DIR/mutations/*.yml) and prints
// which were caught. See bench/corpus/README.md.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/connlint/connlint/bench/corpus"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "tally":
		err = tally(os.Args[2:])
	case "mutate":
		err = mutate(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(2)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: corpus tally|mutate -connlint BIN -corpus DIR [flags]")
	os.Exit(2)
}

type common struct {
	bin, root, out string
	timeout        time.Duration
}

func (c *common) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.bin, "connlint", "", "connlint binary to measure")
	fs.StringVar(&c.root, "corpus", "", "corpus directory (projects, labels/, mutations/)")
	fs.StringVar(&c.out, "out", "", "also write the results as JSON into this directory")
	fs.DurationVar(&c.timeout, "timeout", 10*time.Minute, "limit for one connlint run")
}

func (c *common) check() error {
	if c.bin == "" || c.root == "" {
		return fmt.Errorf("-connlint and -corpus are required")
	}
	var err error
	if c.bin, err = filepath.Abs(c.bin); err != nil {
		return err
	}
	c.root, err = filepath.Abs(c.root)
	return err
}

func tally(args []string) error {
	var c common
	fs := flag.NewFlagSet("tally", flag.ExitOnError)
	c.flags(fs)
	only := fs.String("repos", "", "comma-separated projects (default: every labelled one)")
	_ = fs.Parse(args)
	if err := c.check(); err != nil {
		return err
	}
	repos, err := corpus.LabelledRepos(c.root)
	if err != nil {
		return err
	}
	if *only != "" {
		repos = strings.Split(*only, ",")
	}
	var results []corpus.RepoResult
	for _, repo := range repos {
		ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
		fmt.Fprintf(os.Stderr, "linting %s...\n", repo)
		results = append(results, corpus.Tally(ctx, c.bin, c.root, repo))
		cancel()
	}
	printTally(os.Stdout, c.bin, results)
	return writeJSON(c.out, "tally.json", results)
}

func printTally(w io.Writer, bin string, results []corpus.RepoResult) {
	fmt.Fprintf(w, "## Findings against the labels (%s)\n\n", bin)
	fmt.Fprintln(w, "| project | exit | secs | errors | findings | TP | FP | debatable | missed | due | precision | recall |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|---|---|")
	var tp, fp, deb, miss, due, found int
	for _, r := range results {
		if r.Err != "" {
			fmt.Fprintf(w, "| %s | error: %s |\n", r.Repo, oneLine(r.Err))
			continue
		}
		s := r.Score
		fmt.Fprintf(w, "| %s | %d | %.1f | %d | %d | %d | %d | %d | %d | %d | %s | %s |\n",
			r.Repo, r.Run.Exit, time.Duration(r.Run.Elapsed).Seconds(), len(r.Run.Errors), len(r.Run.Findings),
			len(s.TruePositives), len(s.FalsePositives), len(s.Debatable), len(s.Misses), s.Flags,
			ratio(len(s.TruePositives), len(s.TruePositives)+len(s.FalsePositives)), ratio(len(s.TruePositives), s.Flags))
		tp, fp, deb, miss, due, found = tp+len(s.TruePositives), fp+len(s.FalsePositives), deb+len(s.Debatable), miss+len(s.Misses), due+s.Flags, found+len(r.Run.Findings)
	}
	fmt.Fprintf(w, "| **total** | | | | %d | %d | %d | %d | %d | %d | %s | %s |\n\n",
		found, tp, fp, deb, miss, due, ratio(tp, tp+fp), ratio(tp, due))
	for _, r := range results {
		s := r.Score
		if len(s.FalsePositives)+len(s.Misses)+len(r.Run.Errors) == 0 {
			continue
		}
		fmt.Fprintf(w, "### %s\n\n", r.Repo)
		for _, m := range s.FalsePositives {
			why := m.Note
			if m.Label != nil {
				why = oneLine(strings.TrimSpace(m.Note + " " + m.Label.Reason))
			}
			fmt.Fprintf(w, "- FP `%s:%d` %s: %s\n  - label: %s\n", m.Finding.File, m.Finding.Line, m.Finding.Rule, oneLine(m.Finding.Message), why)
		}
		for _, l := range s.Misses {
			fmt.Fprintf(w, "- MISS `%s:%d` %s: %s\n", l.File, l.Line, l.Rule, oneLine(l.Reason))
		}
		for _, e := range r.Run.Errors {
			fmt.Fprintf(w, "- ERROR `%s`: %s\n", e.File, oneLine(e.Message))
		}
		fmt.Fprintln(w)
	}
}

func mutate(args []string) error {
	var c common
	fs := flag.NewFlagSet("mutate", flag.ExitOnError)
	c.flags(fs)
	specs := fs.String("specs", "", "spec directory or file (default: CORPUS/mutations)")
	only := fs.String("only", "", "comma-separated mutation ids")
	tmp := fs.String("tmp", "", "where project copies are made (default: CORPUS/.mutate-tmp, on the same file system for hard links)")
	_ = fs.Parse(args)
	if err := c.check(); err != nil {
		return err
	}
	files, err := specFiles(*specs, c.root)
	if err != nil {
		return err
	}
	if *tmp == "" {
		*tmp = filepath.Join(c.root, ".mutate-tmp")
	}
	if err := os.MkdirAll(*tmp, 0o755); err != nil {
		return err
	}
	want := map[string]bool{}
	for _, id := range strings.Split(*only, ",") {
		if id != "" {
			want[id] = true
		}
	}
	var outcomes []corpus.Outcome
	for _, f := range files {
		sf, err := corpus.ReadSpecs(f)
		if err != nil {
			return err
		}
		if len(want) > 0 {
			sf.Mutations = filterMutations(sf.Mutations, want)
			if len(sf.Mutations) == 0 {
				continue
			}
		}
		fmt.Fprintf(os.Stderr, "mutating %s (%d specs)...\n", sf.Repo, len(sf.Mutations))
		ctx, cancel := context.WithTimeout(context.Background(), c.timeout*time.Duration(len(sf.Mutations)+1))
		got, err := corpus.Mutate(ctx, c.bin, c.root, *tmp, sf)
		cancel()
		if err != nil {
			return fmt.Errorf("%s: %v", f, err)
		}
		outcomes = append(outcomes, got...)
	}
	printOutcomes(os.Stdout, c.bin, outcomes)
	return writeJSON(c.out, "mutations.json", outcomes)
}

func specFiles(arg, root string) ([]string, error) {
	if arg == "" {
		arg = filepath.Join(root, "mutations")
	}
	st, err := os.Stat(arg)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{arg}, nil
	}
	return filepath.Glob(filepath.Join(arg, "*.yml"))
}

func filterMutations(ms []corpus.Mutation, want map[string]bool) []corpus.Mutation {
	var out []corpus.Mutation
	for _, m := range ms {
		if want[m.ID] {
			out = append(out, m)
		}
	}
	return out
}

func printOutcomes(w io.Writer, bin string, outcomes []corpus.Outcome) {
	fmt.Fprintf(w, "## Mutations (%s)\n\n", bin)
	fmt.Fprintln(w, "| id | project | file | expected | status | what changed otherwise |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, o := range outcomes {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", o.ID, o.Repo, o.File, expected(o), o.Status, otherwise(o))
	}
	fmt.Fprintf(w, "\n%d mutations: %s\n", len(outcomes), strings.Join(corpus.CountStatuses(outcomes), ", "))
}

func expected(o corpus.Outcome) string {
	if len(o.Expected) == 0 {
		return "no change"
	}
	var s []string
	for _, l := range o.Expected {
		s = append(s, fmt.Sprintf("%s@%d", l.Rule, l.Line))
	}
	return strings.Join(s, " ")
}

func otherwise(o corpus.Outcome) string {
	var s []string
	if o.Err != "" {
		s = append(s, oneLine(o.Err))
	}
	for _, l := range o.Missing {
		s = append(s, "missing "+l.String())
	}
	for _, f := range o.Extra {
		s = append(s, fmt.Sprintf("added %s:%d %s", f.File, f.Line, f.Rule))
	}
	for _, f := range o.Removed {
		s = append(s, fmt.Sprintf("removed %s:%d %s", f.File, f.Line, f.Rule))
	}
	if o.Errors != 0 {
		s = append(s, fmt.Sprintf("errors %+d", o.Errors))
	}
	return strings.Join(s, "; ")
}

func writeJSON(dir, name string, v any) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, name), append(data, '\n'), 0o644)
}

func ratio(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(a)/float64(b))
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", "/")
	if len(s) > 220 {
		s = s[:217] + "..."
	}
	return s
}
