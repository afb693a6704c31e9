import { describe, expect, it } from 'vitest';
import { formatMoney, moneyInput, parseDocQuantity, parseMoney, parsePercent, totalOfLine, totalsOf } from './money';

describe('totals as the server computes them (domain/sales_flow_test.cc)', () => {
  // The same table as the domain's LineTotalsRoundHalfAwayFromZero: a total shown while
  // typing that differed from the saved one would be a wrong quote.
  const cases: [number, number, number, [number, number, number]][] = [
    [1, 1000, 0, [1000, 0, 1000]],
    [3, 1999, 1000, [5997, 600, 5397]], // 10 % of 59.97 = 5.997 -> 6.00
    [0.5, 1001, 0, [501, 0, 501]], // 5.005 -> 5.01
    [0.1, 30, 0, [3, 0, 3]], // thousandths: 0.1 x 0.30 exact
    [2.5, 333, 5000, [833, 417, 416]], // 8.325 -> 8.33; half of it 4.165 -> 4.17
    [1, 99, 10000, [99, 99, 0]], // 100 % off
    [1, 5, 1050, [5, 1, 4]], // 10.5 % of 0.05 = 0.00525 -> 0.01
    [1000000, 100000, 0, [100000000000, 0, 100000000000]],
  ];
  it.each(cases)('%s x %s - %s bp', (quantity, unitPrice, bp, [gross, discount, total]) => {
    expect(totalOfLine(quantity, unitPrice, bp)).toEqual({ gross, discount, total });
  });

  it('subtracts the document discount from the lines (DocumentTotalsSubtractTheDocumentDiscount)', () => {
    const t = totalsOf(
      [
        { quantity: 2, unit_price: 15000, discount_bp: 1000 },
        { quantity: 1, unit_price: 4990, discount_bp: 0 },
      ],
      990,
    );
    expect(t.lines.map((l) => l.total)).toEqual([27000, 4990]);
    expect([t.subtotal, t.discount, t.total]).toEqual([31990, 990, 31000]);
  });

  it('rounds each line, not the sum (the API test of mixed quantities)', () => {
    const t = totalsOf(
      [
        { quantity: 2.5, unit_price: 333, discount_bp: 5000 },
        { quantity: 0.5, unit_price: 1001, discount_bp: 0 },
      ],
      17,
    );
    expect(t.lines.map((l) => l.total)).toEqual([416, 501]);
    expect([t.subtotal, t.total]).toEqual([917, 900]);
  });
});

describe('typed amounts', () => {
  it.each([
    ['150', 15000],
    ['150,00', 15000],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['R$ 1.234,56', 123456],
    ['49,9', 4990],
    ['0,05', 5],
    ['1.234', 123400],
    ['1 234,5', 123450],
  ])('%s is %i minor units', (text, minor) => {
    expect(parseMoney(text)).toBe(minor);
  });

  it.each(['', 'abc', '-5', '1,234,5678', '12,34,56', '1.2.3'])('refuses %j', (text) => {
    expect(parseMoney(text)).toBeNaN();
  });

  it('reads percentages in hundredths, 0 to 100 with two decimals', () => {
    expect(parsePercent('')).toBe(0);
    expect(parsePercent('10')).toBe(1000);
    expect(parsePercent('10,5')).toBe(1050);
    expect(parsePercent('12.25 %')).toBe(1225);
    expect(parsePercent('100')).toBe(10000);
    expect(parsePercent('100,01')).toBeNaN();
    expect(parsePercent('1,234')).toBeNaN();
  });

  it('reads quantities above zero with up to three decimals', () => {
    expect(parseDocQuantity('2')).toBe(2);
    expect(parseDocQuantity('1,5')).toBe(1.5);
    expect(parseDocQuantity('0.125')).toBe(0.125);
    expect(parseDocQuantity('0')).toBeNaN();
    expect(parseDocQuantity('0,0001')).toBeNaN();
    expect(parseDocQuantity('1000001')).toBeNaN();
  });
});

describe('amounts for people', () => {
  const clean = (s: string) => s.replace(/\s/g, ' ');
  it('formats in the company currency and the user locale', () => {
    expect(clean(formatMoney(123456, 'BRL', 'pt-BR'))).toBe('R$ 1.234,56');
    expect(clean(formatMoney(123456, 'MXN', 'en'))).toBe('MX$ 1,234.56'.replace('MX$ ', 'MX$'));
    expect(clean(formatMoney(1234567, 'MXN', 'es'))).toBe('$12,345.67');
    expect(clean(formatMoney(31000, '', 'pt-BR'))).toBe('310,00');
  });

  it('writes an amount back as it is typed', () => {
    expect(moneyInput(123456, 'pt-BR')).toBe('1234,56');
    expect(moneyInput(123456, 'en')).toBe('1234.56');
    expect(parseMoney(moneyInput(4990, 'es'))).toBe(4990);
    expect(moneyInput(123456, 'es')).toBe('1234.56');
  });

  // Spanish readers are Mexican: "$1,234.56" as they write it, never Spain's "1234,56 MXN".
  it.each([
    ['pt-BR', 'BRL', 'R$ 1.234,56'],
    ['es', 'MXN', '$1,234.56'],
    ['en', 'MXN', 'MX$1,234.56'],
    ['es', 'BRL', 'BRL 1,234.56'],
    ['pt-BR', '', '1.234,56'],
    ['es', '', '1,234.56'],
  ])('%s reader, %s', (locale, currency, expected) => {
    expect(clean(formatMoney(123456, currency, locale))).toBe(expected);
  });
});
