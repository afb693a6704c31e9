#!/usr/bin/env bash
# Configures and builds the server (and the web app when web/ exists) into build/.
# RETORNO_WERROR=ON (the CI default) turns warnings into errors.
# --server-only builds just the `retorno` binary (no tests, no benchmarks): what the
# demo runs, in about half the time of a full build.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=()
for arg in "$@"; do
  case "$arg" in
    --server-only) targets=(--target retorno) ;;
    *) echo "build.sh: unknown option $arg (known: --server-only)" >&2; exit 2 ;;
  esac
done
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRETORNO_WERROR="${RETORNO_WERROR:-ON}" >/dev/null
cmake --build build -j"$(nproc)" "${targets[@]}"
if [[ -f web/package.json && "${RETORNO_SKIP_WEB:-0}" != 1 ]]; then
  # Installs again when package-lock.json changed since the last install (a pull that
  # brought a new dev tool), not only in a fresh clone.
  (cd web && { [[ -d node_modules && ! package-lock.json -nt node_modules/.package-lock.json ]] \
      || npm ci --no-audit --no-fund --loglevel=error; } \
    && npm run --silent build)
fi
