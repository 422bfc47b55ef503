package pools

import (
	"bufio"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// EnvValue is one definition of an environment variable found in the
// project: a .env file or a docker-compose service's environment.
type EnvValue struct {
	Value string
	File  string // relative to the working directory
	Line  int
}

// Where is file:line.
func (v EnvValue) Where() string { return siteID(v.File, v.Line) }

// envIndex reads the environment files of a project once: .env and
// .env.* files, docker-compose (compose) files' environment sections.
type envIndex struct {
	wd    string
	mu    sync.Mutex
	dirs  map[string]map[string][]EnvValue // folder -> name -> values
	stops map[string]bool                  // folders the upward search stops at
}

func newEnvIndex(wd string, stops []string) *envIndex {
	ix := &envIndex{wd: wd, dirs: map[string]map[string][]EnvValue{}, stops: map[string]bool{}}
	for _, s := range stops {
		ix.stops[s] = true
	}
	return ix
}

// Lookup returns the definitions of name visible from dir: in dir and
// each folder above it up to (and including) the first stop folder.
// Values are sorted by file.
func (ix *envIndex) Lookup(dir, name string) []EnvValue {
	var out []EnvValue
	for d := dir; ; {
		out = append(out, ix.folder(d)[name]...)
		if ix.stops[d] {
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].File < out[j].File })
	return deployed(out)
}

// Environment file classes: what a deployed process reads.
const (
	envProduction = iota
	envGeneral
	envDevelopment
)

// envClass sorts a definition's file: .env.production and prod compose
// files are production; .env.development, .env.test, .env.local are a
// developer's; the rest (.env, .env.example, compose) general.
func envClass(file string) int {
	base := strings.ToLower(filepath.Base(file))
	switch {
	case strings.HasPrefix(base, ".env.prod"), isComposeFile(base) && strings.Contains(base, "prod"):
		return envProduction
	case strings.HasPrefix(base, ".env.dev"), strings.HasPrefix(base, ".env.test"), base == ".env.local",
		isComposeFile(base) && (strings.Contains(base, "dev") || strings.Contains(base, "test")):
		return envDevelopment
	}
	return envGeneral
}

// deployed keeps the definitions a deployed process reads: production
// files when there are, else the general ones, else all.
func deployed(vals []EnvValue) []EnvValue {
	for _, class := range []int{envProduction, envGeneral} {
		var out []EnvValue
		for _, v := range vals {
			if envClass(v.File) == class {
				out = append(out, v)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return vals
}

func (ix *envIndex) folder(dir string) map[string][]EnvValue {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if m, ok := ix.dirs[dir]; ok {
		return m
	}
	m := map[string][]EnvValue{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := e.Name()
		path := filepath.Join(dir, name)
		switch {
		case name == ".env" || strings.HasPrefix(name, ".env."):
			readDotenv(path, ix.rel(path), m)
		case isComposeFile(name):
			readCompose(path, ix.rel(path), m)
		}
	}
	ix.dirs[dir] = m
	return m
}

func (ix *envIndex) rel(path string) string { return relTo(ix.wd, path) }

func isComposeFile(name string) bool {
	base := strings.TrimSuffix(strings.TrimSuffix(name, ".yml"), ".yaml")
	if base == name {
		return false
	}
	return base == "docker-compose" || base == "compose" ||
		strings.HasPrefix(base, "docker-compose.") || strings.HasPrefix(base, "compose.")
}

// readDotenv reads KEY=value lines (export prefix, quotes and trailing
// comments allowed).
func readDotenv(path, rel string, into map[string][]EnvValue) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.TrimSpace(k)
		into[k] = append(into[k], EnvValue{Value: unquoteEnv(strings.TrimSpace(v)), File: rel, Line: n})
	}
}

// unquoteEnv strips quotes, or an unquoted value's trailing comment.
func unquoteEnv(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'' || v[0] == '`') {
		if i := strings.IndexByte(v[1:], v[0]); i >= 0 {
			return v[1 : i+1]
		}
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	return v
}

// readCompose reads services.*.environment (a mapping, or a list of
// KEY=value) of a docker-compose file.
func readCompose(path, rel string, into map[string][]EnvValue) {
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return
	}
	services := mapValue(doc.Content[0], "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return
	}
	for i := 1; i < len(services.Content); i += 2 {
		env := mapValue(services.Content[i], "environment")
		if env == nil {
			continue
		}
		switch env.Kind {
		case yaml.MappingNode:
			for j := 0; j+1 < len(env.Content); j += 2 {
				k, v := env.Content[j], env.Content[j+1]
				into[k.Value] = append(into[k.Value], EnvValue{Value: v.Value, File: rel, Line: k.Line})
			}
		case yaml.SequenceNode:
			for _, it := range env.Content {
				if k, v, ok := strings.Cut(it.Value, "="); ok {
					into[k] = append(into[k], EnvValue{Value: v, File: rel, Line: it.Line})
				}
			}
		}
	}
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// URLParam reads a query parameter of a connection string (URL or
// key=value DSN). ok is false when the string has no such parameter.
func URLParam(conn, name string) (string, bool) {
	if i := strings.Index(conn, "?"); i >= 0 && strings.Contains(conn, "://") {
		q, err := url.ParseQuery(conn[i+1:])
		if err != nil {
			// A template's placeholder may not parse: read it by hand.
			for _, kv := range strings.Split(conn[i+1:], "&") {
				if k, v, ok := strings.Cut(kv, "="); ok && k == name {
					return v, true
				}
			}
			return "", false
		}
		if v, ok := q[name]; ok && len(v) > 0 {
			return v[len(v)-1], true
		}
		return "", false
	}
	if strings.Contains(conn, "://") {
		return "", false
	}
	// key=value DSN (libpq style).
	for _, kv := range strings.Fields(conn) {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return strings.Trim(v, `'"`), true
		}
	}
	return "", false
}

// schemeServer names the server kind of a connection string's scheme.
func schemeServer(conn string) string {
	i := strings.Index(conn, "://")
	if i <= 0 {
		return ""
	}
	switch strings.ToLower(conn[:i]) {
	case "postgres", "postgresql", "prisma+postgres":
		return "postgres"
	case "mysql", "mariadb", "mysqlx":
		return "mysql"
	case "redis", "rediss":
		return "redis"
	case "mongodb", "mongodb+srv":
		return "mongodb"
	case "file", "sqlite":
		return "sqlite"
	case "sqlserver":
		return "sqlserver"
	}
	return ""
}

func relTo(wd, path string) string {
	if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(path)
}
