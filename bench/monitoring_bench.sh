#!/usr/bin/env bash
# Monitoring benchmark: the federal demo (85 regions, 2 295
# municipalities, ≈ 1.17 M teachers) on SQLite, or on PostgreSQL, then
# bench/monitoring_bench: one plain scan of the tables involved, the engine
# (all built-in indicators, all units of every level, two periods), the
# straightforward per-indicator GROUP BY SQL, both ratios, and a cross-check
# of the engine against that SQL for every municipality.
#
# Usage: bench/monitoring_bench.sh [sqlite|postgres] [period=2025] [scale=federal]
#        bench/monitoring_bench.sh --smoke   (CTest: SQLite, the district demo)
#   postgres: METODIST_BENCH_PG=postgresql://user@host:port/ (a server; a
#   database «monitoring_bench» is created and dropped there).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --smoke ]; then set -- sqlite 2025 district; fi
backend=${1:-sqlite}
period=${2:-2025}
scale=${3:-federal}
bin=${METODIST_BIN:-build/src/metodist}
bench=${METODIST_MONITORING_BENCH:-build/bench/monitoring_bench}
if [ ! -x "$bin" ] || [ ! -x "$bench" ]; then echo "build first: bash scripts/build.sh" >&2; exit 1; fi
work=$(mktemp -d)
source bench/bench_db.sh
trap 'drop_bench_database "$backend" monitoring_bench; rm -rf "$work"' EXIT
db=$(bench_database "$backend" monitoring_bench)
echo "== demo --scale $scale ($backend)"
"$bin" --db "$db" demo --scale "$scale" --seed 1 --date 2025-09-01 --password 'Методист2026' 2>/dev/null | grep 'Демо'
echo "== monitoring, period $period"
"$bench" --db "$db" --period "$period"
