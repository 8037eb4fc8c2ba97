#!/usr/bin/env bash
# Import benchmark: the federal persons file (≈ 1.25 M rows: 1.17 M persons
# with their workplaces) exported from `metodist demo --scale federal`, then
#   1) imported into a registry whose persons were removed (all rows new),
#   2) imported again over itself (all rows known, none changed: a region
#      re-sending its registry — unchanged rows are not written),
#   3) imported with every person's category changed (all persons written),
#   4) checked only (--dry-run).
# Prints rows/s per step, and the per-step timings from the debug log, for
# docs/performance.md; on SQLite then the write floor: the same rows written
# by SQLite alone (bench/sqlite_write_floor.cpp).
#
# Usage: bench/import_bench.sh [sqlite|postgres] [scale=federal]
#        bench/import_bench.sh --smoke   (CTest: SQLite, the district demo; fails
#        when an import writes nothing)
#   postgres: METODIST_BENCH_PG=postgresql://user@host:port/ (a server; a
#   database «import_bench» is created and dropped there).
#   METODIST_BENCH_DB=URL: a database already holding the demo (generating the
#   federal one on PostgreSQL takes ≈ 10 min); it is kept, its persons and what
#   refers to them replaced by the import — for comparing two builds on one database.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --smoke ]; then set -- sqlite district; fi
backend=${1:-sqlite}
scale=${2:-federal}
bin=${METODIST_BIN:-build/src/metodist}
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
work=$(mktemp -d)
source bench/bench_db.sh
sql() {
  if [ "$backend" = sqlite ]; then sqlite3 "${db#sqlite:}" "$1"; else psql "$db" -qAtc "$1"; fi
}
if [ -n "${METODIST_BENCH_DB:-}" ]; then
  db=$METODIST_BENCH_DB
  case $db in sqlite:*) backend=sqlite ;; *) backend=postgres ;; esac
  trap 'rm -rf "$work"' EXIT
  echo "== the demo already in ${db%%:*}"
else
  trap 'drop_bench_database "$backend" import_bench; rm -rf "$work"' EXIT
  db=$(bench_database "$backend" import_bench)
  echo "== demo --scale $scale ($backend)"
  "$bin" --db "$db" demo --scale "$scale" --seed 1 --date 2025-09-01 --password 'Методист2026' 2>/dev/null | grep 'Демо'
fi
start=$(date +%s.%N)
"$bin" --db "$db" export --kind persons --format csv --out "$work/persons.csv" >/dev/null
rows=$(( $(wc -l < "$work/persons.csv") - 1 ))
echo "export: $rows rows in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}") s ($(du -m "$work/persons.csv" | cut -f1) MB)"
# PostgreSQL keeps its foreign keys: what refers to persons (diagnostics,
# accounts…) goes with them. The sqlite3 shell does not check them.
if [ "$backend" = sqlite ]; then
  sql "UPDATE accounts SET person_id = NULL; DELETE FROM positions; DELETE FROM persons;" >/dev/null
  sql "VACUUM;" >/dev/null
else
  sql "TRUNCATE persons CASCADE" >/dev/null
  sql "VACUUM ANALYZE" >/dev/null
fi
# The same empty registry for the SQLite write floor below.
[ "$backend" = sqlite ] && cp "${db#sqlite:}" "$work/floor.db"

run() {  # label, extra args...
  local label=$1; shift
  echo "== $label"
  METODIST_LOG_LEVEL=debug "$bin" --db "$db" import --kind persons --file "$work/persons.csv" "$@" 2>&1 |
    grep -aoE 'импорт: [^\r]*|Строк: .*' | sed 's/^/  /'
}
run "import, all rows new"
imported=$(sql "SELECT count(*) FROM positions")
if [ "$imported" -ne "$rows" ]; then
  echo "the import wrote $imported workplaces of the file's $rows rows" >&2
  exit 1
fi
run "import again, the same file (all rows known, nothing changed)"
# The qualification category (9th column; no field before it is quoted) moved
# one step for everyone: each person is a real update.
awk -F';' -v OFS=';' 'NR > 1 {
    if ($9 == "Без категории") $9 = "Первая"; else if ($9 == "Первая") $9 = "Высшая"; else $9 = "Без категории"
  } {print}' "$work/persons.csv" >"$work/changed.csv"
mv "$work/changed.csv" "$work/persons.csv"
run "import with every person's category changed (all persons written)"
run "check only (--dry-run)" --dry-run

# What SQLite alone spends writing the same rows (no parsing, no checks).
floor="$(dirname "$bin")/../bench/sqlite_write_floor"
if [ "$backend" = sqlite ] && [ -x "$floor" ]; then
  echo "== SQLite write floor (bench/sqlite_write_floor.cpp)"
  "$floor" "$work/floor.db" "$(sql "SELECT count(*) FROM persons")" | sed 's/^/  /'
fi
