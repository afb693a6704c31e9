-- The month calendar of one user reads a month of that user's returns: the
-- columns it shows are in the index, so a busy month is read by an index-only scan.
CREATE INDEX actions_assignee_calendar ON actions (assignee_id, due_date, status, due_minutes) INCLUDE (id);
