package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// A mutation is an edit of real code that must produce exactly the
// expected findings and change nothing else. Spec files (*.mut):
//
//	module: github.com__jmoiron__sqlx
//	file: sqlx.go
//	expect: release 123          (rule and line in the mutated file; repeatable)
//	note: free text
//	--- search
//	exact text, found exactly once in the file
//	--- replace
//	its replacement
//	--- end
//
// Several search/replace pairs may follow one another (an added import and
// the code that uses it); they apply in order, each to the result of the
// ones before.
type mutation struct {
	name   string
	module string
	file   string
	expect []finding // File, Line, Rule
	note   string
	edits  []edit
}

type edit struct{ search, replace string }

func readMutation(path string) (mutation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return mutation{}, err
	}
	m := mutation{name: strings.TrimSuffix(filepath.Base(path), ".mut")}
	var block *[]string
	var search, replace []string
	flush := func() {
		if search != nil {
			m.edits = append(m.edits, edit{strings.Join(search, "\n"), strings.Join(replace, "\n")})
		}
		search, replace = nil, nil
	}
	for i, ln := range strings.Split(string(data), "\n") {
		switch strings.TrimRight(ln, " \t") {
		case "--- search":
			flush()
			search, block = []string{}, &search
			continue
		case "--- replace":
			replace, block = []string{}, &replace
			continue
		case "--- end":
			block = nil
			continue
		}
		if block != nil {
			*block = append(*block, ln)
			continue
		}
		if strings.TrimSpace(ln) == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		key, val, ok := strings.Cut(ln, ":")
		if !ok {
			return m, fmt.Errorf("%s:%d: want key: value", path, i+1)
		}
		val = strings.TrimSpace(val)
		switch key {
		case "module":
			m.module = val
		case "file":
			m.file = val
		case "note":
			m.note = val
		case "expect":
			f := strings.Fields(val)
			if len(f) != 2 {
				return m, fmt.Errorf("%s:%d: expect: want `rule line`", path, i+1)
			}
			n, err := strconv.Atoi(f[1])
			if err != nil {
				return m, fmt.Errorf("%s:%d: expect line: %v", path, i+1, err)
			}
			m.expect = append(m.expect, finding{Rule: f[0], Line: n})
		default:
			return m, fmt.Errorf("%s:%d: unknown key %q", path, i+1, key)
		}
	}
	flush()
	if m.module == "" || m.file == "" || len(m.edits) == 0 || len(m.expect) == 0 {
		return m, fmt.Errorf("%s: needs module, file, expect and a search block", path)
	}
	for _, e := range m.edits {
		if e.search == "" {
			return m, fmt.Errorf("%s: empty search block", path)
		}
	}
	for i := range m.expect {
		m.expect[i].File = m.file
	}
	return m, nil
}

// applied is a mutation in place: the original bytes to restore and, per
// edit, where it sits, to carry the baseline's lines across it.
type applied struct {
	path     string
	original []byte
	spans    []span // in the order applied, each in the coordinates of the text it edited
}

type span struct {
	start, end int // first and last line of the searched text
	delta      int // lines added (negative: removed)
}

func apply(root string, m mutation) (*applied, error) {
	path := filepath.Join(root, m.module, m.file)
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	a := &applied{path: path, original: src}
	out := src
	for _, e := range m.edits {
		if n := bytes.Count(out, []byte(e.search)); n != 1 {
			return nil, fmt.Errorf("%s: search text found %d times, want exactly once: %.60q", m.file, n, e.search)
		}
		i := bytes.Index(out, []byte(e.search))
		sp := span{start: bytes.Count(out[:i], []byte("\n")) + 1}
		sp.end = sp.start + strings.Count(e.search, "\n")
		sp.delta = strings.Count(e.replace, "\n") - strings.Count(e.search, "\n")
		a.spans = append(a.spans, sp)
		out = bytes.Replace(out, []byte(e.search), []byte(e.replace), 1)
	}
	return a, os.WriteFile(path, out, 0o644)
}

func (a *applied) revert() error { return os.WriteFile(a.path, a.original, 0o644) }

// shift maps a baseline line of the mutated file across the edits; ok is
// false for a line inside an edit that changed the line count.
func (a *applied) shift(line int) (int, bool) {
	for _, sp := range a.spans {
		switch {
		case line < sp.start:
		case line > sp.end:
			line += sp.delta
		case sp.delta == 0:
		default:
			return line, false
		}
	}
	return line, true
}

// edited: a line of the mutated file lies in text an edit wrote.
func (a *applied) edited(line int) bool {
	for i, sp := range a.spans {
		lo, hi := sp.start, sp.end+sp.delta
		ok := true
		for _, later := range a.spans[i+1:] {
			var ok1, ok2 bool
			lo, ok1 = shiftOne(later, lo)
			hi, ok2 = shiftOne(later, hi)
			ok = ok && ok1 && ok2
		}
		if ok && line >= lo && line <= hi {
			return true
		}
	}
	return false
}

func shiftOne(sp span, line int) (int, bool) {
	switch {
	case line < sp.start:
		return line, true
	case line > sp.end:
		return line + sp.delta, true
	default:
		return line, sp.delta == 0
	}
}

// outcome compares a mutated run with the baseline and the expectation.
type outcome struct {
	Caught   bool     `json:"caught"`   // every expected finding appeared
	Exact    bool     `json:"exact"`    // and nothing else changed
	Extra    []string `json:"extra"`    // findings that appeared beyond the expected
	Lost     []string `json:"lost"`     // baseline findings that vanished
	Expected []string `json:"expected"` // for the record
}

func compare(m mutation, a *applied, baseline, mutated []finding) outcome {
	var o outcome
	want := map[string]bool{}
	for _, f := range baseline {
		if f.File == m.file {
			line, ok := a.shift(f.Line)
			if !ok {
				continue // inside the rewritten lines: neither required nor forbidden
			}
			f.Line = line
		}
		want[f.key()] = true
	}
	expected := map[string]bool{}
	for _, e := range m.expect {
		expected[e.key()] = true
		o.Expected = append(o.Expected, e.key())
	}
	got := map[string]bool{}
	for _, f := range mutated {
		got[f.key()] = true
	}
	o.Caught = true
	for k := range expected {
		if !got[k] {
			o.Caught = false
		}
	}
	for k := range got {
		if !want[k] && !expected[k] && !inEdit(m, a, k) {
			o.Extra = append(o.Extra, k)
		}
	}
	for k := range want {
		if !got[k] {
			o.Lost = append(o.Lost, k)
		}
	}
	sort.Strings(o.Extra)
	sort.Strings(o.Lost)
	o.Exact = o.Caught && len(o.Extra) == 0 && len(o.Lost) == 0
	return o
}

// inEdit: a finding key on a line an edit wrote whose baseline
// counterpart compare could not place (a line-count-changing edit).
func inEdit(m mutation, a *applied, key string) bool {
	rest, ok := strings.CutPrefix(key, m.file+":")
	if !ok {
		return false
	}
	n, err := strconv.Atoi(rest[:strings.Index(rest, ":")])
	if err != nil || !a.edited(n) {
		return false
	}
	for _, sp := range a.spans {
		if sp.delta != 0 {
			return true
		}
	}
	return false
}

// otherCaught: did a peer tool report anything new on the expected lines?
func otherCaught(m mutation, a *applied, baseline, mutated []finding) (caught bool, linters []string) {
	old := map[string]bool{}
	for _, f := range baseline {
		if f.File == m.file {
			if line, ok := a.shift(f.Line); ok {
				f.Line = line
			}
		}
		old[f.key()] = true
	}
	for _, f := range mutated {
		if old[f.key()] || f.File != m.file {
			continue
		}
		for _, e := range m.expect {
			if f.Line == e.Line {
				caught = true
				linters = append(linters, f.Rule)
			}
		}
	}
	return caught, linters
}
