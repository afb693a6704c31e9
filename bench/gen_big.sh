#!/usr/bin/env bash
# A benchmark database of FOLLOWUPS follow-ups (default 1,000,000) in minutes rather than
# an hour. retorno_bench_gen writes BASE follow-ups (default 50,000) through the store,
# with their returns and entries; then SQLite copies them, inside the file, up to
# FOLLOWUPS. Copy k of follow-up i:
#
#   - has id i + k*BASE, its returns id + k*(max return id), its entries
#     id + k*(max entry id), so every reference (return → follow-up, entry → return,
#     next return) points into the same copy;
#   - belongs to another agent: each agent is mapped to the agent 7*k places further in
#     the list of agents, and the follow-up's branch is that agent's branch, as when the
#     store writes it; its returns are assigned to the mapped agent and carry the copy's
#     owner and branch (actions.followup_owner_id, followup_branch_id, ADR 0043);
#   - is moved by a whole number of days within ±SHIFT (default 15), drawn from its id:
#     every due date of its returns, its next due date (so the cache stays the minimum of
#     its planned returns' due dates, ADR 0002), its contact time and its entries' times.
#
# The copies are inserted with the three tables' indexes dropped and recreated afterwards
# (a sort per index instead of random inserts into trees larger than memory). At the
# end it checks the file: PRAGMA integrity_check, the number of follow-ups, each open
# follow-up's next due date against its planned returns, each return's copies of its
# follow-up's owner, branch and state, and each entry's return in the same follow-up.
# It fails (exit 1) if any check does. Run by hand, not in CI.
#
#   bash bench/gen_big.sh build/bench-run/reports-1000000.db
#   FOLLOWUPS=200000 BASE=20000 bash bench/gen_big.sh /tmp/r.db
#   CHECK_ONLY=1 bash bench/gen_big.sh DB       # only the checks, on any database
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:?usage: bench/gen_big.sh DB}"
FOLLOWUPS="${FOLLOWUPS:-1000000}"
BASE="${BASE:-50000}"
SHIFT="${SHIFT:-15}"
TODAY="${TODAY:-2026-11-22}"
gen=build/bench/retorno_bench_gen

since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }

check() {
  local t0 bad
  t0=$(date +%s.%N)
  bad=$(sqlite3 "$db" "
    PRAGMA cache_size = -1000000;
    SELECT 'integrity: ' || group_concat(integrity_check, '; ') FROM pragma_integrity_check
      HAVING group_concat(integrity_check) <> 'ok';
    SELECT 'follow-ups: ' || count(*) || ', expected $FOLLOWUPS' FROM followups
      HAVING count(*) <> $FOLLOWUPS AND '${CHECK_ONLY:-}' = '';
    SELECT 'next due date differs on ' || count(*) || ' follow-ups' FROM followups f
      LEFT JOIN (SELECT followup_id, min(due_date) AS due FROM actions
                 WHERE status = 'planned' GROUP BY followup_id) p ON p.followup_id = f.id
      WHERE f.next_due_date IS NOT (CASE WHEN f.status = 'open' THEN p.due END)
        AND NOT (f.status = 'closed' AND f.next_due_date IS p.due)
      HAVING count(*) > 0;
    SELECT 'first due date or done return differs on ' || count(*) || ' follow-ups'
      FROM followups f LEFT JOIN (SELECT followup_id, min(due_date) AS due,
        max(status = 'done') AS done FROM actions GROUP BY followup_id) r
        ON r.followup_id = f.id
      WHERE f.first_due_date IS NOT r.due OR f.has_done_return <> coalesce(r.done, 0)
      HAVING count(*) > 0;
    SELECT 'copies of the follow-up differ on ' || count(*) || ' returns' FROM actions a
      JOIN followups f ON f.id = a.followup_id
      WHERE a.followup_owner_id IS NOT f.owner_id OR a.followup_branch_id IS NOT f.branch_id
         OR a.followup_open <> (f.status = 'open')
      HAVING count(*) > 0;
    SELECT 'returns without their follow-up: ' || count(*) FROM actions a
      WHERE NOT EXISTS (SELECT 1 FROM followups f WHERE f.id = a.followup_id)
      HAVING count(*) > 0;
    SELECT 'entries on a return of another follow-up: ' || count(*) FROM entries e
      LEFT JOIN actions a ON a.id = e.action_id
      WHERE e.action_id IS NOT NULL AND a.followup_id IS NOT e.followup_id
      HAVING count(*) > 0;
    SELECT 'follow-ups in a branch other than their owner''s: ' || count(*) FROM followups f
      JOIN users u ON u.id = f.owner_id WHERE f.branch_id IS NOT u.branch_id
      HAVING count(*) > 0;")
  if [[ -n $bad ]]; then
    echo "CHECK FAILED on $db:"
    echo "$bad"
    exit 1
  fi
  echo "checks passed on $db ($(since "$t0")): integrity, count, next and first due dates, copies on returns, entries, branches"
}

if [[ -n ${CHECK_ONLY:-} ]]; then
  check
  exit 0
fi

[[ -x $gen ]] || { echo "build first: bash scripts/build.sh"; exit 1; }
(( FOLLOWUPS % BASE == 0 )) || { echo "FOLLOWUPS must be a multiple of BASE"; exit 1; }
rm -f "$db" "$db-wal" "$db-shm"
t_all=$(date +%s.%N)
echo "generating $BASE follow-ups through the store into $db"
"$gen" --db "$db" --followups "$BASE" --today "$TODAY"
echo "base generated in $(since "$t_all")"

# The base must be numbered from 1 without gaps, which the copies' ids rely on.
read -r nf maxf < <(sqlite3 -separator ' ' "$db" 'SELECT count(*), max(id) FROM followups')
[[ $nf == "$BASE" && $maxf == "$BASE" ]] || { echo "base follow-ups are not 1..$BASE"; exit 1; }
maxa=$(sqlite3 "$db" 'SELECT coalesce(max(id), 0) FROM actions')
maxe=$(sqlite3 "$db" 'SELECT coalesce(max(id), 0) FROM entries')
copies=$((FOLLOWUPS / BASE))

t0=$(date +%s.%N)
indexes=$(sqlite3 "$db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index'
  AND tbl_name IN ('followups', 'actions', 'entries') AND sql IS NOT NULL")
drops=$(sqlite3 "$db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master
  WHERE type = 'index' AND tbl_name IN ('followups', 'actions', 'entries') AND sql IS NOT NULL")
# The shift in days of the follow-up numbered FID (the same expression for its returns
# and entries).
shift_of() { echo "((($1) * 2654435761) % (2 * $SHIFT + 1) - $SHIFT)"; }
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1000000;
PRAGMA temp_store = MEMORY;
BEGIN;
$drops
CREATE TEMP TABLE k AS SELECT value AS k FROM generate_series(1, $((copies - 1)));
-- Agent number r (0-based, by id) → agent (r + 7k) mod agents, with that agent's branch.
CREATE TEMP TABLE agents AS
  SELECT row_number() OVER (ORDER BY id) - 1 AS r, id, branch_id FROM users
  WHERE id IN (SELECT owner_id FROM followups);
CREATE TEMP TABLE owner_map AS
  SELECT k.k, a.id AS old_id, b.id AS new_id, b.branch_id AS new_branch FROM k, agents a
  JOIN agents b ON b.r = (a.r + 7 * k.k) % (SELECT count(*) FROM agents);
CREATE UNIQUE INDEX temp.owner_map_key ON owner_map (k, old_id);

INSERT INTO followups (id, party_id, contact_name, contact_email, contact_phone,
  contact_whatsapp, owner_id, branch_id, subject, category, priority, origin, cc, status,
  version, next_due_date, created_by, updated_by, created_at, updated_at, document_id,
  origin_key, subject_key, contact_at, internal_date, first_due_date, has_done_return)
SELECT f.id + k.k * $BASE, f.party_id, f.contact_name, f.contact_email, f.contact_phone,
  f.contact_whatsapp, m.new_id, m.new_branch,
  'Retorno de orçamento #' || (f.id + k.k * $BASE - 1), f.category, f.priority, f.origin,
  f.cc, f.status, f.version,
  date(f.next_due_date, $(shift_of "f.id + k.k * $BASE") || ' days'),
  m.new_id, m.new_id, f.created_at, f.updated_at, f.document_id, f.origin_key,
  'retorno de orcamento #' || (f.id + k.k * $BASE - 1),
  f.contact_at + $(shift_of "f.id + k.k * $BASE") * 86400000000,
  date(f.internal_date, $(shift_of "f.id + k.k * $BASE") || ' days'),
  date(f.first_due_date, $(shift_of "f.id + k.k * $BASE") || ' days'), f.has_done_return
FROM k, followups f JOIN owner_map m ON m.k = k.k AND m.old_id = f.owner_id
WHERE f.id <= $BASE;

INSERT INTO actions (id, followup_id, type, due_date, due_minutes, status, followup_open,
  assignee_id, notify_customer, message, result, resolution, result_at, done_at, done_by,
  next_action_id, series_id, series_index, created_at, remind_at, followup_owner_id,
  followup_branch_id)
SELECT a.id + k.k * $maxa, a.followup_id + k.k * $BASE, a.type,
  date(a.due_date, $(shift_of "a.followup_id + k.k * $BASE") || ' days'), a.due_minutes,
  a.status, a.followup_open, coalesce(ma.new_id, a.assignee_id), a.notify_customer,
  a.message, a.result, a.resolution,
  a.result_at + $(shift_of "a.followup_id + k.k * $BASE") * 86400000000,
  a.done_at + $(shift_of "a.followup_id + k.k * $BASE") * 86400000000,
  coalesce(md.new_id, a.done_by), a.next_action_id + k.k * $maxa, a.series_id,
  a.series_index, a.created_at,
  a.remind_at + $(shift_of "a.followup_id + k.k * $BASE") * 86400000000,
  m.new_id, m.new_branch
FROM k, actions a
  JOIN followups f ON f.id = a.followup_id
  JOIN owner_map m ON m.k = k.k AND m.old_id = f.owner_id
  LEFT JOIN owner_map ma ON ma.k = k.k AND ma.old_id = a.assignee_id
  LEFT JOIN owner_map md ON md.k = k.k AND md.old_id = a.done_by
WHERE a.id <= $maxa;

INSERT INTO entries (id, followup_id, action_id, kind, body, author_id, contact_at,
  created_at, draft, body_key, standard)
SELECT e.id + k.k * $maxe, e.followup_id + k.k * $BASE, e.action_id + k.k * $maxa, e.kind,
  e.body, coalesce(m.new_id, e.author_id),
  e.contact_at + $(shift_of "e.followup_id + k.k * $BASE") * 86400000000,
  e.created_at + $(shift_of "e.followup_id + k.k * $BASE") * 86400000000, e.draft,
  e.body_key, e.standard
FROM k, entries e LEFT JOIN owner_map m ON m.k = k.k AND m.old_id = e.author_id
WHERE e.id <= $maxe;
COMMIT;
SQL
echo "copied to $FOLLOWUPS follow-ups in $(since "$t0")"
t0=$(date +%s.%N)
sqlite3 "$db" >/dev/null <<SQL
PRAGMA cache_size = -1000000;
PRAGMA temp_store = MEMORY;
PRAGMA synchronous = OFF;
BEGIN;
$indexes
COMMIT;
PRAGMA journal_mode = WAL;
ANALYZE;
SQL
echo "indexes rebuilt and analysed in $(since "$t0")"
check
echo "$db: $FOLLOWUPS follow-ups, $(sqlite3 "$db" 'SELECT count(*) FROM actions') returns,"\
  "$(sqlite3 "$db" 'SELECT count(*) FROM entries') entries, $(du -m "$db" | cut -f1) MB,"\
  "in $(since "$t_all")"
