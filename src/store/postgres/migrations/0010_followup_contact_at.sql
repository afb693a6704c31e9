-- A follow-up's own contact date (manual 001: "a data que foi feito o contato"): when
-- the contact happened, now by default and earlier for a late entry, kept whether or
-- not a note was written (until now it lived only on the notes written with it).
ALTER TABLE followups ADD COLUMN contact_at bigint NOT NULL DEFAULT 0;
-- Existing follow-ups: the contact date given to the notes written when the follow-up
-- was created (the same instant as the follow-up), else its creation.
UPDATE followups SET contact_at = coalesce(
  (SELECT min(e.contact_at) FROM entries e
    WHERE e.followup_id = followups.id AND e.created_at = followups.created_at),
  created_at);
-- "Contacts made between two dates" reads the range from this index.
CREATE INDEX followups_contact ON followups (contact_at, id);
