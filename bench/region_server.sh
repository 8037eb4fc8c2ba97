# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154  # sets $server and $base for, reads $bin and $work of, the sourcing bench
# Sourced by the benches that need a server on the region demo
# (load_bench.sh, request_latency.sh): fills $db (default: a fresh SQLite
# file in $work) with `metodist demo --scale region --seed 1`, starts
# `metodist serve` on a random loopback port and waits for it. Sets $server
# (the PID) and $base; the caller's EXIT trap stops the server. Needs $bin,
# $work and $db set, $db may be empty.
bench_password='Методист2026'

start_region_server() {
  [ -n "$db" ] || db="sqlite:$work/region.db"
  echo "== demo --scale region (${db%%:*})" >&2
  "$bin" --db "$db" demo --scale region --seed 1 --date 2025-09-01 --password "$bench_password" >/dev/null 2>&1
  local port=$(( 20000 + RANDOM % 20000 ))
  METODIST_ACCESS_LOG=false "$bin" --db "$db" serve --port "$port" >"$work/server.log" 2>&1 &
  server=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && return 0; sleep 0.1; done
  echo "the server did not start:" >&2
  cat "$work/server.log" >&2
  return 1
}

# Logs the demo account `role` in; prints «cookie csrf-token».
bench_login() {
  local body
  body=$(curl -sf -D "$work/h-$1" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$bench_password\"}" "$base/api/v1/auth/login")
  echo "$(grep -i '^set-cookie:' "$work/h-$1" | head -1 | sed -E 's/^[^:]+: *([^;]+).*/\1/')" \
    "$(echo "$body" | sed -E 's/.*"csrf_token":"([^"]+)".*/\1/')"
}
