package jsts

import "github.com/connlint/connlint/analyzers/catalog"

// Site is a client construction as the rules see it, for tools that read
// the engine's model rather than its findings (the capacity plan's
// inventory): the same import resolution, catalog and wrappers.
type Site struct {
	// Node is the new or call expression.
	Node  int32
	Entry *catalog.Entry
	// Via names the wrapper called when the client is built through one
	// ("" for a catalog constructor); WrapperFile is the file of an
	// imported factory.
	Via, WrapperFile string
	// Context says how often it runs: "module" (once, at module scope),
	// "cached" (kept for the process), "returned" (returned by a factory:
	// it runs once per call of the factory), "once" (a function run once)
	// or "per-call" (each call builds another: Why says where).
	Context, Why string
	// Func names the enclosing function ("" at module scope).
	Func string
	// Nested: the construction is an argument of another construction
	// (new Kysely({ dialect: new PostgresDialect({ pool: new Pool() }) })).
	Nested bool
}

// Sites lists the file's client constructions in source order. A test
// file or generated client code has none: the rules check neither.
func (p *Pass) Sites() []Site {
	a := p.a
	if a.isTest || a.generated {
		return nil
	}
	var out []Site
	for _, c := range a.sites {
		ctx := a.ctxOf(c.node)
		s := Site{Node: c.node, Entry: c.entry, Via: c.via, WrapperFile: c.wrapperFile,
			Context: ctxNames[ctx.kind], Why: ctx.why,
			Nested: a.insideConstruction(c.node) || a.feedsConstruction(c.node)}
		if fn := p.File.EnclosingFunc(c.node); fn >= 0 {
			s.Func, _, _ = a.funcName(fn)
		}
		out = append(out, s)
	}
	return out
}

var ctxNames = map[ctxKind]string{
	ctxModule: "module", ctxCached: "cached", ctxReturned: "returned",
	ctxRunOnce: "once", ctxPerCall: "per-call",
}

// Entrypoint reports whether the file runs as its own process (a script,
// a seed, a bin: RULES.md's entrypoints).
func (p *Pass) Entrypoint() bool { return p.a.entry }

// Server reports whether the file starts something that keeps its process
// alive to serve (listen, a queue worker, a timer).
func (p *Pass) Server() bool { return p.a.server }
