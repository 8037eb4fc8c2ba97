#!/usr/bin/env bash
# The documents library at scale (SQLite): N documents added straight into the
# table, indexed by the start-up pass (stems made by libstemmer), then
# searched over HTTP with Russian queries in other word forms. Prints a
# Markdown table for docs/performance.md.
#
# Usage: bench/library_bench.sh [documents=20000] [queries=200]
#        bench/library_bench.sh --smoke   (CTest: 200 documents, 5 queries; fails when a query finds nothing)
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=""
if [ "${1:-}" = --smoke ]; then smoke=1; set -- 200 5; fi
n=${1:-20000}
queries=${2:-200}
bin=${METODIST_BIN:-build/src/metodist}
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/lib.db"
"$bin" --db "sqlite:$db" demo --scale district --seed 1 --date 2025-09-01 --password 'Методист2026' >/dev/null 2>&1

# N documents whose titles combine words of methodical orders (different forms of the same words).
sqlite3 "$db" <<SQL
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $n),
w1(k, w) AS (VALUES (0, 'Об утверждении положения о'), (1, 'О проведении'), (2, 'О внесении изменений в порядок'), (3, 'Об организации')),
w2(k, w) AS (VALUES (0, 'методического актива'), (1, 'наставничества молодых педагогов'), (2, 'мониторинга эффективности'),
  (3, 'диагностики профессиональных дефицитов'), (4, 'региональной системы научно-методического сопровождения'),
  (5, 'конкурса методических разработок'), (6, 'курсов повышения квалификации')),
w3(k, w) AS (VALUES (0, 'в муниципальном районе'), (1, 'в образовательных организациях'), (2, 'на учебный год'), (3, 'педагогических работников'), (4, ''))
INSERT INTO documents (kind, number, doc_date, title, level, preloaded, created_at, updated_at)
SELECT 'order', 'Б-' || i, printf('%04d-%02d-%02d', 2015 + i % 11, 1 + i % 12, 1 + i % 28),
  (SELECT w FROM w1 WHERE k = i % 4) || ' ' || (SELECT w FROM w2 WHERE k = i % 7) || ' ' || (SELECT w FROM w3 WHERE k = i % 5) || ' №' || i,
  'regional', 0, 'x', 'x' FROM seq;
SQL

# The start-up pass indexes what the index lacks: time one command that opens the app.
start=$(date +%s.%N)
"$bin" --db "sqlite:$db" notify >/dev/null 2>&1
index_s=$(echo "$(date +%s.%N) - $start" | bc)
indexed=$(sqlite3 "$db" "SELECT count(*) FROM documents_fts")

port=$(( 20000 + RANDOM % 20000 ))
METODIST_ACCESS_LOG=false "$bin" --db "sqlite:$db" serve --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -c "$work/jar" -H 'Content-Type: application/json' -d '{"login":"teacher","password":"Методист2026"}' \
  "http://127.0.0.1:$port/api/v1/auth/login" >/dev/null

words=("положению о наставничестве" "актив методический" "мониторинг эффективности" "дефицитов диагностика"
       "конкурс разработок" "курсы квалификации педагогов" "научно-методическое сопровождение" "отбор актива")
total_ms=0; max_ms=0; found=0
for i in $(seq "$queries"); do
  q=${words[$(( i % ${#words[@]} ))]}
  out=$(curl -sf -b "$work/jar" -w '\n%{time_total}' --get --data-urlencode "q=$q" "http://127.0.0.1:$port/api/v1/documents")
  t=$(echo "$out" | tail -1)
  ms=$(echo "$t * 1000" | bc)
  total_ms=$(echo "$total_ms + $ms" | bc)
  max_ms=$(echo "if ($ms > $max_ms) $ms else $max_ms" | bc)
  found=$(echo "$out" | head -1 | grep -o '"id":' | wc -l)
done
mean=$(echo "scale=1; $total_ms / $queries" | bc)
echo "| documents | indexed at start-up | index time, s | queries | mean, ms | max, ms | rows in the last answer |"
echo "|---|---|---|---|---|---|---|"
printf '| %s | %s | %.1f | %s | %s | %.1f | %s |\n' "$n" "$indexed" "$index_s" "$queries" "$mean" "$max_ms" "$found"
if [ -n "$smoke" ] && [ "$found" -eq 0 ]; then
  echo "the last query found no document: the search or the bench's data no longer work" >&2
  exit 1
fi
