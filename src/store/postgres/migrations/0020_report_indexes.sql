-- The manager reports at a million follow-ups (ADR 0037): each report reads one range of
-- one index, covering for the counts, instead of visiting every follow-up or return.
-- Plain columns rather than expressions where a count reads them: SQLite 3.40 reads an
-- index as covering only when every column the query names is in it.
--
-- Late follow-ups: open, next due date before today; the owner and branch for the counts
-- and the reach. (The page of rows walks followups_status_due in due_key order.)
CREATE INDEX followups_late ON followups (status, next_due_date, owner_id, branch_id);
-- Automatic follow-ups created in a period, by origin.
CREATE INDEX followups_origin_created ON followups (origin, created_at);
-- Returns done in a period, by when they were done (the result time, or the completion
-- time when none was given), with who did them and their follow-up for the counts.
CREATE INDEX actions_done_at
  ON actions (status, (coalesce(result_at, done_at)), done_by, followup_id, result_at, done_at);
-- Team performance: returns due in a period, with the assignee, the follow-up and when
-- they were done, so that the grouping reads no return row.
CREATE INDEX actions_team
  ON actions (status, followup_open, due_date, assignee_id, followup_id, result_at, done_at);
-- Entries published in a period, by contact time.
CREATE INDEX entries_contact ON entries (contact_at, draft, kind, author_id, followup_id);
