#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 for the tests: initdb into DIR, listen on
# 127.0.0.1 only, trust auth, fsync off. Writes the server URL to DIR/url.
# Usage: pg_start.sh DIR
set -euo pipefail
dir=${1:?usage: pg_start.sh DIR}
bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt install postgresql)" >&2; exit 1; }
bash "$(dirname "$0")/pg_stop.sh" "$dir" >/dev/null 2>&1 || true  # a server a killed run left behind
mkdir -p "$dir"
as_pg=()
home=$dir  # where the cluster, its socket and its log live
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$dir"
  as_pg=(runuser -u postgres --)
  # A checkout inside a private folder (mktemp -d is 0700) cannot be entered
  # by the postgres user: the cluster then lives in a folder of its own, which
  # pg_stop.sh finds in DIR/home and removes.
  if ! "${as_pg[@]}" test -w "$dir"; then
    home=$(mktemp -d /tmp/metodist-pg.XXXXXX)
    chmod 755 "$home"
    chown postgres:postgres "$home"
    echo "$home" >"$dir/home"
  fi
fi
"${as_pg[@]}" "$bin/initdb" -D "$home/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
port=""
for p in $(seq 55432 55600); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "no free port for PostgreSQL" >&2; exit 1; }
"${as_pg[@]}" "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $home -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$home/server.log" >&2; exit 1; }
echo "postgresql://postgres@127.0.0.1:$port/postgres" >"$dir/url"
echo "PostgreSQL started: $(cat "$dir/url")"
