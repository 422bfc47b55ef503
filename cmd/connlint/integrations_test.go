package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/analyzers/ruledoc"
)

func TestRulesCommand(t *testing.T) {
	out, stderr, code := connlint(t, t.TempDir(), "rules")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, r := range ruledoc.Rules {
		for _, want := range []string{r.ID + ": " + r.Name, "Why: " + r.Why, "Bad (Go)", "Good (Go)", "Bad (TypeScript)", "Good (TypeScript)", r.HelpURI()} {
			if !strings.Contains(out, want) {
				t.Errorf("connlint rules lacks %q", want)
			}
		}
		// The examples are printed whole.
		for _, ex := range []ruledoc.Example{r.GoBad, r.GoGood, r.TSBad, r.TSGood} {
			for _, line := range strings.Split(ex.Code, "\n") {
				if line != "" && !strings.Contains(out, "    "+line+"\n") {
					t.Errorf("%s: example %s not printed whole: %q missing", r.ID, ex.File, line)
					break
				}
			}
		}
	}
	one, _, _ := connlint(t, t.TempDir(), "rules", "release", "--format", "json")
	var rules []map[string]any
	if err := json.Unmarshal([]byte(one), &rules); err != nil || len(rules) != 1 || rules[0]["id"] != "release" {
		t.Errorf("rules release --format json: %v %s", err, one)
	}
	if _, stderr, code := connlint(t, t.TempDir(), "rules", "nosuch"); code != 2 || !strings.Contains(stderr, "singleton, release") {
		t.Errorf("unknown rule: exit %d, %q", code, stderr)
	}
}

func TestInitDetectsSingletonsAndScripts(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod": goMod,
		"internal/store/store.go": "package store\n\nimport (\n\t\"context\"\n\n\t\"github.com/jackc/pgx/v5/pgxpool\"\n)\n\n" +
			"var Pool *pgxpool.Pool\n\nfunc Init(ctx context.Context, url string) (err error) {\n\tPool, err = pgxpool.New(ctx, url)\n\treturn err\n}\n",
		"internal/cache/cache.go": "package cache\n\nimport redis \"github.com/redis/go-redis/v9\"\n\nvar Client = redis.NewClient(&redis.Options{})\n",
		"api/h.go":                "package api\n\nimport \"database/sql\"\n\nfunc H() { db, _ := sql.Open(\"pgx\", \"\"); db.Close() }\n",
		"api/h_test.go":           "package api\n\nimport \"database/sql\"\n\nvar testDB, _ = sql.Open(\"pgx\", \"\")\n",
		"cmd/server/main.go":      "package main\n\nimport \"database/sql\"\n\nvar db, _ = sql.Open(\"pgx\", \"\")\n\nfunc main() { db.Close() }\n",
		"tools/backfill.go":       "//go:build ignore\n\npackage main\n\nfunc main() {}\n",
		"lib/prisma.ts": "import { PrismaClient } from \"@prisma/client\";\n\nconst g = globalThis as unknown as { prisma?: PrismaClient };\n" +
			"export const prisma = g.prisma ?? new PrismaClient();\nif (process.env.NODE_ENV !== \"production\") g.prisma = prisma;\n",
		"lib/redis.ts":         "import Redis from \"ioredis\";\n\nexport const redis = new Redis(process.env.REDIS_URL);\n",
		"app/api/u/route.ts":   "import { PrismaClient } from \"@prisma/client\";\nexport async function GET() { const p = new PrismaClient(); }\n",
		"lib/notes.ts":         "// new PrismaClient() from \"@prisma/client\" in a comment\nexport const x = 1;\n",
		"prisma/seed.ts":       "import { PrismaClient } from \"@prisma/client\";\nexport const prisma = new PrismaClient();\n",
		"scripts/migrate.ts":   "import { Pool } from \"pg\";\nexport const pool = new Pool();\n",
		"tasks/nightly.mjs":    "import postgres from \"postgres\";\n",
		"node_modules/x/db.js": "const { Pool } = require(\"pg\");\nmodule.exports = new Pool();\n",
		"package.json":         `{"name":"x","scripts":{"nightly":"node ./tasks/nightly.mjs --fast","dev":"next dev"},"prisma":{"seed":"tsx prisma/seed.ts"}}`,
	})
	out, stderr, code := connlint(t, dir, "init")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "wrote .connlint.yml") {
		t.Errorf("stdout %q", out)
	}
	cfg, err := config.Load(filepath.Join(dir, ".connlint.yml"))
	if err != nil {
		t.Fatalf("the written config does not load: %v", err)
	}
	wantSingleton := []string{"internal/cache", "internal/store", "lib/prisma.ts", "lib/redis.ts"}
	wantScripts := []string{"prisma/seed.ts", "scripts/**", "tasks/nightly.mjs", "tools/backfill.go"}
	if strings.Join(cfg.Singleton, ",") != strings.Join(wantSingleton, ",") {
		t.Errorf("singleton %v, want %v", cfg.Singleton, wantSingleton)
	}
	if strings.Join(cfg.Scripts, ",") != strings.Join(wantScripts, ",") {
		t.Errorf("scripts %v, want %v", cfg.Scripts, wantScripts)
	}
	data, _ := os.ReadFile(filepath.Join(dir, ".connlint.yml"))
	if !strings.Contains(string(data), "# Go: pgxpool.New into a package variable (internal/store/store.go:12)") {
		t.Errorf("evidence missing:\n%s", data)
	}

	// An existing config is kept unless --force.
	if _, stderr, code := connlint(t, dir, "init"); code != 2 || !strings.Contains(stderr, "exists") {
		t.Errorf("second init: exit %d, %q", code, stderr)
	}
	if _, _, code := connlint(t, dir, "init", "--force"); code != 0 {
		t.Errorf("init --force: exit %d", code)
	}
	empty := t.TempDir()
	out, _, code = connlint(t, empty, "init", "--stdout")
	if code != 0 || !strings.Contains(out, "singleton: []  # none found") {
		t.Errorf("empty project: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(empty, ".connlint.yml")); err == nil {
		t.Error("--stdout wrote the file")
	}
}

// TestInitSeesCodeBelowAComment: a line comment above the client (as the
// rules' own good example has) once hid the rest of the file from init.
func TestInitSeesCodeBelowAComment(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"package.json": `{"name":"x","dependencies":{"@prisma/client":"6.0.0"}}`,
		"lib/prisma.ts": "import { PrismaClient } from \"@prisma/client\";\n\n// One client per process.\n" +
			"const g = globalThis as unknown as { prisma?: PrismaClient };\n/* kept across hot reloads */\n" +
			"export const prisma = g.prisma ?? new PrismaClient();\nif (process.env.NODE_ENV !== \"production\") g.prisma = prisma;\n",
		"lib/notes.ts": "/* import { Pool } from \"pg\";\nexport const pool = new Pool(); */\n// export const p = new PrismaClient();\nexport const x = 1;\n",
	})
	out, stderr, code := connlint(t, dir, "init", "--stdout")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, `- "lib/prisma.ts"  # TS/JS: prisma client cached on globalThis`) || strings.Contains(out, "lib/notes.ts") {
		t.Errorf("want lib/prisma.ts (and not the commented-out lib/notes.ts) as the singleton:\n%s", out)
	}
}

// gitCmd runs git in dir with a fixed identity.
func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

const leakyStore = `package store

import (
	"context"
	"database/sql"
)

func Names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, nil
}
`

func findingsOf(t *testing.T, out string) []diag.Finding {
	t.Helper()
	var res diag.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	return res.Findings
}

// TestGatingOnAGitRepository builds a repository with an old finding,
// then a change that moves it and adds a new one: --new-from-rev, a patch
// and a baseline each report only the new one.
func TestGatingOnAGitRepository(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	dir := writeTree(t, map[string]string{"go.mod": goMod, "store/store.go": leakyStore})
	gitCmd(t, dir, "init", "-q", "-b", "main")
	gitCmd(t, dir, "add", "-A")
	gitCmd(t, dir, "commit", "-q", "-m", "base")

	out, _, code := connlint(t, dir, "--format", "json", "./...")
	old := findingsOf(t, out)
	if code != 1 || len(old) != 1 || old[0].Rule != "release" || old[0].Line != 9 {
		t.Fatalf("want one release finding on line 9 before the change; exit %d: %+v", code, old)
	}
	if out, stderr, code := connlint(t, dir, "baseline"); code != 0 || !strings.Contains(out, "recorded 1 finding(s) in .connlint-baseline.json") {
		t.Fatalf("connlint baseline: exit %d, %s %s", code, out, stderr)
	}
	gitCmd(t, dir, "add", ".connlint-baseline.json")
	gitCmd(t, dir, "commit", "-q", "-m", "baseline")

	// The change: a doc comment above Names moves the old finding down
	// two lines; a new function leaks again.
	changed := strings.Replace(leakyStore, "func Names(", "// Names lists users.\n// It is old.\nfunc Names(", 1) + `
func Count(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT count(*) FROM users")
	if err != nil {
		return 0, err
	}
	var n int
	if rows.Next() {
		err = rows.Scan(&n)
	}
	return n, err
}
`
	if err := os.WriteFile(filepath.Join(dir, "store/store.go"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ = connlint(t, dir, "--format", "json", "./...")
	if all := findingsOf(t, out); len(all) != 2 {
		t.Fatalf("want the moved finding and the new one: %+v", all)
	}
	newLine := strings.Count(changed[:strings.Index(changed, `rows, err := db.QueryContext(ctx, "SELECT count(*)`)], "\n") + 1

	patch := filepath.Join(t.TempDir(), "pr.patch")
	if err := os.WriteFile(patch, []byte(gitCmd(t, dir, "diff", "HEAD")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--new-from-rev", "HEAD"},
		{"--new-from-rev", "HEAD~1"},
		{"--new-from-patch", patch},
		{"--baseline", ".connlint-baseline.json"},
	} {
		out, stderr, code := connlint(t, dir, append([]string{"--format", "json", "./..."}, args...)...)
		got := findingsOf(t, out)
		if code != 1 || len(got) != 1 || got[0].Line != newLine {
			t.Errorf("%v: exit %d, %+v; want only the new finding on line %d (%s)", args, code, got, newLine, stderr)
		}
	}

	// Once committed, nothing is new since HEAD; the baseline still
	// reports the new finding, which it never recorded.
	gitCmd(t, dir, "commit", "-q", "-am", "count")
	if out, _, code := connlint(t, dir, "--format", "json", "--new-from-rev", "HEAD", "./..."); code != 0 || len(findingsOf(t, out)) != 0 {
		t.Errorf("--new-from-rev HEAD after commit: exit %d %s", code, out)
	}
	if _, stderr, code := connlint(t, dir, "--new-from-rev", "nosuchrev", "./..."); code != 2 || !strings.Contains(stderr, "nosuchrev") {
		t.Errorf("bad revision: exit %d %q", code, stderr)
	}
	if _, stderr, code := connlint(t, dir, "--baseline", "missing.json", "./..."); code != 2 || !strings.Contains(stderr, "connlint baseline") {
		t.Errorf("missing baseline: exit %d %q", code, stderr)
	}
}

// TestCIFormatsOnARealRun runs the binary with each CI format on a leak.
func TestCIFormatsOnARealRun(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	dir := writeTree(t, map[string]string{"go.mod": goMod, "store/store.go": leakyStore})
	gitCmd(t, dir, "init", "-q")
	sub := filepath.Join(dir, "store")

	out, _, code := connlint(t, sub, "--format", "github", ".")
	if code != 1 || !strings.HasPrefix(out, "::error file=store/store.go,line=9,col=") || !strings.Contains(out, "title=connlint release::") {
		t.Errorf("github: exit %d\n%s", code, out)
	}
	out, _, code = connlint(t, sub, "--format", "checkstyle", ".")
	if code != 1 || !strings.Contains(out, `<file name="store.go">`) || !strings.Contains(out, `source="connlint.release"`) {
		t.Errorf("checkstyle: exit %d\n%s", code, out)
	}
	out, _, code = connlint(t, sub, "--format", "sarif", ".")
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
				PartialFingerprints map[string]string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil || code != 1 || len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("sarif: exit %d, %v\n%s", code, err, out)
	}
	r := log.Runs[0].Results[0]
	if r.RuleID != "release" || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != "store/store.go" ||
		r.Locations[0].PhysicalLocation.Region.StartLine != 9 || r.PartialFingerprints["connlint/v1"] == "" {
		t.Errorf("sarif result %+v", r)
	}
}

// TestRuleExamplesAreWhatTheyClaim checks the examples `connlint rules`
// prints: each bad one gets a finding of its rule, each good one none.
func TestRuleExamplesAreWhatTheyClaim(t *testing.T) {
	t.Parallel() // a temporary copy of its own; runs beside the others
	for _, r := range ruledoc.Rules {
		for _, tc := range []struct {
			ex      ruledoc.Example
			flagged bool
		}{{r.GoBad, true}, {r.GoGood, false}, {r.TSBad, true}, {r.TSGood, false}} {
			t.Run(r.ID+"/"+tc.ex.File, func(t *testing.T) {
				// The singleton examples are a Next.js app (route handlers,
				// the globalThis cache); the release ones a plain service.
				pkg := `{"name":"svc","dependencies":{"pg":"8.0.0"}}`
				if r.ID == diag.RuleSingleton {
					pkg = `{"name":"app","dependencies":{"next":"15.0.0","@prisma/client":"6.0.0"}}`
				}
				files := map[string]string{"go.mod": goMod, "package.json": pkg, tc.ex.File: tc.ex.Code}
				dir := writeTree(t, files)
				out, stderr, _ := connlint(t, dir, "--format", "json", "./...")
				var res diag.Result
				if err := json.Unmarshal([]byte(out), &res); err != nil {
					t.Fatalf("%v: %s %s", err, out, stderr)
				}
				if len(res.Errors) > 0 {
					t.Fatalf("example not checkable: %+v", res.Errors)
				}
				got := 0
				for _, f := range res.Findings {
					if f.Rule == r.ID {
						got++
					}
				}
				if tc.flagged && got == 0 || !tc.flagged && len(res.Findings) > 0 {
					t.Errorf("flagged %v, want %v: %+v", got > 0, tc.flagged, res.Findings)
				}
			})
		}
	}
}
