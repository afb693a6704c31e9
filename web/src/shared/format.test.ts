import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatBytes,
  numberFormat,
  numberLocale,
  formatDate,
  formatInstant,
  formatTime,
  monthlyDates,
  splitEmails,
  telLink,
  todayIn,
  wallTimeIn,
  wallTimeToInstant,
  whatsappLink,
} from './format';

describe('monthlyDates (repeat for N months, ADR 0003)', () => {
  it.each([
    ['2026-01-15', 3, ['2026-01-15', '2026-02-15', '2026-03-15']],
    ['2026-01-31', 4, ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']],
    ['2028-01-30', 2, ['2028-01-30', '2028-02-29']],
    ['2026-11-30', 3, ['2026-11-30', '2026-12-30', '2027-01-30']],
    ['2026-12-31', 2, ['2026-12-31', '2027-01-31']],
    ['2026-05-10', 1, ['2026-05-10']],
  ])('%s for %i months', (start, n, expected) => {
    expect(monthlyDates(start, n)).toEqual(expected);
  });

  it('keeps the day of the first date, not of the clamped month', () => {
    expect(monthlyDates('2026-01-31', 3)[2]).toBe('2026-03-31');
  });

  it('caps at 60 months and ignores a bad date', () => {
    const dates = monthlyDates('2026-01-01', 99);
    expect(dates).toHaveLength(60);
    expect(dates[59]).toBe('2030-12-01');
    expect(monthlyDates('', 3)).toEqual([]);
  });
});

describe('civil dates', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-11-20', '2026-11-23')).toBe(3);
  });

  it('formats a due date without shifting it by the time zone', () => {
    expect(formatDate('2026-11-23', 'pt-BR')).toBe('23/11/2026');
    expect(formatDate('2026-11-23', 'en')).toBe('11/23/2026');
    expect(formatDate('2026-01-01', 'es')).toBe('01/01/2026');
    expect(formatDate(null, 'pt-BR')).toBe('');
  });

  it('formats a due time in the locale', () => {
    expect(formatTime('14:05', 'pt-BR')).toBe('14:05');
    expect(formatTime('14:05', 'en')).toMatch(/^02:05\sPM$/);
  });
});

describe('time zones', () => {
  // 02:30 UTC on 23 Nov is still 22 Nov in São Paulo (UTC-3) and Mexico City (UTC-6).
  const lateEvening = new Date('2026-11-23T02:30:00Z');

  it("computes the viewer's today in their zone", () => {
    expect(todayIn('America/Sao_Paulo', lateEvening)).toBe('2026-11-22');
    expect(todayIn('Europe/Lisbon', lateEvening)).toBe('2026-11-23');
    expect(todayIn('America/Mexico_City', new Date('2026-11-23T05:30:00Z'))).toBe('2026-11-22');
  });

  it('gives the wall-clock time for datetime inputs', () => {
    expect(wallTimeIn('America/Sao_Paulo', lateEvening)).toBe('2026-11-22T23:30');
  });

  it('turns a wall-clock time into an instant with the right offset', () => {
    expect(wallTimeToInstant('2026-11-23T10:15', 'America/Sao_Paulo')).toBe('2026-11-23T10:15:00-03:00');
    expect(wallTimeToInstant('2026-07-01T09:00', 'America/New_York')).toBe('2026-07-01T09:00:00-04:00');
    expect(wallTimeToInstant('2026-01-15T09:00', 'America/New_York')).toBe('2026-01-15T09:00:00-05:00');
    // São Paulo still had daylight saving time in January 2018.
    expect(wallTimeToInstant('2018-01-10T12:00', 'America/Sao_Paulo')).toBe('2018-01-10T12:00:00-02:00');
    expect(wallTimeToInstant('2026-03-10T08:00', 'Asia/Kolkata')).toBe('2026-03-10T08:00:00+05:30');
  });

  it("shows an instant in the user's zone", () => {
    expect(formatInstant('2026-11-23T13:15:00Z', 'pt-BR', 'America/Sao_Paulo')).toBe('23/11/2026, 10:15');
    expect(formatInstant('2026-11-23T13:15:00Z', 'pt-BR', 'America/Mexico_City')).toBe('23/11/2026, 07:15');
  });
});

describe('contact links and lists', () => {
  it('builds WhatsApp and phone links', () => {
    expect(whatsappLink('+55 19 99876-1234')).toBe('https://wa.me/5519998761234');
    expect(whatsappLink('')).toBe('');
    expect(telLink('+55 (19) 3232-4545')).toBe('tel:+551932324545');
  });

  it('splits CC e-mails on commas, semicolons and spaces', () => {
    expect(splitEmails(' a@x.com, b@y.com;c@z.com  d@w.com ')).toEqual(['a@x.com', 'b@y.com', 'c@z.com', 'd@w.com']);
    expect(splitEmails('')).toEqual([]);
  });

  it('formats file sizes', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(2048, 'en')).toBe('2 kB');
    expect(formatBytes(10 * 1024 * 1024, 'pt-BR')).toBe('10 MB');
  });
});

describe('numbers in the reader language', () => {
  it('writes Spanish numbers the Mexican way and leaves the others alone', () => {
    expect(numberLocale('es')).toBe('es-MX');
    expect(numberLocale('pt-BR')).toBe('pt-BR');
    expect(numberLocale('en')).toBe('en');
    expect(numberFormat('es', { maximumFractionDigits: 1 }).format(12345.67)).toBe('12,345.7');
    expect(numberFormat('pt-BR', { maximumFractionDigits: 1 }).format(12345.67)).toBe('12.345,7');
    expect(formatBytes(1536, 'es').replace(/\s/g, ' ')).toBe('1.5 kB');
    expect(formatBytes(1536, 'pt-BR').replace(/\s/g, ' ')).toBe('1,5 kB');
  });
});
