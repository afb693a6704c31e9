// The month grid of the CRM calendar (manual 002): Monday-first weeks of civil dates,
// month arithmetic and localized names, all without time zones (civil dates never shift).
import { addDays, civil, daysInMonth, parseCivil } from '../../shared/format';

/** "2026-11" of "2026-11-23". */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function isMonth(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

export function isCivilDate(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const { y, m, d } = parseCivil(value);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The month `delta` months after `month` ("2026-12", 1 -> "2027-01"). */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Monday = 0 … Sunday = 6. */
export function weekdayIndex(date: string): number {
  const { y, m, d } = parseCivil(date);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** Weeks of the month, Monday first; null where a week cell lies outside the month. */
export function monthWeeks(month: string): (string | null)[][] {
  const [y, m] = month.split('-').map(Number);
  const first = civil(y, m, 1);
  const cells: (string | null)[] = Array.from({ length: weekdayIndex(first) }, () => null);
  for (let d = 1; d <= daysInMonth(y, m); d++) cells.push(civil(y, m, d));
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Weekday names Monday first, in `locale` ("seg.", "Mon"…), short and long. */
export function weekdayNames(locale: string): { short: string; long: string }[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const d = new Date(Date.UTC(2024, 0, 1 + i));
    return {
      short: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' }).format(d),
      long: new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long' }).format(d),
    };
  });
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** "Dezembro de 2026", "December 2026". */
export function monthTitle(month: string, locale: string): string {
  const [y, m] = month.split('-').map(Number);
  return capitalize(
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
      new Date(Date.UTC(y, m - 1, 1)),
    ),
  );
}

/** "3 de dezembro", "December 3". */
export function dayMonth(date: string, locale: string): string {
  const { y, m, d } = parseCivil(date);
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** "Quinta-feira, 3 de dezembro de 2026". */
export function longDate(date: string, locale: string): string {
  const { y, m, d } = parseCivil(date);
  return capitalize(
    new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(Date.UTC(y, m - 1, d))),
  );
}

/** The day the arrow keys lead to from `date`, or null for other keys. */
export function keyTarget(date: string, key: string): string | null {
  const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
  if (key in steps) return addDays(date, steps[key]);
  if (key === 'Home') return addDays(date, -weekdayIndex(date));
  if (key === 'End') return addDays(date, 6 - weekdayIndex(date));
  return null;
}
