// Unattended follow-ups (manual 004, "Seguimientos sin atención"): the late follow-ups
// by age, agent and branch, each row opening its follow-up. With the app's bulk changes
// (`selectionBar`), rows can be picked by hand, all of a page, or all the report lists
// (the follow-up list's filter of the same follow-ups: open, overdue, with the report's
// agent, branch and due dates), and the report reads itself again after a change.
import { useEffect, useMemo, useState } from 'react';
import type { FollowupFilters } from '../../shared/api/types';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { errorMessage } from '../../shared/components/errors';
import { formatDate } from '../../shared/format';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate } from '../../shared/router';
import type { SelectionBar } from '../../shared/selection';
import { reportsApi, type ReportFilters, type UnattendedReport } from './api';
import { BarChart, ChartBox, COLOURS, CountTable, More, ReportTable, type ReportColumn } from './ReportTable';
import { useReport } from './useReport';

type Row = UnattendedReport['items'][number];

/** The follow-up list's filters that select exactly the rows of the report. */
export function listFiltersOf(f: ReportFilters): FollowupFilters {
  const out: FollowupFilters = { status: 'open', state: 'overdue' };
  if (f.user_id) out.owner_id = Number(f.user_id);
  if (f.branch_id) out.branch_id = Number(f.branch_id);
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  return out;
}

export function Unattended({ filters, selectionBar }: { filters: ReportFilters; selectionBar?: SelectionBar }) {
  const { t, locale } = useI18n();
  const [reloads, setReloads] = useState(0);
  const query = useMemo(() => ({ filters, reloads }), [filters, reloads]);
  const r = useReport<UnattendedReport>((c) => reportsApi.unattended(filters, c), [query]);
  // Picked rows: by hand, or every row of the report; none after new filters or a change.
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  useEffect(() => {
    setPicked(new Set());
    setAllMatching(false);
  }, [query]);
  if (r.first.error) return <Notice kind="error">{errorMessage(r.first.error, t)}</Notice>;
  const head = r.first.data;
  if (!head) return <Loading />;
  const rows = r.pages.flatMap((p) => p.items);
  const pick = (ids: number[], on: boolean) => {
    setAllMatching(false);
    setPicked((old) => {
      const next = new Set(old);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  };
  const pickColumn: ReportColumn<Row> = {
    className: 'pick no-print',
    head: (
      <input
        type="checkbox"
        aria-label={t('bulk.pickShown')}
        checked={rows.length > 0 && rows.every((i) => allMatching || picked.has(i.followup_id))}
        onChange={(e) =>
          pick(
            rows.map((i) => i.followup_id),
            e.target.checked,
          )
        }
      />
    ),
    cell: (i) => (
      <input
        type="checkbox"
        aria-label={t('bulk.pick', { id: i.followup_id, subject: i.subject })}
        checked={allMatching || picked.has(i.followup_id)}
        onChange={(e) => pick([i.followup_id], e.target.checked)}
        onClick={(e) => e.stopPropagation()}
      />
    ),
  };
  const columns: ReportColumn<Row>[] = [
    { head: t('reports.subject'), cell: (i) => <Link to={`/followups/${i.followup_id}`}>{i.subject}</Link> },
    { head: t('reports.party'), cell: (i) => i.party_name },
    { head: t('reports.agent'), cell: (i) => i.owner_name },
    { head: t('reports.branch'), cell: (i) => i.branch_name || '—' },
    { head: t('reports.due'), cell: (i) => formatDate(i.due_date, locale) },
    { head: t('reports.days_late'), cell: (i) => t('reports.days', { count: i.days_late }) },
  ];
  return (
    <section aria-label={t('reports.unattended.title')}>
      <p className="report-total">{t('reports.unattended.total', { count: head.total })}</p>
      <div className="report-grid">
        <ReportTable
          label={t('reports.by_bucket')}
          compact
          rows={head.per_bucket}
          rowKey={(b) => b.bucket}
          columns={[
            { head: t('reports.bucket'), cell: (b) => t(`reports.bucket.${b.bucket}`) },
            { head: t('reports.count'), cell: (b) => b.count },
          ]}
        />
        <div>
          <ChartBox>
            <BarChart
              title={t('reports.by_agent')}
              labels={head.per_owner.map((o) => o.name)}
              series={[{ label: t('reports.late'), values: head.per_owner.map((o) => o.count), color: COLOURS.orange }]}
            />
          </ChartBox>
          <CountTable label={t('reports.by_agent')} head={t('reports.agent')} counts={head.per_owner} />
        </div>
        <CountTable label={t('reports.by_branch')} head={t('reports.branch')} counts={head.per_branch} />
      </div>
      {selectionBar && (picked.size > 0 || allMatching) ? (
        <div className="no-print">
          {selectionBar({
            ids: [...picked],
            allMatching,
            filters: listFiltersOf(filters),
            total: head.total,
            selectAllMatching: () => setAllMatching(true),
            clear: () => {
              setPicked(new Set());
              setAllMatching(false);
            },
            done: () => setReloads((n) => n + 1),
          })}
        </div>
      ) : null}
      <ReportTable
        label={t('reports.unattended.rows')}
        rows={rows}
        rowKey={(i) => i.followup_id}
        rowProps={(i) => ({ className: 'is-clickable', onClick: () => navigate(`/followups/${i.followup_id}`) })}
        columns={selectionBar ? [pickColumn, ...columns] : columns}
      />
      <More next={r.next} error={r.error} onMore={r.loadMore} />
    </section>
  );
}
