-- Private calendar feeds: one revocable token per user, stored as its
-- SHA-256 like session tokens; the token itself is shown once, when created.
CREATE TABLE calendar_feeds (
  user_id bigint PRIMARY KEY REFERENCES users (id),
  token_hash text NOT NULL UNIQUE,
  created_at bigint NOT NULL
);
