// Command bench measures connlint's Go analyzers on a large real module:
// the time spent loading and type-checking (go/packages, as the CLI loads)
// against the time spent in the analyzers (release and singleton through
// go/analysis/checker, as the CLI runs them), and the peak memory of a run
// against that of loading alone.
//
//	go run ./bench/goanalysis -dir /root/go/pkg/mod/github.com/golangci/golangci-lint/v2@v2.15.0 ./...
//
// Each measurement runs in a child process of its own so that peak resident
// memory (getrusage's maxrss) belongs to that phase alone. -runs repeats
// them; the report gives the median. -ctrlflow also measures x/tools'
// ctrlflow pass, which the release analyzer does not use.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime/pprof"
	"slices"
	"syscall"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/packages"

	"github.com/connlint/connlint/analyzers/release"
	"github.com/connlint/connlint/analyzers/singleton"
)

// The CLI's load mode (internal/lint).
const loadMode = packages.LoadAllSyntax | packages.NeedModule

type sample struct {
	Mode     string  `json:"mode"`
	Packages int     `json:"packages"`
	LoadSec  float64 `json:"load_sec"`
	RunSec   float64 `json:"run_sec"`
	LoadCPU  float64 `json:"load_cpu_sec"` // user+system CPU seconds, steadier than wall time on a busy machine
	RunCPU   float64 `json:"run_cpu_sec"`
	Findings int     `json:"findings"`
	MaxRSSMB float64 `json:"max_rss_mb"`
}

func main() {
	dir := flag.String("dir", ".", "module folder to load from")
	mode := flag.String("mode", "", "child mode: load, analyze or ctrlflow (empty: run them all and report)")
	runs := flag.Int("runs", 3, "runs of each mode")
	withCtrlflow := flag.Bool("ctrlflow", true, "also measure x/tools' ctrlflow pass for comparison")
	cpuprofile := flag.String("cpuprofile", "", "child mode: write a CPU profile of the analysis phase to this file")
	flag.Parse()
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if *mode != "" {
		s, err := child(*mode, *dir, patterns, *cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		_ = json.NewEncoder(os.Stdout).Encode(s)
		return
	}
	modes := []string{"load", "analyze"}
	if *withCtrlflow {
		modes = append(modes, "ctrlflow")
	}
	results := map[string][]sample{}
	for r := 0; r < *runs; r++ {
		for _, m := range modes {
			s, err := spawn(m, *dir, patterns)
			if err != nil {
				fmt.Fprintln(os.Stderr, "bench:", err)
				os.Exit(1)
			}
			results[m] = append(results[m], s)
		}
	}
	report(results, modes)
}

func spawn(mode, dir string, patterns []string) (sample, error) {
	self, err := os.Executable()
	if err != nil {
		return sample{}, err
	}
	args := append([]string{"-mode", mode, "-dir", dir}, patterns...)
	cmd := exec.Command(self, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v", mode, err)
	}
	var s sample
	if err := json.Unmarshal(out, &s); err != nil {
		return sample{}, fmt.Errorf("%s: %v", mode, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.MaxRSSMB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	return s, nil
}

func child(mode, dir string, patterns []string, cpuprofile string) (sample, error) {
	s := sample{Mode: mode}
	start, cpu0 := time.Now(), cpuTime()
	cfg := &packages.Config{Context: context.Background(), Mode: loadMode, Dir: dir, Tests: false}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return s, err
	}
	s.LoadSec = time.Since(start).Seconds()
	s.LoadCPU = cpuTime() - cpu0
	packages.Visit(pkgs, nil, func(*packages.Package) { s.Packages++ })
	var as []*analysis.Analyzer
	switch mode {
	case "load":
		return s, nil
	case "analyze":
		as = []*analysis.Analyzer{release.Analyzer, singleton.Analyzer}
	case "ctrlflow":
		as = []*analysis.Analyzer{ctrlflow.Analyzer}
	default:
		return s, fmt.Errorf("unknown mode %q", mode)
	}
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return s, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return s, err
		}
		defer pprof.StopCPUProfile()
	}
	start, cpu0 = time.Now(), cpuTime()
	graph, err := checker.Analyze(as, pkgs, &checker.Options{})
	if err != nil {
		return s, err
	}
	s.RunSec = time.Since(start).Seconds()
	s.RunCPU = cpuTime() - cpu0
	for act := range graph.All() {
		if act.IsRoot {
			s.Findings += len(act.Diagnostics)
		}
	}
	return s, nil
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
	load := results["load"]
	loadSec := pick(load, func(s sample) float64 { return s.LoadSec })
	loadRSS := pick(load, func(s sample) float64 { return s.MaxRSSMB })
	fmt.Printf("packages loaded (with dependencies): %d\n", load[0].Packages)
	fmt.Printf("%-9s %10s %10s %8s %12s %12s %8s %12s %8s\n", "mode", "load s", "analyze s", "share", "load CPU s", "analyze CPU", "share", "peak RSS MB", "vs load")
	for _, m := range modes {
		ss := results[m]
		l := pick(ss, func(s sample) float64 { return s.LoadSec })
		r := pick(ss, func(s sample) float64 { return s.RunSec })
		rss := pick(ss, func(s sample) float64 { return s.MaxRSSMB })
		share := 0.0
		if l+r > 0 {
			share = 100 * r / (l + r)
		}
		lc := pick(ss, func(s sample) float64 { return s.LoadCPU })
		rc := pick(ss, func(s sample) float64 { return s.RunCPU })
		cshare := 0.0
		if lc+rc > 0 {
			cshare = 100 * rc / (lc + rc)
		}
		fmt.Printf("%-9s %10.2f %10.2f %7.1f%% %12.2f %12.2f %7.1f%% %12.0f %7.2fx\n", m, l, r, share, lc, rc, cshare, rss, rss/loadRSS)
	}
	_ = loadSec
	if a, ok := results["analyze"]; ok {
		fmt.Printf("findings in root packages: %d\n", a[0].Findings)
	}
}

// cpuTime is the process's user and system CPU time so far, in seconds.
func cpuTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
