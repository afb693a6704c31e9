-- Contact types, categories and branches are kept by the admin: renamed, put in order
-- and retired. A retired row stays (old follow-ups and reports still name it) but is
-- no longer offered for new records. Contact types and categories are shown in the
-- viewer's language: `name` is the pt-BR name, name_es and name_en the others.
--
-- position: the admin's order; NULL until the admin first arranges the table, so a
-- table nobody arranged keeps its old order (codes in configured order, branches by
-- name) and a row added later comes after the arranged ones.
ALTER TABLE contact_types ADD COLUMN name_es text NOT NULL DEFAULT '';
ALTER TABLE contact_types ADD COLUMN name_en text NOT NULL DEFAULT '';
ALTER TABLE contact_types ADD COLUMN position bigint;
ALTER TABLE contact_types ADD COLUMN active smallint NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

ALTER TABLE categories ADD COLUMN name_es text NOT NULL DEFAULT '';
ALTER TABLE categories ADD COLUMN name_en text NOT NULL DEFAULT '';
ALTER TABLE categories ADD COLUMN position bigint;
ALTER TABLE categories ADD COLUMN active smallint NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

ALTER TABLE branches ADD COLUMN position bigint;
ALTER TABLE branches ADD COLUMN active smallint NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

-- The seeded rows, translated (the words of the Spanish manual where it has them).
UPDATE contact_types SET name_es = 'Teléfono', name_en = 'Phone' WHERE code = 'phone';
UPDATE contact_types SET name_es = 'Correo electrónico', name_en = 'E-mail' WHERE code = 'email';
UPDATE contact_types SET name_es = 'WhatsApp', name_en = 'WhatsApp' WHERE code = 'whatsapp';
UPDATE contact_types SET name_es = 'Visita', name_en = 'Visit' WHERE code = 'visit';
UPDATE contact_types SET name_es = 'Reunión', name_en = 'Meeting' WHERE code = 'meeting';
UPDATE categories SET name_es = 'En análisis', name_en = 'Under review' WHERE code = 'em_analise';
UPDATE categories SET name_es = 'Posventa', name_en = 'After sale' WHERE code = 'pos_venda';
UPDATE categories SET name_es = 'Asistencia técnica', name_en = 'Technical support'
  WHERE code = 'assistencia_tecnica';
-- Rows an admin added have one name until someone translates it.
UPDATE contact_types SET name_es = name WHERE name_es = '';
UPDATE contact_types SET name_en = name WHERE name_en = '';
UPDATE categories SET name_es = name WHERE name_es = '';
UPDATE categories SET name_en = name WHERE name_en = '';
