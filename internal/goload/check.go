package goload

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/types"
	"os"

	"golang.org/x/tools/go/packages"
)

// source is one compiled Go file of a package, read.
type source struct {
	name string
	src  []byte
}

// read reads the package's compiled Go files (cgo's output for cgo
// packages, as go/packages does), recording read errors on the package.
func (r *run) read(p *packages.Package) []source {
	srcs := make([]source, 0, len(p.CompiledGoFiles))
	for _, name := range p.CompiledGoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			msg := err.Error()
			var pe *os.PathError
			if errors.As(err, &pe) {
				msg = pe.Err.Error()
			}
			p.Errors = append(p.Errors, packages.Error{Pos: name + ":1", Msg: msg, Kind: packages.ParseError})
			continue
		}
		srcs = append(srcs, source{name, src})
	}
	return srcs
}

// parse parses the sources; declsOnly blanks function bodies and
// comments first (see blankBodies). Parse errors are returned, for the
// caller to record once it keeps the trees.
func (r *run) parse(srcs []source, declsOnly bool) ([]*ast.File, []packages.Error) {
	files := make([]*ast.File, 0, len(srcs))
	var errs []packages.Error
	for _, s := range srcs {
		src, mode := s.src, parser.AllErrors|parser.ParseComments
		if declsOnly {
			src, mode = blankBodies(src), parser.ParseComments|parser.SkipObjectResolution
		}
		// go/packages' mode for full checks: comments kept
		// (directives, //line), object resolution on, as analyzers
		// written for it may expect.
		f, err := parser.ParseFile(r.fset, s.name, src, mode)
		var list scanner.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				errs = append(errs, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		} else if err != nil {
			errs = append(errs, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.ParseError})
		}
		if f != nil {
			files = append(files, f)
		}
	}
	return files, errs
}

// forget removes parsed files from the file set before a second parse of
// the same sources.
func (r *run) forget(files []*ast.File) {
	for _, f := range files {
		if tf := r.fset.File(f.Pos()); tf != nil {
			r.fset.RemoveFile(tf)
		}
	}
}

// newInfo is the type information the analyzers may ask for.
func newInfo() *types.Info {
	return &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
}

// check type-checks the files into p.Types. With info nil it checks the
// declarations only: function bodies are skipped, which is all an
// importer's view of the package needs.
func (r *run) check(p *packages.Package, files []*ast.File, info *types.Info) {
	p.Syntax, p.TypesInfo = files, info
	tc := &types.Config{
		Importer:         importerFunc(func(path string) (*types.Package, error) { return r.importFor(p, path) }),
		IgnoreFuncBodies: info == nil,
		Sizes:            p.TypesSizes,
		Error: func(err error) {
			var te types.Error
			if errors.As(err, &te) {
				p.TypeErrors = append(p.TypeErrors, te)
				p.Errors = append(p.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
				return
			}
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	if info == nil {
		// Unused imports and variables are body-level complaints: a
		// declarations-only check must not invent them.
		tc.Error = func(err error) {
			var te types.Error
			if errors.As(err, &te) && te.Soft {
				return
			}
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.TypeError})
		}
	}
	err := types.NewChecker(tc, r.fset, p.Types, info).Files(files)
	if err != nil && len(p.Errors) == 0 {
		p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
	}
}

// importFor resolves an import of p to the dependency's types.
func (r *run) importFor(p *packages.Package, path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	imp := p.Imports[path]
	if imp == nil || imp.Types == nil {
		return nil, fmt.Errorf("no metadata for %s", path)
	}
	return imp.Types, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
