#!/usr/bin/env bash
# Builds the server and its unit tests with AddressSanitizer and UndefinedBehaviorSanitizer
# into build-asan/ (apart from the normal build/) and runs ctest there. Any sanitizer
# report aborts the test that triggered it, so ctest fails.
#   bash scripts/sanitize.sh            # configure, build, run every ctest
#   bash scripts/sanitize.sh -R Api     # extra arguments go to ctest
# RETORNO_ASAN_JOBS sets the parallelism (default: number of cores).
# The black-box API tests run against the sanitized server too (a report kills it):
#   RETORNO_BIN=$PWD/build-asan/src/main/retorno node --test --test-concurrency=1 tests/api/
# (the test command does both: ctest here, then the API suite against this server).
# SANITIZE_BUILD_ONLY=1 builds without running ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${RETORNO_ASAN_JOBS:-$(nproc)}"
# -O1 -g1 keeps stack traces readable (function and line) and compiles much faster than
# -O2 -g; benchmarks are left out.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DRETORNO_SANITIZE=ON \
  -DRETORNO_BUILD_BENCH=OFF -DRETORNO_WERROR="${RETORNO_WERROR:-ON}" >/dev/null
cmake --build build-asan -j"$jobs"
[[ "${SANITIZE_BUILD_ONLY:-}" == 1 ]] && exit 0
source scripts/sanitizer-env.sh
ctest --test-dir build-asan --output-on-failure -j"$jobs" "$@"
