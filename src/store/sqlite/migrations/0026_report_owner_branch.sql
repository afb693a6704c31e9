-- The manager reports at a million follow-ups without reading one follow-up row per
-- return (ADR 0043). Each return carries a copy of its follow-up's owner and branch, kept
-- by the store beside followup_open (on insert, and in the statement that saves a
-- follow-up), so that the team report's grouping by branch and every viewer's reach (an
-- agent's own follow-ups, a supervisor's branch) are read inside the report indexes.
ALTER TABLE actions ADD COLUMN followup_owner_id INTEGER;
ALTER TABLE actions ADD COLUMN followup_branch_id INTEGER;
UPDATE actions SET
  followup_owner_id = (SELECT f.owner_id FROM followups f WHERE f.id = actions.followup_id),
  followup_branch_id = (SELECT f.branch_id FROM followups f WHERE f.id = actions.followup_id);

-- Team performance: the returns due in a period with the assignee, the follow-up's
-- branch and owner and when they were done; grouping reads no other row.
DROP INDEX actions_team;
CREATE INDEX actions_team ON actions (status, followup_open, due_date, assignee_id,
  followup_branch_id, followup_owner_id, result_at, done_at);
-- Returns done in a period, by when they were done, with what the counts and the
-- viewer's reach read.
DROP INDEX actions_done_at;
CREATE INDEX actions_done_at ON actions (status, (coalesce(result_at, done_at)), done_by,
  followup_id, result_at, done_at, followup_owner_id, followup_branch_id);

-- Automatic follow-ups created in a period, with everything the report reads of them.
DROP INDEX followups_origin_created;
CREATE INDEX followups_origin_created ON followups (origin, created_at, owner_id, branch_id,
  party_id, document_id, origin_key);
-- A party's sales and service orders issued from a day on: the automatic report's
-- conversions, without reading a document row.
CREATE INDEX documents_party_issued ON documents (party_id, issued_on, kind, status, id);
