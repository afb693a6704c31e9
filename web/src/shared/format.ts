// Dates, times and numbers for the user: civil dates ("YYYY-MM-DD") are calendar days and
// never shift with the time zone; instants are shown in the user's IANA time zone with
// Intl, in the user's locale.

const pad2 = (n: number) => String(n).padStart(2, '0');

export function parseCivil(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number);
  return { y, m, d };
}

export function civil(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(date: string, days: number): string {
  const { y, m, d } = parseCivil(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return civil(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function daysBetween(from: string, to: string): number {
  const a = parseCivil(from);
  const b = parseCivil(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/**
 * Dates of "repeat for N months" (manual 000): the first on `start`, then the same day of
 * each following month, on the month's last day when it is shorter (ADR 0003).
 */
export function monthlyDates(start: string, months: number): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) return [];
  const n = Math.max(1, Math.min(60, Math.floor(months) || 1));
  const { y, m, d } = parseCivil(start);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const mi = m - 1 + i;
    const yy = y + Math.floor(mi / 12);
    const mm = (mi % 12) + 1;
    out.push(civil(yy, mm, Math.min(d, daysInMonth(yy, mm))));
  }
  return out;
}

function zoneParts(instant: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year, m: p.month, d: p.day, h: p.hour === 24 ? 0 : p.hour, min: p.minute, s: p.second };
}

/** The calendar day of `now` in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const p = zoneParts(now, timeZone);
  return civil(p.y, p.m, p.d);
}

/** Wall-clock time of `now` in `timeZone`, as an `<input type="datetime-local">` value. */
export function wallTimeIn(timeZone: string, now: Date = new Date()): string {
  const p = zoneParts(now, timeZone);
  return `${civil(p.y, p.m, p.d)}T${pad2(p.h)}:${pad2(p.min)}`;
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (São Paulo: -180). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  const p = zoneParts(instant, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}

/**
 * RFC 3339 instant of a wall-clock time ("YYYY-MM-DDTHH:MM") in `timeZone`, with the zone's
 * offset at that moment ("2026-11-23T10:15:00-03:00").
 */
export function wallTimeToInstant(wall: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(wall);
  if (!match) return wall;
  const [y, m, d, h, min] = match.slice(1).map(Number);
  const guess = Date.UTC(y, m - 1, d, h, min);
  let offset = zoneOffsetMinutes(timeZone, new Date(guess));
  offset = zoneOffsetMinutes(timeZone, new Date(guess - offset * 60_000));
  return `${civil(y, m, d)}T${pad2(h)}:${pad2(min)}:00${formatOffset(offset)}`;
}

/** A civil date for people: "23/11/2026" (pt-BR), "11/23/2026" (en). */
export function formatDate(date: string | null | undefined, locale: string, style: 'short' | 'long' = 'short'): string {
  if (!date) return '';
  const { y, m, d } = parseCivil(date);
  const opts: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
      : { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' };
  return new Intl.DateTimeFormat(locale, opts).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A due time "HH:MM" for people ("14:00", "2:00 PM"). */
export function formatTime(time: string | null | undefined, locale: string): string {
  if (!time) return '';
  const [h, m] = time.split(':').map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hour: '2-digit', minute: '2-digit' }).format(
    new Date(Date.UTC(2000, 0, 1, h, m)),
  );
}

/** An instant (RFC 3339) in the user's time zone and locale. */
export function formatInstant(iso: string | null | undefined, locale: string, timeZone: string): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(t);
}

/**
 * The locale amounts and numbers are written in for a user's language. Our Spanish
 * readers are Mexican: they write "$1,234.56", not the "1234,56" of Spain that plain
 * "es" gives. Every number and amount shown goes through here.
 */
export function numberLocale(locale: string): string {
  return locale === 'es' ? 'es-MX' : locale;
}

/** A number formatter in the user's locale, with Mexican Spanish for "es" (see numberLocale). */
export function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return new Intl.NumberFormat(numberLocale(locale), options);
}

export function formatBytes(bytes: number, locale: string): string {
  const units: [string, number][] = [
    ['megabyte', 1024 * 1024],
    ['kilobyte', 1024],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      return numberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / size);
    }
  }
  return numberFormat(locale, { style: 'unit', unit: 'byte' }).format(bytes);
}

/** Digits of a phone number for wa.me links ("+55 19 99876-1234" -> "5519998761234"). */
export function whatsappLink(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits ? `https://wa.me/${digits}` : '';
}

export function telLink(number: string): string {
  const clean = number.replace(/[^\d+]/g, '');
  return clean ? `tel:${clean}` : '';
}

/** "a@x.com, b@y.com; c@z.com" -> ["a@x.com", "b@y.com", "c@z.com"]. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Time zones for pickers: the runtime's list when it has one. */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  try {
    const list = intl.supportedValuesOf?.('timeZone');
    if (list && list.length) return list;
  } catch {
    // Older runtimes: fall back to the zones of the users of Retorno.
  }
  return [
    'America/Sao_Paulo',
    'America/Manaus',
    'America/Recife',
    'America/Mexico_City',
    'America/Bogota',
    'America/Lima',
    'America/Santiago',
    'America/Argentina/Buenos_Aires',
    'America/Montevideo',
    'UTC',
  ];
}

/**
 * A party's tax document as people write it: CPF 000.000.000-00, CNPJ
 * 00.000.000/0000-00 (also the alphanumeric CNPJ), an RFC as it is. Stored ids are
 * normalised by the server (digits and upper-case letters only).
 */
export function formatTaxId(taxId: string, kind: 'cpf' | 'cnpj' | 'rfc' | null): string {
  if (kind === 'cpf' && taxId.length === 11)
    return `${taxId.slice(0, 3)}.${taxId.slice(3, 6)}.${taxId.slice(6, 9)}-${taxId.slice(9)}`;
  if (kind === 'cnpj' && taxId.length === 14)
    return `${taxId.slice(0, 2)}.${taxId.slice(2, 5)}.${taxId.slice(5, 8)}/${taxId.slice(8, 12)}-${taxId.slice(12)}`;
  return taxId;
}
