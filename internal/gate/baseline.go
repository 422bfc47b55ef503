package gate

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/connlint/connlint/analyzers/diag"
)

// BaselineVersion is the format of the baseline file.
const BaselineVersion = 1

// DefaultBaseline is the file `connlint baseline` writes by default.
const DefaultBaseline = ".connlint-baseline.json"

// Baseline is a record of findings to ignore: those a project had when it
// adopted connlint. A finding matches an entry of the same rule and file
// (relative to the baseline's folder) and fingerprint, so that it stays
// ignored when code above it moves it to another line; each entry matches
// one finding.
type Baseline struct {
	Version  int             `json:"version"`
	Comment  string          `json:"comment,omitempty"`
	Findings []BaselineEntry `json:"findings"`

	dir string // the folder of the file: entries' paths are relative to it
}

// BaselineEntry is one recorded finding. Line and Message tell a reader
// what it was; matching uses Rule, File and Fingerprint.
type BaselineEntry struct {
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Fingerprint string `json:"fingerprint"`
	Line        int    `json:"line"`
	Message     string `json:"message"`
}

// NewBaseline records findings (relative to wd) for a baseline file at path.
func NewBaseline(path, wd string, findings []diag.Finding) (*Baseline, error) {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	b := &Baseline{
		Version:  BaselineVersion,
		Comment:  "connlint ignores these findings when run with --baseline; regenerate with `connlint baseline`",
		Findings: []BaselineEntry{},
		dir:      dir,
	}
	fps := Fingerprints(NewSources(wd), findings)
	for i, f := range findings {
		b.Findings = append(b.Findings, BaselineEntry{
			Rule: f.Rule, File: b.rel(wd, f.File), Fingerprint: fps[i], Line: f.Line, Message: f.Message,
		})
	}
	return b, nil
}

// Write saves the baseline as indented JSON.
func (b *Baseline) Write(path string) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// LoadBaseline reads a baseline file.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("baseline %s: no such file (record one with `connlint baseline`)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s: %v", path, err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline %s: version %d, want %d (record it again with `connlint baseline`)", path, b.Version, BaselineVersion)
	}
	if b.dir, err = filepath.Abs(filepath.Dir(path)); err != nil {
		return nil, err
	}
	return &b, nil
}

// Filter drops the findings the baseline records and returns the others
// with the number dropped. fps are the findings' fingerprints, computed on
// the whole result (ranks count every finding of a file).
func (b *Baseline) Filter(wd string, findings []diag.Finding, fps []string) (kept []diag.Finding, known int) {
	type key struct{ rule, file, fp string }
	left := map[key]int{}
	for _, e := range b.Findings {
		left[key{e.Rule, e.File, e.Fingerprint}]++
	}
	for i, f := range findings {
		k := key{f.Rule, b.rel(wd, f.File), fps[i]}
		if left[k] > 0 {
			left[k]--
			known++
			continue
		}
		kept = append(kept, f)
	}
	return kept, known
}

// rel writes a finding's file relative to the baseline's folder.
func (b *Baseline) rel(wd, file string) string {
	abs := absolute(wd, file)
	if rel, err := filepath.Rel(b.dir, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}
