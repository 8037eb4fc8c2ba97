#!/usr/bin/env bash
# Latency of single requests, one at a time (no concurrency): for each
# «role path» pair, N sequential requests after two warm-up ones; prints the
# median and the 90th percentile in a Markdown table for docs/performance.md.
# It shows what one request costs, which the load bench hides in queueing.
#
# Usage: bench/request_latency.sh [db-url] [N=30]
#        bench/request_latency.sh --smoke   (CTest: one request each; fails on any error)
# Default database: a fresh SQLite file with the region demo. For PostgreSQL
# pass a URL of an empty database (it is filled with the same demo).
# REQUESTS="role path;role path" replaces the default list below.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --smoke ]; then set -- "" 1; fi
db=${1:-}
n=${2:-30}
bin=${METODIST_BIN:-build/src/metodist}
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
source bench/region_server.sh

work=$(mktemp -d)
server=""
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
start_region_server

declare -A cookie
for role in admin region methodist school; do
  read -r cookie[$role] _ < <(bench_login "$role")
done
muni=$(curl -sf -H "Cookie: ${cookie[admin]}" "$base/api/v1/territories?level=municipality&limit=1" |
  sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')

# The cursor of the 20 000th row in a sort: the page after it is the page
# «offset=20000» asks for, read by key.
cursor_at() {
  curl -sf -H "Cookie: ${cookie[region]}" "$base/api/v1/persons?limit=1&offset=19999$1" |
    sed -nE 's/.*"after":"([^"]+)".*/\1/p'
}
by_name=$(cursor_at "")
by_organisation=$(cursor_at "&sort=organisation")

default="region /api/v1/persons?limit=20"
default+=";region /api/v1/persons?limit=20&territory_id=$muni"
default+=";region /api/v1/persons?limit=20&q=%D0%B8%D0%B2%D0%B0%D0%BD"
default+=";region /api/v1/persons?limit=20&sort=organisation"
default+=";region /api/v1/persons?limit=20&offset=20000"
default+=";region /api/v1/persons?limit=20&after=$by_name"
default+=";region /api/v1/persons?limit=20&sort=organisation&offset=20000"
default+=";region /api/v1/persons?limit=20&sort=organisation&after=$by_organisation"
default+=";region /api/v1/persons?limit=20&before=end"
default+=";methodist /api/v1/persons?limit=20"
default+=";school /api/v1/persons?limit=20"
default+=";region /api/v1/summary"
IFS=';' read -r -a requests <<<"${REQUESTS:-$default}"

echo "$n sequential requests each after 2 warm-up, $(nproc) cores, $("$bin" version), database: ${db%%:*}"
echo
echo "| role | request | total | median, ms | p90, ms |"
echo "|---|---|---:|---:|---:|"
for pair in "${requests[@]}"; do
  role=${pair%% *}
  path=${pair#* }
  url="$base$path"
  shown=$(sed -E 's/(after|before)=[A-Za-z0-9_-]{8,}/\1=<курсор>/' <<<"${path#/api/v1}")
  total=$(curl -sf -H "Cookie: ${cookie[$role]}" "$url" | sed -nE 's/.*"total":([0-9]+).*/\1/p')
  for _ in 1 2; do curl -sf -o /dev/null -H "Cookie: ${cookie[$role]}" "$url"; done
  for _ in $(seq "$n"); do
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Cookie: ${cookie[$role]}" "$url"
  done | sort -n | awk -v role="$role" -v path="$shown" -v total="${total:-—}" '
    {t[NR] = $1 * 1000}
    END {printf "| %s | `%s` | %s | %.1f | %.1f |\n", role, path, total, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)]}'
done
