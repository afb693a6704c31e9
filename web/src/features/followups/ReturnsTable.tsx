// The returns (actions) of a follow-up: planned, done with their result, cancelled; the
// chain of results to next returns [004]; complete, reschedule or cancel the planned ones.
import type { Action } from '../../shared/api/types';
import { GridTable } from '../../shared/components/GridTable';
import { formatDate, formatInstant, formatTime } from '../../shared/format';
import { nameOf, userName, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';

interface Props {
  actions: Action[];
  today: string;
  timeZone: string;
  /** Whether the viewer may complete, reschedule or cancel this return. */
  canAct: (a: Action) => boolean;
  onComplete: (a: Action) => void;
  onReschedule: (a: Action) => void;
  /** Absent for a viewer who may not cancel returns (an assignee of someone else's follow-up). */
  onCancel?: (a: Action) => void;
}

export function ReturnsTable({ actions, today, timeZone, canAct, onComplete, onReschedule, onCancel }: Props) {
  const { t, locale } = useI18n();
  const { contactTypes, users } = useTables();
  if (!actions.length) return <p className="empty">{t('returns.none')}</p>;
  return (
    <GridTable
      caption={t('returns.title')}
      columns={[
        t('agenda.when'),
        t('action.type'),
        t('returns.status'),
        t('returns.result'),
        { label: t('common.actions'), hidden: true },
      ]}
      compact
    >
      {actions.map((a) => {
        const late = a.status === 'planned' && a.due_date < today;
        const isToday = a.status === 'planned' && a.due_date === today;
        const rowState = a.status !== 'planned' ? 'closed' : late ? 'overdue' : isToday ? 'today' : 'open';
        return (
          <tr key={a.id} id={`action-${a.id}`} className={`row state-${rowState} action-${a.status}`}>
            <td data-label={t('agenda.when')}>
              {formatDate(a.due_date, locale)}
              {a.due_time ? ` ${formatTime(a.due_time, locale)}` : ''}
              {a.series_index ? (
                <span className="muted small"> · {t('returns.series', { n: a.series_index })}</span>
              ) : null}
              <div className="muted small">{userName(users, a.assignee_id)}</div>
              {a.status === 'planned' && a.remind_at ? (
                <div className="small remind-at">
                  {t('returns.remindAt', { when: formatInstant(a.remind_at, locale, timeZone) })}
                </div>
              ) : null}
            </td>
            <td data-label={t('action.type')}>
              {nameOf(contactTypes, a.type)}
              {a.message ? <div className="muted small">{a.message}</div> : null}
            </td>
            <td data-label={t('returns.status')}>
              <span className={`status status-${a.status}`}>{t(`action.status.${a.status}`)}</span>
              {late ? (
                <span className="late small"> {t('followup.daysLate', { count: daysLate(a.due_date, today) })}</span>
              ) : null}
            </td>
            <td data-label={t('returns.result')}>
              {a.result ? (
                <>
                  <div className="tl-body">{a.result}</div>
                  <div className="muted small">
                    {a.resolution ? nameOf(contactTypes, a.resolution) : ''}
                    {a.result_at ? ` · ${formatInstant(a.result_at, locale, timeZone)}` : ''}
                  </div>
                </>
              ) : null}
              {a.next_action_id ? (
                <a href={`#action-${a.next_action_id}`} className="small">
                  {t('returns.nextLink')}
                </a>
              ) : null}
            </td>
            <td className="row-actions">
              {a.status === 'planned' && canAct(a) ? (
                <>
                  <button type="button" className="btn btn-primary btn-small" onClick={() => onComplete(a)}>
                    {t('agenda.complete')}
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => onReschedule(a)}>
                    {t('agenda.reschedule')}
                  </button>
                  {onCancel ? (
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => onCancel(a)}>
                      {t('returns.cancel')}
                    </button>
                  ) : null}
                </>
              ) : null}
            </td>
          </tr>
        );
      })}
    </GridTable>
  );
}

function daysLate(due: string, today: string): number {
  return Math.round((Date.parse(today) - Date.parse(due)) / 86_400_000);
}
