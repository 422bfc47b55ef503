package release

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/cfg"

	"github.com/connlint/connlint/analyzers/catalog"
	"github.com/connlint/connlint/analyzers/internal/astx"
	"github.com/connlint/connlint/analyzers/internal/owner"
)

// acq is one acquisition in a function body.
type acq struct {
	call    *ast.CallExpr
	stack   []ast.Node // ancestors of call inside the body, innermost last
	entry   *catalog.Entry
	result  int
	cleanup int // 1 + the index of the result that releases it when called
	from    string
	fn      ast.Node // the function (declaration or literal) it lies in
}

// body is one function body (a declaration's or a literal's).
type body struct {
	fn    ast.Node      // the *ast.FuncDecl or *ast.FuncLit
	decl  *ast.FuncDecl // the declaration it is, or lies in
	ftype *ast.FuncType // the body's own signature
	block *ast.BlockStmt
	acqs  []*acq
	once  bool // a command body (cobra, urfave/cli): runs once, like main
	conds *condTable
	tags  map[ast.Expr]ast.Expr // case expressions of tagged switches -> tag
	// defersInLoop: a defer stands in a loop of the body (outside its
	// function literals).
	defersInLoop bool
}

func (st *state) check() {
	for _, f := range st.pass.Files {
		if !st.rep.Checked(f) {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			for _, b := range st.bodies(&body{fn: fd, decl: fd, ftype: fd.Type, block: fd.Body}) {
				st.checkBody(b)
			}
		}
		// Function literals in package variables (a handler kept in a var)
		// are checked like declarations. One called where it stands runs
		// once, at initialisation: the clients it builds live for the
		// process, as init's do.
		for _, pl := range astx.PackageFuncLits(f) {
			for _, b := range st.bodies(&body{fn: pl.Lit, ftype: pl.Lit.Type, block: pl.Lit.Body, once: pl.Once}) {
				st.checkBody(b)
			}
		}
	}
}

// bodies splits a function (a declaration, or a literal at package level,
// whose decl is nil) into its own body and those of the function literals
// in it, each with its acquisitions.
func (st *state) bodies(root *body) []*body {
	fd := root.decl
	var out []*body
	var walk func(b *body)
	walk = func(b *body) {
		out = append(out, b)
		ast.PreorderStack(b.block, nil, func(n ast.Node, stack []ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				once := b.once || owner.CommandBody(st.pass.TypesInfo, n, stack)
				walk(&body{fn: n, decl: fd, ftype: n.Type, block: n.Body, once: once})
				return false
			case *ast.DeferStmt:
				if astx.EnclosingLoop(stack) != nil {
					b.defersInLoop = true
				}
			case *ast.CallExpr:
				if e, r, c, from, ok := st.acquisitionCleanup(n); ok {
					if e.Client != "" && (b.once || (fd != nil && !st.clientTracked(fd)) || st.perCall.Has(n)) {
						return true
					}
					b.acqs = append(b.acqs, &acq{call: n, stack: slices.Clone(stack), entry: e, result: r, cleanup: c, from: from, fn: b.fn})
				}
			}
			return true
		})
	}
	walk(root)
	return out
}

// clientTracked reports whether clients built in fd carry a release
// obligation: not in init nor in a command's main, where they live for the
// process. A helper of package main is checked: a client it builds and
// drops stays open for the rest of the run.
func (st *state) clientTracked(fd *ast.FuncDecl) bool {
	if fd.Recv != nil {
		return true
	}
	if fd.Name.Name == "init" {
		return false
	}
	fn, _ := st.pass.TypesInfo.Defs[fd.Name].(*types.Func)
	return !st.processFuncs()[fn]
}

// processFuncs are the functions of package main that run for the whole
// process: main, and the functions main (or one of these) calls last and
// only there, so that their return ends the process
// (if err := run(ctx); err != nil { log.Fatal(err) }, os.Exit(realMain())).
func (st *state) processFuncs() map[*types.Func]bool {
	if st.process != nil {
		return st.process
	}
	st.process = map[*types.Func]bool{}
	if st.pass.Pkg.Name() != "main" {
		return st.process
	}
	info := st.pass.TypesInfo
	decls := map[*types.Func]*ast.FuncDecl{}
	refs := map[*types.Func]int{}
	for _, f := range st.pass.Files {
		if strings.HasSuffix(st.pass.Fset.File(f.Pos()).Name(), "_test.go") {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Body != nil {
				if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
					decls[fn] = fd
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if fn, ok := info.Uses[id].(*types.Func); ok && fn.Pkg() == st.pass.Pkg {
					refs[fn]++
				}
			}
			return true
		})
	}
	mainFn, ok := st.pass.Pkg.Scope().Lookup("main").(*types.Func)
	if !ok || decls[mainFn] == nil {
		return st.process
	}
	st.process[mainFn] = true
	work := []*types.Func{mainFn}
	for len(work) > 0 {
		fd := decls[work[0]]
		work = work[1:]
		list := fd.Body.List
		for i := len(list) - 1; i >= 0; i-- {
			tail := map[*types.Func]int{}
			ast.Inspect(list[i], func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.CallExpr:
					if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok {
						if fn, ok := info.Uses[id].(*types.Func); ok && decls[fn] != nil {
							tail[fn]++
						}
					}
				}
				return true
			})
			for fn, n := range tail {
				if !st.process[fn] && refs[fn] == n {
					st.process[fn] = true
					work = append(work, fn)
				}
			}
			if !st.exitHandling(list[i]) {
				break // statements before this one are followed by more work
			}
		}
	}
	return st.process
}

// exitHandling reports whether s, standing after a call in main, only ends
// the process or reports how it ended: an if without else whose body
// returns or ends in a call that never returns, a return, or such a call.
func (st *state) exitHandling(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.ExprStmt:
		call, ok := ast.Unparen(s.X).(*ast.CallExpr)
		return ok && !st.nr.MayReturn(call)
	case *ast.IfStmt:
		if s.Else != nil || len(s.Body.List) == 0 {
			return false
		}
		return st.exitHandling(s.Body.List[len(s.Body.List)-1])
	}
	return false
}

// holdKind is what the code does with an acquisition's result.
type holdKind int

const (
	holdSkip    holdKind = iota // handed on at once, or a shape not followed
	holdVar                     // held in a local variable: follow it
	holdDropped                 // thrown away: never released
)

type holder struct {
	kind   holdKind
	v      *types.Var
	errVar *types.Var
	// connErrs are the errors of the client's own Connect calls: when
	// Connect fails there is nothing to release either.
	connErrs map[*types.Var]bool
	named    bool     // v is a named result
	node     ast.Node // the statement holding the acquisition
	// cleanup is the function the acquirer returned beside the value that
	// releases it (conn, cleanup, err := open()): calling it releases.
	cleanup *types.Var
	body    *ast.BlockStmt // the body v lives in
	// holders are the local structs holding the value from the start
	// (d.conn, err = db.Conn(ctx)): v then stands for the field, a
	// variable that occurs nowhere.
	holders []*types.Var
}

// holderOf finds where an acquisition's result goes.
func (st *state) holderOf(a *acq) holder {
	info := st.pass.TypesInfo
	var child ast.Node = a.call
	for i := len(a.stack) - 1; i >= 0; i-- {
		switch p := a.stack[i].(type) {
		case *ast.ParenExpr:
			child = p
			continue
		case *ast.AssignStmt:
			return st.assignHolder(p, p.Lhs, p.Rhs, child, a)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(p.Names))
			for j, n := range p.Names {
				lhs[j] = n
			}
			return st.assignHolder(p, lhs, p.Values, child, a)
		case *ast.ExprStmt:
			return holder{kind: holdDropped, node: p}
		case *ast.SelectorExpr:
			// pool.SendBatch(ctx, b).Close() releases at once; any other
			// method called on the result drops it.
			if len(a.stack) > i && i > 0 {
				if call, ok := a.stack[i-1].(*ast.CallExpr); ok && call.Fun == p && gocatRelease(a.entry, p.Sel.Name) {
					return holder{kind: holdSkip}
				}
			}
			if _, isMethod := info.Selections[p]; isMethod {
				return holder{kind: holdDropped, node: stmtOf(a.stack[:i])}
			}
			return holder{kind: holdSkip}
		default:
			return holder{kind: holdSkip}
		}
	}
	return holder{kind: holdSkip}
}

func gocatRelease(e *catalog.Entry, name string) bool { return slices.Contains(e.Release, name) }

func stmtOf(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		if s, ok := stack[i].(ast.Stmt); ok {
			return s
		}
	}
	return nil
}

func (st *state) assignHolder(node ast.Node, lhs, rhs []ast.Expr, child ast.Node, a *acq) holder {
	var target ast.Expr
	var errExpr ast.Expr
	switch {
	case len(rhs) == 1 && len(lhs) > 1 && rhs[0] == child:
		if a.result >= len(lhs) {
			return holder{kind: holdSkip}
		}
		target = lhs[a.result]
		last := lhs[len(lhs)-1]
		if t := st.pass.TypesInfo.TypeOf(last); t != nil && types.Identical(t, types.Universe.Lookup("error").Type()) {
			errExpr = last
		}
	default:
		for i, r := range rhs {
			if r == child && i < len(lhs) {
				target = lhs[i]
			}
		}
	}
	if target == nil {
		return holder{kind: holdSkip}
	}
	id, ok := ast.Unparen(target).(*ast.Ident)
	if !ok {
		body := astx.FuncBody(a.fn)
		if hv := owner.FieldHolder(st.pass.TypesInfo, body, target); hv != nil {
			// d.conn, err = db.Conn(ctx) on a struct d built here: it owns
			// the value only when it leaves the function itself.
			t := st.pass.TypesInfo.TypeOf(target)
			fv := types.NewVar(target.Pos(), st.pass.Pkg, types.ExprString(target), t)
			h := holder{kind: holdVar, v: fv, node: node, body: body, holders: []*types.Var{hv}}
			if a.cleanup == 0 {
				h.errVar = st.errVarOf(errExpr)
				return h
			}
		}
		return holder{kind: holdSkip} // a field, element or pointee now owns it
	}
	if id.Name == "_" {
		return holder{kind: holdDropped, node: node}
	}
	v, ok := st.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || !owner.IsLocal(v) {
		return holder{kind: holdSkip} // a package variable keeps it
	}
	if v.Pos() < a.fn.Pos() || v.Pos() >= a.fn.End() {
		// A variable of an enclosing function, set by a closure
		// (elapsed(func() { rows, err = db.Query(q) })): the enclosing
		// function holds it after the call, a flow not followed here.
		return holder{kind: holdSkip}
	}
	h := holder{kind: holdVar, v: v, node: node, body: astx.FuncBody(a.fn)}
	if a.cleanup > 0 && len(rhs) == 1 && a.cleanup-1 < len(lhs) {
		switch c := ast.Unparen(lhs[a.cleanup-1]).(type) {
		case *ast.Ident:
			if c.Name != "_" {
				cv, ok := st.pass.TypesInfo.ObjectOf(c).(*types.Var)
				if !ok || !owner.IsLocal(cv) {
					return holder{kind: holdSkip} // a package variable keeps the cleanup
				}
				h.cleanup = cv
			}
		default:
			return holder{kind: holdSkip} // a field keeps the cleanup
		}
	}
	h.errVar = st.errVarOf(errExpr)
	return h
}

// errVarOf returns the variable an acquisition's error goes to, if any.
func (st *state) errVarOf(errExpr ast.Expr) *types.Var {
	if errExpr == nil {
		return nil
	}
	eid, ok := ast.Unparen(errExpr).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := st.pass.TypesInfo.ObjectOf(eid).(*types.Var)
	return v
}

// checkBody reports the leaks of one function body.
func (st *state) checkBody(b *body) {
	if len(b.acqs) == 0 && !b.defersInLoop {
		return
	}
	reported := map[*acq]bool{}
	var g *cfg.CFG
	graph := func() *cfg.CFG {
		if g == nil {
			g = cfg.New(b.block, st.nr.MayReturn)
		}
		return g
	}
	st.deferInLoop(b, graph, reported)
	for _, a := range b.acqs {
		if reported[a] {
			continue
		}
		h := st.holderOf(a)
		h.named = h.v != nil && isNamedResult(h.v, st.pass.TypesInfo, b.ftype)
		switch h.kind {
		case holdDropped:
			st.rep.Report(analysis.Diagnostic{
				Pos: a.call.Pos(), End: a.call.End(),
				Message: fmt.Sprintf("%s from %s is discarded, so it is never %s", st.typeName(a), a.from, verb(a.entry)),
				Related: []analysis.RelatedInformation{{Pos: h.node.Pos(), End: h.node.End(), Message: "the result is dropped here"}},
			})
		case holdVar:
			st.follow(b, graph(), a, h)
		}
	}
}

// typeName is the acquired value's type as the source spells it
// (*sql.Rows, pgx.Tx).
func (st *state) typeName(a *acq) string {
	t := st.pass.TypesInfo.TypeOf(a.call)
	if tup, ok := t.(*types.Tuple); ok && a.result < tup.Len() {
		t = tup.At(a.result).Type()
	}
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// verb is what releasing the entry's value is called.
func verb(e *catalog.Entry) string {
	switch {
	case slices.Contains(e.Release, "Commit") || slices.Contains(e.Release, "Rollback"):
		return "committed or rolled back"
	case slices.Contains(e.Release, "Release"):
		return "released"
	case len(e.Release) > 0 && strings.HasSuffix(e.Release[0], "Disconnect"):
		return "disconnected"
	}
	return "closed"
}

// leak is a path on which the obligation is not met.
type leak struct {
	pos, end token.Pos
	desc     string // "the return at line 42"
}

type item struct {
	b     *cfg.Block
	start int
	clean bool // no use of the value and no new err since the acquisition
	brk   *ast.BranchStmt
	facts facts // what the path has learnt of the body's stable conditions
}

// walkMode adapts the path walk to a question.
type walkMode struct {
	// deferInLoop asks whether some iteration reaches the next one still
	// holding the value when defers are not counted: returns and the end
	// of the function are no leak then (the deferred release covers them),
	// nor does an exhausted `for v.Next()` loop count as a release.
	deferInLoop bool
}

// follow walks the control-flow graph from the acquisition and reports the
// first path that reaches the end of the function still holding the value.
func (st *state) follow(b *body, g *cfg.CFG, a *acq, h holder) {
	found := st.walk(b, g, a, h, walkMode{})
	if found == nil {
		return
	}
	u := st.uses(h)
	never := !st.releasedSomewhere(b, u, h)
	name := h.v.Name()
	var msg string
	if never {
		msg = fmt.Sprintf("%s (%s) from %s is never %s: it leaks on the path through %s", name, st.typeName(a), a.from, verb(a.entry), found.desc)
	} else {
		msg = fmt.Sprintf("%s (%s) from %s is not %s on the path through %s", name, st.typeName(a), a.from, verb(a.entry), found.desc)
	}
	d := analysis.Diagnostic{
		Pos: a.call.Pos(), End: a.call.End(),
		Message: msg,
		Related: []analysis.RelatedInformation{{Pos: found.pos, End: found.end, Message: fmt.Sprintf("%s leaks here", name)}},
	}
	if e := u.In(b.block); e != owner.Release && e != owner.Transfer && h.cleanup == nil {
		if fix, ok := st.fix(a, h); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{fix}
		}
	}
	st.rep.Report(d)
}

// walk follows the control-flow graph from the acquisition breadth first
// and returns the first path that still holds the value where it must not:
// at the end of the function (or, in deferInLoop mode, at the next
// iteration), or nil when every path meets the obligation.
func (st *state) walk(b *body, g *cfg.CFG, a *acq, h holder, mode walkMode) *leak {
	blk, idx := locate(g, h.node)
	if blk == nil {
		return nil // unreachable code
	}
	u := st.uses(h)
	var loops []*ast.ForStmt
	if !mode.deferInLoop {
		loops = nextLoops(b.block, h.v, st.pass.TypesInfo)
	}
	if a.entry.Client != "" {
		h.connErrs = connectErrors(st.pass.TypesInfo, b.block, h.v)
	}
	if st.nextCloses(h.v) && !mode.deferInLoop {
		h.connErrs = rowsErrs(st.pass.TypesInfo, b.block, h.v)
	}
	// A deferred closure registered before the acquisition that releases
	// the variable releases whatever it holds when the function returns
	// (defer func() { if conn != nil { conn.Release() } }() and, later,
	// conn, err = p.acquireAgain(ctx)).
	exitsCovered := mode.deferInLoop || st.deferredBefore(a, h)
	sc := st.stableConds(b)
	fset := st.pass.Fset
	line := func(p token.Pos) int { return fset.Position(p).Line }
	type key struct {
		b     *cfg.Block
		clean bool
		facts facts
	}
	seen := map[key]bool{}
	queue := []item{{b: blk, start: idx + 1, clean: true, facts: sc.around(a.stack)}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		clean := it.clean
		known := it.facts
		nodes := it.b.Nodes
		done := false
		cond := condOf(it.b)
		for j := it.start; j < len(nodes) && !done; j++ {
			n := nodes[j]
			if cond != nil && n == cond {
				break // handled with the successors
			}
			if n == h.node {
				lp := loopOf(a.stack)
				return &leak{pos: lp.Pos(), end: lp.Pos() + 3, desc: fmt.Sprintf("the next iteration of the loop at line %d", line(lp.Pos()))}
			}
			known = sc.forget(n, known)
			if _, isDefer := n.(*ast.DeferStmt); !isDefer || !mode.deferInLoop {
				switch u.In(n) {
				case owner.Release, owner.Transfer:
					done = true
					continue
				case owner.Reassign:
					return &leak{pos: n.Pos(), end: n.End(), desc: fmt.Sprintf("the assignment at line %d, which overwrites it", line(n.Pos()))}
				}
			}
			if ret, ok := n.(*ast.ReturnStmt); ok {
				if exitsCovered || h.named && len(ret.Results) == 0 {
					done = true
					continue
				}
				return st.exitLeak(ret, it.brk, line)
			}
			if clean && ((u.Mentions(n) && !u[0].OnlyBinds(n)) || assigns(st.pass.TypesInfo, n, h.errVar)) {
				clean = false
			}
		}
		if done {
			continue
		}
		if len(it.b.Succs) == 0 {
			if last := lastCall(it.b); last != nil && !st.nr.MayReturn(last) {
				continue // the process or goroutine ends here
			}
			if exitsCovered {
				continue
			}
			found := st.exitLeak(nil, it.brk, line)
			if it.brk == nil {
				found.pos, found.end = b.block.Rbrace, b.block.Rbrace+1
				found.desc = fmt.Sprintf("the end of the function at line %d", line(b.block.Rbrace))
			}
			return found
		}
		skip := [2]bool{}
		var branch [2]facts
		if cond != nil {
			test := cond
			if tag := st.switchTag(b, cond); tag != nil {
				// switch err { case sql.ErrNoRows: ... }: the case tests
				// tag == cond.
				test = &ast.BinaryExpr{X: tag, OpPos: cond.Pos(), Op: token.EQL, Y: cond}
			}
			skip = st.condSkips(test, h, clean, mode)
			branch[0], branch[1] = known, known
			if v, ok := sc.eval(cond, known); ok {
				skip[0] = skip[0] || !v // the path cannot take a branch its earlier one ruled out
				skip[1] = skip[1] || v
			} else {
				branch[0] = sc.learn(cond, true, known)
				branch[1] = sc.learn(cond, false, known)
			}
			if clean && (u.Mentions(cond) || assigns(st.pass.TypesInfo, cond, h.errVar)) {
				clean = false
			}
		}
		for k, s := range it.b.Succs {
			f := known
			if k < 2 && cond != nil {
				if skip[k] {
					continue
				}
				f = branch[k]
			}
			brk := it.brk
			if brk == nil {
				brk = earlyExit(it.b, s, loops)
			}
			if !seen[key{s, clean, f}] {
				seen[key{s, clean, f}] = true
				queue = append(queue, item{b: s, clean: clean, brk: brk, facts: f})
			}
		}
	}
	return nil
}

func (st *state) exitLeak(ret *ast.ReturnStmt, brk *ast.BranchStmt, line func(token.Pos) int) *leak {
	if brk != nil {
		return &leak{pos: brk.Pos(), end: brk.End(), desc: fmt.Sprintf("the %s at line %d", brk.Tok, line(brk.Pos()))}
	}
	if ret == nil {
		return &leak{}
	}
	return &leak{pos: ret.Pos(), end: ret.End(), desc: fmt.Sprintf("the return at line %d", line(ret.Pos()))}
}

// locate finds the block and index of a node in the graph.
func locate(g *cfg.CFG, n ast.Node) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for i, m := range b.Nodes {
			if m == n {
				return b, i
			}
		}
	}
	return nil, 0
}

// condOf returns the branch condition ending a two-way block.
func condOf(b *cfg.Block) ast.Expr {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 {
		return nil
	}
	if b.Kind == cfg.KindRangeLoop {
		return nil
	}
	e, _ := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	return e
}

func lastCall(b *cfg.Block) *ast.CallExpr {
	if len(b.Nodes) == 0 {
		return nil
	}
	if es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt); ok {
		c, _ := ast.Unparen(es.X).(*ast.CallExpr)
		return c
	}
	return nil
}

// assigns reports whether n assigns to v something else than a wrapping
// of v itself (err = fmt.Errorf("query: %w", err) keeps err's nil-ness).
func assigns(info *types.Info, n ast.Node, v *types.Var) bool {
	if v == nil {
		return false
	}
	lhs, rhs, ok := astx.Assignment(n)
	if !ok {
		return false
	}
	for i, l := range lhs {
		if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(id) == v {
			if len(rhs) == len(lhs) && wrapsVar(info, rhs[i], v) {
				continue
			}
			return true
		}
	}
	return false
}

// wrapsVar reports whether e is a call of error type taking v as an
// argument (wrap(err), translate(ctx, err)).
func wrapsVar(info *types.Info, e ast.Expr, v *types.Var) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || !types.Identical(info.TypeOf(call), types.Universe.Lookup("error").Type()) {
		return false
	}
	for _, a := range call.Args {
		if id, ok := ast.Unparen(a).(*ast.Ident); ok && info.Uses[id] == v {
			return true
		}
	}
	return false
}

// condSkips tells which branches of cond carry no obligation: the
// err != nil branch right after the acquisition and the v == nil branch
// (the resource is nil there), and the branch where a Next loop has run
// out (the rows closed themselves).
func (st *state) condSkips(cond ast.Expr, h holder, clean bool, mode walkMode) [2]bool {
	info := st.pass.TypesInfo
	switch c := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if c.Op == token.NOT {
			s := st.condSkips(c.X, h, clean, mode)
			return [2]bool{s[1], s[0]}
		}
	case *ast.BinaryExpr:
		switch c.Op {
		case token.LOR:
			l, r := st.condSkips(c.X, h, clean, mode), st.condSkips(c.Y, h, clean, mode)
			return [2]bool{l[0] && r[0], l[1] || r[1]}
		case token.LAND:
			l, r := st.condSkips(c.X, h, clean, mode), st.condSkips(c.Y, h, clean, mode)
			return [2]bool{l[0] || r[0], l[1] && r[1]}
		case token.EQL, token.NEQ:
			x := nilCompared(info, c)
			if x == nil && h.v != nil && !mode.deferInLoop && st.nextCloses(h.v) && comparesErrOf(info, c, h.v) {
				if c.Op == token.NEQ { // rows.Err() != nil: closed there
					return [2]bool{true, false}
				}
				return [2]bool{false, true}
			}
			if x == nil && h.errVar != nil && wrapsErr(info, c, h.errVar) {
				// db.AddError(err) == nil, wrap(err) != nil: such a call
				// is nil at most when err is. Taking its non-nil branch
				// for err's is safe: the resource is nil there, or the
				// branch is only left unchecked.
				x = h.errVar
			}
			if x == nil && h.errVar != nil && clean && comparedWithError(info, c, h.errVar) {
				// err == sql.ErrNoRows: where it holds, err is not nil.
				if c.Op == token.EQL {
					return [2]bool{true, false}
				}
				return [2]bool{false, true}
			}
			if x == nil {
				return [2]bool{}
			}
			isNilTrue := c.Op == token.EQL // the branch where x is nil
			switch {
			case x == h.v:
				if isNilTrue {
					return [2]bool{true, false}
				}
				return [2]bool{false, true}
			case x == h.errVar && h.errVar != nil && clean, h.connErrs[x]:
				if isNilTrue { // err == nil: the else branch failed
					return [2]bool{false, true}
				}
				return [2]bool{true, false}
			}
		}
	case *ast.CallExpr:
		if h.v != nil && !mode.deferInLoop && nextCall(info, c, h.v) {
			// for rows.Next() {...}: when Next says false the rows are closed.
			if st.nextCloses(h.v) {
				return [2]bool{false, true}
			}
		}
		if h.errVar != nil && clean && errPredicate(info, c, h.errVar) {
			// errors.Is(err, sql.ErrNoRows), isRetryable(err): a
			// predicate on an error holds only for a failure.
			return [2]bool{true, false}
		}
	}
	return [2]bool{}
}

// switchTag returns the tag of the switch statement whose case list holds
// the expression e, or nil.
func (st *state) switchTag(b *body, e ast.Expr) ast.Expr {
	if b.tags == nil {
		b.tags = map[ast.Expr]ast.Expr{}
		ast.Inspect(b.block, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.SwitchStmt:
				if n.Tag == nil {
					return true
				}
				for _, c := range n.Body.List {
					for _, x := range c.(*ast.CaseClause).List {
						b.tags[x] = n.Tag
					}
				}
			}
			return true
		})
	}
	return b.tags[e]
}

// comparedWithError reports whether c compares errVar with an error value
// other than nil (err == sql.ErrNoRows).
func comparedWithError(info *types.Info, c *ast.BinaryExpr, errVar *types.Var) bool {
	is := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == errVar
	}
	other := c.Y
	switch {
	case is(c.X):
	case is(c.Y):
		other = c.X
	default:
		return false
	}
	tv, ok := info.Types[other]
	if !ok || tv.IsNil() {
		return false
	}
	return types.Implements(tv.Type, types.Universe.Lookup("error").Type().Underlying().(*types.Interface))
}

// errPredicate reports whether call returns a bool and takes errVar as an
// argument.
func errPredicate(info *types.Info, call *ast.CallExpr, errVar *types.Var) bool {
	t := info.TypeOf(call)
	if t == nil || !isBool(t) {
		return false
	}
	for _, a := range call.Args {
		if id, ok := ast.Unparen(a).(*ast.Ident); ok && info.Uses[id] == errVar {
			return true
		}
	}
	return false
}

func (st *state) nextCloses(v *types.Var) bool {
	e, ok := st.entryOf(v.Type())
	return ok && e.NextLoopCloses
}

// nilCompared returns the variable compared with nil in c.
func nilCompared(info *types.Info, c *ast.BinaryExpr) *types.Var {
	isNil := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return false
		}
		_, ok = info.Uses[id].(*types.Nil)
		return ok
	}
	varOf := func(e ast.Expr) *types.Var {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		v, _ := info.Uses[id].(*types.Var)
		return v
	}
	switch {
	case isNil(c.Y):
		return varOf(c.X)
	case isNil(c.X):
		return varOf(c.Y)
	}
	return nil
}

// comparesErrOf reports whether c compares v.Err() with nil.
func comparesErrOf(info *types.Info, c *ast.BinaryExpr, v *types.Var) bool {
	for _, side := range []ast.Expr{c.X, c.Y} {
		if call, ok := ast.Unparen(side).(*ast.CallExpr); ok && methodCallOn(info, call, v, "Err") {
			return true
		}
	}
	return false
}

// wrapsErr reports whether c compares with nil a call of error type that
// takes errVar as an argument.
func wrapsErr(info *types.Info, c *ast.BinaryExpr, errVar *types.Var) bool {
	other := c.X
	if id, ok := ast.Unparen(c.X).(*ast.Ident); ok {
		if _, isNil := info.Uses[id].(*types.Nil); isNil {
			other = c.Y
		}
	}
	call, ok := ast.Unparen(other).(*ast.CallExpr)
	if !ok || !types.Identical(info.TypeOf(call), types.Universe.Lookup("error").Type()) {
		return false
	}
	for _, arg := range call.Args {
		if id, ok := ast.Unparen(arg).(*ast.Ident); ok && info.Uses[id] == errVar {
			return true
		}
	}
	return false
}

// nextCall reports whether c is v.Next().
func nextCall(info *types.Info, c *ast.CallExpr, v *types.Var) bool {
	sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Next" || len(c.Args) != 0 {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && info.Uses[id] == v
}

// earlyExit returns the break or goto that leaves a `for v.Next()` loop
// before it has run out, when the edge from -> to is one.
func earlyExit(from, to *cfg.Block, loops []*ast.ForStmt) *ast.BranchStmt {
	if from.Kind == cfg.KindForLoop {
		return nil // a loop's own exit
	}
	anchor := token.NoPos
	if len(from.Nodes) > 0 {
		anchor = from.Nodes[len(from.Nodes)-1].End()
	} else if from.Stmt != nil {
		anchor = from.Stmt.Pos()
	}
	for _, loop := range loops {
		if anchor < loop.Body.Pos() || anchor >= loop.Body.End() {
			continue
		}
		out := false
		switch {
		case to.Kind == cfg.KindForDone && to.Stmt == loop:
			out = true
		case len(to.Nodes) > 0:
			p := to.Nodes[0].Pos()
			out = p < loop.Pos() || p >= loop.End()
		case to.Stmt != nil && to.Kind == cfg.KindLabel:
			p := to.Stmt.Pos()
			out = p < loop.Pos() || p >= loop.End()
		}
		if !out {
			continue
		}
		var best *ast.BranchStmt
		ast.Inspect(loop.Body, func(n ast.Node) bool {
			if best != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BranchStmt:
				if (n.Tok == token.BREAK || n.Tok == token.GOTO) && n.Pos() >= anchor {
					best = n
				}
			}
			return true
		})
		if best != nil {
			return best
		}
	}
	return nil
}

// nextLoops lists the `for v.Next()` loops of the body.
func nextLoops(block *ast.BlockStmt, v *types.Var, info *types.Info) []*ast.ForStmt {
	var out []*ast.ForStmt
	ast.Inspect(block, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ForStmt:
			if c, ok := n.Cond.(*ast.CallExpr); ok && nextCall(info, c, v) {
				out = append(out, n)
			}
		}
		return true
	})
	return out
}

// loopOf returns the innermost loop around the acquisition.
func loopOf(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return stack[i]
		case *ast.FuncLit:
			return stack[len(stack)-1]
		}
	}
	return stack[len(stack)-1]
}

// releasedSomewhere reports whether any code in the body releases or hands
// on the value, or runs a `for v.Next()` loop that closes it.
func (st *state) releasedSomewhere(b *body, u uses, h holder) bool {
	if e := u.In(b.block); e == owner.Release || e == owner.Transfer {
		return true
	}
	if !st.nextCloses(h.v) {
		return false
	}
	found := false
	ast.Inspect(b.block, func(n ast.Node) bool {
		if f, ok := n.(*ast.ForStmt); ok && f.Cond != nil && u.Mentions(f.Cond) {
			found = true
		}
		return !found
	})
	return found
}

// isNamedResult reports whether v is one of the named results of ft.
func isNamedResult(v *types.Var, info *types.Info, ft *ast.FuncType) bool {
	if ft == nil || ft.Results == nil {
		return false
	}
	for _, fl := range ft.Results.List {
		for _, n := range fl.Names {
			if info.Defs[n] == v {
				return true
			}
		}
	}
	return false
}

// deferredBefore reports whether a deferred function literal that releases
// h.v stands before the acquisition in a block enclosing it: it ran before
// the acquisition and releases the variable's value at the function's end.
func (st *state) deferredBefore(a *acq, h holder) bool {
	u := st.heldUse(h)
	for i := 0; i+1 < len(a.stack); i++ {
		blk, ok := a.stack[i].(*ast.BlockStmt)
		if !ok {
			continue
		}
		next := a.stack[i+1]
		for _, s := range blk.List {
			if s == next {
				break
			}
			d, ok := s.(*ast.DeferStmt)
			if !ok {
				continue
			}
			if _, isLit := ast.Unparen(d.Call.Fun).(*ast.FuncLit); isLit && u.In(d) == owner.Release {
				return true
			}
		}
	}
	return false
}

// rowsErrs lists the error variables assigned once, from v.Err(): rows
// whose Err is not nil have closed themselves (database/sql, sqlx and pgx
// close rows when they record an error), so that branch has nothing to
// release.
func rowsErrs(info *types.Info, block *ast.BlockStmt, v *types.Var) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	writes := map[*types.Var]int{}
	ast.Inspect(block, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok {
			return true
		}
		for _, l := range as.Lhs {
			if id, ok := ast.Unparen(l).(*ast.Ident); ok {
				if ev, ok := info.ObjectOf(id).(*types.Var); ok {
					writes[ev]++
				}
			}
		}
		if len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		if call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok && methodCallOn(info, call, v, "Err") {
			if id, ok := ast.Unparen(as.Lhs[0]).(*ast.Ident); ok {
				if ev, ok := info.ObjectOf(id).(*types.Var); ok {
					out[ev] = true
				}
			}
		}
		return true
	})
	for ev := range out {
		if writes[ev] != 1 {
			delete(out, ev)
		}
	}
	return out
}

// methodCallOn reports whether call is v.name() with no arguments.
func methodCallOn(info *types.Info, call *ast.CallExpr, v *types.Var, name string) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name || len(call.Args) != 0 {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	return ok && info.Uses[id] == v
}

// connectErrors lists the error variables assigned from v.Connect(...) or
// v.Field.Connect(...) in the body.
func connectErrors(info *types.Info, block *ast.BlockStmt, v *types.Var) map[*types.Var]bool {
	out := map[*types.Var]bool{}
	ast.Inspect(block, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 || len(as.Lhs) == 0 {
			return true
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Connect" {
			return true
		}
		x := sel.X
		if inner, ok := x.(*ast.SelectorExpr); ok {
			x = inner.X
		}
		if id, ok := ast.Unparen(x).(*ast.Ident); !ok || info.Uses[id] != v {
			return true
		}
		if id, ok := ast.Unparen(as.Lhs[len(as.Lhs)-1]).(*ast.Ident); ok {
			if ev, ok := info.ObjectOf(id).(*types.Var); ok {
				out[ev] = true
			}
		}
		return true
	})
	return out
}
