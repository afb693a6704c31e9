// E-mail for admins: the SMTP server (the password is write-only: the form only says
// whether one is set), "send test e-mail", the health of the mail scheduler (last tick,
// outbox backlog, last failure) and the outbox with its delivery log.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { MailHealth, OutboxState, SmtpInput, SmtpSecurity, SmtpSettings } from '../../shared/api/types';
import { CheckboxField, SelectField, TextField } from '../../shared/components/Field';
import { MailLog } from '../../shared/components/MailLog';
import { mailReason, mailServerReply } from '../../shared/components/mailReason';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useSubmit } from '../../shared/hooks/useSubmit';
import { useI18n } from '../../shared/i18n/i18n';
import { useMe, useUserTime } from '../../shared/session';

const SECURITY: SmtpSecurity[] = ['starttls', 'tls', 'none'];
const STATES: OutboxState[] = ['queued', 'sent', 'failed', 'blocked'];
/** A scheduler that has not ticked for this long is shown as stopped. */
export const STALE_TICK_MS = 10 * 60_000;

interface SmtpForm {
  host: string;
  port: string;
  security: SmtpSecurity;
  username: string;
  password: string;
  clearPassword: boolean;
  sender_name: string;
  sender_email: string;
}

function formOf(s: SmtpSettings): SmtpForm {
  return {
    host: s.host,
    port: s.port ? String(s.port) : '',
    security: s.security,
    username: s.username,
    password: '',
    clearPassword: false,
    sender_name: s.sender_name,
    sender_email: s.sender_email,
  };
}

/** The PUT body: the password only when typed (or "" to clear it). */
export function smtpBody(f: SmtpForm): SmtpInput {
  const body: SmtpInput = {
    host: f.host.trim(),
    port: Number(f.port),
    security: f.security,
    username: f.username.trim(),
    sender_name: f.sender_name.trim(),
    sender_email: f.sender_email.trim(),
  };
  if (f.clearPassword) body.password = '';
  else if (f.password) body.password = f.password;
  return body;
}

export function MailAdmin() {
  const [tick, setTick] = useState(0);
  const refresh = () => setTick((n) => n + 1);
  return (
    <div className="admin-grid">
      <div>
        <SmtpPanel onSaved={refresh} />
        <TestPanel onSent={refresh} />
      </div>
      <div>
        <HealthPanel tick={tick} />
      </div>
      <OutboxPanel tick={tick} />
    </div>
  );
}

function SmtpPanel({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState<SmtpSettings | null>(null);
  const [form, setForm] = useState<SmtpForm | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit({ staysOpen: true });
  const [notice, setNotice] = useState('');

  useEffect(() => {
    api.smtpSettings().then((s) => {
      setSaved(s);
      setForm(formOf(s));
    }, setLoadError);
  }, []);

  if (loadError) return <Notice kind="error">{errorMessage(loadError, t)}</Notice>;
  if (!form || !saved) return <Loading />;
  const set = <K extends keyof SmtpForm>(k: K, v: SmtpForm[K]) => setForm({ ...form, [k]: v });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    const port = Number(form.port);
    if (form.host.trim() && (!Number.isInteger(port) || port < 1 || port > 65535))
      local.port = t('mailAdmin.portRange');
    if (form.host.trim() && !form.sender_email.trim()) local.sender_email = t('validation.required');
    setErrors(local);
    setNotice('');
    if (Object.keys(local).length) return;
    await send(async () => {
      const s = await api.putSmtpSettings(smtpBody(form));
      setSaved(s);
      setForm(formOf(s));
      setNotice(t('admin.saved'));
      onSaved();
    });
  };

  return (
    <section className="panel" aria-labelledby="smtp-title">
      <h2 id="smtp-title">{t('mailAdmin.smtp')}</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <form onChange={markDirty} onSubmit={submit} noValidate>
        <div className="form-row">
          <TextField
            id="smtp-host"
            label={t('mailAdmin.host')}
            value={form.host}
            autoComplete="off"
            onChange={(e) => set('host', e.target.value)}
            error={errors.host}
            hint={t('mailAdmin.hostHint')}
          />
          <TextField
            id="smtp-port"
            label={t('mailAdmin.port')}
            type="number"
            min={1}
            max={65535}
            inputMode="numeric"
            className="field-narrow"
            value={form.port}
            onChange={(e) => set('port', e.target.value)}
            error={errors.port}
          />
          <SelectField
            id="smtp-security"
            label={t('mailAdmin.security')}
            value={form.security}
            onChange={(e) => {
              const security = e.target.value as SmtpSecurity;
              // The usual port of each mode, unless the admin typed another one.
              const usual: Record<SmtpSecurity, string> = { starttls: '587', tls: '465', none: '25' };
              const port = Object.values(usual).includes(form.port) || !form.port ? usual[security] : form.port;
              setForm({ ...form, security, port });
            }}
            error={errors.security}
          >
            {SECURITY.map((s) => (
              <option key={s} value={s}>
                {t(`mailAdmin.securityMode.${s}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="form-row">
          <TextField
            id="smtp-username"
            label={t('mailAdmin.username')}
            value={form.username}
            autoComplete="off"
            onChange={(e) => set('username', e.target.value)}
            error={errors.username}
          />
          <TextField
            id="smtp-password"
            label={
              <>
                {t('mailAdmin.password')}{' '}
                <span
                  className={`badge ${saved.password_set ? 'state-today' : 'state-closed'}`}
                  data-testid="password-state"
                >
                  {saved.password_set ? t('mailAdmin.passwordSet') : t('mailAdmin.passwordNotSet')}
                </span>
              </>
            }
            type="password"
            autoComplete="new-password"
            value={form.password}
            disabled={form.clearPassword}
            onChange={(e) => set('password', e.target.value)}
            error={errors.password}
            hint={saved.password_set ? t('mailAdmin.passwordKeepHint') : t('mailAdmin.passwordHint')}
          />
        </div>
        {saved.password_set ? (
          <CheckboxField
            id="smtp-clear-password"
            label={t('mailAdmin.clearPassword')}
            checked={form.clearPassword}
            onChange={(e) => setForm({ ...form, clearPassword: e.target.checked, password: '' })}
          />
        ) : null}
        <div className="form-row">
          <TextField
            id="smtp-sender-name"
            label={t('mailAdmin.senderName')}
            value={form.sender_name}
            onChange={(e) => set('sender_name', e.target.value)}
            error={errors.sender_name}
          />
          <TextField
            id="smtp-sender-email"
            label={t('mailAdmin.senderEmail')}
            type="email"
            value={form.sender_email}
            onChange={(e) => set('sender_email', e.target.value)}
            error={errors.sender_email}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}

function TestPanel({ onSent }: { onSent: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const [to, setTo] = useState(me.user.email);
  const { errors, setErrors, error, busy, send, markDirty } = useSubmit({ staysOpen: true });
  const [notice, setNotice] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice('');
    if (!to.trim()) {
      setErrors({ to: t('validation.required') });
      return;
    }
    setErrors({});
    await send(async () => {
      const item = await api.sendTestEmail(to.trim());
      setNotice(t('mailAdmin.testQueued', { id: item.id }));
      onSent();
    });
  };

  return (
    <section className="panel" aria-labelledby="smtp-test-title">
      <h2 id="smtp-test-title">{t('mailAdmin.test')}</h2>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      <form onChange={markDirty} onSubmit={submit} noValidate className="inline-form">
        <TextField
          id="smtp-test-to"
          label={t('mailAdmin.testTo')}
          type="email"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={errors.to}
        />
        <button type="submit" className="btn" disabled={busy}>
          {t('mailAdmin.sendTest')}
        </button>
      </form>
    </section>
  );
}

function HealthPanel({ tick }: { tick: number }) {
  const { t, locale } = useI18n();
  const { timeZone } = useUserTime();
  const health = useAsync<MailHealth>(() => api.mailHealth(), [tick]);
  const h = health.data;
  const stale = h
    ? !h.scheduler_last_tick_at || Date.now() - Date.parse(h.scheduler_last_tick_at) > STALE_TICK_MS
    : false;
  return (
    <section className="panel" aria-labelledby="mail-health-title">
      <div className="panel-head">
        <h2 id="mail-health-title">{t('mailAdmin.health')}</h2>
        <button type="button" className="btn btn-small" onClick={health.reload}>
          {t('mailAdmin.refresh')}
        </button>
      </div>
      {health.error ? <Notice kind="error">{errorMessage(health.error, t)}</Notice> : null}
      {health.loading && !h ? <Loading /> : null}
      {h ? (
        <>
          {!h.smtp_configured ? <Notice kind="warning">{t('mailAdmin.notConfigured')}</Notice> : null}
          <dl className="data-list health">
            <dt>{t('mailAdmin.lastTick')}</dt>
            <dd>
              {h.scheduler_last_tick_at
                ? formatInstant(h.scheduler_last_tick_at, locale, timeZone)
                : t('mailAdmin.never')}{' '}
              {stale ? (
                <span className="badge state-overdue">{t('mailAdmin.stale')}</span>
              ) : (
                <span className="badge state-today">{t('mailAdmin.running')}</span>
              )}
            </dd>
            <dt>{t('mailAdmin.queued')}</dt>
            <dd data-testid="health-queued">{h.outbox_queued}</dd>
            <dt>{t('mailAdmin.failed')}</dt>
            <dd data-testid="health-failed" className={h.outbox_failed ? 'late' : ''}>
              {h.outbox_failed}
            </dd>
            <dt>{t('mailAdmin.lastFailure')}</dt>
            <dd>
              {h.last_failure ? (
                <>
                  {formatInstant(h.last_failure.at, locale, timeZone)} ·{' '}
                  {t('mailAdmin.outboxId', { id: h.last_failure.outbox_id })}
                  <div className="mail-error small">{mailReason(h.last_failure.error, t)}</div>
                  {mailServerReply(h.last_failure.error) ? (
                    <div className="small muted">
                      {t('mail.serverReply', { text: mailServerReply(h.last_failure.error) })}
                    </div>
                  ) : null}
                </>
              ) : (
                t('mailAdmin.noFailure')
              )}
            </dd>
          </dl>
        </>
      ) : null}
    </section>
  );
}

function OutboxPanel({ tick }: { tick: number }) {
  const { t } = useI18n();
  const { timeZone } = useUserTime();
  const [state, setState] = useState<OutboxState | ''>('');
  const list = useAsync(() => api.outbox(state, 50), [state, tick]);
  return (
    <section className="panel panel-wide" aria-labelledby="outbox-title">
      <div className="panel-head">
        <h2 id="outbox-title">{t('mailAdmin.outbox')}</h2>
        <div className="toolbar">
          <SelectField
            id="outbox-state"
            label={t('mailAdmin.stateFilter')}
            className="field-inline"
            value={state}
            onChange={(e) => setState(e.target.value as OutboxState | '')}
          >
            <option value="">{t('common.any')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`mail.state.${s}`)}
              </option>
            ))}
          </SelectField>
          <button type="button" className="btn btn-small" onClick={list.reload}>
            {t('mailAdmin.refresh')}
          </button>
        </div>
      </div>
      {list.error ? <Notice kind="error">{errorMessage(list.error, t)}</Notice> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        <MailLog items={list.data} timeZone={timeZone} showFollowup technical emptyText={t('mailAdmin.outboxEmpty')} />
      ) : null}
    </section>
  );
}
