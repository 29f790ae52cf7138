import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, formatDate, isCalendarDate, todayIn } from '../../../src-renderer/domain/dates';

describe('todayIn', () => {
  it.each([
    // Paris is UTC+1 in winter, UTC+2 in summer.
    ['Europe/Paris', '2026-11-22T22:59:59Z', '2026-11-22'],
    ['Europe/Paris', '2026-11-22T23:00:00Z', '2026-11-23'],
    ['Europe/Paris', '2026-07-14T21:59:00Z', '2026-07-14'],
    ['Europe/Paris', '2026-07-14T22:00:00Z', '2026-07-15'],
    // DST nights: 2026-03-29 (02:00 → 03:00) and 2026-10-25 (03:00 → 02:00).
    ['Europe/Paris', '2026-03-28T23:30:00Z', '2026-03-29'],
    ['Europe/Paris', '2026-03-29T21:59:00Z', '2026-03-29'],
    ['Europe/Paris', '2026-03-29T22:00:00Z', '2026-03-30'],
    ['Europe/Paris', '2026-10-24T22:00:00Z', '2026-10-25'],
    ['Europe/Paris', '2026-10-25T22:59:00Z', '2026-10-25'],
    ['Europe/Paris', '2026-10-25T23:00:00Z', '2026-10-26'],
    ['America/Martinique', '2026-11-23T03:00:00Z', '2026-11-22'],
    ['UTC', '2026-11-23T00:00:00+01:00', '2026-11-22'],
  ])('%s at %s is %s', (timeZone, nowIso, expected) => {
    expect(todayIn(timeZone, nowIso)).toBe(expected);
  });

  it('refuses a malformed instant', () => {
    expect(() => todayIn('Europe/Paris', 'yesterday')).toThrow(/ISO instant/);
  });

  // todayIn keeps each UTC day's offset (no daylight-saving change that day); the time-zone database
  // through date-fns is the reference, every 7 minutes over the change days and around midnights.
  it.each([
    ['Europe/Paris', ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26', '2026-11-22']],
    ['America/New_York', ['2026-03-08', '2026-03-09', '2026-11-01', '2026-11-02']],
    ['Asia/Kolkata', ['2026-11-22', '2026-11-23']], // UTC+5:30, no daylight saving
    ['Australia/Lord_Howe', ['2026-04-04', '2026-04-05', '2026-10-03', '2026-10-04']], // a half-hour change
    ['Pacific/Chatham', ['2026-04-04', '2026-04-05', '2026-09-26', '2026-09-27']], // UTC+12:45 / +13:45
    ['America/Martinique', ['2026-11-22']],
  ])('%s: the same date as the time-zone database at every instant of its change days', (timeZone, days) => {
    const zone = tz(timeZone);
    for (const day of days) {
      const start = Date.parse(`${day}T00:00:00Z`);
      for (let ms = start - 86_400_000; ms < start + 2 * 86_400_000; ms += 7 * 60_000) {
        const iso = new Date(ms).toISOString();
        expect(todayIn(timeZone, iso), `${timeZone} at ${iso}`).toBe(format(new Date(ms), 'yyyy-MM-dd', { in: zone }));
      }
    }
  });
});

describe('addDays', () => {
  it.each([
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-28', 2, '2026-03-30'], // across the spring-forward night
    ['2026-10-24', 2, '2026-10-26'], // across the fall-back night
    ['2026-10-26', -2, '2026-10-24'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'], // leap year
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-11-23', -545, '2025-05-27'],
    ['2026-11-23', 0, '2026-11-23'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(/calendar date/);
    expect(() => addDays('23/11/2026', 1)).toThrow(/calendar date/);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-03-28', '2026-03-30', 2], // the 23-hour day counts as one day
    ['2026-10-24', '2026-10-26', 2], // the 25-hour day counts as one day
    ['2026-03-01', '2026-04-01', 31],
    ['2026-10-01', '2026-11-01', 31],
    ['2026-11-23', '2026-11-23', 0],
    ['2026-11-23', '2026-11-13', -10],
    ['2025-01-01', '2026-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
  ])('from %s to %s is %i days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-10-19', 3, '2027-01-19'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('formatDate', () => {
  it.each([
    ['2026-11-22', 'fr', 'long', '22 novembre 2026'],
    ['2026-11-22', 'fr', 'short', '22/11/2026'],
    ['2026-03-01', 'fr', 'long', '1 mars 2026'],
    ['2026-02-05', 'fr', 'long', '5 février 2026'],
    ['2026-08-15', 'fr', 'long', '15 août 2026'],
    ['2026-11-22', 'en', 'long', '22 November 2026'],
    ['2026-11-22', 'en', 'short', '22/11/2026'],
    ['2026-03-29', 'fr', 'long', '29 mars 2026'],
    ['2026-10-25', 'fr', 'long', '25 octobre 2026'],
  ] as const)('%s in %s (%s) → %s', (date, locale, style, expected) => {
    expect(formatDate(date, locale, style)).toBe(expected);
  });

  it('writes the short form exactly as date-fns does, every day of 2024 to 2028 (leap years included)', () => {
    for (let date = '2024-01-01'; date <= '2028-12-31'; date = addDays(date, 1)) {
      const expected = format(new Date(`${date}T00:00:00Z`), 'dd/MM/yyyy', { in: tz('UTC') });
      expect(formatDate(date, 'fr', 'short')).toBe(expected);
    }
  });

  it.each(['2026-02-30', '22/11/2026', ''])('refuses %j in the short form too', (date) => {
    expect(() => formatDate(date, 'fr', 'short')).toThrow(/calendar date/);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2026-11-23', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-1-1', false],
    ['', false],
  ])('%j → %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});
