-- Products and services, sales documents and their CSV imports, and the automatic
-- follow-ups they create (manual 002).

CREATE TABLE catalog_items (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('product', 'service')),
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  -- Manual 002's "Follow-Up" field: days after the sale or the completed service.
  followup_days INTEGER CHECK (followup_days BETWEEN 1 AND 3650),
  followup_subject TEXT NOT NULL DEFAULT '',
  followup_category TEXT NOT NULL DEFAULT '',
  followup_type TEXT NOT NULL DEFAULT '',
  followup_message TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX catalog_items_name ON catalog_items (name COLLATE NOCASE, id);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('quote', 'sales_order', 'sale', 'service_order')),
  number TEXT NOT NULL,
  party_id INTEGER NOT NULL REFERENCES parties (id),
  branch_id INTEGER REFERENCES branches (id),
  owner_id INTEGER REFERENCES users (id),
  issued_on TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
  completed_on TEXT,
  version INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  updated_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (kind, number)
) STRICT;
CREATE INDEX documents_party ON documents (party_id, id);

CREATE TABLE document_items (
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  item_id INTEGER REFERENCES catalog_items (id),
  item_code TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  quantity REAL NOT NULL,
  PRIMARY KEY (document_id, position)
) STRICT, WITHOUT ROWID;

-- A follow-up may belong to a document; an automatic one carries the key of what
-- created it, unique, so replays never duplicate.
ALTER TABLE followups ADD COLUMN document_id INTEGER REFERENCES documents (id);
ALTER TABLE followups ADD COLUMN origin_key TEXT;
CREATE UNIQUE INDEX followups_origin_key ON followups (origin_key) WHERE origin_key IS NOT NULL;
CREATE INDEX followups_document ON followups (document_id) WHERE document_id IS NOT NULL;

ALTER TABLE party_contacts ADD COLUMN birthday TEXT;

-- Imports run in the background; the file stays until the import ends, so an import
-- interrupted by a restart resumes where it stopped.
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users (id),
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  total_lines INTEGER NOT NULL DEFAULT 0,
  processed_lines INTEGER NOT NULL DEFAULT 0,
  documents_created INTEGER NOT NULL DEFAULT 0,
  documents_updated INTEGER NOT NULL DEFAULT 0,
  documents_unchanged INTEGER NOT NULL DEFAULT 0,
  followups_created INTEGER NOT NULL DEFAULT 0,
  error_lines INTEGER NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '[]',
  content BLOB,
  lease_owner TEXT,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  finished_at INTEGER
) STRICT;
CREATE INDEX imports_pending ON imports (status) WHERE status IN ('queued', 'running');
