#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 for the tests: initdb into DIR, listen on
# 127.0.0.1 only, trust auth, fsync off. Writes the server URL to DIR/url.
# Usage: pg_start.sh DIR
set -euo pipefail
dir=${1:?usage: pg_start.sh DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt install postgresql)" >&2; exit 1; }
[ -f "$dir/postmaster.pid" ] && "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
rm -rf "$dir"
mkdir -p "$dir"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
port=""
for p in $(seq 55432 55600); do
  if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "no free port for PostgreSQL" >&2; exit 1; }
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
echo "PostgreSQL started: $(cat "$dir/url")"
