// E-mails of the outbox with their delivery log (queued, sent, retried, failed with the
// reason, held back for a missing value): on a follow-up and for admins. Reasons are
// shown in the user's language (mailReason), never as the mail server's raw words.
import type { OutboxItem } from '../api/types';
import { formatInstant } from '../format';
import { useI18n } from '../i18n/i18n';
import { mailReason, mailServerReply } from './mailReason';
import { Link } from '../router';

interface Props {
  items: OutboxItem[];
  timeZone: string;
  /** Link each e-mail to its follow-up (the admins' list). */
  showFollowup?: boolean;
  /** Also the mail server's own words, for the administrator who diagnoses delivery. */
  technical?: boolean;
  emptyText: string;
}

export function MailLog({ items, timeZone, showFollowup, technical, emptyText }: Props) {
  const { t, locale } = useI18n();
  if (!items.length) return <p className="empty">{emptyText}</p>;
  const when = (iso: string | null) => formatInstant(iso, locale, timeZone);
  return (
    <ul className="mail-list">
      {items.map((m) => (
        <li key={m.id} className={`mail-item mail-${m.state}`} data-testid="mail-item">
          <div className="mail-head">
            <span className={`badge mail-state mail-state-${m.state}`}>{t(`mail.state.${m.state}`)}</span>
            <span className="mail-kind">{t(`mail.kind.${m.kind}`)}</span>
            <span className="muted small">{when(m.created_at)}</span>
            {showFollowup && m.followup_id ? (
              <Link to={`/followups/${m.followup_id}`} className="small">
                {t('followup.title', { id: m.followup_id })}
              </Link>
            ) : null}
          </div>
          <div className="mail-subject">{m.subject || '—'}</div>
          <div className="small muted mail-to">
            {t('mail.to', { list: m.to.join(', ') || '—' })}
            {m.cc.length ? ` · ${t('mail.cc', { list: m.cc.join(', ') })}` : ''}
          </div>
          {m.sent_at ? <div className="small">{t('mail.sentAt', { when: when(m.sent_at) })}</div> : null}
          {m.state === 'queued' && m.next_attempt_at ? (
            <div className="small">{t('mail.nextAttempt', { when: when(m.next_attempt_at), count: m.attempts })}</div>
          ) : null}
          {(m.state === 'failed' || m.state === 'blocked' || m.state === 'queued') && m.last_error ? (
            <div className="small mail-error">{t('mail.lastError', { error: mailReason(m.last_error, t) })}</div>
          ) : null}
          {technical && mailServerReply(m.last_error) ? (
            <div className="small muted mail-raw">{t('mail.serverReply', { text: mailServerReply(m.last_error) })}</div>
          ) : null}
          {m.log.length ? (
            <details className="mail-log">
              <summary>{t('mail.log', { count: m.log.length })}</summary>
              <ol>
                {m.log.map((l, i) => (
                  <li key={i} className={`mail-event-${l.event}`}>
                    <span className="muted">{when(l.at)}</span> <strong>{t(`mail.event.${l.event}`)}</strong>
                    {l.detail ? (
                      // A "sent" event carries the server's receipt (its reply code and queue id).
                      <span className="mail-detail">{` — ${(technical || l.event === 'sent') && mailServerReply(l.detail) ? l.detail : mailReason(l.detail, t)}`}</span>
                    ) : null}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
