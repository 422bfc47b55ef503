package lint

import (
	"context"
	"fmt"
	"go/token"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/analyzers/release"
	"github.com/connlint/connlint/analyzers/singleton"
)

// loadMode is what the analyzers need: syntax and types of the roots and,
// for facts, of every dependency.
const loadMode = packages.LoadAllSyntax | packages.NeedModule

// runGo loads the Go patterns, checks every package that type-checks, and
// lists the others as errors. It returns how many packages were checked.
// An import path among the patterns that leads to no package at all stops
// the run with an UnknownArgError.
func runGo(ctx context.Context, opts Options, patterns []string, importPaths map[string]bool) (diag.Result, int, error) {
	var res diag.Result
	cfg := &packages.Config{Context: ctx, Mode: loadMode, Dir: opts.WorkDir}
	if opts.Tags != "" {
		cfg.BuildFlags = []string{"-tags=" + opts.Tags}
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		for _, p := range patterns {
			if importPaths[p] {
				// Outside a module go list fails as a whole.
				return res, 0, &UnknownArgError{Arg: p, Reason: firstLine(err.Error())}
			}
		}
		// The go command itself failed (no module, bad pattern): that is
		// an input error of its own; TS/JS checking still goes on.
		res.Errors = append(res.Errors, diag.Error{File: strings.Join(patterns, " "), Message: firstLine(err.Error())})
		return res, 0, nil
	}
	for _, p := range pkgs {
		if importPaths[p.ID] && p.Dir == "" && len(p.Errors) > 0 {
			return res, 0, &UnknownArgError{Arg: p.ID, Reason: firstLine(p.Errors[0].Msg)}
		}
	}
	var roots []*packages.Package
	for _, p := range pkgs {
		if e, broken := packageError(opts.WorkDir, p); broken {
			res.Errors = append(res.Errors, e)
			continue
		}
		if len(p.Syntax) == 0 {
			continue // e.g. a folder whose only Go files are tests
		}
		roots = append(roots, p)
	}
	if len(roots) == 0 {
		return res, 0, nil
	}
	analyzers := []*analysis.Analyzer{singleton.New(opts.Config), release.New(opts.Config)}
	graph, err := checker.Analyze(analyzers, roots, &checker.Options{})
	if err != nil {
		return res, 0, fmt.Errorf("go analysis: %w", err)
	}
	checked := map[*packages.Package]bool{}
	failed := map[*packages.Package]bool{}
	for _, act := range graph.Roots {
		if act.Err != nil {
			if !failed[act.Package] {
				failed[act.Package] = true
				res.Errors = append(res.Errors, diag.Error{
					File:    packageFile(opts.WorkDir, act.Package),
					Message: fmt.Sprintf("package %s: %s", act.Package.PkgPath, firstLine(act.Err.Error())),
				})
			}
			continue
		}
		checked[act.Package] = true
		for _, d := range act.Diagnostics {
			res.Findings = append(res.Findings, goFinding(opts.WorkDir, act.Package.Fset, act.Analyzer.Name, d))
		}
	}
	if opts.Progress != nil {
		opts.Progress("Go packages", len(roots), len(roots))
	}
	return res, len(checked), nil
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
