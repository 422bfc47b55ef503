package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// The golangci-lint the comparison builds when -golangci is not given.
const (
	golangciModule  = "github.com/golangci/golangci-lint/v2"
	golangciVersion = "v2.15.0"
)

// golangciConfig enables only the peers of connlint's rules; tests are
// left out as connlint leaves them out.
const golangciConfig = `version: "2"
run:
  tests: false
linters:
  default: none
  enable: [sqlclosecheck, rowserrcheck, bodyclose]
`

// tool is one command the comparison runs in a module folder.
type tool struct {
	name string
	args []string
	env  func() []string // fresh per run
}

type measure struct {
	sec, cpu, rssMB float64 // cpu: user+system of the process and the go commands it waited for
	exit            int
}

// compare runs connlint and golangci-lint one after the other on each
// folder, runs times each, alternating, and prints medians side by side.
func compare(dirs, patterns []string, runs int, gcl string) error {
	tmp, err := os.MkdirTemp("", "connlint-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	connlint := filepath.Join(tmp, "connlint")
	if out, err := goCmd("", "build", "-o", connlint, "github.com/connlint/connlint/cmd/connlint"); err != nil {
		return fmt.Errorf("build connlint: %v\n%s", err, out)
	}
	if gcl == "" {
		gcl = filepath.Join(tmp, "bin", "golangci-lint")
		start := time.Now()
		// go install builds it from the module proxy; nothing of it
		// stays in this tree.
		cmd := exec.Command("go", "install", golangciModule+"/cmd/golangci-lint@"+golangciVersion)
		cmd.Env = append(os.Environ(), "GOBIN="+filepath.Dir(gcl), "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("build golangci-lint: %v\n%s", err, out)
		}
		fmt.Fprintf(os.Stderr, "built golangci-lint %s in %s\n", golangciVersion, time.Since(start).Round(time.Second))
	}
	cfgFile := filepath.Join(tmp, "golangci.yml")
	if err := os.WriteFile(cfgFile, []byte(golangciConfig), 0o644); err != nil {
		return err
	}
	gclCache := filepath.Join(tmp, "gcl-cache")
	tools := []tool{
		{name: "connlint", args: append([]string{connlint, "--quiet", "--format", "json"}, patterns...)},
		{name: "golangci-lint", args: append([]string{gcl, "run", "-c", cfgFile, "--output.json.path", "stdout", "--show-stats=false", "--allow-parallel-runners"}, patterns...),
			// Its own result cache emptied before each run: it analyses
			// the tree as connlint does, not a cached answer.
			env: func() []string { os.RemoveAll(gclCache); return []string{"GOLANGCI_LINT_CACHE=" + gclCache} }},
	}
	fmt.Printf("%d cores, %s, %s; medians of %d runs each, run one after the other\n\n", runtime.NumCPU(), goVersion(), "golangci-lint "+gclVersion(gcl), runs)
	fmt.Println("| module | packages | connlint s | golangci-lint s | connlint CPU s | golangci-lint CPU s | connlint peak RSS MB | golangci-lint peak RSS MB | RSS ratio | time ratio |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		// Warm the build and module caches for both tools alike.
		if out, err := goCmd(abs, append([]string{"list", "-deps", "-export", "-e"}, patterns...)...); err != nil {
			return fmt.Errorf("%s: go list: %v\n%s", dir, err, out)
		}
		count, _ := goCmd(abs, append([]string{"list", "-deps", "-e"}, patterns...)...)
		byTool := map[string][]measure{}
		for range runs {
			for _, t := range tools {
				m, err := runTool(abs, t)
				if err != nil {
					return fmt.Errorf("%s: %s: %v", dir, t.name, err)
				}
				byTool[t.name] = append(byTool[t.name], m)
			}
		}
		c, g := byTool["connlint"], byTool["golangci-lint"]
		cs, gs := med(c, func(m measure) float64 { return m.sec }), med(g, func(m measure) float64 { return m.sec })
		cr, gr := med(c, func(m measure) float64 { return m.rssMB }), med(g, func(m measure) float64 { return m.rssMB })
		cc, gc := med(c, func(m measure) float64 { return m.cpu }), med(g, func(m measure) float64 { return m.cpu })
		fmt.Printf("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f | %.2fx | %.2fx |\n", moduleName(abs), strings.Count(count, "\n"), cs, gs, cc, gc, cr, gr, cr/gr, cs/gs)
	}
	return nil
}

// runTool runs one tool once in dir; exit statuses 0 and 1 (findings) are
// both a run that worked.
func runTool(dir string, t tool) (measure, error) {
	cmd := exec.Command(t.args[0], t.args[1:]...)
	cmd.Dir = dir
	cmd.Env = os.Environ()
	if t.env != nil {
		cmd.Env = append(cmd.Env, t.env()...)
	}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr
	start := time.Now()
	err := cmd.Run()
	m := measure{sec: time.Since(start).Seconds(), rssMB: maxRSSMB(cmd.ProcessState), exit: cmd.ProcessState.ExitCode()}
	m.cpu = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	if err != nil && m.exit != 1 {
		return m, fmt.Errorf("%v\n%s", err, lastLines(stderr.String(), 5))
	}
	return m, nil
}

func med(ms []measure, f func(measure) float64) float64 {
	var xs []float64
	for _, m := range ms {
		xs = append(xs, f(m))
	}
	return median(xs)
}

func goCmd(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out) + string(ee.Stderr), err
	}
	return string(out), err
}

func goVersion() string {
	out, _ := goCmd("", "env", "GOVERSION")
	return strings.TrimSpace(out)
}

func gclVersion(bin string) string {
	out, _ := exec.Command(bin, "version", "--short").Output()
	return strings.TrimSpace(string(out))
}

// moduleName is the module path of dir's go.mod, else the folder's name.
func moduleName(dir string) string {
	out, err := goCmd(dir, "list", "-m", "-json")
	var m struct{ Path, Version string }
	if err == nil && json.Unmarshal([]byte(out), &m) == nil && m.Path != "" {
		return m.Path
	}
	return filepath.Base(dir)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
