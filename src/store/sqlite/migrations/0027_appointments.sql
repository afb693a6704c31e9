-- Appointments (manual 003, "Agendamentos"): a time slot [starts_at, ends_at) about a
-- follow-up for one or more users. Instants in UTC microseconds. A deleted appointment
-- keeps its row (deleted_at, deleted_by) so the follow-up's deleted ones stay
-- consultable; free days and conflicts read only live ones.
CREATE TABLE appointments (
  id INTEGER PRIMARY KEY,
  followup_id INTEGER NOT NULL REFERENCES followups (id),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
  place TEXT NOT NULL,
  note TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users (id),
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER,
  deleted_by INTEGER REFERENCES users (id)
) STRICT;
CREATE INDEX appointments_followup ON appointments (followup_id, starts_at);

-- The users of an appointment, in the order given. The busy time of a user (free days,
-- conflicts) is a range of (user_id, starts_at) copied here from the appointment, so
-- the query reads one index range per user.
CREATE TABLE appointment_users (
  appointment_id INTEGER NOT NULL REFERENCES appointments (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  position INTEGER NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  live INTEGER NOT NULL CHECK (live IN (0, 1)),
  PRIMARY KEY (appointment_id, user_id)
) STRICT;
CREATE INDEX appointment_users_busy ON appointment_users (user_id, live, starts_at);
