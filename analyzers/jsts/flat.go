package jsts

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

// The tree-sitter runtime is linked from github.com/smacker/go-tree-sitter;
// these declarations match its api.h (ABI 14) for the few calls used here.
typedef struct { uint32_t context[4]; const void *id; const void *tree; } cl_node;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } cl_cursor;
typedef struct { uint32_t row; uint32_t column; } cl_point;

extern cl_cursor ts_tree_cursor_new(cl_node);
extern void ts_tree_cursor_delete(cl_cursor *);
extern bool ts_tree_cursor_goto_first_child(cl_cursor *);
extern bool ts_tree_cursor_goto_next_sibling(cl_cursor *);
extern bool ts_tree_cursor_goto_parent(cl_cursor *);
extern cl_node ts_tree_cursor_current_node(const cl_cursor *);
extern uint16_t ts_tree_cursor_current_field_id(const cl_cursor *);
extern uint16_t ts_node_symbol(cl_node);
extern uint32_t ts_node_start_byte(cl_node);
extern uint32_t ts_node_end_byte(cl_node);
extern bool ts_node_has_error(cl_node);

// The parser and tree calls, with the parser and tree as opaque pointers.
extern void *ts_parser_new(void);
extern void ts_parser_delete(void *);
extern bool ts_parser_set_language(void *, const void *);
extern void ts_parser_reset(void *);
extern void ts_parser_set_timeout_micros(void *, uint64_t);
extern void ts_parser_set_cancellation_flag(void *, const size_t *);
extern void *ts_parser_parse_string(void *, const void *, const char *, uint32_t);
extern cl_node ts_tree_root_node(const void *);
extern void ts_tree_delete(void *);

// cl_parse parses len bytes at src (read in place: the source is not
// copied) and returns the tree, or NULL when the parse was cancelled or
// ran out of time.
static void *cl_parse(void *parser, const char *src, uint32_t len) {
	return ts_parser_parse_string(parser, NULL, len ? src : "", len);
}

static bool cl_tree_has_error(const void *tree) {
	return ts_node_has_error(ts_tree_root_node(tree));
}

// One node of the flattened tree, in preorder. Must match Node in Go.
typedef struct {
	uint32_t start, end;
	int32_t parent, next;
	uint16_t kind, field;
} cl_flat;

typedef struct {
	cl_flat *data;
	int32_t len, cap;
	int32_t err; // 1: out of memory, 2: too deep or too many nodes
} cl_buf;

#define CL_MAX_DEPTH 100000
#define CL_SKIP 0xFFFD

// cl_grammar is one grammar's tables, in C memory: the engine's kind of
// each symbol, which symbols are opaque (the node is kept but its
// descendants are not: string and regex literals, whose parts nothing
// reads), and the engine's field of each field id.
typedef struct {
	const uint16_t *kinds;
	const uint8_t *opaque;
	uint32_t nkinds;
	const uint16_t *fields;
	uint32_t nfields;
} cl_grammar;

// cl_flatten writes the tree into buf in preorder, mapping grammar symbols
// and fields to the engine's kinds with the grammar's tables. Tokens whose
// kind is CL_SKIP (punctuation) are left out, and so are the descendants
// of opaque nodes unless they hold a syntax error. One call per file: the
// walk stays in C.
static void cl_flatten(const void *tree, cl_buf *buf, const cl_grammar *g, int32_t max_nodes) {
	buf->len = 0;
	buf->err = 0;
	cl_cursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
	int32_t *stack = malloc(sizeof(int32_t) * 64);
	int32_t *last = malloc(sizeof(int32_t) * 64);
	int32_t scap = 64, depth = 0;
	if (!stack || !last) { buf->err = 1; goto done; }
	stack[0] = -1; last[0] = -1;
	for (;;) {
		cl_node n = ts_tree_cursor_current_node(&c);
		uint16_t sym = ts_node_symbol(n);
		uint16_t kind = sym == 0xFFFF ? 0xFFFF : (sym < g->nkinds ? g->kinds[sym] : 0);
		if (kind == CL_SKIP) {
			// an anonymous token: a leaf the engine does not read
			while (!ts_tree_cursor_goto_next_sibling(&c)) {
				if (!ts_tree_cursor_goto_parent(&c)) goto done;
				depth--;
			}
			continue;
		}
		if (buf->len >= max_nodes) { buf->err = 2; goto done; }
		if (buf->len == buf->cap) {
			int32_t ncap = buf->cap ? buf->cap * 2 : 4096;
			cl_flat *nd = realloc(buf->data, sizeof(cl_flat) * (size_t)ncap);
			if (!nd) { buf->err = 1; goto done; }
			buf->data = nd; buf->cap = ncap;
		}
		int32_t idx = buf->len++;
		cl_flat *f = &buf->data[idx];
		uint16_t fid = ts_tree_cursor_current_field_id(&c);
		f->start = ts_node_start_byte(n);
		f->end = ts_node_end_byte(n);
		f->kind = kind;
		f->field = fid < g->nfields ? g->fields[fid] : 0;
		f->parent = stack[depth];
		f->next = -1;
		if (last[depth] >= 0) buf->data[last[depth]].next = idx;
		last[depth] = idx;
		bool opaque = sym < g->nkinds && g->opaque[sym] && !ts_node_has_error(n);
		if (!opaque && ts_tree_cursor_goto_first_child(&c)) {
			if (depth + 1 >= CL_MAX_DEPTH) { buf->err = 2; goto done; }
			if (depth + 2 > scap) {
				int32_t ns = scap * 2;
				int32_t *s2 = realloc(stack, sizeof(int32_t) * (size_t)ns);
				if (!s2) { buf->err = 1; goto done; }
				stack = s2;
				int32_t *l2 = realloc(last, sizeof(int32_t) * (size_t)ns);
				if (!l2) { buf->err = 1; goto done; }
				last = l2;
				scap = ns;
			}
			depth++;
			stack[depth] = idx;
			last[depth] = -1;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c)) goto done;
			depth--;
		}
	}
done:
	free(stack);
	free(last);
	ts_tree_cursor_delete(&c);
}

static cl_grammar *cl_grammar_new(uint32_t nkinds, uint32_t nfields) {
	cl_grammar *g = calloc(1, sizeof(cl_grammar));
	uint16_t *kinds = calloc(nkinds ? nkinds : 1, sizeof(uint16_t));
	uint8_t *opaque = calloc(nkinds ? nkinds : 1, 1);
	uint16_t *fields = calloc(nfields ? nfields : 1, sizeof(uint16_t));
	if (!g || !kinds || !opaque || !fields) {
		free(g); free(kinds); free(opaque); free(fields);
		return NULL;
	}
	g->kinds = kinds; g->opaque = opaque; g->nkinds = nkinds;
	g->fields = fields; g->nfields = nfields;
	return g;
}

static void cl_grammar_set(cl_grammar *g, uint32_t sym, uint16_t kind, uint8_t opaque) {
	((uint16_t *)g->kinds)[sym] = kind;
	((uint8_t *)g->opaque)[sym] = opaque;
}

static void cl_grammar_set_field(cl_grammar *g, uint32_t id, uint16_t field) {
	((uint16_t *)g->fields)[id] = field;
}

static size_t *cl_flag_new(void) { return calloc(1, sizeof(size_t)); }

static void cl_buf_free(cl_buf *buf) {
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}
*/
import "C"

import (
	"context"
	"errors"
	"sync/atomic"
	"unsafe"
)

// Node is one syntax node of a flattened tree, in preorder: the subtree of
// node i is i and the nodes after it up to its next sibling. Start and End
// are byte offsets; lines and columns come from File.Pos. Punctuation
// tokens are not stored.
type Node struct {
	Start, End   uint32
	Parent, Next int32
	Kind         Kind
	Field        Field
}

// Kinds of the ERROR node, of a node the parser inserted as missing, and
// of the tokens left out of the flat tree.
const (
	KError   Kind = 0xFFFF
	KMissing Kind = 0xFFFE
	kSkip    Kind = 0xFFFD
)

// flatBuf is a worker's reusable C buffer for flattened trees.
type flatBuf struct {
	c C.cl_buf
}

var (
	errFlatMemory = errors.New("out of memory while reading the syntax tree")
	errFlatSize   = errors.New("syntax tree too large or too deep")
	// The messages of go-tree-sitter's parse errors, kept for reports.
	errParseLimit = errors.New("operation limit was hit")
	errNoTree     = errors.New("parser gave no tree")
)

// maxNodes bounds one file's tree (a generated bundle of many megabytes).
const maxNodes = 8 << 20

// tsTree is a parsed tree, owned by the caller until closed.
type tsTree struct{ c unsafe.Pointer }

func (t tsTree) close() { C.ts_tree_delete(t.c) }

func (t tsTree) hasError() bool { return bool(C.cl_tree_has_error(t.c)) }

// flatten copies the tree into the buffer and returns a view of it valid
// until the next call or free. The tree may be closed right after.
func (b *flatBuf) flatten(t tsTree, g *grammar) ([]Node, error) {
	C.cl_flatten(t.c, &b.c, (*C.cl_grammar)(g.c), maxNodes)
	switch b.c.err {
	case 1:
		return nil, errFlatMemory
	case 2:
		return nil, errFlatSize
	}
	if b.c.len == 0 {
		return nil, nil
	}
	return unsafe.Slice((*Node)(unsafe.Pointer(b.c.data)), int(b.c.len)), nil
}

func (b *flatBuf) free() { C.cl_buf_free(&b.c) }

// tsParser is one tree-sitter parser driven through the C API: the source
// is parsed in place (go-tree-sitter's Parse copies it into C memory
// first) and nothing is allocated on the Go heap per file.
type tsParser struct {
	c unsafe.Pointer
}

func newTSParser(g *grammar, cancel *C.size_t) *tsParser {
	p := &tsParser{c: C.ts_parser_new()}
	C.ts_parser_set_language(p.c, g.ptr)
	C.ts_parser_set_timeout_micros(p.c, parseTimeoutMicros)
	C.ts_parser_set_cancellation_flag(p.c, cancel)
	return p
}

// parse parses src. The error is the context's when it was cancelled.
func (p *tsParser) parse(ctx context.Context, src []byte) (tsTree, error) {
	var ptr *C.char
	if len(src) > 0 {
		ptr = (*C.char)(unsafe.Pointer(&src[0]))
	}
	t := C.cl_parse(p.c, ptr, C.uint32_t(len(src)))
	if t == nil {
		C.ts_parser_reset(p.c)
		if err := ctx.Err(); err != nil {
			return tsTree{}, err
		}
		return tsTree{}, errParseLimit
	}
	return tsTree{c: t}, nil
}

func (p *tsParser) close() { C.ts_parser_delete(p.c) }

// cancelFlag is the flag the parsers of one worker poll: set when the
// run's context is done.
type cancelFlag struct {
	c    *C.size_t
	stop chan struct{}
}

func newCancelFlag(ctx context.Context) *cancelFlag {
	f := &cancelFlag{c: C.cl_flag_new(), stop: make(chan struct{})}
	if done := ctx.Done(); done != nil {
		go func() {
			select {
			case <-done:
				atomic.StoreUintptr((*uintptr)(unsafe.Pointer(f.c)), 1)
			case <-f.stop:
			}
		}()
	}
	return f
}

func (f *cancelFlag) free() {
	close(f.stop)
	C.free(unsafe.Pointer(f.c))
}

// cGrammar builds the C tables of a grammar (kept for the process).
func cGrammar(kinds []uint16, opaque []bool, fields []uint16) unsafe.Pointer {
	g := C.cl_grammar_new(C.uint32_t(len(kinds)), C.uint32_t(len(fields)))
	if g == nil {
		panic("jsts: out of memory for grammar tables")
	}
	for s, k := range kinds {
		o := C.uint8_t(0)
		if opaque[s] {
			o = 1
		}
		C.cl_grammar_set(g, C.uint32_t(s), C.uint16_t(k), o)
	}
	for i, f := range fields {
		C.cl_grammar_set_field(g, C.uint32_t(i), C.uint16_t(f))
	}
	return unsafe.Pointer(g)
}

func init() {
	// The Go and C layouts of a node must agree.
	if unsafe.Sizeof(Node{}) != unsafe.Sizeof(C.cl_flat{}) {
		panic("jsts: Node layout differs from cl_flat")
	}
}
