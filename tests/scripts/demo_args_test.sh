#!/usr/bin/env bash
# The demo command: `--port N` reaches the server once (it used to be passed twice and
# refused), and the demo builds only the server binary, not tests and benchmarks.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$(RETORNO_DEMO_DRY_RUN=1 bash scripts/demo.sh --port 9090)
[[ "$out" == *"serve --port 9090" ]] || fail "--port 9090 gave: $out"
[[ $(grep -o -- "--port" <<<"$out" | wc -l) == 1 ]] || fail "--port twice: $out"

out=$(RETORNO_DEMO_DRY_RUN=1 bash scripts/demo.sh --port=9091 --threads 2)
[[ "$out" == *"serve --port 9091 --threads 2" ]] || fail "--port=9091 gave: $out"

out=$(RETORNO_DEMO_DRY_RUN=1 RETORNO_PORT=7070 bash scripts/demo.sh)
[[ "$out" == *"serve --port 7070" ]] || fail "RETORNO_PORT gave: $out"

out=$(RETORNO_DEMO_DRY_RUN=1 bash scripts/demo.sh)
[[ "$out" == *"serve --port 8080" ]] || fail "default port gave: $out"

grep -q -- 'build.sh --server-only' scripts/demo.sh || fail "demo.sh builds more than the server"
grep -q -- '--target retorno' scripts/build.sh || fail "build.sh has no server-only build"
if bash scripts/build.sh --bogus 2>/dev/null; then fail "build.sh accepted an unknown option"; fi
echo "demo args: ok"
