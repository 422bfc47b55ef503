package jsts

import (
	"strings"

	"github.com/connlint/connlint/analyzers/diag"
)

// suppression is one directive: the lines it covers and its rules (nil:
// every connlint rule).
type suppression struct {
	from, to int // 1-based, inclusive
	rules    map[string]bool
}

// suppressions reads the directives of a file's comments:
//
//	// connlint-ignore release -- reason
//	//nolint:connlint
//	//nolint:connlint/singleton
//
// A comment after code covers its own line; a comment on a line of its
// own covers the statement that follows it.
func (f *File) suppressions() []suppression {
	var out []suppression
	for _, c := range f.Comments {
		text := f.Text(c)
		rules, ok := parseDirective(text)
		if !ok {
			continue
		}
		line, _ := f.StartPos(c)
		s := suppression{from: line, to: line, rules: rules}
		if f.ownLine(c) {
			if next := f.nextStatement(c); next >= 0 {
				s.from, _ = f.StartPos(next)
				s.to, _ = f.EndPos(next)
				if s.from > line+1 {
					// a blank line or other text between: only the
					// statement's first line... still the statement.
				}
			} else {
				s.from, s.to = line+1, line+1
			}
		}
		out = append(out, s)
	}
	return out
}

// parseDirective recognises a suppression comment and returns its rules.
func parseDirective(text string) (map[string]bool, bool) {
	t := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(text, "//"), "/*"))
	t = strings.TrimSpace(strings.TrimSuffix(t, "*/"))
	if rest, ok := strings.CutPrefix(t, "connlint-ignore"); ok {
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != ':' {
			return nil, false
		}
		rest = strings.TrimLeft(rest, ": \t")
		if i := strings.Index(rest, "--"); i >= 0 {
			rest = rest[:i]
		}
		rules := map[string]bool{}
		for _, r := range strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			r = strings.TrimPrefix(r, "connlint/")
			if r == "all" || r == "connlint" {
				return nil, true
			}
			rules[r] = true
		}
		if len(rules) == 0 {
			return nil, true
		}
		return rules, true
	}
	if rest, ok := strings.CutPrefix(t, "nolint:"); ok {
		if i := strings.IndexAny(rest, " \t/"); i >= 0 && rest[i] != '/' {
			rest = rest[:i]
		}
		// nolint:connlint/release,connlint/singleton // reason
		if i := strings.Index(rest, " "); i >= 0 {
			rest = rest[:i]
		}
		rules := map[string]bool{}
		matched := false
		for _, item := range strings.Split(rest, ",") {
			item = strings.TrimSpace(item)
			switch {
			case item == "connlint" || item == "all":
				return nil, true
			case strings.HasPrefix(item, "connlint/"):
				rules[strings.TrimPrefix(item, "connlint/")] = true
				matched = true
			}
		}
		return rules, matched
	}
	return nil, false
}

// ownLine: nothing but space before the comment on its line.
func (f *File) ownLine(c int32) bool {
	for i := int(f.N[c].Start) - 1; i >= 0; i-- {
		switch f.Src[i] {
		case '\n':
			return true
		case ' ', '\t', '\r':
			continue
		default:
			return false
		}
	}
	return true
}

// nextStatement returns the node after comment c (its next non-comment
// sibling), or -1.
func (f *File) nextStatement(c int32) int32 {
	for n := f.N[c].Next; n >= 0; n = f.N[n].Next {
		k := f.N[n].Kind
		if k == KComment {
			continue
		}
		if named(k) || k == KError {
			return n
		}
	}
	return -1
}

func isSuppressed(sups []suppression, fd diag.Finding) bool {
	for _, s := range sups {
		if fd.Line < s.from || fd.Line > s.to {
			continue
		}
		if s.rules == nil || s.rules[fd.Rule] {
			return true
		}
	}
	return false
}
