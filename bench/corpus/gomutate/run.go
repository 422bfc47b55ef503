package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

// A finding as both tools are reduced to: where, which rule (connlint) or
// linter (golangci-lint), and the message.
type finding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

func (f finding) key() string { return fmt.Sprintf("%s:%d:%s", f.File, f.Line, f.Rule) }

// A run is one tool on one module: its findings, errors and cost.
type run struct {
	Findings []finding `json:"findings"`
	Errors   []string  `json:"errors"`
	Exit     int       `json:"exit"`
	WallSec  float64   `json:"wall_sec"`
	CPUSec   float64   `json:"cpu_sec"`    // user+system CPU of the process and its waited-for children: steadier than wall time on a shared machine
	MaxRSSMB float64   `json:"max_rss_mb"` // wait4's maxrss: the largest process of the tree (go list included)
	Failure  string    `json:"failure,omitempty"`
}

const runTimeout = 20 * time.Minute

// execMeasured runs name in dir and returns stdout, stderr, exit code, wall
// time and peak RSS, as /usr/bin/time -v would report them.
func execMeasured(dir string, env []string, name string, args ...string) (stdout, stderr []byte, exit int, wall time.Duration, rssMB, cpu float64, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	runErr := cmd.Run()
	wall = time.Since(start)
	if cmd.ProcessState == nil {
		return nil, nil, -1, wall, 0, 0, runErr
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rssMB = float64(ru.Maxrss) / 1024
	}
	cpu = (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Seconds()
	if ctx.Err() != nil {
		err = fmt.Errorf("timed out after %s", runTimeout)
	}
	return out.Bytes(), errb.Bytes(), cmd.ProcessState.ExitCode(), wall, rssMB, cpu, err
}

// runConnlint runs `connlint --quiet --format json ./...` at the module root.
func runConnlint(bin, dir string) run {
	out, errb, exit, wall, rss, cpu, err := execMeasured(dir, []string{"GOWORK=off", "GOFLAGS=-mod=mod"}, bin, "--quiet", "--format", "json", "./...")
	r := run{Exit: exit, WallSec: wall.Seconds(), CPUSec: cpu, MaxRSSMB: rss}
	if err != nil {
		r.Failure = err.Error()
		return r
	}
	var doc struct {
		Findings []finding `json:"findings"`
		Errors   []struct {
			File    string `json:"file"`
			Message string `json:"message"`
		} `json:"errors"`
	}
	if e := json.Unmarshal(out, &doc); e != nil {
		r.Failure = fmt.Sprintf("exit %d, output is not JSON (%v): %s", exit, e, firstLines(errb, 5))
		return r
	}
	r.Findings = doc.Findings
	for _, e := range doc.Errors {
		r.Errors = append(r.Errors, strings.TrimSpace(e.File+" "+e.Message))
	}
	sortFindings(r.Findings)
	return r
}

// runGolangci runs golangci-lint v2 with the given config (sqlclosecheck,
// rowserrcheck, bodyclose) and a cache folder of its own on pattern.
func runGolangci(bin, config, cache, dir, pattern string) run {
	env := []string{"GOWORK=off", "GOFLAGS=-mod=mod", "GOLANGCI_LINT_CACHE=" + cache}
	out, errb, exit, wall, rss, cpu, err := execMeasured(dir, env, bin, "run", "-c", config,
		"--output.json.path=stdout", "--output.text.path=", "--show-stats=false", "--allow-parallel-runners", pattern)
	r := run{Exit: exit, WallSec: wall.Seconds(), CPUSec: cpu, MaxRSSMB: rss}
	if err != nil {
		r.Failure = err.Error()
		return r
	}
	var doc struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename string
				Line     int
			}
		}
	}
	if e := json.Unmarshal(out, &doc); e != nil {
		r.Failure = fmt.Sprintf("exit %d, output is not JSON (%v): %s", exit, e, firstLines(errb, 5))
		return r
	}
	for _, is := range doc.Issues {
		if is.FromLinter == "typecheck" {
			r.Errors = append(r.Errors, is.Pos.Filename+": "+is.Text)
			continue
		}
		file := is.Pos.Filename
		if filepath.IsAbs(file) {
			if rel, e := filepath.Rel(dir, file); e == nil {
				file = rel
			}
		}
		r.Findings = append(r.Findings, finding{File: file, Line: is.Pos.Line, Rule: is.FromLinter, Message: is.Text})
	}
	if exit > 1 && len(r.Findings) == 0 {
		r.Errors = append(r.Errors, "exit "+fmt.Sprint(exit)+": "+firstLines(errb, 5))
	}
	sortFindings(r.Findings)
	return r
}

func sortFindings(fs []finding) {
	sort.Slice(fs, func(i, j int) bool {
		if fs[i].File != fs[j].File {
			return fs[i].File < fs[j].File
		}
		if fs[i].Line != fs[j].Line {
			return fs[i].Line < fs[j].Line
		}
		return fs[i].Rule < fs[j].Rule
	})
}

func firstLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, " | ")
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}
