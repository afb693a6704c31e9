-- The month calendar of one user reads a month of that user's returns: a
-- covering index (the rowid is implicit), so the thousands of rows of a busy month are
-- read from the index alone instead of one table lookup each (measured: 15 ms -> see
-- bench/run.sh).
CREATE INDEX actions_assignee_calendar ON actions (assignee_id, due_date, status, due_minutes);
