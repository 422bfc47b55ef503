package jsts

import (
	"slices"
	"strings"

	"github.com/connlint/connlint/analyzers/catalog"
)

// st is what a path knows about one resource.
type st uint8

const (
	sNone st = iota // not acquired yet (or nothing was acquired)
	sDone           // released, handed on, or the process ended
	sHeld           // held and not released
)

func merge(a, b st) st { return max(a, b) }

// resource is a client or connection a function (or a script's top level)
// must release.
type resource struct {
	acq   int32 // the construction or acquisition call
	b     *Binding
	entry *catalog.Entry
	what  string // "pg Pool", "client from pool.connect()"
	body  int32  // function body (or program) the paths run through
	// atStart: held from the start of body (an imported singleton in a
	// script).
	atStart bool
	// rels are the release calls of b in the file (in preorder), found
	// once from b's uses; mayRel memoizes calleeMayRelease per function.
	rels    []int32
	relsSet bool
	mayRel  map[int32]bool
}

type leak struct {
	node int32
	why  string
	// end: the path ends at the end of the body (node is the body).
	end bool
}

const (
	fTry = iota
	fCatch
	fLoop
	fSwitch
)

type frame struct {
	kind       int
	hasCatch   bool
	caught     bool
	catchState st
	finallyRel bool
	brk        bool
	brkState   st
}

// flow runs one resource through the structured paths of its body.
type flow struct {
	a      *analysis
	f      *File
	r      *resource
	frames []*frame
	leak   *leak
	depth  int
	// memo of local functions: do they release r on all their paths?
	relMemo map[int32]bool
	relBusy map[int32]bool
	// exitMemo: 1 when a rejection of the function ends the process, -1
	// when not, 0 before it is known.
	exitMemo int8
}

func newFlow(a *analysis, r *resource) *flow {
	return &flow{a: a, f: a.f, r: r, relMemo: map[int32]bool{}, relBusy: map[int32]bool{}}
}

func (fl *flow) record(node int32, why string, end bool) {
	if fl.leak == nil {
		fl.leak = &leak{node: node, why: why, end: end}
	}
}

// run analyses the body and returns the first leaking path, or nil.
func (fl *flow) run() *leak {
	f := fl.f
	s := sNone
	if fl.r.atStart {
		s = sHeld
	}
	body := fl.r.body
	var out st
	var falls bool
	if f.N[body].Kind == KStatementBlock || f.N[body].Kind == KProgram {
		out, falls = fl.block(body, s)
	} else {
		// an arrow's expression body: its value is returned, which hands
		// the resource on only when the value is the resource (effects
		// sees that through handsOff).
		out, falls = fl.effects(body, s)
	}
	if falls && out == sHeld {
		fl.record(body, "end", true)
	}
	return fl.leak
}

// block runs the statements of a block or program.
func (fl *flow) block(n int32, s st) (st, bool) {
	f := fl.f
	for c := f.firstChild(n); c >= 0; c = f.N[c].Next {
		k := f.N[c].Kind
		if k == KComment || (!named(k) && k != KError) {
			continue
		}
		var falls bool
		s, falls = fl.stmt(c, s)
		if !falls {
			return s, false
		}
	}
	return s, true
}

func (fl *flow) stmt(n int32, s st) (st, bool) {
	f := fl.f
	fl.depth++
	defer func() { fl.depth-- }()
	if fl.depth > 200 {
		return s, true
	}
	switch f.N[n].Kind {
	case KStatementBlock:
		return fl.block(n, s)
	case KExpressionStatement, KLexicalDeclaration, KVariableDeclaration, KError:
		return fl.effects(n, s)
	case KExportStatement:
		if d := f.Field(n, FDeclaration); d >= 0 {
			return fl.stmt(d, s)
		}
		return fl.effects(n, s)
	case KReturnStatement:
		s, falls := fl.effects(n, s)
		if !falls {
			return s, false
		}
		fl.exitReturn(n, s)
		return s, false
	case KThrowStatement:
		s, falls := fl.effects(n, s)
		if !falls {
			return s, false
		}
		fl.exitThrow(n, s, "throws")
		return s, false
	case KIfStatement:
		return fl.ifStmt(n, s)
	case KTryStatement:
		return fl.tryStmt(n, s)
	case KForStatement, KForInStatement, KWhileStatement, KDoStatement:
		return fl.loop(n, s)
	case KSwitchStatement:
		return fl.switchStmt(n, s)
	case KBreakStatement, KContinueStatement:
		fl.exitBreak(s)
		return s, false
	case KLabeledStatement:
		if b := f.Field(n, FBody); b >= 0 {
			return fl.stmt(b, s)
		}
		return s, true
	}
	// declarations of functions, classes, types: nothing runs here.
	return s, true
}

func (fl *flow) ifStmt(n int32, s st) (st, bool) {
	f := fl.f
	cond := f.Field(n, FCondition)
	if cond >= 0 {
		var falls bool
		s, falls = fl.effects(cond, s)
		if !falls {
			return s, false
		}
	}
	thenS, elseS := s, s
	if s == sHeld && cond >= 0 {
		switch fl.guard(cond) {
		case 1: // if (client) ...: the else branch holds nothing
			elseS = sDone
		case -1: // if (!client) ...
			thenS = sDone
		}
	}
	out := sNone
	any := false
	if c := f.Field(n, FConsequence); c >= 0 {
		cs, cf := fl.stmt(c, thenS)
		if cf {
			out, any = merge(out, cs), true
		}
	} else {
		out, any = thenS, true
	}
	if alt := f.Field(n, FAlternative); alt >= 0 {
		body := alt
		if f.N[alt].Kind == KElseClause {
			body = f.firstNamed(alt)
		}
		if body >= 0 {
			as, af := fl.stmt(body, elseS)
			if af {
				out, any = merge(out, as), true
			}
		} else {
			out, any = merge(out, elseS), true
		}
	} else {
		out, any = merge(out, elseS), true
	}
	return out, any
}

// guard tells whether a condition tests that the resource is held (1),
// not held (-1), or neither (0).
func (fl *flow) guard(cond int32) int {
	f := fl.f
	c := f.Unwrap(cond)
	if c < 0 || fl.r.b == nil {
		return 0
	}
	switch f.N[c].Kind {
	case KIdentifier:
		if fl.isB(c) {
			return 1
		}
	case KUnaryExpression:
		if f.ChildOfKind(c, TNot) >= 0 {
			return -fl.guard(f.firstNamed(c))
		}
	case KBinaryExpression:
		op := f.Field(c, FOperator)
		l, r := f.Unwrap(f.Field(c, FLeft)), f.Unwrap(f.Field(c, FRight))
		if op < 0 || l < 0 || r < 0 {
			return 0
		}
		if f.N[op].Kind == TAnd {
			if g := fl.guard(l); g == 1 {
				return 1
			}
			return 0
		}
		isNullish := func(x int32) bool {
			k := f.N[x].Kind
			return k == KNull || k == KUndefined || f.textIs(x, "undefined") || f.N[x].Kind == KString && f.textIs(x, "'undefined'")
		}
		side := func(x int32) bool {
			if f.N[x].Kind == KUnaryExpression && f.ChildOfKind(x, TTypeof) >= 0 {
				x = f.Unwrap(f.firstNamed(x))
			}
			return x >= 0 && fl.isB(x)
		}
		var held bool
		switch {
		case side(l) && isNullish(r), side(r) && isNullish(l):
		default:
			return 0
		}
		switch f.N[op].Kind {
		case TNotEq2, TNotEq3:
			held = true
		case TEq2, TEq3:
			held = false
		default:
			return 0
		}
		if held {
			return 1
		}
		return -1
	}
	return 0
}

func (fl *flow) tryStmt(n int32, s st) (st, bool) {
	f := fl.f
	body := f.Field(n, FBody)
	handler := f.Field(n, FHandler)
	fin := f.Field(n, FFinalizer)
	if handler < 0 {
		handler = f.ChildOfKind(n, KCatchClause)
	}
	if fin < 0 {
		fin = f.ChildOfKind(n, KFinallyClause)
	}
	finBody := int32(-1)
	if fin >= 0 {
		finBody = f.ChildOfKind(fin, KStatementBlock)
	}
	finRel := finBody >= 0 && fl.releasesAll(finBody)
	fr := &frame{kind: fTry, hasCatch: handler >= 0, finallyRel: finRel}
	fl.frames = append(fl.frames, fr)
	bs, bf := sNone, false
	if body >= 0 {
		bs, bf = fl.block(body, s)
	}
	fl.frames = fl.frames[:len(fl.frames)-1]
	out, falls := sNone, false
	if bf {
		out, falls = bs, true
	}
	if handler >= 0 && fr.caught {
		cr := &frame{kind: fCatch, finallyRel: finRel}
		fl.frames = append(fl.frames, cr)
		cb := f.Field(handler, FBody)
		if cb < 0 {
			cb = f.ChildOfKind(handler, KStatementBlock)
		}
		cs, cf := fr.catchState, true
		if cb >= 0 {
			cs, cf = fl.block(cb, fr.catchState)
		}
		fl.frames = fl.frames[:len(fl.frames)-1]
		if cf {
			out, falls = merge(out, cs), true
		}
	}
	if finBody >= 0 && falls {
		out, falls = fl.block(finBody, out)
	}
	return out, falls
}

// releasesAll: running the block with the resource held releases it on
// every path that falls through.
func (fl *flow) releasesAll(blk int32) bool {
	if fl.r.b == nil && !fl.r.atStart {
		return false
	}
	sub := &flow{a: fl.a, f: fl.f, r: fl.r, relMemo: fl.relMemo, relBusy: fl.relBusy, depth: fl.depth}
	out, falls := sub.block(blk, sHeld)
	return !falls || out != sHeld
}

func (fl *flow) loop(n int32, s st) (st, bool) {
	f := fl.f
	for _, fld := range []Field{FInitializer, FCondition, FRight, FIncrement} {
		if c := f.Field(n, fld); c >= 0 {
			var falls bool
			s, falls = fl.effects(c, s)
			if !falls {
				return s, false
			}
		}
	}
	// for (init; cond; inc) has the init as the first named child too.
	if f.N[n].Kind == KForStatement {
		if c := f.firstNamed(n); c >= 0 && (f.N[c].Kind == KLexicalDeclaration || f.N[c].Kind == KVariableDeclaration) {
			s, _ = fl.effects(c, s)
		}
	}
	fr := &frame{kind: fLoop}
	fl.frames = append(fl.frames, fr)
	bs, bf := s, true
	if body := f.Field(n, FBody); body >= 0 {
		bs, bf = fl.stmt(body, s)
	}
	fl.frames = fl.frames[:len(fl.frames)-1]
	out := s
	if f.N[n].Kind == KDoStatement {
		out = sNone
		if bf {
			out = bs
		}
	} else if bf {
		out = merge(out, bs)
	}
	if fr.brk {
		out = merge(out, fr.brkState)
	}
	return out, true
}

func (fl *flow) switchStmt(n int32, s st) (st, bool) {
	f := fl.f
	if v := f.Field(n, FValue); v >= 0 {
		var falls bool
		s, falls = fl.effects(v, s)
		if !falls {
			return s, false
		}
	}
	body := f.Field(n, FBody)
	if body < 0 {
		return s, true
	}
	fr := &frame{kind: fSwitch}
	fl.frames = append(fl.frames, fr)
	out, any := sNone, false
	hasDefault := false
	prev, prevFalls := s, false
	for c := f.firstChild(body); c >= 0; c = f.N[c].Next {
		k := f.N[c].Kind
		if k != KSwitchCase && k != KSwitchDefault {
			continue
		}
		if k == KSwitchDefault {
			hasDefault = true
		}
		cs := s
		if prevFalls {
			cs = merge(cs, prev)
		}
		falls := true
		for st := f.firstChild(c); st >= 0; st = f.N[st].Next {
			if f.N[st].Field == FValue || !named(f.N[st].Kind) {
				continue
			}
			cs, falls = fl.stmt(st, cs)
			if !falls {
				break
			}
		}
		prev, prevFalls = cs, falls
	}
	fl.frames = fl.frames[:len(fl.frames)-1]
	if prevFalls {
		out, any = merge(out, prev), true
	}
	if fr.brk {
		out, any = merge(out, fr.brkState), true
	}
	if !hasDefault {
		out, any = merge(out, s), true
	}
	return out, any
}

func (fl *flow) exitBreak(s st) {
	for i := len(fl.frames) - 1; i >= 0; i-- {
		fr := fl.frames[i]
		switch fr.kind {
		case fLoop, fSwitch:
			fr.brk = true
			fr.brkState = merge(fr.brkState, s)
			return
		case fTry, fCatch:
			if fr.finallyRel {
				s = sDone
			}
		}
	}
}

func (fl *flow) exitReturn(n int32, s st) {
	for i := len(fl.frames) - 1; i >= 0; i-- {
		if fr := fl.frames[i]; (fr.kind == fTry || fr.kind == fCatch) && fr.finallyRel {
			s = sDone
		}
	}
	if s == sHeld {
		fl.record(n, "returns", false)
	}
}

func (fl *flow) exitThrow(n int32, s st, why string) {
	if fl.rejectionExits() {
		// the function's rejection ends the process (main().catch(() =>
		// process.exit(1))): nothing is left held
		return
	}
	for i := len(fl.frames) - 1; i >= 0; i-- {
		fr := fl.frames[i]
		switch fr.kind {
		case fTry:
			if fr.hasCatch {
				fr.caught = true
				fr.catchState = merge(fr.catchState, s)
				return
			}
			if fr.finallyRel {
				s = sDone
			}
		case fCatch:
			if fr.finallyRel {
				s = sDone
			}
		}
	}
	if s == sHeld {
		fl.record(n, why, false)
	}
}

// rejectionExits: an exception that leaves the function ends the process:
// the function (a script's main) is only called at the top level as the
// root of a promise chain whose rejection handler (or finally handler)
// calls process.exit on every path.
func (fl *flow) rejectionExits() bool {
	if fl.exitMemo != 0 {
		return fl.exitMemo > 0
	}
	fl.exitMemo = -1
	f := fl.f
	if !fl.a.entry || fl.r.body <= 0 {
		return false
	}
	fn := f.N[fl.r.body].Parent
	if fn < 0 || !isFunc(f.N[fn].Kind) {
		return false
	}
	var b *Binding
	if nm := f.Field(fn, FName); nm >= 0 && f.N[fn].Kind == KFunctionDeclaration {
		b = f.Lookup(nm)
	} else {
		b = fl.a.declaredAs(f.UpParens(fn))
	}
	if b == nil {
		return false
	}
	refs := f.References(b)
	if len(refs) == 0 {
		return false
	}
	for _, r := range refs {
		call := f.N[f.UpParens(r)].Parent
		if call < 0 || f.N[call].Kind != KCallExpression || f.EnclosingFunc(call) >= 0 || !fl.chainExits(call) {
			return false
		}
	}
	fl.exitMemo = 1
	return true
}

// chainExits: call is the root of a promise chain whose first rejection
// handler, or a finally handler, ends the process on every path.
func (fl *flow) chainExits(call int32) bool {
	f := fl.f
	exits := func(h int32) bool {
		h = f.Unwrap(h)
		if h < 0 {
			return false
		}
		if f.N[h].Kind == KMemberExpression && strings.HasPrefix(f.Text(h), "process.exit") {
			return true
		}
		fn := h
		if f.N[h].Kind == KIdentifier {
			if b := f.Lookup(h); b != nil {
				fn = fl.a.localFunc(b)
			}
		}
		if fn < 0 || !isFunc(f.N[fn].Kind) {
			return false
		}
		sub := &flow{a: fl.a, f: f, r: &resource{acq: -1, body: f.FuncBody(fn), atStart: true, entry: fl.r.entry},
			relMemo: map[int32]bool{}, relBusy: map[int32]bool{}, exitMemo: -1}
		if sub.r.body < 0 {
			return false
		}
		if f.N[sub.r.body].Kind != KStatementBlock {
			return fl.callsExit(sub.r.body)
		}
		return sub.run() == nil
	}
	x := call
	for {
		m := f.N[f.UpParens(x)].Parent
		if m < 0 || f.N[m].Kind != KMemberExpression {
			return false
		}
		next := f.N[m].Parent
		pr := f.Field(m, FProperty)
		if next < 0 || f.N[next].Kind != KCallExpression || pr < 0 {
			return false
		}
		var args []int32
		if as := f.Field(next, FArguments); as >= 0 {
			args = f.NamedChildren(as)
		}
		switch f.Text(pr) {
		case "catch":
			return len(args) > 0 && exits(args[0])
		case "then":
			if len(args) > 1 {
				return exits(args[1])
			}
		case "finally":
			if len(args) > 0 && exits(args[0]) {
				return true
			}
		default:
			return false
		}
		x = next
	}
}

// isB reports an identifier that names the resource's binding.
func (fl *flow) isB(id int32) bool {
	f := fl.f
	b := fl.r.b
	if b == nil {
		return false
	}
	k := f.N[id].Kind
	if k != KIdentifier && k != KShorthandPropertyIdentifier {
		return false
	}
	return f.textIs(id, b.Name) && f.Lookup(id) == b
}

// mentions: node n refers to the resource's binding.
func (fl *flow) mentions(n int32) bool {
	return fl.r.b != nil && fl.f.usesIn(fl.r.b, n)
}

// effects runs the expression(s) of a statement: acquisition, release,
// hand-off, process exit, awaits that may throw, and promise chains.
func (fl *flow) effects(n int32, s st) (st, bool) {
	f := fl.f
	r := fl.r
	acquiresHere := !r.atStart && f.Contains(n, r.acq)
	if acquiresHere {
		s = sHeld
		if r.b != nil && r.b.Using {
			// `using`: disposed at the end of the scope on every path (the
			// non-disposing case is reported before the flow runs).
			return sDone, true
		}
	}
	// A statement that is a promise chain: main().then(...).catch(...).
	if e := fl.chainExpr(n); e >= 0 && !acquiresHere {
		return fl.chain(n, e, s)
	}
	released, escaped, exits, mayThrow := false, false, false, int32(-1)
	end := f.se[n]
	for i := n; i < end; i++ {
		k := f.N[i].Kind
		if isFunc(k) {
			// A closure: a release in it counts (a callback that releases);
			// a closure that captures the resource and is handed to a
			// call that keeps it is a hand-off. An IIFE runs at its call,
			// a local function where it is called: writing either is
			// neither releasing nor handing on.
			if fl.isIIFE(i) || fl.calledOnly(i) {
				i = f.se[i] - 1
				continue
			}
			if s == sHeld && fl.closureReleases(i) {
				released = true
			} else if s == sHeld && fl.mentions(i) && fl.closureKept(i) {
				escaped = true
			}
			i = f.se[i] - 1
			continue
		}
		switch k {
		case KCallExpression:
			if fl.isProcessExit(i) {
				exits = true
			}
			if s == sHeld {
				if fl.isRelease(i) {
					released = true
				} else if fn := fl.localCallee(i); fn >= 0 && fl.funcReleases(fn) {
					released = true
				}
			}
		case KAwaitExpression:
			if s == sHeld && mayThrow < 0 && !(acquiresHere && f.Contains(i, r.acq)) && !fl.harmlessAwait(i) {
				mayThrow = i
			}
		case KIdentifier, KShorthandPropertyIdentifier:
			if s == sHeld && fl.isB(i) && fl.handsOff(i) {
				escaped = true
			}
			// a local function that releases, passed as a value
			if s == sHeld && k == KIdentifier && !fl.isCallee(i) {
				if b := f.Lookup(i); b != nil && b.Decl != i {
					if fn := fl.a.localFunc(b); fn >= 0 && isFunc(f.N[fn].Kind) && fl.containsRelease(fn) {
						released = true
					}
				}
			}
		}
	}
	if s == sHeld && !released && !escaped && !exits {
		if mayThrow >= 0 {
			why := "await"
			if e := f.Unwrap(f.firstNamed(mayThrow)); e >= 0 && f.N[e].Kind == KCallExpression && fl.localCallee(e) >= 0 {
				why = "rejects"
			}
			fl.exitThrow(mayThrow, s, why)
		} else if call := fl.bareAsyncCall(n); call >= 0 {
			fl.exitThrow(call, s, "rejects")
		}
	}
	if exits {
		return sDone, false
	}
	if s == sHeld && (released || escaped) {
		s = sDone
	}
	return s, true
}

// harmlessAwait: awaiting the release itself or the client's own connect
// (a failed connect leaves nothing to release).
func (fl *flow) harmlessAwait(aw int32) bool {
	f := fl.f
	e := f.Unwrap(f.firstNamed(aw))
	if e < 0 || f.N[e].Kind != KCallExpression {
		return false
	}
	if fl.isRelease(e) {
		return true
	}
	fn := f.Field(e, FFunction)
	// await x.catch(...) / await x.then(ok, fail): the rejection is handled
	if fn >= 0 && f.N[fn].Kind == KMemberExpression {
		if p := f.Field(fn, FProperty); p >= 0 {
			if f.textIs(p, "catch") {
				return true
			}
			if args := f.Field(e, FArguments); f.textIs(p, "then") && args >= 0 && len(f.NamedChildren(args)) >= 2 {
				return true
			}
		}
	}
	if fn >= 0 && f.N[fn].Kind == KMemberExpression {
		o := f.Unwrap(f.Field(fn, FObject))
		p := f.Field(fn, FProperty)
		if o >= 0 && p >= 0 && fl.isB(o) && (f.textIs(p, "connect") || f.textIs(p, "$connect") || f.textIs(p, "initialize")) {
			return true
		}
	}
	return false
}

func (fl *flow) isCallee(id int32) bool {
	f := fl.f
	t := f.UpParens(id)
	p := f.N[t].Parent
	return p >= 0 && f.N[p].Kind == KCallExpression && f.Field(p, FFunction) == t
}

// isRelease: a call of one of the entry's release methods on the binding
// (client.release(), prisma.$disconnect(), db.$client.end()).
func (fl *flow) isRelease(call int32) bool {
	f := fl.f
	fn := f.Unwrap(f.Field(call, FFunction))
	if fn < 0 || f.N[fn].Kind != KMemberExpression {
		return false
	}
	var parts []string
	x := fn
	for x >= 0 && f.N[x].Kind == KMemberExpression {
		p := f.Field(x, FProperty)
		if p < 0 {
			return false
		}
		parts = append([]string{f.Text(p)}, parts...)
		x = f.Unwrap(f.Field(x, FObject))
	}
	if x < 0 {
		return false
	}
	if fl.r.b != nil {
		if !fl.isB(x) {
			return false
		}
	} else {
		return false
	}
	return slices.Contains(fl.r.entry.Release, strings.Join(parts, "."))
}

// containsRelease: a release call of the resource anywhere in node n.
func (fl *flow) containsRelease(n int32) bool {
	rels := fl.releases()
	j, _ := slices.BinarySearch(rels, n)
	return j < len(rels) && rels[j] < fl.f.se[n]
}

// releases lists the release calls of the resource: a release is a
// method call on the binding (client.release(), db.$client.end()), so
// it is found from the binding's uses, not by scanning the file.
func (fl *flow) releases() []int32 {
	r := fl.r
	if r.relsSet {
		return r.rels
	}
	r.relsSet = true
	if r.b == nil {
		return nil
	}
	f := fl.f
	for _, u := range f.Uses(r.b) {
		t := f.UpParens(u)
		p := f.N[t].Parent
		for p >= 0 && f.N[p].Kind == KMemberExpression && f.Field(p, FObject) == t {
			t = f.UpParens(p)
			p = f.N[t].Parent
		}
		if p >= 0 && f.N[p].Kind == KCallExpression && f.Field(p, FFunction) == t && fl.isRelease(p) {
			r.rels = append(r.rels, p)
		}
	}
	slices.Sort(r.rels)
	return r.rels
}

// closureReleases: a function literal that releases the resource on the
// paths it runs (a callback, an event handler).
func (fl *flow) closureReleases(fn int32) bool {
	return fl.containsRelease(fn)
}

// closureKept: a function literal handed to a call other than an array
// method or Promise.all (which run it now and drop it).
func (fl *flow) closureKept(fn int32) bool {
	f := fl.f
	t := f.UpParens(fn)
	p := f.N[t].Parent
	if p < 0 {
		return false
	}
	switch f.N[p].Kind {
	case KArguments:
		call := f.N[p].Parent
		callee := f.Field(call, FFunction)
		if callee >= 0 && f.N[callee].Kind == KMemberExpression {
			if pr := f.Field(callee, FProperty); pr >= 0 {
				switch f.Text(pr) {
				case "map", "forEach", "filter", "reduce", "some", "every", "find", "findIndex", "flatMap",
					"then", "catch", "finally", "$transaction", "transaction", "all", "allSettled", "race", "any", "sort":
					return false
				}
			}
		}
		return true
	case KVariableDeclarator, KAssignmentExpression, KPair, KReturnStatement:
		return true
	}
	return false
}

// handsOff: this use of the binding gives the resource away: returned,
// passed to a call (not one of its own methods), stored in an object, an
// array, a member or a module variable, yielded, exported.
func (fl *flow) handsOff(id int32) bool {
	f := fl.f
	t := f.UpParens(id)
	p := f.N[t].Parent
	if p < 0 {
		return false
	}
	switch f.N[p].Kind {
	case KMemberExpression, KSubscriptExpression:
		return false // a method call or property read on it
	case KArguments:
		call := f.N[p].Parent
		callee := f.Unwrap(f.Field(call, FFunction))
		if callee >= 0 && strings.HasPrefix(f.Text(callee), "console.") {
			return false
		}
		// a local function that only reads the parameter (await
		// main(db)) neither keeps nor releases it: the caller still holds it.
		if fl.a.localDropsArg(call, t) && !fl.calleeMayRelease(call) {
			return false
		}
		// an imported helper that only uses it (dbExists(client, name))
		if fl.a.importedReads(call, t) {
			return false
		}
		// drizzle(client) wraps the client without taking it over: the
		// holder still ends it, unless the wrapper itself leaves.
		if fl.a.wrapsClient(call) {
			return fl.wrapperLeaves(call)
		}
		return true
	case KReturnStatement, KYieldExpression, KArray, KPair, KObject, KSpreadElement, KExportClause, KExportSpecifier:
		return true
	case KArrowFunction:
		return f.Field(p, FBody) == t
	case KAssignmentExpression:
		if f.Field(p, FRight) != t {
			return false
		}
		l := f.Unwrap(f.Field(p, FLeft))
		if l < 0 {
			return false
		}
		if f.N[l].Kind == KIdentifier {
			b := f.Lookup(l)
			return b == nil || b.Scope == 0 || f.EnclosingFuncOrSelf(b.Scope) != f.EnclosingFunc(id)
		}
		return true
	case KVariableDeclarator:
		// const alias = client: follow neither; treat as handed on.
		return f.Field(p, FValue) == t
	case KTernaryExpression, KBinaryExpression:
		return fl.handsOff(p)
	case KAwaitExpression:
		return fl.handsOff(p)
	}
	return false
}

// wrapperLeaves: the value of a wrapping call (drizzle(client)) leaves
// the function: returned, exported, stored outside a local variable, or
// handed to a call other than a drizzle migrator; through one local
// variable too.
func (fl *flow) wrapperLeaves(call int32) bool {
	f := fl.f
	x := f.UpParens(call)
	p := f.N[x].Parent
	for p >= 0 && f.N[p].Kind == KAwaitExpression {
		x = f.UpParens(p)
		p = f.N[x].Parent
	}
	if p < 0 {
		return false
	}
	switch f.N[p].Kind {
	case KExpressionStatement:
		return false
	case KArguments:
		return !fl.a.drizzleMigrator(f.N[p].Parent)
	case KVariableDeclarator:
		b := fl.a.declaredAs(x)
		if b == nil {
			return true
		}
		if d := f.N[p].Parent; d >= 0 {
			if es := f.N[d].Parent; es >= 0 && f.N[es].Kind == KExportStatement {
				return true
			}
		}
		if _, ok := fl.a.exportNames()[b.Name]; ok && b.Scope == 0 {
			return true
		}
		for _, r := range f.References(b) {
			t := f.UpParens(r)
			q := f.N[t].Parent
			switch {
			case q < 0:
			case f.N[q].Kind == KMemberExpression && f.Field(q, FObject) == t:
				// db.select(), db.$client: used here
			case f.N[q].Kind == KArguments && fl.a.drizzleMigrator(f.N[q].Parent):
			default:
				return true
			}
		}
		return false
	}
	return true
}

// calleeMayRelease: the local function a call calls has a call of one of
// the resource's release methods on anything (db.$disconnect()), or ends
// the process.
func (fl *flow) calleeMayRelease(call int32) bool {
	fn := fl.localCallee(call)
	if fn < 0 {
		return true
	}
	if v, ok := fl.r.mayRel[fn]; ok {
		return v
	}
	if fl.r.mayRel == nil {
		fl.r.mayRel = map[int32]bool{}
	}
	v := fl.funcMayRelease(fn)
	fl.r.mayRel[fn] = v
	return v
}

func (fl *flow) funcMayRelease(fn int32) bool {
	f := fl.f
	for i := fn; i < f.se[fn]; i++ {
		if f.N[i].Kind != KCallExpression {
			continue
		}
		if fl.isProcessExit(i) {
			return true
		}
		m := f.Unwrap(f.Field(i, FFunction))
		if m < 0 || f.N[m].Kind != KMemberExpression {
			continue
		}
		if p := f.Field(m, FProperty); p >= 0 && slices.Contains(fl.r.entry.Release, f.Text(p)) {
			return true
		}
	}
	return false
}

// isProcessExit: process.exit(...) or process.abort().
func (fl *flow) isProcessExit(call int32) bool {
	return fl.a.isProcessExitCall(call)
}

// localCallee returns the local function a call calls (by name, or the
// function literal of an IIFE), or -1.
func (fl *flow) localCallee(call int32) int32 {
	f := fl.f
	callee := f.Unwrap(f.Field(call, FFunction))
	if callee >= 0 && isFunc(f.N[callee].Kind) {
		return callee
	}
	if callee < 0 || f.N[callee].Kind != KIdentifier {
		return -1
	}
	b := f.Lookup(callee)
	if b == nil {
		return -1
	}
	fn := fl.a.localFunc(b)
	if fn >= 0 && isFunc(f.N[fn].Kind) {
		return fn
	}
	return -1
}

// funcReleases: a local function (or handler) that, entered with the
// resource held, releases it (or ends the process) on every path.
func (fl *flow) funcReleases(fn int32) bool {
	if v, ok := fl.relMemo[fn]; ok {
		return v
	}
	if fl.relBusy[fn] || fl.depth > 100 {
		return false
	}
	fl.relBusy[fn] = true
	defer delete(fl.relBusy, fn)
	f := fl.f
	body := f.FuncBody(fn)
	v := false
	if body >= 0 {
		sub := &flow{a: fl.a, f: f, r: &resource{acq: fl.r.acq, b: fl.r.b, entry: fl.r.entry, body: body, atStart: true},
			relMemo: fl.relMemo, relBusy: fl.relBusy, depth: fl.depth + 1}
		v = sub.run() == nil
		if v && f.N[body].Kind != KStatementBlock {
			// an expression body: it must release, not just hand the
			// value back
			v = sub.containsRelease(body) || fl.callsExit(body)
		}
	}
	fl.relMemo[fn] = v
	return v
}

func (fl *flow) callsExit(n int32) bool {
	f := fl.f
	for i := n; i < f.se[n]; i++ {
		if f.N[i].Kind == KCallExpression && fl.isProcessExit(i) {
			return true
		}
	}
	return false
}

// isIIFE: a function literal called where it is written.
func (fl *flow) isIIFE(fn int32) bool {
	f := fl.f
	t := f.UpParens(fn)
	p := f.N[t].Parent
	return p >= 0 && f.N[p].Kind == KCallExpression && f.Field(p, FFunction) == t
}

// calledOnly: a function literal that initialises a local binding
// (const run = async () => { ... }) which the file only calls: the body
// runs, and releases or not, at those calls.
func (fl *flow) calledOnly(fn int32) bool {
	f := fl.f
	t := f.UpParens(fn)
	p := f.N[t].Parent
	if p < 0 || f.N[p].Kind != KVariableDeclarator || f.Field(p, FValue) != t {
		return false
	}
	if d := f.N[p].Parent; d >= 0 {
		if es := f.N[d].Parent; es >= 0 && f.N[es].Kind == KExportStatement {
			return false
		}
	}
	b := fl.a.declaredAs(t)
	if b == nil {
		return false
	}
	if _, exported := fl.a.exportNames()[b.Name]; exported && b.Scope == 0 {
		return false
	}
	for _, r := range f.References(b) {
		if !fl.isCallee(r) {
			return false
		}
	}
	return true
}

// bareAsyncCall: an expression statement that calls a local async
// function without awaiting or chaining it, when the function uses the
// resource (main(); at the top of a script).
func (fl *flow) bareAsyncCall(n int32) int32 {
	f := fl.f
	if f.N[n].Kind != KExpressionStatement {
		return -1
	}
	e := f.Unwrap(f.firstNamed(n))
	if e >= 0 && f.N[e].Kind == KUnaryExpression { // void main()
		e = f.Unwrap(f.firstNamed(e))
	}
	if e < 0 || f.N[e].Kind != KCallExpression {
		return -1
	}
	fn := fl.localCallee(e)
	if fn < 0 || f.ChildOfKind(fn, TAsync) < 0 || !fl.mentions(fn) {
		return -1
	}
	return e
}

// chainExpr returns the promise chain a statement consists of, or -1.
func (fl *flow) chainExpr(n int32) int32 {
	f := fl.f
	var e int32
	switch f.N[n].Kind {
	case KExpressionStatement, KReturnStatement:
		e = f.firstNamed(n)
	case KCallExpression, KAwaitExpression, KParenthesizedExpression:
		// an arrow's expression body
		e = n
	default:
		return -1
	}
	e = f.Unwrap(e)
	if e >= 0 && f.N[e].Kind == KAwaitExpression {
		e = f.Unwrap(f.firstNamed(e))
	}
	if e < 0 || f.N[e].Kind != KCallExpression {
		return -1
	}
	fn := f.Field(e, FFunction)
	if fn < 0 || f.N[fn].Kind != KMemberExpression {
		return -1
	}
	p := f.Field(fn, FProperty)
	if p < 0 || !(f.textIs(p, "then") || f.textIs(p, "catch") || f.textIs(p, "finally")) {
		return -1
	}
	return e
}

type link struct {
	method string
	args   []int32
}

// chain runs a promise chain statement: the fulfilled and the rejected
// paths through its .then/.catch/.finally handlers.
func (fl *flow) chain(stmt, e int32, s st) (st, bool) {
	f := fl.f
	var links []link
	x := e
	for {
		x = f.Unwrap(x)
		if x < 0 || f.N[x].Kind != KCallExpression {
			break
		}
		fn := f.Field(x, FFunction)
		if fn < 0 || f.N[fn].Kind != KMemberExpression {
			break
		}
		p := f.Field(fn, FProperty)
		if p < 0 || !(f.textIs(p, "then") || f.textIs(p, "catch") || f.textIs(p, "finally")) {
			break
		}
		var args []int32
		if a := f.Field(x, FArguments); a >= 0 {
			args = f.NamedChildren(a)
		}
		links = append([]link{{method: f.Text(p), args: args}}, links...)
		x = f.Field(fn, FObject)
	}
	root := x
	awaited := false
	top := stmt
	if k := f.N[stmt].Kind; k == KExpressionStatement || k == KReturnStatement {
		top = f.firstNamed(stmt)
	}
	if se := f.Unwrap(top); se >= 0 && f.N[se].Kind == KAwaitExpression {
		awaited = true
	}
	involved := root >= 0 && fl.mentions(root)
	if root >= 0 && f.N[root].Kind == KCallExpression {
		if fn := fl.localCallee(root); fn >= 0 && fl.mentions(fn) {
			involved = true
		}
	}
	for _, l := range links {
		for _, a := range l.args {
			if fl.mentions(a) || fl.refsReleasingFunc(a) {
				involved = true
			}
		}
	}
	// The root call runs first.
	F := s
	if root >= 0 {
		var falls bool
		F, falls = fl.rootEffects(root, s)
		if !falls {
			return F, false
		}
	}
	R, rAlive := F, true
	handler := func(h int32, in st) st {
		if in != sHeld {
			return in
		}
		if fl.handlerReleases(h) {
			return sDone
		}
		return in
	}
	for _, l := range links {
		switch l.method {
		case "then":
			if len(l.args) > 0 {
				F = handler(l.args[0], F)
			}
			if len(l.args) > 1 {
				if rAlive {
					F = merge(F, handler(l.args[1], R))
				}
				rAlive = false
			}
		case "catch":
			if rAlive && len(l.args) > 0 {
				F = merge(F, handler(l.args[0], R))
				rAlive = false
			}
		case "finally":
			if len(l.args) > 0 && handler(l.args[0], sHeld) == sDone {
				if F == sHeld {
					F = sDone
				}
				if R == sHeld {
					R = sDone
				}
			}
		}
	}
	if rAlive && R == sHeld {
		if awaited {
			fl.exitThrow(stmt, R, "rejects")
		} else if involved && !fl.finallyReleases() {
			fl.record(stmt, "nocatch", false)
		}
	}
	return F, true
}

// finallyReleases: an enclosing try has a finally block that releases
// the resource (it runs when the statement leaves, whatever the promise
// does later).
func (fl *flow) finallyReleases() bool {
	for _, fr := range fl.frames {
		if (fr.kind == fTry || fr.kind == fCatch) && fr.finallyRel {
			return true
		}
	}
	return false
}

// rootEffects: the effects of the chain's root call.
func (fl *flow) rootEffects(root int32, s st) (st, bool) {
	f := fl.f
	if s == sHeld && f.N[root].Kind == KCallExpression {
		if fn := fl.localCallee(root); fn >= 0 && fl.funcReleases(fn) {
			return sDone, true
		}
		if fl.isRelease(root) {
			return sDone, true
		}
	}
	// effects of the argument expressions, without the await rule (the
	// rejection is modelled by the chain)
	for i := root; i < f.se[root]; i++ {
		if isFunc(f.N[i].Kind) {
			i = f.se[i] - 1
			continue
		}
		if s == sHeld && (f.N[i].Kind == KIdentifier) && fl.isB(i) && fl.handsOff(i) && !fl.inChainArgs(i, root) {
			return sDone, true
		}
	}
	return s, true
}

func (fl *flow) inChainArgs(i, root int32) bool { return false }

// handlerReleases: a .then/.catch/.finally handler (a function literal or
// a local function name) that releases or ends the process on every path.
func (fl *flow) handlerReleases(h int32) bool {
	f := fl.f
	h = f.Unwrap(h)
	if h < 0 {
		return false
	}
	if isFunc(f.N[h].Kind) {
		return fl.funcReleases(h)
	}
	if f.N[h].Kind == KIdentifier {
		if b := f.Lookup(h); b != nil {
			if fn := fl.a.localFunc(b); fn >= 0 && isFunc(f.N[fn].Kind) {
				return fl.funcReleases(fn)
			}
		}
		// .then(process.exit) and the like
		return false
	}
	if f.N[h].Kind == KMemberExpression && strings.HasPrefix(f.Text(h), "process.exit") {
		return true
	}
	return false
}

func (fl *flow) refsReleasingFunc(a int32) bool {
	f := fl.f
	a = f.Unwrap(a)
	if a >= 0 && f.N[a].Kind == KIdentifier {
		if b := f.Lookup(a); b != nil {
			if fn := fl.a.localFunc(b); fn >= 0 && isFunc(f.N[fn].Kind) {
				return fl.containsRelease(fn)
			}
		}
	}
	return false
}

// importedReads: call calls an imported function (through re-exports and
// workspace packages) that only uses the parameter arg is passed as.
func (a *analysis) importedReads(call, arg int32) bool {
	f := a.f
	if f.N[call].Kind != KCallExpression {
		return false
	}
	callee := f.Unwrap(f.Field(call, FFunction))
	if callee < 0 {
		return false
	}
	spec, path, ok := a.symRef(callee, 0)
	if !ok || a.isCatalog(spec) || len(path) > 2 {
		return false
	}
	x, _ := a.p.exportOf(f.Path, spec, path)
	if x == nil || x.Kind != XReads {
		return false
	}
	for i, c := range f.NamedChildren(f.Field(call, FArguments)) {
		if c == arg {
			return i < 32 && x.Reads&(1<<i) != 0
		}
	}
	return false
}
