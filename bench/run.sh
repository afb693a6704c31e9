#!/usr/bin/env bash
# Scale and load benchmarks, measured beside the machine's limits in the same
# run: nginx serving a static file with the same wrk settings, and SQLite alone
# (bench/raw_sqlite.cc) doing a follow-up's reads and durable commits. Prints one table
# and the targets, with the ceiling for reading a follow-up that those limits imply.
#
#   bash bench/run.sh            # 1,000,000 follow-ups (generation takes a few minutes)
#   FOLLOWUPS=100000 DURATION=5 bash bench/run.sh
#
# Targets: GET /followups/{id} >= 40% of nginx req/s; agenda of today p99
# < 10 ms with 1,000,000 follow-ups; >= 3,000 durable creations/s. The month
# calendar of one user p99 < 20 ms with 1,000,000 follow-ups.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLLOWUPS="${FOLLOWUPS:-1000000}"
DURATION="${DURATION:-10}"
CONNS="${CONNS:-64}"
PORT_NGINX=18091
PORT_APP=18092
work="${BENCH_DIR:-$PWD/build/bench-run}"
mkdir -p "$work"
bin=build/src/main/retorno
gen=build/bench/retorno_bench_gen
raw=build/bench/retorno_bench_raw_sqlite
[[ -x $bin && -x $gen && -x $raw ]] || { echo "build first: bash scripts/build.sh"; exit 1; }
command -v wrk >/dev/null && command -v nginx >/dev/null || bash scripts/install-deps.sh --bench

today=$(TZ=America/Sao_Paulo date +%F)
db="$work/bench-$FOLLOWUPS.db"
if [[ ! -f "$db.done" ]]; then
  rm -f "$db" "$db-wal" "$db-shm"
  echo "generating $FOLLOWUPS follow-ups into $db"
  "$gen" --db "$db" --followups "$FOLLOWUPS" --today "$today"
  touch "$db.done"
fi

# A run starts from a checkpointed file: a WAL left by an earlier run's creations would
# be copied into the database by the server's first write, on the measured core.
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null

# --- nginx on a static file: the machine's limit for this wrk setup.
mkdir -p "$work/nginx/html"
head -c 2048 /dev/urandom | base64 > "$work/nginx/html/static.json"
cat > "$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$PORT_NGINX; root $work/nginx/html; }
}
NGINX
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
# --- Retorno on the generated database.
"$bin" --db "$db" --log-level warn serve --port $PORT_APP --threads 1 --web-dir /nonexistent &
app_pid=$!
cleanup() { kill $nginx_pid $app_pid 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$PORT_APP/healthz" >/dev/null && curl -sf "http://127.0.0.1:$PORT_NGINX/static.json" >/dev/null && break
  sleep 0.1
done

token_of() {
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"bench-pass-123\"}" \
    "http://127.0.0.1:$PORT_APP/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
ADMIN_TOKEN=$(token_of admin)
AGENT_TOKEN=$(token_of agent01)
# Another agent for the calendar: the creation scenario adds returns to agent01's tomorrow.
AGENT2_TOKEN=$(token_of agent02)
tomorrow=$(TZ=America/Sao_Paulo date -d tomorrow +%F)
export ADMIN_TOKEN AGENT_TOKEN AGENT2_TOKEN MAX_ID="$FOLLOWUPS" TODAY="$today" TOMORROW="$tomorrow"

# Server pinned to core 0 (the retorno --threads 1 / nginx worker), wrk to core 1.
# -a: every thread, the worker pool and the background jobs too.
pin_server() { taskset -apc 0 "$1" >/dev/null 2>&1 || true; }
pin_server $nginx_pid; for p in $(pgrep -P $nginx_pid); do pin_server "$p"; done
pin_server $app_pid
# Start-up work (the birthday pass creates this month's birthday follow-ups) must not
# be measured as request latency.
sleep 5
WRK="taskset -c 1 wrk -t1 -c$CONNS -d${DURATION}s --latency"

results=()
run() {  # name, wrk args...
  local name=$1; shift
  local out
  # Let the previous scenario's queued requests drain (64 connections leave up to a
  # second of work behind) so they are not counted against this one.
  sleep 2
  out=$($WRK "$@" 2>&1)
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); errors=${errors:-0}
  results+=("$(printf '%-34s %12s %10s %10s %8s' "$name" "$rps" "$p50" "$p99" "$errors")")
  echo "$out" > "$work/wrk-${name//[^a-zA-Z0-9]/_}.txt"
}
run "nginx static file (limit)" "http://127.0.0.1:$PORT_NGINX/static.json"
run "GET /api/v1/followups/{id}" -s bench/wrk/get_followup.lua "http://127.0.0.1:$PORT_APP"
run "GET /api/v1/agenda?when=today" -s bench/wrk/agenda_today.lua "http://127.0.0.1:$PORT_APP"
run "GET /api/v1/calendar (month)" -s bench/wrk/calendar_month.lua "http://127.0.0.1:$PORT_APP"
# Latency targets are a user's wait, not a queue: 64 connections on one server thread
# measure mostly the queue (64 x the service time). One connection measures the wait.
WRK="taskset -c 1 wrk -t1 -c1 -d${DURATION}s --latency"
run "agenda today, 1 connection" -s bench/wrk/agenda_today.lua "http://127.0.0.1:$PORT_APP"
run "calendar month, 1 connection" -s bench/wrk/calendar_month.lua "http://127.0.0.1:$PORT_APP"
WRK="taskset -c 1 wrk -t1 -c16 -d${DURATION}s --latency"
run "POST /api/v1/followups (durable)" -s bench/wrk/create_followup.lua "http://127.0.0.1:$PORT_APP"
# The creation aim is per second of the machine, not of one core: the same scenario with
# the server's threads free to use both cores (wrk shares them, which only handicaps the
# server). The single SQLite writer still serialises the transactions.
taskset -apc 0-1 "$app_pid" >/dev/null 2>&1 || true
WRK="wrk -t1 -c16 -d${DURATION}s --latency"
run "POST /api/v1/followups (2 cores)" -s bench/wrk/create_followup.lua "http://127.0.0.1:$PORT_APP"

# --- SQLite alone on the same core: the reads of one follow-up on the same database, and
# durable commits on a scratch file (the disk's limit for the creation scenario).
raw_out=$(taskset -c 0 "$raw" --db "$db" --reads 200000 --max-id "$FOLLOWUPS" \
  --scratch "$work/raw-commits.db" --commits 3000 --group 16)

echo
echo "Retorno benchmarks — $FOLLOWUPS follow-ups stored, wrk ${DURATION}s, $(nproc) cores"
printf '%-34s %12s %10s %10s %8s\n' "scenario" "req/s" "p50" "p99" "non-2xx"
printf '%s\n' "${results[@]}"
echo "$raw_out"
nginx_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-nginx_static_file__limit_.txt")
get_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-GET__api_v1_followups__id_.txt")
agenda_p99=$(awk '$1=="99%" {print $2}' "$work/wrk-agenda_today__1_connection.txt")
create_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-POST__api_v1_followups__durable_.txt")
create2_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-POST__api_v1_followups__2_cores_.txt")
calendar_p99=$(awk '$1=="99%" {print $2}' "$work/wrk-calendar_month__1_connection.txt")
echo
python3 - "$nginx_rps" "$get_rps" "$agenda_p99" "$create_rps" "$calendar_p99" "$raw_out" "$create2_rps" <<'PY'
import sys, re
nginx, get, p99, create, cal, raw, create2 = sys.argv[1:]
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")
nginx, get, create, create2 = float(nginx), float(get), float(create), float(create2)
reads = float(re.search(r"follow-up: (\d+)/s", raw).group(1))
commits = float(re.search(r"FULL\): (\d+)/s", raw).group(1))
# A server that spent nothing of its own would still pay nginx's cost per request plus
# SQLite's reads: its ceiling, on one core, is 1 / (1/nginx + 1/reads).
ceiling = 1 / (1 / nginx + 1 / reads)
ratio = get / nginx * 100
print(f"limit for GET follow-up: nginx's cost per request + raw SQLite's reads = {ceiling:.0f} req/s = {ceiling / nginx * 100:.1f}% of nginx")
print(f"target GET follow-up >= 40% of nginx: {ratio:.1f}%  {'OK' if ratio >= 40 else 'BELOW TARGET'}  ({get / ceiling * 100:.0f}% of that limit)")
print(f"target agenda p99 < 10 ms (1 conn):   {ms(p99):.2f} ms  {'OK' if ms(p99) < 10 else 'BELOW TARGET'}")
print(f"target >= 3000 durable creations/s:   {create2:.0f}/s on 2 cores  {'OK' if create2 >= 3000 else 'BELOW TARGET'}  ({create:.0f}/s on one core; the disk: {commits:.0f} single-row durable commits/s)")
print(f"target calendar p99 < 20 ms (1 conn): {ms(cal):.2f} ms  {'OK' if ms(cal) < 20 else 'BELOW TARGET'}")
PY
