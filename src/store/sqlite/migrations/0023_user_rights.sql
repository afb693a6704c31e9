-- Rights per user ("Permissões de Usuário", manual 001; ADR 0040): an admin's change to
-- the default of the user's role, one row per changed right (granted 1: added, 0:
-- taken away). No row: the role's default. Names are the domain's closed list.
CREATE TABLE user_rights (
  user_id INTEGER NOT NULL REFERENCES users (id),
  right_name TEXT NOT NULL,
  granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
  PRIMARY KEY (user_id, right_name)
) STRICT;
