package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// A label is the ground truth for one line of a module, judged by hand from
// RULES.md: the rule that must be reported there ("none": nothing may be;
// "release|singleton": a real defect that either rule may report, where
// RULES.md's one-finding-per-construction picks between them by a reading
// the labeller could not settle), and whether the judgement is firm
// ("true") or debatable.
type label struct {
	file    string
	line    int
	rule    string
	verdict string // "true" or "debatable"
	reason  string
}

// readLabels parses a labels TSV: file, line, rule, verdict, reason; '#'
// starts a comment line, and a first line starting with "file" is a header.
func readLabels(path string) ([]label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []label
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") || (n == 1 && strings.HasPrefix(text, "file\t")) {
			continue
		}
		cols := strings.Split(text, "\t")
		if len(cols) < 5 {
			return nil, fmt.Errorf("%s:%d: want 5 tab-separated columns (file, line, rule, verdict, reason), got %d", path, n, len(cols))
		}
		line, err := strconv.Atoi(cols[1])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: line %q: %v", path, n, cols[1], err)
		}
		l := label{file: cols[0], line: line, rule: cols[2], verdict: cols[3], reason: strings.Join(cols[4:], "\t")}
		switch l.rule {
		case "singleton", "release", "none", "release|singleton", "singleton|release":
		default:
			return nil, fmt.Errorf("%s:%d: rule %q: want singleton, release, release|singleton or none", path, n, l.rule)
		}
		if l.verdict != "true" && l.verdict != "debatable" {
			return nil, fmt.Errorf("%s:%d: verdict %q: want true or debatable", path, n, l.verdict)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// tally sorts one run's findings against a module's labels.
type tally struct {
	Findings   int      `json:"findings"`
	True       int      `json:"true"`
	False      int      `json:"false"`
	Debatable  int      `json:"debatable"`
	Unlabelled int      `json:"unlabelled"`
	Misses     int      `json:"misses"`
	Clean      int      `json:"clean_sites"` // rule-none labels with nothing reported: suspicious sites judged fine
	Notes      []string `json:"notes"`       // one line per false, debatable, unlabelled finding and miss
}

func score(found []finding, labels []label) tally {
	var t tally
	byLine := map[string][]label{}
	for _, l := range labels {
		k := fmt.Sprintf("%s:%d", l.file, l.line)
		byLine[k] = append(byLine[k], l)
	}
	reported := map[string]bool{}
	for _, f := range found {
		t.Findings++
		k := fmt.Sprintf("%s:%d", f.File, f.Line)
		reported[k+":"+f.Rule] = true
		reported[k] = true
		var match *label
		for i, l := range byLine[k] {
			if allows(l.rule, f.Rule) || (l.rule == "none" && match == nil) {
				match = &byLine[k][i]
			}
		}
		switch {
		case match == nil && len(byLine[k]) > 0:
			// The line was judged, for another rule: this rule is wrong here.
			t.False++
			t.Notes = append(t.Notes, fmt.Sprintf("FALSE      %s %s: the line's label is %s (%s)", k, f.Rule, byLine[k][0].rule, byLine[k][0].reason))
		case match == nil:
			t.Unlabelled++
			t.Notes = append(t.Notes, fmt.Sprintf("UNLABELLED %s %s: %s", k, f.Rule, f.Message))
		case match.verdict == "debatable":
			t.Debatable++
			t.Notes = append(t.Notes, fmt.Sprintf("DEBATABLE  %s %s: %s", k, f.Rule, match.reason))
		case match.rule == "none":
			t.False++
			t.Notes = append(t.Notes, fmt.Sprintf("FALSE      %s %s: %s", k, f.Rule, match.reason))
		default:
			t.True++
		}
	}
	for _, l := range labels {
		k := fmt.Sprintf("%s:%d", l.file, l.line)
		switch {
		case l.rule == "none":
			if !reported[k] {
				t.Clean++
			}
		case reported[k+":"+l.rule] || (strings.Contains(l.rule, "|") && (reported[k+":release"] || reported[k+":singleton"])):
		case l.verdict == "debatable":
			t.Notes = append(t.Notes, fmt.Sprintf("debatable, not reported %s %s: %s", k, l.rule, l.reason))
		default:
			t.Misses++
			t.Notes = append(t.Notes, fmt.Sprintf("MISS       %s %s: %s", k, l.rule, l.reason))
		}
	}
	return t
}

// allows: a label's rule admits a finding of this rule.
func allows(labelRule, rule string) bool {
	for _, r := range strings.Split(labelRule, "|") {
		if r == rule {
			return true
		}
	}
	return false
}
