// Package corpus measures connlint against labelled real code: it scores
// findings against ground-truth labels (true positives, false positives,
// misses) and runs mutation specs that each change one thing in a copy of
// a real project and expect exactly one finding to change.
//
// The labels and specs live outside the repository, beside the third-party
// code they quote; this package holds only the generic machinery.
package corpus

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Verdicts a label can carry.
const (
	Flag      = "flag"      // a finding is due here
	OK        = "ok"        // no finding is due here
	Debatable = "debatable" // the rules read both ways: counted apart
)

// Loc is a finding's identity for scoring: where and which rule.
type Loc struct {
	File string
	Line int
	Rule string
}

func (l Loc) String() string { return fmt.Sprintf("%s:%d:%s", l.File, l.Line, l.Rule) }

// A Label is one judged construction, wrapper call or acquisition.
type Label struct {
	Loc
	Verdict string
	Reason  string
	Accept  []Loc // other locations that satisfy a flag label
	Source  string
}

// ReadLabels reads a label file (see ParseLabels).
func ReadLabels(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseLabels(f, path)
}

// ParseLabels reads tab-separated rows: file, line, rule
// (singleton|release|none), verdict (flag|ok|debatable), reason, and an
// optional comma-separated list of accepted file:line:rule locations.
// Blank lines and lines starting with # are skipped.
func ParseLabels(r io.Reader, name string) ([]Label, error) {
	var labels []Label
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		l, err := parseLabel(text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, n, err)
		}
		l.Source = fmt.Sprintf("%s:%d", name, n)
		labels = append(labels, l)
	}
	return labels, sc.Err()
}

func parseLabel(text string) (Label, error) {
	cols := strings.Split(text, "\t")
	if len(cols) < 5 {
		return Label{}, fmt.Errorf("want at least 5 tab-separated columns, got %d", len(cols))
	}
	line, err := strconv.Atoi(cols[1])
	if err != nil || line < 1 {
		return Label{}, fmt.Errorf("bad line %q", cols[1])
	}
	l := Label{Loc: Loc{File: cols[0], Line: line, Rule: cols[2]}, Verdict: cols[3], Reason: cols[4]}
	switch l.Rule {
	case "singleton", "release", "none":
	default:
		return Label{}, fmt.Errorf("bad rule %q (want singleton, release or none)", l.Rule)
	}
	switch l.Verdict {
	case Flag, Debatable:
		if l.Rule == "none" {
			return Label{}, fmt.Errorf("verdict %s needs a rule", l.Verdict)
		}
	case OK:
	default:
		return Label{}, fmt.Errorf("bad verdict %q (want flag, ok or debatable)", l.Verdict)
	}
	if len(cols) > 5 && strings.TrimSpace(cols[5]) != "" {
		for _, a := range strings.Split(cols[5], ",") {
			loc, err := ParseLoc(strings.TrimSpace(a))
			if err != nil {
				return Label{}, fmt.Errorf("accept: %v", err)
			}
			l.Accept = append(l.Accept, loc)
		}
	}
	return l, nil
}

// ParseLoc reads file:line:rule.
func ParseLoc(s string) (Loc, error) {
	i := strings.LastIndex(s, ":")
	j := strings.LastIndex(s[:max(i, 0)], ":")
	if i < 0 || j < 0 {
		return Loc{}, fmt.Errorf("%q is not file:line:rule", s)
	}
	line, err := strconv.Atoi(s[j+1 : i])
	if err != nil {
		return Loc{}, fmt.Errorf("%q is not file:line:rule", s)
	}
	return Loc{File: s[:j], Line: line, Rule: s[i+1:]}, nil
}

// matches reports whether a finding at loc satisfies the label.
func (l Label) matches(loc Loc) bool {
	if l.Loc == loc {
		return true
	}
	for _, a := range l.Accept {
		if a == loc {
			return true
		}
	}
	return false
}
