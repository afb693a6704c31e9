-- Reports sent by e-mail on a schedule (ADR 0033). Instants are UTC microseconds.
CREATE TABLE report_schedules (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),   -- the author: whose view is sent
  report TEXT NOT NULL,                             -- a report table's name: 'actions'
  filters TEXT NOT NULL DEFAULT '{}',               -- JSON object of the report's filters
  format TEXT NOT NULL CHECK (format IN ('pdf', 'xlsx')),
  frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'monthly')),
  recipients TEXT NOT NULL CHECK (recipients IN ('me', 'team')),
  next_run_at INTEGER NOT NULL,                     -- the next period's run, 07:00 local
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX report_schedules_due ON report_schedules (next_run_at, id);
CREATE INDEX report_schedules_user ON report_schedules (user_id, id);

-- One row per period sent: the key makes a second send of a period fail on any node.
CREATE TABLE report_schedule_runs (
  schedule_id INTEGER NOT NULL REFERENCES report_schedules (id) ON DELETE CASCADE,
  period_start TEXT NOT NULL,                       -- YYYY-MM-DD, the author's day
  sent_at INTEGER NOT NULL,
  messages INTEGER NOT NULL,
  PRIMARY KEY (schedule_id, period_start)
) STRICT, WITHOUT ROWID;

-- Files an outbox message carries itself (a scheduled report), beside the follow-up
-- attachments it names by id.
CREATE TABLE outbox_files (
  outbox_id INTEGER NOT NULL REFERENCES outbox (id),
  seq INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (outbox_id, seq)
) STRICT, WITHOUT ROWID;
