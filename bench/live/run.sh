#!/usr/bin/env bash
# Benchmarks connlint live against a throwaway cluster holding 500 client
# connections; writes the results to bench/out/live.txt.
# Needs the PostgreSQL server package (initdb) and, as root, the postgres user.
#
#   bench/live/run.sh                 # 200 checks, then 1,000 polls and 1,000 scrapes
#   CHECKS=1000 bench/live/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p bench/out
# Single checks: -benchtime is the number of checks measured.
# Watch1000 / Metrics1000 do 1,000 polls / scrapes per iteration: run once.
go test -run '^$' -bench 'Check' -benchtime "${CHECKS:-200}x" -timeout 20m ./bench/live/ | tee bench/out/live.txt
go test -run '^$' -bench '1000' -benchtime 1x -timeout 20m ./bench/live/ | tee -a bench/out/live.txt
