#!/usr/bin/env bash
# Runs every test: unit and store contract tests (ctest) in the release build and again
# under AddressSanitizer + UndefinedBehaviorSanitizer, black-box API tests against a
# running sanitized server, fuzzing of the parsers, the web app's unit tests and the
# end-to-end tests in Chromium (on the release build).
# Installs what it needs first. Prints one closing summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
echo "== C++ formatting (clang-format; the web app's Prettier runs with its tests)"
bash scripts/format.sh --check
bash scripts/build.sh

echo "== unit and store contract tests (ctest)"
ctest --test-dir build --output-on-failure -j"$(nproc)"

echo "== the same tests under AddressSanitizer and UBSan (build-asan/)"
bash scripts/sanitize.sh

# The sanitized server answers every API test: a read past a buffer or of an unset value
# in a handler kills it, and the test that sent the request fails. Every answer is also
# checked against openapi.json.
echo "== API tests against a running server (sanitized build; answers checked against openapi.json)"
(cd tests/api && { [[ -d node_modules && ! package-lock.json -nt node_modules/.package-lock.json ]] \
  || npm ci --no-audit --no-fund --loglevel=error; })
(source scripts/sanitizer-env.sh
 RETORNO_BIN="$PWD/build-asan/src/main/retorno" node --test --test-concurrency=1 tests/api/)

# The same API tests with every server on PostgreSQL (one private cluster for the run,
# tests/api/pg_cluster.mjs; a fresh database per server), release build.
echo "== API tests against a server on PostgreSQL (RETORNO_TEST_DATABASE=postgres)"
RETORNO_TEST_DATABASE=postgres RETORNO_BIN="$PWD/build/src/main/retorno" \
  node tests/api/pg_cluster.mjs node --test --test-concurrency=1 tests/api/

# Three servers on one database, 2,000 reminders, one server killed with kill -9 (ADR
# 0030); on the release build, as it measures how long the delivery takes.
echo "== many nodes on one database (release build): one SQLite file, then PostgreSQL"
node --test --test-concurrency=1 tests/multinode/
RETORNO_TEST_DATABASE=postgres RETORNO_BIN="$PWD/build/src/main/retorno" \
  node tests/api/pg_cluster.mjs node --test --test-concurrency=1 tests/multinode/

echo "== fuzzing the request parsers (libFuzzer, ${FUZZ_SECONDS:-30} s each)"
FUZZ_SECONDS="${FUZZ_SECONDS:-30}" bash scripts/fuzz.sh

if [[ -f web/package.json ]]; then
  echo "== web app unit tests"
  (cd web && npm test --silent)
  echo "== end-to-end tests in Chromium"
  bash tests/e2e/run.sh
fi
