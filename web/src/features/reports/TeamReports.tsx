// Team performance (returns due, on time, late, completion and median days late, against
// the previous period) and the automatic follow-ups (after-sale, after-service,
// birthday: created, done, converted). The server judges each return in the viewer's
// zone and its totals are the sums of the rows; every chart has its table.
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { formatDate, numberFormat } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useI18n } from '../../shared/i18n/i18n';
import {
  reportsApi,
  teamByWeek,
  type AutomaticReport,
  type ReportFilters,
  type TeamFigures,
  type TeamReport,
} from './api';
import { BarChart, ChartBox, COLOURS, ReportTable, WeeklyLine, type ReportColumn } from './ReportTable';

/** A rate in [0, 1] as a percentage in the viewer's language; "—" when there is none. */
export function percent(rate: number | null | undefined, locale: string): string {
  if (rate === null || rate === undefined) return '—';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

function days(n: number | null | undefined, locale: string): string {
  if (n === null || n === undefined) return '—';
  return numberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}

/** The figures of a period as columns, then the previous period's rate and median. */
function figureColumns<T>(
  t: (k: string) => string,
  locale: string,
  of: (row: T) => { current: TeamFigures; previous: TeamFigures },
): ReportColumn<T>[] {
  const col = (head: string, cell: (f: TeamFigures) => string | number, previous = false): ReportColumn<T> => ({
    head: t(head),
    cell: (row) => cell(previous ? of(row).previous : of(row).current),
  });
  return [
    col('reports.team.due', (f) => f.due),
    col('reports.team.on_time', (f) => f.on_time),
    col('reports.team.done_late', (f) => f.done_late),
    col('reports.team.still_late', (f) => f.still_late),
    col('reports.team.completion', (f) => percent(f.completion_rate, locale)),
    col('reports.team.median', (f) => days(f.median_days_late, locale)),
    col('reports.team.previous_completion', (f) => percent(f.completion_rate, locale), true),
    col('reports.team.previous_median', (f) => days(f.median_days_late, locale), true),
  ];
}

export function Team({ filters }: { filters: ReportFilters }) {
  const { t, locale } = useI18n();
  const r = useAsync(() => reportsApi.team(filters), [filters]);
  if (r.error) return <Notice kind="error">{errorMessage(r.error, t)}</Notice>;
  const head = r.data;
  if (!head) return <Loading />;
  const weeks = teamByWeek(head.per_day);
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
                  color: COLOURS.green,
                  stack: 'current',
                },
                {
                  label: t('reports.team.done_late'),
                  values: head.rows.map((x) => x.current.done_late),
                  color: COLOURS.orange,
                  stack: 'current',
                },
                {
                  label: t('reports.team.still_late'),
                  values: head.rows.map((x) => x.current.still_late),
                  color: COLOURS.red,
                  stack: 'current',
                },
                {
                  label: t('reports.team.previous_done'),
                  values: head.rows.map((x) => x.previous.on_time + x.previous.done_late),
                  color: COLOURS.grey,
                  stack: 'previous',
                },
                {
                  label: t('reports.team.previous_still_late'),
                  values: head.rows.map((x) => x.previous.still_late),
                  color: COLOURS.blue,
                  stack: 'previous',
                },
              ]}
            />
          </ChartBox>
        </div>
        <div>
          <WeeklyLine
            title={t('reports.team.by_week')}
            weeks={weeks}
            series={[
              { label: t('reports.team.due'), value: (w) => w.due, color: COLOURS.blue },
              { label: t('reports.team.on_time'), value: (w) => w.on_time, color: COLOURS.green },
              { label: t('reports.team.late'), value: (w) => w.late, color: COLOURS.orange },
            ]}
          />
        </div>
      </div>
      <ReportTable
        label={t('reports.team.by_agent')}
        rows={head.rows}
        rowKey={(row) => `${row.agent_id}-${row.branch_id ?? 0}`}
        columns={[
          { head: t('reports.agent'), cell: (row) => row.agent_name },
          { head: t('reports.branch'), cell: (row) => row.branch_name || '—' },
          ...figureColumns(t, locale, (row: TeamReport['rows'][number]) => row),
        ]}
      />
      <ReportTable
        label={t('reports.team.by_branch')}
        compact
        rows={head.per_branch}
        rowKey={(b) => String(b.branch_id)}
        columns={[
          { head: t('reports.branch'), cell: (b) => b.branch_name || '—' },
          ...figureColumns(t, locale, (b: TeamReport['per_branch'][number]) => b),
        ]}
        foot={{
          label: t('reports.total'),
          cells: figureColumns(t, locale, (x: TeamReport['totals']) => x).map((c) => c.cell(head.totals)),
        }}
      />
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
                {
                  label: t('reports.automatic.created'),
                  values: head.per_kind.map((k) => k.created),
                  color: COLOURS.blue,
                },
                { label: t('reports.automatic.done'), values: head.per_kind.map((k) => k.done), color: COLOURS.green },
                {
                  label: t('reports.automatic.converted'),
                  values: head.per_kind.map((k) => k.converted),
                  color: COLOURS.orange,
                },
              ]}
            />
          </ChartBox>
          <ReportTable
            label={t('reports.automatic.by_kind')}
            compact
            rows={head.per_kind}
            rowKey={(k) => k.kind}
            columns={[
              { head: t('reports.kind'), cell: (k) => kindName(k.kind) },
              { head: t('reports.automatic.created'), cell: (k) => k.created },
              { head: t('reports.automatic.done'), cell: (k) => k.done },
              { head: t('reports.automatic.converted'), cell: (k) => k.converted },
            ]}
          />
        </div>
      </div>
      <ReportTable
        label={t('reports.automatic.rows')}
        rows={head.rows}
        rowKey={(row) => `${row.kind}-${row.item_id ?? 0}`}
        columns={[
          { head: t('reports.kind'), cell: (row) => kindName(row.kind) },
          { head: t('reports.automatic.item'), cell: (row) => row.item_name || '—' },
          { head: t('reports.automatic.created'), cell: (row) => row.created },
          { head: t('reports.automatic.done'), cell: (row) => row.done },
          { head: t('reports.automatic.converted'), cell: (row) => row.converted },
          { head: t('reports.automatic.conversion'), cell: (row) => conversion(row.done, row.converted) },
        ]}
        foot={{
          label: t('reports.total'),
          span: 2,
          cells: [
            head.totals.created,
            head.totals.done,
            head.totals.converted,
            conversion(head.totals.done, head.totals.converted),
          ],
        }}
      />
    </section>
  );
}
