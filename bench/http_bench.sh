#!/usr/bin/env bash
# HTTP benchmark: a database-backed GET against the server's own ceiling
# (/healthz: same listener, router, logging and response path, no database),
# measured in the same run with wrk. The GETs are signed in (a session
# cookie of the demo's federal operator), as every real request is. Prints a Markdown table for
# docs/performance.md and keeps wrk's raw output in bench/results/.
#
# Usage: bench/http_bench.sh [connections=64] [seconds=10] [db-url]   (ROUNDS=3)
#        bench/http_bench.sh --smoke   (CTest: 1 s runs, one round; fails on any error)
# Default database: a fresh SQLite file with the district demo.
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=""
if [ "${1:-}" = --smoke ]; then smoke=1; set -- 4 1; ROUNDS=1; fi
conns=${1:-64}
secs=${2:-10}
db=${3:-}
bin=${METODIST_BIN:-build/src/metodist}
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -z "$db" ]; then
  db="sqlite:$work/bench.db"
  "$bin" --db "$db" demo --scale district --seed 1 --date 2025-09-01 --password 'Методист2026' >/dev/null 2>&1
fi
port=$(( 20000 + RANDOM % 20000 ))
METODIST_ACCESS_LOG=${METODIST_ACCESS_LOG:-false} "$bin" --db "$db" serve --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

curl -sf -D "$work/h" -o /dev/null -H 'Content-Type: application/json' \
  -d '{"login":"admin","password":"Методист2026"}' "http://127.0.0.1:$port/api/v1/auth/login"
cookie=$(grep -i '^set-cookie:' "$work/h" | head -1 | sed -E 's/^[^:]+: *([^;]+).*/\1/')
org_id=$(curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/organisations?kind=school&limit=1" |
  sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
results=bench/results
[ -n "$smoke" ] && results=$work  # the smoke run leaves nothing in the tree
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)

# The server's CPU time so far (user + system, all threads), in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
ticks_per_s=$(getconf CLK_TCK)

# One wrk run; prints "requests/s p99-in-ms non-2xx+socket-errors cpu-µs-per-answer".
# The CPU per answer is the server's own cost, which the machine's drift in
# speed and wrk's share of the same cores move less than requests/s.
run() {  # name path round
  local out="$results/$stamp-$1-$3.txt" before after
  before=$(cpu_ticks)
  wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$2" >"$out"
  after=$(cpu_ticks)
  awk -v ticks=$((after - before)) -v hz="$ticks_per_s" '
       /requests in/ {n=$1}
       /Requests\/sec/ {rps=$2}
       $1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else {sub(/s/,"",v); v*=1000}; p99=v}
       /Non-2xx/ {err+=$NF} /Socket errors/ {err+=1}
       END {printf "%s %.2f %d %.1f\n", rps, p99, err, (n > 0 ? ticks / hz * 1e6 / n : 0)}' "$out"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Warm-up (statement caches, page cache), then rounds that alternate the
# endpoints, so drift in the machine's speed hits all of them alike; medians.
wrk -t2 -c"$conns" -d"$([ -n "$smoke" ] && echo 1 || echo 3)s" -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/organisations/$org_id" >/dev/null
rounds=${ROUNDS:-3}
declare -A rps p99 err cpu
# The list of the first measurements (the demo district's 15 schools: a short
# page, which tells the list's length itself) and a full page of 20 of the 25
# organisations, which also counts them.
names=(ceiling organisation list page)
paths=(/healthz "/api/v1/organisations/$org_id" "/api/v1/organisations?kind=school&limit=20" "/api/v1/organisations?limit=20")
for r in $(seq "$rounds"); do
  for i in 0 1 2 3; do
    read -r a b c d < <(run "${names[$i]}" "${paths[$i]}" "$r")
    rps[${names[$i]}]+="$a "; p99[${names[$i]}]+="$b "; cpu[${names[$i]}]+="$d "
    err[${names[$i]}]=$(( ${err[${names[$i]}]:-0} + c ))
  done
done
med() { echo "$1" | tr ' ' '\n' | grep . | median; }
ceil_rps=$(med "${rps[ceiling]}"); ceil_p99=$(med "${p99[ceiling]}")
one_rps=$(med "${rps[organisation]}"); one_p99=$(med "${p99[organisation]}")
list_rps=$(med "${rps[list]}"); list_p99=$(med "${p99[list]}")
page_rps=$(med "${rps[page]}"); page_p99=$(med "${p99[page]}")
ceil_err=${err[ceiling]}; one_err=${err[organisation]}; list_err=${err[list]}; page_err=${err[page]}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f %%", 100 * a / b }'; }
echo
echo "wrk -t2 -c$conns -d${secs}s × $rounds alternating rounds (medians), $(nproc) cores, $("$bin" version | paste -sd ' '), database: ${db%%:*}"
echo
echo "| endpoint | requests/s | p99, ms | share of ceiling | server CPU per answer, µs | errors |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| GET /healthz (ceiling, no database) | $ceil_rps | $ceil_p99 | 100 % | $(med "${cpu[ceiling]}") | $ceil_err |"
echo "| GET /api/v1/organisations/{id} | $one_rps | $one_p99 | $(ratio "$one_rps" "$ceil_rps") | $(med "${cpu[organisation]}") | $one_err |"
echo "| GET /api/v1/organisations?kind=school&limit=20 (15 rows) | $list_rps | $list_p99 | $(ratio "$list_rps" "$ceil_rps") | $(med "${cpu[list]}") | $list_err |"
echo "| GET /api/v1/organisations?limit=20 (20 of 25, counted) | $page_rps | $page_p99 | $(ratio "$page_rps" "$ceil_rps") | $(med "${cpu[page]}") | $page_err |"
if [ $((ceil_err + one_err + list_err + page_err)) -gt 0 ]; then
  echo "errors in the answers (non-2xx or socket errors): the bench's requests no longer work" >&2
  exit 1
fi
