-- The login throttle's counts (ADR 0019, 0030), shared by every server process on the
-- database: per (login, address) pair ('pair:<login>\n<address>') and per address
-- ('address:<address>'). Instants are UTC microseconds; NULL: none.
CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  in_flight INTEGER NOT NULL DEFAULT 0,   -- tries admitted and not finished
  last_failure INTEGER,
  reserved_until INTEGER                  -- the in-flight tries count as failures from then
) STRICT, WITHOUT ROWID;
-- Rows that no longer count are deleted by their last failure.
CREATE INDEX login_throttle_last_failure ON login_throttle (last_failure);
