-- A follow-up's returns are read in due order (ListActions) on every follow-up page:
-- an index in that order spares a sort per read. Status at the end keeps MIN(due_date)
-- of the planned returns (the next_due_date cache) a search of the index alone, as the
-- index it replaces did.
CREATE INDEX actions_followup_due ON actions (followup_id, due_date, due_minutes_key, id, status);
DROP INDEX actions_followup;
