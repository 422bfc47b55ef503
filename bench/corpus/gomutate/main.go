// Command gomutate measures connlint's Go rules on a corpus of real modules
// against hand-made labels, and runs mutations of that real code.
//
//	gomutate -corpus /work/corpora/go -connlint ./connlint [-golangci BIN -golangci-config FILE]
//
// The corpus folder holds one module per subfolder (with its go.mod),
// labels/<module>.tsv (the ground truth, see labels.go) and
// mutations/*.mut (see mutate.go). For every module it runs connlint (and
// golangci-lint with sqlclosecheck, rowserrcheck and bodyclose, when given)
// and prints a tally table; then it applies each mutation, runs connlint
// again on the whole module, checks that exactly the expected findings
// appeared and nothing else changed, and restores the file.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
)

type options struct {
	corpus, connlint, golangci, gclConfig, out string
	specs                                      string
	modules                                    []string
	tally, mutate, reuse, peersOnly            bool
}

func main() {
	var o options
	var modules string
	flag.StringVar(&o.corpus, "corpus", "/work/corpora/go", "corpus folder: modules, labels/, mutations/")
	flag.StringVar(&o.connlint, "connlint", "", "connlint binary to measure (required)")
	flag.StringVar(&o.golangci, "golangci", "", "golangci-lint v2 binary for comparison (optional)")
	flag.StringVar(&o.gclConfig, "golangci-config", "", "golangci-lint config enabling sqlclosecheck, rowserrcheck, bodyclose")
	flag.StringVar(&o.out, "out", "", "folder for the runs' JSON (default: <corpus>/runs/last)")
	flag.StringVar(&o.specs, "specs", "", "glob of mutation specs to run (default: <corpus>/mutations/*.mut)")
	flag.StringVar(&modules, "modules", "", "comma-separated module folders to use (default: all)")
	flag.BoolVar(&o.tally, "tally", true, "run every module and print the tally against the labels")
	flag.BoolVar(&o.mutate, "mutate", true, "run the mutations")
	flag.BoolVar(&o.peersOnly, "peers-only", false, "mutations: run only golangci-lint (on the mutated file's package), not connlint")
	flag.BoolVar(&o.reuse, "reuse", false, "score the runs already saved in -out instead of running the tools again (after a label change)")
	flag.Parse()
	if o.connlint == "" {
		fail("-connlint is required")
	}
	if o.golangci != "" && o.gclConfig == "" {
		fail("-golangci needs -golangci-config")
	}
	if o.out == "" {
		o.out = filepath.Join(o.corpus, "runs", "last")
	}
	if modules != "" {
		o.modules = strings.Split(modules, ",")
	}
	for _, d := range []string{"connlint", "golangci"} {
		if err := os.MkdirAll(filepath.Join(o.out, d), 0o755); err != nil {
			fail(err.Error())
		}
	}
	restorePending(o.out)
	mods, err := corpusModules(o.corpus, o.modules)
	if err != nil {
		fail(err.Error())
	}
	if o.tally {
		tallyAll(o, mods)
	}
	if o.mutate {
		mutateAll(o)
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "gomutate:", msg)
	os.Exit(2)
}

func corpusModules(root string, only []string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var mods []string
	for _, e := range entries {
		if !e.IsDir() || (len(only) > 0 && !slices.Contains(only, e.Name())) {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, e.Name(), "go.mod")); err == nil {
			mods = append(mods, e.Name())
		}
	}
	return mods, nil
}

type moduleResult struct {
	Module   string `json:"module"`
	Connlint run    `json:"connlint"`
	Golangci *run   `json:"golangci,omitempty"`
	Tally    tally  `json:"tally"`
	Labels   int    `json:"labels"`
}

func tallyAll(o options, mods []string) {
	var results []moduleResult
	for _, m := range mods {
		fmt.Fprintf(os.Stderr, "tally: %s\n", m)
		dir := filepath.Join(o.corpus, m)
		r := moduleResult{Module: m}
		if o.reuse {
			var g run
			if err := readJSON(filepath.Join(o.out, "connlint", m+".json"), &r.Connlint); err != nil {
				fail("-reuse: " + err.Error())
			}
			if readJSON(filepath.Join(o.out, "golangci", m+".json"), &g) == nil {
				r.Golangci = &g
			}
		} else {
			r.Connlint = runConnlint(o.connlint, dir)
			_ = writeJSON(filepath.Join(o.out, "connlint", m+".json"), r.Connlint)
		}
		if o.golangci != "" && !o.reuse {
			cache, err := os.MkdirTemp("", "gomutate-gcl-cache-")
			if err != nil {
				fail(err.Error())
			}
			g := runGolangci(o.golangci, o.gclConfig, cache, dir, "./...") // cold cache: a first run in CI
			os.RemoveAll(cache)
			r.Golangci = &g
			_ = writeJSON(filepath.Join(o.out, "golangci", m+".json"), g)
		}
		labels, err := readLabels(filepath.Join(o.corpus, "labels", m+".tsv"))
		if err != nil && !os.IsNotExist(err) {
			fail(err.Error())
		}
		r.Labels = len(labels)
		r.Tally = score(r.Connlint.Findings, labels)
		results = append(results, r)
	}
	_ = writeJSON(filepath.Join(o.out, "tally.json"), results)
	printTally(results)
}

func printTally(results []moduleResult) {
	fmt.Println("## Tally against the labels")
	fmt.Println()
	fmt.Println("| module | findings | true | false | debatable | unlabelled | misses | sites judged clean | connlint s (CPU s) | connlint MB | exit | errors | golangci findings | golangci s (CPU s) | golangci MB |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	var sum tally
	var cs, cc, cm, gs, gc, gm float64
	gn := 0
	for _, r := range results {
		t := r.Tally
		sum.Findings += t.Findings
		sum.True += t.True
		sum.False += t.False
		sum.Debatable += t.Debatable
		sum.Unlabelled += t.Unlabelled
		sum.Misses += t.Misses
		sum.Clean += t.Clean
		cs += r.Connlint.WallSec
		cc += r.Connlint.CPUSec
		cm = max(cm, r.Connlint.MaxRSSMB)
		errs := fmt.Sprint(len(r.Connlint.Errors))
		if r.Connlint.Failure != "" {
			errs = "FAILED"
		}
		g := "| - | - | - |"
		if r.Golangci != nil {
			gn += len(r.Golangci.Findings)
			gs += r.Golangci.WallSec
			gc += r.Golangci.CPUSec
			gm = max(gm, r.Golangci.MaxRSSMB)
			g = fmt.Sprintf("| %d | %.1f (%.1f) | %.0f |", len(r.Golangci.Findings), r.Golangci.WallSec, r.Golangci.CPUSec, r.Golangci.MaxRSSMB)
			if r.Golangci.Failure != "" {
				g = "| FAILED | - | - |"
			}
		}
		fmt.Printf("| %s | %d | %d | %d | %d | %d | %d | %d | %.1f (%.1f) | %.0f | %d | %s %s\n", r.Module, t.Findings, t.True, t.False,
			t.Debatable, t.Unlabelled, t.Misses, t.Clean, r.Connlint.WallSec, r.Connlint.CPUSec, r.Connlint.MaxRSSMB, r.Connlint.Exit, errs, g)
	}
	fmt.Printf("| **total (%d modules)** | %d | %d | %d | %d | %d | %d | %d | %.1f (%.1f) | max %.0f | | | %d | %.1f (%.1f) | max %.0f |\n\n", len(results),
		sum.Findings, sum.True, sum.False, sum.Debatable, sum.Unlabelled, sum.Misses, sum.Clean, cs, cc, cm, gn, gs, gc, gm)
	for _, r := range results {
		for _, n := range r.Tally.Notes {
			fmt.Printf("- %s: %s\n", r.Module, n)
		}
		if r.Connlint.Failure != "" {
			fmt.Printf("- %s: connlint FAILED: %s\n", r.Module, r.Connlint.Failure)
		}
		for _, e := range r.Connlint.Errors {
			fmt.Printf("- %s: connlint error: %s\n", r.Module, e)
		}
	}
	fmt.Println()
}

type mutationResult struct {
	Name     string   `json:"name"`
	Module   string   `json:"module"`
	Note     string   `json:"note"`
	Error    string   `json:"error,omitempty"`
	Connlint outcome  `json:"connlint"`
	Peers    bool     `json:"peers_caught"`
	PeerBy   []string `json:"peers_by,omitempty"`
	PeerRun  bool     `json:"peers_run"`
}

var (
	pendingMu sync.Mutex
	pending   *applied
)

// restorePending puts back a file left mutated by an interrupted run.
func restorePending(out string) {
	path := filepath.Join(out, "pending-restore")
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	target, original, ok := strings.Cut(string(data), "\x00")
	if ok {
		if err := os.WriteFile(target, []byte(original), 0o644); err != nil {
			fail("restoring " + target + ": " + err.Error())
		}
		fmt.Fprintf(os.Stderr, "gomutate: restored %s from an interrupted run\n", target)
	}
	os.Remove(path)
}

func mutateAll(o options) {
	pattern := o.specs
	if pattern == "" {
		pattern = filepath.Join(o.corpus, "mutations", "*.mut")
	}
	specs, _ := filepath.Glob(pattern)
	sort.Strings(specs)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		pendingMu.Lock()
		if pending != nil {
			_ = pending.revert()
			os.Remove(filepath.Join(o.out, "pending-restore"))
		}
		os.Exit(130)
	}()
	baselines := map[string]run{}
	gclBaselines := map[string]run{}
	var results []mutationResult
	for _, spec := range specs {
		m, err := readMutation(spec)
		if err != nil {
			results = append(results, mutationResult{Name: filepath.Base(spec), Error: err.Error()})
			continue
		}
		if len(o.modules) > 0 && !slices.Contains(o.modules, m.module) {
			continue
		}
		fmt.Fprintf(os.Stderr, "mutate: %s\n", m.name)
		dir := filepath.Join(o.corpus, m.module)
		base, ok := baselines[m.module]
		if !ok && !o.peersOnly {
			if err := readJSON(filepath.Join(o.out, "connlint", m.module+".json"), &base); err != nil || base.Failure != "" {
				base = runConnlint(o.connlint, dir)
				_ = writeJSON(filepath.Join(o.out, "connlint", m.module+".json"), base)
			}
			baselines[m.module] = base
		}
		res := mutationResult{Name: m.name, Module: m.module, Note: m.note}
		// sqlclosecheck, rowserrcheck and bodyclose look at one function
		// at a time: the mutated file's package is all they need.
		gclCache := filepath.Join(o.out, "golangci-cache", m.module)
		pkg := "./" + filepath.Dir(m.file)
		gclKey := m.module + " " + pkg
		if o.golangci != "" {
			if _, ok := gclBaselines[gclKey]; !ok {
				gclBaselines[gclKey] = runGolangci(o.golangci, o.gclConfig, gclCache, dir, pkg)
			}
		}
		a, err := applyRecorded(o.out, o.corpus, m)
		if err != nil {
			res.Error = err.Error()
			results = append(results, res)
			continue
		}
		var mut, gmut run
		if !o.peersOnly {
			mut = runConnlint(o.connlint, dir)
		}
		if o.golangci != "" {
			gmut = runGolangci(o.golangci, o.gclConfig, gclCache, dir, pkg)
		}
		revertRecorded(o.out, a)
		if mut.Failure != "" {
			res.Error = "connlint: " + mut.Failure
		} else if newErrs := newErrors(base.Errors, mut.Errors); len(newErrs) > 0 {
			// A mutation that breaks the build proves nothing: its
			// package's findings are gone, not caught or missed.
			res.Error = "the mutated tree does not load: " + strings.Join(newErrs, "; ")
		}
		if !o.peersOnly {
			res.Connlint = compare(m, a, base.Findings, mut.Findings)
		}
		if o.golangci != "" && gmut.Failure == "" {
			res.PeerRun = true
			res.Peers, res.PeerBy = otherCaught(m, a, gclBaselines[gclKey].Findings, gmut.Findings)
		}
		results = append(results, res)
	}
	name := "mutations.json"
	if o.peersOnly {
		name = "mutations-peers.json"
	}
	_ = writeJSON(filepath.Join(o.out, name), results)
	printMutations(results)
}

func applyRecorded(out, corpus string, m mutation) (*applied, error) {
	path := filepath.Join(corpus, m.module, m.file)
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(out, "pending-restore"), append([]byte(path+"\x00"), src...), 0o644); err != nil {
		return nil, err
	}
	pendingMu.Lock()
	defer pendingMu.Unlock()
	a, err := apply(corpus, m)
	if err != nil {
		os.Remove(filepath.Join(out, "pending-restore"))
		return nil, err
	}
	pending = a
	return a, nil
}

func revertRecorded(out string, a *applied) {
	pendingMu.Lock()
	defer pendingMu.Unlock()
	if err := a.revert(); err != nil {
		fail("restoring " + a.path + ": " + err.Error() + " (the original is in " + filepath.Join(out, "pending-restore") + ")")
	}
	pending = nil
	os.Remove(filepath.Join(out, "pending-restore"))
}

func printMutations(results []mutationResult) {
	fmt.Println("## Mutations")
	fmt.Println()
	fmt.Println("| mutation | module | expected | connlint | other changes | sqlclosecheck/rowserrcheck/bodyclose |")
	fmt.Println("|---|---|---|---|---|---|")
	exact, caught, peers, ran := 0, 0, 0, 0
	for _, r := range results {
		if r.Error != "" {
			fmt.Printf("| %s | %s | | ERROR: %s | | |\n", r.Name, r.Module, r.Error)
			continue
		}
		c := r.Connlint
		verdict := "missed"
		switch {
		case len(c.Expected) == 0:
			verdict = "not run"
		case c.Exact:
			verdict, exact, caught = "caught, exact", exact+1, caught+1
		case c.Caught:
			verdict, caught = "caught, with other changes", caught+1
		}
		var other []string
		for _, e := range c.Extra {
			other = append(other, "+"+e)
		}
		for _, l := range c.Lost {
			other = append(other, "-"+l)
		}
		peer := "-"
		if r.PeerRun {
			ran++
			peer = "missed"
			if r.Peers {
				peers++
				peer = "caught (" + strings.Join(r.PeerBy, ",") + ")"
			}
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %s |\n", r.Name, r.Module, strings.Join(c.Expected, " "), verdict, strings.Join(other, " "), peer)
	}
	fmt.Printf("\nconnlint: %d of %d mutations caught with nothing else changed (%d caught in all)", exact, len(results), caught)
	if ran > 0 {
		fmt.Printf("; sqlclosecheck/rowserrcheck/bodyclose: %d of %d", peers, ran)
	}
	fmt.Println()
}

// newErrors are the load errors of the mutated run the baseline lacks.
func newErrors(base, mutated []string) []string {
	var out []string
	for _, e := range mutated {
		if !slices.Contains(base, e) {
			out = append(out, e)
		}
	}
	return out
}
