-- The internal date of a follow-up (manual 003's legend, "contatos com data interna";
-- ADR 0041): the company's own deadline, a civil day 'YYYY-MM-DD' or NULL for none.
ALTER TABLE followups ADD COLUMN internal_date text;
-- The list's filter reads only the follow-ups that have one: most have none, so the
-- index holds only those rows.
CREATE INDEX followups_internal_date ON followups (internal_date, id)
  WHERE internal_date IS NOT NULL;
