// Package docsnippet reads the named code blocks of the Markdown docs, so
// that tests can run or compare every snippet a user may copy. A snippet is
// a fenced block right after a `<!-- snippet: NAME -->` line.
package docsnippet

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// Snippet is one named code block.
type Snippet struct {
	Name string
	Lang string // the fence's info string
	Code string
	Line int // of the opening fence
}

var marker = regexp.MustCompile(`^<!-- snippet: ([a-z0-9-]+) -->$`)

// Parse reads every fenced block of a Markdown file. Blocks without a
// snippet marker are returned with an empty Name, so that a test can insist
// every block is named (and so exercised).
func Parse(path string) ([]Snippet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []Snippet
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	name, fence := "", ""
	var cur *Snippet
	var body strings.Builder
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur != nil && strings.TrimSpace(line) == fence:
			cur.Code = body.String()
			out = append(out, *cur)
			cur, fence = nil, ""
			body.Reset()
		case cur != nil:
			body.WriteString(line + "\n")
		case strings.HasPrefix(strings.TrimSpace(line), "```"):
			trimmed := strings.TrimSpace(line)
			fence = trimmed[:strings.LastIndex(trimmed, "`")+1]
			cur = &Snippet{Name: name, Lang: strings.TrimSpace(trimmed[len(fence):]), Line: n}
			name = ""
		case marker.MatchString(line):
			name = marker.FindStringSubmatch(line)[1]
		case strings.TrimSpace(line) != "":
			name = "" // the marker must stand right above its block
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("%s:%d: code block never closed", path, cur.Line)
	}
	return out, sc.Err()
}

// Get returns the snippet with a name; it is an error when there is none
// or more than one.
func Get(path, name string) (Snippet, error) {
	all, err := Parse(path)
	if err != nil {
		return Snippet{}, err
	}
	var found []Snippet
	for _, s := range all {
		if s.Name == name {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		return Snippet{}, fmt.Errorf("%s: %d snippets named %q, want 1", path, len(found), name)
	}
	return found[0], nil
}
