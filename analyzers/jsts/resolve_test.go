package jsts

import (
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
