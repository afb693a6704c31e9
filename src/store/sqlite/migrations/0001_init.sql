-- Retorno schema, version 1 (SQLite).
--
-- Conventions, shared by every table (and by later migrations):
--   * Instants are INTEGER microseconds since the Unix epoch, UTC (absl::ToUnixMicros).
--     Optional instants are NULL.
--   * Civil dates (due dates, birthdays, the cached next_due_date) are TEXT
--     'YYYY-MM-DD': they sort and compare as dates, and stay readable in the sqlite3
--     shell an operator uses for backups and support.
--   * Enumerations are their wire names ('open', 'planned'...), checked here.
--   * Booleans are INTEGER 0/1.
--   * SQL never reads the clock (no CURRENT_TIMESTAMP, no now()): every instant is a
--     bound parameter, so tests drive time with a simulated clock.
--   * Tables are STRICT: a value of the wrong type is an error, not a silent cast.
--
-- A migration runs inside one transaction opened by the runner: it must not contain
-- BEGIN/COMMIT, nor the end delimiter of the C++ raw string it is embedded as (see
-- src/store/embed_migrations.cmake, which refuses such a file).

CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  company_name TEXT NOT NULL DEFAULT 'Retorno',
  time_zone TEXT NOT NULL DEFAULT 'America/Sao_Paulo',
  return_alerts_enabled INTEGER NOT NULL DEFAULT 1 CHECK (return_alerts_enabled IN (0, 1))
) STRICT;
INSERT INTO settings (id) VALUES (1);

-- Sequences that are not row ids (the series of "repeat for N months").
CREATE TABLE sequences (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO sequences (name, value) VALUES ('action_series', 0);

CREATE TABLE branches (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  time_zone TEXT NOT NULL DEFAULT ''  -- empty: the organization's zone
) STRICT;

-- Logins compare case-insensitively (ASCII): "Ana" and "ana" are one user, both for
-- uniqueness and for signing in.
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
  branch_id INTEGER REFERENCES branches (id),
  time_zone TEXT NOT NULL,
  locale TEXT NOT NULL,
  alert_on_login INTEGER NOT NULL CHECK (alert_on_login IN (0, 1)),
  alert_every_minutes INTEGER,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,  -- SHA-256 of the token; the token itself is never stored
  csrf_token TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);

-- Configurable tables (manuals 000/001). Listed in id order, which is the order they
-- were configured in.
CREATE TABLE contact_types (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
) STRICT;
INSERT INTO contact_types (code, name) VALUES
  ('phone', 'Telefone'),
  ('email', 'E-mail'),
  ('whatsapp', 'WhatsApp'),
  ('visit', 'Visita'),
  ('meeting', 'Reunião');

CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
) STRICT;
INSERT INTO categories (code, name) VALUES
  ('em_analise', 'Em análise'),
  ('pos_venda', 'Pós-venda'),
  ('assistencia_tecnica', 'Assistência técnica');

-- Customers, suppliers and prospects; code comes from the ERP and is unique as given
-- (ERP codes may differ only in case).
CREATE TABLE parties (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('customer', 'supplier', 'prospect')),
  name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  whatsapp TEXT NOT NULL DEFAULT '',
  birthday TEXT,
  branch_id INTEGER REFERENCES branches (id),
  owner_id INTEGER REFERENCES users (id),
  created_at INTEGER NOT NULL
) STRICT;
-- Search results are ordered by name (case-insensitive for ASCII).
CREATE INDEX parties_name ON parties (name COLLATE NOCASE, id);

CREATE TABLE party_contacts (
  party_id INTEGER NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  whatsapp TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (party_id, position)
) STRICT, WITHOUT ROWID;

-- category and origin are codes validated by the use cases, not foreign keys: a
-- follow-up keeps its history even if its configuration changes later.
CREATE TABLE followups (
  id INTEGER PRIMARY KEY,
  party_id INTEGER NOT NULL REFERENCES parties (id),
  contact_name TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_whatsapp TEXT NOT NULL DEFAULT '',
  owner_id INTEGER NOT NULL REFERENCES users (id),
  branch_id INTEGER REFERENCES branches (id),
  subject TEXT NOT NULL,
  category TEXT NOT NULL,
  priority TEXT NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
  origin TEXT NOT NULL,
  cc TEXT NOT NULL DEFAULT '[]',  -- JSON array of e-mail addresses
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  version INTEGER NOT NULL,
  -- Cache of MIN(actions.due_date) over planned actions (NULL: none), maintained by
  -- the store in the transaction that changes the actions (ADR 0002).
  next_due_date TEXT,
  -- The sort key of "by due date, no date last": '~' sorts after every digit, so the
  -- state filters and the keyset cursor are plain ranges on one indexed column.
  due_key TEXT NOT NULL GENERATED ALWAYS AS (coalesce(next_due_date, '~')) VIRTUAL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  updated_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
-- Lists ordered by due date (the default, over every status): for everyone (admin),
-- one owner (agent), one branch; a status prefix for the status/state filters, whose
-- "closed" rows would otherwise be scanned past. State filters and keyset cursors
-- are ranges on due_key after the prefix.
CREATE INDEX followups_due ON followups (due_key, id);
CREATE INDEX followups_status_due ON followups (status, due_key, id);
CREATE INDEX followups_owner_due ON followups (owner_id, due_key, id);
CREATE INDEX followups_branch_due ON followups (branch_id, due_key, id);
CREATE INDEX followups_party ON followups (party_id, id);

CREATE TABLE actions (
  id INTEGER PRIMARY KEY,
  followup_id INTEGER NOT NULL REFERENCES followups (id),
  type TEXT NOT NULL,
  due_date TEXT NOT NULL,
  due_minutes INTEGER CHECK (due_minutes BETWEEN 0 AND 1439),
  -- Agenda order within a day: timed returns first by time, untimed ones last.
  due_minutes_key INTEGER NOT NULL GENERATED ALWAYS AS (coalesce(due_minutes, 1440)) VIRTUAL,
  status TEXT NOT NULL CHECK (status IN ('planned', 'done', 'cancelled')),
  -- Copy of followups.status = 'open', kept by the store (insert, and every follow-up
  -- status change), so the agenda and the login alert counts filter on open
  -- follow-ups inside the index instead of reading one follow-up row per action.
  followup_open INTEGER NOT NULL CHECK (followup_open IN (0, 1)),
  assignee_id INTEGER NOT NULL REFERENCES users (id),
  notify_customer INTEGER NOT NULL CHECK (notify_customer IN (0, 1)),
  message TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL DEFAULT '',
  resolution TEXT NOT NULL DEFAULT '',
  result_at INTEGER,
  done_at INTEGER,
  done_by INTEGER REFERENCES users (id),
  next_action_id INTEGER REFERENCES actions (id),
  series_id INTEGER NOT NULL DEFAULT 0,  -- 0: not part of a series
  series_index INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
) STRICT;
-- One assignee's agenda and login alert counts: equality on assignee, status and
-- followup_open, a range on due_date, already in agenda order; covering for the counts.
CREATE INDEX actions_assignee_due
  ON actions (assignee_id, status, followup_open, due_date, due_minutes_key, id);
-- Everyone's agenda (admin), and the reminder scan.
CREATE INDEX actions_status_due ON actions (status, followup_open, due_date, due_minutes_key, id);
-- A follow-up's actions, and MIN(due_date) of its planned ones for next_due_date.
CREATE INDEX actions_followup ON actions (followup_id, status, due_date);

CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  followup_id INTEGER NOT NULL REFERENCES followups (id),
  action_id INTEGER REFERENCES actions (id),
  kind TEXT NOT NULL
    CHECK (kind IN ('note', 'complaint', 'internal', 'email', 'result', 'status')),
  body TEXT NOT NULL,
  author_id INTEGER NOT NULL REFERENCES users (id),
  contact_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  draft INTEGER NOT NULL CHECK (draft IN (0, 1))
) STRICT;
-- The timeline, newest first.
CREATE INDEX entries_followup ON entries (followup_id, created_at, id);

-- Attachment metadata apart from the bytes, so listing a follow-up's attachments
-- never reads (or pages through) megabytes of blobs.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  followup_id INTEGER NOT NULL REFERENCES followups (id),
  entry_id INTEGER REFERENCES entries (id),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  uploaded_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX attachments_followup ON attachments (followup_id, id);

CREATE TABLE attachment_blobs (
  attachment_id INTEGER PRIMARY KEY REFERENCES attachments (id) ON DELETE CASCADE,
  bytes BLOB NOT NULL
) STRICT;
