package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/connlint/connlint/analyzers/catalog"
	"github.com/connlint/connlint/analyzers/config"
)

func init() {
	commands["init"] = command{"write a .connlint.yml with the singleton and scripts found in this project", runInit}
}

// runInit is `connlint init [--force] [--stdout]`.
func runInit(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("connlint init", flag.ContinueOnError)
	fs.SetOutput(stderr)
	force := fs.Bool("force", false, "overwrite an existing "+config.FileName)
	toStdout := fs.Bool("stdout", false, "print the config instead of writing it")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitCannot
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "connlint init: unexpected argument %q (it works on the current folder)\n", rest[0])
		return exitCannot
	}
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "connlint init: %v\n", err)
		return exitCannot
	}
	target := filepath.Join(wd, config.FileName)
	if _, err := os.Stat(target); err == nil && !*force && !*toStdout {
		fmt.Fprintf(stderr, "connlint init: %s exists (--force overwrites it)\n", config.FileName)
		return exitCannot
	}
	found := detectProject(wd)
	text := found.yaml()
	// What we write must be what connlint reads.
	if _, err := config.Parse(target, []byte(text)); err != nil {
		fmt.Fprintf(stderr, "connlint init: internal error, the generated config does not parse: %v\n", err)
		return exitCannot
	}
	if *toStdout {
		fmt.Fprint(stdout, text)
		return exitClean
	}
	if err := os.WriteFile(target, []byte(text), 0o644); err != nil {
		fmt.Fprintf(stderr, "connlint init: %v\n", err)
		return exitCannot
	}
	fmt.Fprintf(stdout, "connlint: wrote %s (%d singleton path(s), %d script path(s)); review it, then run connlint\n",
		config.FileName, len(found.singleton), len(found.scripts))
	return exitClean
}

// detected is what init found: paths relative to the project folder, each
// with the evidence that made it one.
type detected struct {
	singleton []evidence
	scripts   []evidence
}

type evidence struct {
	glob   string
	reason string
}

func (d *detected) add(list *[]evidence, glob, reason string) {
	for _, e := range *list {
		if e.glob == glob {
			return
		}
	}
	*list = append(*list, evidence{glob, reason})
}

func (d detected) yaml() string {
	var b strings.Builder
	b.WriteString("# connlint configuration, written by `connlint init`: review what it found.\n")
	b.WriteString("# Globs are relative to this file; a folder covers the files below it.\n\n")
	b.WriteString("# Where database clients may be built: the project's singleton(s).\n")
	writeList(&b, "singleton", d.singleton)
	b.WriteString("\n# Entrypoints (scripts, seeds) that must release what they use.\n")
	writeList(&b, "scripts", d.scripts)
	b.WriteString("\n# Files not checked.\nexclude: []\n")
	return b.String()
}

func writeList(b *strings.Builder, key string, list []evidence) {
	if len(list) == 0 {
		fmt.Fprintf(b, "%s: []  # none found\n", key)
		return
	}
	slices.SortFunc(list, func(a, b evidence) int { return strings.Compare(a.glob, b.glob) })
	fmt.Fprintf(b, "%s:\n", key)
	for _, e := range list {
		fmt.Fprintf(b, "  - %s  # %s\n", strconv.Quote(e.glob), e.reason)
	}
}

// skipDir names folders that hold no project source.
func skipDir(name string) bool {
	switch name {
	case "node_modules", "vendor", "testdata", "dist", "build", "out", "coverage", ".next", ".nuxt", ".turbo", "generated":
		return true
	}
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

func isTestFile(rel string) bool {
	base := path.Base(rel)
	return strings.HasSuffix(base, "_test.go") || strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") ||
		strings.Contains("/"+rel, "/__tests__/")
}

var jsExt = regexp.MustCompile(`\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$`)

// detectProject walks the project for singletons and scripts.
func detectProject(root string) detected {
	var d detected
	cat := catalog.Default()
	goFiles := map[string][]string{} // folder -> Go files
	var jsFiles []string
	filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if e.IsDir() {
			if rel != "." && skipDir(e.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if isTestFile(rel) {
			return nil
		}
		switch {
		case strings.HasSuffix(rel, ".go"):
			goFiles[path.Dir(rel)] = append(goFiles[path.Dir(rel)], rel)
		case jsExt.MatchString(rel) && !strings.HasSuffix(rel, ".d.ts"):
			jsFiles = append(jsFiles, rel)
		}
		return nil
	})
	d.detectScripts(root, goFiles, jsFiles)
	for dir, files := range goFiles {
		if reason := goSingleton(root, files, cat); reason != "" {
			d.add(&d.singleton, dir, reason)
		}
	}
	for _, f := range jsFiles {
		if d.isScript(f) {
			continue
		}
		if reason := jsSingleton(root, f, cat); reason != "" {
			d.add(&d.singleton, f, reason)
		}
	}
	return d
}

func (d *detected) isScript(rel string) bool {
	for _, s := range d.scripts {
		if rel == s.glob || strings.HasPrefix(rel, strings.TrimSuffix(s.glob, "**")) && strings.HasSuffix(s.glob, "/**") {
			return true
		}
	}
	return false
}

// detectScripts finds entrypoints: a top-level scripts/ folder with code,
// Prisma's seed, files that package.json's scripts run, and Go programs
// built with `go run file.go` (//go:build ignore).
func (d *detected) detectScripts(root string, goFiles map[string][]string, jsFiles []string) {
	hasCode := func(prefix string) bool {
		for _, f := range jsFiles {
			if strings.HasPrefix(f, prefix) {
				return true
			}
		}
		for dir := range goFiles {
			if dir+"/" == prefix || strings.HasPrefix(dir, prefix) {
				return true
			}
		}
		return false
	}
	if hasCode("scripts/") {
		d.add(&d.scripts, "scripts/**", "scripts/ folder")
	}
	for _, f := range jsFiles {
		if m, _ := path.Match("prisma/seed.*", f); m {
			d.add(&d.scripts, f, "Prisma seed")
		}
	}
	if data, err := os.ReadFile(filepath.Join(root, "package.json")); err == nil {
		var pkg struct {
			Scripts map[string]string `json:"scripts"`
			Prisma  struct {
				Seed string `json:"seed"`
			} `json:"prisma"`
		}
		if json.Unmarshal(data, &pkg) == nil {
			commands := []string{pkg.Prisma.Seed}
			names := slices.Sorted(func(yield func(string) bool) {
				for k := range pkg.Scripts {
					if !yield(k) {
						return
					}
				}
			})
			for _, k := range names {
				commands = append(commands, pkg.Scripts[k])
			}
			for i, c := range commands {
				for _, tok := range strings.Fields(c) {
					tok = strings.TrimPrefix(strings.Trim(tok, `"'`), "./")
					if !jsExt.MatchString(tok) || d.isScript(tok) {
						continue
					}
					if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(tok))); err == nil && !st.IsDir() {
						why := "run by package.json scripts"
						if i == 0 {
							why = "package.json prisma.seed"
						}
						d.add(&d.scripts, tok, why)
					}
				}
			}
		}
	}
	for _, files := range goFiles {
		for _, f := range files {
			src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
			if err == nil && regexp.MustCompile(`(?m)^//go:build ignore\s*$`).Match(src) && regexp.MustCompile(`(?m)^package main\b`).Match(src) && !d.isScript(f) {
				d.add(&d.scripts, f, "go run program (//go:build ignore)")
			}
		}
	}
}

// goSingleton reports why a Go package (its files) is a singleton: it
// builds a catalog client into a package-level variable, at package level,
// in a function assigning one, or in a sync.Once body. Package main is
// never one (a command is not shared).
func goSingleton(root string, files []string, cat *catalog.Catalog) string {
	fset := token.NewFileSet()
	var parsed []*ast.File
	pkgVars := map[string]bool{}
	for _, f := range files {
		af, err := parser.ParseFile(fset, filepath.Join(root, filepath.FromSlash(f)), nil, parser.SkipObjectResolution)
		if err != nil || af.Name.Name == "main" {
			return ""
		}
		parsed = append(parsed, af)
		for _, decl := range af.Decls {
			if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
				for _, spec := range gd.Specs {
					for _, n := range spec.(*ast.ValueSpec).Names {
						pkgVars[n.Name] = true
					}
				}
			}
		}
	}
	for _, af := range parsed {
		ctors := goConstructors(af, cat)
		if len(ctors) == 0 {
			continue
		}
		isCtor := func(e ast.Expr) (string, bool) {
			call, ok := ast.Unparen(e).(*ast.CallExpr)
			if !ok {
				return "", false
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return "", false
			}
			x, ok := sel.X.(*ast.Ident)
			if !ok || !ctors[x.Name+"."+sel.Sel.Name] {
				return "", false
			}
			return x.Name + "." + sel.Sel.Name, true
		}
		where := func(n ast.Node) string {
			p := fset.Position(n.Pos())
			rel, _ := filepath.Rel(root, p.Filename)
			return fmt.Sprintf("%s:%d", filepath.ToSlash(rel), p.Line)
		}
		var reason string
		for _, decl := range af.Decls {
			if gd, ok := decl.(*ast.GenDecl); ok && gd.Tok == token.VAR {
				for _, spec := range gd.Specs {
					for _, v := range spec.(*ast.ValueSpec).Values {
						if name, ok := isCtor(v); ok {
							return fmt.Sprintf("Go: %s into a package variable (%s)", name, where(v))
						}
					}
				}
			}
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if reason != "" {
				return false
			}
			switch n := n.(type) {
			case *ast.AssignStmt:
				for _, rhs := range n.Rhs {
					name, ok := isCtor(rhs)
					if !ok {
						continue
					}
					for _, lhs := range n.Lhs {
						if id, ok := lhs.(*ast.Ident); ok && pkgVars[id.Name] && n.Tok == token.ASSIGN {
							reason = fmt.Sprintf("Go: %s into a package variable (%s)", name, where(rhs))
						}
					}
				}
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Do" && len(n.Args) == 1 {
					if lit, ok := n.Args[0].(*ast.FuncLit); ok {
						ast.Inspect(lit.Body, func(m ast.Node) bool {
							if e, ok := m.(ast.Expr); ok && reason == "" {
								if name, ok := isCtor(e); ok {
									reason = fmt.Sprintf("Go: %s in a sync.Once (%s)", name, where(e))
								}
							}
							return reason == ""
						})
					}
				}
			}
			return true
		})
		if reason != "" {
			return reason
		}
	}
	return ""
}

// goConstructors maps "localname.Func" to true for the catalog client
// constructors a file imports.
func goConstructors(af *ast.File, cat *catalog.Catalog) map[string]bool {
	out := map[string]bool{}
	for _, imp := range af.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		name := guessPackageName(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		for _, e := range cat.GoClients() {
			if e.Package == p {
				for _, c := range e.Constructors {
					out[name+"."+c] = true
				}
			}
		}
	}
	return out
}

// guessPackageName is the usual name of an import path: its last element
// without a /vN suffix or a go- prefix (go-redis/v9 is redis).
func guessPackageName(p string) string {
	elems := strings.Split(p, "/")
	last := elems[len(elems)-1]
	if regexp.MustCompile(`^v[0-9]+$`).MatchString(last) && len(elems) > 1 {
		last = elems[len(elems)-2]
	}
	return strings.TrimPrefix(last, "go-")
}

// jsSingleton reports why a TS/JS file is a singleton: it imports a client
// library and builds the client cached on globalThis/global, or exports a
// client built at module level.
func jsSingleton(root, rel string, cat *catalog.Catalog) string {
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil || strings.HasPrefix(string(data), "#!") {
		return ""
	}
	src := stripJSComments(string(data))
	for _, e := range cat.Lang(catalog.JS) {
		if e.Client == "" || !importsAny(src, e.Modules) {
			continue
		}
		var ctor []string
		for _, n := range e.New {
			if n != "default" {
				ctor = append(ctor, `new\s+`+regexp.QuoteMeta(n)+`\b`)
			}
		}
		for _, c := range e.Calls {
			if c != "default" {
				ctor = append(ctor, `\b`+regexp.QuoteMeta(c)+`\s*\(`)
			}
		}
		if len(ctor) == 0 {
			continue
		}
		construct := regexp.MustCompile(strings.Join(ctor, "|"))
		if !construct.MatchString(src) {
			continue
		}
		if regexp.MustCompile(`\bglobalThis\b|\bglobal\s*[.\[]`).MatchString(src) {
			return fmt.Sprintf("TS/JS: %s client cached on globalThis", e.Client)
		}
		exported := regexp.MustCompile(`(?m)^export\s+(const|let|var)\s+\w+[^=\n]*=\s*(` + construct.String() + `)|^export\s+default\s+(` + construct.String() + `)`)
		if exported.MatchString(src) {
			return fmt.Sprintf("TS/JS: exports a %s client built at module level", e.Client)
		}
	}
	return ""
}

func importsAny(src string, modules []string) bool {
	for _, m := range modules {
		q := regexp.QuoteMeta(m)
		if regexp.MustCompile(`from\s*["']` + q + `["']|require\(\s*["']` + q + `["']\s*\)|import\s*\(\s*["']` + q + `["']`).MatchString(src) {
			return true
		}
	}
	return false
}

// jsComment matches a block comment or a whole-line // comment. The flags
// are scoped: a bare (?s) would let the line comment's .* run on to the end
// of the file and hide the code below the first comment.
var jsComment = regexp.MustCompile(`(?s:/\*.*?\*/)|(?m:^\s*//.*$)`)

func stripJSComments(s string) string { return jsComment.ReplaceAllString(s, "") }
