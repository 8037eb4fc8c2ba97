#!/usr/bin/env bash
# Stops the PostgreSQL started by pg_start.sh and removes its directory.
set -uo pipefail
dir=${1:?usage: pg_stop.sh DIR}
bin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1)
# pg_start.sh keeps the cluster in DIR, or in the folder DIR/home names.
home=$(cat "$dir/home" 2>/dev/null || echo "$dir")
if [ -d "$home/data" ]; then
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1
  else
    "$bin/pg_ctl" -D "$home/data" -m fast -w stop >/dev/null 2>&1
  fi
fi
rm -rf "$dir" "$home"
echo "PostgreSQL stopped"
