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
extern void ts_parser_set_cancellation_flag(void *, const size_t *);
extern void *ts_parser_parse_string(void *, const void *, const char *, uint32_t);
extern cl_node ts_tree_root_node(const void *);
extern void ts_tree_delete(void *);

// cl_parse parses len bytes at src (read in place: the source is not
// copied) and returns the tree, or NULL when the parse was cancelled.
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

// The fast flattener reads the tree's nodes directly instead of through a
// tree cursor, which re-derives its position, aliases and fields on every
// step (two thirds of the flattening time). It relies on the memory
// layout of this tree-sitter version (ABI 14, pinned in go.mod): the
// layouts below are declared to match it, and a self-check at start-up
// compares both flatteners on sample code of every grammar and keeps the
// cursor one if they differ (see fastFlattenOK).

// A length in the text.
typedef struct { uint32_t bytes, row, column; } cl_len;

// A small leaf stored inside the 8-byte subtree value.
typedef struct {
	bool is_inline : 1;
	bool visible : 1;
	bool named : 1;
	bool extra : 1;
	bool has_changes : 1;
	bool is_missing : 1;
	bool is_keyword : 1;
	uint8_t symbol;
	uint16_t parse_state;
	uint8_t padding_columns;
	uint8_t padding_rows : 4;
	uint8_t lookahead_bytes : 4;
	uint8_t padding_bytes;
	uint8_t size_bytes;
} cl_small;

// Any other subtree; its children are stored just before it.
typedef struct {
	uint32_t ref_count;
	cl_len padding, size;
	uint32_t lookahead_bytes, error_cost, child_count;
	uint16_t symbol, parse_state;
	bool visible : 1;
	bool named : 1;
	bool extra : 1;
	bool fragile_left : 1;
	bool fragile_right : 1;
	bool has_changes : 1;
	bool has_external_tokens : 1;
	bool has_external_scanner_state_change : 1;
	bool depends_on_column : 1;
	bool is_missing : 1;
	bool is_keyword : 1;
	union {
		struct {
			uint32_t visible_child_count, named_child_count, visible_descendant_count;
			int32_t dynamic_precedence;
			uint16_t repeat_depth, production_id;
			uint16_t first_leaf_symbol, first_leaf_state;
		} node;
		struct { union { char *long_data; char short_data[24]; } data; uint32_t length; } scanner;
		int32_t lookahead_char;
	} u;
} cl_big;

typedef union { cl_small small; const cl_big *big; } cl_sub;

// The start of a language's tables (the grammars' parser.h, ABI 14).
typedef struct { uint16_t field_id; uint8_t child_index; bool inherited; } cl_fentry;
typedef struct { uint16_t index, length; } cl_fslice;
typedef struct {
	uint32_t version, symbol_count, alias_count, token_count, external_token_count,
	         state_count, large_state_count, production_id_count, field_count;
	uint16_t max_alias_sequence_length;
	const uint16_t *parse_table, *small_parse_table;
	const uint32_t *small_parse_table_map;
	const void *parse_actions;
	const char *const *symbol_names, *const *field_names;
	const cl_fslice *field_map_slices;
	const cl_fentry *field_map_entries;
	const void *symbol_metadata;
	const uint16_t *public_symbol_map, *alias_map, *alias_sequences;
} cl_lang;

extern const void *ts_tree_language(const void *);

#define S_SMALL(s) ((s).small.is_inline)
#define S_GET(s, f) (S_SMALL(s) ? (s).small.f : (s).big->f)
#define S_PAD(s) (S_SMALL(s) ? (uint32_t)(s).small.padding_bytes : (s).big->padding.bytes)
#define S_SIZE(s) (S_SMALL(s) ? (uint32_t)(s).small.size_bytes : (s).big->size.bytes)
#define S_KIDS(s) (S_SMALL(s) ? 0 : (s).big->child_count)
#define S_VISKIDS(s) (S_KIDS(s) ? (s).big->u.node.visible_child_count : 0)
#define S_ERROR(s) (S_GET(s, is_missing) || (!S_SMALL(s) && (s).big->error_cost > 0))

// One open node of the walk: a visible node, or a hidden one whose
// children belong to the nearest visible ancestor.
typedef struct {
	const cl_sub *kids;
	uint32_t n, i, structural, pos;
	const uint16_t *aliases;
	const cl_fentry *fmap;
	uint32_t nfmap;
	int32_t vparent; // flat index of the nearest visible ancestor
	int32_t vframe;  // frame of that ancestor (its last child link)
	int32_t last;    // visible frames: last child emitted
	int32_t vdepth;
	uint16_t field;  // hidden frames: the field its visible children inherit
	bool hidden;
} cl_frame;

// cl_open fills a frame for the children of s.
static void cl_open(cl_frame *fr, const cl_lang *L, cl_sub s, uint32_t pos) {
	fr->kids = (const cl_sub *)s.big - s.big->child_count;
	fr->n = s.big->child_count;
	fr->i = 0;
	fr->structural = 0;
	fr->pos = pos;
	uint16_t prod = s.big->u.node.production_id;
	fr->aliases = prod ? &L->alias_sequences[prod * L->max_alias_sequence_length] : NULL;
	fr->fmap = NULL;
	fr->nfmap = 0;
	if (L->field_count) {
		cl_fslice sl = L->field_map_slices[prod];
		fr->fmap = &L->field_map_entries[sl.index];
		fr->nfmap = sl.length;
	}
}

static uint16_t cl_own_field(const cl_frame *fr, uint32_t structural) {
	for (uint32_t k = 0; k < fr->nfmap; k++) {
		if (!fr->fmap[k].inherited && fr->fmap[k].child_index == structural) return fr->fmap[k].field_id;
	}
	return 0;
}

// cl_flatten_fast is cl_flatten reading the subtrees directly; it returns
// false when the walk cannot start (the caller then uses the cursor).
static bool cl_flatten_fast(const void *tree, cl_buf *buf, const cl_grammar *g, int32_t max_nodes) {
	buf->len = 0;
	buf->err = 0;
	const cl_lang *L = ts_tree_language(tree);
	cl_node rootn = ts_tree_root_node(tree);
	if (!L || !rootn.id) return false;
	cl_sub root = *(const cl_sub *)rootn.id;
	int32_t cap = 64, sp = 0;
	cl_frame *st = malloc(sizeof(cl_frame) * (size_t)cap);
	if (!st) { buf->err = 1; return true; }
	#define CL_SYM(sym) ((sym) == 0xFFFF ? (uint16_t)0xFFFF : L->public_symbol_map[sym])
	#define CL_EMIT(idx, st_, en_, kind_, field_, parent_) do { \
		if (buf->len >= max_nodes) { buf->err = 2; goto done; } \
		if (buf->len == buf->cap) { \
			int32_t ncap = buf->cap ? buf->cap * 2 : 4096; \
			cl_flat *nd = realloc(buf->data, sizeof(cl_flat) * (size_t)ncap); \
			if (!nd) { buf->err = 1; goto done; } \
			buf->data = nd; buf->cap = ncap; \
		} \
		idx = buf->len++; \
		cl_flat *f_ = &buf->data[idx]; \
		f_->start = (st_); f_->end = (en_); f_->kind = (kind_); f_->field = (field_); \
		f_->parent = (parent_); f_->next = -1; \
	} while (0)
	#define CL_PUSH() do { \
		if (sp == cap) { \
			int32_t nc = cap * 2; \
			cl_frame *ns = realloc(st, sizeof(cl_frame) * (size_t)nc); \
			if (!ns) { buf->err = 1; goto done; } \
			st = ns; cap = nc; \
		} \
		sp++; \
	} while (0)
	{
		uint16_t sym = CL_SYM(S_GET(root, symbol));
		uint16_t kind = sym == 0xFFFF ? 0xFFFF : (sym < g->nkinds ? g->kinds[sym] : 0);
		if (kind == CL_SKIP) goto done;
		uint32_t start = rootn.context[0];
		int32_t idx;
		CL_EMIT(idx, start, start + S_SIZE(root), kind, 0, -1);
		bool opaque = sym < g->nkinds && g->opaque[sym] && !S_ERROR(root);
		if (!opaque && S_VISKIDS(root) > 0) {
			CL_PUSH();
			cl_frame *fr = &st[sp - 1];
			cl_open(fr, L, root, start);
			fr->vparent = idx; fr->vframe = sp - 1; fr->last = -1; fr->vdepth = 1;
			fr->field = 0; fr->hidden = false;
		}
	}
	while (sp > 0) {
		cl_frame *fr = &st[sp - 1];
		if (fr->i == fr->n) { sp--; continue; }
		cl_sub c = fr->kids[fr->i];
		if (fr->i > 0) fr->pos += S_PAD(c);
		uint32_t start = fr->pos;
		uint32_t size = S_SIZE(c);
		fr->pos += size;
		fr->i++;
		bool extra = S_GET(c, extra);
		uint32_t structural = fr->structural;
		uint16_t alias = 0;
		if (!extra) {
			if (fr->aliases) alias = fr->aliases[structural];
			fr->structural++;
		}
		if (S_GET(c, visible) || alias) {
			uint16_t sym = CL_SYM(alias ? alias : S_GET(c, symbol));
			uint16_t kind = sym == 0xFFFF ? 0xFFFF : (sym < g->nkinds ? g->kinds[sym] : 0);
			if (kind == CL_SKIP) continue;
			uint16_t fid = 0;
			if (!extra) {
				fid = cl_own_field(fr, structural);
				if (!fid && fr->hidden) fid = fr->field;
			}
			int32_t idx;
			CL_EMIT(idx, start, start + size, kind, fid < g->nfields ? g->fields[fid] : 0, fr->vparent);
			cl_frame *vf = &st[fr->vframe];
			if (vf->last >= 0) buf->data[vf->last].next = idx;
			vf->last = idx;
			bool opaque = sym < g->nkinds && g->opaque[sym] && !S_ERROR(c);
			if (!opaque && S_VISKIDS(c) > 0) {
				int32_t vdepth = vf->vdepth;
				if (vdepth >= CL_MAX_DEPTH) { buf->err = 2; goto done; }
				CL_PUSH();
				fr = &st[sp - 1];
				cl_open(fr, L, c, start);
				fr->vparent = idx; fr->vframe = sp - 1; fr->last = -1; fr->vdepth = vdepth + 1;
				fr->field = 0; fr->hidden = false;
			}
		} else if (S_VISKIDS(c) > 0) {
			uint16_t fid = 0;
			if (!extra) {
				fid = cl_own_field(fr, structural);
				if (!fid && fr->hidden) fid = fr->field;
			}
			int32_t vparent = fr->vparent, vframe = fr->vframe;
			CL_PUSH();
			fr = &st[sp - 1];
			cl_open(fr, L, c, start);
			fr->vparent = vparent; fr->vframe = vframe; fr->last = -1; fr->vdepth = 0;
			fr->field = fid; fr->hidden = true;
		}
	}
	#undef CL_SYM
	#undef CL_EMIT
	#undef CL_PUSH
done:
	free(st);
	return true;
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
	errNoTree = errors.New("parser gave no tree")
)

// maxNodes bounds one file's tree (a generated bundle of many megabytes).
const maxNodes = 8 << 20

// tsTree is a parsed tree, owned by the caller until closed.
type tsTree struct{ c unsafe.Pointer }

func (t tsTree) close() { C.ts_tree_delete(t.c) }

func (t tsTree) hasError() bool { return bool(C.cl_tree_has_error(t.c)) }

// fastFlatten: the direct flattener agreed with the cursor one on the
// sample code of every grammar (set once, by grammars()).
var fastFlatten bool

// flatten copies the tree into the buffer and returns a view of it valid
// until the next call or free. The tree may be closed right after.
func (b *flatBuf) flatten(t tsTree, g *grammar) ([]Node, error) {
	return b.flattenWith(t, g, fastFlatten)
}

// flattenWith flattens with the direct walk (fast) or the tree cursor.
func (b *flatBuf) flattenWith(t tsTree, g *grammar, fast bool) ([]Node, error) {
	if !fast || !bool(C.cl_flatten_fast(t.c, &b.c, (*C.cl_grammar)(g.c), maxNodes)) {
		C.cl_flatten(t.c, &b.c, (*C.cl_grammar)(g.c), maxNodes)
	}
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
		return tsTree{}, errNoTree
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

// fastFlattenOK parses sample code with every grammar and reports whether
// the direct flattener gives exactly the cursor flattener's nodes.
func fastFlattenOK(gs ...*grammar) bool {
	var a, b flatBuf
	defer a.free()
	defer b.free()
	flag := C.cl_flag_new()
	defer C.free(unsafe.Pointer(flag))
	for _, g := range gs {
		p := newTSParser(g, flag)
		ok := true
		for _, sample := range flattenSamples {
			if !sameFlat(p, g, []byte(sample), &a, &b) {
				ok = false
				break
			}
		}
		p.close()
		if !ok {
			return false
		}
	}
	return true
}

// sameFlat parses src and compares both flatteners' output.
func sameFlat(p *tsParser, g *grammar, src []byte, a, b *flatBuf) bool {
	t, err := p.parse(context.Background(), src)
	if err != nil {
		return true // nothing to compare
	}
	defer t.close()
	x, errX := a.flattenWith(t, g, false)
	y, errY := b.flattenWith(t, g, true)
	if (errX == nil) != (errY == nil) || len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// flattenSamples cover what the flatteners must agree on: aliases, fields
// reached through hidden nodes, comments between children, types, JSX,
// strings and templates, decorators, and syntax errors and missing nodes.
var flattenSamples = []string{
	`#!/usr/bin/env node
'use strict';
import def, { a as b, type T, "x" as y } from "./m.js";
import * as ns from 'mod';
import fs = require("fs");
export * from './re';
export { b as default, y };
export default class K<T extends object = {}> extends Base implements I {
  @Input() name: string = 'n';
  #priv = 1;
  static { init(); }
  constructor(private readonly db: Db, public x?: number) { super(); }
  async *gen<U>(this: K<T>, ...rest: U[]): AsyncGenerator<U> { yield* rest; }
  get v(): number { return this.#priv; }
}
const { p = 1, q: { r }, ...s } = require('pkg'), [t, , u = 2] = list;
let z = a?.b?.[c]?.(d) ?? e || f && !g;
z ||= 1; z &&= 2; z ??= 3; z += 4;
label: for (const [k, v] of Object.entries(o)) { if (k) continue label; else break; }
for (let i = 0, j; i < 10; i++) {}
for (var key in obj) {}
while (x) { do { x--; } while (x > 0) }
switch (v) { case 1: case 2: f(); break; default: g(); }
try { await using conn = await pool.getConnection(); } catch ({ message }) { throw new Error(message); } finally { done(); }
const re = /a[/]b\/c/gi, tpl = ` + "`a${b + `c${d}`}e\n`" + `, str = 'it's "x"A';
const fn = async (a: number, { b }: Opts = {}): Promise<void> => { /* c */ return; };
function* g2() { const x = yield 1; }
type A<T> = { [K in keyof T]?: T[K] } & Partial<B>;
interface I { m(): void; readonly p: string }
enum E { A = 1, B }
declare module 'x' { export const y: number; }
namespace N { export const v = 1 as const; }
abstract class AC { abstract m(): void }
const sat = { a: 1 } satisfies Rec, nn = maybe!.value, cast = <any>other;
new (require('pg').Pool)({ max: 1 }).connect().then(c => c.release()).catch(() => {}).finally(() => {});
if (a) b(); else if (c) d(); else { e(); }
x = a ? b : c, y = (1, 2);
delete o[k]; void 0; typeof x === 'undefined';
export async function handler(req: Request): Promise<Response> { return new Response(null); }
module.exports = { a }; exports.b = 2;
`,
	`const el = <div className="a" {...props} onClick={() => handle()}>
  text {value} <Child.Item key={1} render={(x: any) => <span>{x}</span>} />
  <>{list.map(i => <li key={i}>{i}</li>)}</>
  {/* comment */}
</div>;
function C<T,>(p: P<T>) { return <A.B.C x="&amp;" y='z' />; }`,
	`const x = ;
function (a, { ) {
class { m( }
let y = [1, 2;
if (a { b }
import { from 'x'
const s = "unterminated
@@@ %%% ;;; }}}
obj.
await using
`,
	"",
	"/* only a comment */",
	"`${`${`${a}`}`}` + 'a' + \"b\" + /re/;",
}

func init() {
	// The Go and C layouts of a node must agree.
	if unsafe.Sizeof(Node{}) != unsafe.Sizeof(C.cl_flat{}) {
		panic("jsts: Node layout differs from cl_flat")
	}
}
