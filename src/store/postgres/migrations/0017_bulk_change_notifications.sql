-- A notification for a batch of changes (reassign, move, close) made by someone else:
-- one per person per batch, with the count (ADR 0034).
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('reminder', 'mail_failed', 'mail_blocked', 'bulk_change'));
