package pools

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/gocat"
)

// setter records SetMaxOpenConns on a *sql.DB (however reached), and
// SetMaxPoolSize on a mongo options value, against the object it is
// called on.
func (st *state) setter(call *ast.CallExpr) {
	info := st.pass.TypesInfo
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || len(call.Args) != 1 {
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	recv, _ := fn.Type().(*types.Signature)
	if recv == nil || recv.Recv() == nil {
		return
	}
	pkg, typ := namedOf(recv.Recv().Type())
	isOpen := pkg == sqlPkg && typ == "DB" && fn.Name() == "SetMaxOpenConns"
	isMongo := typ == "ClientOptions" && fn.Name() == "SetMaxPoolSize" && isMongoOptions(pkg)
	if !isOpen && !isMongo {
		return
	}
	l := st.value(call.Args[0], fn.Name()+"(%s) at "+st.where(call.Pos()))
	if o := st.object(sel.X); o != nil {
		st.limits[o] = append(st.limits[o], l)
	}
	if isMongo {
		st.chainLimits[call] = l
	}
}

func isMongoOptions(pkg string) bool {
	return pkg == "go.mongodb.org/mongo-driver/mongo/options" || pkg == "go.mongodb.org/mongo-driver/v2/mongo/options"
}

// value evaluates a limit's argument: a constant, through conversions;
// else it says what the value is. format has one %s for the value.
func (st *state) value(e ast.Expr, format string) *Limit {
	info := st.pass.TypesInfo
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			break
		}
		if tv, ok := info.Types[call.Fun]; !ok || !tv.IsType() {
			break
		}
		e = call.Args[0] // a conversion: int32(n)
	}
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.Int {
		if n, exact := constant.Int64Val(tv.Value); exact {
			return &Limit{Known: true, Max: int(n), Where: fmt.Sprintf(format, strconv.FormatInt(n, 10)), Param: -1}
		}
	}
	text := types.ExprString(e)
	if env := st.envDefault(e); env != "" {
		text = env
	}
	l := &Limit{Where: fmt.Sprintf(format, text), Why: "set from " + text + ", not a constant", Param: -1}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := st.pass.TypesInfo.Uses[id].(*types.Var); ok {
			if p, ok := st.params[v]; ok {
				// A parameter of a factory: its callers say (linked
				// across packages by connlint pools).
				l.Param, l.Why = p, "set from parameter "+v.Name()+" of its function"
			}
		}
	}
	return l
}

// indexParams records each function parameter's position, for limits
// set from one.
func (st *state) indexParams() {
	for _, f := range st.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Type.Params == nil {
				continue
			}
			i := 0
			for _, field := range fd.Type.Params.List {
				for _, name := range field.Names {
					if v, ok := st.pass.TypesInfo.Defs[name].(*types.Var); ok {
						st.params[v] = i
					}
					i++
				}
				if len(field.Names) == 0 {
					i++
				}
			}
		}
	}
}

// argValues reads a call's arguments: the constant ones and the text of
// the others.
func argValues(info *types.Info, call *ast.CallExpr) []Arg {
	out := make([]Arg, len(call.Args))
	for i, a := range call.Args {
		out[i].Text = types.ExprString(a)
		if tv, ok := info.Types[a]; ok && tv.Value != nil && tv.Value.Kind() == constant.Int {
			if n, exact := constant.Int64Val(tv.Value); exact {
				out[i].Known, out[i].N = true, int(n)
			}
		}
	}
	return out
}

// envDefault names the environment variable a value is parsed from in
// the same function, when it is: n, _ := strconv.Atoi(os.Getenv("X")).
func (st *state) envDefault(e ast.Expr) string {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return ""
	}
	v, ok := st.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return ""
	}
	init := st.initOf(v)
	call, ok := ast.Unparen(init).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return ""
	}
	if env := getenvName(st.pass.TypesInfo, call.Args[0]); env != "" {
		return "environment variable " + env
	}
	return ""
}

// fieldAssigns records `x.F = v` for the fields that bound a pool:
// pgxpool.Config.MaxConns, go-redis Options PoolSize/PipelinePoolSize.
func (st *state) fieldAssigns() {
	info := st.pass.TypesInfo
	for _, f := range st.pass.Files {
		if st.skipped(f) {
			continue
		}
		eachFieldAssign(f, func(as *ast.AssignStmt, sel *ast.SelectorExpr, rhs ast.Expr) {
			s := info.Selections[sel]
			if s == nil || s.Kind() != types.FieldVal || !boundField(s.Obj().Name()) || !st.libraryObject(s.Obj()) {
				return
			}
			o := st.object(sel.X)
			if o == nil {
				return
			}
			if st.fieldSets[o] == nil {
				st.fieldSets[o] = map[string][]*Limit{}
			}
			name := s.Obj().Name()
			st.fieldSets[o][name] = append(st.fieldSets[o][name], st.value(rhs, name+" = %s at "+st.where(as.Pos())))
		})
	}
}

func boundField(name string) bool {
	switch name {
	case "MaxConns", "PoolSize", "PipelinePoolSize", "MaxActiveConns":
		return true
	}
	return false
}

// pgxpoolConfig: NewWithConfig(ctx, cfg): cfg.MaxConns = n, else the DSN
// cfg was parsed from (pgxpool.ParseConfig(dsn)).
func (st *state) pgxpoolConfig(s *Site, arg ast.Expr) {
	o := st.object(arg)
	if o == nil {
		s.Notes = append(s.Notes, "the pool config ("+types.ExprString(arg)+") was not followed")
		st.opaque[s] = true
		return
	}
	st.optObjs[s] = append(st.optObjs[s], o)
	if v, ok := o.(*types.Var); ok {
		if call, ok := ast.Unparen(st.initOf(v)).(*ast.CallExpr); ok {
			if fn := typeutil.StaticCallee(st.pass.TypesInfo, call); fn != nil && fn.Name() == "ParseConfig" && len(call.Args) > 0 {
				s.DSN = st.dsn(call.Args[0])
				return
			}
		}
		if st.initOf(v) == nil { // a parameter: unless fields are set here, unknown
			st.opaque[s] = true
			s.Notes = append(s.Notes, "the pool config is "+v.Name()+", built elsewhere")
		}
	}
}

// redisOptions reads go-redis options: a composite literal (inline or the
// variable's initializer), fields set later, redis.ParseURL's URL.
func (st *state) redisOptions(s *Site, call *ast.CallExpr, fn *types.Func) {
	if len(call.Args) == 0 {
		return
	}
	arg := call.Args[0]
	lit := compositeOf(arg)
	if o := st.object(arg); o != nil {
		st.optObjs[s] = append(st.optObjs[s], o)
		if v, ok := o.(*types.Var); ok && lit == nil {
			init := st.initOf(v)
			lit = compositeOf(init)
			if c, ok := ast.Unparen(init).(*ast.CallExpr); ok {
				if f := typeutil.StaticCallee(st.pass.TypesInfo, c); f != nil && (f.Name() == "ParseURL" || f.Name() == "ParseClusterURL") && len(c.Args) > 0 {
					s.DSN = st.dsn(c.Args[0])
				}
			}
		}
	}
	if lit != nil {
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			id, ok := kv.Key.(*ast.Ident)
			if !ok || !boundField(id.Name) {
				continue
			}
			l := st.value(kv.Value, id.Name+": %s at "+st.where(kv.Pos()))
			st.litSets[s] = append(st.litSets[s], fieldSet{id.Name, l})
		}
		if fn.Name() == "NewUniversalClient" {
			for _, el := range lit.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "MasterName" {
						s.Notes = append(s.Notes, "a failover (sentinel) client: the pool is to the master")
					}
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Addrs" {
						if cl, ok := kv.Value.(*ast.CompositeLit); ok && len(cl.Elts) > 1 {
							s.Kind = "per-node"
						}
					}
				}
			}
		}
	} else if st.object(arg) == nil {
		st.opaque[s] = true
		s.Notes = append(s.Notes, "the options ("+types.ExprString(arg)+") were not followed")
	}
	// A dedicated pipeline pool (go-redis versions that have one).
	if opts := st.pass.TypesInfo.TypeOf(arg); opts != nil {
		st.pipelinePool(s, opts)
	}
}

// pipelinePool: go-redis versions whose Options have PipelinePoolSize keep
// a second pool for pipelines, of DefaultPipelinePoolSize unless set.
func (st *state) pipelinePool(s *Site, opts types.Type) {
	t := types.Unalias(opts)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return
	}
	stt, ok := n.Underlying().(*types.Struct)
	if !ok {
		return
	}
	has := false
	for i := range stt.NumFields() {
		if stt.Field(i).Name() == "PipelinePoolSize" {
			has = true
		}
	}
	if !has {
		return
	}
	def := 0
	if c, ok := n.Obj().Pkg().Scope().Lookup("DefaultPipelinePoolSize").(*types.Const); ok {
		if v, exact := constant.Int64Val(c.Val()); exact {
			def = int(v)
		}
	}
	s.Extra = &Limit{Known: true, Max: def, Where: fmt.Sprintf("plus its pipeline pool: %s.DefaultPipelinePoolSize = %d", gocat.PkgPath(n.Obj().Pkg()), def), Param: -1}
}

func compositeOf(e ast.Expr) *ast.CompositeLit {
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return x
	case *ast.UnaryExpr:
		return compositeOf(x.X)
	}
	return nil
}

// mongoOptions: Connect(ctx, opts...) / NewClient(opts...): the options'
// SetMaxPoolSize (chained in the argument, or on an options variable) and
// ApplyURI's maxPoolSize.
func (st *state) mongoOptions(s *Site, call *ast.CallExpr) {
	for _, a := range call.Args {
		if o := st.object(a); o != nil {
			st.optObjs[s] = append(st.optObjs[s], o)
			if v, ok := o.(*types.Var); ok {
				st.mongoChain(s, st.initOf(v))
			}
			continue
		}
		st.mongoChain(s, a)
	}
}

// mongoChain walks options.Client().ApplyURI(u).SetMaxPoolSize(n).
func (st *state) mongoChain(s *Site, e ast.Expr) {
	info := st.pass.TypesInfo
	for e != nil {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			return
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return
		}
		if fn := typeutil.StaticCallee(info, call); fn != nil && len(call.Args) == 1 {
			switch fn.Name() {
			case "SetMaxPoolSize":
				st.chainSets[s] = append(st.chainSets[s], call)
			case "ApplyURI":
				s.DSN = st.dsn(call.Args[0])
			}
		}
		e = sel.X
	}
}

// returnedObjects maps what functions return (the root of each first
// result that names a variable) to the function: a construction stored
// in such a variable is the function's to hand out, once per call.
func (st *state) returnedObjects() map[types.Object]*types.Func {
	out := map[types.Object]*types.Func{}
	for _, f := range st.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, _ := st.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.FuncLit:
					return false
				case *ast.ReturnStmt:
					if len(n.Results) > 0 {
						if o := st.object(n.Results[0]); o != nil {
							if _, isVar := o.(*types.Var); isVar && !o.(*types.Var).IsField() {
								out[st.find(o)] = fn
							}
						}
						// return &Store{db: db}: the function returns a
						// struct holding the client.
						if st.returnsHolder(fn) {
							for _, o := range st.literalFields(n.Results[0]) {
								out[st.find(o)] = fn
							}
							for _, o := range st.fieldStores(fd.Body, n.Results[0]) {
								out[st.find(o)] = fn
							}
						}
					}
				}
				return true
			})
		}
	}
	return out
}

// literalFields are the variables whose values a composite literal (&T{...}
// or T{...}, or a variable initialised with one) stores in its fields.
func (st *state) literalFields(e ast.Expr) []types.Object {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := st.pass.TypesInfo.Uses[id].(*types.Var); ok {
			if init := st.initOf(v); init != nil && init != e {
				if _, ok := ast.Unparen(init).(*ast.Ident); !ok {
					return st.literalFields(init)
				}
			}
		}
		return nil
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	var out []types.Object
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		if o := st.object(el); o != nil {
			if v, ok := o.(*types.Var); ok && !v.IsField() {
				out = append(out, o)
			}
		}
	}
	return out
}

// fieldStores are the variables a function stores in the fields of the
// variable it returns (c := &T{}; c.pool = pool; return c).
func (st *state) fieldStores(body *ast.BlockStmt, ret ast.Expr) []types.Object {
	info := st.pass.TypesInfo
	id, ok := ast.Unparen(ret).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	var out []types.Object
	eachFieldAssign(body, func(_ *ast.AssignStmt, sel *ast.SelectorExpr, rhs ast.Expr) {
		if x, ok := ast.Unparen(sel.X).(*ast.Ident); !ok || info.Uses[x] != v {
			return
		}
		if o := st.object(rhs); o != nil {
			if rv, ok := o.(*types.Var); ok && !rv.IsField() {
				out = append(out, o)
			}
		}
	})
	return out
}

// eachFieldAssign calls fn for every `x.F = v` below root, one call per
// left-hand side of an assignment with as many values as targets.
func eachFieldAssign(root ast.Node, fn func(as *ast.AssignStmt, sel *ast.SelectorExpr, rhs ast.Expr)) {
	ast.Inspect(root, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok {
				fn(as, sel, as.Rhs[i])
			}
		}
		return true
	})
}

// finish decides the site's limit from what the package sets: on the
// objects its client went to (and their aliases), on its options
// objects, in its options literal.
func (st *state) finish(s *Site) {
	if s.Factory == "" {
		for _, o := range st.siteObjs[s] {
			if o == nil {
				continue
			}
			if fn := st.returned[st.find(o)]; fn != nil && (st.returnsClient(fn) || st.returnsHolder(fn)) {
				s.Factory = fn.FullName()
			}
		}
	}
	var found []*Limit
	roots := map[types.Object]bool{}
	for _, o := range st.siteObjs[s] {
		if o != nil {
			roots[st.find(o)] = true
		}
	}
	for o, ls := range st.limits {
		if roots[st.find(o)] {
			found = append(found, ls...)
		}
	}
	for _, o := range st.optObjs[s] {
		for name, ls := range st.fieldSets[o] {
			if name == "PipelinePoolSize" {
				if s.Extra != nil && len(ls) > 0 {
					s.Extra = ls[len(ls)-1]
				}
				continue
			}
			found = append(found, ls...)
		}
		found = append(found, st.limits[o]...)
	}
	for _, fs := range st.litSets[s] {
		if fs.name == "PipelinePoolSize" {
			if s.Extra != nil {
				s.Extra = fs.l
			}
			continue
		}
		found = append(found, fs.l)
	}
	for _, c := range st.chainSets[s] {
		if l := st.chainLimits[c]; l != nil {
			found = append(found, l)
		}
	}
	s.Limit = largest(found)
	if s.Limit == nil && st.opaque[s] {
		s.Limit = &Limit{Where: "options not followed", Why: "the options are built elsewhere: " + joinNotes(s.Notes), Param: -1}
	}
}

// finishCall: a limit set on what a factory call returned.
func (st *state) finishCall(fc *FactoryCall) {
	for _, cd := range st.callObjs {
		if cd.fc != fc {
			continue
		}
		var found []*Limit
		for _, o := range cd.objs {
			if o == nil {
				continue
			}
			r := st.find(o)
			for lo, ls := range st.limits {
				if st.find(lo) == r {
					found = append(found, ls...)
				}
			}
		}
		fc.Limit = largest(found)
	}
}

// largest keeps the largest known limit (a plan must hold whichever runs);
// an unknown one wins over any known one.
func largest(ls []*Limit) *Limit {
	var best *Limit
	for _, l := range ls {
		switch {
		case best == nil:
			best = l
		case !l.Known:
			return l
		case best.Known && l.Max > best.Max:
			best = l
		}
	}
	return best
}

func joinNotes(ns []string) string {
	if len(ns) == 0 {
		return ""
	}
	return ns[len(ns)-1]
}

type fieldSet struct {
	name string
	l    *Limit
}
