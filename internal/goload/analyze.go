package goload

import (
	"errors"
	"fmt"
	"go/ast"
	"go/types"
	"log"
	"os"
	"reflect"
	"slices"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// errSkipped is go/analysis/checker's word for an ill-typed package.
var errSkipped = errors.New("analysis skipped due to errors in package")

// analyze runs the analyzers on a package checked in full, in Requires
// order, and keeps a root's diagnostics.
func (r *run) analyze(n *node, files []*ast.File, info *types.Info) {
	p := n.pkg
	if why := r.failedImports(n); why != "" {
		n.failed = r.analyzers[0].Name + "@" + p.ID
		if n.root != nil {
			n.root.Err = errors.New(why)
		}
		return
	}
	if n.illTyped {
		n.failed = r.analyzers[0].Name + "@" + p.ID
		if n.root != nil {
			n.root.Err = errSkipped
		}
		return
	}
	module := &analysis.Module{}
	if m := p.Module; m != nil {
		module = &analysis.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion}
	}
	results := map[*analysis.Analyzer]any{}
	for _, a := range r.analyzers {
		pass := &analysis.Pass{
			Analyzer:     a,
			Fset:         r.fset,
			Files:        files,
			OtherFiles:   p.OtherFiles,
			IgnoredFiles: p.IgnoredFiles,
			Pkg:          p.Types,
			TypesInfo:    info,
			TypesSizes:   p.TypesSizes,
			TypeErrors:   p.TypeErrors,
			Module:       module,
			ResultOf:     map[*analysis.Analyzer]any{},
			ReadFile:     readFileOf(p),
		}
		for _, req := range a.Requires {
			pass.ResultOf[req] = results[req]
		}
		if n.root != nil {
			pass.Report = func(d analysis.Diagnostic) {
				n.root.Diagnostics = append(n.root.Diagnostics, Diagnostic{Analyzer: a, Diagnostic: d})
			}
		} else {
			pass.Report = func(analysis.Diagnostic) {}
		}
		r.facts.bind(pass, p, r.cfg.OnFact)
		res, err := a.Run(pass)
		pass.ExportObjectFact, pass.ExportPackageFact = nil, nil
		if err == nil {
			if got, want := reflect.TypeOf(res), a.ResultType; got != want {
				err = fmt.Errorf("internal error: on package %s, analyzer %s returned a result of type %v, but declared ResultType %v", p.PkgPath, a, got, want)
			}
		}
		if err != nil {
			n.failed = a.Name + "@" + p.ID
			if n.root != nil && n.root.Err == nil {
				n.root.Err = err
			}
			return
		}
		results[a] = res
	}
}

// readFileOf lets a pass read the package's own files only, as the checker does.
func readFileOf(p *packages.Package) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles, p.IgnoredFiles, p.EmbedFiles} {
			if slices.Contains(list, name) {
				return os.ReadFile(name)
			}
		}
		return nil, fmt.Errorf("%s is not among the files of package %s", name, p.PkgPath)
	}
}

// factStore holds every fact of the run. Facts are small and outlive the
// syntax they were computed from.
type factStore struct {
	mu   sync.RWMutex
	objs map[objectKey]analysis.Fact
	pkgs map[packageKey]analysis.Fact
}

type objectKey struct {
	obj types.Object
	typ reflect.Type
}

type packageKey struct {
	pkg *types.Package
	typ reflect.Type
}

func newFactStore() *factStore {
	return &factStore{objs: map[objectKey]analysis.Fact{}, pkgs: map[packageKey]analysis.Fact{}}
}

// bind gives the pass its fact accessors.
func (s *factStore) bind(pass *analysis.Pass, p *packages.Package, onFact func(types.Object, analysis.Fact)) {
	self := p.Types
	pass.ImportObjectFact = func(obj types.Object, ptr analysis.Fact) bool {
		if obj == nil {
			panic("nil object")
		}
		if !visible(obj, self, p) {
			return false
		}
		s.mu.RLock()
		v, ok := s.objs[objectKey{obj, reflect.TypeOf(ptr)}]
		s.mu.RUnlock()
		if ok {
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
		}
		return ok
	}
	pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
		if obj.Pkg() != self {
			log.Panicf("in analysis %s of package %s: can't set facts on objects of another package (%s)", pass.Analyzer, p.PkgPath, obj)
		}
		s.mu.Lock()
		s.objs[objectKey{obj, reflect.TypeOf(fact)}] = fact
		s.mu.Unlock()
		if onFact != nil {
			onFact(obj, fact)
		}
	}
	pass.ImportPackageFact = func(pkg *types.Package, ptr analysis.Fact) bool {
		if pkg == nil {
			panic("nil package")
		}
		s.mu.RLock()
		v, ok := s.pkgs[packageKey{pkg, reflect.TypeOf(ptr)}]
		s.mu.RUnlock()
		if ok {
			reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
		}
		return ok
	}
	pass.ExportPackageFact = func(fact analysis.Fact) {
		s.mu.Lock()
		s.pkgs[packageKey{self, reflect.TypeOf(fact)}] = fact
		s.mu.Unlock()
	}
	ownTypes := map[reflect.Type]bool{}
	for _, f := range pass.Analyzer.FactTypes {
		ownTypes[reflect.TypeOf(f)] = true
	}
	pass.AllObjectFacts = func() []analysis.ObjectFact {
		s.mu.RLock()
		defer s.mu.RUnlock()
		var out []analysis.ObjectFact
		for k, f := range s.objs {
			if ownTypes[k.typ] && visible(k.obj, self, p) {
				out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
			}
		}
		return out
	}
	pass.AllPackageFacts = func() []analysis.PackageFact {
		s.mu.RLock()
		defer s.mu.RUnlock()
		var out []analysis.PackageFact
		for k, f := range s.pkgs {
			if ownTypes[k.typ] {
				out = append(out, analysis.PackageFact{Package: k.pkg, Fact: f})
			}
		}
		return out
	}
}

// visible reports whether a fact on obj is one go/analysis/checker would
// show to package self: its own objects; methods, fields, types and
// constants of any dependency; other functions and variables only of the
// package that declares them and its direct importers (the checker drops
// them at the second hop).
func visible(obj types.Object, self *types.Package, p *packages.Package) bool {
	if obj.Pkg() == self {
		return true
	}
	direct := func() bool {
		for _, imp := range p.Imports {
			if imp.Types == obj.Pkg() {
				return true
			}
		}
		return false
	}
	switch obj := obj.(type) {
	case *types.Func:
		if obj.Signature().Recv() != nil {
			return true
		}
		return obj.Exported() && direct()
	case *types.Var:
		return obj.IsField() || direct()
	case *types.TypeName, *types.Const:
		return true
	}
	return false
}
