#!/usr/bin/env bash
# Duplicates benchmark: how long the finder of probable duplicate persons
# (`metodist persons duplicates`, the «Возможные дубликаты» page) takes on
# the federal demo (≈ 1.17 M persons, three planted pairs per municipality),
# on SQLite or PostgreSQL. With --smoke (CTest): the district demo, and the
# three pairs must be found.
#
# Usage: bench/duplicates_bench.sh [sqlite|postgres|--smoke]
#   postgres: METODIST_BENCH_PG=postgresql://user@host:port/ (a server; a
#   database «duplicates_bench» is created and dropped there).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-sqlite}
bin=${METODIST_BIN:-build/src/metodist}
if [ ! -x "$bin" ]; then echo "build first: bash scripts/build.sh" >&2; exit 1; fi
work=$(mktemp -d)
source bench/bench_db.sh
trap 'drop_bench_database "$mode" duplicates_bench; rm -rf "$work"' EXIT
scale=federal
if [ "$mode" = --smoke ]; then scale=district; fi
db=$(bench_database "$mode" duplicates_bench)
echo "== demo --scale $scale ($mode)"
started=$(date +%s)
"$bin" --db "$db" demo --scale "$scale" --seed 1 --date 2025-09-01 --password 'Методист2026' 2>/dev/null | grep 'Демо' || true
echo "demo: $(( $(date +%s) - started )) s"
echo "== persons duplicates (the finder, as the page and the CLI run it)"
for round in 1 2 3; do
  out=$("$bin" --db "$db" persons duplicates --limit 3)
  echo "round $round: $(echo "$out" | grep 'Возможных дубликатов')"
done
echo "$out" | head -3
if [ "$mode" = --smoke ]; then
  echo "$out" | grep -q 'Возможных дубликатов: 3 ' || { echo "expected the 3 planted pairs" >&2; exit 1; }
fi
