// The colour legend of the manuals: today, overdue (red), open / in process (yellow),
// closed / concluded (blue). Colour is never alone: the state's name is always written.
import type { FollowupState } from '../api/types';
import { useI18n } from '../i18n/i18n';

export const STATES: FollowupState[] = ['today', 'overdue', 'open', 'closed'];

export function StateBadge({ state, daysLate }: { state: FollowupState; daysLate?: number }) {
  const { t } = useI18n();
  return (
    <span className="state-cell">
      <span className={`badge state-${state}`}>
        <span className="dot" aria-hidden="true" />
        {t(`state.${state}`)}
      </span>
      {state === 'overdue' && daysLate ? (
        <span className="late small">{t('followup.daysLate', { count: daysLate })}</span>
      ) : null}
    </span>
  );
}

/** `internal`: the fifth colour of manual 003's legend, "contatos com data interna" (ADR 0041). */
export function Legend({ internal = false }: { internal?: boolean } = {}) {
  const { t } = useI18n();
  return (
    <ul className="legend" aria-label={t('legend.title')}>
      {STATES.map((s) => (
        <li key={s} className={`state-${s}`}>
          <span className="dot" aria-hidden="true" />
          {t(`legend.${s}`)}
        </li>
      ))}
      {internal ? (
        <li className="internal-date">
          <span className="diamond" aria-hidden="true" />
          {t('legend.internal')}
        </li>
      ) : null}
    </ul>
  );
}

/** A follow-up's internal date as the grid shows it: due today or passed (open only) in the viewer's today. */
export function InternalDate({
  date,
  open,
  today,
  label,
}: {
  date: string;
  open: boolean;
  today: string;
  label: string;
}) {
  const { t } = useI18n();
  const when = date === today ? 'due' : open && date < today ? 'overdue' : '';
  return (
    <span className={`internal-date ${when}`}>
      <span className="diamond" aria-hidden="true" />
      <time dateTime={date}>{label}</time>
      {when ? <span className="small">{t(when === 'due' ? 'grid.internalDue' : 'grid.internalOverdue')}</span> : null}
    </span>
  );
}
