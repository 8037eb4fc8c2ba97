#!/usr/bin/env bash
# Load under a mix of authenticated reads and writes: wrk with
# bench/load_mix.lua — five roles' sessions, eight reads and two writes (new
# organisation, update of one) in every ten requests — at 256 connections for
# 60 s, repeated; the server's resident memory after each run shows whether
# it grows. Prints a Markdown table for docs/performance.md; wrk's raw output
# stays in bench/results/.
#
# Usage: bench/load_bench.sh [connections=256] [seconds=60] [runs=3] [db-url]
#        bench/load_bench.sh --smoke   (CTest: one 2 s run; fails on any error)
# Default database: a fresh SQLite file with the region demo. For PostgreSQL
# pass a URL of an empty database (it is filled with the same demo).
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=""
if [ "${1:-}" = --smoke ]; then smoke=1; set -- 16 2 1; fi
conns=${1:-256}
secs=${2:-60}
runs=${3:-3}
db=${4:-}
bin=${METODIST_BIN:-build/src/metodist}
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
source bench/region_server.sh

work=$(mktemp -d)
server=""
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; [ -n "${LOAD_KEEP:-}" ] && cp "$work/region.db" "$LOAD_KEEP"; rm -rf "$work"' EXIT
start_region_server

# Sessions: the cookie and the CSRF token of each role.
for role in admin region methodist school teacher; do
  read -r cookie csrf < <(bench_login "$role")
  export "LOAD_COOKIE_$role=$cookie" "LOAD_CSRF_$role=$csrf"
done
auth=(-H "Cookie: $LOAD_COOKIE_admin" -H "X-CSRF-Token: $LOAD_CSRF_admin")
LOAD_ORG=$(curl -sf "${auth[@]}" "$base/api/v1/organisations?kind=school&limit=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
LOAD_TERRITORY=$(curl -sf "${auth[@]}" "$base/api/v1/territories?level=municipality&limit=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
# Eight organisations the writes update: «id:code» pairs, so every PUT keeps the code and changes the name.
ids=""
for k in 1 2 3 4 5 6 7 8; do
  id=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"code\":\"LOAD-UPD-$k\",\"name\":\"Школа для обновлений $k\",\"kind\":\"school\",\"territory_id\":$LOAD_TERRITORY}" \
    "$base/api/v1/organisations" | sed -E 's/.*"id":([0-9]+).*/\1/')
  ids+="$id:LOAD-UPD-$k "
done
export LOAD_ORG LOAD_TERRITORY LOAD_UPDATE_IDS="$ids"

rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$server/status"; }
results=bench/results
[ -n "$smoke" ] && results=$work  # the smoke run leaves nothing in the tree
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
echo "wrk -t2 -c$conns -d${secs}s -s bench/load_mix.lua, $runs runs, $(nproc) cores, $("$bin" version), database: ${db%%:*}"
echo
echo "| run | requests/s | p50, ms | p99, ms | max, ms | non-2xx | socket errors | server RSS after, MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
echo "| before | | | | | | | $(rss) |"
for r in $(seq "$runs"); do
  out="$results/$stamp-load-$r.txt"
  LOAD_RUN="$stamp$r" wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s -s bench/load_mix.lua "$base" >"$out"
  awk -v run="$r" -v rss="$(rss)" '
    /Requests\/sec/ {rps=$2}
    /Non-2xx/ {bad=$NF}
    /^socket errors:/ {gsub(",", ""); sock=$4 + $6 + $8 + $10}
    /^p50/ {p50=$2; p99=$5; max=$8}
    END {printf "| %d | %.0f | %s | %s | %s | %d | %d | %d |\n", run, rps, p50, p99, max, bad, sock, rss}' "$out"
  failed=$(awk '/Non-2xx/ {n+=$NF} /^socket errors:/ {gsub(",", ""); n+=$4 + $6 + $8 + $10} END {print n + 0}' "$out")
  if [ -n "$smoke" ] && [ "$failed" -gt 0 ]; then
    echo "run $r: $failed answers were errors (non-2xx or socket errors)" >&2
    exit 1
  fi
done
echo
echo "Answers by status class, from the server's /metrics:"
curl -sf "$base/metrics" | awk '/^metodist_http_requests_total/ {match($0, /code="[0-9]xx"/); c=substr($0, RSTART + 6, 3); n[c]+=$NF}
  END {for (c in n) printf "  %s: %d\n", c, n[c]}'
echo "Organisations with «LOAD-» in code or name: $(curl -sf "${auth[@]}" "$base/api/v1/organisations?q=LOAD-&limit=1" | sed -E 's/.*"total":([0-9]+).*/\1/')"
