#!/usr/bin/env bash
# `retorno move-data` on a database of FOLLOWUPS follow-ups (default 50,000: with their
# ~100,000 returns and 20,000 parties) plus ATTACHMENTS attachments of 200 kB (default
# 250), copied into a SQLite file and into a private PostgreSQL 15 (initdb in a temporary
# folder, as the postgres user when run as root), each verified. Prints the command's
# figures (rows/s, MB/s) for both.
#
#   bash bench/move_data.sh
#   FOLLOWUPS=200000 ATTACHMENTS=1000 bash bench/move_data.sh
#   FOLLOWUPS=1000000 bash bench/move_data.sh    # the product owner's size
#   DB=build/bench-run/reports-1000000.db bash bench/move_data.sh   # a database made
#       before (bench/gen_big.sh, bench/reports.sh): copied first, never written
#   TARGETS=pg bash bench/move_data.sh            # only into PostgreSQL (or: sqlite);
#       by default PostgreSQL first, then a SQLite file
set -euo pipefail
cd "$(dirname "$0")/.."
FOLLOWUPS="${FOLLOWUPS:-50000}"
ATTACHMENTS="${ATTACHMENTS:-250}"
TARGETS="${TARGETS:-sqlite pg}"
PORT="${PORT:-18093}"
bin="$(realpath -m "${RETORNO_BIN:-build/src/main/retorno}")"
gen="$PWD/build/bench/retorno_bench_gen"
pgbin="${RETORNO_PG_BIN:-/usr/lib/postgresql/15/bin}"
[[ -x $bin && -x $gen ]] || { echo "build first: bash scripts/build.sh"; exit 1; }
work="$(mktemp -d /tmp/retorno-move-bench-XXXXXX)"
as_pg=()
if [[ "$(id -u)" == 0 ]]; then as_pg=(/usr/sbin/runuser -u postgres --); chown postgres: "$work"; fi
cleanup() {
  if [[ -f "$work/pg/postmaster.pid" ]]; then
    (cd "$work" && "${as_pg[@]}" "$pgbin/pg_ctl" stop -s -m immediate -D "$work/pg") || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }
t0=$(date +%s.%N)
if [[ -n ${DB:-} ]]; then
  [[ -f $DB ]] || { echo "$DB not found"; exit 1; }
  sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
  cp "$DB" "$work/source.db"
  # At this build's schema, as move-data requires of its source (made by an older build?).
  "$bin" --db "$work/source.db" migrate >/dev/null
  FOLLOWUPS=$(sqlite3 "$work/source.db" 'SELECT count(*) FROM followups')
  echo "== $DB: $FOLLOWUPS follow-ups, plus $ATTACHMENTS attachments of 200 kB"
  echo "copied in $(since "$t0")"
else
  echo "== a database of $FOLLOWUPS follow-ups and $ATTACHMENTS attachments of 200 kB"
  "$gen" --db "$work/source.db" --followups "$FOLLOWUPS" --today 2026-11-22 >/dev/null 2>&1
  echo "generated in $(since "$t0")"
fi
sqlite3 "$work/source.db" "SELECT 'rows: ' || (SELECT count(*) FROM followups) || ' follow-ups, '
  || (SELECT count(*) FROM actions) || ' returns, ' || (SELECT count(*) FROM entries)
  || ' entries, ' || (SELECT count(*) FROM parties) || ' parties, '
  || (SELECT count(*) FROM documents) || ' documents'"
sqlite3 "$work/source.db" "
  INSERT INTO attachments (id, followup_id, file_name, content_type, size, sha256,
                           uploaded_by, created_at)
    SELECT value, value, 'scan.bin', 'application/octet-stream', 200000, '', 1, 0
    FROM generate_series(1, $ATTACHMENTS);
  INSERT INTO attachment_blobs SELECT value, randomblob(200000)
    FROM generate_series(1, $ATTACHMENTS);
  PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
ls -l "$work/source.db" | awk '{printf "source file: %.1f MB\n", $5 / 1048576}'

if [[ " $TARGETS " == *" pg "* ]]; then
  echo "== into PostgreSQL 15 (private server on 127.0.0.1:$PORT)"
  (cd "$work" && "${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -U retorno -A trust -E UTF8 \
    --locale=C --no-instructions >/dev/null)
  (cd "$work" && "${as_pg[@]}" "$pgbin/pg_ctl" start -w -s -D "$work/pg" -l "$work/pg.log" \
    -o "-p $PORT -k $work -c listen_addresses=127.0.0.1")
  psql -X -q -h 127.0.0.1 -p "$PORT" -U retorno -d postgres -c "CREATE DATABASE retorno"
  t0=$(date +%s.%N)
  "$bin" move-data --from "$work/source.db" --to "postgresql://retorno@127.0.0.1:$PORT/retorno" 2>&1 \
    | grep -E "rows/s|verified|differs"
  echo "move-data into PostgreSQL, copy and verification: $(since "$t0")"
  psql -X -q -At -h 127.0.0.1 -p "$PORT" -U retorno -d retorno \
    -c "SELECT 'follow-ups in PostgreSQL: ' || count(*) FROM followups"
fi

if [[ " $TARGETS " == *" sqlite "* ]]; then
  echo "== into a SQLite file"
  t0=$(date +%s.%N)
  "$bin" move-data --from "$work/source.db" --to "$work/copy.db" 2>&1 | grep -E "rows/s|verified|differs"
  echo "move-data into SQLite, copy and verification: $(since "$t0")"
  rm -f "$work/copy.db"*
fi
