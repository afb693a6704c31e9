-- Parties can be edited (a wrong birthday must be correctable): a version for
-- If-Match, as follow-ups and documents have.
ALTER TABLE parties ADD COLUMN version bigint NOT NULL DEFAULT 1;
