#!/usr/bin/env bash
# The monitoring engine against the straightforward per-indicator SQL
# (bench/monitoring_sql.cpp) on the district demo, for every built-in
# indicator and municipality, several periods, on SQLite and, when the test
# PostgreSQL is up, on PostgreSQL too. Any difference fails.
# Usage: monitoring_crosscheck.sh METODIST_BIN MONITORING_BENCH [PG_URL_FILE]
set -euo pipefail
bin=$1
bench=$2
pg_file=${3:-}
work=$(mktemp -d)
db_pg=""
cleanup() {
  rm -rf "$work"
  if [ -n "$db_pg" ]; then psql "$(cat "$pg_file")" -qAtc "DROP DATABASE IF EXISTS $db_pg WITH (FORCE)" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
check() {
  local url=$1
  "$bin" --db "$url" demo --scale district --seed 5 --date 2026-06-01 --password 'Методист2026' >/dev/null 2>&1
  for period in 2025 2026-H1 2025/2026 2025-09-01..2026-05-31; do
    "$bench" --db "$url" --period "$period" --check | tail -2
  done
}
check "sqlite:$work/crosscheck.db"
if [ -n "$pg_file" ] && [ -f "$pg_file" ]; then
  db_pg="crosscheck_$$"
  psql "$(cat "$pg_file")" -qAtc "CREATE DATABASE $db_pg" >/dev/null
  check "$(sed "s#/postgres\$#/$db_pg#" "$pg_file")"
fi
