-- The audit trail (ADR 0035): who changed what, when, from where, with the old and new
-- values of the changed fields as JSON objects ('' when there is no side: a creation
-- has no old values, a deletion no new ones). Rows are written in the transaction of
-- the change they describe and are never changed or deleted: the triggers below refuse
-- it, whoever asks. `at` is UTC microseconds; `actor_id` is NULL for the command line
-- and the jobs, and `actor_login` keeps the login the actor had at that time.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER,
  actor_login TEXT NOT NULL DEFAULT '',
  client_ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT ''
) STRICT;
-- The admin's filters: newest first, by entity, by actor (keyset on id).
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
