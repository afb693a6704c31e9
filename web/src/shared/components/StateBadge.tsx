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

export function Legend() {
  const { t } = useI18n();
  return (
    <ul className="legend" aria-label={t('legend.title')}>
      {STATES.map((s) => (
        <li key={s} className={`state-${s}`}>
          <span className="dot" aria-hidden="true" />
          {t(`legend.${s}`)}
        </li>
      ))}
    </ul>
  );
}
