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

// cl_flatten writes the tree below root into buf in preorder, mapping
// grammar symbols and fields to the engine's kinds with the two tables.
// Tokens whose kind is CL_SKIP (punctuation) are left out. One call per
// file: the walk stays in C.
static void cl_flatten(cl_node root, cl_buf *buf, const uint16_t *kinds, uint32_t nkinds,
                       const uint16_t *fields, uint32_t nfields, int32_t max_nodes) {
	buf->len = 0;
	buf->err = 0;
	cl_cursor c = ts_tree_cursor_new(root);
	int32_t *stack = malloc(sizeof(int32_t) * 64);
	int32_t *last = malloc(sizeof(int32_t) * 64);
	int32_t scap = 64, depth = 0;
	if (!stack || !last) { buf->err = 1; goto done; }
	stack[0] = -1; last[0] = -1;
	for (;;) {
		cl_node n = ts_tree_cursor_current_node(&c);
		uint16_t sym = ts_node_symbol(n);
		uint16_t kind = sym == 0xFFFF ? 0xFFFF : (sym < nkinds ? kinds[sym] : 0);
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
		f->field = fid < nfields ? fields[fid] : 0;
		f->parent = stack[depth];
		f->next = -1;
		if (last[depth] >= 0) buf->data[last[depth]].next = idx;
		last[depth] = idx;
		if (ts_tree_cursor_goto_first_child(&c)) {
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

static void cl_buf_free(cl_buf *buf) {
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}
*/
import "C"

import (
	"errors"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
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
)

// maxNodes bounds one file's tree (a generated bundle of many megabytes).
const maxNodes = 8 << 20

// flatten copies the tree of root into the buffer and returns a view of it
// valid until the next call or free. The tree may be closed right after.
func (b *flatBuf) flatten(root *sitter.Node, g *grammar) ([]Node, error) {
	// sitter.Node's first field is the C TSNode value.
	cn := *(*C.cl_node)(unsafe.Pointer(root))
	C.cl_flatten(cn, &b.c, (*C.uint16_t)(unsafe.Pointer(&g.kinds[0])), C.uint32_t(len(g.kinds)),
		(*C.uint16_t)(unsafe.Pointer(&g.fields[0])), C.uint32_t(len(g.fields)), maxNodes)
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

func init() {
	// The Go and C layouts of a node must agree.
	if unsafe.Sizeof(Node{}) != unsafe.Sizeof(C.cl_flat{}) {
		panic("jsts: Node layout differs from cl_flat")
	}
}
