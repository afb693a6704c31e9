// "Meus envios": the reports the user has scheduled by e-mail (an admin: everyone's),
// when each is sent next, and buttons to pause, resume or delete one.
import { useState } from 'react';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { formatDate, formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import { useMe } from '../../shared/session';
import { schedulesApi, type ReportSchedule } from './api';
import { ReportTable } from './ReportTable';

export function MySchedules({ reloads = 0 }: { reloads?: number }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const [changes, setChanges] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const r = useAsync(() => schedulesApi.list(), [reloads, changes]);
  const act = (request: () => Promise<unknown>) => {
    setError(null);
    request().then(
      () => setChanges((n) => n + 1),
      (e: unknown) => setError(e),
    );
  };
  if (r.error) return <Notice kind="error">{errorMessage(r.error, t)}</Notice>;
  if (!r.data) return <Loading />;
  const items = r.data.items;
  const when = (s: ReportSchedule) =>
    s.paused || !s.next_run_at ? t('schedules.paused') : formatInstant(s.next_run_at, locale, me.user.time_zone);
  const filters = (s: ReportSchedule) =>
    Object.entries(s.filters)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || t('reports.all');
  return (
    <section aria-label={t('schedules.title')} className="report-schedules">
      <h2>{t('schedules.title')}</h2>
      {error ? <Notice kind="error">{errorMessage(error, t)}</Notice> : null}
      {items.length === 0 ? <p className="empty">{t('schedules.empty')}</p> : null}
      {items.length ? (
        <ReportTable
          label={t('schedules.title')}
          rows={items}
          rowKey={(s) => s.id}
          columns={[
            { head: t('schedules.report'), cell: (s) => t(`reports.${s.report}.title`) },
            { head: t('schedule.frequency'), cell: (s) => t(`schedule.${s.frequency}`) },
            { head: t('schedule.format'), cell: (s) => s.format.toUpperCase() },
            { head: t('schedule.recipients'), cell: (s) => t(`schedule.${s.recipients}`) },
            { head: t('schedules.filters'), cell: filters },
            { head: t('schedules.next'), cell: when },
            {
              head: t('schedules.last'),
              cell: (s) => (s.last_period_start ? formatDate(s.last_period_start, locale) : '—'),
            },
            {
              head: <span className="sr-only">{t('schedules.actions')}</span>,
              className: 'no-print',
              cell: (s) => (
                <span className="schedule-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={t(s.paused ? 'schedules.resumeOne' : 'schedules.pauseOne', {
                      report: t(`reports.${s.report}.title`),
                    })}
                    onClick={() => act(() => schedulesApi.pause(s.id, !s.paused))}
                  >
                    {t(s.paused ? 'schedules.resume' : 'schedules.pause')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger"
                    aria-label={t('schedules.deleteOne', { report: t(`reports.${s.report}.title`) })}
                    onClick={() => {
                      if (window.confirm(t('schedules.deleteConfirm'))) act(() => schedulesApi.remove(s.id));
                    }}
                  >
                    {t('schedules.delete')}
                  </button>
                </span>
              ),
            },
          ]}
        />
      ) : null}
    </section>
  );
}
