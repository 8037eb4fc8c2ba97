#!/usr/bin/env bash
# Monitoring under load: wrk with bench/monitoring_load.lua — the federal
# operator's GET /api/v1/monitoring/values for random sets × levels ×
# territories — against computed results shared by version
# (app/shared_results.hpp). Prints, for docs/performance.md:
#  - one computation (the first request of a key, nothing stored);
#  - requests/s and latency at 64 connections once computed (one app server,
#    or two on PostgreSQL with SERVERS=2, wrk split between them), after a
#    20 s warm-up reported on its own row;
#  - the same while a writer changes an organisation every second (stale
#    answers counted, errors must be 0);
#  - after a write: how long until a fresh answer, against one computation;
#  - before: the same requests computed for each request (a period given as
#    dates is never shared), at 8 connections for 20 s.
#
# Usage: bench/monitoring_load.sh [sqlite|postgres|--smoke] [connections=64] [seconds=60]
#   METODIST_BENCH_DB=URL  a database holding `demo --scale federal --seed 1`
#                          (otherwise one is generated: ≈ 64 s SQLite, ≈ 8 min PostgreSQL)
#   METODIST_BENCH_PG=URL  postgres: a server; database «monitoring_load» is created and dropped there
#   SERVERS=2              postgres: two app servers
# --smoke (CTest): the district demo, 2 s runs; fails on any error.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-sqlite}
conns=${2:-64}
secs=${3:-60}
servers=${SERVERS:-1}
bin=${METODIST_BIN:-build/src/metodist}
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
password='Методист2026'
scale=federal
base_secs=20
warm_secs=20
if [ "$mode" = --smoke ]; then scale=district; conns=8; secs=2; base_secs=2; warm_secs=1; fi

work=$(mktemp -d)
source bench/bench_db.sh
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  [ -n "${METODIST_BENCH_DB:-}" ] || drop_bench_database "$mode" monitoring_load
  rm -rf "$work"
}
trap cleanup EXIT

db=${METODIST_BENCH_DB:-}
if [ -z "$db" ]; then
  db=$(bench_database "$mode" monitoring_load)
  echo "== demo --scale $scale" >&2
  "$bin" --db "$db" demo --scale "$scale" --seed 1 --date 2025-09-01 --password "$password" >/dev/null 2>&1
fi

ports=()
for k in $(seq "$servers"); do
  port=$(( 20000 + RANDOM % 20000 ))
  # The federation's organisation level alone takes ≈ 650 MB for three sets: more than the default 256.
  METODIST_SHARED_RESULTS_MB=${METODIST_SHARED_RESULTS_MB:-1024} METODIST_ACCESS_LOG=false \
    "$bin" --db "$db" serve --port "$port" >"$work/server-$k.log" 2>&1 &
  pids+=($!)
  ports+=("$port")
done
for port in "${ports[@]}"; do
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
done
base="http://127.0.0.1:${ports[0]}"

body=$(curl -sf -D "$work/h" -H 'Content-Type: application/json' \
  -d "{\"login\":\"admin\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
cookie=$(grep -i '^set-cookie:' "$work/h" | head -1 | sed -E 's/^[^:]+: *([^;]+).*/\1/')
csrf=$(echo "$body" | sed -E 's/.*"csrf_token":"([^"]+)".*/\1/')
auth=(-H "Cookie: $cookie")
ids_of() { curl -sf "${auth[@]}" "$base/api/v1/territories?level=$1&limit=$2" | grep -oE '"id":[0-9]+' | cut -d: -f2 | tr '\n' ' '; }
export LOAD_COOKIE="$cookie" LOAD_PERIOD="2024%2F2025"
LOAD_REGIONS=$(ids_of region 100)
LOAD_MUNICIPALITIES=$(ids_of municipality 60)
export LOAD_REGIONS LOAD_MUNICIPALITIES
if [ -z "$LOAD_REGIONS" ] || [ -z "$LOAD_MUNICIPALITIES" ]; then echo "no territories in the demo" >&2; exit 1; fi
first_region=${LOAD_REGIONS%% *}
values() {  # set unit [parent] [period] → prints «seconds data_version stale»
  local url="$base/api/v1/monitoring/values?set=$1&unit=$2&period=${4:-$LOAD_PERIOD}${3:+&parent_id=$3}"
  curl -sf -o "$work/v.json" -w '%{time_total}' "${auth[@]}" "$url" >"$work/t" || { echo "request failed: $url" >&2; exit 1; }
  echo "$(cat "$work/t") $(grep -oE '"data_version":[0-9]+' "$work/v.json" | cut -d: -f2) $(grep -oE '"stale":(true|false)' "$work/v.json" | cut -d: -f2)"
}

echo "$(nproc) cores, $("$bin" version), database: ${db%%:*}, scale: $scale, app servers: $servers"
echo
# Every key the load asks for, computed once (the first request of each).
declare -a firsts
for set in fed rmms rma; do
  for unit in region municipality organisation; do
    parent=""
    [ "$unit" = municipality ] && parent=$first_region
    [ "$unit" = organisation ] && parent=${LOAD_MUNICIPALITIES%% *}
    # Until the answer is fresh: a database used before may hold results of
    # an older version (answered stale at once while recomputed behind).
    started=$(date +%s.%N)
    for _ in $(seq 1200); do
      read -r _ _ s < <(values "$set" "$unit" "$parent")
      [ "$s" = false ] && break
      sleep 0.1
    done
    firsts+=("$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.3f", b - a}')")
  done
done
one=$(printf '%s\n' "${firsts[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "one computation (first fresh answer of a key, median of ${#firsts[@]}): ${one} s"

mkdir -p bench/results
stamp=$(date -u +%Y%m%dT%H%M%SZ)
run_wrk() {  # name connections seconds
  local name=$1 s=$3 per_server=$(( $2 / servers )) k=0 outs=()
  for port in "${ports[@]}"; do
    k=$((k + 1))
    local out="bench/results/$stamp-monitoring-$name-$k.txt"
    outs+=("$out")
    wrk -t2 -c"$per_server" -d"${s}s" --timeout 30s --latency -s bench/monitoring_load.lua "http://127.0.0.1:$port" >"$out" &
  done
  wait
  awk '
    /Requests\/sec/ {rps += $2}
    function ms(v) { if (v ~ /us$/) {sub(/us/,"",v); return v/1000} if (v ~ /ms$/) {sub(/ms/,"",v); return v+0} sub(/s/,"",v); return v*1000 }
    $1 == "50%" {p50 = (ms($2) > p50) ? ms($2) : p50}
    $1 == "99%" {p99 = (ms($2) > p99) ? ms($2) : p99}
    /Non-2xx/ {bad += $NF}
    /^ *Socket errors:/ {gsub(",", ""); sock += $4 + $6 + $8 + $10}
    /^stale-answers/ {stale += $2; answers += $4}
    END {printf "%.1f %.1f %.1f %d %d %d\n", rps, p50, p99, bad + sock, stale, answers}' "${outs[@]}"
}

echo
rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/${pids[0]}/status"; }
echo "| run | connections | requests/s | p50, ms | p99, ms | errors | stale answers | server RSS after, MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
# Warm-up: each server's first answers — a part read from the database and
# decoded (the second server), every view cut and written once — make the
# tail of the first seconds; reported apart from the steady run after it.
read -r rps p50 p99 err stale answers < <(run_wrk warm-up "$conns" "$warm_secs")
echo "| warm-up, first answers of each server | $conns | $rps | $p50 | $p99 | $err | $stale of $answers | $(rss) |"
total_err=$err
read -r rps p50 p99 err stale answers < <(run_wrk shared "$conns" "$secs")
echo "| computed once, shared | $conns | $rps | $p50 | $p99 | $err | $stale of $answers | $(rss) |"
total_err=$((total_err + err))

# A writer renames an organisation every second meanwhile.
org=$(curl -sf "${auth[@]}" "$base/api/v1/organisations?kind=school&limit=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
code=$(curl -sf "${auth[@]}" "$base/api/v1/organisations/$org" | grep -oE '"code":"[^"]+"' | head -1 | cut -d'"' -f4)
territory=$(curl -sf "${auth[@]}" "$base/api/v1/organisations/$org" | grep -oE '"territory_id":[0-9]+' | head -1 | cut -d: -f2)
rename() {
  curl -sf -o /dev/null -X PUT "${auth[@]}" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\",\"name\":\"Школа под нагрузкой $1\",\"kind\":\"school\",\"territory_id\":$territory}" \
    "$base/api/v1/organisations/$org"
}
( for k in $(seq "$secs"); do rename "$k" || echo "write failed" >&2; sleep 1; done ) &
writer=$!
read -r rps p50 p99 err stale answers < <(run_wrk writer "$conns" "$secs")
kill "$writer" 2>/dev/null || true; wait "$writer" 2>/dev/null || true
echo "| … a write every second | $conns | $rps | $p50 | $p99 | $err | $stale of $answers | $(rss) |"
total_err=$((total_err + err))

# Before: every request computed (a period given as dates is not shared).
export LOAD_PERIOD="2024-09-01..2025-08-31"
read -r rps p50 p99 err stale answers < <(run_wrk live 8 "$base_secs")
echo "| computed per request (before) | 8 | $rps | $p50 | $p99 | $err | — | $(rss) |"
total_err=$((total_err + err))
export LOAD_PERIOD="2024%2F2025"

# After a write: the first fresh answer, sequentially, three times — once the
# servers have finished the requests wrk left in flight (the per-request
# computations above take ≈ 15 s each and would share the cores with it).
for port in "${ports[@]}"; do
  for _ in $(seq 600); do
    n=$(curl -sf "http://127.0.0.1:$port/metrics" | awk '/^metodist_http_in_flight/ {print $2}')
    [ "${n:-0}" -le 1 ] && break
    sleep 0.1
  done
done
echo
for k in 1 2 3; do
  read -r _ before _ < <(values fed municipality "$first_region")
  rename "fresh-$k"
  started=$(date +%s.%N)
  for _ in $(seq 600); do
    read -r _ v s < <(values fed municipality "$first_region")
    if [ "$v" -gt "$before" ] && [ "$s" = false ]; then break; fi
    sleep 0.05
  done
  echo "after a write, the first fresh answer in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}') s (version $before → $v)"
done
if [ "$total_err" -gt 0 ]; then echo "errors: $total_err" >&2; exit 1; fi
