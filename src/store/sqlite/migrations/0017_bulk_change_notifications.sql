-- A notification for a batch of changes (reassign, move, close) made by someone else:
-- one per person per batch, with the count (ADR 0034). SQLite cannot change a CHECK
-- constraint, so the table is rebuilt with its rows and indexes; nothing refers to it.
CREATE TABLE notifications_new (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'mail_failed', 'mail_blocked', 'bulk_change')),
  followup_id INTEGER REFERENCES followups (id),
  action_id INTEGER REFERENCES actions (id),
  detail TEXT NOT NULL DEFAULT '',
  late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  snoozed_until INTEGER
) STRICT;
INSERT INTO notifications_new (id, user_id, kind, followup_id, action_id, detail, late,
                               created_at, read_at, snoozed_until)
  SELECT id, user_id, kind, followup_id, action_id, detail, late, created_at, read_at,
         snoozed_until
  FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_new RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;
CREATE INDEX notifications_unread_action ON notifications (action_id) WHERE read_at IS NULL;
