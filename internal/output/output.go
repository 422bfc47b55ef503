// Package output writes a lint result in the formats of the CLI contract:
// text, json, and the CI formats.
package output

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/connlint/connlint/analyzers/diag"
)

// Writer writes a result. Findings go to out; text-style formats write
// input errors to errOut so that out stays machine-readable.
type Writer func(out, errOut io.Writer, res diag.Result) error

var formats = map[string]Writer{
	"text": writeText,
	"json": writeJSON,
}

// Register adds a format. It is for the packages that implement the CI
// formats; registering a name twice panics.
func Register(name string, w Writer) {
	if _, dup := formats[name]; dup {
		panic("output: format registered twice: " + name)
	}
	formats[name] = w
}

// Lookup returns the writer of a format.
func Lookup(name string) (Writer, error) {
	w, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %v)", name, Names())
	}
	return w, nil
}

// Names lists the formats, sorted.
func Names() []string {
	var names []string
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// writeText prints one line per finding: file:line:col: message (rule),
// with related locations indented below it.
func writeText(out, errOut io.Writer, res diag.Result) error {
	for _, f := range res.Findings {
		if _, err := fmt.Fprintf(out, "%s:%d:%d: %s (%s)\n", f.File, f.Line, f.Column, f.Message, f.Rule); err != nil {
			return err
		}
		for _, r := range f.Related {
			fmt.Fprintf(out, "\t%s:%d: %s\n", r.File, r.Line, r.Message)
		}
	}
	for _, e := range res.Errors {
		fmt.Fprintf(errOut, "connlint: %s: %s\n", e.File, e.Message)
	}
	return nil
}

// writeJSON writes the one JSON object of the contract. Empty lists are
// [] rather than null.
func writeJSON(out, _ io.Writer, res diag.Result) error {
	res.Findings = slices.Clone(res.Findings)
	if res.Findings == nil {
		res.Findings = []diag.Finding{}
	}
	for i := range res.Findings {
		if res.Findings[i].Related == nil {
			res.Findings[i].Related = []diag.Related{}
		}
	}
	if res.Errors == nil {
		res.Errors = []diag.Error{}
	}
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}
