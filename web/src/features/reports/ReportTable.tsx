// What every report draws with: its tables (described by columns, so the four reports
// read alike and a new one is its columns), its charts, loaded as a chunk of their own,
// and "show more" for the reports read page by page.
import { lazy, Suspense, type HTMLAttributes, type ReactNode } from 'react';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { formatDate } from '../../shared/format';
import { useI18n } from '../../shared/i18n/i18n';

const Charts = () => import('./Charts');
export const BarChart = lazy(() => Charts().then((m) => ({ default: m.BarChart })));
export const LineChart = lazy(() => Charts().then((m) => ({ default: m.LineChart })));

export const COLOURS = {
  blue: '#2f6db5',
  green: '#3a8a4f',
  orange: '#d9822b',
  red: '#b53a2f',
  grey: '#9aa5b1',
};

export function ChartBox({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** A line by week and its table, which says the same in text: one series, one column. */
export function WeeklyLine<W extends { week: string }>({
  title,
  weeks,
  series,
}: {
  title: string;
  weeks: W[];
  series: { label: string; value: (w: W) => number; color: string }[];
}) {
  const { t, locale } = useI18n();
  const week = (w: W) => formatDate(w.week, locale);
  return (
    <>
      <ChartBox>
        <LineChart
          title={title}
          labels={weeks.map(week)}
          series={series.map((s) => ({ label: s.label, values: weeks.map(s.value), color: s.color }))}
        />
      </ChartBox>
      <ReportTable
        label={title}
        compact
        rows={weeks}
        rowKey={(w) => w.week}
        columns={[{ head: t('reports.week'), cell: week }, ...series.map((s) => ({ head: s.label, cell: s.value }))]}
      />
    </>
  );
}

export interface ReportColumn<T> {
  /** The header; a node for a header that is a control (select all). */
  head: ReactNode;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** The total line under a table: its label spans `span` columns, then one cell per column left. */
export interface ReportFoot {
  label: string;
  span?: number;
  cells: ReactNode[];
}

interface ReportTableProps<T> {
  label: string;
  columns: ReportColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  compact?: boolean;
  foot?: ReportFoot;
  /** What a row does besides showing (opening its follow-up, being picked). */
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement>;
}

export function ReportTable<T>({ label, columns, rows, rowKey, compact, foot, rowProps }: ReportTableProps<T>) {
  return (
    <div className="report-table">
      <table className={compact ? 'grid grid-compact' : 'grid'} aria-label={label}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} className={c.className}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c, i) => (
                <td key={i} className={c.className}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {foot ? (
          <tfoot>
            <tr>
              <th scope="row" colSpan={foot.span}>
                {foot.label}
              </th>
              {foot.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** A table of names and counts (late by agent, by branch). */
export function CountTable({
  label,
  head,
  counts,
}: {
  label: string;
  head: string;
  counts: { id?: number | null; name: string; count: number }[];
}) {
  const { t } = useI18n();
  return (
    <ReportTable
      label={label}
      compact
      rows={counts}
      rowKey={(c) => String(c.id)}
      columns={[
        { head, cell: (c) => c.name || '—' },
        { head: t('reports.count'), cell: (c) => c.count },
      ]}
    />
  );
}

export function More({ next, error, onMore }: { next?: string | null; error: unknown; onMore: () => void }) {
  const { t } = useI18n();
  return (
    <>
      {error ? <Notice kind="error">{errorMessage(error, t)}</Notice> : null}
      {next ? (
        <button type="button" className="btn no-print" onClick={onMore}>
          {t('reports.more')}
        </button>
      ) : null}
    </>
  );
}
