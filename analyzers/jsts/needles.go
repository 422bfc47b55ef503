package jsts

import "bytes"

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
		if n.literalBytes(src[start:end]) {
			return true
		}
		i = end + 1
	}
	return false
}

// literalBytes is literal on the bytes of the literal, without copying
// them (map lookups with string(b) keys do not allocate).
func (n *needleSet) literalBytes(lit []byte) bool {
	if len(lit) == 0 || len(lit) > 300 {
		return false
	}
	if n.full[string(lit)] {
		return true
	}
	// @scope/name/sub or name/sub: the package name (see splitPkg)
	if name := pkgNameBytes(lit); len(name) != len(lit) && n.full[string(name)] {
		return true
	}
	for len(lit) > 0 {
		seg := lit
		if i := bytes.IndexByte(lit, '/'); i >= 0 {
			seg, lit = lit[:i], lit[i+1:]
		} else {
			lit = nil
		}
		if len(seg) == 0 {
			continue
		}
		if n.segs[string(seg)] {
			return true
		}
		// path.Ext: from the last dot
		if dot := bytes.LastIndexByte(seg, '.'); dot >= 0 && n.segs[string(seg[:dot])] {
			return true
		}
	}
	return false
}

// pkgNameBytes is the package name splitPkg gives for a specifier.
func pkgNameBytes(spec []byte) []byte {
	i := bytes.IndexByte(spec, '/')
	if i < 0 {
		return spec
	}
	if spec[0] == '@' {
		if j := bytes.IndexByte(spec[i+1:], '/'); j >= 0 {
			return spec[:i+1+j]
		}
		return spec
	}
	return spec[:i]
}
