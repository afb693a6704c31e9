-- The automatic report at a million follow-ups (ADR 0043): each follow-up carries what the
-- report asks of its returns, kept by the store in the statement that already keeps its
-- next due date (after every write of a return), so that the report reads one covering
-- range of followups_origin_created and no return at all: whether one of its returns is
-- done, and the earliest due day of its returns (a purchase from that day on converts).
ALTER TABLE followups ADD COLUMN first_due_date text;
ALTER TABLE followups ADD COLUMN has_done_return integer NOT NULL DEFAULT 0;
UPDATE followups SET
  first_due_date = (SELECT min(a.due_date) FROM actions a WHERE a.followup_id = followups.id),
  has_done_return = CASE WHEN EXISTS (SELECT 1 FROM actions a WHERE a.followup_id = followups.id
    AND a.status = 'done') THEN 1 ELSE 0 END;

DROP INDEX followups_origin_created;
CREATE INDEX followups_origin_created ON followups (origin, created_at, owner_id, branch_id,
  party_id, document_id, origin_key, has_done_return, first_due_date);
