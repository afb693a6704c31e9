-- The allowed values of the columns that a follow-up's life writes at every step, as
-- domains instead of table CHECK constraints (ADR 0050). Same values, same error (23514)
-- for a value outside them; but PostgreSQL reads a table's CHECK constraints back from
-- their stored text and plans them again at every INSERT or UPDATE of the table, while
-- a domain's constraint is prepared once per connection: eight CHECKs cost an insert
-- 26 us against 3 as domains (pgbench, one client). A creation writes twelve of them, a
-- completion more. due_minutes keeps its CHECK: a generated column (due_minutes_key)
-- reads it, and PostgreSQL cannot change the type of such a column.
CREATE DOMAIN flag AS smallint CHECK (VALUE IN (0, 1));
CREATE DOMAIN followup_priority AS text CHECK (VALUE IN ('high', 'medium', 'low'));
CREATE DOMAIN followup_status AS text CHECK (VALUE IN ('open', 'closed'));
CREATE DOMAIN return_status AS text CHECK (VALUE IN ('planned', 'done', 'cancelled'));
CREATE DOMAIN entry_kind AS text
  CHECK (VALUE IN ('note', 'complaint', 'internal', 'email', 'result', 'status'));
CREATE DOMAIN reminder_kind AS text CHECK (VALUE IN ('user', 'customer'));
CREATE DOMAIN reminder_state AS text CHECK (VALUE IN ('pending', 'fired', 'cancelled'));
CREATE DOMAIN notification_kind AS text
  CHECK (VALUE IN ('reminder', 'mail_failed', 'mail_blocked', 'bulk_change', 'reopen_request',
                   'reopen_decision'));
CREATE DOMAIN outbox_kind AS text
  CHECK (VALUE IN ('reminder', 'customer', 'manual', 'digest', 'test'));
CREATE DOMAIN outbox_state AS text CHECK (VALUE IN ('queued', 'sent', 'failed', 'blocked'));

ALTER TABLE followups
  DROP CONSTRAINT followups_priority_check,
  DROP CONSTRAINT followups_status_check,
  ALTER COLUMN priority TYPE followup_priority,
  ALTER COLUMN status TYPE followup_status;
ALTER TABLE actions
  DROP CONSTRAINT actions_status_check,
  DROP CONSTRAINT actions_followup_open_check,
  DROP CONSTRAINT actions_notify_customer_check,
  ALTER COLUMN status TYPE return_status,
  ALTER COLUMN followup_open TYPE flag,
  ALTER COLUMN notify_customer TYPE flag;
ALTER TABLE entries
  DROP CONSTRAINT entries_kind_check,
  DROP CONSTRAINT entries_draft_check,
  DROP CONSTRAINT entries_standard_check,
  ALTER COLUMN kind TYPE entry_kind,
  ALTER COLUMN draft TYPE flag,
  ALTER COLUMN standard TYPE flag;
ALTER TABLE reminders
  DROP CONSTRAINT reminders_kind_check,
  DROP CONSTRAINT reminders_state_check,
  DROP CONSTRAINT reminders_late_check,
  ALTER COLUMN kind TYPE reminder_kind,
  ALTER COLUMN state TYPE reminder_state,
  ALTER COLUMN late TYPE flag;
ALTER TABLE notifications
  DROP CONSTRAINT notifications_kind_check,
  DROP CONSTRAINT notifications_late_check,
  ALTER COLUMN kind TYPE notification_kind,
  ALTER COLUMN late TYPE flag;
ALTER TABLE outbox
  DROP CONSTRAINT outbox_kind_check,
  DROP CONSTRAINT outbox_state_check,
  ALTER COLUMN kind TYPE outbox_kind,
  ALTER COLUMN state TYPE outbox_state;
