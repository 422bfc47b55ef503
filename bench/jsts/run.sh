#!/usr/bin/env bash
# Benchmarks of the TS/JS engine against bare tree-sitter parsing and ESLint.
#
#   bench/jsts/run.sh [N]        # N generated files (default 10000)
#   NPM=1 bench/jsts/run.sh      # also a tree of real npm packages' sources
#
# Needs Go, Node 20+ and npm (ESLint 10, @typescript-eslint/parser and the
# npm corpus are installed into a temp dir, never into the repository).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-10000}
work=${BENCH_DIR:-$(mktemp -d)}
echo "work dir: $work"

go build -o "$work/jstsrun" "$root/bench/jsts/cmd/jstsrun"
go run "$root/bench/jsts/cmd/gentree" "$work/gentree" "$n"

if [ ! -x "$work/npm/node_modules/.bin/eslint" ]; then
  mkdir -p "$work/npm" && (cd "$work/npm" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts eslint@10 @typescript-eslint/parser@8 typescript@5 \
      ${NPM:+rxjs@7 @mui/material @prisma/client pg mysql2 knex sequelize typeorm @aws-sdk/client-s3 date-fns three next@15 @babel/core @tanstack/react-query zod drizzle-orm kysely ioredis mongodb mongoose} >/dev/null)
fi

trees=("$work/gentree")
if [ -n "${NPM:-}" ]; then
  # The sources of the installed packages, copied so that build-output
  # folder names (dist, build...) are not skipped by the walker.
  python3 - "$work/npm/node_modules" "$work/npmtree" <<'PY'
import os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
skip = {'node_modules','.git','.next','dist','build','out','coverage','.turbo','.vercel','.output','.nuxt',
        '.svelte-kit','.cache','.yarn','.pnpm-store','bower_components','.prisma','generated','__tests__','__mocks__'}
exts = ('.ts','.tsx','.js','.mjs','.cjs','.jsx','.mts','.cts')
for d, _, files in os.walk(src):
    for f in files:
        if not f.endswith(exts) or f.endswith(('.d.ts','.d.mts','.d.cts','.min.js')) or '.test.' in f or '.spec.' in f:
            continue
        p = os.path.join(d, f)
        if os.path.getsize(p) > 512*1024:
            continue
        rel = os.path.relpath(p, src).split(os.sep)
        out = os.path.join(dst, *[('_'+x if x in skip else x) for x in rel])
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copyfile(p, out)
PY
  trees+=("$work/npmtree")
fi

for t in "${trees[@]}"; do
  echo "== $t"
  cp "$here/eslint.config.mjs" "$t/" && ln -sfn "$work/npm/node_modules" "$t/node_modules"
  (cd "$t" && for mode in "-bare ." "./..." "-no-prefilter ./..." "-all ./..."; do
    /usr/bin/time -f "   wall %e s, cpu %U+%S s, max RSS %M KB" "$work/jstsrun" -q $mode
  done)
  (cd "$t" && /usr/bin/time -f "eslint: wall %e s, cpu %U+%S s, max RSS %M KB" \
    "$work/npm/node_modules/.bin/eslint" -c eslint.config.mjs --no-warn-ignored -f json -o "$work/eslint.json" . || true)
done
