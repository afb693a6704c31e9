-- Search as Brazilians and Mexicans type: accent- and case-insensitive, phone numbers
-- and documents with or without punctuation (ADR 0015). Every searchable text gets a
-- folded copy (domain/search.h: lower case, no diacritics) written by the store with
-- the row, so a search is a plain LIKE on folded text in every SQL dialect (ADR 0026:
-- not unaccent, not ICU collations). A PostgreSQL database is created by these
-- migrations and filled afterwards, so there are no rows to backfill here (SQLite's
-- 0009 fills the keys of existing rows).

-- A party's tax document (CPF, CNPJ or RFC), normalised (domain/tax_id.h); '' none.
ALTER TABLE parties ADD COLUMN tax_id text NOT NULL DEFAULT '';
-- The folded code, matched as a prefix ("c-00" finds "C-0012"), indexed.
ALTER TABLE parties ADD COLUMN code_key text NOT NULL DEFAULT '';
-- Name, e-mail, contacts, phone digits and tax id, folded, one per line.
ALTER TABLE parties ADD COLUMN search_key text NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN subject_key text NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN body_key text NOT NULL DEFAULT '';
ALTER TABLE catalog_items ADD COLUMN code_key text NOT NULL DEFAULT '';
ALTER TABLE catalog_items ADD COLUMN name_key text NOT NULL DEFAULT '';

-- The party search walks the parties in name order until a page of matches. Unlike
-- SQLite's, the index leaves search_key out: a B-tree entry is limited to about 2.7 kB
-- and a party with many contacts has a longer key, which would make its insert fail.
-- It replaces the name index.
CREATE INDEX parties_search ON parties (lower(name), id) INCLUDE (kind, code_key);
DROP INDEX parties_name;
-- A code typed from its start, as an index range under any database collation.
CREATE INDEX parties_code_key ON parties (code_key text_pattern_ops);
CREATE INDEX catalog_items_code_key ON catalog_items (code_key text_pattern_ops);
