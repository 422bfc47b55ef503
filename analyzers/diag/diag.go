// Package diag holds the findings both halves of connlint produce (the Go
// analyzers and the TS/JS engine) in the one shape the CLI, the output
// formats and the baseline work with.
//
// The JSON tags are the contract of `connlint --format json` (DESIGN.md):
// field names and meanings must not change.
package diag

import (
	"cmp"
	"slices"
)

// Rule IDs, the same in both languages.
const (
	RuleSingleton = "singleton"
	RuleRelease   = "release"
)

// Languages of a finding.
const (
	LangGo  = "go"
	LangTS  = "ts"
	LangTSX = "tsx"
	LangJS  = "js"
)

// Finding is one problem, reported where the client is created or the
// resource acquired. Lines and columns are 1-based; File is relative to the
// working directory when printed.
type Finding struct {
	Rule      string    `json:"rule"`
	Language  string    `json:"language"`
	File      string    `json:"file"`
	Line      int       `json:"line"`
	Column    int       `json:"column"`
	EndLine   int       `json:"end_line"`
	EndColumn int       `json:"end_column"`
	Message   string    `json:"message"`
	Related   []Related `json:"related"`

	// Fixes are the suggested fixes; --fix applies the first one.
	Fixes []Fix `json:"-"`
}

// SameAs reports whether g is the same finding as f: same rule, place and
// message.
func (f Finding) SameAs(g Finding) bool {
	return f.Rule == g.Rule && f.File == g.File && f.Line == g.Line && f.Column == g.Column && f.Message == g.Message
}

// Related is another place that matters for a finding: the return that skips
// the release, the singleton to import instead.
type Related struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// Fix is a suggested fix: text edits that are certain to be right.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the bytes [Start, End) of File with NewText.
type Edit struct {
	File       string
	Start, End int
	NewText    string
}

// Error is input that could not be checked: a file that does not parse, a
// package that does not type-check. The rest of the run goes on.
type Error struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

// Result is what one run found.
type Result struct {
	Findings []Finding `json:"findings"`
	Errors   []Error   `json:"errors"`
}

// Sort orders findings by file, position and rule, and errors by file, so
// that every output is stable from run to run.
func (r *Result) Sort() {
	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
	r.Findings = slices.CompactFunc(r.Findings, Finding.SameAs)
	slices.SortStableFunc(r.Errors, func(a, b Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Message, b.Message))
	})
	r.Errors = slices.Compact(r.Errors)
}
