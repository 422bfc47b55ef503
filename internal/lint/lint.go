// Package lint runs connlint's static checks over what the command line
// names: Go packages through go/packages and the analysis checker, TS/JS
// files through the tree-sitter engine. It returns one Result for both.
package lint

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/analyzers/jsts"
)

// Options are what one run checks and how.
type Options struct {
	WorkDir  string   // paths in the result are relative to it
	Patterns []string // Go package patterns, directories, files; default ./...
	Tags     string   // Go build tags, comma-separated
	Config   *config.Config
	Workers  int
	// Progress, when set, is told how many units of a stage ("Go
	// packages", "TS/JS files") are done of how many, as the run goes.
	Progress func(stage string, done, total int)
}

// ErrNothingLoadable is returned when no Go package loaded and no TS/JS
// file was found: the run could not check anything.
var ErrNothingLoadable = errors.New("nothing to check: no Go package loaded and no TS/JS file found")

// ErrIncomplete is returned, with the result of everything else, when a Go
// module could not be loaded at all; the result's errors name it.
var ErrIncomplete = errors.New("a Go module could not be loaded (see the errors)")

// Run checks everything the patterns name.
func Run(ctx context.Context, opts Options) (diag.Result, error) {
	if opts.WorkDir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return diag.Result{}, err
		}
		opts.WorkDir = wd
	}
	if opts.Config == nil {
		opts.Config = config.Default(opts.WorkDir)
	}
	if len(opts.Patterns) == 0 {
		opts.Patterns = []string{"./..."}
	}
	targets, err := classify(opts.WorkDir, opts.Patterns)
	if err != nil {
		return diag.Result{}, err
	}
	var res diag.Result
	goLoaded, incomplete := 0, false
	for _, load := range targets.goLoads.list {
		goRes, loaded, failed, err := runGo(ctx, opts, load, targets.importPaths)
		if err != nil {
			return diag.Result{}, err
		}
		goLoaded += loaded
		incomplete = incomplete || failed
		res.Findings = append(res.Findings, goRes.Findings...)
		res.Errors = append(res.Errors, goRes.Errors...)
	}
	jsFiles := 0
	if len(targets.jsRoots) > 0 {
		jsOpts := jsts.Options{Config: opts.Config, WorkDir: opts.WorkDir, Workers: opts.Workers}
		if opts.Progress != nil {
			jsOpts.Progress = func(done, total int) { opts.Progress("TS/JS files", done, total) }
		}
		jsRes, stats := jsts.RunStats(ctx, targets.jsRoots, jsOpts)
		jsFiles = stats.Files
		res.Findings = append(res.Findings, jsRes.Findings...)
		res.Errors = append(res.Errors, jsRes.Errors...)
	}
	res.Sort()
	if goLoaded == 0 && jsFiles == 0 {
		return res, ErrNothingLoadable
	}
	if incomplete {
		return res, ErrIncomplete
	}
	return res, nil
}

// Partial reports whether Run's error leaves a result to print that still
// must end the run with exit status 2.
func Partial(err error) bool {
	return errors.Is(err, ErrNothingLoadable) || errors.Is(err, ErrIncomplete)
}

// UnknownArgError is a command-line argument that names no file, folder
// or Go package: most often a mistyped command or path.
type UnknownArgError struct {
	Arg    string
	Reason string // why go list found no package
}

func (e *UnknownArgError) Error() string {
	return fmt.Sprintf("%s: unknown command or path: no such file or folder, and no Go package (%s)", e.Arg, e.Reason)
}

// targets is the command line sorted by language.
type targets struct {
	goLoads     goLoads         // Go patterns, by the folder go list runs in
	importPaths map[string]bool // patterns that are neither paths nor wildcards
	jsRoots     []string        // directories to walk and files to check
}

// classify sorts the patterns: a directory or "dir/..." is both a Go
// pattern and a TS/JS root; a .go file stands for its package; a TS/JS file
// is checked as given; anything else is a Go import-path pattern.
func classify(wd string, patterns []string) (targets, error) {
	t := targets{goLoads: goLoads{wd: wd}, importPaths: map[string]bool{}}
	for _, p := range patterns {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, p)
		}
		dir, recursive := strings.CutSuffix(abs, string(filepath.Separator)+"...")
		if abs == "..." || p == "..." {
			dir, recursive = wd, true
		}
		st, statErr := os.Stat(dir)
		if statErr != nil {
			if err := unfollowable(p, dir, statErr); err != nil {
				return t, err
			}
		}
		switch {
		case statErr == nil && st.IsDir():
			// Go: the module holding the folder, and every module nested
			// below it, each loaded from its own folder (modules.go).
			t.goLoads.addDir(dir, recursive)
			t.jsRoots = append(t.jsRoots, dir)
		case statErr == nil && strings.HasSuffix(dir, ".go"):
			t.goLoads.addDir(filepath.Dir(dir), false)
		case statErr == nil && isJSSource(dir):
			t.jsRoots = append(t.jsRoots, dir)
		case statErr == nil:
			return t, fmt.Errorf("%s: not a Go or TS/JS file", p)
		case isLocalPath(p):
			return t, fmt.Errorf("%s: no such file or directory", p)
		default: // an import path (pattern) such as example.com/x/...
			t.goLoads.addPattern(p)
			if !strings.Contains(p, "...") {
				t.importPaths[p] = true
			}
		}
	}
	return t, nil
}

// unfollowable explains why an argument that exists cannot be read: a
// symbolic link that loops or leads nowhere, a folder it may not enter.
// It returns nil when nothing by that name exists.
func unfollowable(arg, path string, statErr error) error {
	if !errors.Is(statErr, fs.ErrNotExist) {
		var pe *fs.PathError
		if errors.As(statErr, &pe) && errors.Is(pe.Err, syscall.ELOOP) {
			return fmt.Errorf("%s: cannot follow the symbolic link: %v", arg, pe.Err)
		}
		return fmt.Errorf("%s: %w", arg, statErr)
	}
	if target, err := os.Readlink(path); err == nil {
		return fmt.Errorf("%s: symbolic link to %s, which does not exist", arg, target)
	}
	return nil
}

// isJSSource reports whether path names a file the TS/JS engine checks.
func isJSSource(path string) bool {
	switch filepath.Ext(path) {
	case ".ts", ".mts", ".cts", ".tsx", ".js", ".jsx", ".mjs", ".cjs":
		return !strings.HasSuffix(path, ".d.ts")
	}
	return false
}

// isLocalPath reports whether a pattern that names nothing on disk was
// meant as a path: relative or absolute, or ending in a file name with an
// extension (example.com/x/... is an import path pattern).
func isLocalPath(p string) bool {
	return p == "." || p == ".." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") ||
		filepath.IsAbs(p) || strings.ContainsAny(p, `\`) || filepath.Ext(strings.TrimSuffix(p, "/...")) != ""
}

// goPattern writes dir as a go/packages pattern relative to wd.
func goPattern(wd, dir string, recursive bool) string {
	rel, err := filepath.Rel(wd, dir)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = dir
	} else {
		rel = "./" + filepath.ToSlash(rel)
	}
	rel = strings.TrimSuffix(rel, "/.")
	if recursive {
		return strings.TrimSuffix(rel, "/") + "/..."
	}
	return rel
}

// hasGoFiles reports whether dir itself holds a Go file.
func hasGoFiles(dir string) bool {
	matches, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	return len(matches) > 0
}
