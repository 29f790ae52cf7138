import { describe, expect, it } from 'vitest';
import { parseAmount, parseDate } from '../../../src-renderer/domain/csv-values';

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const THIN = '\u2009';

describe('parseAmount', () => {
  it.each([
    ['0', 0],
    ['12', 1200],
    ['12,5', 1250],
    ['12,50', 1250],
    ['0,05', 5],
    ['1234,56', 123456],
    ['1234.56', 123456],
    ['1 234,56', 123456],
    [`1${NBSP}234,56`, 123456],
    [`1${NNBSP}234,56`, 123456],
    [`1${THIN}234,56`, 123456],
    ['1234,56 €', 123456],
    [`1${NNBSP}234,56${NBSP}€`, 123456],
    ['1234,56€', 123456],
    ['€1,234.56', 123456],
    ['EUR 99', 9900],
    ['99 eur', 9900],
    ['-12,00', -1200],
    ['−12,00', -1200],
    ['- 12,00', -1200],
    ['-€20.00', -2000],
    ['+7,10', 710],
    ['-0,00', 0],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1.234.567,89', 123456789],
    ['1,234,567.89', 123456789],
    ['1 234 567', 123456700],
    ['1.234.567', 123456700],
    ['1,234,567', 123456700],
    ['1 234,5', 123450],
    ['12,5000', 1250],
    ['1234.500', 123450], // four-digit integer part: cannot be a thousands group
    ['0.125', null], // decimal (0 is no group), but three significant decimals
    ['0,100', 10],
    ['0,10', 10],
    ['  42,00  ', 4200],
    // 0.1 + 0.2 style floating errors must not appear: 1.15 * 100 = 114.99999999999999 in floats.
    ['1,15', 115],
    ['4,35', 435],
    ['1005,07', 100507],
    ['9999999999999,99', 999999999999999],
  ])('%j → %s cents', (text, cents) => {
    const result = parseAmount(text);
    if (cents === null) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, value: cents });
  });

  it.each([
    ['', 'Missing amount'],
    ['   ', 'Missing amount'],
    ['abc', 'Unparseable amount "abc"'],
    ['douze euros', 'Unparseable amount "douze euros"'],
    ['12,34,56', 'Unparseable amount "12,34,56"'],
    ['1.234', 'ambiguous'],
    ['1,234', 'ambiguous'],
    ['12 34,56', 'misplaced thousands separator'],
    ['1.23.456', 'misplaced thousands separator'],
    ['1 234,567', 'more than two decimals'],
    ['12,345 6', 'Unparseable amount'],
    ['12,3456', 'more than two decimals'],
    ['1.234,56.78', 'Unparseable amount'],
    [',50', 'Unparseable amount'],
    ['12,', 'Unparseable amount'],
    ['=1+2', 'Unparseable amount'],
    ['1e3', 'Unparseable amount'],
    ['--12', 'Unparseable amount'],
    ['12-', 'Unparseable amount'],
    ['€', 'Unparseable amount'],
    ['12 €50', 'Unparseable amount'],
    ['12345678901234,00', 'too large'],
  ])('refuses %j (%s)', (text, message) => {
    const result = parseAmount(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('parseDate', () => {
  it.each([
    ['31/12/2026', '2026-12-31'],
    ['31.12.2026', '2026-12-31'],
    ['31-12-2026', '2026-12-31'],
    ['2026-12-31', '2026-12-31'],
    ['1/2/2026', '2026-02-01'],
    ['01/02/2026', '2026-02-01'],
    ['31/12/26', '2026-12-31'],
    ['01/01/00', '2000-01-01'],
    ['29/02/2028', '2028-02-29'],
    ['29/02/2000', '2000-02-29'],
    ['31/12/2026 00:00', '2026-12-31'],
    ['31/12/2026 23:59:59', '2026-12-31'],
    ['2026-12-31T00:00:00', '2026-12-31'],
    ['2026-12-31 08:30', '2026-12-31'],
    ['  05/03/2026 ', '2026-03-05'],
  ])('%j → %s', (text, expected) => {
    expect(parseDate(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['31/02/2026'],
    ['29/02/2027'],
    ['29/02/1900'],
    ['31/04/2026'],
    ['00/01/2026'],
    ['01/13/2026'],
    ['12/31/2026'], // month first: not recognised
    ['2026-02-30'],
    ['2026-13-01'],
    ['2026/12/31'],
    ['31/12/2026T25:00'],
    ['31/12/2026 24:00'],
    ['2026-12-31T23:00:00Z'],
    ['2026-12-31T00:00:00+01:00'],
    ['31/12-2026'],
    ['31/12/202'],
    ['46022'], // Excel serial number
    ['demain'],
    ['=TODAY()'],
  ])('refuses %j', (text) => {
    expect(parseDate(text)).toEqual({
      ok: false,
      message: `Unparseable date "${text.trim()}": expected DD/MM/YYYY or YYYY-MM-DD`,
    });
  });

  it('reports an empty cell as missing', () => {
    expect(parseDate('  ')).toEqual({ ok: false, message: 'Missing date' });
  });
});
