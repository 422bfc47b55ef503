#!/usr/bin/env bash
# Measure a connlint binary on the labelled TS/JS corpus: findings against
# the ground-truth labels, then the mutation specs.
#
#   bench/corpus/run-ts.sh /path/to/connlint [CORPUS]    # CORPUS default /work/corpora/ts
#
# Prints both tables (markdown) and writes tally.json and mutations.json
# into CORPUS/results/<binary name>/ (OUT= to choose another directory).
# MUTATE=0 skips the mutations; REPOS=a,b limits the tally.
set -euo pipefail
if [ $# -lt 1 ]; then
  sed -n '2,9p' "$0" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=$(cd "${2:-${CORPUS:-/work/corpora/ts}}" && pwd)
out=${OUT:-$corpus/results/$(basename "$bin")}
tool=$(mktemp -d)/corpus
trap 'rm -rf "$(dirname "$tool")"' EXIT
(cd "$root" && go build -o "$tool" ./bench/corpus/cmd/corpus)

"$tool" tally -connlint "$bin" -corpus "$corpus" -out "$out" ${REPOS:+-repos "$REPOS"}
if [ "${MUTATE:-1}" != 0 ] && [ -d "$corpus/mutations" ]; then
  "$tool" mutate -connlint "$bin" -corpus "$corpus" -out "$out"
fi
