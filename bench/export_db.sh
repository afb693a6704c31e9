#!/usr/bin/env bash
# The database of bench/export_csv.mjs when bench/reports.sh's cannot be generated in
# the time at hand (retorno_bench_gen writes each follow-up with its returns and entries
# through the store: about an hour for 1,000,000 on a loaded machine). Generates BASE
# follow-ups (default 100,000) with retorno_bench_gen, then copies their rows in SQL up
# to FOLLOWUPS (default 1,000,000): each copy with a new id, its next return moved by a
# random number of days within ±180 (so the due order stays unrelated to the id order,
# as in a real list) and its contact date by up to a year. The copies have no returns or
# entries of their own: only the follow-up list reads them. Run by hand, not in CI.
#
#   bash bench/export_db.sh && DB=build/bench-run/export-1000000.db node bench/export_csv.mjs
set -euo pipefail
cd "$(dirname "$0")/.."
FOLLOWUPS="${FOLLOWUPS:-1000000}"
BASE="${BASE:-100000}"
work="${BENCH_DIR:-$PWD/build/bench-run}"
mkdir -p "$work"
gen=build/bench/retorno_bench_gen
[[ -x $gen ]] || { echo "build first: bash scripts/build.sh"; exit 1; }
db="$work/export-$FOLLOWUPS.db"
[[ -f "$db.done" ]] && { echo "$db is ready"; exit 0; }
rm -f "$db" "$db-wal" "$db-shm"
echo "generating $BASE follow-ups into $db"
"$gen" --db "$db" --followups "$BASE" --today 2026-11-22
base=$(sqlite3 "$db" 'SELECT max(id) FROM followups')
for ((off = base; off < FOLLOWUPS; off += base)); do
  echo "copying follow-ups $((off + 1)) to $((off + base < FOLLOWUPS ? off + base : FOLLOWUPS))"
  sqlite3 "$db" "
    INSERT INTO followups (id, party_id, contact_name, contact_email, contact_phone,
      contact_whatsapp, owner_id, branch_id, subject, category, priority, origin, cc, status,
      version, next_due_date, created_by, updated_by, created_at, updated_at, document_id,
      origin_key, subject_key, contact_at)
    SELECT id + $off, party_id, contact_name, contact_email, contact_phone, contact_whatsapp,
      owner_id, branch_id, 'Retorno de orçamento #' || (id + $off - 1), category, priority,
      origin, cc, status, version,
      CASE WHEN next_due_date IS NULL THEN NULL
           ELSE date(next_due_date, ((abs(random()) % 361) - 180) || ' days') END,
      created_by, updated_by, created_at, updated_at, NULL, NULL,
      'retorno de orcamento #' || (id + $off - 1),
      contact_at + ((abs(random()) % 31536000) - 15768000) * 1000000
    FROM followups WHERE id <= $base AND id + $off <= $FOLLOWUPS;"
done
sqlite3 "$db" 'ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);'
touch "$db.done"
echo "$db: $(sqlite3 "$db" 'SELECT count(*) FROM followups') follow-ups"
