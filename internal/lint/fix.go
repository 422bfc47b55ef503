package lint

import (
	"cmp"
	"fmt"
	"go/format"
	"os"
	"slices"
	"strings"

	"github.com/connlint/connlint/analyzers/diag"
)

// ApplyFixes writes the first suggested fix of every finding that has one.
// Edits that overlap an edit already taken in the same file are skipped, so
// that two fixes never corrupt each other; a second run picks them up. Go
// files are gofmt'ed after editing. It returns the findings fixed.
func ApplyFixes(findings []diag.Finding) (fixed []diag.Finding, err error) {
	byFile := map[string][]diag.Edit{}
	for _, f := range findings {
		if len(f.Fixes) == 0 || len(f.Fixes[0].Edits) == 0 {
			continue
		}
		if !fitsAll(byFile, f.Fixes[0].Edits) {
			continue
		}
		for _, e := range f.Fixes[0].Edits {
			byFile[e.File] = append(byFile[e.File], e)
		}
		fixed = append(fixed, f)
	}
	for file, edits := range byFile {
		if err := applyEdits(file, edits); err != nil {
			return nil, err
		}
	}
	return fixed, nil
}

// fitsAll reports whether none of edits overlaps an edit already taken
// (identical edits, as two findings may share one, count as fitting).
func fitsAll(taken map[string][]diag.Edit, edits []diag.Edit) bool {
	for _, e := range edits {
		for _, t := range taken[e.File] {
			if t == e {
				continue
			}
			if e.Start < t.End && t.Start < e.End || e.Start == t.Start && e.End == t.End {
				return false
			}
		}
	}
	return true
}

func applyEdits(file string, edits []diag.Edit) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("fix %s: %w", file, err)
	}
	slices.SortFunc(edits, func(a, b diag.Edit) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
	edits = slices.Compact(edits)
	var out []byte
	last := 0
	for _, e := range edits {
		if e.Start < last || e.End > len(src) || e.Start > e.End {
			return fmt.Errorf("fix %s: edit at %d..%d does not fit the file", file, e.Start, e.End)
		}
		out = append(out, src[last:e.Start]...)
		out = append(out, e.NewText...)
		last = e.End
	}
	out = append(out, src[last:]...)
	if strings.HasSuffix(file, ".go") {
		if formatted, err := format.Source(out); err == nil {
			out = formatted
		}
	}
	st, err := os.Stat(file)
	if err != nil {
		return err
	}
	return os.WriteFile(file, out, st.Mode().Perm())
}
