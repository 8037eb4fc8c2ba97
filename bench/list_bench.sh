#!/usr/bin/env bash
# A list answer's work in a worker thread, without the HTTP server
# (bench/list_bench.cpp): the handler of the list that bench/http_bench.sh
# asks for, and its use case without the JSON, on a fresh district demo.
#
# Usage: bench/list_bench.sh [answers=100000]
#        bench/list_bench.sh --smoke   (CTest: 200 answers; fails if the list fails)
set -euo pipefail
cd "$(dirname "$0")/.."
answers=${1:-100000}
[ "${1:-}" = --smoke ] && answers=200
bin=${METODIST_BIN:-build/src/metodist}
bench=${METODIST_LIST_BENCH:-$(dirname "$bin")/../bench/list_bench}
if [ ! -x "$bin" ] || [ ! -x "$bench" ]; then echo "build first: bash scripts/build.sh" >&2; exit 1; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
password='Методист2026'
"$bin" --db "sqlite:$work/bench.db" demo --scale district --seed 1 --date 2025-09-01 --password "$password" >/dev/null 2>&1
echo "list_bench, $answers answers, district demo on SQLite, $("$bin" version | paste -sd ' ')"
echo
"$bench" "sqlite:$work/bench.db" "$password" "$answers"
