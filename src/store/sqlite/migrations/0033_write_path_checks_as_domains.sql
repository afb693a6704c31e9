-- PostgreSQL's migration 0033 turns the CHECK constraints of the follow-up tables into
-- domains, which it prepares once per connection instead of at every write (ADR 0050).
-- SQLite keeps its CHECK constraints: it compiles them into each prepared statement once.
-- The number exists so that both dialects stay at the same schema version.
SELECT 1;
