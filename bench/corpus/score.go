package corpus

import "sort"

// Score is the comparison of one run's findings with a project's labels.
type Score struct {
	TruePositives  []Match `json:"true_positives"`
	FalsePositives []Match `json:"false_positives"`
	Debatable      []Match `json:"debatable_reported"`
	Misses         []Label `json:"misses"`
	Silent         []Label `json:"debatable_silent"` // debatable labels with no finding
	Flags          int     `json:"flag_labels"`
}

// Match pairs a finding with the label that decided it (nil Label: no
// label at that place, an unlabelled false positive to adjudicate).
type Match struct {
	Finding Finding `json:"finding"`
	Label   *Label  `json:"label,omitempty"`
	Note    string  `json:"note,omitempty"`
}

// Compare scores findings against labels. A flag label is satisfied by
// the first finding at its location (or an accepted one); a second
// finding for it is a false positive (one finding per problem). A finding
// on a debatable label counts apart; any other finding is a false
// positive, with the ok label at its place (if any) as the reason.
func Compare(labels []Label, findings []Finding) Score {
	var s Score
	used := make([]bool, len(labels))
	for _, f := range sortFindings(findings) {
		loc := f.Loc()
		if i := find(labels, used, loc, Flag); i >= 0 {
			used[i] = true
			s.TruePositives = append(s.TruePositives, Match{Finding: f, Label: &labels[i]})
			continue
		}
		if i := find(labels, nil, loc, Flag); i >= 0 {
			s.FalsePositives = append(s.FalsePositives, Match{Finding: f, Label: &labels[i], Note: "second finding for one problem"})
			continue
		}
		if i := find(labels, used, loc, Debatable); i >= 0 {
			used[i] = true
			s.Debatable = append(s.Debatable, Match{Finding: f, Label: &labels[i]})
			continue
		}
		m := Match{Finding: f}
		if i := okAt(labels, loc); i >= 0 {
			m.Label = &labels[i]
		} else {
			m.Note = "unlabelled"
		}
		s.FalsePositives = append(s.FalsePositives, m)
	}
	for i, l := range labels {
		switch {
		case l.Verdict == Flag:
			s.Flags++
			if !used[i] {
				s.Misses = append(s.Misses, l)
			}
		case l.Verdict == Debatable && !used[i]:
			s.Silent = append(s.Silent, l)
		}
	}
	return s
}

// find returns the first label with the verdict matching loc, skipping
// used ones when used is given.
func find(labels []Label, used []bool, loc Loc, verdict string) int {
	for i, l := range labels {
		if l.Verdict == verdict && (used == nil || !used[i]) && l.matches(loc) {
			return i
		}
	}
	return -1
}

// okAt returns the label that explains why no finding is due at loc: an
// ok label on the same line (its rule column names what was judged).
func okAt(labels []Label, loc Loc) int {
	for i, l := range labels {
		if l.Verdict == OK && l.File == loc.File && l.Line == loc.Line {
			return i
		}
	}
	return -1
}

func sortFindings(fs []Finding) []Finding {
	out := append([]Finding(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
	return out
}
