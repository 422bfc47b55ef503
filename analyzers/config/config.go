// Package config reads .connlint.yml: where clients may be constructed
// (singleton), which files are entrypoints that must release what they use
// (scripts), what to skip (exclude), and extra catalog entries (clients).
//
// Globs are relative to the folder holding the config file and use
// doublestar syntax (`**` crosses folders). A pattern also matches every
// file below a folder it names, so `internal/db` and `internal/db/**` mean
// the same. Unknown keys and bad globs are errors that name file:line.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"

	"github.com/connlint/connlint/analyzers/catalog"
)

// FileName is the config file looked up from the working directory upward.
const FileName = ".connlint.yml"

// Config is a loaded configuration. The zero value is not useful; use
// Default, Load or Discover.
type Config struct {
	// File is the config file read, or "" for the defaults.
	File string
	// Dir is the absolute folder globs are relative to.
	Dir string

	Singleton []string
	Scripts   []string
	Exclude   []string
	Clients   []catalog.Entry
	// Apps are the deployables of the capacity plan (connlint pools).
	Apps []App

	catalog *catalog.Catalog
}

// Error is a problem in a config file, at a line.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Default is the configuration used when there is no file: the defaults of
// RULES.md, with globs relative to dir.
func Default(dir string) *Config {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	return &Config{Dir: abs, catalog: catalog.Default()}
}

// Find returns the nearest .connlint.yml in start or a folder above it.
func Find(start string) (string, bool) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", false
	}
	for {
		p := filepath.Join(dir, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Discover loads the explicit file if one is named, else the nearest
// .connlint.yml upward from wd, else the defaults for wd.
func Discover(wd, explicit string) (*Config, error) {
	if explicit != "" {
		return Load(explicit)
	}
	if p, ok := Find(wd); ok {
		return Load(p)
	}
	return Default(wd), nil
}

// Load reads and checks a config file.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: readErr(err)}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return Parse(abs, data)
}

func readErr(err error) string {
	if errors.Is(err, os.ErrNotExist) {
		return "config file not found"
	}
	return err.Error()
}

// Parse checks the YAML text of the config file at path. Globs are taken
// relative to path's folder.
func Parse(path string, data []byte) (*Config, error) {
	cfg := Default(filepath.Dir(path))
	cfg.File = path
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(path, err)
	}
	if len(doc.Content) == 0 { // empty file: defaults
		return cfg, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return cfg, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: path, Line: root.Line, Msg: "want a mapping of keys (singleton, scripts, exclude, clients, apps)"}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], root.Content[i+1]
		if first, dup := seen[key.Value]; dup {
			return nil, &Error{File: path, Line: key.Line, Msg: fmt.Sprintf("key %q repeats line %d", key.Value, first)}
		}
		seen[key.Value] = key.Line
		if err := cfg.setKey(path, key, val); err != nil {
			return nil, err
		}
	}
	cfg.catalog = catalog.Default().Merge(cfg.Clients)
	return cfg, nil
}

func (c *Config) setKey(path string, key, val *yaml.Node) error {
	switch key.Value {
	case "singleton":
		return globList(path, key.Value, val, &c.Singleton)
	case "scripts":
		return globList(path, key.Value, val, &c.Scripts)
	case "exclude":
		return globList(path, key.Value, val, &c.Exclude)
	case "clients":
		if val.Kind == yaml.ScalarNode && val.Tag == "!!null" {
			return nil
		}
		entries, err := catalog.DecodeEntries(val)
		if err != nil {
			return lineError(path, val.Line, err)
		}
		c.Clients = entries
		return nil
	case "apps":
		return appList(path, val, &c.Apps)
	}
	return &Error{File: path, Line: key.Line, Msg: fmt.Sprintf("unknown key %q (known: singleton, scripts, exclude, clients, apps)", key.Value)}
}

// globList reads a list of globs (a single string is a list of one).
func globList(path, key string, val *yaml.Node, dst *[]string) error {
	var items []*yaml.Node
	switch {
	case val.Kind == yaml.ScalarNode && val.Tag == "!!null":
		return nil
	case val.Kind == yaml.ScalarNode:
		items = []*yaml.Node{val}
	case val.Kind == yaml.SequenceNode:
		items = val.Content
	default:
		return &Error{File: path, Line: val.Line, Msg: fmt.Sprintf("%s: want a list of globs", key)}
	}
	for _, it := range items {
		if it.Kind != yaml.ScalarNode || it.Tag != "!!str" && it.Tag != "" {
			return &Error{File: path, Line: it.Line, Msg: fmt.Sprintf("%s: want a glob string", key)}
		}
		g := normalizeGlob(it.Value)
		if g == "" {
			return &Error{File: path, Line: it.Line, Msg: fmt.Sprintf("%s: empty glob", key)}
		}
		if !doublestar.ValidatePattern(g) {
			return &Error{File: path, Line: it.Line, Msg: fmt.Sprintf("%s: bad glob %q", key, it.Value)}
		}
		*dst = append(*dst, g)
	}
	return nil
}

// normalizeGlob makes a glob relative and slash-separated: "./lib/x.ts"
// and "lib/x.ts" are the same place.
func normalizeGlob(g string) string {
	g = strings.TrimSpace(filepath.ToSlash(g))
	for strings.HasPrefix(g, "./") {
		g = g[2:]
	}
	return strings.TrimSuffix(g, "/")
}

var yamlLine = regexp.MustCompile(`line (\d+): `)

// yamlError turns a YAML syntax error into file:line: message.
func yamlError(path string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLine.FindStringSubmatchIndex(msg); m != nil {
		line, _ := strconv.Atoi(msg[m[2]:m[3]])
		return &Error{File: path, Line: line, Msg: msg[:m[0]] + msg[m[1]:]}
	}
	return &Error{File: path, Msg: msg}
}

// lineError wraps a catalog error ("line N: msg") as file:N: msg.
func lineError(path string, fallback int, err error) error {
	msg := err.Error()
	if m := regexp.MustCompile(`^line (\d+): `).FindStringSubmatchIndex(msg); m != nil {
		line, _ := strconv.Atoi(msg[m[2]:m[3]])
		return &Error{File: path, Line: line, Msg: "clients: " + msg[m[1]:]}
	}
	return &Error{File: path, Line: fallback, Msg: "clients: " + msg}
}

// Catalog is the built-in catalog with the config's clients added.
func (c *Config) Catalog() *catalog.Catalog {
	if c.catalog == nil {
		return catalog.Default()
	}
	return c.catalog
}

// IsSingleton reports whether the file (absolute, or relative to the
// working directory) lies in a configured singleton path.
func (c *Config) IsSingleton(file string) bool { return c.match(c.Singleton, file) }

// IsScript reports whether the file is a configured script entrypoint.
func (c *Config) IsScript(file string) bool { return c.match(c.Scripts, file) }

// IsExcluded reports whether the file is excluded from checking.
func (c *Config) IsExcluded(file string) bool { return c.match(c.Exclude, file) }

// HasSingleton reports whether singleton paths are configured.
func (c *Config) HasSingleton() bool { return len(c.Singleton) > 0 }

func (c *Config) match(globs []string, file string) bool {
	if len(globs) == 0 {
		return false
	}
	rel, ok := c.rel(file)
	if !ok {
		return false
	}
	for _, g := range globs {
		// The path itself, or any folder above it, may be what the glob names.
		for p := rel; p != "." && p != ""; p = parentOf(p) {
			if ok, _ := doublestar.Match(g, p); ok {
				return true
			}
		}
	}
	return false
}

func parentOf(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

// rel returns file relative to the config folder, slash-separated; false
// when the file is outside it.
func (c *Config) rel(file string) (string, bool) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", false
	}
	rel, err := filepath.Rel(c.Dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
