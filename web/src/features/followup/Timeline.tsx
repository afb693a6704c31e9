// The history of a follow-up, newest on top [004]: notes, complaints, internal comments,
// e-mails, results of returns and status changes. Published entries never change [003].
import type { Action, Entry } from '../../shared/api/types';
import { formatDate, formatInstant, formatTime } from '../../shared/format';
import { nameOf, userName, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';

export function Timeline({ entries, actions, timeZone }: { entries: Entry[]; actions: Action[]; timeZone: string }) {
  const { t, locale } = useI18n();
  const { users, contactTypes } = useTables();
  // A result chains into the next return [004]: show it with the result.
  const nextOf = (e: Entry): Action | undefined => {
    if (e.kind !== 'result' || e.action_id === null) return undefined;
    const done = actions.find((a) => a.id === e.action_id);
    return done?.next_action_id ? actions.find((a) => a.id === done.next_action_id) : undefined;
  };
  const published = entries.filter((e) => !e.draft);
  if (!published.length) return <p className="empty">{t('timeline.empty')}</p>;
  return (
    <ol className="timeline">
      {published.map((e) => {
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
