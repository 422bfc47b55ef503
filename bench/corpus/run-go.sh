#!/usr/bin/env bash
# Measures a connlint binary's Go rules on the real-module corpus: the tally
# against the hand-made labels, then every mutation (apply, run, compare,
# restore). See README.md, "Go corpus".
#
#   bench/corpus/run-go.sh /path/to/connlint [gomutate flags]
#
# CORPUS (default /work/corpora/go) holds the modules, labels/ and
# mutations/. GOLANGCI names a golangci-lint v2 binary to compare with
# (sqlclosecheck, rowserrcheck, bodyclose; default: /work/corpora/tools/golangci-lint
# when it exists; GOLANGCI=none skips it). OUT is where the runs' JSON go.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ $# -lt 1 ]; then
  echo "usage: $0 /path/to/connlint [gomutate flags]" >&2
  exit 2
fi
connlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
corpus=${CORPUS:-/work/corpora/go}
gcl=${GOLANGCI:-/work/corpora/tools/golangci-lint}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
(cd "$root" && go build -o "$bin/gomutate" ./bench/corpus/gomutate)

args=(-corpus "$corpus" -connlint "$connlint")
if [ "$gcl" != none ] && [ -x "$gcl" ]; then
  args+=(-golangci "$gcl" -golangci-config "$here/golangci-go.yml")
fi
[ -n "${OUT:-}" ] && args+=(-out "$OUT")
"$bin/gomutate" "${args[@]}" "$@"
