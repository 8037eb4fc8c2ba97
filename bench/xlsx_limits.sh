#!/usr/bin/env bash
# Hostile and worst allowed XLSX uploads against a running server: each file
# (bench/xlsx_worst.cpp) is sent as a dry-run persons import by the federal
# operator to a freshly started server on the district demo (SQLite), and the
# answer, the wall time and the server's peak resident memory (VmHWM) are
# printed — the numbers in docs/reliability.md, «Загрузка файлов».
#
# Usage: bench/xlsx_limits.sh [scale=1]
#   scale 0.01 is the smoke run of the test suite: the same shapes, small;
#   it fails when an answer is not the one the limits promise.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
bin=${METODIST_BIN:-build/src/metodist}
gen=${XLSX_WORST_BIN:-build/bench/xlsx_worst}
if [ ! -x "$bin" ] || [ ! -x "$gen" ]; then echo "build first: bash scripts/build.sh" >&2; exit 1; fi
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
password='Методист2026'

"$gen" "$work" "$scale"
"$bin" --db "sqlite:$work/bench.db" demo --seed 1 --date 2025-09-01 --password "$password" >/dev/null 2>&1

printf '%-11s %9s %7s %8s %10s  %s\n' file 'size KiB' status 'time, s' 'peak MiB' answer
for name in bomb empty dense; do
  file="$work/$name.xlsx"
  port=$(( 20000 + RANDOM % 20000 ))
  METODIST_ACCESS_LOG=false "$bin" --db "sqlite:$work/bench.db" serve --port "$port" >"$work/server.log" 2>&1 &
  server=$!
  base="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
  body=$(curl -sf -D "$work/h" -H 'Content-Type: application/json' -d "{\"login\":\"admin\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
  cookie=$(grep -i '^set-cookie:' "$work/h" | head -1 | sed -E 's/^[^:]+: *([^;]+).*/\1/')
  csrf=$(echo "$body" | sed -E 's/.*"csrf_token":"([^"]+)".*/\1/')
  start=$(date +%s.%N)
  status=$(curl -s -o "$work/answer.json" -w '%{http_code}' -X POST -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/octet-stream' --data-binary "@$file" "$base/api/v1/imports/persons?dry_run=true")
  seconds=$(awk "BEGIN{printf \"%.2f\", $(date +%s.%N) - $start}")
  peak=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")
  answer=$(head -c 160 "$work/answer.json" | tr '\n' ' ')
  printf '%-11s %9s %7s %8s %10s  %s\n' "$name" "$(( $(stat -c %s "$file") / 1024 ))" "$status" "$seconds" "$peak" "$answer"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  # What the limits promise: the bomb (from half the full size on, it has more
  # than 4 000 000 cells) is refused naming the bound; the others are read to the end.
  bomb_refused=$(awk "BEGIN{print ($scale >= 0.5) ? 1 : 0}")
  expected=200
  [ "$name" = bomb ] && [ "$bomb_refused" = 1 ] && expected=422
  [ "$status" = "$expected" ] || { echo "unexpected answer for $name: $status (expected $expected)" >&2; exit 1; }
  if [ "$expected" = 422 ]; then grep -q 'ячеек (вместе с пустыми)' "$work/answer.json" || { echo "the refusal does not name the bound" >&2; exit 1; }; fi
done
