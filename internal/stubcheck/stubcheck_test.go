package stubcheck

import (
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/packages"
)

// stubs are the library stub packages (and the generated-client stand-ins)
// under testdata/src. Every one must load without an error.
var stubs = []string{
	"github.com/jackc/pgx/v5",
	"github.com/jackc/pgx/v5/pgconn",
	"github.com/jackc/pgx/v5/pgtype",
	"github.com/jackc/pgx/v5/pgxpool",
	"github.com/jackc/pgx/v5/stdlib",
	"github.com/jmoiron/sqlx",
	"github.com/jmoiron/sqlx/reflectx",
	"gorm.io/gorm",
	"gorm.io/gorm/clause",
	"gorm.io/gorm/logger",
	"gorm.io/gorm/schema",
	"gorm.io/driver/postgres",
	"github.com/redis/go-redis/v9",
	"github.com/redis/go-redis/v9/internal/proto",
	"go.mongodb.org/mongo-driver/bson",
	"go.mongodb.org/mongo-driver/bson/primitive",
	"go.mongodb.org/mongo-driver/mongo",
	"go.mongodb.org/mongo-driver/mongo/options",
	"go.mongodb.org/mongo-driver/mongo/readpref",
	"go.mongodb.org/mongo-driver/v2/bson",
	"go.mongodb.org/mongo-driver/v2/mongo",
	"go.mongodb.org/mongo-driver/v2/mongo/options",
	"go.mongodb.org/mongo-driver/v2/mongo/readpref",
	"github.com/uptrace/bun",
	"github.com/uptrace/bun/dialect",
	"github.com/uptrace/bun/dialect/feature",
	"github.com/uptrace/bun/dialect/pgdialect",
	"github.com/uptrace/bun/driver/pgdriver",
	"github.com/uptrace/bun/internal",
	"github.com/uptrace/bun/schema",
	"entgo.io/ent/dialect",
	"entgo.io/ent/dialect/sql",
	"entapp/ent",
	"github.com/steebchen/prisma-client-go/engine",
	"github.com/steebchen/prisma-client-go/runtime/lifecycle",
	"prismaapp/db",
	"github.com/gin-gonic/gin",
	"github.com/labstack/echo/v4",
	"github.com/gofiber/fiber/v2",
	"github.com/valyala/fasthttp",
}

// generated are the stand-ins for clients that code generators write into a
// user's project: they carry the generator's header instead of a stub doc.
var generated = map[string]bool{
	"entapp/ent":   true,
	"prismaapp/db": true,
}

func testdataDir(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate this test file")
	}
	dir, err := filepath.Abs(filepath.Join(filepath.Dir(file), "..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

var (
	loadOnce sync.Once
	loaded   map[string]*packages.Package
	loadErr  error
)

// load type-checks the stubs once for all tests.
func load(t *testing.T) map[string]*packages.Package {
	t.Helper()
	gopath := testdataDir(t)
	loadOnce.Do(func() { loaded, loadErr = loadStubs(gopath) })
	if loadErr != nil {
		t.Fatalf("loading stubs: %v", loadErr)
	}
	return loaded
}

func loadStubs(gopath string) (map[string]*packages.Package, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
			packages.NeedTypes | packages.NeedTypesInfo | packages.NeedImports |
			packages.NeedDeps,
		Dir: filepath.Join(gopath, "src"),
		Env: append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, stubs...)
	if err != nil {
		return nil, err
	}
	byPath := make(map[string]*packages.Package)
	packages.Visit(pkgs, nil, func(p *packages.Package) { byPath[p.PkgPath] = p })
	return byPath, nil
}

func TestStubsTypeCheck(t *testing.T) {
	pkgs := load(t)
	for _, path := range stubs {
		p := pkgs[path]
		if p == nil {
			t.Errorf("%s: not loaded", path)
			continue
		}
		for _, e := range p.Errors {
			t.Errorf("%s: %v", path, e)
		}
		if len(p.Syntax) == 0 {
			t.Errorf("%s: no Go files", path)
			continue
		}
		if !strings.HasPrefix(p.GoFiles[0], testdataDir(t)) {
			t.Errorf("%s: resolved outside testdata: %s", path, p.GoFiles[0])
		}
		if generated[path] {
			for _, f := range p.Syntax {
				if !ast.IsGenerated(f) {
					t.Errorf("%s: %s lacks the generator's header", path, p.Fset.File(f.Pos()).Name())
				}
			}
			continue
		}
		var doc string
		for _, f := range p.Syntax {
			if f.Doc != nil {
				doc += f.Doc.Text()
			}
		}
		if !strings.Contains(strings.Join(strings.Fields(doc), " "), "hand-written stub in the shape of") {
			t.Errorf("%s: package doc does not say it is a hand-written stub", path)
		}
	}
}

// method finds the method name of the named type (through a pointer when ptr)
// and returns "pkgpath.(Recv).name" of the method it resolves to.
func method(t *testing.T, pkgs map[string]*packages.Package, pkg, typ, name string, ptr bool) string {
	t.Helper()
	p := pkgs[pkg]
	if p == nil || p.Types == nil {
		t.Fatalf("%s: not loaded", pkg)
	}
	obj := p.Types.Scope().Lookup(typ)
	if obj == nil {
		t.Fatalf("%s.%s: not declared", pkg, typ)
	}
	var T types.Type = obj.Type()
	if ptr {
		T = types.NewPointer(T)
	}
	sel := types.NewMethodSet(T).Lookup(nil, name)
	if sel == nil {
		sel = types.NewMethodSet(T).Lookup(p.Types, name)
	}
	if sel == nil {
		t.Fatalf("%s.%s has no method %s", pkg, typ, name)
	}
	fn := sel.Obj().(*types.Func)
	recv := fn.Type().(*types.Signature).Recv().Type()
	if pt, ok := recv.(*types.Pointer); ok {
		recv = pt.Elem()
	}
	named := recv.(*types.Named).Obj()
	return named.Pkg().Path() + "." + named.Name() + "." + fn.Name()
}

// TestShapes checks the resolutions that the analyzers depend on and that a
// simplified stub would get wrong.
func TestShapes(t *testing.T) {
	pkgs := load(t)
	cases := []struct {
		pkg, typ, name string
		ptr            bool
		want           string
	}{
		// sqlx wrappers embed database/sql types: promoted methods resolve there.
		{"github.com/jmoiron/sqlx", "DB", "Close", true, "database/sql.DB.Close"},
		{"github.com/jmoiron/sqlx", "DB", "Query", true, "database/sql.DB.Query"},
		{"github.com/jmoiron/sqlx", "DB", "Queryx", true, "github.com/jmoiron/sqlx.DB.Queryx"},
		{"github.com/jmoiron/sqlx", "Rows", "Close", true, "database/sql.Rows.Close"},
		{"github.com/jmoiron/sqlx", "Tx", "Rollback", true, "database/sql.Tx.Rollback"},
		{"github.com/jmoiron/sqlx", "Stmt", "Close", true, "database/sql.Stmt.Close"},
		// go-redis commands live on the unexported cmdable; Close and
		// Subscribe on the client itself.
		{"github.com/redis/go-redis/v9", "Client", "Get", true, "github.com/redis/go-redis/v9.cmdable.Get"},
		{"github.com/redis/go-redis/v9", "Client", "Close", true, "github.com/redis/go-redis/v9.Client.Close"},
		{"github.com/redis/go-redis/v9", "Client", "Subscribe", true, "github.com/redis/go-redis/v9.Client.Subscribe"},
		{"github.com/redis/go-redis/v9", "ClusterClient", "Close", true, "github.com/redis/go-redis/v9.ClusterClient.Close"},
		// bun.DB reaches *sql.DB through an unexported embedded struct.
		{"github.com/uptrace/bun", "DB", "Ping", true, "database/sql.DB.Ping"},
		{"github.com/uptrace/bun", "DB", "Close", true, "github.com/uptrace/bun.DB.Close"},
		// gorm.DB reaches its Dialector through *Config.
		{"gorm.io/gorm", "DB", "Name", true, "gorm.io/gorm.Dialector.Name"},
		// Prisma's Connect/Disconnect are promoted from *lifecycle.Lifecycle.
		{"prismaapp/db", "PrismaActions", "Disconnect", true, "github.com/steebchen/prisma-client-go/runtime/lifecycle.Lifecycle.Disconnect"},
		// pgxpool.Conn is released, pgx.Conn closed.
		{"github.com/jackc/pgx/v5/pgxpool", "Conn", "Release", true, "github.com/jackc/pgx/v5/pgxpool.Conn.Release"},
		{"github.com/jackc/pgx/v5", "Conn", "Close", true, "github.com/jackc/pgx/v5.Conn.Close"},
	}
	for _, c := range cases {
		if got := method(t, pkgs, c.pkg, c.typ, c.name, c.ptr); got != c.want {
			t.Errorf("%s.%s.%s resolves to %s, want %s", c.pkg, c.typ, c.name, got, c.want)
		}
	}

	// Interfaces and constructors whose kinds the analyzers key on.
	isInterface := func(pkg, name string) bool {
		return types.IsInterface(pkgs[pkg].Types.Scope().Lookup(name).Type())
	}
	for _, c := range []struct{ pkg, name string }{
		{"github.com/jackc/pgx/v5", "Rows"},
		{"github.com/jackc/pgx/v5", "Tx"},
		{"github.com/jackc/pgx/v5", "BatchResults"},
		{"github.com/redis/go-redis/v9", "UniversalClient"},
		{"github.com/labstack/echo/v4", "Context"},
		{"entgo.io/ent/dialect", "Driver"},
	} {
		if !isInterface(c.pkg, c.name) {
			t.Errorf("%s.%s should be an interface", c.pkg, c.name)
		}
	}
}

// TestClosingHelpers checks that the helpers whose bodies connlint's facts
// read release what they are given, as the real ones do.
func TestClosingHelpers(t *testing.T) {
	pkgs := load(t)
	cases := []struct{ pkg, fn, call string }{
		{"github.com/jackc/pgx/v5", "AppendRows", "rows.Close"},
		{"github.com/jackc/pgx/v5", "CollectOneRow", "rows.Close"},
		{"github.com/jackc/pgx/v5", "CollectExactlyOneRow", "rows.Close"},
		{"github.com/jackc/pgx/v5", "ForEachRow", "rows.Close"},
		{"github.com/jackc/pgx/v5/pgxpool", "AcquireFunc", "conn.Release"},
		{"github.com/jmoiron/sqlx", "Select", "rows.Close"},
		{"github.com/jmoiron/sqlx", "SelectContext", "rows.Close"},
	}
	for _, c := range cases {
		p := pkgs[c.pkg]
		var found, deferred bool
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Name.Name != c.fn || fd.Body == nil {
					continue
				}
				found = true
				ast.Inspect(fd.Body, func(n ast.Node) bool {
					ds, ok := n.(*ast.DeferStmt)
					if !ok {
						return true
					}
					if sel, ok := ds.Call.Fun.(*ast.SelectorExpr); ok {
						if x, ok := sel.X.(*ast.Ident); ok && x.Name+"."+sel.Sel.Name == c.call {
							deferred = true
						}
					}
					return true
				})
			}
		}
		if !found {
			t.Errorf("%s.%s: not declared", c.pkg, c.fn)
		} else if !deferred {
			t.Errorf("%s.%s: no defer %s()", c.pkg, c.fn, c.call)
		}
	}
	// CollectRows delegates to AppendRows, which closes.
	if !strings.Contains(funcSource(t, pkgs["github.com/jackc/pgx/v5"], "CollectRows"), "AppendRows(") {
		t.Error("pgx.CollectRows does not delegate to AppendRows")
	}
}

func funcSource(t *testing.T, p *packages.Package, name string) string {
	t.Helper()
	for _, f := range p.Syntax {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == name && fd.Recv == nil {
				file := p.Fset.File(fd.Pos())
				src, err := os.ReadFile(file.Name())
				if err != nil {
					t.Fatal(err)
				}
				return string(src[file.Offset(fd.Pos()):file.Offset(fd.End())])
			}
		}
	}
	t.Fatalf("%s.%s: not declared", p.PkgPath, name)
	return ""
}

// e2ePackages are the packages of the end-to-end module, which builds against
// the real libraries (testdata/e2e/gomod).
var e2ePackages = []string{
	"example.com/shop/cmd/shop",
	"example.com/shop/internal/api",
	"example.com/shop/internal/cache",
	"example.com/shop/internal/db",
	"example.com/shop/internal/reporting",
	"example.com/shop/internal/store",
}

// TestE2EAgainstStubs type-checks the end-to-end module, written against the
// real libraries, with the stubs in their place: whatever real-library API it
// uses, the stubs must provide in the same shape.
func TestE2EAgainstStubs(t *testing.T) {
	testdata := testdataDir(t)
	gopath := t.TempDir()
	src := filepath.Join(gopath, "src")
	if err := os.MkdirAll(filepath.Join(src, "example.com"), 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(testdata, "src"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "example.com" {
			t.Fatal("testdata/src/example.com would shadow the e2e module")
		}
		if err := os.Symlink(filepath.Join(testdata, "src", e.Name()), filepath.Join(src, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(testdata, "e2e", "gomod"), filepath.Join(src, "example.com", "shop")); err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps,
		Dir:  src,
		Env:  append(os.Environ(), "GOPATH="+gopath, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, e2ePackages...)
	if err != nil {
		t.Fatalf("loading the e2e module: %v", err)
	}
	if len(pkgs) != len(e2ePackages) {
		t.Fatalf("loaded %d packages, want %d", len(pkgs), len(e2ePackages))
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
	})
}
