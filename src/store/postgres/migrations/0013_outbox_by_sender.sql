-- The per-user sending limit counts what one user queued by hand in the last hour;
-- this index keeps that count a short range scan however large the outbox grows.
CREATE INDEX outbox_by_sender ON outbox (user_id, created_at)
  WHERE kind IN ('manual', 'test');
