package jsts

import (
	"bytes"
	"path"
	"strings"
)

// needleSet answers "could this file import one of these modules?" from
// its string literals alone: an import specifier is always a string
// literal, so a file none of whose literals names an interesting module
// by a path segment, a package name or an exact alias cannot import it.
type needleSet struct {
	segs map[string]bool // file stems and folder names
	full map[string]bool // package names, exact tsconfig aliases
}

func newNeedleSet() *needleSet {
	return &needleSet{segs: map[string]bool{}, full: map[string]bool{}}
}

func (n *needleSet) empty() bool { return len(n.segs) == 0 && len(n.full) == 0 }

// matches scans the string literals of src.
func (n *needleSet) matches(src []byte) bool {
	if n.empty() {
		return false
	}
	i := 0
	for i < len(src) {
		j := bytes.IndexAny(src[i:], "'\"`")
		if j < 0 {
			return false
		}
		q := src[i+j]
		start := i + j + 1
		end := start
		for end < len(src) && src[end] != q && src[end] != '\n' && end-start < 400 {
			if src[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(src) || src[end] != q {
			i = start
			continue
		}
		if n.literal(string(src[start:end])) {
			return true
		}
		i = end + 1
	}
	return false
}

func (n *needleSet) literal(lit string) bool {
	if lit == "" || len(lit) > 300 {
		return false
	}
	if n.full[lit] {
		return true
	}
	// @scope/name/sub or name/sub: the package name
	if name, _ := splitPkg(lit); name != lit && n.full[name] {
		return true
	}
	for _, seg := range strings.Split(lit, "/") {
		if seg == "" {
			continue
		}
		if n.segs[seg] {
			return true
		}
		if ext := path.Ext(seg); ext != "" && n.segs[strings.TrimSuffix(seg, ext)] {
			return true
		}
	}
	return false
}
