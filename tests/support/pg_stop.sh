#!/usr/bin/env bash
# Stops the PostgreSQL started by pg_start.sh and removes its directory.
set -uo pipefail
dir=${1:?usage: pg_stop.sh DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
if [ -d "$dir/data" ]; then
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  else
    "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  fi
fi
rm -rf "$dir"
echo "PostgreSQL stopped"
