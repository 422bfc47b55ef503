package lint

import (
	"context"
	"fmt"
	"go/token"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/analyzers/factscope"
	"github.com/connlint/connlint/analyzers/release"
	"github.com/connlint/connlint/analyzers/singleton"
	"github.com/connlint/connlint/internal/goload"
)

// runGo loads one group of Go patterns, checks every package that
// type-checks, and lists the others as errors. It returns how many packages
// were checked, and whether a module of the group could not be loaded at
// all. Loading is internal/goload's: one package at a time, dependencies
// that cannot matter to the rules checked for their declarations only.
//
// An import path among the patterns that leads to no package at all stops
// the run with an UnknownArgError.
func runGo(ctx context.Context, opts Options, load *goLoad, importPaths map[string]bool) (diag.Result, int, bool, error) {
	var res diag.Result
	analyzers := []*analysis.Analyzer{singleton.New(opts.Config), release.New(opts.Config)}
	cfg := goload.Config{Context: ctx, Dir: load.dir, Env: load.env, Analyzers: analyzers}
	if opts.Tags != "" {
		cfg.BuildFlags = []string{"-tags=" + opts.Tags}
	}
	factscope.New(opts.Config).Screen(&cfg)
	cfg.DeclCache = declCache(opts.Config)
	if opts.Progress != nil {
		cfg.Progress = func(done, total int) { opts.Progress("Go packages", done, total) }
	}
	roots, fset, _, err := goload.Run(cfg, load.patterns...)
	if err != nil {
		for _, p := range load.patterns {
			if importPaths[p] {
				// Outside a module go list fails as a whole.
				return res, 0, false, &UnknownArgError{Arg: p, Reason: firstLine(err.Error())}
			}
		}
		// The go command itself failed (no module, bad go.mod, bad
		// pattern): that is an input error of its own; the other modules
		// and TS/JS checking still go on.
		if len(load.modules) == 0 {
			res.Errors = append(res.Errors, diag.Error{File: strings.Join(load.patterns, " "), Message: firstLine(err.Error())})
			return res, 0, false, nil
		}
		for _, m := range load.modules {
			res.Errors = append(res.Errors, moduleError(opts.WorkDir, m, goCommandMessage(load.dir, err)))
		}
		return res, 0, true, nil
	}
	for _, root := range roots {
		if p := root.Pkg; importPaths[p.ID] && p.Dir == "" && len(p.Errors) > 0 {
			return res, 0, false, &UnknownArgError{Arg: p.ID, Reason: firstLine(p.Errors[0].Msg)}
		}
	}
	checked := 0
	tally := map[string]*moduleTally{}
	for _, root := range roots {
		p := root.Pkg
		t := tallyOf(tally, p)
		if e, broken := packageError(opts.WorkDir, p); broken {
			if dep, msg, ok := importListError(p); ok {
				// The package's own error only says an import failed;
				// the go command said why.
				e.Message = fmt.Sprintf("package %s: could not import %s: %s", p.PkgPath, dep, firstLine(msg))
				t.listErr = true
			}
			res.Errors = append(res.Errors, e)
			t.roots++
			t.listErr = t.listErr || hasListError(p)
			continue
		}
		if len(p.CompiledGoFiles) == 0 {
			continue // e.g. a folder whose only Go files are tests
		}
		t.roots++
		if root.Err != nil {
			res.Errors = append(res.Errors, diag.Error{
				File:    packageFile(opts.WorkDir, p),
				Message: fmt.Sprintf("package %s: %s", p.PkgPath, firstLine(root.Err.Error())),
			})
			continue
		}
		t.checked++
		checked++
		for _, d := range root.Diagnostics {
			res.Findings = append(res.Findings, goFinding(opts.WorkDir, fset, d.Analyzer.Name, d.Diagnostic))
		}
	}
	failed := false
	for _, m := range load.modules {
		if t := tally[m]; t != nil && t.roots > 0 && t.checked == 0 && t.listErr {
			res.Errors = append(res.Errors, moduleError(opts.WorkDir, m, "no package of it could be loaded"))
			failed = true
		}
	}
	return res, checked, failed, nil
}

// moduleTally counts a module's root packages and those checked.
type moduleTally struct {
	roots, checked int
	listErr        bool // some package failed before type-checking (go list)
}

func tallyOf(m map[string]*moduleTally, p *packages.Package) *moduleTally {
	key := ""
	if p.Module != nil {
		key = p.Module.GoMod
	}
	if m[key] == nil {
		m[key] = &moduleTally{}
	}
	return m[key]
}

func hasListError(p *packages.Package) bool {
	for _, e := range p.Errors {
		if e.Kind == packages.ListError || e.Kind == packages.UnknownError {
			return true
		}
	}
	return false
}

// importListError finds a direct import that go list could not resolve (a
// module missing from go.sum or from the proxy).
func importListError(p *packages.Package) (string, string, bool) {
	paths := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		for _, e := range p.Imports[path].Errors {
			if e.Kind == packages.ListError {
				return path, e.Msg, true
			}
		}
	}
	return "", "", false
}

// goCommandMessage is the go command's complaint without go/packages'
// wrapping ("err: exit status 1: stderr: "), on one line, paths relative.
func goCommandMessage(dir string, err error) string {
	msg := err.Error()
	if _, after, ok := strings.Cut(msg, "stderr: "); ok {
		msg = after
	}
	var parts []string
	for _, line := range strings.Split(msg, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			parts = append(parts, strings.ReplaceAll(line, dir+string(filepath.Separator), ""))
		}
		if len(parts) == 3 {
			break
		}
	}
	return strings.Join(parts, " ")
}

// moduleError names a module that could not be loaded, by its go.mod.
func moduleError(wd, goMod, msg string) diag.Error {
	return diag.Error{File: relPath(wd, goMod), Message: fmt.Sprintf("module %s: %s", modulePath(wd, goMod), msg)}
}

// packageError names a package that did not load or type-check, with its
// first error.
func packageError(wd string, p *packages.Package) (diag.Error, bool) {
	if len(p.Errors) == 0 {
		return diag.Error{}, false
	}
	first := p.Errors[0]
	file := packageFile(wd, p)
	if pos, _, ok := strings.Cut(first.Pos, ":"); ok && pos != "" && first.Pos != "-" {
		file = relPath(wd, pos)
	}
	msg := fmt.Sprintf("package %s: %s", p.PkgPath, firstLine(first.Msg))
	if first.Pos != "" && first.Pos != "-" {
		msg = fmt.Sprintf("package %s: %s: %s", p.PkgPath, relPos(wd, first.Pos), firstLine(first.Msg))
	}
	if n := len(p.Errors); n > 1 {
		msg += fmt.Sprintf(" (and %d more)", n-1)
	}
	return diag.Error{File: file, Message: msg}, true
}

// packageFile is the file (else folder) that stands for a package.
func packageFile(wd string, p *packages.Package) string {
	switch {
	case len(p.GoFiles) > 0:
		return relPath(wd, p.GoFiles[0])
	case len(p.CompiledGoFiles) > 0:
		return relPath(wd, p.CompiledGoFiles[0])
	case p.PkgPath != "":
		return p.PkgPath
	}
	return p.ID
}

// relPos rewrites "abs/file.go:3:4" relative to wd.
func relPos(wd, pos string) string {
	file, rest, _ := strings.Cut(pos, ":")
	if rest == "" {
		return relPath(wd, file)
	}
	return relPath(wd, file) + ":" + rest
}

func goFinding(wd string, fset *token.FileSet, rule string, d analysis.Diagnostic) diag.Finding {
	pos := fset.Position(d.Pos)
	end := pos
	if d.End.IsValid() && d.End > d.Pos {
		end = fset.Position(d.End)
	}
	f := diag.Finding{
		Rule:      rule,
		Language:  diag.LangGo,
		File:      relPath(wd, pos.Filename),
		Line:      pos.Line,
		Column:    pos.Column,
		EndLine:   end.Line,
		EndColumn: end.Column,
		Message:   d.Message,
		Related:   []diag.Related{},
	}
	for _, r := range d.Related {
		rp := fset.Position(r.Pos)
		f.Related = append(f.Related, diag.Related{File: relPath(wd, rp.Filename), Line: rp.Line, Column: rp.Column, Message: r.Message})
	}
	for _, sf := range d.SuggestedFixes {
		fix := diag.Fix{Message: sf.Message}
		for _, e := range sf.TextEdits {
			start := fset.Position(e.Pos)
			stop := start
			if e.End.IsValid() {
				stop = fset.Position(e.End)
			}
			fix.Edits = append(fix.Edits, diag.Edit{File: start.Filename, Start: start.Offset, End: stop.Offset, NewText: string(e.NewText)})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f
}

// relPath makes an absolute path relative to wd (the JSON contract), and
// slash-separated.
func relPath(wd, path string) string {
	if filepath.IsAbs(path) {
		if rel, err := filepath.Rel(wd, path); err == nil {
			path = rel
		}
	}
	return filepath.ToSlash(path)
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
