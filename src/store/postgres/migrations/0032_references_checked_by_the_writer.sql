-- The references of the rows a follow-up's life writes at every step (the follow-up, its
-- returns, entries, reminders, attendance type, notifications and e-mails) are checked by
-- the use case that writes them, in the same transaction, and no referenced row is ever
-- deleted (ADR 0050): users are deactivated, branches and types kept, follow-ups, returns
-- and entries are history. An unknown user is the field error "unknown_user", the branch
-- is the owner's, the attendance type is read to plan the follow-up, and a return, entry
-- or reminder is written with the follow-up it belongs to read or locked (or created) by
-- the same transaction. Declared as foreign keys they protected nothing more and cost a
-- share lock on every referenced row, which PostgreSQL writes to the row and its WAL and
-- turns into a multixact when creations share a user or a branch: a third of a
-- creation's database time. SQLite keeps them (its check is an index probe, no lock), and
-- runs the same contract and API suites, so a writer that wrote a dangling id fails there.
-- The key to the customer stays: it is the one a creation does not otherwise lock, and
-- customers are many, so its lock rarely meets another.
ALTER TABLE followups
  DROP CONSTRAINT followups_owner_id_fkey,
  DROP CONSTRAINT followups_branch_id_fkey,
  DROP CONSTRAINT followups_created_by_fkey,
  DROP CONSTRAINT followups_updated_by_fkey;
ALTER TABLE actions
  DROP CONSTRAINT actions_followup_id_fkey,
  DROP CONSTRAINT actions_assignee_id_fkey,
  DROP CONSTRAINT actions_done_by_fkey,
  DROP CONSTRAINT actions_next_action_id_fkey;
ALTER TABLE entries
  DROP CONSTRAINT entries_followup_id_fkey,
  DROP CONSTRAINT entries_action_id_fkey,
  DROP CONSTRAINT entries_author_id_fkey;
ALTER TABLE reminders
  DROP CONSTRAINT reminders_action_id_fkey,
  DROP CONSTRAINT reminders_followup_id_fkey,
  DROP CONSTRAINT reminders_user_id_fkey;
ALTER TABLE followup_attendance
  DROP CONSTRAINT followup_attendance_followup_id_fkey,
  DROP CONSTRAINT followup_attendance_attendance_type_id_fkey;
ALTER TABLE notifications
  DROP CONSTRAINT notifications_user_id_fkey,
  DROP CONSTRAINT notifications_followup_id_fkey,
  DROP CONSTRAINT notifications_action_id_fkey;
ALTER TABLE outbox
  DROP CONSTRAINT outbox_followup_id_fkey,
  DROP CONSTRAINT outbox_action_id_fkey,
  DROP CONSTRAINT outbox_user_id_fkey;
