-- Questionnaires of the service cycle (manual 003, "ciclo de atendimento"): each
-- attendance type has any number; the questions of the current version are one JSON
-- array (text, kind, required, options, min, max), read and written whole. `version`
-- grows when the questions change.
CREATE TABLE questionnaires (
  id INTEGER PRIMARY KEY,
  attendance_type_id INTEGER NOT NULL REFERENCES attendance_types (id),
  title TEXT NOT NULL,
  questions TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX questionnaires_type ON questionnaires (attendance_type_id);

-- A follow-up's answers to one questionnaire, replaced when answered again: the
-- questionnaire's version and title then, and a JSON array of (question text, kind,
-- value) so that a later edit of the questions never rewrites them.
CREATE TABLE questionnaire_answers (
  followup_id INTEGER NOT NULL REFERENCES followups (id),
  questionnaire_id INTEGER NOT NULL REFERENCES questionnaires (id),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  answers TEXT NOT NULL,
  answered_by INTEGER NOT NULL REFERENCES users (id),
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (followup_id, questionnaire_id)
) STRICT;
-- The export of a questionnaire's answers over a period.
CREATE INDEX questionnaire_answers_period
  ON questionnaire_answers (questionnaire_id, answered_at, followup_id);
