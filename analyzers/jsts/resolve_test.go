package jsts

import (
	"os"
	"path/filepath"
	"testing"
)

// TestResolve: specifiers resolve as TypeScript and Node resolve them, to
// the project's sources, in a monorepo shaped like real ones (pnpm
// workspaces, ESM .js specifiers, exports maps pointing at dist/ that is
// not built, #imports, tsconfig extends through a config package with
// JSONC, solution-style and array extends).
func TestResolve(t *testing.T) {
	root, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "js", "monorepo-esm"))
	w := &walker{excluded: func(string) bool { return false }}
	if err := w.walk(root); err != nil {
		t.Fatal(err)
	}
	c := newFSCache()
	c.addWorkspaces(w.pkgJSONs)
	for _, tc := range []struct{ from, spec, want string }{
		// ESM TypeScript names the output: ./facade.js is facade.ts
		{"packages/db/src/index.ts", "./facade.js", "packages/db/src/facade.ts"},
		{"packages/db/scripts/backfill.ts", "../src/facade.js", "packages/db/src/facade.ts"},
		// exports "." with types and import conditions on dist/: the source
		{"apps/web/src/app/api/report/route.ts", "@acme/db", "packages/db/src/index.ts"},
		// an exports subpath
		{"apps/web/src/lib/db.ts", "@acme/db/client", "packages/db/src/client.ts"},
		// a subpath pattern with conditions
		{"apps/worker/src/jobs/compat.ts", "@acme/db/models/user", "packages/db/src/models/user.ts"},
		{"apps/worker/src/jobs/compat.ts", "@acme/db/legacy", "packages/db/src/legacy.ts"},
		// not exported: Node refuses, TypeScript's node10 mode reads the path
		{"apps/web/src/lib/db.ts", "@acme/db/facade", "packages/db/src/facade.ts"},
		// tsconfig paths from an extends chain through a config package
		{"apps/web/src/app/api/users/route.ts", "@/lib/db", "apps/web/src/lib/db.ts"},
		// package.json imports: to another package, and a pattern
		{"apps/worker/src/jobs/sync.ts", "#db", "packages/db/src/index.ts"},
		{"apps/worker/src/jobs/sync.ts", "#lib/pg", "apps/worker/src/lib/pg.ts"},
		// paths from the second config of an extends array
		{"apps/worker/src/jobs/sync.ts", "~/lib/clients.js", "apps/worker/src/lib/clients.ts"},
		// main without ./, CommonJS
		{"apps/cron/job.js", "@acme/legacy-db", "packages/legacy-db/index.js"},
		// not the project's: dependencies and the generated client
		{"apps/cron/job.js", "@prisma/client", ""},
		{"packages/db/src/facade.ts", "./generated/prisma/client.js", ""},
		{"apps/web/src/lib/db.ts", "@acme/nope", ""},
	} {
		got, ok := c.resolve(filepath.Join(root, tc.from), tc.spec)
		if ok {
			got, _ = filepath.Rel(root, got)
			got = filepath.ToSlash(got)
		}
		if got != tc.want {
			t.Errorf("%s: %q resolves to %q, want %q", tc.from, tc.spec, got, tc.want)
		}
	}
}

// A tsconfig above the checked tree (or above the repository) is not the
// project's: a stray /tmp/tsconfig.json must not change what a project in
// /tmp resolves.
func TestTSConfigSearchStopsAtTheTop(t *testing.T) {
	outer := t.TempDir()
	proj := filepath.Join(outer, "proj")
	for name, text := range map[string]string{
		"tsconfig.json":         `{"compilerOptions": {"paths": {"@/*": ["./shared/*"]}}}`,
		"shared/db.ts":          "export const db = 1\n",
		"proj/package.json":     `{"name": "proj"}`,
		"proj/src/handler.ts":   "import { db } from '@/db'\n",
		"proj/nested/.git/HEAD": "ref: refs/heads/main\n",
	} {
		p := filepath.Join(outer, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	from := filepath.Join(proj, "src", "handler.ts")
	c := newFSCache()
	c.tops = []string{proj}
	if got, ok := c.resolve(from, "@/db"); ok {
		t.Errorf("the tsconfig above the checked folder was read: %s", got)
	}
	// checking the outer folder, its tsconfig is the project's
	c = newFSCache()
	c.tops = []string{outer}
	if _, ok := c.resolve(from, "@/db"); !ok {
		t.Error("the project's own tsconfig above the file was not read")
	}
	// a repository's top bounds the search too
	c = newFSCache()
	if _, ok := c.resolve(filepath.Join(proj, "nested", "x.ts"), "@/db"); ok {
		t.Error("the search went above the repository's top")
	}
}
