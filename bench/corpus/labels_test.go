package corpus

import (
	"strings"
	"testing"
)

func TestParseLabels(t *testing.T) {
	src := "# comment\n" +
		"a.ts\t3\tsingleton\tflag\trule 1\tb.ts:9:singleton, c.ts:1:release\n" +
		"\n" +
		"a.ts\t7\tnone\tok\tcached\n" +
		"a.ts\t8\trelease\tdebatable\teither way\t\n"
	labels, err := ParseLabels(strings.NewReader(src), "x.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(labels) != 3 {
		t.Fatalf("got %d labels, want 3", len(labels))
	}
	want := []Loc{{"b.ts", 9, "singleton"}, {"c.ts", 1, "release"}}
	if got := labels[0].Accept; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("accept = %v, want %v", got, want)
	}
	if labels[1].Source != "x.tsv:4" {
		t.Errorf("source = %q, want x.tsv:4", labels[1].Source)
	}
}

func TestParseLabelsErrors(t *testing.T) {
	for _, row := range []string{
		"a.ts\t3\tsingleton\tflag",            // too few columns
		"a.ts\tx\tsingleton\tflag\tr",         // bad line
		"a.ts\t3\tleak\tflag\tr",              // bad rule
		"a.ts\t3\tnone\tflag\tr",              // flag without a rule
		"a.ts\t3\tsingleton\tmaybe\tr",        // bad verdict
		"a.ts\t3\tsingleton\tflag\tr\tb.ts:9", // bad accept
	} {
		if _, err := ParseLabels(strings.NewReader(row+"\n"), "x.tsv"); err == nil || !strings.Contains(err.Error(), "x.tsv:1") {
			t.Errorf("%q: err = %v, want an error at x.tsv:1", row, err)
		}
	}
}

func TestCompare(t *testing.T) {
	labels := []Label{
		{Loc: Loc{"a.ts", 3, "singleton"}, Verdict: Flag},
		{Loc: Loc{"a.ts", 5, "release"}, Verdict: Flag, Accept: []Loc{{"caller.ts", 2, "release"}}},
		{Loc: Loc{"a.ts", 9, "release"}, Verdict: Flag},
		{Loc: Loc{"b.ts", 1, "singleton"}, Verdict: Debatable},
		{Loc: Loc{"b.ts", 4, "singleton"}, Verdict: Debatable},
		{Loc: Loc{"c.ts", 2, "none"}, Verdict: OK, Reason: "cached"},
	}
	findings := []Finding{
		{Rule: "singleton", File: "a.ts", Line: 3},
		{Rule: "singleton", File: "a.ts", Line: 3},    // a second finding for one problem
		{Rule: "release", File: "caller.ts", Line: 2}, // accepted location
		{Rule: "singleton", File: "b.ts", Line: 1},
		{Rule: "singleton", File: "c.ts", Line: 2}, // on an ok label
		{Rule: "release", File: "d.ts", Line: 7},   // nobody judged this
		{Rule: "release", File: "a.ts", Line: 3},   // right line, wrong rule
	}
	s := Compare(labels, findings)
	if got := len(s.TruePositives); got != 2 {
		t.Errorf("true positives = %d, want 2", got)
	}
	if got := len(s.Debatable); got != 1 {
		t.Errorf("debatable reported = %d, want 1", got)
	}
	var fps []string
	for _, m := range s.FalsePositives {
		why := m.Note
		if m.Label != nil && m.Note == "" {
			why = m.Label.Reason
		}
		fps = append(fps, m.Finding.Loc().String()+" "+why)
	}
	wantFPs := []string{
		"a.ts:3:release unlabelled",
		"a.ts:3:singleton second finding for one problem",
		"c.ts:2:singleton cached",
		"d.ts:7:release unlabelled",
	}
	if strings.Join(fps, "\n") != strings.Join(wantFPs, "\n") {
		t.Errorf("false positives:\n%s\nwant:\n%s", strings.Join(fps, "\n"), strings.Join(wantFPs, "\n"))
	}
	if len(s.Misses) != 1 || s.Misses[0].Loc != (Loc{"a.ts", 9, "release"}) {
		t.Errorf("misses = %v, want a.ts:9:release", s.Misses)
	}
	if len(s.Silent) != 1 || s.Silent[0].Line != 4 {
		t.Errorf("silent debatable = %v, want b.ts:4", s.Silent)
	}
	if s.Flags != 3 {
		t.Errorf("flag labels = %d, want 3", s.Flags)
	}
}
