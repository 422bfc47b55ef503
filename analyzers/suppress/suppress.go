// Package suppress reads the comments that silence a finding, in both
// languages:
//
//	//nolint:connlint                  every connlint rule (golangci-lint's convention)
//	//nolint:connlint/release          one rule
//	//nolint                           every linter, connlint included
//	// connlint-ignore release -- why  one rule (several: release,singleton)
//
// A directive at the end of a line silences that line. A directive on a
// line of its own silences the statement or declaration that follows it,
// all its lines (a directive above a function covers the function).
package suppress

import (
	"go/ast"
	"go/token"
	"strings"
)

// Parse reads one comment's text (with its // or /* */ markers). It returns
// ok when the comment is a directive that concerns connlint, and the rules
// it names; no rules means every rule.
func Parse(comment string) (rules []string, ok bool) {
	text := strings.TrimSpace(comment)
	switch {
	case strings.HasPrefix(text, "//"):
		text = text[2:]
	case strings.HasPrefix(text, "/*"):
		text = strings.TrimSuffix(text[2:], "*/")
	}
	text = strings.TrimSpace(text)
	if rest, found := cutWord(text, "nolint"); found {
		return parseNolint(rest)
	}
	if rest, found := cutWord(text, "connlint-ignore"); found {
		return parseIgnore(rest)
	}
	return nil, false
}

// cutWord removes a leading directive word, which must end there or be
// followed by ':' or a space.
func cutWord(text, word string) (string, bool) {
	if !strings.HasPrefix(text, word) {
		return "", false
	}
	rest := text[len(word):]
	if rest != "" && rest[0] != ':' && rest[0] != ' ' && rest[0] != '\t' {
		return "", false
	}
	return rest, true
}

// parseNolint reads what follows "nolint": nothing (every linter), or
// ":a,b" optionally followed by " // explanation".
func parseNolint(rest string) ([]string, bool) {
	if !strings.HasPrefix(rest, ":") {
		return nil, strings.TrimSpace(rest) == "" || strings.HasPrefix(strings.TrimSpace(rest), "//")
	}
	list, _, _ := strings.Cut(rest[1:], " ")
	var rules []string
	for _, name := range strings.Split(list, ",") {
		switch name = strings.TrimSpace(name); {
		case name == "all" || name == "connlint":
			return nil, true
		case strings.HasPrefix(name, "connlint/"):
			rules = append(rules, strings.TrimPrefix(name, "connlint/"))
		case name == "singleton" || name == "release":
			rules = append(rules, name)
		}
	}
	return rules, len(rules) > 0
}

// parseIgnore reads what follows "connlint-ignore": rule names separated by
// commas or spaces, then an optional "-- reason".
func parseIgnore(rest string) ([]string, bool) {
	names, _, _ := strings.Cut(rest, "--")
	var rules []string
	for _, name := range strings.FieldsFunc(names, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if name == "all" || name == "*" {
			return nil, true
		}
		rules = append(rules, name)
	}
	return rules, true
}

// Index answers whether a finding of a rule on a line is silenced.
type Index struct {
	spans []span
}

type span struct {
	from, to int      // lines, inclusive
	rules    []string // nil: every rule
}

// Add silences rules (nil: all) on lines from..to.
func (ix *Index) Add(from, to int, rules []string) {
	ix.spans = append(ix.spans, span{from, to, rules})
}

// Suppressed reports whether a finding of rule on line is silenced.
func (ix *Index) Suppressed(rule string, line int) bool {
	if ix == nil {
		return false
	}
	for _, s := range ix.spans {
		if line < s.from || line > s.to {
			continue
		}
		if s.rules == nil {
			return true
		}
		for _, r := range s.rules {
			if r == rule {
				return true
			}
		}
	}
	return false
}

// Empty reports whether the index silences nothing.
func (ix *Index) Empty() bool { return ix == nil || len(ix.spans) == 0 }

// ForGoFile builds the index of a Go file's directives.
func ForGoFile(fset *token.FileSet, f *ast.File) *Index {
	lines := scanGoLines(fset, f)
	ix := &Index{}
	for _, group := range f.Comments {
		for _, c := range group.List {
			rules, ok := Parse(c.Text)
			if !ok {
				continue
			}
			pos := fset.Position(c.Slash)
			if col, code := lines.firstCode[pos.Line]; code && col < pos.Column {
				ix.Add(pos.Line, pos.Line, rules) // trailing: this line
				continue
			}
			last := fset.Position(group.End()).Line
			next := lines.nextCodeLine(last)
			end, ok := lines.extent[next]
			if !ok {
				end = next
			}
			ix.Add(pos.Line, end, rules)
		}
	}
	return ix
}

// goLines is what ForGoFile needs to know of a file's code by line.
type goLines struct {
	firstCode map[int]int // line -> first column where code starts or ends
	extent    map[int]int // start line of a statement/declaration -> its last line
	maxLine   int
}

func scanGoLines(fset *token.FileSet, f *ast.File) goLines {
	gl := goLines{firstCode: map[int]int{}, extent: map[int]int{}}
	mark := func(p token.Pos) {
		pos := fset.Position(p)
		if col, ok := gl.firstCode[pos.Line]; !ok || pos.Column < col {
			gl.firstCode[pos.Line] = pos.Column
		}
		gl.maxLine = max(gl.maxLine, pos.Line)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n.(type) {
		case nil, *ast.Comment, *ast.CommentGroup:
			return false
		case ast.Stmt, ast.Decl, ast.Spec, *ast.Field, *ast.KeyValueExpr:
			start, end := fset.Position(n.Pos()).Line, fset.Position(n.End()).Line
			gl.extent[start] = max(gl.extent[start], end)
		}
		mark(n.Pos())
		if n.End().IsValid() && n.End() > n.Pos() {
			mark(n.End() - 1)
		}
		return true
	})
	return gl
}

// nextCodeLine is the first line after line that holds code.
func (gl goLines) nextCodeLine(line int) int {
	for next := line + 1; next <= gl.maxLine; next++ {
		if _, ok := gl.firstCode[next]; ok {
			return next
		}
	}
	return line + 1
}
