package jsts

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestCommandFiles: the file a package.json command runs, through the
// wrappers and runners real projects use.
func TestCommandFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"scripts/seed.ts", "scripts/report.mts", "tools/ops.js", "prisma/seed.ts", "src/index.ts", "bin/cli.cjs"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("export {}\n"), 0o644)
	}
	scripts := map[string]string{
		"seed":       "tsx scripts/seed.ts",
		"db:seed":    "npm run seed",
		"indirect":   "pnpm run db:seed",
		"yarn-short": "yarn seed",
		"loop":       "npm run loop",
	}
	for _, tc := range []struct{ cmd, want string }{
		{"tsx scripts/seed.ts", "scripts/seed.ts"},
		{"node scripts/seed.ts", "scripts/seed.ts"},
		{"ts-node -T -r tsconfig-paths/register scripts/seed.ts", "scripts/seed.ts"},
		{"ts-node --transpile-only prisma/seed.ts", "prisma/seed.ts"},
		{"bun scripts/seed.ts", "scripts/seed.ts"},
		{"bun run scripts/seed.ts", "scripts/seed.ts"},
		{"vite-node scripts/report.mts", "scripts/report.mts"},
		{"node --import tsx scripts/seed.ts", "scripts/seed.ts"},
		{"node --env-file=.env --import=tsx scripts/seed.ts", "scripts/seed.ts"},
		{"node -r dotenv/config tools/ops.js", "tools/ops.js"},
		{"dotenv -- tsx scripts/seed.ts", "scripts/seed.ts"},
		{"dotenv -e .env.local -- tsx scripts/seed.ts", "scripts/seed.ts"},
		{"dotenv -e .env.test -v DEBUG=1 tsx scripts/seed.ts", "scripts/seed.ts"},
		{"cross-env NODE_ENV=production tsx scripts/seed.ts", "scripts/seed.ts"},
		{"NODE_ENV=test DEBUG=1 tsx scripts/seed.ts", "scripts/seed.ts"},
		{"env-cmd -f .env.prod tsx scripts/seed.ts", "scripts/seed.ts"},
		{"npx tsx scripts/seed.ts", "scripts/seed.ts"},
		{"pnpm exec tsx scripts/seed.ts", "scripts/seed.ts"},
		{"prisma generate && tsx scripts/seed.ts", "scripts/seed.ts"},
		{"tsc; node tools/ops.js || echo failed", "tools/ops.js"},
		{"tsx watch src/index.ts", "src/index.ts"},
		{"tsx 'scripts/seed.ts'", "scripts/seed.ts"},
		{"node bin/cli.cjs", "bin/cli.cjs"},
		{"tsx scripts/seed", "scripts/seed.ts"},
		{"npm run seed", "scripts/seed.ts"},
		{"npm run indirect", "scripts/seed.ts"},
		{"yarn seed", "scripts/seed.ts"},
		{"tsx scripts/seed.ts && node tools/ops.js", "scripts/seed.ts,tools/ops.js"},
		// not a project file, or not run by a runtime
		{"next dev", ""},
		{"prisma db seed", ""},
		{"node -e \"require('./tools/ops.js')\"", ""},
		{"tsc -p tsconfig.json", ""},
		{"tsx scripts/missing.ts", ""},
		{"npm run loop", ""},
		{"pnpm --filter web run seed", ""},
		{"node tools/ops.json", ""},
	} {
		var got []string
		for _, f := range commandFiles(newFSCache(), dir, tc.cmd, scripts, 0) {
			r, _ := filepath.Rel(dir, f)
			got = append(got, filepath.ToSlash(r))
		}
		sort.Strings(got)
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%q: %v, want %q", tc.cmd, got, tc.want)
		}
	}
}

// TestDeclaredEntries: scripts, bin (string and map) and the Prisma seed of
// one package.json.
func TestDeclaredEntries(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"scripts/a.ts", "tools/cli.js", "prisma/seed.ts", "lib/db.ts"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("export {}\n"), 0o644)
	}
	pj := filepath.Join(dir, "package.json")
	os.WriteFile(pj, []byte(`{"scripts":{"a":"tsx scripts/a.ts","dev":"next dev"},"bin":{"x":"./tools/cli.js"},"prisma":{"seed":"ts-node prisma/seed.ts"}}`), 0o644)
	got := declaredEntries(newFSCache(), pj)
	var files []string
	for f := range got {
		r, _ := filepath.Rel(dir, f)
		files = append(files, filepath.ToSlash(r))
	}
	sort.Strings(files)
	if strings.Join(files, ",") != "prisma/seed.ts,scripts/a.ts,tools/cli.js" {
		t.Errorf("entries %v", files)
	}
	if why := got[filepath.Join(dir, "prisma", "seed.ts")]; !strings.Contains(why, "prisma.seed") {
		t.Errorf("reason %q", why)
	}
	os.WriteFile(pj, []byte(`{"bin":"tools/cli.js"}`), 0o644)
	if got := declaredEntries(newFSCache(), pj); len(got) != 1 {
		t.Errorf("bin string: %v", got)
	}
}
