// Manager reports: unattended follow-ups by age (manual 004, "Seguimientos sin
// atención") and the CRM actions of a period (manual 000). The server computes them in
// the viewer's zone and visibility (agents see their own, supervisors their branch,
// admins everything) and its counts cover every page, so a total is the total. Charts
// where people would rather look than read, each with its table.
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../shared/components/Field';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { errorMessage } from '../../shared/components/errors';
import { formatDate, formatInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate, useSearchParams } from '../../shared/router';
import { useMe } from '../../shared/session';
import './reports.css';
import { byWeek, reportsApi, type ActionsReport, type ReportFilters, type UnattendedReport } from './api';
import { Automatic, Team } from './TeamReports';
import { ReportExportMenu } from './ReportExportMenu';

const Charts = () => import('./Charts');
const BarChart = lazy(() => Charts().then((m) => ({ default: m.BarChart })));
const LineChart = lazy(() => Charts().then((m) => ({ default: m.LineChart })));

const BLUE = '#2f6db5';
const ORANGE = '#d9822b';

const TABS = ['unattended', 'actions', 'team', 'automatic'] as const;
type Tab = (typeof TABS)[number];

export function ReportsPage() {
  const { t } = useI18n();
  const params = useSearchParams();
  const tab: Tab = TABS.find((k) => k === params.get('tab')) ?? 'unattended';
  const [filters, setFilters] = useState<ReportFilters>({});

  return (
    <>
      <PageHeader title={t('reports.title')} />
      <nav className="tablist" aria-label={t('reports.title')}>
        {TABS.map((k) => (
          <Link
            key={k}
            to={`/reports?tab=${k}`}
            className={tab === k ? 'tab is-active' : 'tab'}
            aria-current={tab === k ? 'page' : undefined}
          >
            {t(`reports.${k}.title`)}
          </Link>
        ))}
      </nav>
      <Filters key={tab} tab={tab} initial={filters} onApply={setFilters} />
      {tab === 'unattended' || tab === 'actions' ? <ReportExportMenu tab={tab} filters={filters} /> : null}
      {tab === 'unattended' ? <Unattended filters={filters} /> : null}
      {tab === 'actions' ? <Actions filters={filters} /> : null}
      {tab === 'team' ? <Team filters={filters} /> : null}
      {tab === 'automatic' ? <Automatic filters={filters} /> : null}
    </>
  );
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

function ChartBox({ children }: { children: React.ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function useReport<T extends { next_cursor?: string | null }>(
  load: (cursor?: string | null) => Promise<T>,
  deps: unknown[],
) {
  const first = useAsync(() => load(), deps);
  const [more, setMore] = useState<{ pages: T[]; error: unknown }>({ pages: [], error: null });
  const [key, setKey] = useState(deps);
  if (key.some((d, i) => d !== deps[i])) {
    setKey(deps);
    setMore({ pages: [], error: null });
  }
  const last = more.pages.length ? more.pages[more.pages.length - 1] : first.data;
  const loadMore = () =>
    load(last?.next_cursor).then(
      (p) => setMore((m) => ({ pages: [...m.pages, p], error: null })),
      (error: unknown) => setMore((m) => ({ ...m, error })),
    );
  return {
    first,
    pages: first.data ? [first.data, ...more.pages] : [],
    next: last?.next_cursor,
    loadMore,
    error: more.error,
  };
}

function Unattended({ filters }: { filters: ReportFilters }) {
  const { t, locale } = useI18n();
  const r = useReport<UnattendedReport>((c) => reportsApi.unattended(filters, c), [filters]);
  if (r.first.error) return <Notice kind="error">{errorMessage(r.first.error, t)}</Notice>;
  const head = r.first.data;
  if (!head) return <Loading />;
  const rows = r.pages.flatMap((p) => p.items);
  return (
    <section aria-label={t('reports.unattended.title')}>
      <p className="report-total">{t('reports.unattended.total', { count: head.total })}</p>
      <div className="report-grid">
        <table className="grid grid-compact" aria-label={t('reports.by_bucket')}>
          <thead>
            <tr>
              <th>{t('reports.bucket')}</th>
              <th>{t('reports.count')}</th>
            </tr>
          </thead>
          <tbody>
            {head.per_bucket.map((b) => (
              <tr key={b.bucket}>
                <td>{t(`reports.bucket.${b.bucket}`)}</td>
                <td>{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <ChartBox>
            <BarChart
              title={t('reports.by_agent')}
              labels={head.per_owner.map((o) => o.name)}
              series={[{ label: t('reports.late'), values: head.per_owner.map((o) => o.count), color: ORANGE }]}
            />
          </ChartBox>
          <CountTable label={t('reports.by_agent')} head={t('reports.agent')} counts={head.per_owner} />
        </div>
        <CountTable label={t('reports.by_branch')} head={t('reports.branch')} counts={head.per_branch} />
      </div>
      <table className="grid" aria-label={t('reports.unattended.rows')}>
        <thead>
          <tr>
            <th>{t('reports.subject')}</th>
            <th>{t('reports.party')}</th>
            <th>{t('reports.agent')}</th>
            <th>{t('reports.branch')}</th>
            <th>{t('reports.due')}</th>
            <th>{t('reports.days_late')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.followup_id} className="is-clickable" onClick={() => navigate(`/followups/${i.followup_id}`)}>
              <td>
                <Link to={`/followups/${i.followup_id}`}>{i.subject}</Link>
              </td>
              <td>{i.party_name}</td>
              <td>{i.owner_name}</td>
              <td>{i.branch_name || '—'}</td>
              <td>{formatDate(i.due_date, locale)}</td>
              <td>{t('reports.days', { count: i.days_late })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More next={r.next} error={r.error} onMore={r.loadMore} />
    </section>
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
                { label: t('reports.returns'), values: head.per_user.map((u) => u.returns), color: BLUE },
                { label: t('reports.entries'), values: head.per_user.map((u) => u.entries), color: ORANGE },
              ]}
            />
          </ChartBox>
          <table className="grid grid-compact" aria-label={t('reports.by_user')}>
            <thead>
              <tr>
                <th>{t('reports.user')}</th>
                <th>{t('reports.returns')}</th>
                <th>{t('reports.entries')}</th>
              </tr>
            </thead>
            <tbody>
              {head.per_user.map((u) => (
                <tr key={u.user_id}>
                  <td>{u.name}</td>
                  <td>{u.returns}</td>
                  <td>{u.entries}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <ChartBox>
            <LineChart
              title={t('reports.by_week')}
              labels={weeks.map((w) => formatDate(w.week, locale))}
              series={[
                { label: t('reports.returns'), values: weeks.map((w) => w.returns), color: BLUE },
                { label: t('reports.entries'), values: weeks.map((w) => w.entries), color: ORANGE },
              ]}
            />
          </ChartBox>
          <table className="grid grid-compact" aria-label={t('reports.by_week')}>
            <thead>
              <tr>
                <th>{t('reports.week')}</th>
                <th>{t('reports.returns')}</th>
                <th>{t('reports.entries')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.week}>
                  <td>{formatDate(w.week, locale)}</td>
                  <td>{w.returns}</td>
                  <td>{w.entries}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <table className="grid" aria-label={t('reports.actions.rows')}>
        <thead>
          <tr>
            <th>{t('reports.when')}</th>
            <th>{t('reports.kind')}</th>
            <th>{t('reports.user')}</th>
            <th>{t('reports.subject')}</th>
            <th>{t('reports.contact_type')}</th>
            <th>{t('reports.result')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={`${i.kind}-${i.id}`}>
              <td>{formatInstant(i.at, locale, me.user.time_zone)}</td>
              <td>{i.kind === 'return' ? t('reports.kind.return') : t(`reports.kind.${i.entry_kind}`)}</td>
              <td>{i.user_name}</td>
              <td>
                <Link to={`/followups/${i.followup_id}`}>{i.subject}</Link> · {i.party_name}
              </td>
              <td>{i.contact_type || '—'}</td>
              <td>{i.result}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <More next={r.next} error={r.error} onMore={r.loadMore} />
    </section>
  );
}

function CountTable({ label, head, counts }: { label: string; head: string; counts: UnattendedReport['per_owner'] }) {
  const { t } = useI18n();
  return (
    <table className="grid grid-compact" aria-label={label}>
      <thead>
        <tr>
          <th>{head}</th>
          <th>{t('reports.count')}</th>
        </tr>
      </thead>
      <tbody>
        {counts.map((c) => (
          <tr key={String(c.id)}>
            <td>{c.name || '—'}</td>
            <td>{c.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function More({ next, error, onMore }: { next?: string | null; error: unknown; onMore: () => void }) {
  const { t } = useI18n();
  return (
    <>
      {error ? <Notice kind="error">{errorMessage(error, t)}</Notice> : null}
      {next ? (
        <button type="button" className="btn" onClick={onMore}>
          {t('reports.more')}
        </button>
      ) : null}
    </>
  );
}
