package pools

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// prismaSchema is the datasource a Prisma client connects with.
type prismaSchema struct {
	File     string // relative to the working directory
	Line     int
	Provider string
	// URL is the datasource url: a literal, or Env names the variable of
	// env("X").
	URL, Env string
	// FromConfig: the url is prisma.config.ts's datasource (Prisma 6.x+).
	FromConfig bool
}

// prismaSchemas finds, once per folder, the schema a package's Prisma
// client is generated from.
type prismaSchemas struct {
	wd   string
	root string // the folder the run walks: the fallback search
	mu   sync.Mutex
	byPk map[string]*prismaSchema
	all  []string // every schema file under root (lazy)
	done bool
}

// forPackage returns the schema of the package in pkgDir (the folder of
// its package.json): package.json "prisma.schema", prisma.config.ts,
// prisma/schema.prisma, schema.prisma, prisma/schema/*.prisma; else the
// one schema of the project, or the nearest when there are several.
func (ps *prismaSchemas) forPackage(pkgDir string) *prismaSchema {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if s, ok := ps.byPk[pkgDir]; ok {
		return s
	}
	s := ps.find(pkgDir)
	ps.byPk[pkgDir] = s
	return s
}

func (ps *prismaSchemas) find(pkgDir string) *prismaSchema {
	cfgURL, cfgEnv, cfgSchema := readPrismaConfig(pkgDir)
	var candidates []string
	if p := packageJSONSchema(pkgDir); p != "" {
		candidates = append(candidates, p)
	}
	if cfgSchema != "" {
		candidates = append(candidates, filepath.Join(pkgDir, cfgSchema))
	}
	candidates = append(candidates,
		filepath.Join(pkgDir, "prisma", "schema.prisma"),
		filepath.Join(pkgDir, "schema.prisma"))
	if multi, _ := filepath.Glob(filepath.Join(pkgDir, "prisma", "schema", "*.prisma")); len(multi) > 0 {
		candidates = append(candidates, multi...)
	}
	var s *prismaSchema
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			files, _ := filepath.Glob(filepath.Join(c, "*.prisma"))
			for _, f := range files {
				if s = ps.parse(f); s != nil {
					break
				}
			}
		} else if s = ps.parse(c); s != nil {
			break
		}
		if s != nil {
			break
		}
	}
	if s == nil {
		s = ps.nearest(pkgDir)
	}
	if s != nil && s.URL == "" && s.Env == "" && (cfgURL != "" || cfgEnv != "") {
		s.URL, s.Env, s.FromConfig = cfgURL, cfgEnv, true
	}
	if s == nil && (cfgURL != "" || cfgEnv != "") {
		s = &prismaSchema{File: relTo(ps.wd, filepath.Join(pkgDir, "prisma.config.ts")), URL: cfgURL, Env: cfgEnv, FromConfig: true}
	}
	return s
}

// nearest is the project's schema with a datasource whose folder shares
// the longest prefix with dir.
func (ps *prismaSchemas) nearest(dir string) *prismaSchema {
	if !ps.done {
		ps.done = true
		filepath.WalkDir(ps.root, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if skipWalk(d.Name()) && path != ps.root {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(d.Name(), ".prisma") {
				ps.all = append(ps.all, path)
			}
			return nil
		})
	}
	var best *prismaSchema
	bestLen := -1
	for _, f := range ps.all {
		s := ps.parse(f)
		if s == nil {
			continue
		}
		if n := commonPrefix(filepath.Dir(f), dir); n > bestLen {
			best, bestLen = s, n
		}
	}
	return best
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

var (
	datasourceBlock = regexp.MustCompile(`(?s)datasource\s+\w+\s*\{(.*?)\}`)
	providerLine    = regexp.MustCompile(`provider\s*=\s*"([^"]*)"`)
	urlEnvLine      = regexp.MustCompile(`(?m)^\s*url\s*=\s*env\(\s*"([^"]+)"\s*\)`)
	urlLitLine      = regexp.MustCompile(`(?m)^\s*url\s*=\s*"([^"]*)"`)
)

// parse reads the datasource block of a .prisma file; nil without one.
func (ps *prismaSchemas) parse(path string) *prismaSchema {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	loc := datasourceBlock.FindSubmatchIndex(data)
	if loc == nil {
		return nil
	}
	body := data[loc[2]:loc[3]]
	s := &prismaSchema{File: relTo(ps.wd, path), Line: 1 + strings.Count(string(data[:loc[0]]), "\n")}
	if m := providerLine.FindSubmatch(body); m != nil {
		s.Provider = string(m[1])
	}
	if m := urlEnvLine.FindSubmatch(body); m != nil {
		s.Env = string(m[1])
	} else if m := urlLitLine.FindSubmatch(body); m != nil {
		s.URL = string(m[1])
	}
	return s
}

var (
	configSchema = regexp.MustCompile(`schema\s*:\s*["'` + "`" + `]([^"'` + "`" + `]+)["'` + "`" + `]`)
	configEnvURL = regexp.MustCompile(`url\s*:\s*(?:env\(\s*["'` + "`" + `]([A-Za-z_][A-Za-z0-9_]*)["'` + "`" + `]\s*\)|process\.env\.([A-Za-z_][A-Za-z0-9_]*))`)
)

// readPrismaConfig reads prisma.config.ts (or .js/.mts): its schema path
// and its datasource url (env("X") or process.env.X).
func readPrismaConfig(dir string) (url, env, schema string) {
	for _, name := range []string{"prisma.config.ts", "prisma.config.mts", "prisma.config.js", "prisma.config.mjs"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		if m := configSchema.FindSubmatch(data); m != nil {
			schema = string(m[1])
		}
		if m := configEnvURL.FindSubmatch(data); m != nil {
			env = firstNonEmpty(string(m[1]), string(m[2]))
		}
		return url, env, schema
	}
	return "", "", ""
}

// packageJSONSchema is package.json's "prisma": {"schema": ...}.
func packageJSONSchema(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return ""
	}
	var pj struct {
		Prisma struct {
			Schema string `json:"schema"`
		} `json:"prisma"`
	}
	if json.Unmarshal(data, &pj) != nil || pj.Prisma.Schema == "" {
		return ""
	}
	return filepath.Join(dir, pj.Prisma.Schema)
}

// providerServer maps a Prisma provider to a server kind.
func providerServer(p string) string {
	switch p {
	case "postgresql", "postgres", "cockroachdb":
		return "postgres"
	case "mysql":
		return "mysql"
	case "sqlite":
		return "sqlite"
	case "mongodb":
		return "mongodb"
	case "sqlserver":
		return "sqlserver"
	}
	return ""
}

// skipWalk: folders no deployable's source lives in.
func skipWalk(name string) bool {
	switch name {
	case "node_modules", ".git", "dist", "build", ".next", ".turbo", "coverage", "vendor", ".cache", "out", ".output", ".vercel":
		return true
	}
	return false
}
