// Command bench measures connlint's Go loading and analysis on large real
// modules.
//
// Loading modes, each run in a child process of its own so that its peak
// resident memory (getrusage's maxrss) is its own:
//
//   - lean: the CLI's loader (internal/goload with analyzers/factscope):
//     one package at a time, dependencies that cannot matter to the rules
//     checked for their declarations only;
//
//   - full: the same loader with every dependency checked in full;
//
//   - legacy: go/packages LoadAllSyntax and go/analysis/checker, as the
//     CLI loaded before internal/goload.
//
//     go run ./bench/goanalysis -dir /path/to/module ./...
//
// -vs runs the connlint binary built from this tree and golangci-lint v2
// (built from the module proxy into a temporary folder, or -golangci
// BINARY) with only sqlclosecheck, rowserrcheck and bodyclose, one after
// the other on each module, and prints wall time and peak memory side by
// side (see compare.go).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/connlint/connlint/analyzers/factscope"
	"github.com/connlint/connlint/analyzers/release"
	"github.com/connlint/connlint/analyzers/singleton"
	"github.com/connlint/connlint/internal/goload"
)

type sample struct {
	Mode     string  `json:"mode"`
	Packages int     `json:"packages"`
	Full     int     `json:"full"` // packages type-checked in full and analyzed
	Sec      float64 `json:"sec"`
	CPU      float64 `json:"cpu_sec"` // user+system, steadier than wall time on a busy machine
	Findings int     `json:"findings"`
	MaxRSSMB float64 `json:"max_rss_mb"`
}

func main() {
	dir := flag.String("dir", ".", "module folder to load from")
	mode := flag.String("mode", "", "child mode: lean, full or legacy (empty: run the -modes and report)")
	modes := flag.String("modes", "lean,full,legacy", "modes to measure")
	runs := flag.Int("runs", 3, "runs of each mode (the report gives medians)")
	vs := flag.Bool("vs", false, "compare the connlint binary with golangci-lint on each -dir (comma-separated folders)")
	gcl := flag.String("golangci", "", "with -vs: golangci-lint binary (default: build "+golangciModule+"@"+golangciVersion+" into a temporary folder)")
	flag.Parse()
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if *vs {
		if err := compare(strings.Split(*dir, ","), patterns, *runs, *gcl); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if *mode != "" {
		s, err := child(*mode, *dir, patterns)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		_ = json.NewEncoder(os.Stdout).Encode(s)
		return
	}
	list := strings.Split(*modes, ",")
	results := map[string][]sample{}
	for r := 0; r < *runs; r++ {
		for _, m := range list {
			s, err := spawn(m, *dir, patterns)
			if err != nil {
				fmt.Fprintln(os.Stderr, "bench:", err)
				os.Exit(1)
			}
			results[m] = append(results[m], s)
		}
	}
	report(results, list)
}

func spawn(mode, dir string, patterns []string) (sample, error) {
	self, err := os.Executable()
	if err != nil {
		return sample{}, err
	}
	cmd := exec.Command(self, append([]string{"-mode", mode, "-dir", dir}, patterns...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v", mode, err)
	}
	var s sample
	if err := json.Unmarshal(out, &s); err != nil {
		return sample{}, fmt.Errorf("%s: %v", mode, err)
	}
	s.MaxRSSMB = maxRSSMB(cmd.ProcessState)
	return s, nil
}

// maxRSSMB is a finished process's peak resident memory (wait4's rusage).
func maxRSSMB(ps *os.ProcessState) float64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	return 0
}

func analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{singleton.New(nil), release.New(nil)}
}

func child(mode, dir string, patterns []string) (sample, error) {
	s := sample{Mode: mode}
	start, cpu0 := time.Now(), cpuTime()
	var err error
	switch mode {
	case "lean", "full":
		err = runGoload(&s, mode == "lean", dir, patterns)
	case "legacy":
		err = runLegacy(&s, dir, patterns)
	default:
		err = fmt.Errorf("unknown mode %q", mode)
	}
	s.Sec = time.Since(start).Seconds()
	s.CPU = cpuTime() - cpu0
	if f := os.Getenv("BENCH_HEAPPROFILE"); f != "" && err == nil {
		err = writeHeapProfile(f)
	}
	return s, err
}

// writeHeapProfile records what is still live once the run is over.
func writeHeapProfile(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	runtime.GC()
	return pprof.WriteHeapProfile(f)
}

func runGoload(s *sample, lean bool, dir string, patterns []string) error {
	cfg := goload.Config{Context: context.Background(), Dir: dir, Analyzers: analyzers()}
	if lean {
		scope := factscope.New(nil)
		cfg.Full = func(u *goload.Unit) bool {
			why := scope.Why(&factscope.Package{Path: u.Meta.PkgPath, Name: u.Meta.Name, Files: u.Files, FileNames: u.Meta.CompiledGoFiles, Imports: u.Imports})
			if why != "" && os.Getenv("BENCH_LISTFULL") != "" {
				fmt.Fprintf(os.Stderr, "why: %s: %s (%d files)\n", u.Meta.PkgPath, why, len(u.Files))
			}
			return why != ""
		}
		cfg.Bodies = func(u *goload.Unit) bool {
			return scope.NeedsBodies(u.Meta.PkgPath, u.Meta.Name, u.Meta.CompiledGoFiles, u.Imports, u.Sources)
		}
		cfg.OnFact = scope.Observe
	}
	roots, _, stats, err := goload.Run(cfg, patterns...)
	if err != nil {
		return err
	}
	s.Packages, s.Full = stats.Packages, stats.Full
	if os.Getenv("BENCH_LISTFULL") != "" {
		for path := range stats.FullPaths {
			fmt.Fprintln(os.Stderr, "full:", path)
		}
	}
	for _, r := range roots {
		s.Findings += len(r.Diagnostics)
	}
	return nil
}

func runLegacy(s *sample, dir string, patterns []string) error {
	cfg := &packages.Config{Context: context.Background(), Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return err
	}
	packages.Visit(pkgs, nil, func(*packages.Package) { s.Packages++ })
	s.Full = s.Packages
	graph, err := checker.Analyze(analyzers(), pkgs, &checker.Options{})
	if err != nil {
		return err
	}
	for act := range graph.All() {
		if act.IsRoot {
			s.Findings += len(act.Diagnostics)
		}
	}
	return nil
}

func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}

func pick(ss []sample, f func(sample) float64) float64 {
	var xs []float64
	for _, s := range ss {
		xs = append(xs, f(s))
	}
	return median(xs)
}

func report(results map[string][]sample, modes []string) {
	fmt.Printf("| mode | packages | in full | wall s | CPU s | peak RSS MB | findings |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, m := range modes {
		ss := results[m]
		fmt.Printf("| %s | %d | %d | %.2f | %.2f | %.0f | %d |\n", m, ss[0].Packages, ss[0].Full,
			pick(ss, func(s sample) float64 { return s.Sec }), pick(ss, func(s sample) float64 { return s.CPU }),
			pick(ss, func(s sample) float64 { return s.MaxRSSMB }), ss[0].Findings)
	}
	fmt.Printf("findings in root packages: %d\n", results[modes[0]][0].Findings)
}

// cpuTime is the process's user and system CPU time so far, in seconds.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
