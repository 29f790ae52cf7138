import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR, type BusinessHours } from '../../../src-renderer/domain/calendar';
import {
  businessCalendarOf,
  closedRuns,
  DEFAULT_BUSINESS_HOURS,
  minutesOf,
  nextSendingTime,
  validateBusinessHours,
  withClosedDates,
  withoutClosedRun,
  type CalendarProblem,
} from '../../../src-renderer/domain/calendar-settings';

const hours = (change: Partial<BusinessHours> = {}): BusinessHours => ({ ...DEFAULT_BUSINESS_HOURS, ...change });
const windows = (...pairs: [string, string][]) => pairs.map(([start, end]) => ({ start, end }));

describe('validateBusinessHours', () => {
  it.each<[string, BusinessHours, CalendarProblem[]]>([
    ['the default hours', hours(), []],
    ['windows that only touch', hours({ windows: windows(['09:00', '12:00'], ['12:00', '14:00']) }), []],
    ['a window to midnight', hours({ windows: windows(['18:00', '24:00']) }), []],
    ['windows given in any order', hours({ windows: windows(['14:00', '18:00'], ['09:00', '12:00']) }), []],
    ['no day', hours({ days: [] }), [{ code: 'no-open-day' }]],
    ['no window', hours({ windows: [] }), [{ code: 'no-window' }]],
    ['a start that is not a time', hours({ windows: windows(['9h', '12:00']) }), [{ code: 'bad-time', window: 0, bound: 'start' }]],
    ['24:00 as a start', hours({ windows: windows(['24:00', '24:00']) }), [{ code: 'bad-time', window: 0, bound: 'start' }]],
    ['minutes past 59', hours({ windows: windows(['09:00', '12:60']) }), [{ code: 'bad-time', window: 0, bound: 'end' }]],
    ['an empty end', hours({ windows: windows(['09:00', '']) }), [{ code: 'bad-time', window: 0, bound: 'end' }]],
    ['a window ending when it starts', hours({ windows: windows(['09:00', '09:00']) }), [{ code: 'window-ends-before-start', window: 0 }]],
    ['a window ending before it starts', hours({ windows: windows(['18:00', '14:00']) }), [{ code: 'window-ends-before-start', window: 0 }]],
    ['overlapping windows', hours({ windows: windows(['09:00', '12:00'], ['11:00', '14:00']) }), [{ code: 'windows-overlap', window: 1, other: 0 }]],
    ['an overlap reported on the later window, whatever the order typed', hours({ windows: windows(['11:00', '14:00'], ['09:00', '12:00']) }), [{ code: 'windows-overlap', window: 0, other: 1 }]],
    [
      'a wide window containing two others',
      hours({ windows: windows(['08:00', '18:00'], ['09:00', '10:00'], ['11:00', '12:00']) }),
      [
        { code: 'windows-overlap', window: 1, other: 0 },
        { code: 'windows-overlap', window: 2, other: 0 },
      ],
    ],
    ['the same window twice', hours({ windows: windows(['09:00', '12:00'], ['09:00', '12:00']) }), [{ code: 'windows-overlap', window: 1, other: 0 }]],
    ['a closed date that is no date', hours({ closedDates: ['2026-02-30'] }), [{ code: 'bad-closed-date', date: '2026-02-30' }]],
  ])('%s', (_, value, expected) => {
    expect(validateBusinessHours(value)).toEqual(expected);
  });

  it.each([
    ['00:00', false, 0],
    ['09:30', false, 570],
    ['23:59', true, 1439],
    ['24:00', true, 1440],
    ['24:00', false, undefined],
    ['9:30', false, undefined],
    ['25:00', true, undefined],
  ] as const)('minutesOf(%s, end=%s) = %s', (value, isEnd, expected) => {
    expect(minutesOf(value, isEnd)).toBe(expected);
  });
});

describe('closed dates', () => {
  it('adds a run of days, sorted, without repeats', () => {
    expect(withClosedDates(['2026-12-30', '2026-08-10'], '2026-12-28', '2026-12-31')).toEqual(['2026-08-10', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);
    expect(withClosedDates([], '2027-01-02')).toEqual(['2027-01-02']);
    // Across a month and a leap day.
    expect(withClosedDates([], '2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
  });

  it.each([
    ['the end before the start', '2026-12-31', '2026-12-01'],
    ['a date that does not exist', '2026-02-30', '2026-03-02'],
    ['an empty start', '', '2026-03-02'],
    ['more than a year', '2026-01-01', '2027-01-02'],
  ])('refuses %s', (_, from, to) => {
    expect(withClosedDates([], from, to)).toBeUndefined();
  });

  it('groups consecutive dates into runs and removes a run', () => {
    const dates = withClosedDates(withClosedDates([], '2026-12-24', '2026-12-31')!, '2026-08-15')!;
    expect(closedRuns(dates)).toEqual([
      { from: '2026-08-15', to: '2026-08-15' },
      { from: '2026-12-24', to: '2026-12-31' },
    ]);
    expect(withoutClosedRun(dates, '2026-12-24', '2026-12-31')).toEqual(['2026-08-15']);
    // Year boundaries are consecutive too.
    expect(closedRuns(['2026-12-31', '2027-01-01'])).toEqual([{ from: '2026-12-31', to: '2027-01-01' }]);
  });
});

describe('the calendar the app follows', () => {
  it('is the default in the shop’s time zone until the shop saves its own', () => {
    expect(businessCalendarOf({ timeZone: 'Europe/Paris' })).toEqual({ ...DEFAULT_BUSINESS_CALENDAR, closedDates: [] });
    expect(businessCalendarOf({ timeZone: 'America/Martinique' }).timeZone).toBe('America/Martinique');
    const saved = hours({ days: [2, 3, 4, 5, 6], holidays: 'FR-alsace-moselle', closedDates: ['2026-12-26'] });
    expect(businessCalendarOf({ timeZone: 'Europe/Paris', businessCalendar: saved })).toEqual({ ...saved, timeZone: 'Europe/Paris' });
  });

  it.each([
    ['inside a window: now', hours(), '2026-11-23T09:30:00.000Z', '2026-11-23T09:30:00.000Z'],
    ['at lunch: the afternoon window', hours(), '2026-11-23T11:30:00.000Z', '2026-11-23T13:00:00.000Z'],
    ['a closed week: the Monday after', hours({ closedDates: withClosedDates([], '2026-11-23', '2026-11-27') }), '2026-11-23T09:30:00.000Z', '2026-11-30T08:00:00.000Z'],
    ['Saturday opened: Saturday morning', hours({ days: [1, 2, 3, 4, 5, 6], closedDates: withClosedDates([], '2026-11-23', '2026-11-27') }), '2026-11-23T09:30:00.000Z', '2026-11-28T08:00:00.000Z'],
    ['Christmas Friday and the weekend: the Monday', hours(), '2026-12-24T17:30:00.000Z', '2026-12-28T08:00:00.000Z'],
    ['26 December in Alsace-Moselle is closed on a weekday (2025)', hours({ holidays: 'FR-alsace-moselle' }), '2025-12-25T12:00:00.000Z', '2025-12-29T08:00:00.000Z'],
    ['26 December elsewhere is open (2025)', hours(), '2025-12-25T12:00:00.000Z', '2025-12-26T08:00:00.000Z'],
    ['invalid hours: no time', hours({ windows: windows(['14:00', '12:00']) }), '2026-11-23T09:30:00.000Z', undefined],
    ['every day closed for a year and more: no time', hours({ days: [1], closedDates: Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2026, 10, 23 + 7 * i)).toISOString().slice(0, 10)) }), '2026-11-23T09:30:00.000Z', undefined],
  ])('next sending time, %s', (_, value, now, expected) => {
    expect(nextSendingTime(value, 'Europe/Paris', now)).toBe(expected);
  });
});
