// The grid of follow-ups (follow-up list, party page): one coloured row per follow-up in
// the legend's colours, sortable headers, and a tooltip with the data entered, the days
// late and the reminder (return) dates [004]. On a phone the rows become cards.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { api } from '../api/endpoints';
import type { Action, FollowupSummary, Priority } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { formatDate, formatTime, todayIn } from '../format';
import { openRow, Link } from '../router';
import { nameOf, userName, useTables } from '../hooks/useTables';
import { useUserTime } from '../session';
import { AutomaticOriginBadge } from './OriginBadge';
import { InternalDate, StateBadge } from './StateBadge';

export type SortKey =
  | 'id'
  | 'next_due_date'
  | 'days_late'
  | 'contact_at'
  | 'internal_date'
  | 'party'
  | 'subject'
  | 'category'
  | 'priority'
  | 'owner'
  | 'state';
export interface SortState {
  key: SortKey;
  dir: 'asc' | 'desc';
}

const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };
const STATE_RANK = { overdue: 0, today: 1, open: 2, closed: 3 } as const;

/** Sorts loaded rows by a column; `names` resolves owner ids and category codes. */
export function sortRows(
  items: FollowupSummary[],
  sort: SortState,
  names: { owner: (id: number) => string; category: (code: string) => string },
  locale: string,
): FollowupSummary[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const value = (f: FollowupSummary): string | number => {
    switch (sort.key) {
      case 'id':
        return f.id;
      case 'next_due_date':
        return f.next_due_date ?? '9999-12-31';
      case 'days_late':
        return f.days_late;
      case 'contact_at':
        return Date.parse(f.contact_at);
      case 'internal_date':
        return f.internal_date ?? '9999-12-31';
      case 'party':
        return f.party.name;
      case 'subject':
        return f.subject;
      case 'category':
        return names.category(f.category);
      case 'priority':
        return PRIORITY_RANK[f.priority];
      case 'owner':
        return names.owner(f.owner_id);
      case 'state':
        return STATE_RANK[f.state];
    }
  };
  const dir = sort.dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return c !== 0 ? c * dir : a.id - b.id;
  });
}

const detailCache = new Map<number, Promise<Action[]>>();

/** Planned returns of a follow-up, for the tooltip (fetched once per follow-up and version). */
function plannedReturns(f: FollowupSummary): Promise<Action[]> {
  const key = f.id * 1_000_000 + f.version;
  let p = detailCache.get(key);
  if (!p) {
    p = api
      .followup(f.id)
      // The API lists returns latest first (the history); the tooltip reads as a schedule.
      .then((r) =>
        r.followup.actions
          .filter((a) => a.status === 'planned')
          .sort((a, b) => (a.due_date + (a.due_time ?? '')).localeCompare(b.due_date + (b.due_time ?? ''))),
      )
      .catch(() => []);
    detailCache.set(key, p);
  }
  return p;
}

interface GridProps {
  items: FollowupSummary[];
  sort: SortState;
  onSort: (key: SortKey) => void;
  caption: string;
  hideParty?: boolean;
  footer?: ReactNode;
  /** A checkbox per row and one for the rows shown (bulk changes). */
  picked?: ReadonlySet<number>;
  onPick?: (ids: number[], on: boolean) => void;
}

export function FollowupGrid({ items, sort, onSort, caption, hideParty, footer, picked, onPick }: GridProps) {
  const { t, locale } = useI18n();
  const { users, categories } = useTables();
  const { timeZone, today } = useUserTime();
  const [tip, setTip] = useState<{ f: FollowupSummary; top: number; left: number } | null>(null);
  const hideTimer = useRef<ReturnType<typeof setTimeout>>();

  const show = (f: FollowupSummary, el: HTMLElement) => {
    clearTimeout(hideTimer.current);
    const r = el.getBoundingClientRect();
    const left = Math.max(8, Math.min(r.left + 24, window.innerWidth - 330));
    setTip({ f, top: r.bottom + 4, left });
  };
  const hide = () => {
    clearTimeout(hideTimer.current);
    hideTimer.current = setTimeout(() => setTip(null), 120);
  };
  useEffect(() => () => clearTimeout(hideTimer.current), []);

  const header = (key: SortKey, label: string, className?: string) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={className}
        aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button type="button" className="sort-btn" onClick={() => onSort(key)}>
          {label}
          <span className="sort-arrow" aria-hidden="true">
            {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="grid-wrap">
      <table className="grid">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {onPick ? (
              <th scope="col" className="pick">
                <input
                  type="checkbox"
                  aria-label={t('bulk.pickShown')}
                  checked={items.length > 0 && items.every((f) => picked?.has(f.id))}
                  onChange={(e) =>
                    onPick(
                      items.map((f) => f.id),
                      e.target.checked,
                    )
                  }
                />
              </th>
            ) : null}
            {header('state', t('grid.state'))}
            {header('id', t('grid.number'), 'num')}
            {header('next_due_date', t('grid.nextReturn'))}
            {header('days_late', t('grid.daysLate'), 'num')}
            {header('contact_at', t('grid.contactAt'))}
            {header('internal_date', t('grid.internalDate'))}
            {hideParty ? null : header('party', t('grid.party'))}
            {header('subject', t('grid.subject'))}
            {header('category', t('grid.category'))}
            {header('priority', t('grid.priority'))}
            {header('owner', t('grid.owner'))}
          </tr>
        </thead>
        <tbody>
          {items.map((f) => (
            <tr
              key={f.id}
              className={`row state-${f.state}`}
              aria-describedby={tip?.f.id === f.id ? `tip-${f.id}` : undefined}
              onClick={openRow(`/followups/${f.id}`)}
              onMouseEnter={(e) => show(f, e.currentTarget)}
              onMouseLeave={hide}
              onFocus={(e) => show(f, e.currentTarget)}
              onBlur={hide}
            >
              {onPick ? (
                <td className="pick" onClick={(e) => e.stopPropagation()}>
                  <input
                    type="checkbox"
                    aria-label={t('bulk.pick', { id: f.id, subject: f.subject })}
                    checked={picked?.has(f.id) ?? false}
                    onChange={(e) => onPick([f.id], e.target.checked)}
                  />
                </td>
              ) : null}
              <td data-label={t('grid.state')}>
                <StateBadge state={f.state} />
              </td>
              <td data-label={t('grid.number')} className="num">
                <Link to={`/followups/${f.id}`} aria-label={t('grid.openFollowup', { id: f.id, subject: f.subject })}>
                  {f.id}
                </Link>
              </td>
              <td data-label={t('grid.nextReturn')}>{formatDate(f.next_due_date, locale) || '—'}</td>
              <td data-label={t('grid.daysLate')} className={`num ${f.days_late ? 'late' : ''}`}>
                {f.days_late || ''}
              </td>
              <td data-label={t('grid.contactAt')}>
                <time dateTime={f.contact_at}>{formatDate(todayIn(timeZone, new Date(f.contact_at)), locale)}</time>
              </td>
              <td data-label={t('grid.internalDate')}>
                {f.internal_date ? (
                  <InternalDate
                    date={f.internal_date}
                    open={f.status === 'open'}
                    today={today}
                    label={formatDate(f.internal_date, locale)}
                  />
                ) : (
                  ''
                )}
              </td>
              {hideParty ? null : (
                <td data-label={t('grid.party')}>
                  <span className="code">{f.party.code}</span> {f.party.name}
                </td>
              )}
              <td data-label={t('grid.subject')} className="subject">
                {f.subject}
                <AutomaticOriginBadge origin={f.origin} />
              </td>
              <td data-label={t('grid.category')}>{nameOf(categories, f.category)}</td>
              <td data-label={t('grid.priority')}>
                <span className={`prio prio-${f.priority}`}>{t(`priority.${f.priority}`)}</span>
              </td>
              <td data-label={t('grid.owner')}>{userName(users, f.owner_id)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {footer}
      {tip ? (
        <RowTooltip
          f={tip.f}
          top={tip.top}
          left={tip.left}
          onEnter={() => clearTimeout(hideTimer.current)}
          onLeave={hide}
        />
      ) : null}
    </div>
  );
}

function RowTooltip({
  f,
  top,
  left,
  onEnter,
  onLeave,
}: {
  f: FollowupSummary;
  top: number;
  left: number;
  onEnter: () => void;
  onLeave: () => void;
}) {
  const { t, locale } = useI18n();
  const { users, categories } = useTables();
  const [returns, setReturns] = useState<Action[] | null>(null);
  useEffect(() => {
    let alive = true;
    setReturns(null);
    if (f.status !== 'open') {
      setReturns([]);
      return;
    }
    // A short wait, so sweeping the mouse over the grid does not load every row.
    const timer = setTimeout(() => void plannedReturns(f).then((r) => alive && setReturns(r)), 200);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [f]);
  const c = f.contact;
  // In <body>: the grid is a size container, which would hold a fixed-position box.
  return createPortal(
    <div
      id={`tip-${f.id}`}
      role="tooltip"
      className="tooltip"
      style={{ top, left }}
      onMouseEnter={onEnter}
      onMouseLeave={onLeave}
    >
      <strong>{f.subject}</strong>
      <dl>
        <dt>{t('grid.party')}</dt>
        <dd>
          {f.party.code} — {f.party.name}
        </dd>
        {c.name || c.phone || c.email ? (
          <>
            <dt>{t('followup.contact')}</dt>
            <dd>
              {[c.name, c.phone, c.whatsapp && c.whatsapp !== c.phone ? c.whatsapp : '', c.email]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        ) : null}
        <dt>{t('grid.category')}</dt>
        <dd>
          {nameOf(categories, f.category)} · {t(`priority.${f.priority}`)}
        </dd>
        <dt>{t('grid.owner')}</dt>
        <dd>{userName(users, f.owner_id)}</dd>
        <dt>{t('grid.daysLate')}</dt>
        <dd>{f.state === 'overdue' ? t('followup.daysLate', { count: f.days_late }) : t('tooltip.notLate')}</dd>
        {f.status === 'open' ? (
          <>
            <dt>{t('tooltip.reminders')}</dt>
            <dd>
              {returns === null
                ? t('common.loading')
                : returns.length === 0
                  ? t('tooltip.noReminders')
                  : returns
                      .slice(0, 6)
                      .map(
                        (a) =>
                          `${formatDate(a.due_date, locale)}${a.due_time ? ' ' + formatTime(a.due_time, locale) : ''}`,
                      )
                      .join(', ') + (returns.length > 6 ? '…' : '')}
            </dd>
          </>
        ) : null}
      </dl>
    </div>,
    document.body,
  );
}
