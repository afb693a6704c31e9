-- Proposals and visit sheets (manual 003, "Proposta" and "Ficha de visita"): the
-- company's HTML layouts, sanitized when saved, with #{variables} the one template
-- renderer fills, and the proposals made from them on a follow-up. Instants in UTC
-- microseconds.
CREATE TABLE proposal_templates (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('proposal', 'visit_sheet')),
  html TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- A proposal as it was made: the rendered HTML and its PDF (an attachment of the
-- follow-up, so the bytes e-mailed are the bytes shown) never change afterwards.
CREATE TABLE proposals (
  id INTEGER PRIMARY KEY,
  followup_id INTEGER NOT NULL REFERENCES followups (id),
  party_id INTEGER NOT NULL REFERENCES parties (id),
  template_id INTEGER NOT NULL REFERENCES proposal_templates (id),
  document_id INTEGER REFERENCES documents (id),
  html TEXT NOT NULL,
  pdf_attachment_id INTEGER REFERENCES attachments (id),
  valid_until TEXT,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  sent_at INTEGER
) STRICT;
CREATE INDEX proposals_followup ON proposals (followup_id, id);
CREATE INDEX proposals_party ON proposals (party_id, id);
