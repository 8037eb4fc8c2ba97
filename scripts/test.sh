#!/usr/bin/env bash
# Runs the whole test suite: C++ unit and integration tests on SQLite and on a
# real PostgreSQL started for the run, API tests against a started server on
# both backends, the browser tests in headless Chromium, and the front-end
# unit tests. Installs and builds what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j2 --timeout 600
