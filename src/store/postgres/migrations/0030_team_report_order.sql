-- The team report at a million follow-ups (ADR 0043): its returns are read in the order
-- it groups them (due day, assignee, the follow-up's branch), so that the database
-- counts each group as the index walk passes it instead of sorting every return due in
-- the period (about 330,000 at a million follow-ups). followup_open moves after the
-- grouping columns: done returns are counted whatever their follow-up's state, and the
-- planned ones of a closed follow-up (few) are skipped inside the index.
DROP INDEX actions_team;
CREATE INDEX actions_team ON actions (status, due_date, assignee_id, followup_branch_id,
  followup_open, followup_owner_id, result_at, done_at);
