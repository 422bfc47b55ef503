// Package gate decides which findings a run reports: only those on lines a
// change added or modified (--new-from-rev, --new-from-patch, golangci-lint's
// semantics), and none that a baseline recorded. It also computes the
// fingerprints that identify a finding across line moves, used by the
// baseline and by SARIF's partialFingerprints.
package gate

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/connlint/connlint/analyzers/diag"
)

// Sources reads the files findings point into, once each. Paths are
// relative to Dir (the working directory of the run) unless absolute.
type Sources struct {
	Dir   string
	lines map[string][]string
}

// NewSources reads files relative to dir.
func NewSources(dir string) *Sources { return &Sources{Dir: dir, lines: map[string][]string{}} }

// Line returns the text of a 1-based line of file, or "" when the file
// cannot be read or is shorter.
func (s *Sources) Line(file string, line int) string {
	ls, ok := s.lines[file]
	if !ok {
		path := file
		if !filepath.IsAbs(path) {
			path = filepath.Join(s.Dir, filepath.FromSlash(file))
		}
		data, err := os.ReadFile(path)
		if err == nil {
			data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
			ls = strings.Split(string(data), "\n")
		}
		s.lines[file] = ls
	}
	if line < 1 || line > len(ls) {
		return ""
	}
	return ls[line-1]
}

// Fingerprints returns one fingerprint per finding, in order. A fingerprint
// hashes the rule, the flagged line's text with its whitespace collapsed,
// and the finding's rank among the findings of the same rule on lines of
// the same text in the same file: it survives the finding moving to
// another line (code added above it, reindenting), and changes when the
// flagged line itself changes. The file is not part of it: whoever matches
// fingerprints matches files beside them.
func Fingerprints(src *Sources, findings []diag.Finding) []string {
	type item struct {
		i         int
		file      string
		rule      string
		text      string
		line, col int
	}
	items := make([]item, len(findings))
	for i, f := range findings {
		items[i] = item{i, f.File, f.Rule, normalize(src.Line(f.File, f.Line)), f.Line, f.Column}
	}
	order := slices.Clone(items)
	slices.SortStableFunc(order, func(a, b item) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.rule, b.rule), cmp.Compare(a.text, b.text),
			cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col))
	})
	out := make([]string, len(findings))
	rank := 0
	for k, it := range order {
		if k > 0 && (order[k-1].file != it.file || order[k-1].rule != it.rule || order[k-1].text != it.text) {
			rank = 0
		}
		out[it.i] = hash(it.rule, it.text, rank)
		rank++
	}
	return out
}

func normalize(line string) string { return strings.Join(strings.Fields(line), " ") }

func hash(rule, text string, rank int) string {
	h := sha256.New()
	h.Write([]byte("connlint/v1\x00" + rule + "\x00" + text + "\x00"))
	h.Write([]byte{byte(rank >> 24), byte(rank >> 16), byte(rank >> 8), byte(rank)})
	return hex.EncodeToString(h.Sum(nil)[:16])
}
