#!/usr/bin/env bash
# The four manager reports (unattended, actions, team, automatic) on a generated
# database, on one core, beside raw SQLite running the same aggregate SQL; prints p50 and
# p99 per report and viewer next to the target (p99 < 200 ms). Run by hand, not in CI.
#
#   bash bench/reports.sh                     # 1,000,000 follow-ups
#   FOLLOWUPS=200000 RUNS=50 bash bench/reports.sh
#   bash bench/reports.sh --only unattended,actions   # some of the reports
#
# From 100,000 follow-ups on (a multiple of BASE, default 50,000), the database is made
# by bench/gen_big.sh: BASE follow-ups through the store, copied in SQL, checked; a few
# minutes for 1,000,000 instead of an hour.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLLOWUPS="${FOLLOWUPS:-1000000}"
RUNS="${RUNS:-100}"
work="${BENCH_DIR:-$PWD/build/bench-run}"
mkdir -p "$work"
gen=build/bench/retorno_bench_gen
bench=build/bench/retorno_bench_reports
[[ -x $gen && -x $bench ]] || { echo "build first: bash scripts/build.sh"; exit 1; }
today=2026-11-22  # fixed, so that a database made once serves every later run
db="$work/reports-$FOLLOWUPS.db"
if [[ ! -f "$db.done" ]]; then
  rm -f "$db" "$db-wal" "$db-shm"
  if (( FOLLOWUPS >= 100000 && FOLLOWUPS % ${BASE:-50000} == 0 )); then
    # A base through the store, copied in SQL up to the size, then checked (gen_big.sh).
    FOLLOWUPS="$FOLLOWUPS" TODAY="$today" bash bench/gen_big.sh "$db"
  else
    echo "generating $FOLLOWUPS follow-ups into $db"
    "$gen" --db "$db" --followups "$FOLLOWUPS" --today "$today"
  fi
  "$bench" --db "$db" --today "$today" --prepare --runs 1 >/dev/null
  touch "$db.done"
fi
exec "$bench" --db "$db" --today "$today" --runs "$RUNS" "$@"
