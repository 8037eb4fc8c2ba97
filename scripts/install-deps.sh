#!/usr/bin/env bash
# Installs what «Методист» needs on Debian 12: build tools and libraries from
# Debian's packages, PostgreSQL and Chromium for the tests, and the web UI's npm
# packages (exact versions from web/package-lock.json). Safe to run again: it
# only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build ccache pkg-config git
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev nlohmann-json3-dev libspdlog-dev libcli11-dev
  libtomlplusplus-dev libsodium-dev libsqlite3-dev libpq-dev libgtest-dev libjemalloc-dev
  libzip-dev zlib1g-dev libpugixml-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev libcurl4-openssl-dev libstemmer-dev libpoppler-cpp-dev fonts-dejavu-core poppler-utils
  clang-14 libclang-rt-14-dev clang-format shellcheck
  nodejs npm
  postgresql postgresql-client nginx chromium wrk sqlite3 curl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A newer Node.js from another source satisfies «nodejs npm» as well.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Устанавливаю пакеты Debian: ${missing[*]}"
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The PostgreSQL and nginx packages start system services; the tests run their
# own on temporary directories and loopback ports and do not need them.

cd web
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Устанавливаю npm-пакеты веб-интерфейса"
  # `npm install` honours the lock file just as `npm ci` would, but does not
  # refuse a lock file that lists only this platform's optional binaries
  # (rollup, esbuild), which is what the registry here records.
  npm install --no-audit --no-fund --loglevel=error
fi
