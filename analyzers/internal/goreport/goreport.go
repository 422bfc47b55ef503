// Package goreport is what the Go analyzers share around reporting: which
// files are checked at all (not tests, not generated code, not excluded by
// config), suppression directives, and the config that applies to a package.
package goreport

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/suppress"
)

// Reporter reports one rule's diagnostics for a pass, dropping the silenced.
type Reporter struct {
	pass  *analysis.Pass
	rule  string
	cfg   *config.Config
	index map[*token.File]*suppress.Index
	// Dry makes Report decide without reporting: an analyzer that only
	// tells another what its rule reports (singleton's verdicts for
	// release) uses it.
	Dry bool
}

// New returns a Reporter for rule under cfg.
func New(pass *analysis.Pass, rule string, cfg *config.Config) *Reporter {
	return &Reporter{pass: pass, rule: rule, cfg: cfg, index: map[*token.File]*suppress.Index{}}
}

// Checked reports whether findings in file are reported at all: test files,
// generated files and files the config excludes are not checked (their
// facts still count).
func (r *Reporter) Checked(file *ast.File) bool {
	name := r.pass.Fset.File(file.Pos()).Name()
	if strings.HasSuffix(name, "_test.go") || ast.IsGenerated(file) {
		return false
	}
	return r.cfg == nil || !r.cfg.IsExcluded(name)
}

// Report reports d unless its file is not checked or a directive silences
// the rule on its line, and tells whether it did (or, Dry, would have).
func (r *Reporter) Report(d analysis.Diagnostic) bool {
	tf := r.pass.Fset.File(d.Pos)
	if tf == nil {
		return false
	}
	file := r.fileOf(tf)
	if file == nil || !r.Checked(file) {
		return false
	}
	ix, ok := r.index[tf]
	if !ok {
		ix = suppress.ForGoFile(r.pass.Fset, file)
		r.index[tf] = ix
	}
	if ix.Suppressed(r.rule, tf.Line(d.Pos)) {
		return false
	}
	if !r.Dry {
		d.Category = r.rule
		r.pass.Report(d)
	}
	return true
}

func (r *Reporter) fileOf(tf *token.File) *ast.File {
	for _, f := range r.pass.Files {
		if r.pass.Fset.File(f.Pos()) == tf {
			return f
		}
	}
	return nil
}

// Configs resolves the config of the packages an analyzer sees: the one it
// was built with, else the file named by its -config flag, else the nearest
// .connlint.yml above the package's folder (go vet and golangci-lint run
// analyzers without our CLI).
type Configs struct {
	Fixed *config.Config // set by the CLI and the golangci plugin
	Flag  string         // the analyzer's -config flag

	mu    sync.Mutex
	byDir map[string]*config.Config
	errs  map[string]error
}

// For returns the config for the pass's package, or the error reading it.
func (c *Configs) For(pass *analysis.Pass) (*config.Config, error) {
	if c.Fixed != nil {
		return c.Fixed, nil
	}
	dir := "."
	if len(pass.Files) > 0 {
		dir = filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name())
	}
	if c.Flag != "" {
		dir = "" // one explicit file for every package
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if cfg, ok := c.byDir[dir]; ok {
		return cfg, c.errs[dir]
	}
	if c.byDir == nil {
		c.byDir, c.errs = map[string]*config.Config{}, map[string]error{}
	}
	cfg, err := config.Discover(dir, c.Flag)
	if err != nil {
		cfg = config.Default(dir)
	}
	c.byDir[dir], c.errs[dir] = cfg, err
	return cfg, err
}
