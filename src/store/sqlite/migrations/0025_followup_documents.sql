-- Documents made from a follow-up (manual 001: "Orçamento", "Pedido de venda", "Venda")
-- and the reopen rules of manual 003 (ADR 0042).

-- The company's currency: every amount is in its minor units (centavos).
ALTER TABLE settings ADD COLUMN currency TEXT NOT NULL DEFAULT 'BRL'
  CHECK (currency IN ('BRL', 'MXN'));

-- The follow-up a document was made from, the document it was converted from (the
-- chain quote -> order -> sale), its billing (an excess sale is a contract of its own),
-- its currency (empty for the ERP's documents, which carry no prices) and its discount.
-- followup_id has no foreign key: followups.document_id already points the other way,
-- and the two would make a cycle that `retorno move-data` cannot order (the use cases
-- write it only with a follow-up they loaded).
ALTER TABLE documents ADD COLUMN followup_id INTEGER;
ALTER TABLE documents ADD COLUMN origin_id INTEGER REFERENCES documents (id);
ALTER TABLE documents ADD COLUMN billing TEXT NOT NULL DEFAULT 'regular'
  CHECK (billing IN ('regular', 'excess'));
ALTER TABLE documents ADD COLUMN currency TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN discount INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0);
CREATE INDEX documents_followup ON documents (followup_id, id) WHERE followup_id IS NOT NULL;

-- A line's unit price (minor units) and its discount in hundredths of a percent.
ALTER TABLE document_items ADD COLUMN unit_price INTEGER NOT NULL DEFAULT 0
  CHECK (unit_price >= 0);
ALTER TABLE document_items ADD COLUMN discount_bp INTEGER NOT NULL DEFAULT 0
  CHECK (discount_bp BETWEEN 0 AND 10000);

-- The numbers Retorno gives the documents it makes, one counter per kind.
INSERT INTO sequences (name, value) VALUES ('document_quote', 0);
INSERT INTO sequences (name, value) VALUES ('document_sales_order', 0);
INSERT INTO sequences (name, value) VALUES ('document_sale', 0);

-- An agent's request that a supervisor reopen a closed follow-up; one pending at a time.
CREATE TABLE reopen_requests (
  id INTEGER PRIMARY KEY,
  followup_id INTEGER NOT NULL REFERENCES followups (id),
  requested_by INTEGER NOT NULL REFERENCES users (id),
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
  decided_by INTEGER REFERENCES users (id),
  decided_at INTEGER,
  answer TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX reopen_requests_pending ON reopen_requests (followup_id)
  WHERE status = 'pending';
CREATE INDEX reopen_requests_followup ON reopen_requests (followup_id, id);

-- Notifications of a reopen request (to the supervisors) and of its decision (to the
-- agent). SQLite cannot change a CHECK constraint, so the table is rebuilt.
CREATE TABLE notifications_new (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'mail_failed', 'mail_blocked', 'bulk_change',
                                     'reopen_request', 'reopen_decision')),
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
