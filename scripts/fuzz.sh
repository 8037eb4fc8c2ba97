#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each.
#   bash scripts/fuzz.sh [seconds per target, default 20]   # the tests run it briefly
#   FUZZ_RUNS=10000000 bash scripts/fuzz.sh                  # the long run of docs/reliability.md
#   FUZZ_ONLY="json_fuzz" …                                   # only the named targets
#   FUZZ_MAX_LEN=4096 …                                       # smaller inputs (default 65536)
#   FUZZ_TIMEOUT=60 …                                         # seconds per input before it counts as a hang (10)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
out="${FUZZ_DIR:-build-fuzz}"
mkdir -p "$out"
cxx="clang++-14"
command -v ccache >/dev/null && cxx="ccache clang++-14"
flags=(-std=c++20 -O1 -g '-fsanitize=fuzzer,address,undefined' -fno-sanitize-recover=undefined -Isrc)
libs=$(pkg-config --cflags --libs libzip pugixml xlsxwriter poppler-cpp)

targets=(table_fuzz roadmap_fuzz term_fuzz json_fuzz text_fuzz)
[ -n "${FUZZ_ONLY:-}" ] && read -r -a targets <<<"$FUZZ_ONLY"

build() {  # name, sources... — only the targets this run will use
  local name="$1"; shift
  [[ " ${targets[*]} " == *" $name "* ]] || return 0
  # shellcheck disable=SC2086
  $cxx "${flags[@]}" "$@" $libs -o "$out/$name"
}
readers=(src/io/table.cpp src/io/csv_reader.cpp src/io/pipe_table.cpp src/io/xlsx_reader.cpp src/io/zip_archive.cpp src/domain/error.cpp src/domain/text.cpp src/domain/date.cpp)
build table_fuzz tests/fuzz/table_fuzz.cpp "${readers[@]}"
build roadmap_fuzz tests/fuzz/roadmap_fuzz.cpp "${readers[@]}" src/domain/roadmap.cpp src/domain/term.cpp src/domain/registry.cpp
build term_fuzz tests/fuzz/term_fuzz.cpp src/domain/term.cpp src/domain/date.cpp src/domain/text.cpp src/domain/error.cpp
build text_fuzz tests/fuzz/text_fuzz.cpp src/io/text_extract.cpp "${readers[@]}"
build json_fuzz tests/fuzz/json_fuzz.cpp src/http/json.cpp src/domain/field_titles.cpp src/http/json_writer.cpp src/domain/error.cpp src/domain/text.cpp \
  src/domain/registry.cpp src/domain/date.cpp src/domain/import.cpp

for target in "${targets[@]}"; do
  corpus="$out/corpus-$target"
  mkdir -p "$corpus"
  run_limit=()
  if [ -n "${FUZZ_RUNS:-}" ]; then run_limit=(-runs="$FUZZ_RUNS"); else run_limit=(-max_total_time="$seconds"); fi
  echo "== $target"
  # -rss_limit_mb: a reader that balloons on a small input fails the run.
  "$out/$target" "${run_limit[@]}" -artifact_prefix="$out/" -rss_limit_mb=1024 -max_len="${FUZZ_MAX_LEN:-65536}" -timeout="${FUZZ_TIMEOUT:-10}" -print_final_stats=1 \
    "$corpus" tests/fuzz/corpus 2>&1 | tee "$out/$target.log" | tail -n 15
done
