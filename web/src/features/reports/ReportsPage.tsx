// Manager reports: unattended follow-ups by age (manual 004, "Seguimientos sin
// atención"), the CRM actions of a period (manual 000), team performance and automatic
// follow-ups; each exported, printed, or sent by e-mail on a schedule ("Meus envios"). The server computes them in
// the viewer's zone and visibility (agents see their own, supervisors their branch,
// admins everything) and its counts cover every page, so a total is the total. Charts
// where people would rather look than read, each with its table.
import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { errorMessage } from '../../shared/components/errors';
import { formatDate, formatInstant } from '../../shared/format';
import { useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, useSearchParams } from '../../shared/router';
import type { SelectionBar } from '../../shared/selection';
import { hasRight } from '../../shared/rights';
import { useMe } from '../../shared/session';
import './reports.css';
import { byWeek, reportsApi, type ActionsReport, type ReportFilters } from './api';
import { Automatic, Team } from './TeamReports';
import { Unattended } from './Unattended';
import { useReport } from './useReport';
import { MySchedules } from './MySchedules';
import { ReportExportMenu } from './ReportExportMenu';
import { ScheduleDialog } from './ScheduleDialog';
import { BarChart, ChartBox, COLOURS, More, ReportTable, WeeklyLine } from './ReportTable';

const REPORTS = ['unattended', 'actions', 'team', 'automatic'] as const;
type Tab = (typeof REPORTS)[number];
/** The reports, then "Meus envios" (the reports scheduled by e-mail). */
const TABS = [...REPORTS, 'schedules'] as const;

/** `selectionBar`: the bulk changes, given by the app; without it the rows have no checkboxes. */
export function ReportsPage({ selectionBar }: { selectionBar?: SelectionBar } = {}) {
  const { t } = useI18n();
  const me = useMe();
  const params = useSearchParams();
  const shown = TABS.find((k) => k === params.get('tab')) ?? 'unattended';
  const [filters, setFilters] = useState<ReportFilters>({});
  const [scheduling, setScheduling] = useState(false);
  const [scheduled, setScheduled] = useState(0);

  return (
    <>
      <PageHeader title={t('reports.title')} />
      <nav className="tablist" aria-label={t('reports.title')}>
        {TABS.map((k) => (
          <Link
            key={k}
            to={`/reports?tab=${k}`}
            className={shown === k ? 'tab is-active' : 'tab'}
            aria-current={shown === k ? 'page' : undefined}
          >
            {k === 'schedules' ? t('schedules.title') : t(`reports.${k}.title`)}
          </Link>
        ))}
      </nav>
      {shown === 'schedules' ? <MySchedules reloads={scheduled} /> : null}
      {shown !== 'schedules' ? (
        <>
          <Filters key={shown} tab={shown} initial={filters} onApply={setFilters} />
          <div className="report-actions no-print">
            <ReportExportMenu tab={shown} filters={filters} />
            {/* A report sent by e-mail is an exported file: offered with the export right only. */}
            {hasRight(me, 'export') ? (
              <button type="button" className="btn" onClick={() => setScheduling(true)}>
                {t('reports.email')}
              </button>
            ) : null}
            <button type="button" className="btn" onClick={() => window.print()}>
              {t('reports.print')}
            </button>
            {scheduled ? (
              <span role="status">
                {t('schedule.created')} <Link to="/reports?tab=schedules">{t('schedules.title')}</Link>
              </span>
            ) : null}
          </div>
          {scheduling ? (
            <ScheduleDialog
              tab={shown}
              filters={filters}
              onClose={() => setScheduling(false)}
              onCreated={() => {
                setScheduling(false);
                setScheduled((n) => n + 1);
              }}
            />
          ) : null}
          <Report tab={shown} filters={filters} selectionBar={selectionBar} />
        </>
      ) : null}
    </>
  );
}

function Report({ tab, filters, selectionBar }: { tab: Tab; filters: ReportFilters; selectionBar?: SelectionBar }) {
  if (tab === 'unattended') return <Unattended filters={filters} selectionBar={selectionBar} />;
  if (tab === 'actions') return <Actions filters={filters} />;
  if (tab === 'team') return <Team filters={filters} />;
  return <Automatic filters={filters} />;
}

function Filters({ tab, initial, onApply }: { tab: Tab; initial: ReportFilters; onApply: (f: ReportFilters) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { users, branches } = useTables();
  const [f, setF] = useState<ReportFilters>(initial);
  const role = me.user.role;
  // What the viewer may ask for, as the follow-up list: agents only themselves.
  const visibleBranches = role === 'admin' ? branches : branches.filter((b) => b.id === me.user.branch_id);
  const visibleUsers =
    role === 'admin' ? users : role === 'supervisor' ? users.filter((u) => u.branch_id === me.user.branch_id) : [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...f });
  };
  const set = (k: keyof ReportFilters) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value || undefined });
  return (
    <form className="filters filters-form" onSubmit={submit} aria-label={t('reports.filters')}>
      {role !== 'agent' ? (
        <>
          <SelectField label={t('reports.branch')} value={f.branch_id ?? ''} onChange={set('branch_id')}>
            <option value="">{t('reports.all')}</option>
            {visibleBranches.map((b) => (
              <option key={b.id} value={String(b.id)}>
                {b.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={tab === 'actions' ? t('reports.user') : t('reports.agent')}
            value={f.user_id ?? ''}
            onChange={set('user_id')}
          >
            <option value="">{t('reports.all')}</option>
            {visibleUsers.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}
              </option>
            ))}
          </SelectField>
        </>
      ) : null}
      <TextField label={t('reports.from')} type="date" value={f.from ?? ''} onChange={set('from')} />
      <TextField label={t('reports.to')} type="date" value={f.to ?? ''} onChange={set('to')} />
      <button type="submit" className="btn">
        {t('reports.apply')}
      </button>
    </form>
  );
}

function Actions({ filters }: { filters: ReportFilters }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const r = useReport<ActionsReport>((c) => reportsApi.actions(filters, c), [filters]);
  if (r.first.error) return <Notice kind="error">{errorMessage(r.first.error, t)}</Notice>;
  const head = r.first.data;
  if (!head) return <Loading />;
  const rows = r.pages.flatMap((p) => p.items);
  const weeks = byWeek(head.per_day);
  return (
    <section aria-label={t('reports.actions.title')}>
      <p className="report-total">
        {t('reports.actions.period', { from: formatDate(head.from, locale), to: formatDate(head.to, locale) })}{' '}
        {t('reports.actions.totals', { returns: head.totals.returns, entries: head.totals.entries })}
      </p>
      <div className="report-grid">
        <div>
          <ChartBox>
            <BarChart
              title={t('reports.by_user')}
              labels={head.per_user.map((u) => u.name)}
              series={[
                { label: t('reports.returns'), values: head.per_user.map((u) => u.returns), color: COLOURS.blue },
                { label: t('reports.entries'), values: head.per_user.map((u) => u.entries), color: COLOURS.orange },
              ]}
            />
          </ChartBox>
          <ReportTable
            label={t('reports.by_user')}
            compact
            rows={head.per_user}
            rowKey={(u) => u.user_id}
            columns={[
              { head: t('reports.user'), cell: (u) => u.name },
              { head: t('reports.returns'), cell: (u) => u.returns },
              { head: t('reports.entries'), cell: (u) => u.entries },
            ]}
          />
        </div>
        <div>
          <WeeklyLine
            title={t('reports.by_week')}
            weeks={weeks}
            series={[
              { label: t('reports.returns'), value: (w) => w.returns, color: COLOURS.blue },
              { label: t('reports.entries'), value: (w) => w.entries, color: COLOURS.orange },
            ]}
          />
        </div>
      </div>
      <ReportTable
        label={t('reports.actions.rows')}
        rows={rows}
        rowKey={(i) => `${i.kind}-${i.id}`}
        columns={[
          { head: t('reports.when'), cell: (i) => formatInstant(i.at, locale, me.user.time_zone) },
          {
            head: t('reports.kind'),
            cell: (i) => (i.kind === 'return' ? t('reports.kind.return') : t(`reports.kind.${i.entry_kind}`)),
          },
          { head: t('reports.user'), cell: (i) => i.user_name },
          {
            head: t('reports.subject'),
            cell: (i) => (
              <>
                <Link to={`/followups/${i.followup_id}`}>{i.subject}</Link> · {i.party_name}
              </>
            ),
          },
          { head: t('reports.contact_type'), cell: (i) => i.contact_type || '—' },
          { head: t('reports.result'), cell: (i) => i.result },
        ]}
      />
      <More next={r.next} error={r.error} onMore={r.loadMore} />
    </section>
  );
}
