#!/usr/bin/env bash
# Builds Retorno, fills data/demo.db with a demo company on first run, and serves it
# (API and web app) on http://127.0.0.1:8080. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
RETORNO_WERROR="${RETORNO_WERROR:-OFF}" bash scripts/build.sh
db="${RETORNO_DB:-data/demo.db}"
if [[ ! -f "$db" ]]; then
  ./build/src/main/retorno --db "$db" demo
fi
exec ./build/src/main/retorno --db "$db" serve --port "${RETORNO_PORT:-8080}" "$@"
