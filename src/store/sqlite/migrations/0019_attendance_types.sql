-- Attendance types (manual 003): names in three languages, whether a follow-up of the
-- type takes attachments and up to what size, the standard texts of its parecer and of
-- the e-mail sent from one, and a workflow reference kept for later (NULL: none).
-- Exactly one type is the default, the type of a follow-up created without one.
CREATE TABLE attendance_types (
  id INTEGER PRIMARY KEY,
  name_pt TEXT NOT NULL,
  name_es TEXT NOT NULL,
  name_en TEXT NOT NULL,
  attachments_allowed INTEGER NOT NULL CHECK (attachments_allowed IN (0, 1)),
  max_attachment_bytes INTEGER NOT NULL
    CHECK (max_attachment_bytes > 0 AND max_attachment_bytes <= 10485760),
  parecer_text TEXT NOT NULL DEFAULT '',
  email_subject TEXT NOT NULL DEFAULT '',
  email_text TEXT NOT NULL DEFAULT '',
  workflow_id INTEGER,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX attendance_types_default ON attendance_types (is_default)
  WHERE is_default = 1;
INSERT INTO attendance_types (name_pt, name_es, name_en, attachments_allowed,
  max_attachment_bytes, active, is_default, created_at, updated_at)
  VALUES ('Atendimento', 'Atención', 'Attendance', 1, 10485760, 1, 1, 0, 0);

-- The type of each follow-up, beside the follow-up's row so that the row and its due
-- indexes are not rewritten; every existing follow-up gets the default type.
CREATE TABLE followup_attendance (
  followup_id INTEGER PRIMARY KEY REFERENCES followups (id),
  attendance_type_id INTEGER NOT NULL REFERENCES attendance_types (id)
) STRICT;
INSERT INTO followup_attendance (followup_id, attendance_type_id)
  SELECT f.id, t.id FROM followups f, attendance_types t WHERE t.is_default = 1;

-- A parecer is an entry; a standard one was written from its type's standard text and
-- is what the standard history shows.
ALTER TABLE entries ADD COLUMN standard INTEGER NOT NULL DEFAULT 0 CHECK (standard IN (0, 1));
-- The author's pending pareceres (drafts) across follow-ups.
CREATE INDEX entries_author_drafts ON entries (author_id, created_at) WHERE draft = 1;
