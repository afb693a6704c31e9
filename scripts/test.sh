#!/usr/bin/env bash
# Runs every test: unit and store contract tests (ctest), black-box API tests against a
# running server, the web app's unit tests and the end-to-end tests in Chromium.
# Installs what it needs first. Prints one closing summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
bash scripts/build.sh

echo "== unit and store contract tests (ctest)"
ctest --test-dir build --output-on-failure -j"$(nproc)"

echo "== API tests against a running server (every answer checked against openapi.json)"
(cd tests/api && { [[ -d node_modules && ! package-lock.json -nt node_modules/.package-lock.json ]] \
  || npm ci --no-audit --no-fund --loglevel=error; })
node --test --test-concurrency=1 tests/api/

echo "== fuzzing the request parsers (libFuzzer, ${FUZZ_SECONDS:-30} s each)"
FUZZ_SECONDS="${FUZZ_SECONDS:-30}" bash scripts/fuzz.sh

if [[ -f web/package.json ]]; then
  echo "== web app unit tests"
  (cd web && npm test --silent)
  echo "== end-to-end tests in Chromium"
  bash tests/e2e/run.sh
fi
