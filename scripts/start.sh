#!/usr/bin/env bash
# Starts «Методист» with demo data on the embedded database (SQLite) at
# http://localhost:8080. Installs and builds what is missing first.
# METODIST_DB, METODIST_HTTP_PORT and the other METODIST_* variables apply.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
mkdir -p data
db=${METODIST_DB:-sqlite:data/metodist.db}
if [[ "$db" == sqlite:* ]] && [ ! -f "${db#sqlite:}" ]; then
  echo "Создаю демо-базу: ${db#sqlite:}"
  # The demo prints its accounts once; keep them so every start can show them.
  build/src/metodist --db "$db" demo --scale district | tee data/demo-accounts.txt
  chmod 600 data/demo-accounts.txt
fi
echo
echo "Открывайте http://localhost:${METODIST_HTTP_PORT:-8080} (остановить: Ctrl+C)"
if [ -f data/demo-accounts.txt ]; then
  sed -n '/Учётные записи/,$p' data/demo-accounts.txt
fi
exec build/src/metodist --db "$db" serve --web-root web/dist
