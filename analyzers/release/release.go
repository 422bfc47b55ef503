package release

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/catalog"
	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/internal/gocat"
	"github.com/connlint/connlint/analyzers/internal/goreport"
	"github.com/connlint/connlint/analyzers/internal/noreturn"
	"github.com/connlint/connlint/analyzers/internal/owner"
	"github.com/connlint/connlint/analyzers/singleton"
)

const doc = `release: a connection-holding resource is not released on every path

Rows, statements, connections, transactions, batch results, subscriptions and
short-lived clients must be released (Close, Release, Commit or Rollback,
Disconnect) on every path from their acquisition to the end of the function,
or their ownership must leave it (returned, stored, sent, handed to a helper
that releases or keeps them). A defer that releases inside a loop body is
reported too.`

// Analyzer discovers the config from each package's folder.
var Analyzer = New(nil)

// New returns the analyzer with a fixed config (nil: discover it).
func New(cfg *config.Config) *analysis.Analyzer {
	r := &runner{configs: &goreport.Configs{Fixed: cfg}}
	r.verdicts = singleton.Verdicts(r.configs)
	a := &analysis.Analyzer{
		Name:     "release",
		Doc:      doc,
		URL:      "https://github.com/connlint/connlint/blob/main/analyzers/release/doc.go",
		Run:      r.run,
		Requires: []*analysis.Analyzer{r.verdicts},
		FactTypes: []analysis.Fact{
			new(noreturn.Fact), new(paramFact), new(acquirerFact),
		},
	}
	if cfg == nil {
		a.Flags.StringVar(&r.configs.Flag, "config", "", "connlint config file (default: the nearest .connlint.yml above each package)")
	}
	return a
}

// paramFact says what a function does with its parameters: Effects[i] is
// 1 when it releases parameter i, 2 when it keeps it (stores, returns or
// hands it on), 0 otherwise.
type paramFact struct{ Effects []uint8 }

func (*paramFact) AFact() {}
func (f *paramFact) String() string {
	var b strings.Builder
	b.WriteString("params")
	for _, e := range f.Effects {
		b.WriteString([]string{" -", " releases", " keeps"}[e])
	}
	return b.String()
}

// acquirerFact marks a function whose result number Result is a resource
// or client it acquired: its caller holds it now. Name is the catalog
// entry's resource or client name.
type acquirerFact struct {
	Result int
	Name   string
	// Cleanup is 1 + the index of a result that is a function releasing
	// the value (conn, cleanup, err := open()): calling it releases.
	Cleanup int
}

func (*acquirerFact) AFact() {}
func (f *acquirerFact) String() string {
	if f.Cleanup > 0 {
		return fmt.Sprintf("acquires %s (released by result %d)", f.Name, f.Cleanup-1)
	}
	return "acquires " + f.Name
}

type runner struct {
	configs  *goreport.Configs
	verdicts *analysis.Analyzer // singleton's verdicts, with the same configs
}

// state is one pass's work.
type state struct {
	pass    *analysis.Pass
	gc      *gocat.Catalog
	rep     *goreport.Reporter
	nr      *noreturn.Info
	params  map[*types.Func][]uint8
	acquire map[*types.Func]*acquirerFact
	release map[string]bool // release method names, for interface parameters
	// perCall are the client constructions the singleton rule reports as
	// built per call: one finding per construction, so release leaves
	// them alone.
	perCall *singleton.Reported
	process map[*types.Func]bool // see processFuncs
	// recvReleases: the types of receiver fields that methods of the
	// package release (see holderMethod).
	recvReleases map[*types.Func][]types.Type
	methodDecls  map[*types.Func]*ast.FuncDecl
}

func (r *runner) run(pass *analysis.Pass) (any, error) {
	cfg, err := r.configs.For(pass)
	if err != nil {
		return nil, err
	}
	gc := gocat.Index(cfg.Catalog())
	st := &state{
		pass:    pass,
		gc:      gc,
		rep:     goreport.New(pass, "release", cfg),
		params:  map[*types.Func][]uint8{},
		acquire: map[*types.Func]*acquirerFact{},
		release: gc.ReleaseNames(),
		perCall: pass.ResultOf[r.verdicts].(*singleton.Reported),
	}
	st.nr = noreturn.Compute(pass)
	if gc.IsReachRoot(pass.Pkg) {
		return nil, nil // the libraries themselves are not checked
	}
	reach := gc.Reaches(pass.Pkg)
	st.paramFacts(reach)
	if !reach {
		return nil, nil
	}
	st.acquirerFacts()
	st.check()
	return nil, nil
}

// funcDecls lists the package's function declarations with bodies, in
// source order.
func (st *state) funcDecls() []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, f := range st.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				out = append(out, fd)
			}
		}
	}
	return out
}

// entryOf returns the catalog entry a value of type t is, resource or
// client.
func (st *state) entryOf(t types.Type) (*catalog.Entry, bool) {
	if e, ok := st.gc.Resource(t); ok {
		return e, true
	}
	if e, ok := st.gc.Client(t); ok && gocat.Releases(e) {
		return e, true
	}
	return nil, false
}

// closerInterface reports whether t is an interface (or a type parameter)
// offering a release method: io.Closer and its kin.
func (st *state) closerInterface(t types.Type) bool {
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		t = tp.Constraint()
	}
	it, ok := t.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	for i := range it.NumMethods() {
		if st.release[it.Method(i).Name()] {
			return true
		}
	}
	return false
}

// releaseFunc returns the test for release methods of a value of type t.
func (st *state) releaseFunc(t types.Type) func(string) bool {
	if e, ok := st.entryOf(t); ok {
		return func(p string) bool { return gocat.EndsObligation(e, p) }
	}
	return func(p string) bool { return !strings.Contains(p, ".") && st.release[p] }
}

// paramFacts records, for each function taking a resource, a client or an
// io.Closer-like interface, whether it releases or keeps that parameter.
// Same-package helpers calling each other settle in a few rounds.
func (st *state) paramFacts(reach bool) {
	type cand struct {
		fn     *types.Func
		fd     *ast.FuncDecl
		params []*types.Var
	}
	var cands []cand
	for _, fd := range st.funcDecls() {
		fn, ok := st.pass.TypesInfo.Defs[fd.Name].(*types.Func)
		if !ok {
			continue
		}
		sig := fn.Type().(*types.Signature)
		var ps []*types.Var
		any := false
		for i := range sig.Params().Len() {
			p := sig.Params().At(i)
			t := p.Type()
			if sig.Variadic() && i == sig.Params().Len()-1 {
				if s, ok := t.(*types.Slice); ok {
					t = s.Elem()
				}
			}
			relevant := st.closerInterface(t)
			if !relevant && reach {
				_, relevant = st.entryOf(t)
			}
			if relevant {
				ps = append(ps, p)
				any = true
			} else {
				ps = append(ps, nil)
			}
		}
		if any {
			cands = append(cands, cand{fn, fd, ps})
		}
	}
	for range 3 {
		changed := false
		for _, c := range cands {
			effects := make([]uint8, len(c.params))
			some := false
			for i, p := range c.params {
				if p == nil {
					continue
				}
				u := st.use(p, c.fd.Body)
				switch u.In(c.fd.Body) {
				case owner.Release:
					effects[i] = 1
				case owner.Transfer:
					effects[i] = 2
				}
				some = some || effects[i] != 0
			}
			if !some {
				continue
			}
			old := st.params[c.fn]
			if !equalBytes(old, effects) {
				st.params[c.fn] = effects
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, c := range cands {
		if e, ok := st.params[c.fn]; ok {
			st.pass.ExportObjectFact(c.fn, &paramFact{Effects: e})
		}
	}
}

func equalBytes(a, b []uint8) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// use returns the ownership classifier for variable v, which lives in
// body.
func (st *state) use(v *types.Var, body ast.Node) *owner.Use {
	return &owner.Use{
		Info:         st.pass.TypesInfo,
		Var:          v,
		IsRelease:    st.releaseFunc(v.Type()),
		Call:         st.policy,
		Body:         body,
		HolderMethod: st.holderMethod,
	}
}

// heldUse is the classifier of a held value's variable, with the local
// structs holding it from the start.
func (st *state) heldUse(h holder) *owner.Use {
	u := st.use(h.v, h.body)
	u.Holders = h.holders
	return u
}

// uses are the classifiers of a held value: its variable's and, when the
// acquirer returned one, its cleanup function's.
type uses []*owner.Use

func (st *state) uses(h holder) uses {
	us := uses{st.heldUse(h)}
	if h.cleanup != nil {
		us = append(us, &owner.Use{
			Info:         st.pass.TypesInfo,
			Var:          h.cleanup,
			IsRelease:    func(string) bool { return false },
			Call:         func(*ast.CallExpr, *types.Func, int) owner.Effect { return owner.Transfer },
			CallReleases: true,
		})
	}
	return us
}

// In is the strongest effect of any of the uses in n.
func (us uses) In(n ast.Node) owner.Effect {
	best := owner.None
	for i, u := range us {
		e := u.In(n)
		if i > 0 && e == owner.Reassign {
			continue // a new cleanup function leaves the value as it was
		}
		if e > best {
			best = e
		}
	}
	return best
}

// Mentions reports whether n mentions any of the variables.
func (us uses) Mentions(n ast.Node) bool {
	for _, u := range us {
		if u.Mentions(n) {
			return true
		}
	}
	return false
}

// policy says what passing a held value to a call does.
func (st *state) policy(call *ast.CallExpr, fn *types.Func, arg int) owner.Effect {
	if fn == nil {
		return owner.Transfer // a callback or an interface method: its owner now
	}
	if _, i, ok := st.gc.ReleasedBy(fn); ok && i == arg {
		return owner.Release
	}
	if fn.Pkg() != nil && st.gc.IsReachRoot(fn.Pkg()) {
		if arg < len(call.Args) {
			if e, ok := st.entryOf(st.pass.TypesInfo.TypeOf(call.Args[arg])); ok && st.gc.ReadBy(fn, e, arg) {
				return owner.None // it only reads it (sqlx.StructScan, pgx.RowToStructByName)
			}
		}
		return owner.Transfer // the library takes it (sqlx.NewDb(db), tx.Stmt(stmt))
	}
	sig := fn.Type().(*types.Signature)
	if sig.Variadic() && arg >= sig.Params().Len()-1 {
		arg = sig.Params().Len() - 1
	}
	var effects []uint8
	if e, ok := st.params[fn]; ok {
		effects = e
	} else if fn.Pkg() != st.pass.Pkg {
		var f paramFact
		if st.pass.ImportObjectFact(fn, &f) {
			effects = f.Effects
		}
	}
	if arg < len(effects) {
		switch effects[arg] {
		case 1:
			return owner.Release
		case 2:
			return owner.Transfer
		}
	}
	if arg < sig.Params().Len() {
		t := sig.Params().At(arg).Type()
		if sig.Variadic() && arg == sig.Params().Len()-1 {
			if sl, ok := t.(*types.Slice); ok {
				t = sl.Elem()
			}
		}
		if untyped(t) {
			// Handed as any (sync.Map.Store, context.WithValue, a generic
			// container's Add) to a function that says nothing of it: it
			// may keep it anywhere.
			return owner.Transfer
		}
	}
	return owner.None
}

// untyped reports whether t is an empty interface or a type parameter:
// a parameter that can hold anything, so the callee may store it.
func untyped(t types.Type) bool {
	if _, ok := types.Unalias(t).(*types.TypeParam); ok {
		return true
	}
	it, ok := t.Underlying().(*types.Interface)
	return ok && it.NumMethods() == 0
}

// acquisition reports whether call acquires a resource or builds a client
// that the rule tracks, the result index holding it and how to name the
// call in messages.
func (st *state) acquisition(call *ast.CallExpr) (e *catalog.Entry, result int, from string, ok bool) {
	e, result, _, from, ok = st.acquisitionCleanup(call)
	return e, result, from, ok
}

// acquisitionCleanup is acquisition, with 1 + the index of the result that
// releases the value when called (0: none).
func (st *state) acquisitionCleanup(call *ast.CallExpr) (e *catalog.Entry, result, cleanup int, from string, ok bool) {
	fn, isFn := typeutil.Callee(st.pass.TypesInfo, call).(*types.Func)
	if !isFn {
		return nil, 0, 0, "", false
	}
	fn = fn.Origin()
	if st.gc.IsAcquireName(fn.Name()) {
		if e, ok := st.gc.Acquire(fn); ok {
			return e, 0, 0, fn.Name(), true
		}
		if e, ok := st.gc.Constructor(fn); ok && gocat.Releases(e) {
			return e, 0, 0, fn.Pkg().Name() + "." + fn.Name(), true
		}
		if res := fn.Type().(*types.Signature).Results(); st.gc.HandOff(fn) && res.Len() > 0 {
			if e, ok := st.entryOf(res.At(0).Type()); ok {
				return e, 0, 0, fn.Name(), true // c := poolConn.Hijack(): the caller's to close
			}
		}
	}
	f, ok := st.acquire[fn]
	if !ok && fn.Pkg() != st.pass.Pkg {
		var imp acquirerFact
		if st.pass.ImportObjectFact(fn, &imp) {
			f, ok = &imp, true
		}
	}
	if !ok {
		return nil, 0, 0, "", false
	}
	e, found := st.gc.ByName(f.Name)
	if !found {
		return nil, 0, 0, "", false
	}
	name := fn.Name()
	if fn.Pkg() != st.pass.Pkg && fn.Type().(*types.Signature).Recv() == nil {
		name = fn.Pkg().Name() + "." + name
	}
	return e, f.Result, f.Cleanup, name, true
}

// acquirerFacts finds the functions that return what they acquired.
func (st *state) acquirerFacts() {
	src := func(call *ast.CallExpr) (string, int, bool) {
		e, r, _, ok := st.acquisition(call)
		if !ok {
			return "", 0, false
		}
		return gocat.Name(e), r, true
	}
	decls := st.funcDecls()
	for range 3 {
		changed := false
		for _, fd := range decls {
			fn, ok := st.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok || st.acquire[fn] != nil || !st.resultsMayHold(fn) {
				continue
			}
			if r, tag, ok := owner.Fresh(st.pass.TypesInfo, fd, src, false); ok {
				st.acquire[fn] = &acquirerFact{Result: r, Name: tag, Cleanup: st.cleanupResult(fn, fd, r, tag)}
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, fd := range decls {
		if fn, ok := st.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && st.acquire[fn] != nil {
			st.pass.ExportObjectFact(fn, st.acquire[fn])
		}
	}
}

// cleanupResult returns 1 + the index of a result of fn, other than the
// value's own (result r), that is a function of no parameters and that a
// function literal of fd releasing a value of kind tag may be: the cleanup
// an acquirer hands out with what it acquired. 0: none.
func (st *state) cleanupResult(fn *types.Func, fd *ast.FuncDecl, r int, tag string) int {
	e, ok := st.gc.ByName(tag)
	if !ok {
		return 0
	}
	res := fn.Type().(*types.Signature).Results()
	idx := -1
	for i := range res.Len() {
		if sig, ok := res.At(i).Type().Underlying().(*types.Signature); ok && i != r && sig.Params().Len() == 0 {
			idx = i
			break
		}
	}
	if idx < 0 {
		return 0
	}
	releases := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		lit, ok := n.(*ast.FuncLit)
		if !ok || releases {
			return !releases
		}
		ast.Inspect(lit.Body, func(m ast.Node) bool {
			call, ok := m.(*ast.CallExpr)
			if !ok || releases {
				return !releases
			}
			if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && gocat.IsRelease(e, sel.Sel.Name) {
				if t := st.pass.TypesInfo.TypeOf(sel.X); t != nil {
					if e2, ok := st.entryOf(t); ok && e2 == e {
						releases = true
					}
				}
			}
			return true
		})
		return false
	})
	if !releases {
		return 0
	}
	return idx + 1
}

func (st *state) resultsMayHold(fn *types.Func) bool {
	res := fn.Type().(*types.Signature).Results()
	for i := range res.Len() {
		if _, ok := st.entryOf(res.At(i).Type()); ok {
			return true
		}
	}
	return false
}
