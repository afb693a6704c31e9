#!/usr/bin/env bash
# Runs every test: unit and store contract tests (ctest), API tests against a running
# server, and the web app's tests. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
bash scripts/build.sh
echo "== unit and contract tests (ctest)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
if [[ -d tests/api ]] && ls tests/api/*.test.mjs >/dev/null 2>&1; then
  echo "== API tests against a running server"
  node --test --test-concurrency=1 tests/api/
fi
