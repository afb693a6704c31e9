// The follow-up list: the server's filters (kept in the URL, so a filtered list can be
// bookmarked or sent), the colour legend, sortable columns and pages loaded as the user
// scrolls (cursor pagination keeps big lists fast).
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { FollowupFilters, FollowupState, PartyRef, Priority } from '../../shared/api/types';
import { FollowupGrid, sortRows, type SortKey, type SortState } from '../../shared/components/FollowupGrid';
import { ExportMenu } from '../../shared/components/ExportMenu';
import { SelectField, TextField } from '../../shared/components/Field';
import { Legend, STATES } from '../../shared/components/StateBadge';
import { Loading } from '../../shared/components/Spinner';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { PagesFooter } from '../../shared/components/PagesFooter';
import { PartyPicker } from '../../shared/components/PartyPicker';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { usePages } from '../../shared/hooks/usePages';
import { nameOf, userName, useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate, useLocation } from '../../shared/router';
import type { SelectionBar } from '../../shared/selection';
import { useMe } from '../../shared/session';
import { visibleBranches, visibleUsers } from '../../shared/visibility';
import { hasRight } from '../../shared/rights';

const PAGE = 50;
const FILTER_KEYS = [
  'status',
  'state',
  'owner_id',
  'branch_id',
  'party_id',
  'category',
  'priority',
  'from',
  'to',
  'contact_from',
  'contact_to',
  'internal',
  'q',
  'sort',
] as const;

/** Filters from the query string; the list opens on the open follow-ups, by due date. */
export function filtersFromSearch(search: string): FollowupFilters {
  const p = new URLSearchParams(search);
  const f: FollowupFilters = { status: 'open', sort: 'due' };
  const status = p.get('status');
  if (status === 'open' || status === 'closed' || status === 'all') f.status = status;
  const state = p.get('state');
  if (state && (STATES as string[]).includes(state)) f.state = state as FollowupState;
  for (const k of ['owner_id', 'branch_id', 'party_id'] as const) {
    const v = Number(p.get(k));
    if (Number.isInteger(v) && v > 0) f[k] = v;
  }
  const priority = p.get('priority');
  if (priority === 'high' || priority === 'medium' || priority === 'low') f.priority = priority as Priority;
  for (const k of ['category', 'from', 'to', 'contact_from', 'contact_to', 'q'] as const) {
    const v = p.get(k);
    if (v) f[k] = v;
  }
  const internal = p.get('internal');
  if (internal === 'any' || internal === 'due' || internal === 'overdue') f.internal = internal;
  if (p.get('sort') === 'newest') f.sort = 'newest';
  return f;
}

export function searchFromFilters(f: FollowupFilters): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v === undefined || v === '' || v === null) continue;
    if (k === 'sort' && v === 'due') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** `selectionBar`: the bulk changes, given by the app; without it the rows have no checkboxes. */
export function FollowupListPage({ selectionBar }: { selectionBar?: SelectionBar } = {}) {
  const { t, locale } = useI18n();
  const me = useMe();
  // Without the bulk_change right the rows have no checkboxes (ADR 0040).
  const bulkBar = hasRight(me, 'bulk_change') ? selectionBar : undefined;
  const { users, branches, categories } = useTables();
  const { search } = useLocation();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const [draft, setDraft] = useState<FollowupFilters>(filters);
  const [party, setParty] = useState<PartyRef | null>(null);
  const [clientSort, setClientSort] = useState<SortState | null>(null);
  // On a phone the filters start folded, so the list is what the user sees first.
  const [filtersOpen, setFiltersOpen] = useState(
    () => typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 720px)').matches,
  );
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => setDraft(filters), [filters]);

  useEffect(() => {
    if (!filters.party_id) {
      setParty(null);
      return;
    }
    if (party?.id === filters.party_id) return;
    api.party(filters.party_id).then(
      (r) => setParty(r.party),
      () => setParty(null),
    );
  }, [filters.party_id, party?.id]);

  // Picked rows (bulk changes): by hand, or every row the filters match. A new filter
  // or a change made to them starts again with nothing picked.
  const [picked, setPicked] = useState<number[]>([]);
  const [allMatching, setAllMatching] = useState(false);
  const [reloads, setReloads] = useState(0);
  const query = useMemo(() => ({ filters, reloads }), [filters, reloads]);
  useEffect(() => {
    setPicked([]);
    setAllMatching(false);
  }, [query]);
  const pickedSet = useMemo(() => new Set(picked), [picked]);
  const onPick = (ids: number[], on: boolean) => {
    setAllMatching(false);
    setPicked((old) =>
      on ? [...old, ...ids.filter((id) => !old.includes(id))] : old.filter((id) => !ids.includes(id)),
    );
  };

  const pages = usePages((cursor) => api.followups({ ...filters, limit: PAGE }, cursor), query);
  const { items, cursor, loading, error, loadMore } = pages;

  // Load the next page when the end of the list comes into view.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !cursor || loading || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) loadMore(cursor);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor, loading]);

  const serverSort: SortState =
    filters.sort === 'newest' ? { key: 'id', dir: 'desc' } : { key: 'next_due_date', dir: 'asc' };
  const sort = clientSort ?? serverSort;
  // Due date ascending and number descending are the server's orders: ask it, so every
  // page comes in that order; the other columns sort the rows already loaded.
  const serverOrder = (order: 'due' | 'newest') => {
    setClientSort(null);
    navigate(`/followups${searchFromFilters({ ...filters, sort: order })}`, { replace: true });
  };
  const onSort = (key: SortKey) => {
    if (key === 'id') {
      if (sort.key === 'id' && sort.dir === 'desc') setClientSort({ key: 'id', dir: 'asc' });
      else serverOrder('newest');
      return;
    }
    const dir = sort.key === key && sort.dir === 'asc' ? 'desc' : 'asc';
    if (key === 'next_due_date' && dir === 'asc') serverOrder('due');
    else setClientSort({ key, dir });
  };
  const rows = clientSort
    ? sortRows(
        items,
        clientSort,
        { owner: (id) => userName(users, id), category: (c) => nameOf(categories, c) },
        locale,
      )
    : items;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setClientSort(null);
    navigate(`/followups${searchFromFilters({ ...draft, sort: filters.sort })}`, { replace: true });
  };
  const set = <K extends keyof FollowupFilters>(k: K, v: FollowupFilters[K] | '') =>
    setDraft((d) => ({ ...d, [k]: v === '' ? undefined : v }));
  const fieldErrors = fieldErrorsOf(error);
  const showOwner = me.user.role !== 'agent';

  return (
    <>
      <PageHeader title={t('followups.title')}>
        {hasRight(me, 'export') ? (
          <ExportMenu path="/followups/export" filters={{ ...filters }} fileName="retornos" />
        ) : null}
        <Link to="/followups/new" className="btn btn-primary">
          {t('common.add')}
        </Link>
      </PageHeader>
      <details className="filters" open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
        <summary>{t('filters.title')}</summary>
        <form onSubmit={apply} className="filters-form" role="search" aria-label={t('filters.title')} noValidate>
          <SelectField
            label={t('filters.status')}
            value={draft.status ?? 'open'}
            onChange={(e) => set('status', e.target.value as FollowupFilters['status'])}
          >
            <option value="open">{t('filters.status.open')}</option>
            <option value="closed">{t('filters.status.closed')}</option>
            <option value="all">{t('filters.status.all')}</option>
          </SelectField>
          <SelectField
            label={t('filters.state')}
            value={draft.state ?? ''}
            onChange={(e) => set('state', e.target.value as FollowupState)}
            error={fieldErrors.state}
          >
            <option value="">{t('common.any')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`state.${s}`)}
              </option>
            ))}
          </SelectField>
          {showOwner ? (
            <SelectField
              label={t('grid.owner')}
              value={draft.owner_id ?? ''}
              onChange={(e) => set('owner_id', e.target.value ? Number(e.target.value) : '')}
            >
              <option value="">{t('common.any')}</option>
              {visibleUsers(me.user, users).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          {showOwner ? (
            <SelectField
              label={t('filters.branch')}
              value={draft.branch_id ?? ''}
              onChange={(e) => set('branch_id', e.target.value ? Number(e.target.value) : '')}
            >
              <option value="">{t('common.any')}</option>
              {visibleBranches(me.user, branches).map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <PartyPicker
            label={t('grid.party')}
            value={draft.party_id && party?.id === draft.party_id ? party : null}
            onChange={(p) => {
              setParty(p);
              set('party_id', p ? p.id : '');
            }}
          />
          <SelectField
            label={t('grid.category')}
            value={draft.category ?? ''}
            onChange={(e) => set('category', e.target.value)}
          >
            <option value="">{t('common.any')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('grid.priority')}
            value={draft.priority ?? ''}
            onChange={(e) => set('priority', e.target.value as Priority)}
          >
            <option value="">{t('common.any')}</option>
            {(['high', 'medium', 'low'] as const).map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('filters.from')}
            type="date"
            value={draft.from ?? ''}
            onChange={(e) => set('from', e.target.value)}
            error={fieldErrors.from}
          />
          <TextField
            label={t('filters.to')}
            type="date"
            value={draft.to ?? ''}
            onChange={(e) => set('to', e.target.value)}
            error={fieldErrors.to}
          />
          <TextField
            label={t('filters.contactFrom')}
            type="date"
            value={draft.contact_from ?? ''}
            onChange={(e) => set('contact_from', e.target.value)}
            error={fieldErrors.contact_from}
          />
          <TextField
            label={t('filters.contactTo')}
            type="date"
            value={draft.contact_to ?? ''}
            onChange={(e) => set('contact_to', e.target.value)}
            error={fieldErrors.contact_to}
          />
          <SelectField
            label={t('filters.internal')}
            value={draft.internal ?? ''}
            onChange={(e) => set('internal', e.target.value as FollowupFilters['internal'])}
            error={fieldErrors.internal}
          >
            <option value="">{t('common.any')}</option>
            {(['any', 'due', 'overdue'] as const).map((v) => (
              <option key={v} value={v}>
                {t(`filters.internal.${v}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('filters.text')}
            type="search"
            value={draft.q ?? ''}
            onChange={(e) => set('q', e.target.value)}
            error={fieldErrors.q}
          />
          <div className="filters-buttons">
            <button type="submit" className="btn btn-primary">
              {t('filters.apply')}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setClientSort(null);
                navigate('/followups', { replace: true });
              }}
            >
              {t('filters.clear')}
            </button>
          </div>
        </form>
      </details>
      <Legend internal />
      {error ? <Notice kind="error">{errorMessage(error, t)}</Notice> : null}
      {!loading && !error && items.length === 0 ? <p className="empty">{t('followups.empty')}</p> : null}
      {bulkBar && (picked.length > 0 || allMatching)
        ? bulkBar({
            ids: picked,
            allMatching,
            filters,
            total: pages.total,
            selectAllMatching: () => setAllMatching(true),
            clear: () => {
              setPicked([]);
              setAllMatching(false);
            },
            done: () => setReloads((n) => n + 1),
          })
        : null}
      {items.length ? (
        <FollowupGrid
          items={rows}
          picked={bulkBar ? pickedSet : undefined}
          onPick={bulkBar ? onPick : undefined}
          sort={sort}
          onSort={onSort}
          caption={t('followups.title')}
          footer={
            <PagesFooter
              shown={
                pages.total !== null && pages.total > items.length
                  ? t('followups.shownOf', { count: pages.total, shown: items.length })
                  : t('followups.shown', { count: pages.total ?? items.length })
              }
              pages={pages}
            >
              <div ref={sentinel} aria-hidden="true" />
            </PagesFooter>
          }
        />
      ) : null}
      {loading ? <Loading /> : null}
    </>
  );
}
