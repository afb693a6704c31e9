#!/usr/bin/env bash
# The two stores side by side on the same requests: a demo company (`retorno demo`) on
# SQLite and on PostgreSQL 15 (a private cluster started here, with the server's default
# durability: fsync and synchronous commit on, as SQLite's synchronous=FULL), then wrk
# on reading a follow-up, today's agenda of one agent and creating follow-ups. One table.
#
#   bash bench/stores.sh                         # 5,000 follow-ups, 5 s per scenario
#   FOLLOWUPS=20000 DURATION=10 bash bench/stores.sh
#
# Not pinned to cores (bench/run.sh is, for SQLite's targets): PostgreSQL's server
# processes need a core of their own, so both stores get the whole machine here.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLLOWUPS="${FOLLOWUPS:-5000}"
PARTIES="${PARTIES:-1000}"
DURATION="${DURATION:-5}"
PG_BIN="${RETORNO_PG_BIN:-/usr/lib/postgresql/15/bin}"
bin=build/src/main/retorno
[[ -x $bin ]] || { echo "build first: bash scripts/build.sh"; exit 1; }
command -v wrk >/dev/null || bash scripts/install-deps.sh --bench
work=$(mktemp -d /tmp/retorno-bench-stores-XXXXXX)
chmod 755 "$work"
as_pg=()
[[ $(id -u) == 0 ]] && { chown postgres "$work"; as_pg=(runuser -u postgres --); }
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
app_port=18093
app_pid=""
cleanup() {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  "${as_pg[@]}" "$PG_BIN/pg_ctl" stop -s -m immediate -D "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"${as_pg[@]}" "$PG_BIN/initdb" -D "$work/pg" -U retorno -A trust -E UTF8 --locale=C \
  --no-instructions >/dev/null
"${as_pg[@]}" "$PG_BIN/pg_ctl" start -w -s -D "$work/pg" -l "$work/pg.log" \
  -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=100" >/dev/null
"${as_pg[@]}" "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$pg_port" -U retorno -d postgres \
  -c "CREATE DATABASE bench" >/dev/null

today=$(TZ=America/Sao_Paulo date +%F)
tomorrow=$(TZ=America/Sao_Paulo date -d tomorrow +%F)
results=()

token_of() {
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"retorno123\"}" \
    "http://127.0.0.1:$app_port/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}

run() {  # store, scenario, connections, script
  local out rps p50 p99 errors
  sleep 1
  out=$(wrk -t1 -c"$3" -d"${DURATION}s" --latency -s "$4" "http://127.0.0.1:$app_port" 2>&1)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); errors=${errors:-0}
  results+=("$(printf '%-11s %-34s %10s %10s %10s %8s' "$1" "$2" "$rps" "$p50" "$p99" "$errors")")
}

bench_store() {  # name, database
  local started=$SECONDS
  "$bin" --database "$2" --log-level warn demo --followups "$FOLLOWUPS" --parties "$PARTIES" \
    2>/dev/null >/dev/null
  echo "$1: demo company of $FOLLOWUPS follow-ups in $((SECONDS - started)) s"
  (cd "$work" && exec "$OLDPWD/$bin" --database "$2" --log-level warn serve --port $app_port \
    --web-dir /nonexistent) &
  app_pid=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$app_port/healthz" >/dev/null && break; sleep 0.1; done
  sleep 2  # start-up work (birthdays) is not measured
  ADMIN_TOKEN=$(token_of admin)
  AGENT_TOKEN=$ADMIN_TOKEN  # creates for any party
  AGENT2_TOKEN=$(token_of joao)
  export ADMIN_TOKEN AGENT_TOKEN AGENT2_TOKEN MAX_ID="$FOLLOWUPS" MAX_PARTY="$PARTIES" TODAY="$today" TOMORROW="$tomorrow"
  run "$1" "GET /api/v1/followups/{id}" 64 bench/wrk/get_followup.lua
  run "$1" "GET /api/v1/agenda?when=today" 64 bench/wrk/agenda_today.lua
  run "$1" "agenda today, 1 connection" 1 bench/wrk/agenda_today.lua
  run "$1" "POST /api/v1/followups (durable)" 16 bench/wrk/create_followup.lua
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
}

bench_store sqlite "$work/bench.db"
bench_store postgresql "postgresql://retorno@127.0.0.1:$pg_port/bench"

echo
echo "Retorno on each store — demo company of $FOLLOWUPS follow-ups, wrk ${DURATION}s, $(nproc) cores"
printf '%-11s %-34s %10s %10s %10s %8s\n' "store" "scenario" "req/s" "p50" "p99" "non-2xx"
printf '%s\n' "${results[@]}"
