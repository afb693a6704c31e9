-- Mailings to selected customers (manual 003, "Envio para clientes"; ADR 0048): one
-- message per selected person, rendered from the mailing's subject and text, queued in
-- the outbox by a leased job a batch of recipients at a time. Instants in UTC
-- microseconds.
--
-- filter: the selection as JSON (branch, category, owner, kind, product, birthday
-- month, or the hand-picked party ids). last_party_id: the last party id expanded, so a batch
-- redone after a lease expired starts where the last committed one ended.
CREATE TABLE mailings (
  id INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  sender_name TEXT NOT NULL,
  filter TEXT NOT NULL,
  locale TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'queued', 'sending', 'done')),
  total INTEGER NOT NULL DEFAULT 0,
  last_party_id INTEGER NOT NULL DEFAULT 0,
  queued_count INTEGER NOT NULL DEFAULT 0,
  held_count INTEGER NOT NULL DEFAULT 0,
  skipped_count INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL REFERENCES users (id),
  branch_id INTEGER REFERENCES branches (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until INTEGER
) STRICT;
CREATE INDEX mailings_pending ON mailings (id) WHERE status IN ('queued', 'sending');

-- One row per selected person: the person's history of mailings (shown on the party
-- page). status is what the expansion decided; a queued row whose outbox message was
-- sent reads as sent, and one whose message failed for good as bounced. missing: the
-- placeholders (JSON array) a held message could not fill. token: the unguessable
-- unsubscribe link of the message.
CREATE TABLE mailing_recipients (
  id INTEGER PRIMARY KEY,
  mailing_id INTEGER NOT NULL REFERENCES mailings (id),
  party_id INTEGER NOT NULL REFERENCES parties (id),
  email TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'held', 'skipped_opt_out')),
  missing TEXT NOT NULL DEFAULT '[]',
  outbox_id INTEGER REFERENCES outbox (id),
  token TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  UNIQUE (mailing_id, party_id)
) STRICT;
CREATE INDEX mailing_recipients_party ON mailing_recipients (party_id, id);
CREATE INDEX mailing_recipients_outbox ON mailing_recipients (outbox_id)
  WHERE outbox_id IS NOT NULL;

-- Files sent with every message of a mailing (folders, after-sales letters, notices of
-- a price adjustment): stored once, read by the outbox for each message.
CREATE TABLE mailing_attachments (
  mailing_id INTEGER NOT NULL REFERENCES mailings (id),
  seq INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (mailing_id, seq)
) STRICT, WITHOUT ROWID;

-- People who asked for no more mailings (LGPD): skipped by every later mailing.
CREATE TABLE mailing_opt_outs (
  party_id INTEGER PRIMARY KEY REFERENCES parties (id),
  opted_out_at INTEGER NOT NULL,
  recipient_id INTEGER REFERENCES mailing_recipients (id)
) STRICT;

