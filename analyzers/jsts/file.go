package jsts

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"unicode/utf8"
)

// File is one parsed source file: its text, its flattened syntax tree and
// the scope/binding table built by the one walk over it.
type File struct {
	Path string // absolute
	Rel  string // relative to the working directory, slash-separated
	Lang string // ts, tsx, js (of findings)
	Src  []byte
	N    []Node
	// se[i] is one past the last node of i's subtree.
	se []int32

	Comments []int32
	Errors   int // ERROR and missing nodes

	lines []uint32 // byte offsets of line starts, built on first use

	// names maps a declared name to its latest binding, chained through
	// Binding.shadow (every binding of a name carries the same name
	// number, one per distinct name, nameCount of them); live holds the
	// binding of each name in each scope (the scope table, one per file).
	names     map[string]*Binding
	nameCount int32
	live      map[scopeName]*Binding
	Bindings  []*Binding
	arena     []Binding // Bindings are carved from here

	// The resolution table, built once after the walk (see resolveAll):
	// resolved[i] is 1 + the index in Bindings of the binding identifier
	// node i names (0: a global or undeclared name); the identifier nodes
	// naming binding j are uses[useStart[j]:useStart[j+1]], in preorder.
	resolved []int32
	useStart []int32
	uses     []int32
	// encl[i] is the nearest function-like proper ancestor of node i, or
	// -1 at module scope.
	encl []int32
	// usingAt maps a `using` assignment to the binding it declares.
	usingAt map[int32]*Binding
	// byFunc groups the calls and news (sites) and the returns by their
	// enclosing function; assignsTo and memberAssigns index assignments by
	// target. All are built on first use.
	sitesByFunc, returnsByFunc map[int32][]int32
	assignsTo                  map[*Binding][]int32
	memberAssigns              map[string][]int32
	// Imports are the import declarations, requires and import() calls.
	Imports []*Import
	// Calls and News are the call_expression and new_expression nodes.
	Calls []int32
	News  []int32
	// Funcs are the function-like nodes (declarations, expressions, arrows,
	// methods).
	Funcs []int32
	// Assigns are assignment and augmented assignment expressions.
	Assigns []int32
	// Returns are return statements.
	Returns []int32
	// Exports are the export statements and CommonJS export assignments.
	Exports []int32
	// Hashbang: the file starts with #!.
	Hashbang bool
	// UseServer: the file starts with a 'use server' directive.
	UseServer bool
}

// BindKind says how a name was declared.
type BindKind uint8

const (
	BVar BindKind = iota
	BParam
	BFunc
	BClass
	BImport
	BCatch
)

// Binding is one declared name.
type Binding struct {
	Name  string
	Kind  BindKind
	Const bool // const, import, function and class names are not reassigned
	Scope int32
	Decl  int32 // the identifier node
	// Init is the initializer of a variable (the whole right side even for a
	// destructuring pattern; Path is the property path into it), or the
	// function node of a function declaration.
	Init int32
	Path []string
	// Using: declared with `using` or `await using`.
	Using bool
	// Import for BImport.
	Import *Import
	// ImportName is the name imported: "default", "*" or a named export.
	ImportName string
	// shadow is the next binding of the same name in another scope.
	shadow *Binding
	// id is the index in File.Bindings, name the number of Name; dead
	// marks a binding replaced by a later declaration in its scope.
	id, name int32
	dead     bool
}

// scopeName keys the binding of one name in one scope.
type scopeName struct{ scope, name int32 }

// Import is one module reference: an import or export-from declaration, a
// require() call or an import() call.
type Import struct {
	Spec string
	Node int32
}

// Kind of node i.
func (f *File) K(i int32) Kind { return f.N[i].Kind }

// Text of node i.
func (f *File) Text(i int32) string { return string(f.Src[f.N[i].Start:f.N[i].End]) }

func (f *File) textIs(i int32, s string) bool {
	n := &f.N[i]
	return int(n.End-n.Start) == len(s) && string(f.Src[n.Start:n.End]) == s
}

// Children iterates i's children.
func (f *File) firstChild(i int32) int32 {
	if i+1 < int32(len(f.N)) && f.N[i+1].Parent == i {
		return i + 1
	}
	return -1
}

// Field returns the first child of i with the field, or -1.
func (f *File) Field(i int32, fl Field) int32 {
	for c := f.firstChild(i); c >= 0; c = f.N[c].Next {
		if f.N[c].Field == fl {
			return c
		}
	}
	return -1
}

// ChildOfKind returns the first child of i of kind k, or -1.
func (f *File) ChildOfKind(i int32, k Kind) int32 {
	for c := f.firstChild(i); c >= 0; c = f.N[c].Next {
		if f.N[c].Kind == k {
			return c
		}
	}
	return -1
}

// named reports whether a kind is a named node worth looking at (not a
// punctuation token or a comment).
func named(k Kind) bool { return k != KOther && k < TAwait && k != KComment }

// NamedChildren returns the named children of i (no comments).
func (f *File) NamedChildren(i int32) []int32 {
	var out []int32
	for c := f.firstChild(i); c >= 0; c = f.N[c].Next {
		k := f.N[c].Kind
		if k == KComment {
			continue
		}
		if named(k) || k == KError {
			out = append(out, c)
		}
	}
	return out
}

// Contains reports whether node j lies in i's subtree (i included).
func (f *File) Contains(i, j int32) bool { return j >= i && j < f.se[i] }

// Unwrap skips parentheses, type assertions, non-null and satisfies.
func (f *File) Unwrap(i int32) int32 {
	for i >= 0 {
		switch f.N[i].Kind {
		case KParenthesizedExpression, KNonNullExpression:
			i = f.firstNamed(i)
		case KAsExpression, KSatisfiesExpression:
			i = f.firstNamed(i)
		case KTypeAssertion:
			// <T>expr: the expression is the last named child.
			ch := f.NamedChildren(i)
			if len(ch) == 0 {
				return -1
			}
			i = ch[len(ch)-1]
		default:
			return i
		}
	}
	return i
}

func (f *File) firstNamed(i int32) int32 {
	for c := f.firstChild(i); c >= 0; c = f.N[c].Next {
		k := f.N[c].Kind
		if k != KComment && (named(k) || k == KError) {
			return c
		}
	}
	return -1
}

// UpParens climbs from an expression through the wrappers Unwrap skips.
func (f *File) UpParens(i int32) int32 {
	for {
		p := f.N[i].Parent
		if p < 0 {
			return i
		}
		switch f.N[p].Kind {
		case KParenthesizedExpression, KNonNullExpression, KAsExpression, KSatisfiesExpression, KTypeAssertion:
			i = p
		default:
			return i
		}
	}
}

// StringValue returns the text of a string literal or a template without
// substitutions.
func (f *File) StringValue(i int32) (string, bool) {
	i = f.Unwrap(i)
	if i < 0 {
		return "", false
	}
	switch f.N[i].Kind {
	case KString:
		n := &f.N[i]
		if n.End-n.Start < 2 {
			return "", false
		}
		return string(f.Src[n.Start+1 : n.End-1]), true
	case KTemplateString:
		if f.ChildOfKind(i, KTemplateSubstitution) >= 0 {
			return "", false
		}
		n := &f.N[i]
		if n.End-n.Start < 2 {
			return "", false
		}
		return string(f.Src[n.Start+1 : n.End-1]), true
	}
	return "", false
}

// isFunc reports function-like nodes.
func isFunc(k Kind) bool {
	switch k {
	case KFunctionDeclaration, KGeneratorFunctionDeclaration, KFunctionExpression,
		KGeneratorFunction, KArrowFunction, KMethodDefinition:
		return true
	}
	return false
}

// EnclosingFunc returns the nearest function-like ancestor of i, or -1 for
// module scope.
func (f *File) EnclosingFunc(i int32) int32 {
	if f.encl != nil {
		return f.encl[i]
	}
	for p := f.N[i].Parent; p >= 0; p = f.N[p].Parent {
		if isFunc(f.N[p].Kind) {
			return p
		}
	}
	return -1
}

// FuncBody returns the body of a function node.
func (f *File) FuncBody(fn int32) int32 { return f.Field(fn, FBody) }

// parseError is a file that could not be parsed at all.
type parseError struct{ msg string }

func (e *parseError) Error() string { return e.msg }

// worker holds one goroutine's parsers and flat buffer.
type worker struct {
	parsers  map[*grammar]*tsParser
	buf      flatBuf
	cancel   *cancelFlag
	maxBytes int // files over it are not parsed; <= 0: no bound
}

// newWorker makes a worker whose parses stop when ctx is done.
func newWorker(ctx context.Context) *worker {
	return &worker{parsers: map[*grammar]*tsParser{}, cancel: newCancelFlag(ctx), maxBytes: maxSourceBytes}
}

// tooLarge returns the error of a file over the worker's bound, or nil.
func (w *worker) tooLarge(src []byte) error {
	if w.maxBytes <= 0 || len(src) <= w.maxBytes {
		return nil
	}
	return &parseError{fmt.Sprintf("not checked: %.1f MB is over the %.0f MB limit for one file (a bundle or generated code? list it under exclude: in .connlint.yml)",
		float64(len(src))/1e6, float64(w.maxBytes)/1e6)}
}

func (w *worker) close() {
	for _, p := range w.parsers {
		p.close()
	}
	w.buf.free()
	w.cancel.free()
}

func (w *worker) parser(g *grammar) *tsParser {
	p := w.parsers[g]
	if p == nil {
		p = newTSParser(g, w.cancel.c)
		w.parsers[g] = p
	}
	return p
}

// maxSourceBytes bounds the files the engine parses. The bound is on
// bytes, so that whether a file is checked never depends on the machine
// or its load (a wall-clock parse timeout did): tree-sitter's tree costs
// about 90 bytes of memory and 0.4 s per megabyte of minified code, and
// a file this large is a bundle or generated code, whose findings nobody
// could act on. A file over it is listed in the errors with the reason.
const maxSourceBytes = 4_000_000

// parseOnly parses src with g and returns the flattened nodes (a view
// into the worker buffer) and the count of error nodes. The tree is closed
// before it returns.
func (w *worker) parseOnly(ctx context.Context, src []byte, g *grammar) ([]Node, int, error) {
	tree, err := w.parser(g).parse(ctx, src)
	if err != nil {
		return nil, 0, err
	}
	nodes, err := w.buf.flatten(tree, g)
	tree.close()
	if err != nil {
		return nil, 0, err
	}
	errs := 0
	for i := range nodes {
		k := nodes[i].Kind
		// an ERROR node, or a node the parser made up (zero width)
		if k == KError || nodes[i].Start == nodes[i].End && i > 0 && k != KComment && k != KTemplateString && k != KString {
			errs++
		}
	}
	return nodes, errs, nil
}

// parse parses one file with the grammar of its extension; a .js file
// that does not parse cleanly (TypeScript syntax, `await using`) is tried
// with the tsx grammar, and the tree with fewer errors is kept. A .ts file
// likewise falls back to tsx (angle-bracket JSX in a .ts file is rare but
// harmless to try). The returned File owns a copy of the nodes.
func (w *worker) parse(ctx context.Context, path, rel string, src []byte) (*File, error) {
	return w.parseKeep(ctx, path, rel, src, true)
}

// parseKeep is parse; with keep false the File's nodes are a view of the
// worker's buffer, valid until its next parse (no copy).
func (w *worker) parseKeep(ctx context.Context, path, rel string, src []byte, keep bool) (*File, error) {
	lang, ok := languageOf(path)
	if !ok {
		return nil, &parseError{"not a TypeScript or JavaScript file"}
	}
	if looksBinary(src) {
		return nil, &parseError{"binary file"}
	}
	src = withoutNUL(src)
	if err := w.tooLarge(src); err != nil {
		return nil, err
	}
	g, alt := grammarOf(lang)
	nodes, errs, err := w.parseOnly(ctx, src, g)
	if err != nil {
		return nil, &parseError{"parse: " + err.Error()}
	}
	if errs > 0 {
		kept := slices.Clone(nodes)
		n2, e2, err2 := w.parseOnly(ctx, src, alt)
		if err2 == nil && e2 < errs {
			nodes, errs = n2, e2
		} else {
			nodes = kept
		}
	}
	if keep {
		nodes = slices.Clone(nodes)
	}
	f := &File{Path: path, Rel: rel, Lang: lang, Src: src, N: nodes, Errors: errs}
	if errs > 0 && f.unparsable() {
		return nil, &parseError{fmt.Sprintf("syntax errors everywhere: %d error nodes and nothing parsed", errs)}
	}
	return f, nil
}

// unparsable reports a tree with nothing but errors at the top level.
func (f *File) unparsable() bool {
	if len(f.N) == 0 {
		return true
	}
	if f.N[0].Kind == KError {
		return true
	}
	good, errBytes := 0, 0
	for c := f.firstChild(0); c >= 0; c = f.N[c].Next {
		switch f.N[c].Kind {
		case KError:
			errBytes += int(f.N[c].End - f.N[c].Start)
		case KComment, KMissing, KHashBang, KEmptyStatement:
		default:
			good++
		}
	}
	text := len(bytes.TrimSpace(f.Src))
	if text == 0 {
		return false
	}
	// Nothing parsed, or errors over nine tenths of the text.
	return good == 0 || errBytes*10 >= text*9
}

// Pos returns the 1-based line and column (in bytes) of a byte offset.
func (f *File) Pos(off uint32) (line, col int) {
	if f.lines == nil {
		f.lines = append(f.lines, 0)
		for i, b := range f.Src {
			if b == '\n' {
				f.lines = append(f.lines, uint32(i+1))
			}
		}
	}
	lo, hi := 0, len(f.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, int(off-f.lines[lo]) + 1
}

// StartPos and EndPos are the 1-based positions of node i's start and end.
func (f *File) StartPos(i int32) (int, int) { return f.Pos(f.N[i].Start) }
func (f *File) EndPos(i int32) (int, int)   { return f.Pos(f.N[i].End) }

// looksBinary: the start of the file has a NUL byte and is not text (not
// UTF-8, or more than a tenth control bytes), as Git tells binary files.
// A NUL inside a string literal of a source file ("\x00RESULT\x00"
// written raw) does not make it binary.
func looksBinary(src []byte) bool {
	head := src[:min(len(src), 8000)]
	if bytes.IndexByte(head, 0) < 0 {
		return false
	}
	controls := 0
	for _, b := range head {
		if b < 0x09 || b > 0x0d && b < 0x20 && b != 0x1b {
			controls++
		}
	}
	if controls*10 > len(head) {
		return true
	}
	// the cut may split the last character
	for i := 0; i < utf8.UTFMax && len(head) > 0 && !utf8.Valid(head); i++ {
		head = head[:len(head)-1]
	}
	return !utf8.Valid(head)
}

// withoutNUL returns src with each NUL byte replaced by a space (a copy,
// only when there is one): tree-sitter's lexers read NUL as the end of
// the input, and the engine never reads the inside of a string literal
// that could hold one. Offsets are unchanged.
func withoutNUL(src []byte) []byte {
	if bytes.IndexByte(src, 0) < 0 {
		return src
	}
	out := bytes.Clone(src)
	for i, b := range out {
		if b == 0 {
			out[i] = ' '
		}
	}
	return out
}

// parseCheck only parses a file the rules cannot find anything in, to
// report it when it does not parse at all; the tree is flattened only
// when it has errors.
func (w *worker) parseCheck(ctx context.Context, path, rel string, src []byte) error {
	lang, ok := languageOf(path)
	if !ok {
		return &parseError{"not a TypeScript or JavaScript file"}
	}
	if err := w.tooLarge(src); err != nil {
		return err
	}
	src = withoutNUL(src)
	g, _ := grammarOf(lang)
	tree, err := w.parser(g).parse(ctx, src)
	if err != nil {
		return &parseError{"parse: " + err.Error()}
	}
	bad := tree.hasError()
	tree.close()
	if !bad {
		return nil
	}
	_, err = w.parseKeep(ctx, path, rel, src, false)
	return err
}
