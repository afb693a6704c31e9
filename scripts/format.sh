#!/usr/bin/env bash
# Formats the C++ with clang-format (.clang-format: Google base, 100 columns) and the web
# app with Prettier (web/.prettierrc.json; `npm test` checks it).
#   bash scripts/format.sh           # rewrites what is off
#   bash scripts/format.sh --check   # lists the C++ that is off and fails (the test command)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h')
if [[ "${1:-}" == --check ]]; then
  clang-format --dry-run --Werror "${files[@]}"
else
  clang-format -i "${files[@]}"
  (cd web && npm run --silent format)
fi
