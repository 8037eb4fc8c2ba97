#!/usr/bin/env bash
# Import benchmark: the federal persons file (≈ 1.25 M rows: 1.17 M persons
# with their workplaces) exported from `metodist demo --scale federal`, then
#   1) imported into a registry whose persons were removed (all rows new),
#   2) imported again over itself (all rows updates),
#   3) checked only (--dry-run).
# Prints rows/s per step, and the per-step timings from the debug log, for
# docs/performance.md; on SQLite then the write floor: the same rows written
# by SQLite alone (bench/sqlite_write_floor.cpp).
#
# Usage: bench/import_bench.sh [sqlite|postgres] [scale=federal]
#   postgres: METODIST_BENCH_PG=postgresql://user@host:port/ (a server; a
#   database «import_bench» is created and dropped there).
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
scale=${2:-federal}
bin=${METODIST_BIN:-build/src/metodist}
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
work=$(mktemp -d)
source bench/bench_db.sh
trap 'drop_bench_database "$backend" import_bench; rm -rf "$work"' EXIT

sql() {
  if [ "$backend" = sqlite ]; then sqlite3 "${db#sqlite:}" "$1"; else psql "$db" -qAtc "$1"; fi
}
db=$(bench_database "$backend" import_bench)

echo "== demo --scale $scale ($backend)"
"$bin" --db "$db" demo --scale "$scale" --seed 1 --date 2025-09-01 --password 'Методист2026' 2>/dev/null | grep 'Демо'
start=$(date +%s.%N)
"$bin" --db "$db" export --kind persons --format csv --out "$work/persons.csv" >/dev/null
rows=$(( $(wc -l < "$work/persons.csv") - 1 ))
echo "export: $rows rows in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}") s ($(du -m "$work/persons.csv" | cut -f1) MB)"
sql "UPDATE accounts SET person_id = NULL; DELETE FROM positions; DELETE FROM persons;" >/dev/null
[ "$backend" = sqlite ] && sql "VACUUM;" >/dev/null
# The same empty registry for the SQLite write floor below.
[ "$backend" = sqlite ] && cp "${db#sqlite:}" "$work/floor.db"

run() {  # label, extra args...
  local label=$1; shift
  echo "== $label"
  METODIST_LOG_LEVEL=debug "$bin" --db "$db" import --kind persons --file "$work/persons.csv" "$@" 2>&1 |
    grep -aoE 'импорт: [^\r]*|Строк: .*' | sed 's/^/  /'
}
run "import, all rows new"
run "import again, all rows updates"
run "check only (--dry-run)" --dry-run

# What SQLite alone spends writing the same rows (no parsing, no checks).
floor="$(dirname "$bin")/../bench/sqlite_write_floor"
if [ "$backend" = sqlite ] && [ -x "$floor" ]; then
  echo "== SQLite write floor (bench/sqlite_write_floor.cpp)"
  "$floor" "$work/floor.db" "$(sql "SELECT count(*) FROM persons")" | sed 's/^/  /'
fi
