#!/usr/bin/env bash
# Builds the server and its unit tests with AddressSanitizer and UndefinedBehaviorSanitizer
# into build-asan/ (apart from the normal build/) and runs ctest there. Any sanitizer
# report aborts the test that triggered it, so ctest fails.
#   bash scripts/sanitize.sh            # configure, build, run every ctest
#   bash scripts/sanitize.sh -R Api     # extra arguments go to ctest
# RETORNO_ASAN_JOBS sets the parallelism (default: number of cores).
# The black-box API tests run against the sanitized server too (a report kills it):
#   RETORNO_BIN=build-asan/src/main/retorno node --test --test-concurrency=1 tests/api/
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="${RETORNO_ASAN_JOBS:-$(nproc)}"
# -O1 keeps stack traces readable and compiles faster than -O2; benchmarks are left out.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DRETORNO_SANITIZE=ON \
  -DRETORNO_BUILD_BENCH=OFF -DRETORNO_WERROR="${RETORNO_WERROR:-ON}" >/dev/null
cmake --build build-asan -j"$jobs"
# detect_leaks: the tests own every allocation they make, so a leak is a bug too.
# print_stacktrace: UBSan names the line, not only the kind of error.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-asan --output-on-failure -j"$jobs" "$@"
