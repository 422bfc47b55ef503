package jsts

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The holdout corpus (testdata/holdout/js) was written from RULES.md alone,
// without reading the fixtures under testdata/js, to measure the rules on
// cases the engine was not shaped by. A label is a comment on the line
// above the construct it speaks of (the line a finding would name):
//
//	// holdout: pos singleton (route handler), neg release (finally)
//	const db = new PrismaClient();
//
// "pos R" says rule R reports that line; "neg R" says it does not; a bare
// "neg" says neither rule does. Parenthesised and bracketed text is the
// reason and is not parsed. Any finding that is not a labelled positive
// fails the test (labelled negative or unlabelled line).

type holdoutLabel struct {
	file string
	line int // the labelled construct's line
	pos  map[string]bool
	neg  map[string]bool
	hit  map[string]bool
}

var holdoutRe = regexp.MustCompile(`//\s*holdout:\s*(.*)$`)
var holdoutItem = regexp.MustCompile(`\b(pos|neg)\b(?:\s+(singleton|release)\b)?`)

// stripReasons drops (...) and [...] spans, nested or not.
func stripReasons(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func readHoldoutLabels(t *testing.T, root string) []*holdoutLabel {
	t.Helper()
	var out []*holdoutLabel
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := languageOf(path); !ok {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		lines := strings.Split(string(data), "\n")
		for i, line := range lines {
			m := holdoutRe.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			// The construct is the next line that is not itself a comment.
			target := i + 1
			for target < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[target]), "//") {
				target++
			}
			l := &holdoutLabel{file: filepath.ToSlash(rel), line: target + 1,
				pos: map[string]bool{}, neg: map[string]bool{}, hit: map[string]bool{}}
			items := holdoutItem.FindAllStringSubmatch(stripReasons(m[1]), -1)
			if len(items) == 0 {
				t.Fatalf("%s:%d: label without pos/neg: %s", rel, i+1, line)
			}
			for _, it := range items {
				rules := []string{it[2]}
				if it[2] == "" {
					if it[1] == "pos" {
						t.Fatalf("%s:%d: pos needs a rule: %s", rel, i+1, line)
					}
					rules = []string{"singleton", "release"}
				}
				for _, r := range rules {
					if it[1] == "pos" {
						l.pos[r] = true
					} else {
						l.neg[r] = true
					}
				}
			}
			out = append(out, l)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type holdoutTally struct {
	pos, found, neg, fpLabelled, fpUnlabelled int
}

// TestHoldout runs the engine on every holdout project and matches its
// findings with the labels.
func TestHoldout(t *testing.T) {
	base := filepath.Join("..", "..", "testdata", "holdout", "js")
	entries, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	tally := map[string]*holdoutTally{"singleton": {}, "release": {}}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		root, _ := filepath.Abs(filepath.Join(base, e.Name()))
		t.Run(e.Name(), func(t *testing.T) {
			labels := readHoldoutLabels(t, root)
			at := map[string]*holdoutLabel{}
			for _, l := range labels {
				at[l.file+":"+strconv.Itoa(l.line)] = l
				for r := range l.pos {
					tally[r].pos++
				}
				for r := range l.neg {
					tally[r].neg++
				}
			}
			res := runFixture(t, root)
			for _, er := range res.Errors {
				t.Errorf("error: %s: %s", er.File, er.Message)
			}
			for _, fd := range res.Findings {
				tl := tally[fd.Rule]
				l := at[fd.File+":"+strconv.Itoa(fd.Line)]
				switch {
				case l != nil && l.pos[fd.Rule] && !l.hit[fd.Rule]:
					l.hit[fd.Rule] = true
					tl.found++
				case l != nil:
					tl.fpLabelled++
					t.Errorf("false positive on a labelled line %s:%d: %s (%s)", fd.File, fd.Line, fd.Message, fd.Rule)
				default:
					tl.fpUnlabelled++
					t.Errorf("finding on an unlabelled line %s:%d: %s (%s)", fd.File, fd.Line, fd.Message, fd.Rule)
				}
			}
			sort.Slice(labels, func(i, j int) bool {
				if labels[i].file != labels[j].file {
					return labels[i].file < labels[j].file
				}
				return labels[i].line < labels[j].line
			})
			for _, l := range labels {
				for r := range l.pos {
					if !l.hit[r] {
						t.Errorf("missed %s:%d: %s", l.file, l.line, r)
					}
				}
			}
		})
	}
	for _, r := range []string{"singleton", "release"} {
		tl := tally[r]
		t.Logf("%s: %d/%d positives found, %d labelled negatives, false positives: %d on labelled lines, %d on unlabelled lines",
			r, tl.found, tl.pos, tl.neg, tl.fpLabelled, tl.fpUnlabelled)
	}
}
