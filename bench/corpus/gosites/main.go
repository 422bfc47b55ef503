// Command gosites lists, type-resolved, every place in a Go module where
// RULES.md's catalog builds a client or acquires a resource, with a few
// syntactic hints on each site (no release call in the function, a release
// that is not deferred with a return before it, a defer in a loop, a
// construction in a handler or loop). It is the hunting list for labelling
// real modules by hand: an independent inventory, written from RULES.md's
// tables and not from connlint's catalog or analyzers, so that what connlint
// misses shows up here.
//
//	go run ./bench/corpus/gosites -C /path/to/module ./...
//
// One tab-separated line per site: file, line, kind (construct, acquire,
// wrapper), callee, enclosing function, variable, hints.
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

// constructors: RULES.md's singleton table (package path → functions).
var constructors = map[string][]string{
	"database/sql":                         {"Open", "OpenDB"},
	"github.com/jmoiron/sqlx":              {"Open", "Connect", "MustOpen", "MustConnect", "NewDb", "ConnectContext"},
	"github.com/jackc/pgx/v5":              {"Connect", "ConnectConfig"},
	"github.com/jackc/pgx/v5/pgxpool":      {"New", "NewWithConfig"},
	"gorm.io/gorm":                         {"Open"},
	"github.com/redis/go-redis/v9":         {"NewClient", "NewClusterClient", "NewFailoverClient", "NewUniversalClient"},
	"go.mongodb.org/mongo-driver/mongo":    {"Connect", "NewClient"},
	"go.mongodb.org/mongo-driver/v2/mongo": {"Connect"},
	"github.com/uptrace/bun":               {"NewDB"},
}

// acquireMethods: RULES.md's "Go acquisition is exactly" list, plus the
// context variants the libraries pair with them.
var acquireMethods = map[string]bool{
	"Query": true, "QueryContext": true, "Queryx": true, "QueryxContext": true,
	"NamedQuery": true, "NamedQueryContext": true, "Prepare": true, "PrepareContext": true,
	"Preparex": true, "PreparexContext": true, "PrepareNamed": true, "PrepareNamedContext": true,
	"Begin": true, "BeginTx": true, "Beginx": true, "BeginTxx": true, "Conn": true,
	"Acquire": true, "SendBatch": true, "Subscribe": true, "PSubscribe": true, "SSubscribe": true,
}

// resources: the release table, keyed by "package.Type" of the value held.
var resources = map[string][]string{
	"database/sql.Rows":                            {"Close"},
	"database/sql.Stmt":                            {"Close"},
	"database/sql.Conn":                            {"Close"},
	"database/sql.Tx":                              {"Commit", "Rollback"},
	"database/sql.DB":                              {"Close"},
	"github.com/jmoiron/sqlx.Rows":                 {"Close"},
	"github.com/jmoiron/sqlx.Stmt":                 {"Close"},
	"github.com/jmoiron/sqlx.NamedStmt":            {"Close"},
	"github.com/jmoiron/sqlx.Tx":                   {"Commit", "Rollback"},
	"github.com/jmoiron/sqlx.DB":                   {"Close"},
	"github.com/jackc/pgx/v5.Rows":                 {"Close"},
	"github.com/jackc/pgx/v5.Tx":                   {"Commit", "Rollback"},
	"github.com/jackc/pgx/v5.BatchResults":         {"Close"},
	"github.com/jackc/pgx/v5.Conn":                 {"Close"},
	"github.com/jackc/pgx/v5/pgxpool.Pool":         {"Close"},
	"github.com/jackc/pgx/v5/pgxpool.Conn":         {"Release"},
	"github.com/jackc/pgx/v5/pgxpool.Tx":           {"Commit", "Rollback"},
	"github.com/redis/go-redis/v9.PubSub":          {"Close"},
	"github.com/redis/go-redis/v9.Client":          {"Close"},
	"github.com/redis/go-redis/v9.ClusterClient":   {"Close"},
	"github.com/redis/go-redis/v9.UniversalClient": {"Close"},
	"go.mongodb.org/mongo-driver/mongo.Client":     {"Disconnect"},
	"go.mongodb.org/mongo-driver/v2/mongo.Client":  {"Disconnect"},
	"github.com/uptrace/bun.DB":                    {"Close"},
	"gorm.io/gorm.DB":                              nil, // singleton only
}

// rowsLike: resources a `for x.Next()` loop closes when it runs to its end.
var rowsLike = map[string]bool{
	"database/sql.Rows": true, "github.com/jmoiron/sqlx.Rows": true, "github.com/jackc/pgx/v5.Rows": true,
}

// pgxCollectors release pgx.Rows handed to them.
var pgxCollectors = map[string]bool{"CollectRows": true, "CollectOneRow": true, "CollectExactlyOneRow": true, "AppendRows": true, "ForEachRow": true}

type site struct {
	file   string
	line   int
	kind   string
	callee string
	fn     string
	v      string
	hints  []string
}

func main() {
	dir := flag.String("C", ".", "module folder")
	flag.Parse()
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo | packages.NeedModule,
		Dir:  *dir,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gosites:", err)
		os.Exit(2)
	}
	abs, _ := filepath.Abs(*dir)
	var sites []site
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			fmt.Fprintln(os.Stderr, "gosites: load:", e)
		}
		if p.TypesInfo == nil {
			return
		}
		for _, f := range p.Syntax {
			name := p.Fset.File(f.Pos()).Name()
			if strings.HasSuffix(name, "_test.go") || !strings.HasPrefix(name, abs+string(filepath.Separator)) {
				continue
			}
			rel, _ := filepath.Rel(abs, name)
			sites = append(sites, fileSites(p, f, rel)...)
		}
	})
	sort.Slice(sites, func(i, j int) bool {
		if sites[i].file != sites[j].file {
			return sites[i].file < sites[j].file
		}
		return sites[i].line < sites[j].line
	})
	for _, s := range sites {
		fmt.Printf("%s\t%d\t%s\t%s\t%s\t%s\t%s\n", s.file, s.line, s.kind, s.callee, s.fn, s.v, strings.Join(s.hints, ","))
	}
}

// resourceKey names the catalog type of t ("pkg.Type"), or "".
func resourceKey(t types.Type) string {
	if tup, ok := t.(*types.Tuple); ok {
		if tup.Len() == 0 {
			return ""
		}
		t = tup.At(0).Type()
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	k := n.Obj().Pkg().Path() + "." + n.Obj().Name()
	if _, ok := resources[k]; ok {
		return k
	}
	return ""
}

// fileSites walks one file with a stack of enclosing functions and loops.
func fileSites(p *packages.Package, f *ast.File, rel string) []site {
	var out []site
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn, _ := typeutil.Callee(p.TypesInfo, call).(*types.Func)
		if fn == nil || fn.Pkg() == nil {
			return true
		}
		key := resourceKey(p.TypesInfo.TypeOf(call))
		if key == "" {
			return true
		}
		kind := ""
		sig := fn.Type().(*types.Signature)
		switch {
		case sig.Recv() == nil && contains(constructors[fn.Pkg().Path()], fn.Name()):
			kind = "construct"
		case sig.Recv() != nil && acquireMethods[fn.Name()] && isCatalogPkg(fn.Pkg().Path()):
			kind = "acquire"
		case fn.Pkg() == p.Types || strings.HasPrefix(fn.Pkg().Path(), modulePrefix(p)):
			kind = "wrapper"
		default:
			return true
		}
		s := site{file: rel, line: p.Fset.Position(call.Pos()).Line, kind: kind, callee: calleeName(fn), v: "-"}
		s.fn, s.hints = judge(p, stack, call, key, kind)
		if v := boundVar(p, stack, call); v != nil {
			s.v = v.Name()
		}
		out = append(out, s)
		return true
	})
	return out
}

func modulePrefix(p *packages.Package) string {
	if p.Module != nil {
		return p.Module.Path
	}
	// Without NeedModule, the first three path elements stand in for it.
	parts := strings.SplitN(p.PkgPath, "/", 4)
	if len(parts) > 3 {
		parts = parts[:3]
	}
	return strings.Join(parts, "/")
}

func isCatalogPkg(path string) bool {
	for k := range resources {
		if strings.HasPrefix(k, path+".") {
			return true
		}
	}
	return false
}

func calleeName(fn *types.Func) string {
	sig := fn.Type().(*types.Signature)
	if r := sig.Recv(); r != nil {
		t := r.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := t.(*types.Named); ok {
			return n.Obj().Pkg().Name() + "." + n.Obj().Name() + "." + fn.Name()
		}
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// boundVar is the variable the call's first result is assigned to, if any.
func boundVar(p *packages.Package, stack []ast.Node, call *ast.CallExpr) types.Object {
	if len(stack) < 2 {
		return nil
	}
	var lhs []ast.Expr
	switch parent := stack[len(stack)-2].(type) {
	case *ast.AssignStmt:
		if len(parent.Rhs) == 1 && parent.Rhs[0] == call {
			lhs = parent.Lhs
		}
	case *ast.ValueSpec:
		if len(parent.Values) == 1 && parent.Values[0] == call {
			for _, id := range parent.Names {
				lhs = append(lhs, id)
			}
		}
	}
	if len(lhs) == 0 {
		return nil
	}
	id, ok := lhs[0].(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	if o := p.TypesInfo.Defs[id]; o != nil {
		return o
	}
	return p.TypesInfo.Uses[id]
}

// judge names the enclosing function and computes the hints.
func judge(p *packages.Package, stack []ast.Node, call *ast.CallExpr, key, kind string) (string, []string) {
	var body *ast.BlockStmt
	var fnName string
	var fnType *ast.FuncType
	inLoop := false
	for i := len(stack) - 1; i >= 0 && body == nil; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			body, fnType, fnName = n.Body, n.Type, "func literal"
			for j := i - 1; j >= 0; j-- {
				if d, ok := stack[j].(*ast.FuncDecl); ok {
					fnName = d.Name.Name + ".func"
					break
				}
			}
		case *ast.FuncDecl:
			body, fnType, fnName = n.Body, n.Type, n.Name.Name
		case *ast.ForStmt, *ast.RangeStmt:
			inLoop = true
		}
	}
	if body == nil {
		return "package-level", nil
	}
	var hints []string
	if p.Name == "main" {
		hints = append(hints, "pkg-main")
	}
	if fnName == "init" || fnName == "main" || fnName == "TestMain" {
		hints = append(hints, "fn-"+fnName)
	}
	if inLoop {
		hints = append(hints, "in-loop")
	}
	if isHandler(p, fnType) {
		hints = append(hints, "handler")
	}
	parent := stack[len(stack)-2]
	if _, ok := parent.(*ast.ExprStmt); ok {
		hints = append(hints, "DISCARDED")
		return fnName, hints
	}
	v := boundVar(p, stack, call)
	if v == nil {
		switch parent.(type) {
		case *ast.ReturnStmt:
			hints = append(hints, "returned")
		case *ast.AssignStmt, *ast.ValueSpec:
			hints = append(hints, "stored-or-blank")
		default:
			hints = append(hints, "nested-expr")
		}
		return fnName, hints
	}
	u := usesOf(p, body, v, key, call.End(), errCheckAfter(stack))
	switch {
	case u.deferred:
	case !u.escapes && len(u.releases) == 0 && !u.collected:
		if resources[key] != nil {
			hints = append(hints, "NO-RELEASE")
		}
	case u.returnBefore:
		hints = append(hints, "RETURN-BEFORE-HANDLED")
	}
	if u.escapes {
		hints = append(hints, "escapes")
	}
	if u.deferInLoop {
		hints = append(hints, "DEFER-IN-LOOP")
	}
	if u.nextLoopExit && !u.deferred && rowsLike[key] {
		hints = append(hints, "EXIT-FROM-NEXT-LOOP")
	}
	if u.collected {
		hints = append(hints, "collected")
	}
	if u.deferred {
		hints = append(hints, "deferred")
	}
	return fnName, hints
}

func isHandler(p *packages.Package, ft *ast.FuncType) bool {
	if ft == nil || ft.Params == nil {
		return false
	}
	for _, f := range ft.Params.List {
		t := p.TypesInfo.TypeOf(f.Type)
		if t == nil {
			continue
		}
		s := t.String()
		if s == "net/http.ResponseWriter" || s == "*github.com/gin-gonic/gin.Context" ||
			s == "github.com/labstack/echo/v4.Context" || strings.HasSuffix(s, "fiber.Ctx") {
			return true
		}
	}
	return false
}

type uses struct {
	releases     []token.Pos
	deferred     bool
	escapes      bool
	collected    bool
	deferInLoop  bool
	returnBefore bool
	nextLoopExit bool
}

// usesOf collects how v is used in body after the acquisition.
func usesOf(p *packages.Package, body *ast.BlockStmt, v types.Object, key string, after token.Pos, skip ast.Node) uses {
	var u uses
	rel := resources[key]
	var stack []ast.Node
	var firstRelease, firstEscape token.Pos
	escape := func(pos token.Pos) {
		u.escapes = true
		if firstEscape == 0 || pos < firstEscape {
			firstEscape = pos
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok || p.TypesInfo.Uses[id] != v || id.Pos() < after {
			return true
		}
		parent := stack[len(stack)-2]
		if sel, ok := parent.(*ast.SelectorExpr); ok && sel.X == id {
			if contains(rel, sel.Sel.Name) {
				u.releases = append(u.releases, id.Pos())
				if firstRelease == 0 || id.Pos() < firstRelease {
					firstRelease = id.Pos()
				}
				if underDefer(stack) {
					u.deferred = true
					if deferInLoop(stack) {
						u.deferInLoop = true
					}
				}
			}
			if sel.Sel.Name == "Next" && rowsLike[key] {
				if loop := enclosingFor(stack); loop != nil {
					ast.Inspect(loop.Body, func(m ast.Node) bool {
						switch m := m.(type) {
						case *ast.FuncLit:
							return false
						case *ast.ReturnStmt:
							u.nextLoopExit = true
						case *ast.BranchStmt:
							if m.Tok == token.BREAK || m.Tok == token.GOTO {
								u.nextLoopExit = true
							}
						}
						return true
					})
				}
			}
			return true
		}
		switch par := parent.(type) {
		case *ast.ReturnStmt, *ast.CompositeLit, *ast.KeyValueExpr, *ast.SendStmt, *ast.UnaryExpr:
			escape(id.Pos())
		case *ast.CallExpr:
			if fn, ok := typeutil.Callee(p.TypesInfo, par).(*types.Func); ok && pgxCollectors[fn.Name()] {
				u.collected = true
				firstRelease = min(firstRelease, id.Pos())
				if firstRelease == 0 {
					firstRelease = id.Pos()
				}
			} else {
				escape(id.Pos())
			}
		case *ast.AssignStmt:
			for _, r := range par.Rhs {
				if r == id {
					escape(id.Pos())
				}
			}
		}
		return true
	})
	handled := firstRelease
	if handled == 0 || (firstEscape != 0 && firstEscape < handled) {
		handled = firstEscape
	}
	if handled != 0 {
		ast.Inspect(body, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			if skip != nil && n == skip {
				return false
			}
			if r, ok := n.(*ast.ReturnStmt); ok && r.Pos() > after && r.End() < handled {
				u.returnBefore = true
			}
			return true
		})
	}
	return u
}

// errCheckAfter is the if statement right after the acquisition's statement
// (the `if err != nil { return }` whose paths hold nothing).
func errCheckAfter(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i > 0; i-- {
		blk, ok := stack[i-1].(*ast.BlockStmt)
		if !ok {
			continue
		}
		for j, st := range blk.List {
			if ast.Node(st) == stack[i] && j+1 < len(blk.List) {
				if ifs, ok := blk.List[j+1].(*ast.IfStmt); ok {
					return ifs
				}
				return nil
			}
		}
		return nil
	}
	return nil
}

func underDefer(stack []ast.Node) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		if _, ok := stack[i].(*ast.DeferStmt); ok {
			return true
		}
	}
	return false
}

// deferInLoop: the defer sits in a loop body of the same function.
func deferInLoop(stack []ast.Node) bool {
	sawDefer := false
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.DeferStmt:
			sawDefer = true
		case *ast.FuncLit:
			if sawDefer {
				return false
			}
		case *ast.ForStmt, *ast.RangeStmt:
			if sawDefer {
				return true
			}
		}
	}
	return false
}

func enclosingFor(stack []ast.Node) *ast.ForStmt {
	for i := len(stack) - 1; i >= 0; i-- {
		if f, ok := stack[i].(*ast.ForStmt); ok {
			return f
		}
		if _, ok := stack[i].(*ast.FuncLit); ok {
			return nil
		}
	}
	return nil
}
