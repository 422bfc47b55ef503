// Package factscope tells a loader, before it type-checks a dependency,
// whether the Go analyzers (singleton, release) can export a fact in it
// that a package importing it would read. Most of a large program's
// dependencies cannot, and a loader checks those for their declarations
// only: no function bodies, no type information, no analysis.
//
// Facts arise in three places, and the screen answers for each, erring on
// the side of "may":
//
//   - wrapper, builder, acquirer, parameter and singleton facts: only in a
//     package that imports, directly or not, a catalog package or a
//     generated client's runtime (gocat.Reaches), the catalog packages
//     excepted;
//   - no-return facts (noreturn.Compute): in a package outside GOROOT with
//     a function that may always end in panic, os.Exit, log.Fatal, ... or a
//     function of its own or of a dependency that does. Read from syntax,
//     with the dependencies' types and facts;
//   - release's parameter facts on io.Closer-like parameters, which it
//     computes in every package: a function with a parameter whose type may
//     be an interface offering a release method.
//
// Whoever changes where an analyzer exports facts changes this screen too;
// TestScreenCoversFacts checks it against the facts a full run exports.
package factscope

import (
	"go/ast"
	"go/build"
	"go/scanner"
	"go/token"
	"go/types"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/internal/gocat"
	"github.com/connlint/connlint/analyzers/internal/noreturn"
	"github.com/connlint/connlint/internal/goload"
)

// Scope answers for one run (one config: its catalog decides what reaches).
type Scope struct {
	gc      *gocat.Catalog
	release map[string]bool // release method names

	mu sync.RWMutex
	// noReturn are the functions and methods with a no-return fact, and
	// noReturnNames the names of such methods: a method call's receiver
	// type is not known from syntax alone.
	noReturn      map[types.Object]bool
	noReturnNames map[string]bool
	endingNames   map[string]bool // of every function with a no-return fact
}

// New returns the screen for the config (nil: the defaults).
func New(cfg *config.Config) *Scope {
	if cfg == nil {
		cfg = config.Default(".")
	}
	gc := gocat.Index(cfg.Catalog())
	return &Scope{gc: gc, release: gc.ReleaseNames(), noReturn: map[types.Object]bool{}, noReturnNames: map[string]bool{}, endingNames: map[string]bool{}}
}

// Observe records the facts a loader reports (goload.Config.OnFact).
func (s *Scope) Observe(obj types.Object, fact analysis.Fact) {
	if _, ok := fact.(*noreturn.Fact); !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noReturn[obj] = true
	s.endingNames[obj.Name()] = true
	if fn, ok := obj.(*types.Func); ok && fn.Signature().Recv() != nil {
		s.noReturnNames[fn.Name()] = true
	}
}

// Screen makes a lean loader check in full only the dependencies in which
// the analyzers may export a fact that matters (goload.Config's Full,
// Bodies and OnFact).
func (s *Scope) Screen(cfg *goload.Config) {
	cfg.Full = func(u *goload.Unit) bool {
		return s.Full(&Package{Path: u.Meta.PkgPath, Name: u.Meta.Name, Files: u.Files, FileNames: u.Meta.CompiledGoFiles, Imports: u.Imports})
	}
	cfg.Bodies = func(u *goload.Unit) bool {
		return s.NeedsBodies(u.Meta.PkgPath, u.Meta.Name, u.Meta.CompiledGoFiles, u.Imports, u.Sources)
	}
	cfg.OnFact = s.Observe
}

// Package is a dependency about to be type-checked: its parsed files and
// its imports, already checked.
type Package struct {
	Path, Name string
	Files      []*ast.File               // parsed with comments
	FileNames  []string                  // of Files, absolute
	Imports    map[string]*types.Package // by import path
}

// Full reports whether the analyzers may export a fact in the package that
// matters to a package importing it.
func (s *Scope) Full(u *Package) bool { return s.Why(u) != "" }

// Why says why a package is checked in full ("reaches a catalog package",
// "may never return", "takes an io.Closer-like parameter"), or "".
func (s *Scope) Why(u *Package) string {
	stub := types.NewPackage(u.Path, u.Name)
	root := s.gc.IsReachRoot(stub)
	reaches := root
	for _, imp := range u.Imports {
		if !reaches && imp != nil && imp.Path() != "unsafe" {
			reaches = s.gc.Reaches(imp)
		}
	}
	switch {
	case reaches && !root:
		return "reaches a catalog package"
	case !inGOROOT(u) && s.mayNeverReturn(u):
		return "may never return"
	case !root && s.closerParams(u):
		// A catalog package gets no parameter facts: release stops there.
		return "takes an io.Closer-like parameter"
	}
	return ""
}

func inGOROOT(u *Package) bool {
	if len(u.FileNames) == 0 || build.Default.GOROOT == "" {
		return false
	}
	return strings.HasPrefix(u.FileNames[0], filepath.Join(build.Default.GOROOT, "src")+string(filepath.Separator))
}

// fileScope resolves a file's names as far as syntax and the imports'
// types allow.
type fileScope struct {
	u       *Package
	imports map[string]*types.Package // by the name the file gives it
	dots    []*types.Package
}

func newFileScope(u *Package, f *ast.File) *fileScope {
	fs := &fileScope{u: u, imports: map[string]*types.Package{}}
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		pkg := u.Imports[path]
		if pkg == nil {
			continue
		}
		name := pkg.Name()
		if spec.Name != nil {
			name = spec.Name.Name
		}
		if name == "." {
			fs.dots = append(fs.dots, pkg)
			continue
		}
		fs.imports[name] = pkg
	}
	return fs
}

// qualified returns the object x.sel names when x is an imported
// package's name.
func (fs *fileScope) qualified(x ast.Expr, sel string) (types.Object, bool) {
	id, ok := x.(*ast.Ident)
	if !ok {
		return nil, false
	}
	pkg := fs.imports[id.Name]
	if pkg == nil {
		return nil, false
	}
	return pkg.Scope().Lookup(sel), true
}

// dotted returns what an unqualified name means through dot imports.
func (fs *fileScope) dotted(name string) types.Object {
	for _, pkg := range fs.dots {
		if obj := pkg.Scope().Lookup(name); obj != nil {
			return obj
		}
	}
	return nil
}

// decls indexes a package's function declarations by name.
type decls struct {
	funcs   map[string]*ast.FuncDecl
	methods map[string][]*ast.FuncDecl
	types   map[string]*ast.TypeSpec
	scopes  map[*ast.FuncDecl]*fileScope
}

func indexDecls(u *Package) *decls {
	d := &decls{funcs: map[string]*ast.FuncDecl{}, methods: map[string][]*ast.FuncDecl{}, types: map[string]*ast.TypeSpec{}, scopes: map[*ast.FuncDecl]*fileScope{}}
	for _, f := range u.Files {
		fs := newFileScope(u, f)
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				d.scopes[decl] = fs
				if decl.Recv != nil {
					d.methods[decl.Name.Name] = append(d.methods[decl.Name.Name], decl)
				} else {
					d.funcs[decl.Name.Name] = decl
				}
			case *ast.GenDecl:
				if decl.Tok != token.TYPE {
					continue
				}
				for _, spec := range decl.Specs {
					ts := spec.(*ast.TypeSpec)
					d.types[ts.Name.Name] = ts
				}
			}
		}
	}
	return d
}

// NeedsBodies reports, before a dependency is parsed, whether Full needs
// its function bodies to decide: a package that reaches a catalog package
// is checked in full anyway, and one whose source names no function that
// may end the process (panic, Exit, Fatal..., a dependency's no-return
// function) cannot get a no-return fact. Otherwise the loader may parse
// the declarations only. srcs are the package's files.
func (s *Scope) NeedsBodies(path, name string, fileNames []string, imports map[string]*types.Package, srcs [][]byte) bool {
	stub := types.NewPackage(path, name)
	root := s.gc.IsReachRoot(stub)
	if !root {
		for _, imp := range imports {
			if imp != nil && imp.Path() != "unsafe" && s.gc.Reaches(imp) {
				return true
			}
		}
	}
	if inGOROOT(&Package{FileNames: fileNames}) {
		return false
	}
	for _, src := range srcs {
		if s.namesEnding(src) {
			return true
		}
	}
	return false
}

// namesEnding reports whether the source has an identifier that may name a
// function that never returns.
func (s *Scope) namesEnding(src []byte) bool {
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var sc scanner.Scanner
	sc.Init(file, src, func(token.Position, string) {}, 0)
	s.mu.RLock()
	defer s.mu.RUnlock()
	for {
		_, tok, lit := sc.Scan()
		switch tok {
		case token.EOF:
			return false
		case token.IDENT:
			if lit == "panic" || lit == "Goexit" || endingMethodName(lit) || s.endingNames[lit] {
				return true
			}
		}
	}
}
