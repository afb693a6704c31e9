// "Dias livres" (manual 003): for the users chosen and a period, a grid of each user's
// days, free, partly free, busy or off, computed by the server in each user's own zone
// from their appointments and timed returns. Opened from a follow-up (`?followup=`), a
// free or partly free day books an appointment on that follow-up, its first free slot
// offered in the viewer's time.
import { useState, type FormEvent } from 'react';
import type { Availability, FreeDay, UserFreeDays } from '../../shared/api/types';
import { CheckboxField, TextField } from '../../shared/components/Field';
import { Notice } from '../../shared/components/Notice';
import { PageHeader } from '../../shared/components/PageHeader';
import { Loading } from '../../shared/components/Spinner';
import { errorMessage, fieldErrorsOf } from '../../shared/components/errors';
import { addDays, formatDate, wallTimeIn, wallTimeToInstant } from '../../shared/format';
import { useAsync } from '../../shared/hooks/useAsync';
import { useTables } from '../../shared/hooks/useTables';
import { useI18n } from '../../shared/i18n/i18n';
import { Link, navigate, useSearchParams } from '../../shared/router';
import { useMe, useUserTime } from '../../shared/session';
import { appointmentApi } from '../../entities/appointment/appointmentApi';
import { BookAppointmentDialog, type BookingDraft } from '../../entities/appointment/BookAppointmentDialog';
import { ownerChoices } from '../../entities/user/owners';
import './freedays.css';

const SYMBOL: Record<Availability, string> = { free: '●', partly_free: '◐', busy: '○', off: '–' };
const LABEL: Record<Availability, string> = {
  free: 'freeDays.free',
  partly_free: 'freeDays.partlyFree',
  busy: 'freeDays.busy',
  off: 'freeDays.off',
};

/** The first free slot of a user's day as a booking in the viewer's zone: an hour at most. */
export function slotInViewerTime(
  day: FreeDay,
  userZone: string,
  viewerZone: string,
): { date: string; start: string; end: string } {
  const slot = day.free[0] ?? { from: '08:00', to: '09:00' };
  const start = new Date(wallTimeToInstant(`${day.date}T${slot.from}`, userZone));
  const slotEnd =
    slot.to === '24:00'
      ? start.getTime() + 3_600_000
      : Date.parse(wallTimeToInstant(`${day.date}T${slot.to}`, userZone));
  const end = new Date(Math.min(slotEnd, start.getTime() + 3_600_000));
  const s = wallTimeIn(viewerZone, start);
  const e = wallTimeIn(viewerZone, end);
  return { date: s.slice(0, 10), start: s.slice(11, 16), end: e.slice(11, 16) };
}

function dayHead(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function FreeDaysPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const { users } = useTables();
  const { today, timeZone } = useUserTime();
  const params = useSearchParams();
  const followupId = Number(params.get('followup')) || null;
  const asked = (params.get('users') ?? String(me.user.id))
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const from = params.get('from') ?? today;
  const to = params.get('to') ?? addDays(from, 13);
  const choices = ownerChoices(me.user, users);
  const [picked, setPicked] = useState<number[]>(asked);
  const [period, setPeriod] = useState({ from, to });
  const [booking, setBooking] = useState<BookingDraft | null>(null);
  const [message, setMessage] = useState('');
  const grid = useAsync(() => appointmentApi.freeDays(asked, from, to), [asked.join(','), from, to]);
  const fieldErrors = grid.error ? fieldErrorsOf(grid.error) : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (followupId) q.set('followup', String(followupId));
    q.set('users', picked.join(','));
    q.set('from', period.from);
    q.set('to', period.to);
    setMessage('');
    navigate(`/free-days?${q.toString()}`, { replace: true });
  };

  const book = (row: UserFreeDays, day: FreeDay) => {
    const slot = slotInViewerTime(day, row.time_zone, timeZone);
    setBooking({ ...slot, place: '', note: '', attendees: [row.user.id] });
  };

  const days = grid.data?.[0]?.days.map((d) => d.date) ?? [];
  return (
    <>
      <PageHeader title={t('freeDays.title')} />
      {followupId ? (
        <p>
          <Link to={`/followups/${followupId}`}>{t('freeDays.backToFollowup', { id: followupId })}</Link>
        </p>
      ) : (
        <p className="muted">{t('freeDays.bookHint')}</p>
      )}
      <form className="panel free-days-form" onSubmit={submit} noValidate>
        <fieldset className="fieldset">
          <legend>{t('freeDays.users')}</legend>
          {choices.map((u) => (
            <CheckboxField
              key={u.id}
              id={`fd-user-${u.id}`}
              label={u.name}
              checked={picked.includes(u.id)}
              onChange={(e) => setPicked(e.target.checked ? [...picked, u.id] : picked.filter((id) => id !== u.id))}
            />
          ))}
        </fieldset>
        <div className="form-row">
          <TextField
            id="fd-from"
            type="date"
            label={t('freeDays.from')}
            value={period.from}
            error={fieldErrors.from}
            onChange={(e) => setPeriod({ ...period, from: e.target.value })}
          />
          <TextField
            id="fd-to"
            type="date"
            label={t('freeDays.to')}
            value={period.to}
            error={fieldErrors.to}
            onChange={(e) => setPeriod({ ...period, to: e.target.value })}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={!picked.length}>
          {t('freeDays.show')}
        </button>
      </form>
      {message ? <Notice kind="success">{message}</Notice> : null}
      {grid.error ? <Notice kind="error">{errorMessage(grid.error, t)}</Notice> : null}
      {grid.loading && !grid.data ? <Loading /> : null}
      {grid.data ? (
        <div className="free-days-scroll">
          <table className="free-days">
            <caption>{t('freeDays.caption', { from: formatDate(from, locale), to: formatDate(to, locale) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('freeDays.user')}</th>
                {days.map((d) => (
                  <th scope="col" key={d}>
                    {dayHead(d, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.data.map((row) => (
                <tr key={row.user.id}>
                  <th scope="row">
                    {row.user.name}
                    {row.time_zone !== timeZone ? <span className="muted fd-zone">{row.time_zone}</span> : null}
                  </th>
                  {row.days.map((d) => {
                    const label = t(LABEL[d.availability]);
                    const slots = d.free.map((s) => `${s.from}–${s.to}`).join(', ');
                    const bookable = followupId && (d.availability === 'free' || d.availability === 'partly_free');
                    return (
                      <td key={d.date} className={`fd fd-${d.availability}`} title={slots || label} data-date={d.date}>
                        <span aria-hidden="true">{SYMBOL[d.availability]}</span>{' '}
                        <span className="fd-label">{label}</span>
                        {d.availability === 'partly_free' ? <span className="fd-slots">{slots}</span> : null}
                        {bookable ? (
                          <button
                            type="button"
                            className="btn btn-small fd-book"
                            aria-label={t('freeDays.bookOn', { name: row.user.name, date: formatDate(d.date, locale) })}
                            onClick={() => book(row, d)}
                          >
                            {t('freeDays.book')}
                          </button>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="muted fd-legend">
        {(Object.keys(SYMBOL) as Availability[]).map((a) => (
          <span key={a}>
            {SYMBOL[a]} {t(LABEL[a])}{' '}
          </span>
        ))}
        — {t('freeDays.hoursHint')}
      </p>
      {booking && followupId ? (
        <BookAppointmentDialog
          followupId={followupId}
          initial={booking}
          choices={choices.map((u) => ({ id: u.id, name: u.name }))}
          timeZone={timeZone}
          locale={locale}
          onClose={() => setBooking(null)}
          onDone={(m) => {
            setBooking(null);
            setMessage(m);
            grid.reload();
          }}
        />
      ) : null}
    </>
  );
}
