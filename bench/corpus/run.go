package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Finding is one entry of connlint's --format json output.
type Finding struct {
	Rule     string    `json:"rule"`
	Language string    `json:"language"`
	File     string    `json:"file"`
	Line     int       `json:"line"`
	Message  string    `json:"message"`
	Related  []Related `json:"related,omitempty"`
}

// Related is a finding's related location.
type Related struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// RunError is an entry of the output's errors list.
type RunError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

// Loc is the finding's identity for scoring.
func (f Finding) Loc() Loc { return Loc{File: f.File, Line: f.Line, Rule: f.Rule} }

// Run is one connlint run on a project.
type Run struct {
	Findings []Finding  `json:"findings"`
	Errors   []RunError `json:"errors"`
	Exit     int        `json:"exit"`
	Elapsed  Duration   `json:"elapsed"`
	Stderr   string     `json:"stderr,omitempty"`
}

// Duration marshals as seconds.
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) {
	return []byte(fmt.Sprintf("%.2f", time.Duration(d).Seconds())), nil
}

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s float64
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*d = Duration(s * float64(time.Second))
	return nil
}

// Lint runs `bin --format json ./...` in dir, as a user would from the
// project root. Exit status 1 (findings) is not an error; a status that
// leaves no parsable JSON is.
func Lint(ctx context.Context, bin, dir string) (Run, error) {
	cmd := exec.CommandContext(ctx, bin, "--format", "json", "./...")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := Run{Elapsed: Duration(time.Since(start)), Stderr: lastLines(stderr.String(), 20)}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.Exit = exit.ExitCode()
	default:
		return r, err
	}
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return r, fmt.Errorf("%s in %s: exit %d, output is not JSON (%v); stderr: %s", bin, dir, r.Exit, err, r.Stderr)
	}
	return r, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
