// The CRM calendar (manual 002): every return of the month in a Monday-first grid, each
// day coloured by how much of it was done (green all, orange some, red none; future days
// neutral), in the viewer's time zone (the server's "today"), for me, my branch, everyone
// or one user as the role permits. The appointments of the user shown (the viewer's own
// unless one user is picked) mark their days too. A day opens below the grid with the
// tabs of manual 002; "+" adds a new opportunity.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../../shared/api/endpoints';
import type { Appointment, CalendarColour, CalendarMonthDay, CalendarWho } from '../../shared/api/types';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage } from '../../shared/components/errors';
import { useAsync } from '../../shared/hooks/useAsync';
import { useTables } from '../../shared/hooks/useTables';
import { useI18n, type TFunction } from '../../shared/i18n/i18n';
import { Link, navigate, useSearchParams } from '../../shared/router';
import { useMe, useUserTime } from '../../shared/session';
import { appointmentApi } from '../../entities/appointment/appointmentApi';
import { scopesFor } from '../../entities/user/scopes';
import { daysInMonth } from '../../shared/format';
import { APPOINTMENT_ICON, appointmentsByDay } from './appointments';
import { DayView } from './DayView';
import { OpportunityDialog } from './OpportunityDialog';
import { addMonths, dayMonth, isMonth, keyTarget, monthOf, monthTitle, monthWeeks, weekdayNames } from './month';
import './calendar.css';

export const COLOURS: CalendarColour[] = ['green', 'orange', 'red', 'future'];

/** The calendar's address for a day (or none) and who it shows. */
export function calendarPath(date: string | null, month: string | null, who: CalendarWho): string {
  const q = new URLSearchParams();
  if (month && (!date || monthOf(date) !== month)) q.set('month', month);
  if (who.user_id) q.set('user', String(who.user_id));
  else if (who.scope !== 'mine') q.set('scope', who.scope);
  const s = q.toString();
  return `/calendar${date ? `/${date}` : ''}${s ? `?${s}` : ''}`;
}

/** "3 de dezembro: 4 retornos, 2 feitos. Parte feita" */
export function dayLabel(day: CalendarMonthDay | undefined, date: string, locale: string, t: TFunction): string {
  const head = dayMonth(date, locale);
  if (!day || day.total === 0) return t('calendar.dayLabelNone', { date: head });
  const text = t('calendar.dayLabel', {
    date: head,
    returns: t('calendar.returns', { count: day.total }),
    done: t('calendar.doneCount', { count: day.done }),
  });
  return day.colour === 'green' || day.colour === 'orange' || day.colour === 'red'
    ? `${text}. ${t(`calendar.colour.${day.colour}`)}`
    : text;
}

const SYMBOL: Record<CalendarColour, string> = { green: '✓', orange: '◐', red: '✕', future: '', none: '' };

export function CalendarPage({ date }: { date?: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { today, timeZone } = useUserTime();
  const params = useSearchParams();
  const scopes = scopesFor(me.user.role);
  const requested = params.get('scope');
  const userParam = Number(params.get('user')) || 0;
  const who: CalendarWho = useMemo(() => {
    if (userParam && me.user.role !== 'agent') return { scope: 'mine', user_id: userParam };
    return { scope: scopes.includes(requested as CalendarWho['scope']) ? (requested as CalendarWho['scope']) : 'mine' };
  }, [userParam, requested, me.user.role]);
  const monthParam = params.get('month');
  const month = isMonth(monthParam) ? monthParam : date ? monthOf(date) : monthOf(today);
  const [adding, setAdding] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; followupId?: number } | null>(null);
  const [dayTick, setDayTick] = useState(0);

  const data = useAsync(() => api.calendar(month, who), [month, who.scope, who.user_id]);
  const days = useMemo(() => new Map((data.data?.days ?? []).map((d) => [d.date, d])), [data.data]);
  const serverToday = data.data?.today ?? today;
  // The appointments beside the returns: a calendar that failed to bring them still
  // shows the returns, so their error is not the page's.
  const appts = useAsync(() => {
    const [y, m] = month.split('-').map(Number);
    return appointmentApi.ofUser(`${month}-01`, `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`, who.user_id);
  }, [month, who.user_id]);
  const apptDays = useMemo(() => appointmentsByDay(appts.data ?? [], timeZone), [appts.data, timeZone]);

  const go = (d: string | null, m: string | null, w: CalendarWho = who) =>
    navigate(calendarPath(d, m, w), { replace: false });

  return (
    <>
      <PageHeader title={t('calendar.title')}>
        <WhoPicker who={who} onChange={(w) => navigate(calendarPath(date ?? null, month, w), { replace: true })} />
        <button
          type="button"
          className="btn btn-primary btn-plus"
          onClick={() => {
            setNotice(null);
            setAdding(date ?? serverToday);
          }}
          aria-label={t('opportunity.add')}
          title={t('opportunity.add')}
        >
          <span aria-hidden="true">+</span>
        </button>
      </PageHeader>
      {notice ? (
        <Notice
          kind="success"
          actions={
            notice.followupId ? <Link to={`/followups/${notice.followupId}`}>{t('opportunity.open')}</Link> : undefined
          }
        >
          {notice.text}
        </Notice>
      ) : null}
      <div className={`calendar-layout ${date ? 'has-day' : ''}`}>
        <section className="panel calendar-month" aria-labelledby="calendar-month-title">
          <div className="calendar-nav">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => go(date ?? null, addMonths(month, -1))}
              aria-label={t('calendar.previous')}
            >
              <span aria-hidden="true">‹</span>
            </button>
            <h2 id="calendar-month-title" aria-live="polite">
              {monthTitle(month, locale)}
            </h2>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => go(date ?? null, addMonths(month, 1))}
              aria-label={t('calendar.next')}
            >
              <span aria-hidden="true">›</span>
            </button>
            {month !== monthOf(serverToday) ? (
              <button type="button" className="btn btn-small btn-ghost" onClick={() => go(null, null)}>
                {t('calendar.today')}
              </button>
            ) : null}
          </div>
          {data.error ? <Notice kind="error">{errorMessage(data.error, t)}</Notice> : null}
          <MonthGrid
            month={month}
            days={days}
            appointments={apptDays}
            today={serverToday}
            selected={date ?? null}
            loading={data.loading && !data.data}
            onOpen={(d) => go(d, null)}
            onMonth={(m) => go(date ?? null, m)}
          />
          <CalendarLegend />
          <p className="field-hint">{t('calendar.keyboardHint')}</p>
        </section>
        {date ? (
          <DayView
            key={`${date}-${who.scope}-${who.user_id ?? 0}`}
            date={date}
            who={who}
            refresh={dayTick}
            appointments={apptDays.get(date) ?? []}
            timeZone={timeZone}
            onChanged={() => data.reload()}
            onAdd={() => {
              setNotice(null);
              setAdding(date);
            }}
            onClose={() => go(null, month)}
          />
        ) : null}
      </div>
      {adding ? (
        <OpportunityDialog
          nextContactDate={adding < serverToday ? serverToday : adding}
          onClose={() => setAdding(null)}
          onCreated={(created, nextDate) => {
            setAdding(null);
            setNotice({
              text: t('opportunity.created', { name: created.party.name }),
              followupId: created.followup.id,
            });
            data.reload();
            if (nextDate !== date) go(nextDate, null);
            else setDayTick((n) => n + 1);
          }}
        />
      ) : null}
    </>
  );
}

/** Me, my branch, everyone, or one user, as the role permits; agents see only their own. */
function WhoPicker({ who, onChange }: { who: CalendarWho; onChange: (w: CalendarWho) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { users } = useTables();
  const scopes = scopesFor(me.user.role);
  if (me.user.role === 'agent') return null;
  const people = users
    .filter((u) => u.active && u.id !== me.user.id && (me.user.role === 'admin' || u.branch_id === me.user.branch_id))
    .sort((a, b) => a.name.localeCompare(b.name));
  const value = who.user_id ? `user:${who.user_id}` : who.scope;
  return (
    <div className="field field-inline">
      <label htmlFor="calendar-who" className="field-label">
        {t('agenda.scope')}
      </label>
      <select
        id="calendar-who"
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          if (v.startsWith('user:')) onChange({ scope: 'mine', user_id: Number(v.slice(5)) });
          else onChange({ scope: v as CalendarWho['scope'] });
        }}
      >
        {scopes.map((s) => (
          <option key={s} value={s}>
            {t(`agenda.scope.${s}`)}
          </option>
        ))}
        {who.user_id && !people.some((u) => u.id === who.user_id) ? (
          <option value={value}>{`#${who.user_id}`}</option>
        ) : null}
        {people.length ? (
          <optgroup label={t('calendar.oneUser')}>
            {people.map((u) => (
              <option key={u.id} value={`user:${u.id}`}>
                {u.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
}

interface GridProps {
  month: string;
  days: Map<string, CalendarMonthDay>;
  appointments: Map<string, Appointment[]>;
  today: string;
  selected: string | null;
  loading: boolean;
  onOpen: (date: string) => void;
  onMonth: (month: string) => void;
}

/**
 * The month as a table of Monday-first weeks; each day is a button named with its counts.
 * One day is in the Tab order; the arrow keys, Home and End move between days (into the
 * next or previous month too), Enter or Space opens the day.
 */
function MonthGrid({ month, days, appointments, today, selected, loading, onOpen, onMonth }: GridProps) {
  const { t, locale } = useI18n();
  const weeks = useMemo(() => monthWeeks(month), [month]);
  const names = useMemo(() => weekdayNames(locale), [locale]);
  const initial = () =>
    selected && monthOf(selected) === month ? selected : monthOf(today) === month ? today : `${month}-01`;
  const [focus, setFocus] = useState(initial);
  const wantFocus = useRef(false);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  const touched = useRef(false);
  useEffect(() => {
    if (monthOf(focus) !== month || !touched.current) setFocus(initial());
    // The server's "today" may differ from the browser's until the month is loaded.
  }, [month, today]);
  useEffect(() => {
    if (wantFocus.current) {
      refs.current[focus]?.focus();
      wantFocus.current = false;
    }
  }, [focus, month]);

  const onKey = (e: KeyboardEvent<HTMLButtonElement>, date: string) => {
    const target = keyTarget(date, e.key);
    if (!target) return;
    e.preventDefault();
    wantFocus.current = true;
    touched.current = true;
    setFocus(target);
    if (monthOf(target) !== month) onMonth(monthOf(target));
  };

  return (
    <div className="calendar-grid-wrap" aria-busy={loading || undefined}>
      <table className="calendar-grid">
        <caption className="sr-only">{monthTitle(month, locale)}</caption>
        <thead>
          <tr>
            {names.map((n) => (
              <th key={n.long} scope="col" abbr={n.long}>
                {n.short.replace(/\.$/, '')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.find(Boolean) ?? ''}>
              {week.map((date, i) => {
                if (!date) return <td key={`x${i}`} className="cal-out" />;
                const day = days.get(date);
                const colour: CalendarColour = day?.colour ?? (date > today ? 'future' : 'none');
                const isToday = date === today;
                const booked = appointments.get(date)?.length ?? 0;
                const label =
                  dayLabel(day, date, locale, t) +
                  (booked ? `. ${t('calendar.appointments.count', { count: booked })}` : '') +
                  (isToday ? ` (${t('calendar.today')})` : '');
                return (
                  <td
                    key={date}
                    className={`cal-cell cal-${colour} ${isToday ? 'is-today' : ''} ${date === selected ? 'is-selected' : ''}`}
                  >
                    <button
                      type="button"
                      ref={(el) => {
                        refs.current[date] = el;
                      }}
                      className="cal-day"
                      data-date={date}
                      data-colour={colour}
                      tabIndex={date === focus ? 0 : -1}
                      aria-label={label}
                      data-appointments={booked || undefined}
                      aria-current={isToday ? 'date' : undefined}
                      aria-pressed={date === selected}
                      onFocus={() => setFocus(date)}
                      onKeyDown={(e) => onKey(e, date)}
                      onClick={() => onOpen(date)}
                    >
                      <span className="cal-num" aria-hidden="true">
                        {Number(date.slice(8))}
                      </span>
                      {day && day.total > 0 ? (
                        <span className="cal-count" aria-hidden="true">
                          <span className="cal-symbol">{SYMBOL[colour]}</span>
                          {`${day.done}/${day.total}`}
                        </span>
                      ) : null}
                      {booked ? (
                        <span className="cal-appts" aria-hidden="true">
                          <span className="cal-symbol">{APPOINTMENT_ICON}</span>
                          {booked}
                        </span>
                      ) : null}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {loading ? <Loading /> : null}
    </div>
  );
}

export function CalendarLegend() {
  const { t } = useI18n();
  return (
    <ul className="legend calendar-legend" aria-label={t('legend.title')}>
      {COLOURS.map((c) => (
        <li key={c} className={`cal-${c}`}>
          <span className="cal-swatch" aria-hidden="true">
            {SYMBOL[c]}
          </span>
          {t(`calendar.colour.${c}`)}
        </li>
      ))}
      <li className="cal-appointment-key">
        <span className="cal-swatch" aria-hidden="true">
          {APPOINTMENT_ICON}
        </span>
        {t('calendar.appointments.legend')}
      </li>
    </ul>
  );
}
