// Package pools is the Go half of the capacity plan's inventory: an
// analyzer that finds every client construction the catalog knows (the
// same type-resolved constructors as the singleton rule) and reads, from
// the package's code, what bounds its pool: SetMaxOpenConns on the
// *sql.DB (through variables, fields, sqlx/gorm/bun's DB()), pgxpool's
// MaxConns, pool_max_conns in a DSN, go-redis PoolSize, mongo's
// SetMaxPoolSize and maxPoolSize.
//
// It reports nothing: its result (*Result) lists the package's sites, the
// calls of functions that return a client (factories, possibly in other
// packages) and the limits set on what those calls return. connlint pools
// merges the results of every package of a program.
package pools

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/catalog"
	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/internal/gocat"
)

const doc = `pools: the client constructions of a package and what bounds their pools

Reports nothing; its result lists each client construction (sql.Open,
pgxpool.New, redis.NewClient, ...) with the kind of server it talks to and
the maximum its code sets (SetMaxOpenConns, MaxConns, PoolSize,
SetMaxPoolSize, a DSN's pool_max_conns), for connlint pools.`

// Analyzer uses the built-in catalog.
var Analyzer = New(nil)

// New returns the analyzer for a config's catalog (nil: the built-in one).
func New(cfg *config.Config) *analysis.Analyzer {
	cat := catalog.Default()
	if cfg != nil {
		cat = cfg.Catalog()
	}
	return &analysis.Analyzer{
		Name:       "pools",
		Doc:        doc,
		Run:        func(pass *analysis.Pass) (any, error) { return run(pass, gocat.Index(cat)) },
		Requires:   []*analysis.Analyzer{inspect.Analyzer},
		ResultType: reflect.TypeFor[*Result](),
	}
}

// Result is what one package holds.
type Result struct {
	Sites []*Site
	// Calls are calls of functions that return a client (by the callee's
	// full name): a factory's site is built once per call.
	Calls []*FactoryCall
}

// Site is one construction.
type Site struct {
	Pos   token.Position
	Entry *catalog.Entry
	// Call is the construction as written (sql.Open, pgxpool.New).
	Call string
	// Kind: pool, connection, wraps, per-node.
	Kind   string
	Server string
	// Limit is what the package's code sets; nil when it sets nothing
	// (the DSN, then the library default, decide).
	Limit *Limit
	// DSN is the connection string the pool reads pool_max_conns (or
	// pool_size, maxPoolSize) from.
	DSN *DSN
	// Factory is the full name of the function that returns the client
	// ("" when none does).
	Factory string
	Notes   []string
	// Extra is added to the maximum: go-redis's dedicated pipeline pool.
	Extra *Limit
	// PerCall says why the construction runs per call (in a loop, in an
	// HTTP handler): each call opens another pool, so there is no bound.
	PerCall string
}

// Limit is a maximum the code sets.
type Limit struct {
	// Known: Max is the number; else Why says what the value is.
	Known bool
	Max   int
	Where string // "SetMaxOpenConns(25) at store.go:12"
	Why   string
	// Param is the index of the enclosing function's parameter the value
	// is (-1: none): the factory's callers give it.
	Param int
}

// Arg is an argument of a factory call.
type Arg struct {
	Known bool
	N     int
	Text  string
}

// DSN is where a connection string comes from.
type DSN struct {
	Literal string // a constant string
	Env     string // os.Getenv("X")
	// Template: Literal holds the constant parts of a concatenation,
	// ${...} for the others (dsn + "&pool_max_conns=4").
	Template bool
	Where    string
}

// FactoryCall is a call of a function that returns a client, or a struct
// that holds one.
type FactoryCall struct {
	Func  string // types.Func.FullName of the callee
	Pos   token.Position
	Limit *Limit // set on what the call returns
	Args  []Arg
	// PerCall says why the call runs per call (in a loop, in a request
	// handler): each call builds another client.
	PerCall string
}

// sqlDB is database/sql's DB type, whose SetMaxOpenConns bounds the pool.
const sqlPkg = "database/sql"

type state struct {
	pass *analysis.Pass
	gc   *gocat.Catalog
	res  *Result
	// aliases: objects that hold the same pool (a variable, a field, the
	// *sql.DB a gorm or sqlx DB wraps), by union-find.
	parent map[types.Object]types.Object
	// siteObjs: the objects each construction's client is stored in.
	siteObjs map[*Site][]types.Object
	// limits set on an object: SetMaxOpenConns, MaxConns = n...
	limits map[types.Object][]*Limit
	// fieldSets: pool-bounding fields assigned on an object (cfg.MaxConns
	// = 10); optObjs: the options objects of a site; litSets: the fields
	// of its options literal; chainSets: mongo SetMaxPoolSize calls in its
	// options chain, with chainLimits their values.
	fieldSets   map[types.Object]map[string][]*Limit
	optObjs     map[*Site][]types.Object
	litSets     map[*Site][]fieldSet
	chainSets   map[*Site][]*ast.CallExpr
	chainLimits map[*ast.CallExpr]*Limit
	// opaque: the site's options are built where this package cannot see.
	opaque   map[*Site]bool
	callObjs []callDest
	params   map[*types.Var]int // parameter -> its index
	returned map[types.Object]*types.Func
}

func run(pass *analysis.Pass, gc *gocat.Catalog) (any, error) {
	st := &state{pass: pass, gc: gc, res: &Result{},
		parent: map[types.Object]types.Object{}, siteObjs: map[*Site][]types.Object{},
		limits: map[types.Object][]*Limit{}, fieldSets: map[types.Object]map[string][]*Limit{},
		optObjs: map[*Site][]types.Object{}, litSets: map[*Site][]fieldSet{},
		chainSets: map[*Site][]*ast.CallExpr{}, chainLimits: map[*ast.CallExpr]*Limit{},
		opaque: map[*Site]bool{}, params: map[*types.Var]int{}}
	if !gc.Reaches(pass.Pkg) {
		return st.res, nil
	}
	st.indexParams()
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	var sites []*Site
	var calls []*ast.CallExpr
	ins.WithStack([]ast.Node{(*ast.CallExpr)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push || st.skipped(n) {
			return true
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			st.assign(n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			st.assign(lhs, n.Values)
		case *ast.CallExpr:
			calls = append(calls, n)
			fn := typeutil.StaticCallee(pass.TypesInfo, n)
			if e, ok := gc.Constructor(fn); ok {
				s := st.site(n, fn, e, stack)
				sites = append(sites, s)
			} else if fn != nil && fn.Pkg() != nil && !st.libraryObject(fn) && (st.returnsClient(fn) || st.returnsHolder(fn)) {
				st.res.Calls = append(st.res.Calls, &FactoryCall{Func: fn.FullName(), Pos: pass.Fset.Position(n.Pos()), Args: argValues(pass.TypesInfo, n), PerCall: perCall(pass.TypesInfo, stack)})
				st.trackFactoryCall(n, stack)
			}
		}
		return true
	})
	for _, c := range calls {
		st.setter(c)
	}
	st.fieldAssigns()
	st.returned = st.returnedObjects()
	for _, s := range sites {
		st.finish(s)
	}
	for _, fc := range st.res.Calls {
		st.finishCall(fc)
	}
	st.res.Sites = sites
	return st.res, nil
}

// skipped: test files are not part of a deployable.
func (st *state) skipped(n ast.Node) bool {
	name := st.pass.Fset.File(n.Pos()).Name()
	return strings.HasSuffix(name, "_test.go")
}

func (st *state) find(o types.Object) types.Object {
	for {
		p, ok := st.parent[o]
		if !ok || p == o {
			return o
		}
		o = p
	}
}

func (st *state) union(a, b types.Object) {
	if a == nil || b == nil {
		return
	}
	ra, rb := st.find(a), st.find(b)
	if ra != rb {
		st.parent[ra] = rb
	}
}

// object is the variable or field an expression names: x, s.db (the
// field), x.DB where DB is an embedded field of a library type (x itself:
// the same pool), x.DB() / x.Client() of a library type (x too).
func (st *state) object(e ast.Expr) types.Object {
	info := st.pass.TypesInfo
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			if o := info.Uses[x]; o != nil {
				return o
			}
			return info.Defs[x]
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				e = x.X
				continue
			}
			return nil
		case *ast.SelectorExpr:
			sel := info.Selections[x]
			if sel == nil {
				return info.Uses[x.Sel] // a package-level variable: pkg.DB
			}
			if sel.Kind() == types.FieldVal && st.libraryObject(sel.Obj()) {
				e = x.X
				continue
			}
			if sel.Kind() == types.FieldVal {
				return sel.Obj()
			}
			return nil
		case *ast.CallExpr:
			// gdb.DB(), bunDB.DB: a library method handing out the pool
			// its receiver holds.
			if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
				if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodVal && st.libraryObject(s.Obj()) && st.isSQLDB(info.TypeOf(x)) {
					e = sel.X
					continue
				}
			}
			return nil
		}
		return nil
	}
}

// libraryObject: an object of a catalog package (gorm, sqlx, bun...).
func (st *state) libraryObject(o types.Object) bool {
	return o != nil && o.Pkg() != nil && st.gc.IsReachRoot(o.Pkg())
}

func (st *state) isSQLDB(t types.Type) bool {
	if tup, ok := t.(*types.Tuple); ok && tup.Len() > 0 {
		t = tup.At(0).Type()
	}
	pkg, name := namedOf(t)
	return pkg == sqlPkg && name == "DB"
}

func namedOf(t types.Type) (pkg, name string) {
	if t == nil {
		return "", ""
	}
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil {
		return gocat.PkgPath(n.Obj().Pkg()), n.Obj().Name()
	}
	return "", ""
}

// assign links the objects of an assignment: y := x, s.db = x, y :=
// x.DB(), y := sqlx.NewDb(x, ...) (a wrapper of the same pool).
func (st *state) assign(lhs, rhs []ast.Expr) {
	if len(rhs) == 1 && len(lhs) >= 1 {
		l := st.object(lhs[0])
		if r := st.object(rhs[0]); r != nil {
			st.union(l, r)
		}
		if call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
			st.wrapsArgs(l, call)
		}
		return
	}
	for i := range min(len(lhs), len(rhs)) {
		if r := st.object(rhs[i]); r != nil {
			st.union(st.object(lhs[i]), r)
		}
	}
}

// wrapsArgs: a call that is handed a pool (sqlx.NewDb(db), bun.NewDB(db),
// entsql.OpenDB(dialect, db)) returns a value that holds that pool.
func (st *state) wrapsArgs(l types.Object, call *ast.CallExpr) {
	fn := typeutil.StaticCallee(st.pass.TypesInfo, call)
	if l == nil || fn == nil || !st.libraryObject(fn) {
		return
	}
	for _, a := range call.Args {
		if st.isSQLDB(st.pass.TypesInfo.TypeOf(a)) {
			st.union(l, st.object(a))
		}
	}
}

// returnsClient: fn's first result is a client type of the catalog, or
// *sql.DB.
func (st *state) returnsClient(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Results().Len() == 0 {
		return false
	}
	t := sig.Results().At(0).Type()
	if _, ok := st.gc.Client(t); ok {
		return true
	}
	return st.isSQLDB(t)
}

// returnsHolder: fn's first result is a struct (or a pointer to one) with
// a field of a client type: a function that returns it may build the
// client it holds (RULES.md's singleton rule 5).
func (st *state) returnsHolder(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || sig.Results().Len() == 0 {
		return false
	}
	return st.holdsClient(sig.Results().At(0).Type())
}

func (st *state) holdsClient(t types.Type) bool {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil || st.gc.IsReachRoot(n.Obj().Pkg()) {
		return false
	}
	str, ok := n.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := range str.NumFields() {
		ft := str.Field(i).Type()
		if _, ok := st.gc.Client(ft); ok || st.isSQLDB(ft) {
			return true
		}
	}
	return false
}

// site records a construction: where its client goes (the objects it is
// stored in, or the function that returns it).
func (st *state) site(call *ast.CallExpr, fn *types.Func, e *catalog.Entry, stack []ast.Node) *Site {
	pass := st.pass
	s := &Site{Pos: pass.Fset.Position(call.Pos()), Entry: e, Call: callText(call, fn), Kind: "pool"}
	if e.Pool != nil {
		s.Kind, s.Server = e.Pool.Kind, e.Pool.Server
		if slices.Contains(e.Pool.Wraps, fn.Name()) {
			s.Kind = catalog.PoolKindWraps
		}
		if slices.Contains(e.Pool.PerNode, fn.Name()) {
			s.Kind = "per-node"
		}
	}
	st.siteObjs[s] = st.destinations(call, stack, s)
	st.classify(s, call, fn)
	s.PerCall = perCall(pass.TypesInfo, stack)
	return s
}

// perCall: the construction sits in a loop body or in a request handler
// (RULES.md's singleton rule 1): one client per iteration or request.
func perCall(info *types.Info, stack []ast.Node) string {
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.ForStmt:
			if i+1 < len(stack) && stack[i+1] == n.Body {
				return "in a loop"
			}
		case *ast.RangeStmt:
			if i+1 < len(stack) && stack[i+1] == n.Body {
				return "in a loop"
			}
		case *ast.FuncDecl:
			return handlerKind(info, n.Type)
		case *ast.FuncLit:
			return handlerKind(info, n.Type)
		}
	}
	return ""
}

// handlerKind names the request handler a signature is, or "".
func handlerKind(info *types.Info, ft *ast.FuncType) string {
	if ft.Params == nil {
		return ""
	}
	var writer, request bool
	for _, f := range ft.Params.List {
		pkg, name := namedOf(info.TypeOf(f.Type))
		switch {
		case pkg == "net/http" && name == "ResponseWriter":
			writer = true
		case pkg == "net/http" && name == "Request":
			request = true
		case pkg == "github.com/gin-gonic/gin" && name == "Context",
			pkg == "github.com/labstack/echo/v4" && name == "Context",
			pkg == "github.com/gofiber/fiber/v2" && name == "Ctx":
			return "in a " + name + " handler"
		}
	}
	if writer && request {
		return "in an HTTP handler"
	}
	return ""
}

// destinations follows the construction's value up the syntax: assigned
// to a variable or field, a composite literal's field, returned (the
// enclosing function is a factory), handed to a wrapper.
func (st *state) destinations(call *ast.CallExpr, stack []ast.Node, s *Site) []types.Object {
	info := st.pass.TypesInfo
	var out []types.Object
	var child ast.Node = call
	for i := len(stack) - 2; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ParenExpr, *ast.StarExpr:
			child = p
			continue
		case *ast.AssignStmt:
			if len(p.Rhs) == 1 && len(p.Lhs) > 0 {
				out = append(out, st.object(p.Lhs[0]))
			} else if j := slices.Index(p.Rhs, child.(ast.Expr)); j >= 0 && j < len(p.Lhs) {
				out = append(out, st.object(p.Lhs[j]))
			}
		case *ast.ValueSpec:
			if len(p.Names) > 0 {
				out = append(out, info.Defs[p.Names[0]])
			}
		case *ast.KeyValueExpr:
			if id, ok := p.Key.(*ast.Ident); ok {
				out = append(out, info.Uses[id])
			}
			// return &Cache{rdb: redis.NewClient(...)}: the function
			// returns a struct holding the client.
			if fn := st.holderReturn(stack[:i]); fn != nil {
				s.Factory = fn.FullName()
			}
		case *ast.ReturnStmt:
			if fn := enclosingFunc(info, stack[:i]); fn != nil {
				s.Factory = fn.FullName()
			}
		case *ast.CallExpr:
			// An argument of a wrapper (bun.NewDB(sql.OpenDB(...))):
			// whatever the wrapper's value goes to holds this pool.
			if fn := typeutil.StaticCallee(info, p); fn != nil && st.libraryObject(fn) {
				child = p
				continue
			}
		case *ast.UnaryExpr:
			child = p
			continue
		}
		break
	}
	return out
}

// holderReturn: the stack ends in a composite literal (maybe behind &)
// that a return statement returns from a function whose result holds a
// client; that function, or nil.
func (st *state) holderReturn(stack []ast.Node) *types.Func {
	i := len(stack) - 1
	if i < 0 {
		return nil
	}
	if _, ok := stack[i].(*ast.CompositeLit); !ok {
		return nil
	}
	i--
	for i >= 0 {
		switch p := stack[i].(type) {
		case *ast.ParenExpr:
			i--
			continue
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				i--
				continue
			}
		case *ast.ReturnStmt:
			if fn := enclosingFunc(st.pass.TypesInfo, stack[:i]); fn != nil && st.returnsHolder(fn) {
				return fn
			}
		}
		return nil
	}
	return nil
}

func enclosingFunc(info *types.Info, stack []ast.Node) *types.Func {
	for i := len(stack) - 1; i >= 0; i-- {
		switch f := stack[i].(type) {
		case *ast.FuncLit:
			return nil
		case *ast.FuncDecl:
			fn, _ := info.Defs[f.Name].(*types.Func)
			return fn
		}
	}
	return nil
}

// trackFactoryCall records where a factory's result goes, so that a limit
// set on it (d := store.Open(); d.SetMaxOpenConns(5)) reaches the factory.
func (st *state) trackFactoryCall(call *ast.CallExpr, stack []ast.Node) {
	fc := st.res.Calls[len(st.res.Calls)-1]
	objs := st.destinations(call, stack, &Site{})
	st.callObjs = append(st.callObjs, callDest{fc, objs})
}

type callDest struct {
	fc   *FactoryCall
	objs []types.Object
}

// classify sets the server kind and reads the construction's own
// arguments: the driver name, DSN, options.
func (st *state) classify(s *Site, call *ast.CallExpr, fn *types.Func) {
	info := st.pass.TypesInfo
	switch s.Entry.Client {
	case "sql", "sqlx":
		for i, a := range call.Args {
			if tv, ok := info.Types[a]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				if srv := driverServer(constant.StringVal(tv.Value)); srv != "" && i <= 1 {
					s.Server = srv
					break
				}
			}
			if srv := connectorServer(info, a); srv != "" {
				s.Server = srv
			}
		}
	case "gorm":
		if len(call.Args) > 0 {
			s.Server = connectorServer(info, call.Args[0])
			if dialectorWraps(info, call.Args[0]) {
				s.Kind = catalog.PoolKindWraps
				s.Notes = append(s.Notes, "the dialector is handed an existing *sql.DB (Config.Conn): counted where that one is opened")
			}
		}
	case "ent":
		if s.Kind != catalog.PoolKindWraps && len(call.Args) > 0 {
			if tv, ok := info.Types[call.Args[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				s.Server = driverServer(constant.StringVal(tv.Value))
			}
			s.Notes = append(s.Notes, "ent's Open keeps its *sql.DB to itself: open it with sql.Open, bound it with SetMaxOpenConns and hand it to ent.NewClient(ent.Driver(...))")
		}
	case "pgxpool":
		if fn.Name() == "New" && len(call.Args) > 1 {
			s.DSN = st.dsn(call.Args[1])
		}
		if fn.Name() == "NewWithConfig" && len(call.Args) > 1 {
			st.pgxpoolConfig(s, call.Args[1])
		}
	case "redis":
		st.redisOptions(s, call, fn)
	case "mongo":
		st.mongoOptions(s, call)
	}
}

// driverServer maps a database/sql driver name to a server kind.
func driverServer(name string) string {
	switch strings.ToLower(name) {
	case "postgres", "pgx", "pgx/v5", "pgx/v4", "cloudsqlpostgres", "nrpostgres", "postgresql", "pq", "cockroach", "ramsql":
		return "postgres"
	case "mysql", "nrmysql", "cloudsqlmysql", "mariadb":
		return "mysql"
	case "sqlite3", "sqlite", "libsql", "sqlite3_extended", "duckdb":
		return "sqlite"
	case "sqlserver", "mssql", "azuresql":
		return "sqlserver"
	case "clickhouse":
		return "clickhouse"
	}
	return ""
}

// connectorServer tells the server from the package of the call that
// builds a connector or a gorm dialector: pgx's stdlib, lib/pq, bun's
// pgdriver, go-sql-driver/mysql, gorm.io/driver/postgres...
func connectorServer(info *types.Info, e ast.Expr) string {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return ""
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || fn.Pkg() == nil {
		return ""
	}
	path := gocat.PkgPath(fn.Pkg())
	switch {
	case strings.Contains(path, "pgx"), strings.Contains(path, "lib/pq"), strings.HasSuffix(path, "/pgdriver"),
		path == "gorm.io/driver/postgres", strings.Contains(path, "postgres"):
		return "postgres"
	case strings.Contains(path, "mysql"):
		return "mysql"
	case strings.Contains(path, "sqlite"):
		return "sqlite"
	case strings.Contains(path, "sqlserver"), strings.Contains(path, "mssql"):
		return "sqlserver"
	}
	return ""
}

// dialectorWraps: postgres.New(postgres.Config{Conn: db}) hands gorm an
// existing pool.
func dialectorWraps(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return false
	}
	lit, ok := ast.Unparen(call.Args[0]).(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Conn" {
				return true
			}
		}
	}
	return false
}

// dsn reads a connection string argument: a constant, os.Getenv("X"), or
// a variable assigned one of those in the same function.
func (st *state) dsn(e ast.Expr) *DSN {
	info := st.pass.TypesInfo
	where := st.where(e.Pos())
	if tv, ok := info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return &DSN{Literal: constant.StringVal(tv.Value), Where: where}
	}
	if env := getenvName(info, e); env != "" {
		return &DSN{Env: env, Where: where}
	}
	if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.ADD {
		l, r := st.dsn(b.X), st.dsn(b.Y)
		return &DSN{Literal: dsnText(l) + dsnText(r), Env: firstEnv(l.Env, r.Env), Template: true, Where: where}
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := info.Uses[id].(*types.Var); ok {
			if init := st.initOf(v); init != nil && init != e {
				if d := st.dsn(init); d.Literal != "" || d.Env != "" {
					return d
				}
			}
		}
	}
	return &DSN{Where: where}
}

// dsnText is a DSN's text in a concatenation: a placeholder for what is
// not constant.
func dsnText(d *DSN) string {
	if d.Literal != "" {
		return d.Literal
	}
	return "${" + firstEnv(d.Env, "...") + "}"
}

func firstEnv(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// getenvName: os.Getenv("X") or os.LookupEnv("X").
func getenvName(info *types.Info, e ast.Expr) string {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return ""
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "os" || (fn.Name() != "Getenv" && fn.Name() != "LookupEnv") {
		return ""
	}
	if tv, ok := info.Types[call.Args[0]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value)
	}
	return ""
}

// initOf finds the expression a variable was first given in its
// declaring statement (x := expr, var x = expr), in this package.
func (st *state) initOf(v *types.Var) ast.Expr {
	for _, f := range st.pass.Files {
		if v.Pos() < f.Pos() || v.Pos() > f.End() {
			continue
		}
		var out ast.Expr
		ast.Inspect(f, func(n ast.Node) bool {
			if out != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Pos() == v.Pos() {
						if len(n.Rhs) == len(n.Lhs) {
							out = n.Rhs[i]
						} else if len(n.Rhs) == 1 {
							out = n.Rhs[0]
						}
					}
				}
			case *ast.ValueSpec:
				for i, id := range n.Names {
					if id.Pos() == v.Pos() {
						if len(n.Values) == len(n.Names) {
							out = n.Values[i]
						} else if len(n.Values) == 1 {
							out = n.Values[0]
						}
					}
				}
			}
			return true
		})
		return out
	}
	return nil
}

// where is file:line, the file as the loader names it (absolute): the
// caller makes it relative for output.
func (st *state) where(pos token.Pos) string {
	p := st.pass.Fset.Position(pos)
	return p.Filename + ":" + strconv.Itoa(p.Line)
}

// callText is the construction as written: pkg.Func.
func callText(call *ast.CallExpr, fn *types.Func) string {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if id, ok := sel.X.(*ast.Ident); ok {
			return id.Name + "." + sel.Sel.Name
		}
	}
	return fn.Pkg().Name() + "." + fn.Name()
}
