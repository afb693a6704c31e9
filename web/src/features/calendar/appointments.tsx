// The viewer's appointments (ADR 0045) on the calendar beside the returns: a day shows
// how many it has (their own colour and icon, in the legend), and the open day lists
// each with its start–end time in the viewer's zone and a link to its follow-up.
import type { Appointment } from '../../shared/api/types';
import { addDays, formatTime, wallTimeIn } from '../../shared/format';
import { useI18n } from '../../shared/i18n/i18n';
import { Link } from '../../shared/router';

export const APPOINTMENT_ICON = '📅';

/** The viewer's wall time of an instant: "2026-03-10T23:30". */
function wall(iso: string, timeZone: string): string {
  return wallTimeIn(timeZone, new Date(iso));
}

/**
 * The viewer's days an appointment takes, from its start's day to its end's (an end at
 * midnight does not take the next day): 23:30 is on that evening's day.
 */
export function appointmentDays(a: Appointment, timeZone: string): string[] {
  const start = wall(a.starts_at, timeZone);
  const end = wall(a.ends_at, timeZone);
  let last = end.slice(0, 10);
  if (end.slice(11) === '00:00' && last > start.slice(0, 10)) last = addDays(last, -1);
  const days: string[] = [];
  for (let d = start.slice(0, 10); d <= last && days.length < 31; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Appointments by the viewer's day, each day's by start. */
export function appointmentsByDay(list: Appointment[], timeZone: string): Map<string, Appointment[]> {
  const out = new Map<string, Appointment[]>();
  const sorted = [...list].sort((x, y) => Date.parse(x.starts_at) - Date.parse(y.starts_at) || x.id - y.id);
  for (const a of sorted)
    for (const d of appointmentDays(a, timeZone)) {
      const day = out.get(d) ?? [];
      day.push(a);
      out.set(d, day);
    }
  return out;
}

/** "10:00–11:00" in the viewer's zone and locale; the other day's date when it spans midnight. */
export function appointmentTimes(a: Appointment, locale: string, timeZone: string): string {
  const start = wall(a.starts_at, timeZone);
  const end = wall(a.ends_at, timeZone);
  return `${formatTime(start.slice(11), locale)}–${formatTime(end.slice(11), locale)}`;
}

/** The day's appointments in the open day, above its returns. */
export function DayAppointments({ items, timeZone }: { items: Appointment[]; timeZone: string }) {
  const { t, locale } = useI18n();
  if (!items.length) return null;
  return (
    <section className="calendar-appointments" aria-labelledby="calendar-appointments-title">
      <h3 id="calendar-appointments-title">
        <span aria-hidden="true">{APPOINTMENT_ICON}</span> {t('calendar.appointments.title')}
      </h3>
      <ul>
        {items.map((a) => (
          <li key={a.id} className="cal-appointment">
            <span className="cal-appointment-time">{appointmentTimes(a, locale, timeZone)}</span>
            {a.place ? <span className="cal-appointment-place">{a.place}</span> : null}
            <span className="cal-appointment-who">{a.attendees.map((u) => u.name).join(', ')}</span>
            <Link to={`/followups/${a.followup_id}`}>{t('calendar.appointments.open', { id: a.followup_id })}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
