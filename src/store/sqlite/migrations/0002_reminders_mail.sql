-- Reminders, notifications, the e-mail outbox, templates and SMTP settings.
-- Conventions of 0001 apply (instants in UTC microseconds, STRICT, no clock in SQL).

-- "Remind at" of manual 000: an explicit reminder instant; NULL means the return's own
-- due date and time (08:00 local when untimed).
ALTER TABLE actions ADD COLUMN remind_at INTEGER;

-- How a user wants e-mail about their returns: none, one per return at its reminder,
-- or one morning digest of today's and overdue returns.
ALTER TABLE users ADD COLUMN email_reminders TEXT NOT NULL DEFAULT 'each'
  CHECK (email_reminders IN ('off', 'each', 'digest'));

-- One row per instant a return must be reminded of, written in the transaction that
-- creates or changes the return. kind 'user' alerts the assignee (SSE, notification,
-- e-mail); kind 'customer' e-mails the follow-up's contact (notify_customer).
-- A worker claims due rows by setting a lease; a row whose lease expired (the worker
-- died) is claimed again. Fired and cancelled rows are kept as history.
CREATE TABLE reminders (
  id INTEGER PRIMARY KEY,
  action_id INTEGER NOT NULL REFERENCES actions (id),
  followup_id INTEGER NOT NULL REFERENCES followups (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('user', 'customer')),
  fire_at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'fired', 'cancelled')),
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until INTEGER,
  fired_at INTEGER,
  late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  created_at INTEGER NOT NULL
) STRICT;
-- The claim scan: pending rows by instant. Partial, so fired history costs nothing.
CREATE INDEX reminders_due ON reminders (fire_at, id) WHERE state = 'pending';
CREATE INDEX reminders_action ON reminders (action_id, state);

-- What a user is told: reminders fired, e-mails that failed or were not sent.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'mail_failed', 'mail_blocked')),
  followup_id INTEGER REFERENCES followups (id),
  action_id INTEGER REFERENCES actions (id),
  detail TEXT NOT NULL DEFAULT '',
  late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  created_at INTEGER NOT NULL,
  read_at INTEGER,
  snoozed_until INTEGER
) STRICT;
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, id) WHERE read_at IS NULL;

-- Outgoing e-mail, written in the transaction of its cause and sent by a worker with
-- retries. message_id is chosen at queue time and kept across retries.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'customer', 'manual', 'digest', 'test')),
  followup_id INTEGER REFERENCES followups (id),
  action_id INTEGER REFERENCES actions (id),
  user_id INTEGER REFERENCES users (id),  -- who caused or receives it, for notifications
  to_addrs TEXT NOT NULL,                 -- JSON array of e-mail addresses
  cc_addrs TEXT NOT NULL DEFAULT '[]',
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL DEFAULT '',
  attachment_ids TEXT NOT NULL DEFAULT '[]',
  message_id TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'blocked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  sent_at INTEGER
) STRICT;
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'queued';
CREATE INDEX outbox_followup ON outbox (followup_id, id);
CREATE INDEX outbox_state ON outbox (state, id);

-- The delivery log of each message: queued, retry (with the reason), sent, failed.
CREATE TABLE outbox_log (
  outbox_id INTEGER NOT NULL REFERENCES outbox (id),
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('queued', 'sent', 'retry', 'failed', 'blocked')),
  detail TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (outbox_id, seq)
) STRICT, WITHOUT ROWID;

-- Message templates per kind and language, with #{placeholders} (manual 002). The
-- defaults use only values every follow-up has (a message with a missing value is
-- not sent), apart from the customer message's #{mensagem}: an empty message to the
-- customer is a mistake worth stopping.
CREATE TABLE templates (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'customer', 'digest')),
  locale TEXT NOT NULL CHECK (locale IN ('pt-BR', 'es', 'en')),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (kind, locale)
) STRICT;
INSERT INTO templates (kind, locale, subject, body) VALUES
  ('reminder', 'pt-BR', 'Retorno: #{assunto} — #{cliente}',
   'Olá, #{responsavel}.

Você tem um retorno #{tipo_retorno} agendado para #{data_retorno}:
#{assunto}
Cliente: #{cliente} (#{codigo_cliente})
Contato: #{contato|cliente}

#{empresa}'),
  ('reminder', 'es', 'Retorno: #{assunto} — #{cliente}',
   'Hola, #{responsavel}.

Tiene un retorno #{tipo_retorno} programado para el #{data_retorno}:
#{assunto}
Cliente: #{cliente} (#{codigo_cliente})
Contacto: #{contato|cliente}

#{empresa}'),
  ('reminder', 'en', 'Follow-up: #{assunto} — #{cliente}',
   'Hello, #{responsavel}.

You have a #{tipo_retorno} return due on #{data_retorno}:
#{assunto}
Customer: #{cliente} (#{codigo_cliente})
Contact: #{contato|cliente}

#{empresa}'),
  ('customer', 'pt-BR', '#{assunto}',
   'Prezado(a) #{contato|cliente},

#{mensagem}

Atenciosamente,
#{responsavel}
#{empresa}'),
  ('customer', 'es', '#{assunto}',
   'Estimado(a) #{contato|cliente}:

#{mensagem}

Atentamente,
#{responsavel}
#{empresa}'),
  ('customer', 'en', '#{assunto}',
   'Dear #{contato|cliente},

#{mensagem}

Kind regards,
#{responsavel}
#{empresa}'),
  ('digest', 'pt-BR', 'Seus retornos de #{data_hoje}',
   'Bom dia, #{responsavel}. Estes são os seus retornos de hoje e os atrasados:'),
  ('digest', 'es', 'Sus retornos del #{data_hoje}',
   'Buenos días, #{responsavel}. Estos son sus retornos de hoy y los atrasados:'),
  ('digest', 'en', 'Your returns for #{data_hoje}',
   'Good morning, #{responsavel}. These are your returns for today and the overdue ones:');

-- SMTP settings, one row. The password is stored encrypted (libsodium secretbox) with
-- a key kept outside the database (data/secret.key); see docs/operations.md.
CREATE TABLE smtp_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  host TEXT NOT NULL DEFAULT '',
  port INTEGER NOT NULL DEFAULT 587,
  security TEXT NOT NULL DEFAULT 'starttls' CHECK (security IN ('none', 'starttls', 'tls')),
  username TEXT NOT NULL DEFAULT '',
  password_sealed TEXT NOT NULL DEFAULT '',
  sender_name TEXT NOT NULL DEFAULT '',
  sender_email TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO smtp_settings (id) VALUES (1);

-- Small named values of the background jobs: the scheduler's last tick, the last
-- digest day of each user ('digest:<user id>').
CREATE TABLE job_state (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
