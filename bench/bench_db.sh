# shellcheck shell=bash
# shellcheck disable=SC2154  # reads $work of the sourcing bench
# Sourced by the benches that need a database of their own: an SQLite file in
# the bench's $work, or a database created on the PostgreSQL server
# METODIST_BENCH_PG (postgresql://user@host:port/) and dropped afterwards.

# Prints the URL of a fresh database `name` for `backend` (sqlite | postgres).
bench_database() {  # backend name
  if [ "$1" = postgres ]; then
    : "${METODIST_BENCH_PG:?set METODIST_BENCH_PG to a PostgreSQL server URL}"
    psql "$METODIST_BENCH_PG" -qAtc "DROP DATABASE IF EXISTS $2 WITH (FORCE)" >/dev/null 2>&1
    psql "$METODIST_BENCH_PG" -qAtc "CREATE DATABASE $2" >/dev/null
    echo "${METODIST_BENCH_PG%/*}/$2"
  else
    echo "sqlite:$work/bench.db"
  fi
}

# Drops what bench_database created (for the EXIT trap; quiet, never fails).
drop_bench_database() {  # backend name
  if [ "$1" = postgres ]; then
    psql "${METODIST_BENCH_PG:-}" -qAtc "DROP DATABASE IF EXISTS $2 WITH (FORCE)" >/dev/null 2>&1 || true
  fi
}
