// Money of the documents made from a follow-up (ADR 0042): amounts are integers in the
// currency's minor units (centavos), a line's discount is in hundredths of a percent,
// and totals are computed exactly as the server computes them (TotalsOf in
// domain/sales_flow.h), so the total the agent sees while typing is the total saved.
// Typed amounts are read without floating point: "1.234,56" and "1,234.56" are both
// 123456 centavos.
import { numberFormat } from '../../shared/format';

export interface LineTotal {
  /** quantity × unit price, rounded half away from zero. */
  gross: number;
  /** gross × the line's discount, rounded the same way. */
  discount: number;
  /** gross − discount. */
  total: number;
}

export interface DocumentTotals {
  lines: LineTotal[];
  /** The lines' totals. */
  subtotal: number;
  /** The document's own discount. */
  discount: number;
  /** subtotal − discount. */
  total: number;
}

export interface PricedLine {
  quantity: number;
  /** Minor units. */
  unit_price: number;
  /** Hundredths of a percent (1050 = 10.5 %). */
  discount_bp: number;
}

/** a × b / d rounded half away from zero, for non-negative a, b and positive d. */
function mulDivRound(a: bigint, b: bigint, d: bigint): bigint {
  return (a / d) * b + ((a % d) * b + d / 2n) / d;
}

/** One line: the quantity taken in thousandths, so 0.1 × 3 is exact; rounded once. */
export function totalOfLine(quantity: number, unitPrice: number, discountBp: number): LineTotal {
  const milli = BigInt(Math.round(quantity * 1000));
  const gross = mulDivRound(milli, BigInt(unitPrice), 1000n);
  const discount = mulDivRound(gross, BigInt(discountBp), 10000n);
  return { gross: Number(gross), discount: Number(discount), total: Number(gross - discount) };
}

/** A document's totals: rounded per line (as an invoice prints), then the document's discount. */
export function totalsOf(lines: PricedLine[], discount: number): DocumentTotals {
  const out = lines.map((l) => totalOfLine(l.quantity, l.unit_price, l.discount_bp));
  const subtotal = out.reduce((sum, l) => sum + l.total, 0);
  return { lines: out, subtotal, discount, total: subtotal - discount };
}

/** The largest amount a line or a document may reach: a billion units (the server's kMaxAmount). */
export const MAX_AMOUNT = 100_000_000_000;

/**
 * An amount in minor units for people, in the currency and the user's locale
 * ("R$ 1.234,56", "$1,234.56" in Spanish). Without a currency (the ERP's documents carry no
 * prices) the plain number. Spanish readers get Mexican digits ("$1,234.56").
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const value = minor / 100;
  if (!currency) return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  return numberFormat(locale, { style: 'currency', currency }).format(value);
}

/** An amount in minor units as the editor shows it to be typed again ("1234,56" in pt-BR). */
export function moneyInput(minor: number, locale: string): string {
  return numberFormat(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(minor / 100);
}

/**
 * A typed amount in minor units, NaN when it is not one. The last "," or "." followed by
 * one or two digits is the decimal separator, whichever the locale, so that a Brazilian
 * "1.234,56" and a Mexican "1,234.56" both read as 123456; other separators group
 * thousands ("1.234" is 1234). Negative amounts and more than two decimals are refused.
 */
export function parseMoney(text: string): number {
  const s = text.replace(/[\s\u00a0]/g, '').replace(/^(R\$|MXN|\$)/i, '');
  if (!/^\d[\d.,]*$/.test(s)) return Number.NaN;
  const m = /^(.*?)(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return Number.NaN;
  const whole = m[1];
  const cents = m[2] ?? '';
  if (!/^\d{1,3}([.,]?\d{3})*$/.test(whole) && !/^\d+$/.test(whole)) return Number.NaN;
  const units = Number(whole.replace(/[.,]/g, ''));
  const value = units * 100 + Number(cents.padEnd(2, '0') || '0');
  return Number.isSafeInteger(value) ? value : Number.NaN;
}

/** A typed percentage (0–100, two decimals) in hundredths of a percent; NaN otherwise. */
export function parsePercent(text: string): number {
  const s = text.replace(/[\s%]/g, '');
  if (s === '') return 0;
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return Number.NaN;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  return bp <= 10000 ? bp : Number.NaN;
}

/** A typed quantity above zero with at most three decimals ("1,5", "0.125"); NaN otherwise. */
export function parseDocQuantity(text: string): number {
  const s = text.replace(/\s/g, '');
  const m = /^(\d{1,7})(?:[.,](\d{1,3}))?$/.exec(s);
  if (!m) return Number.NaN;
  const milli = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0') || '0');
  if (milli <= 0 || milli > 1_000_000_000) return Number.NaN;
  return milli / 1000;
}

/** A percentage in hundredths as the API takes it (10.5 for 1050). */
export function percentOf(bp: number): number {
  return bp / 100;
}

/** The API's percentage (two decimals) in hundredths. */
export function basisPointsOf(percent: number): number {
  return Math.round(percent * 100);
}
