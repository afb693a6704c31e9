// The history of a follow-up, newest on top [004]: notes, complaints, internal comments,
// e-mails, results of returns and status changes. Published entries never change [003].
// An e-mail becomes an entry when it is sent; until then (queued, held for a missing
// value, failed) it stands in the history with its live state and reason, so the
// history never claims a message went out that did not.
import type { Action, Entry, OutboxItem } from '../../shared/api/types';
import { mailReason } from '../../shared/components/mailReason';
import { formatDate, formatInstant, formatTime } from '../../shared/format';
import { nameOf, userName, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';

export function Timeline({
  entries,
  actions,
  emails = [],
  timeZone,
}: {
  entries: Entry[];
  actions: Action[];
  emails?: OutboxItem[];
  timeZone: string;
}) {
  const { t, locale } = useI18n();
  const { users, contactTypes } = useTables();
  // A result chains into the next return [004]: show it with the result.
  const nextOf = (e: Entry): Action | undefined => {
    if (e.kind !== 'result' || e.action_id === null) return undefined;
    const done = actions.find((a) => a.id === e.action_id);
    return done?.next_action_id ? actions.find((a) => a.id === done.next_action_id) : undefined;
  };
  const published = entries.filter((e) => !e.draft);
  const unsent = emails.filter((m) => m.state !== 'sent');
  if (!published.length && !unsent.length) return <p className="empty">{t('timeline.empty')}</p>;
  const items: Array<{ at: string; entry?: Entry; mail?: OutboxItem }> = [
    ...published.map((e) => ({ at: e.created_at, entry: e })),
    ...unsent.map((m) => ({ at: m.created_at, mail: m })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return (
    <ol className="timeline">
      {items.map(({ entry, mail }) => {
        if (mail) {
          const at = formatInstant(mail.created_at, locale, timeZone);
          return (
            <li
              key={`mail-${mail.id}`}
              className={`tl-item tl-email tl-mail-${mail.state}`}
              data-testid="timeline-mail"
            >
              <article aria-label={`${t('entry.kind.email')} — ${t(`mail.state.${mail.state}`)} — ${at}`}>
                <header className="tl-head">
                  <span className="kind kind-email">{t('entry.kind.email')}</span>
                  <span className={`badge mail-state mail-state-${mail.state}`}>{t(`mail.state.${mail.state}`)}</span>
                  <time dateTime={mail.created_at}>{at}</time>
                </header>
                <p className="tl-body">
                  {mail.subject || '—'} · {t('mail.to', { list: mail.to.join(', ') || '—' })}
                </p>
                {mail.last_error && mail.state !== 'queued' ? (
                  <p className="small mail-error">{t('mail.lastError', { error: mailReason(mail.last_error, t) })}</p>
                ) : null}
              </article>
            </li>
          );
        }
        const e = entry!;
        const contactAt = formatInstant(e.contact_at, locale, timeZone);
        const createdAt = formatInstant(e.created_at, locale, timeZone);
        const next = nextOf(e);
        return (
          <li key={e.id} className={`tl-item tl-${e.kind}`}>
            <article aria-label={`${t(`entry.kind.${e.kind}`)} — ${contactAt}`}>
              <header className="tl-head">
                <span className={`kind kind-${e.kind}`}>{t(`entry.kind.${e.kind}`)}</span>
                <time dateTime={e.contact_at}>{contactAt}</time>
                <span className="muted">{userName(users, e.author_id)}</span>
                {createdAt !== contactAt ? (
                  <span className="muted small">{t('timeline.recordedAt', { when: createdAt })}</span>
                ) : null}
              </header>
              <p className="tl-body">{e.body}</p>
              {next ? (
                <p className="tl-next">
                  {t('timeline.next', {
                    date: `${formatDate(next.due_date, locale)}${next.due_time ? ' ' + formatTime(next.due_time, locale) : ''}`,
                    type: nameOf(contactTypes, next.type),
                  })}
                </p>
              ) : null}
            </article>
          </li>
        );
      })}
    </ol>
  );
}
