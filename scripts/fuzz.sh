#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang into build-fuzz/ and runs each for a
# bounded time (FUZZ_SECONDS, default 60), starting from the seed corpus committed in
# fuzz/corpus/<target>/ (copied, so the seeds stay as committed). A crash, leak or
# sanitizer report fails the script and leaves the input in build-fuzz/crashes/.
#   bash scripts/fuzz.sh                 # every target, 60 s each
#   FUZZ_SECONDS=30 bash scripts/fuzz.sh template json
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
targets=("$@")
((${#targets[@]})) || targets=(template csv query multipart json)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DRETORNO_FUZZ=ON -DRETORNO_BUILD_BENCH=OFF \
  -DRETORNO_WERROR=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
mkdir -p build-fuzz/crashes
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
for t in "${targets[@]}"; do
  work=$(mktemp -d "/tmp/retorno-fuzz-$t.XXXXXX")
  cp fuzz/corpus/"$t"/* "$work"/
  log="build-fuzz/fuzz_$t.log"
  if ! ./build-fuzz/fuzz/fuzz_"$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$t-" \
      "$work" >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz_$t: FAILED (input saved in build-fuzz/crashes/)"
    rm -rf "$work"
    exit 1
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  echo "fuzz_$t: ${seconds}s, $runs inputs, no crash"
  rm -rf "$work"
done
