#!/usr/bin/env bash
# Builds Retorno, fills data/demo.db with a demo company on first run, and serves it
# (API and web app) on http://127.0.0.1:8080. Ctrl-C stops it.
# Arguments go to `retorno serve`: `bash scripts/demo.sh --port 9090` serves on 9090
# (RETORNO_PORT does the same). RETORNO_DEMO_DRY_RUN=1 prints the serve command instead
# of installing, building and running (for tests).
set -euo pipefail
cd "$(dirname "$0")/.."
port="${RETORNO_PORT:-8080}"
args=()
while (($#)); do
  case "$1" in
    --port) port="${2:?--port needs a value}"; shift 2 ;;
    --port=*) port="${1#--port=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
db="${RETORNO_DB:-data/demo.db}"
serve=(./build/src/main/retorno --db "$db" serve --port "$port" "${args[@]}")
if [[ "${RETORNO_DEMO_DRY_RUN:-0}" == 1 ]]; then
  echo "${serve[*]}"
  exit 0
fi
bash scripts/install-deps.sh
# Only what the demo runs: the server binary and the web app, not tests or benchmarks.
RETORNO_WERROR="${RETORNO_WERROR:-OFF}" bash scripts/build.sh --server-only
if [[ ! -f "$db" ]]; then
  ./build/src/main/retorno --db "$db" demo
fi
exec "${serve[@]}"
