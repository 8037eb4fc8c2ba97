#!/usr/bin/env bash
# HTTP benchmark: a database-backed GET against the server's own ceiling
# (/healthz: same listener, router, logging and response path, no database),
# measured in the same run with wrk. Prints a Markdown table for
# docs/performance.md and keeps wrk's raw output in bench/results/.
#
# Usage: bench/http_bench.sh [connections=64] [seconds=15] [db-url]
# Default database: a fresh SQLite file with the district demo.
set -euo pipefail
cd "$(dirname "$0")/.."
conns=${1:-64}
secs=${2:-15}
db=${3:-}
bin=build/src/metodist
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -z "$db" ]; then
  db="sqlite:$work/bench.db"
  "$bin" --db "$db" demo --scale district --seed 1 --date 2025-09-01 >/dev/null 2>&1
fi
port=$(( 20000 + RANDOM % 20000 ))
METODIST_ACCESS_LOG=${METODIST_ACCESS_LOG:-false} "$bin" --db "$db" serve --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

org_id=$(curl -sf "http://127.0.0.1:$port/api/v1/organisations?kind=school&limit=1" | sed -E 's/.*"id":([0-9]+).*/\1/')
mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)

run() {  # name path
  local out="bench/results/$stamp-$1.txt"
  wrk -t2 -c"$conns" -d"${secs}s" --latency "http://127.0.0.1:$port$2" >"$out"
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$out" | tr '\n' ' ')
  echo "$1 $rps $p99 ${errors:-none}"
}

# Warm-up (statement caches, page cache), then the measured runs.
wrk -t2 -c"$conns" -d3s "http://127.0.0.1:$port/api/v1/organisations/$org_id" >/dev/null
read -r _ ceil_rps ceil_p99 ceil_err < <(run ceiling /healthz)
read -r _ one_rps one_p99 one_err < <(run organisation "/api/v1/organisations/$org_id")
read -r _ list_rps list_p99 list_err < <(run list "/api/v1/organisations?kind=school&limit=20")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
echo
echo "wrk -t2 -c$conns -d${secs}s, $(nproc) cores, $("$bin" version), database: ${db%%:*}"
echo
echo "| endpoint | requests/s | p99 | share of ceiling | errors |"
echo "|---|---:|---:|---:|---|"
echo "| GET /healthz (ceiling, no database) | $ceil_rps | $ceil_p99 | 100 % | $ceil_err |"
echo "| GET /api/v1/organisations/{id} | $one_rps | $one_p99 | $(ratio "$one_rps" "$ceil_rps") | $one_err |"
echo "| GET /api/v1/organisations?kind=school&limit=20 | $list_rps | $list_p99 | $(ratio "$list_rps" "$ceil_rps") | $list_err |"
