-- Private calendar feeds: one revocable token per user, stored as its
-- SHA-256 like session tokens; the token itself is shown once, when created.
CREATE TABLE calendar_feeds (
  user_id INTEGER PRIMARY KEY REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
) STRICT;
