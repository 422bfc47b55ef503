package corpus

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A SpecFile holds the mutations of one project.
type SpecFile struct {
	Repo      string     `yaml:"repo"` // project directory, relative to the corpus root or absolute
	Mutations []Mutation `yaml:"mutations"`
	Path      string     `yaml:"-"`
}

// A Mutation changes one file and says which findings must appear
// because of it; nothing else may change. The change is search/replace,
// or several edits applied in order when one idea touches two places
// (an import and its use).
type Mutation struct {
	ID      string     `yaml:"id"`
	What    string     `yaml:"what"`
	File    string     `yaml:"file"`
	Search  string     `yaml:"search"`  // exact text, found exactly once in File
	Replace string     `yaml:"replace"` // its replacement
	Edits   []EditSpec `yaml:"edits"`   // instead of search/replace
	Expect  []Expect   `yaml:"expect"`  // empty: the mutation must change nothing
}

// EditSpec is one search/replace of a mutation with several edits.
type EditSpec struct {
	Search  string `yaml:"search"`
	Replace string `yaml:"replace"`
}

// edits lists the mutation's search/replace pairs in order.
func (m Mutation) edits() []EditSpec {
	if m.Search != "" {
		return append([]EditSpec{{Search: m.Search, Replace: m.Replace}}, m.Edits...)
	}
	return m.Edits
}

// Expect is a finding the mutation must add.
type Expect struct {
	Rule string `yaml:"rule"`
	Line int    `yaml:"line"`           // in the mutated file
	File string `yaml:"file,omitempty"` // default: the mutated file
}

// ReadSpecs reads a YAML spec file and checks it is complete.
func ReadSpecs(path string) (SpecFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return SpecFile{}, err
	}
	var sf SpecFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&sf); err != nil {
		return SpecFile{}, fmt.Errorf("%s: %v", path, err)
	}
	sf.Path = path
	if sf.Repo == "" {
		return sf, fmt.Errorf("%s: no repo", path)
	}
	seen := map[string]bool{}
	for i, m := range sf.Mutations {
		if m.ID == "" || m.File == "" || len(m.edits()) == 0 {
			return sf, fmt.Errorf("%s: mutation %d needs id, file and search (or edits)", path, i+1)
		}
		for _, e := range m.edits() {
			if e.Search == "" {
				return sf, fmt.Errorf("%s: %s: an edit has no search text", path, m.ID)
			}
		}
		if seen[m.ID] {
			return sf, fmt.Errorf("%s: duplicate mutation id %s", path, m.ID)
		}
		seen[m.ID] = true
		for j := range m.Expect {
			e := &sf.Mutations[i].Expect[j]
			if e.Rule != "singleton" && e.Rule != "release" || e.Line < 1 {
				return sf, fmt.Errorf("%s: %s: expect needs rule singleton|release and a line", path, m.ID)
			}
			if e.File == "" {
				e.File = m.File
			}
		}
	}
	return sf, nil
}

// An Edit is a mutation applied to a file's text.
type Edit struct {
	Text      []byte
	FirstLine int   // first line of the replaced text
	LastLine  int   // last line of the replaced text, before the edit
	Delta     int   // lines added (negative: removed)
	Then      *Edit // the next edit, made on Text
}

// ApplyAll makes the mutation's edits in order.
func ApplyAll(src []byte, m Mutation) (Edit, error) {
	var first, last *Edit
	text := src
	for i, es := range m.edits() {
		e, err := Apply(text, es.Search, es.Replace)
		if err != nil {
			return Edit{}, fmt.Errorf("edit %d: %v", i+1, err)
		}
		if first == nil {
			first = &e
		} else {
			last.Then = &e
		}
		last = &e
		text = e.Text
	}
	out := *first
	out.Text = text
	return out, nil
}

// Apply replaces the one occurrence of search in src.
func Apply(src []byte, search, replace string) (Edit, error) {
	n := bytes.Count(src, []byte(search))
	if n != 1 {
		return Edit{}, fmt.Errorf("search text occurs %d times, want exactly once", n)
	}
	at := bytes.Index(src, []byte(search))
	var out bytes.Buffer
	out.Write(src[:at])
	out.WriteString(replace)
	out.Write(src[at+len(search):])
	first := 1 + bytes.Count(src[:at], []byte("\n"))
	return Edit{
		Text:      out.Bytes(),
		FirstLine: first,
		LastLine:  first + strings.Count(strings.TrimSuffix(search, "\n"), "\n"),
		Delta:     strings.Count(replace, "\n") - strings.Count(search, "\n"),
	}, nil
}

// Shift maps a finding of the unmutated project to where it lands after
// the edits of file: lines below an edited text move by its delta.
func (e Edit) Shift(file string, f Finding) Finding {
	for x := &e; x != nil; x = x.Then {
		if f.File == file && f.Line > x.LastLine {
			f.Line += x.Delta
		}
	}
	return f
}

// Outcome says what a mutation did to the findings.
type Outcome struct {
	ID       string    `json:"id"`
	Repo     string    `json:"repo"`
	File     string    `json:"file"`
	What     string    `json:"what"`
	Expected []Loc     `json:"expected"`
	Added    []Finding `json:"added"`   // findings not there before
	Removed  []Finding `json:"removed"` // findings gone
	Missing  []Loc     `json:"missing"` // expected but not added
	Extra    []Finding `json:"extra"`   // added but not expected
	Errors   int       `json:"errors_delta"`
	Status   string    `json:"status"`
	Err      string    `json:"error,omitempty"`
}

// Statuses of an outcome.
const (
	Caught = "caught" // exactly the expected findings appeared, nothing else changed
	Missed = "missed" // an expected finding did not appear
	Noisy  = "noisy"  // the expected findings appeared, but something else changed too
	Broken = "broken" // the spec could not be applied or run
)

// Judge compares the findings before and after a mutation.
func Judge(m Mutation, e Edit, before, after Run) Outcome {
	o := Outcome{ID: m.ID, File: m.File, What: m.What, Errors: len(after.Errors) - len(before.Errors)}
	for _, x := range m.Expect {
		o.Expected = append(o.Expected, Loc{File: x.File, Line: x.Line, Rule: x.Rule})
	}
	was := map[Loc]int{}
	for _, f := range before.Findings {
		was[e.Shift(m.File, f).Loc()]++
	}
	now := map[Loc]int{}
	for _, f := range after.Findings {
		now[f.Loc()]++
	}
	for _, f := range sortFindings(after.Findings) {
		if was[f.Loc()] > 0 {
			was[f.Loc()]--
			continue
		}
		o.Added = append(o.Added, f)
	}
	for _, f := range sortFindings(before.Findings) {
		g := e.Shift(m.File, f)
		if now[g.Loc()] > 0 {
			now[g.Loc()]--
			continue
		}
		o.Removed = append(o.Removed, g)
	}
	want := map[Loc]bool{}
	for _, l := range o.Expected {
		want[l] = true
	}
	got := map[Loc]bool{}
	for _, f := range o.Added {
		if want[f.Loc()] && !got[f.Loc()] {
			got[f.Loc()] = true
			continue
		}
		o.Extra = append(o.Extra, f)
	}
	for _, l := range o.Expected {
		if !got[l] {
			o.Missing = append(o.Missing, l)
		}
	}
	switch {
	case len(o.Missing) > 0:
		o.Status = Missed
	case len(o.Extra) > 0 || len(o.Removed) > 0 || o.Errors != 0:
		o.Status = Noisy
	default:
		o.Status = Caught
	}
	return o
}

// CountStatuses tallies outcomes by status, in a fixed order.
func CountStatuses(outcomes []Outcome) []string {
	n := map[string]int{}
	for _, o := range outcomes {
		n[o.Status]++
	}
	var out []string
	for _, s := range []string{Caught, Noisy, Missed, Broken} {
		if n[s] > 0 {
			out = append(out, fmt.Sprintf("%d %s", n[s], s))
		}
	}
	return out
}
