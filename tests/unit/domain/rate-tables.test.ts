import { describe, expect, it } from 'vitest';
import { KNOWN_RATES, ratesCoverage, type LateFeeRates } from '../../../src-renderer/domain/rates';
import {
  checkHalfYear,
  checkRateEntry,
  halfYearStart,
  isHalfYearStart,
  lateFeeRatesOf,
  nextHalfYearStart,
  parsePercent,
  rateInForce,
  withHalfYear,
  withoutRate,
  withRate,
} from '../../../src-renderer/domain/rate-tables';

const small = (): LateFeeRates => ({
  ecb: [
    { from: '2025-06-11', ratePercent: 2.15 },
    { from: '2024-12-18', ratePercent: 3.15 },
  ],
  legalConsumer: [
    { from: '2026-01-01', ratePercent: 6.67 },
    { from: '2025-07-01', ratePercent: 6.65 },
  ],
  knownUntil: '2026-06-30',
});

describe('the shop’s tables', () => {
  it('are the shipped ones until saved, as copies', () => {
    const rates = lateFeeRatesOf({});
    expect(rates).toEqual(KNOWN_RATES);
    rates.ecb.push({ from: '2030-01-01', ratePercent: 1 });
    expect(KNOWN_RATES.ecb.some((entry) => entry.from === '2030-01-01')).toBe(false);
    expect(lateFeeRatesOf({ lateFeeRates: small() })).toEqual(small());
  });
});

describe('half-years', () => {
  it.each([
    ['2026-01-01', '2026-01-01', true],
    ['2026-06-30', '2026-01-01', false],
    ['2026-07-01', '2026-07-01', true],
    ['2026-12-31', '2026-07-01', false],
  ])('%s starts on %s', (date, start, isStart) => {
    expect(halfYearStart(date)).toBe(start);
    expect(isHalfYearStart(date)).toBe(isStart);
  });

  it.each([
    ['2026-06-30', '2026-11-23', '2026-07-01'],
    ['2026-12-31', '2026-11-23', '2027-01-01'],
    ['', '2026-11-23', '2026-07-01'],
  ])('after %s (today %s) comes %s', (knownUntil, today, expected) => {
    expect(nextHalfYearStart(knownUntil, today)).toBe(expected);
  });
});

describe('reading and typing rates', () => {
  it.each([
    ['2025-06-11', 2.15],
    ['2025-06-10', 3.15],
    ['2030-01-01', 2.15],
    ['2024-01-01', undefined],
  ])('rate in force on %s: %s', (date, expected) => {
    expect(rateInForce(small().ecb, date)).toBe(expected);
  });

  it.each([
    ['6,67', 6.67],
    ['6.67', 6.67],
    [' 2,15 % ', 2.15],
    ['0', 0],
    ['100', 100],
    ['4,125', 4.125],
    ['101', undefined],
    ['-1', undefined],
    ['6,6789', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('parsePercent(%j) = %s', (text, expected) => {
    expect(parsePercent(text)).toBe(expected);
  });
});

describe('adding and correcting entries', () => {
  it.each([
    ['a new ECB change on any day', 'ecb', { from: '2026-09-10', ratePercent: 2 }, undefined, undefined],
    ['a date that does not exist', 'ecb', { from: '2026-02-30', ratePercent: 2 }, undefined, 'bad-date'],
    ['a rate that is not a number', 'ecb', { from: '2026-09-10', ratePercent: Number.NaN }, undefined, 'bad-rate'],
    ['a negative rate', 'ecb', { from: '2026-09-10', ratePercent: -0.5 }, undefined, 'bad-rate'],
    ['a legal rate not starting a half-year', 'legalConsumer', { from: '2026-07-02', ratePercent: 6 }, undefined, 'not-half-year-start'],
    ['a date already taken', 'legalConsumer', { from: '2026-01-01', ratePercent: 6 }, undefined, 'date-taken'],
    ['a correction keeping its date', 'legalConsumer', { from: '2026-01-01', ratePercent: 6 }, '2026-01-01', undefined],
    ['a correction moved onto another entry', 'ecb', { from: '2024-12-18', ratePercent: 2 }, '2025-06-11', 'date-taken'],
  ] as const)('%s', (_, table, entry, replacing, expected) => {
    expect(checkRateEntry(small(), table, entry, replacing)).toBe(expected);
  });

  it('withRate adds in date order, or replaces the corrected entry; withoutRate removes one', () => {
    const added = withRate(small(), 'ecb', { from: '2026-09-10', ratePercent: 2 });
    expect(added.ecb.map((entry) => entry.from)).toEqual(['2024-12-18', '2025-06-11', '2026-09-10']);
    const corrected = withRate(small(), 'legalConsumer', { from: '2026-01-01', ratePercent: 6.6 }, '2026-01-01');
    expect(corrected.legalConsumer).toEqual([
      { from: '2025-07-01', ratePercent: 6.65 },
      { from: '2026-01-01', ratePercent: 6.6 },
    ]);
    expect(corrected.knownUntil).toBe('2026-06-30');
    expect(() => withRate(small(), 'legalConsumer', { from: '2026-03-01', ratePercent: 6 })).toThrow(/not-half-year-start/);
    expect(withoutRate(small(), 'ecb', '2025-06-11').ecb).toEqual([{ from: '2024-12-18', ratePercent: 3.15 }]);
  });
});

describe('adding a half-year', () => {
  it.each([
    [
      'same ECB rate: only the legal rate, coverage moves on',
      { start: '2026-07-01', ecbPercent: 2.15, legalConsumerPercent: 6.5 },
      { ecbAdded: false, knownUntil: '2026-12-31' },
    ],
    [
      'a new ECB rate: dated the first day of the half-year',
      { start: '2026-07-01', ecbPercent: 2.4, legalConsumerPercent: 6.5 },
      { ecbAdded: true, knownUntil: '2026-12-31' },
    ],
    [
      'a past half-year corrected: coverage does not move back',
      { start: '2025-07-01', ecbPercent: 2.15, legalConsumerPercent: 6.6 },
      { ecbAdded: false, knownUntil: '2026-06-30' },
    ],
  ])('%s', (_, half, expected) => {
    const rates = withHalfYear(small(), half);
    expect(rates.legalConsumer.find((entry) => entry.from === half.start)).toEqual({ from: half.start, ratePercent: half.legalConsumerPercent });
    expect(rates.legalConsumer.filter((entry) => entry.from === half.start)).toHaveLength(1);
    expect(rates.ecb.some((entry) => entry.from === half.start)).toBe(expected.ecbAdded);
    expect(rateInForce(rates.ecb, half.start)).toBe(half.ecbPercent);
    expect(rates.knownUntil).toBe(expected.knownUntil);
  });

  it('the coverage warning of the current half-year goes once it is added', () => {
    const today = '2026-11-23';
    expect(ratesCoverage(KNOWN_RATES, today)).toEqual({ knownUntil: '2026-06-30', currentHalfYearMissing: true });
    const added = withHalfYear(lateFeeRatesOf({}), { start: nextHalfYearStart('2026-06-30', today), ecbPercent: 2.15, legalConsumerPercent: 6.5 });
    expect(ratesCoverage(added, today)).toEqual({ knownUntil: '2026-12-31', currentHalfYearMissing: false });
    expect(ratesCoverage(added, '2027-01-01').currentHalfYearMissing).toBe(true);
  });

  it('tables without knownUntil follow their latest legal rate', () => {
    const { knownUntil: _, ...open } = small();
    const added = withHalfYear(open, { start: '2026-07-01', ecbPercent: 2.15, legalConsumerPercent: 6.5 });
    expect(added.knownUntil).toBeUndefined();
    expect(ratesCoverage(added, '2026-11-23').knownUntil).toBe('2026-12-31');
  });

  it.each([
    [{ start: '2026-08-01', ecbPercent: 2, legalConsumerPercent: 6 }, [{ field: 'start', problem: 'not-half-year-start' }]],
    [{ start: '2026-07-01', ecbPercent: Number.NaN, legalConsumerPercent: 120 }, [{ field: 'ecbPercent', problem: 'bad-rate' }, { field: 'legalConsumerPercent', problem: 'bad-rate' }]],
    [{ start: '2026-07-01', ecbPercent: 0, legalConsumerPercent: 0 }, []],
  ])('checkHalfYear(%j)', (half, expected) => {
    expect(checkHalfYear(half)).toEqual(expected);
    if (expected.length > 0) expect(() => withHalfYear(small(), half)).toThrow();
  });
});
