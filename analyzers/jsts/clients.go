package jsts

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/connlint/connlint/analyzers/catalog"
)

// jsCatalog is the JS half of the catalog, indexed for the engine.
type jsCatalog struct {
	clients   []*catalog.Entry
	resources []*catalog.Entry
	byModule  map[string][]*catalog.Entry
	generated []*catalog.Entry
	// needles: text whose absence proves a file cannot construct a client
	// or import a catalog module (module names, "prisma" for generated
	// clients).
	needles [][]byte
	// needleSet holds the needles for the one-pass scan: all needles when
	// scannable, else nil; maxSlash is the most '/' in one needle.
	needleSet map[string]bool
	maxSlash  int
	maxLen    int
	memo      sync.Map // spec -> []*catalog.Entry
}

func newJSCatalog(c *catalog.Catalog) *jsCatalog {
	jc := &jsCatalog{byModule: map[string][]*catalog.Entry{}}
	seen := map[string]bool{}
	addNeedle := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			jc.needles = append(jc.needles, []byte(s))
		}
	}
	entries := c.Lang(catalog.JS)
	for i := range entries {
		e := &entries[i]
		if e.Client != "" {
			jc.clients = append(jc.clients, e)
		} else {
			jc.resources = append(jc.resources, e)
		}
		for _, m := range e.Modules {
			jc.byModule[m] = append(jc.byModule[m], e)
			addNeedle(m)
		}
		if len(e.GeneratedModules) > 0 && e.Client != "" {
			jc.generated = append(jc.generated, e)
			for _, g := range e.GeneratedModules {
				// Every literal path segment of the glob appears in any
				// specifier it matches; the longest is the needle.
				best := ""
				for _, s := range strings.Split(g, "/") {
					if !strings.ContainsAny(s, "*?[{") && len(s) > len(best) {
						best = s
					}
				}
				if best == "" {
					// No literal to look for: every file may match.
					jc.needles = append(jc.needles, nil)
				}
				addNeedle(best)
			}
		}
	}
	jc.needleSet = map[string]bool{}
	for _, n := range jc.needles {
		if len(n) == 0 || bytes.ContainsAny(n, "'\"`") {
			// an empty needle matches everything; a quote cannot be
			// inside one token: scan needle by needle
			jc.needleSet = nil
			break
		}
		jc.needleSet[string(n)] = true
		jc.maxSlash = max(jc.maxSlash, bytes.Count(n, []byte("/")))
		jc.maxLen = max(jc.maxLen, len(n))
	}
	return jc
}

// isDelim: the bytes a needle must sit between (quotes and slashes).
var isDelim = [256]bool{'\'': true, '"': true, '`': true, '/': true}

// mentions reports whether src may import a catalog module: a needle
// between two delimiters (see mentionsEach). One pass: at each delimiter,
// the text up to the next delimiter, or through up to maxSlash more
// slashes, is looked up in the needle set.
func (jc *jsCatalog) mentions(src []byte) bool {
	if jc.needleSet == nil {
		return jc.mentionsEach(src)
	}
	if len(jc.needleSet) == 0 {
		return false
	}
	n := len(src)
	for d := 0; d < n; d++ {
		if !isDelim[src[d]] {
			continue
		}
		start := d + 1
		slashes := 0
		for e := start + 1; e < n; e++ {
			c := src[e]
			if !isDelim[c] {
				continue
			}
			if e-start > jc.maxLen {
				break
			}
			if jc.needleSet[string(src[start:e])] {
				return true
			}
			if c != '/' || slashes == jc.maxSlash {
				break
			}
			slashes++
		}
	}
	return false
}

// mentionsEach is mentions needle by needle: a needle
// inside a string literal, at its start (a module name) or as a path
// segment (a generated client folder). Specifiers are always string
// literals, so a file without one cannot import the module.
func (jc *jsCatalog) mentionsEach(src []byte) bool {
	for _, n := range jc.needles {
		if len(n) == 0 {
			return true
		}
		rest := src
		for {
			i := bytes.Index(rest, n)
			if i < 0 {
				break
			}
			before := byte(0)
			if i > 0 {
				before = rest[i-1]
			}
			after := byte(0)
			if j := i + len(n); j < len(rest) {
				after = rest[j]
			}
			if (before == '\'' || before == '"' || before == '`' || before == '/') &&
				(after == '\'' || after == '"' || after == '`' || after == '/') {
				return true
			}
			rest = rest[i+1:]
		}
	}
	return false
}

// entriesFor returns the client entries whose modules include spec.
func (jc *jsCatalog) entriesFor(spec string) []*catalog.Entry {
	if v, ok := jc.memo.Load(spec); ok {
		return v.([]*catalog.Entry)
	}
	out := jc.entriesForUncached(spec)
	jc.memo.Store(spec, out)
	return out
}

func (jc *jsCatalog) entriesForUncached(spec string) []*catalog.Entry {
	if out := jc.packageEntries(spec); len(out) > 0 {
		return out
	}
	// A generated client is imported by a path, with or without the
	// extension ESM TypeScript writes (../generated/prisma/client.js) and
	// its index.
	forms := []string{spec, strings.TrimPrefix(strings.TrimPrefix(spec, "./"), "../")}
	if s := stripOutputExt(stripSourceExt(forms[1])); s != forms[1] {
		forms = append(forms, s)
	}
	if s := strings.TrimSuffix(forms[len(forms)-1], "/index"); s != forms[len(forms)-1] {
		forms = append(forms, s)
	}
	for _, e := range jc.generated {
		for _, g := range e.GeneratedModules {
			for _, s := range forms {
				if ok, _ := doublestar.Match(g, s); ok {
					return []*catalog.Entry{e}
				}
			}
		}
	}
	return nil
}

// packageEntries returns the client entries of a catalog package (pg,
// @prisma/client, @prisma/client/edge.js as ESM names it), not of a
// generated module.
func (jc *jsCatalog) packageEntries(spec string) []*catalog.Entry {
	var out []*catalog.Entry
	mods := jc.byModule[spec]
	if len(mods) == 0 && !strings.HasPrefix(spec, ".") {
		mods = jc.byModule[stripOutputExt(spec)]
	}
	for _, e := range mods {
		if e.Client != "" {
			out = append(out, e)
		}
	}
	return out
}

// generatedModule is the package a generated client stands for when it is
// imported by a path no glob names (a custom output folder found by
// resolution): the first module of the first generated entry.
func (jc *jsCatalog) generatedModule() string {
	for _, e := range jc.generated {
		if len(e.Modules) > 0 {
			return e.Modules[0]
		}
	}
	return ""
}

// canonical is the specifier the catalog matches for spec: the first
// module of its entry (a generated client path is @prisma/client), or
// spec itself.
func (jc *jsCatalog) canonical(spec string) string {
	if es := jc.entriesFor(spec); len(es) > 0 && len(es[0].Modules) > 0 {
		return es[0].Modules[0]
	}
	return spec
}

// stripSourceExt drops a TypeScript source extension.
func stripSourceExt(s string) string {
	for _, e := range []string{".ts", ".tsx", ".mts", ".cts"} {
		if strings.HasSuffix(s, e) && !strings.HasSuffix(s, ".d"+e) {
			return strings.TrimSuffix(s, e)
		}
	}
	return s
}

// isCatalogModule reports a catalog module or a generated client module,
// by its specifier alone (project.catalogSpec also resolves it).
func (jc *jsCatalog) isCatalogModule(spec string) bool { return len(jc.entriesFor(spec)) > 0 }

// normPath drops a leading "default": for CommonJS modules the default
// export is the module object.
func normPath(path []string) []string {
	if len(path) > 0 && path[0] == "default" {
		return path[1:]
	}
	return path
}

func pathIs(path []string, name string) bool {
	if name == "default" {
		return len(path) == 0
	}
	return strings.Join(path, ".") == name
}

// matchNew finds the entry whose class `new` of module spec at path builds.
func (jc *jsCatalog) matchNew(spec string, path []string) *catalog.Entry {
	p := normPath(path)
	for _, e := range jc.entriesFor(spec) {
		for _, n := range e.New {
			if pathIs(p, n) || len(path) > 0 && pathIs(path, n) && n != "default" {
				return e
			}
		}
	}
	return nil
}

// matchCall finds the entry whose function at path of module spec builds a
// client when called.
func (jc *jsCatalog) matchCall(spec string, path []string) *catalog.Entry {
	p := normPath(path)
	for _, e := range jc.entriesFor(spec) {
		for _, n := range e.Calls {
			if pathIs(p, n) || len(path) > 0 && pathIs(path, n) && n != "default" {
				return e
			}
		}
	}
	return nil
}

// resourceFor returns the resource entry handed out by method m of a client
// of entry e.
func (jc *jsCatalog) resourceFor(e *catalog.Entry, m string) *catalog.Entry {
	if !slices.Contains(e.AcquireMethods, m) {
		return nil
	}
	for _, r := range jc.resources {
		if !slices.Contains(r.AcquireMethods, m) {
			continue
		}
		for _, mod := range r.Modules {
			if slices.Contains(e.Modules, mod) {
				return r
			}
		}
	}
	return nil
}

// displayModule is the module named in messages for an entry.
func displayModule(e *catalog.Entry) string {
	if len(e.Modules) > 0 {
		return e.Modules[0]
	}
	return e.Client
}
