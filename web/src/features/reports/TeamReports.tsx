// Team performance (returns due, on time, late, completion and median days late, against
// the previous period) and the automatic follow-ups (after-sale, after-service,
// birthday: created, done, converted). The server judges each return in the viewer's
// zone and its totals are the sums of the rows; every chart has its table.
import { lazy, Suspense } from 'react';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { formatDate } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import { reportsApi, teamByWeek, type AutomaticReport, type ReportFilters, type TeamFigures } from './api';

const Charts = () => import('./Charts');
const BarChart = lazy(() => Charts().then((m) => ({ default: m.BarChart })));
const LineChart = lazy(() => Charts().then((m) => ({ default: m.LineChart })));

const BLUE = '#2f6db5';
const GREEN = '#3a8a4f';
const ORANGE = '#d9822b';
const RED = '#b53a2f';
const GREY = '#9aa5b1';

function ChartBox({ children }: { children: React.ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** A rate in [0, 1] as a percentage in the viewer's language; "—" when there is none. */
export function percent(rate: number | null | undefined, locale: string): string {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

function days(n: number | null | undefined, locale: string): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}

function FigureCells({ f, locale }: { f: TeamFigures; locale: string }) {
  return (
    <>
      <td>{f.due}</td>
      <td>{f.on_time}</td>
      <td>{f.done_late}</td>
      <td>{f.still_late}</td>
      <td>{percent(f.completion_rate, locale)}</td>
      <td>{days(f.median_days_late, locale)}</td>
    </>
  );
}

export function Team({ filters }: { filters: ReportFilters }) {
  const { t, locale } = useI18n();
  const r = useAsync(() => reportsApi.team(filters), [filters]);
  if (r.error) return <Notice kind="error">{errorMessage(r.error, t)}</Notice>;
  const head = r.data;
  if (!head) return <Loading />;
  const weeks = teamByWeek(head.per_day);
  const figureHeads = (
    <>
      <th>{t('reports.team.due')}</th>
      <th>{t('reports.team.on_time')}</th>
      <th>{t('reports.team.done_late')}</th>
      <th>{t('reports.team.still_late')}</th>
      <th>{t('reports.team.completion')}</th>
      <th>{t('reports.team.median')}</th>
    </>
  );
  const total = head.totals.current;
  const previous = head.totals.previous;
  return (
    <section aria-label={t('reports.team.title')}>
      <p className="report-total">
        {t('reports.team.period', {
          from: formatDate(head.from, locale),
          to: formatDate(head.to, locale),
          previous_from: formatDate(head.previous_from, locale),
          previous_to: formatDate(head.previous_to, locale),
        })}{' '}
        {t('reports.team.summary', {
          completion: percent(total.completion_rate, locale),
          previous: percent(previous.completion_rate, locale),
        })}
      </p>
      <div className="report-grid">
        <div>
          <ChartBox>
            <BarChart
              title={t('reports.team.by_agent')}
              stacked
              labels={head.rows.map((row) => row.agent_name)}
              series={[
                {
                  label: t('reports.team.on_time'),
                  values: head.rows.map((x) => x.current.on_time),
                  color: GREEN,
                  stack: 'current',
                },
                {
                  label: t('reports.team.done_late'),
                  values: head.rows.map((x) => x.current.done_late),
                  color: ORANGE,
                  stack: 'current',
                },
                {
                  label: t('reports.team.still_late'),
                  values: head.rows.map((x) => x.current.still_late),
                  color: RED,
                  stack: 'current',
                },
                {
                  label: t('reports.team.previous_done'),
                  values: head.rows.map((x) => x.previous.on_time + x.previous.done_late),
                  color: GREY,
                  stack: 'previous',
                },
                {
                  label: t('reports.team.previous_still_late'),
                  values: head.rows.map((x) => x.previous.still_late),
                  color: BLUE,
                  stack: 'previous',
                },
              ]}
            />
          </ChartBox>
        </div>
        <div>
          <ChartBox>
            <LineChart
              title={t('reports.team.by_week')}
              labels={weeks.map((w) => formatDate(w.week, locale))}
              series={[
                { label: t('reports.team.due'), values: weeks.map((w) => w.due), color: BLUE },
                { label: t('reports.team.on_time'), values: weeks.map((w) => w.on_time), color: GREEN },
                { label: t('reports.team.late'), values: weeks.map((w) => w.late), color: ORANGE },
              ]}
            />
          </ChartBox>
          <table className="grid grid-compact" aria-label={t('reports.team.by_week')}>
            <thead>
              <tr>
                <th>{t('reports.week')}</th>
                <th>{t('reports.team.due')}</th>
                <th>{t('reports.team.on_time')}</th>
                <th>{t('reports.team.late')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.week}>
                  <td>{formatDate(w.week, locale)}</td>
                  <td>{w.due}</td>
                  <td>{w.on_time}</td>
                  <td>{w.late}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <table className="grid" aria-label={t('reports.team.by_agent')}>
        <thead>
          <tr>
            <th>{t('reports.agent')}</th>
            <th>{t('reports.branch')}</th>
            {figureHeads}
            <th>{t('reports.team.previous_completion')}</th>
            <th>{t('reports.team.previous_median')}</th>
          </tr>
        </thead>
        <tbody>
          {head.rows.map((row) => (
            <tr key={`${row.agent_id}-${row.branch_id ?? 0}`}>
              <td>{row.agent_name}</td>
              <td>{row.branch_name || '—'}</td>
              <FigureCells f={row.current} locale={locale} />
              <td>{percent(row.previous.completion_rate, locale)}</td>
              <td>{days(row.previous.median_days_late, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="grid grid-compact" aria-label={t('reports.team.by_branch')}>
        <thead>
          <tr>
            <th>{t('reports.branch')}</th>
            {figureHeads}
            <th>{t('reports.team.previous_completion')}</th>
            <th>{t('reports.team.previous_median')}</th>
          </tr>
        </thead>
        <tbody>
          {head.per_branch.map((b) => (
            <tr key={String(b.branch_id)}>
              <td>{b.branch_name || '—'}</td>
              <FigureCells f={b.current} locale={locale} />
              <td>{percent(b.previous.completion_rate, locale)}</td>
              <td>{days(b.previous.median_days_late, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('reports.total')}</th>
            <FigureCells f={total} locale={locale} />
            <td>{percent(previous.completion_rate, locale)}</td>
            <td>{days(previous.median_days_late, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

export function Automatic({ filters }: { filters: ReportFilters }) {
  const { t, locale } = useI18n();
  const r = useAsync(() => reportsApi.automatic(filters), [filters]);
  if (r.error) return <Notice kind="error">{errorMessage(r.error, t)}</Notice>;
  const head: AutomaticReport | undefined = r.data;
  if (!head) return <Loading />;
  const kindName = (k: string) => t(`reports.automatic.kind.${k}`);
  const conversion = (done: number, converted: number) => percent(done ? converted / done : null, locale);
  return (
    <section aria-label={t('reports.automatic.title')}>
      <p className="report-total">
        {t('reports.actions.period', { from: formatDate(head.from, locale), to: formatDate(head.to, locale) })}{' '}
        {t('reports.automatic.totals', head.totals)}
      </p>
      <div className="report-grid">
        <div>
          <ChartBox>
            <BarChart
              title={t('reports.automatic.by_kind')}
              labels={head.per_kind.map((k) => kindName(k.kind))}
              series={[
                { label: t('reports.automatic.created'), values: head.per_kind.map((k) => k.created), color: BLUE },
                { label: t('reports.automatic.done'), values: head.per_kind.map((k) => k.done), color: GREEN },
                {
                  label: t('reports.automatic.converted'),
                  values: head.per_kind.map((k) => k.converted),
                  color: ORANGE,
                },
              ]}
            />
          </ChartBox>
          <table className="grid grid-compact" aria-label={t('reports.automatic.by_kind')}>
            <thead>
              <tr>
                <th>{t('reports.kind')}</th>
                <th>{t('reports.automatic.created')}</th>
                <th>{t('reports.automatic.done')}</th>
                <th>{t('reports.automatic.converted')}</th>
              </tr>
            </thead>
            <tbody>
              {head.per_kind.map((k) => (
                <tr key={k.kind}>
                  <td>{kindName(k.kind)}</td>
                  <td>{k.created}</td>
                  <td>{k.done}</td>
                  <td>{k.converted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <table className="grid" aria-label={t('reports.automatic.rows')}>
        <thead>
          <tr>
            <th>{t('reports.kind')}</th>
            <th>{t('reports.automatic.item')}</th>
            <th>{t('reports.automatic.created')}</th>
            <th>{t('reports.automatic.done')}</th>
            <th>{t('reports.automatic.converted')}</th>
            <th>{t('reports.automatic.conversion')}</th>
          </tr>
        </thead>
        <tbody>
          {head.rows.map((row) => (
            <tr key={`${row.kind}-${row.item_id ?? 0}`}>
              <td>{kindName(row.kind)}</td>
              <td>{row.item_name || '—'}</td>
              <td>{row.created}</td>
              <td>{row.done}</td>
              <td>{row.converted}</td>
              <td>{conversion(row.done, row.converted)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {t('reports.total')}
            </th>
            <td>{head.totals.created}</td>
            <td>{head.totals.done}</td>
            <td>{head.totals.converted}</td>
            <td>{conversion(head.totals.done, head.totals.converted)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
