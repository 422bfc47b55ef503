// Package catalog is the data both halves of connlint read: which calls
// construct a database client, which calls acquire a connection-holding
// resource, and which calls release them.
//
// The built-in entries live in catalog.yml beside this file. A project adds
// its own under `clients:` in .connlint.yml, in the same format, and they
// are merged with Merge.
package catalog

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Languages an entry applies to. "js" covers JavaScript and TypeScript.
const (
	Go = "go"
	JS = "js"
)

// Entry describes one client kind (Client set) or one resource (Resource
// set) of one language.
type Entry struct {
	Language string `yaml:"language"`
	// Client names the kind of client the constructors build (sql, pgxpool,
	// prisma, redis...). A construction is compared with the singleton of
	// its own kind.
	Client string `yaml:"client,omitempty"`
	// Resource names a connection-holding resource acquired from a client.
	Resource string `yaml:"resource,omitempty"`

	// Go: the import path declaring the constructors or the resource type.
	Package string `yaml:"package,omitempty"`
	// Go: for generated clients (ent, prisma-client-go), any package that
	// imports this path and declares the constructors matches.
	GeneratedFrom string `yaml:"generated_from,omitempty"`
	// Go: package-level functions that build a client.
	Constructors []string `yaml:"constructors,omitempty"`
	// Go: the resource's type name in Package (pointer or interface).
	Type string `yaml:"type,omitempty"`
	// Go: methods, on types of a catalog package, that acquire the resource
	// (their result has type Type).
	Acquire []string `yaml:"acquire,omitempty"`
	// Methods that release the client or resource. A dotted path such as
	// "Prisma.Disconnect" is a method reached through a field.
	Release []string `yaml:"release,omitempty"`
	// Go: functions of Package that release a resource passed to them
	// (pgx.CollectRows & co).
	ReleasedBy []string `yaml:"released_by,omitempty"`
	// Go: functions of Package that only read a resource passed to them
	// (sqlx.StructScan): they neither release nor keep it, so the caller
	// still must.
	ReadBy []string `yaml:"read_by,omitempty"`
	// Go: a `for r.Next() {}` loop that runs to its end releases it.
	NextLoopCloses bool `yaml:"next_loop_closes,omitempty"`
	// Go: methods that take the resource out of its owner (pgxpool's
	// Conn.Hijack): the call ends the obligation, and what it returns, a
	// client or resource of the catalog, is acquired there.
	HandOff []string `yaml:"hand_off,omitempty"`

	// JS: the modules whose exports construct the client.
	Modules []string `yaml:"modules,omitempty"`
	// JS: classes constructed with `new` (new PrismaClient).
	New []string `yaml:"new,omitempty"`
	// JS: functions whose call builds a client (createPool, postgres()).
	// "default" is the module's default export; "Class.method" a static.
	Calls []string `yaml:"calls,omitempty"`
	// JS: acquisition methods on a client that hand out a connection that
	// must be released (pool.connect, pool.getConnection).
	AcquireMethods []string `yaml:"acquire_methods,omitempty"`
	// JS: `await using` disposes the resource (Symbol.asyncDispose).
	Disposes bool `yaml:"disposes,omitempty"`
	// JS: methods that return the same client (prisma.$extends(),
	// mysql2's pool.promise()).
	Chains []string `yaml:"chains,omitempty"`
	// JS: the call builds a client only when handed a connection string
	// (drizzle(url), drizzle({ connection: url })), not an existing client.
	ConnectionString bool `yaml:"connection_string,omitempty"`
	// JS: globs on the import specifier of generated client modules
	// ("**/generated/prisma"), matched besides Modules.
	GeneratedModules []string `yaml:"generated_modules,omitempty"`

	// Pool: how many connections a client holds (the capacity plan).
	Pool *Pool `yaml:"pool,omitempty"`

	// Line is where the entry was read (1-based), for config errors.
	Line int `yaml:"-"`
}

// Catalog is the list of known clients and resources.
type Catalog struct {
	Entries []Entry
}

//go:embed catalog.yml
var builtinYAML []byte

var builtin = mustParse(builtinYAML)

// Default returns the built-in catalog. Callers must not modify it; Merge
// returns a copy.
func Default() *Catalog { return builtin }

func mustParse(data []byte) *Catalog {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		panic(fmt.Sprintf("catalog.yml: %v", err))
	}
	if len(root.Content) == 0 {
		panic("catalog.yml: empty")
	}
	entries, err := DecodeEntries(root.Content[0])
	if err != nil {
		panic(fmt.Sprintf("catalog.yml: %v", err))
	}
	return &Catalog{Entries: entries}
}

// DecodeEntries reads a YAML sequence of entries strictly: unknown keys,
// a missing language or an entry that is neither client nor resource are
// errors that name the line.
func DecodeEntries(seq *yaml.Node) ([]Entry, error) {
	if seq.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("line %d: want a list of entries", seq.Line)
	}
	var out []Entry
	for _, item := range seq.Content {
		var e Entry
		if err := decodeStrict(item, &e); err != nil {
			return nil, err
		}
		e.Line = item.Line
		if err := e.validate(); err != nil {
			return nil, fmt.Errorf("line %d: %v", item.Line, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// decodeStrict decodes n into v, rejecting keys that v does not declare.
func decodeStrict(n *yaml.Node, v *Entry) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: want a mapping", n.Line)
	}
	known := yamlKeys()
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(known, k.Value) {
			return fmt.Errorf("line %d: unknown key %q in catalog entry", k.Line, k.Value)
		}
		if k.Value == "pool" {
			if err := checkPoolKeys(n.Content[i+1]); err != nil {
				return err
			}
		}
	}
	if err := n.Decode(v); err != nil {
		return fmt.Errorf("line %d: %v", n.Line, err)
	}
	return nil
}

func yamlKeys() []string {
	return []string{"language", "client", "resource", "package", "generated_from",
		"constructors", "type", "acquire", "release", "released_by", "read_by", "next_loop_closes", "hand_off",
		"modules", "new", "calls", "acquire_methods", "disposes",
		"chains", "connection_string", "generated_modules", "pool"}
}

func (e *Entry) validate() error {
	switch e.Language {
	case Go, JS:
	case "":
		return fmt.Errorf("entry needs language: go or js")
	default:
		return fmt.Errorf("language %q: want go or js", e.Language)
	}
	if (e.Client == "") == (e.Resource == "") {
		return fmt.Errorf("entry needs exactly one of client or resource")
	}
	if e.Language == Go {
		if e.Package == "" && e.GeneratedFrom == "" {
			return fmt.Errorf("go entry needs package or generated_from")
		}
		if e.Client != "" && len(e.Constructors) == 0 {
			return fmt.Errorf("go client %q needs constructors", e.Client)
		}
		if e.Resource != "" && (e.Type == "" || len(e.Acquire) == 0) {
			return fmt.Errorf("go resource %q needs type and acquire", e.Resource)
		}
	}
	if e.Language == JS && len(e.Modules) == 0 && len(e.GeneratedModules) == 0 {
		return fmt.Errorf("js entry needs modules or generated_modules")
	}
	if e.Pool != nil {
		return e.Pool.validate()
	}
	return nil
}

// Merge returns a catalog with the extra entries appended to c's.
func (c *Catalog) Merge(extra []Entry) *Catalog {
	if len(extra) == 0 {
		return c
	}
	out := &Catalog{Entries: slices.Clone(c.Entries)}
	out.Entries = append(out.Entries, extra...)
	return out
}

// Lang returns the entries of one language.
func (c *Catalog) Lang(lang string) []Entry {
	var out []Entry
	for _, e := range c.Entries {
		if e.Language == lang {
			out = append(out, e)
		}
	}
	return out
}

// GoClients returns the Go client entries (constructors).
func (c *Catalog) GoClients() []Entry {
	var out []Entry
	for _, e := range c.Entries {
		if e.Language == Go && e.Client != "" {
			out = append(out, e)
		}
	}
	return out
}

// GoResources returns the Go resource entries.
func (c *Catalog) GoResources() []Entry {
	var out []Entry
	for _, e := range c.Entries {
		if e.Language == Go && e.Resource != "" {
			out = append(out, e)
		}
	}
	return out
}

// IsGoPackage reports whether path is a package some Go entry names: the
// packages whose types' methods may acquire resources.
func (c *Catalog) IsGoPackage(path string) bool {
	for _, e := range c.Entries {
		if e.Language == Go && e.Package != "" && (e.Package == path || vendored(path, e.Package)) {
			return true
		}
	}
	return false
}

// vendored reports whether path is pkg under a vendor directory.
func vendored(path, pkg string) bool {
	return strings.HasSuffix(path, "/vendor/"+pkg)
}
