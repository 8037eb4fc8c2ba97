#!/usr/bin/env bash
# Checks the style the code follows, or fixes it with --fix:
#   cpp    clang-format (.clang-format) on src/, tests/, bench/
#   shell  shellcheck on scripts/, bench/, tests/support/
#   web    ESLint and Prettier on web/ and Prettier on the JavaScript tests
#   api    the OpenAPI linter on docs/openapi.yaml (redocly.yaml)
# With no part named, all four. The test suite runs each part (style_*).
set -euo pipefail
cd "$(dirname "$0")/.."
fix=false
parts=()
for a in "$@"; do
  if [ "$a" = --fix ]; then fix=true; else parts+=("$a"); fi
done
[ ${#parts[@]} -gt 0 ] || parts=(cpp shell web api)

for part in "${parts[@]}"; do
  case "$part" in
    cpp)
      mapfile -t files < <(find src tests bench \( -name '*.cpp' -o -name '*.hpp' \) -not -path '*/corpus/*' | sort)
      if $fix; then clang-format -i "${files[@]}"; else clang-format --dry-run --Werror "${files[@]}"; fi
      ;;
    shell)
      mapfile -t files < <(find scripts bench tests -name '*.sh' | sort; echo .ci/run)
      shellcheck "${files[@]}"
      ;;
    web)
      cd web
      if $fix; then
        npx --no-install prettier --log-level warn --write . ../tests/api ../tests/e2e ../tests/cluster
        npx --no-install eslint --fix .
      else
        npx --no-install prettier --log-level warn --check . ../tests/api ../tests/e2e ../tests/cluster
        npx --no-install eslint --max-warnings 0 .
      fi
      cd ..
      ;;
    api)
      web/node_modules/.bin/redocly lint --config redocly.yaml --format=stylish docs/openapi.yaml
      ;;
    *) echo "unknown part: $part (cpp, shell, web, api)" >&2; exit 2 ;;
  esac
done
