-- Rights per user ("Permissões de Usuário", manual 001; ADR 0040): an admin's change to
-- the default of the user's role, one row per changed right (granted 1: added, 0:
-- taken away). No row: the role's default. Names are the domain's closed list.
CREATE TABLE user_rights (
  user_id bigint NOT NULL REFERENCES users (id),
  right_name text NOT NULL,
  granted smallint NOT NULL CHECK (granted IN (0, 1)),
  PRIMARY KEY (user_id, right_name)
);
