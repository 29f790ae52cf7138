import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BUSINESS_CALENDAR,
  frenchPublicHolidays,
  isFrenchPublicHoliday,
  nextAllowedInstant,
  type BusinessCalendar,
} from '../../../src-renderer/domain/calendar';

describe('isFrenchPublicHoliday', () => {
  it.each([
    // 2024: Easter Sunday 31 March → Easter Monday 31/3 + 1 = 1 April, Ascension 31/3 + 39 = 9 May,
    // Whit Monday 31/3 + 50 = 20 May.
    ['2024-04-01', true],
    ['2024-05-09', true],
    ['2024-05-20', true],
    ['2024-03-31', false], // Easter Sunday itself is not on the list (a Sunday anyway)
    // 2025: Easter 20 April → 21 April, 20/4 + 39 = 29 May, 20/4 + 50 = 9 June.
    ['2025-04-21', true],
    ['2025-05-29', true],
    ['2025-06-09', true],
    ['2025-05-28', false],
    // 2026: Easter 5 April → 6 April, 5/4 + 39 = 14 May, 5/4 + 50 = 25 May.
    ['2026-04-06', true],
    ['2026-05-14', true],
    ['2026-05-25', true],
    ['2026-04-03', false], // Good Friday: Alsace-Moselle only
    // 2027: Easter 28 March → 29 March, 28/3 + 39 = 6 May, 28/3 + 50 = 17 May.
    ['2027-03-29', true],
    ['2027-05-06', true],
    ['2027-05-17', true],
    // 2038: Easter 25 April, the latest possible → Easter Monday 26 April.
    ['2038-04-26', true],
    // 2008: Ascension 23/3 + 39 = 1 May, same day as Labour Day.
    ['2008-05-01', true],
    // Fixed dates.
    ['2026-01-01', true],
    ['2026-05-01', true],
    ['2026-05-08', true],
    ['2026-07-14', true],
    ['2026-08-15', true],
    ['2026-11-01', true],
    ['2026-11-11', true],
    ['2026-12-25', true],
    ['2026-12-26', false], // Alsace-Moselle only
    ['2026-11-23', false],
    ['2026-12-31', false],
  ])('%s → %s in metropolitan France', (date, expected) => {
    expect(isFrenchPublicHoliday(date)).toBe(expected);
    expect(isFrenchPublicHoliday(date, 'metropole')).toBe(expected);
  });

  it.each([
    ['2024-03-29', true], // Good Friday = 31/3 − 2
    ['2025-04-18', true], // 20/4 − 2
    ['2026-04-03', true], // 5/4 − 2
    ['2027-03-26', true], // 28/3 − 2
    ['2026-12-26', true], // Saint-Étienne
    ['2026-12-25', true],
    ['2026-04-06', true],
    ['2026-12-27', false],
  ])('%s → %s in Alsace-Moselle', (date, expected) => {
    expect(isFrenchPublicHoliday(date, 'alsace-moselle')).toBe(expected);
  });

  it('refuses a malformed date', () => {
    expect(() => isFrenchPublicHoliday('2026-02-30')).toThrow(/calendar date/);
  });
});

describe('frenchPublicHolidays', () => {
  it('lists the 11 national holidays of 2026 in date order, named in French and English', () => {
    expect(frenchPublicHolidays(2026, 'metropole')).toEqual([
      { date: '2026-01-01', name: { fr: "Jour de l'an", en: "New Year's Day" } },
      { date: '2026-04-06', name: { fr: 'Lundi de Pâques', en: 'Easter Monday' } },
      { date: '2026-05-01', name: { fr: 'Fête du Travail', en: 'Labour Day' } },
      { date: '2026-05-08', name: { fr: 'Victoire 1945', en: 'Victory in Europe Day' } },
      { date: '2026-05-14', name: { fr: 'Ascension', en: 'Ascension Day' } },
      { date: '2026-05-25', name: { fr: 'Lundi de Pentecôte', en: 'Whit Monday' } },
      { date: '2026-07-14', name: { fr: 'Fête nationale', en: 'Bastille Day' } },
      { date: '2026-08-15', name: { fr: 'Assomption', en: 'Assumption Day' } },
      { date: '2026-11-01', name: { fr: 'Toussaint', en: "All Saints' Day" } },
      { date: '2026-11-11', name: { fr: 'Armistice 1918', en: 'Armistice Day' } },
      { date: '2026-12-25', name: { fr: 'Noël', en: 'Christmas Day' } },
    ]);
  });

  it.each([
    // year, region, count, Easter-based dates
    [2024, 'metropole', 11, ['2024-04-01', '2024-05-09', '2024-05-20']],
    [2025, 'metropole', 11, ['2025-04-21', '2025-05-29', '2025-06-09']],
    [2027, 'metropole', 11, ['2027-03-29', '2027-05-06', '2027-05-17']],
    [2027, 'alsace-moselle', 13, ['2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17']],
  ] as const)('%i %s: %i holidays including %j', (year, region, count, movable) => {
    const dates = frenchPublicHolidays(year, region).map((holiday) => holiday.date);
    expect(dates).toHaveLength(count);
    expect(dates).toEqual(expect.arrayContaining([...movable]));
    expect([...dates].sort()).toEqual(dates);
  });

  it('adds Good Friday and St Stephen’s Day in Alsace-Moselle', () => {
    const extra = frenchPublicHolidays(2026, 'alsace-moselle').filter((holiday) => !isFrenchPublicHoliday(holiday.date));
    expect(extra).toEqual([
      { date: '2026-04-03', name: { fr: 'Vendredi saint', en: 'Good Friday' } },
      { date: '2026-12-26', name: { fr: 'Saint-Étienne', en: "St Stephen's Day" } },
    ]);
  });

  it('returns a fresh list each time (the cache cannot be mutated from outside)', () => {
    const first = frenchPublicHolidays(2026);
    first.pop();
    (first[0] as { name: { fr: string } }).name.fr = 'changed';
    expect(frenchPublicHolidays(2026)).toHaveLength(11);
    expect(frenchPublicHolidays(2026)[0]?.name.fr).toBe("Jour de l'an");
  });

  it.each([1582, 2026.5, Number.NaN])('refuses year %d', (year) => {
    expect(() => frenchPublicHolidays(year)).toThrow(/Gregorian year/);
  });
});

const ALWAYS_OPEN_DAYS = [1, 2, 3, 4, 5, 6, 7];
const night = (start: string, end: string, timeZone = 'Europe/Paris'): BusinessCalendar => ({
  timeZone,
  days: ALWAYS_OPEN_DAYS,
  windows: [{ start, end }],
  holidays: 'none',
});

describe('nextAllowedInstant with the default calendar (Mon–Fri 09–12 and 14–18, Paris, FR holidays)', () => {
  it.each([
    // November 2026: Paris is UTC+1, so local = Z + 1 h. 2026-11-23 is a Monday.
    ['before opening: Mon 07:00 → 09:00 (08:00Z)', '2026-11-23T06:00:00Z', '2026-11-23T08:00:00.000Z'],
    ['at opening: Mon 09:00 exactly stays', '2026-11-23T08:00:00Z', '2026-11-23T08:00:00.000Z'],
    ['inside: Mon 10:15 stays', '2026-11-23T09:15:00Z', '2026-11-23T09:15:00.000Z'],
    ['last second of the morning: 11:59:59 stays', '2026-11-23T10:59:59Z', '2026-11-23T10:59:59.000Z'],
    ['end exclusive: 12:00 → 14:00 (13:00Z)', '2026-11-23T11:00:00Z', '2026-11-23T13:00:00.000Z'],
    ['lunch gap: 13:00 → 14:00', '2026-11-23T12:00:00Z', '2026-11-23T13:00:00.000Z'],
    ['afternoon: 16:30 stays', '2026-11-23T15:30:00Z', '2026-11-23T15:30:00.000Z'],
    ['after closing: Mon 18:00 → Tue 09:00', '2026-11-23T17:00:00Z', '2026-11-24T08:00:00.000Z'],
    ['late evening: Mon 21:00 → Tue 09:00', '2026-11-23T20:00:00Z', '2026-11-24T08:00:00.000Z'],
    ['early morning: Tue 05:30 → 09:00', '2026-11-24T04:30:00Z', '2026-11-24T08:00:00.000Z'],
    ['Friday evening → Monday: Fri 27th 21:00 → Mon 30th 09:00', '2026-11-27T20:00:00Z', '2026-11-30T08:00:00.000Z'],
    ['Saturday → Monday', '2026-11-28T10:00:00Z', '2026-11-30T08:00:00.000Z'],
    ['Sunday 23:30Z is already Monday 00:30 in Paris → Monday 09:00', '2026-11-29T23:30:00Z', '2026-11-30T08:00:00.000Z'],
    ['Sunday 22:30Z is still Sunday 23:30 in Paris → Monday 09:00', '2026-11-29T22:30:00Z', '2026-11-30T08:00:00.000Z'],
    ['an offset in the input: 10:00+01:00 = 09:00Z, inside', '2026-11-23T10:00:00+01:00', '2026-11-23T09:00:00.000Z'],
    ['holiday: Wed 11 Nov (Armistice) → Thu 12th 09:00', '2026-11-11T08:00:00Z', '2026-11-12T08:00:00.000Z'],
    ['holiday eve: Tue 10 Nov 18:30 → Thu 12th (Wed 11th is a holiday)', '2026-11-10T17:30:00Z', '2026-11-12T08:00:00.000Z'],
    ['Christmas: Thu 24 Dec 18:30 → Fri 25th holiday, weekend → Mon 28th', '2026-12-24T17:30:00Z', '2026-12-28T08:00:00.000Z'],
    ['New Year: Thu 31 Dec 18:30 → Fri 1 Jan holiday, weekend → Mon 4 Jan', '2026-12-31T17:30:00Z', '2027-01-04T08:00:00.000Z'],
    // May 2026: Paris is UTC+2. Ascension Thu 14 May; 1 May and 8 May are Fridays.
    ['Ascension: Wed 13 May 18:00 (16:00Z) → Fri 15th 09:00 (07:00Z)', '2026-05-13T16:00:00Z', '2026-05-15T07:00:00.000Z'],
    ['Labour Day: Thu 30 Apr 18:00 → Fri 1 May holiday, weekend → Mon 4 May 09:00', '2026-04-30T16:00:00Z', '2026-05-04T07:00:00.000Z'],
    ['Whit Monday: Sat 23 May → Sun, Mon 25th holiday → Tue 26th 09:00', '2026-05-23T08:00:00Z', '2026-05-26T07:00:00.000Z'],
    // Spring forward, night of Sat 28 → Sun 29 March 2026: Fri 27th is UTC+1, Mon 30th is UTC+2.
    ['spring DST: Fri 27 Mar 18:00 (17:00Z) → Mon 30th 09:00 summer time (07:00Z)', '2026-03-27T17:00:00Z', '2026-03-30T07:00:00.000Z'],
    // Fall back, night of Sat 24 → Sun 25 October 2026: Fri 23rd is UTC+2, Mon 26th is UTC+1.
    ['autumn DST: Fri 23 Oct 18:00 (16:00Z) → Mon 26th 09:00 winter time (08:00Z)', '2026-10-23T16:00:00Z', '2026-10-26T08:00:00.000Z'],
  ])('%s', (_label, fromIso, expected) => {
    expect(nextAllowedInstant(fromIso, DEFAULT_BUSINESS_CALENDAR)).toBe(expected);
  });
});

describe('nextAllowedInstant with other calendars', () => {
  const alsace: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, holidays: 'FR-alsace-moselle' };
  const noHolidays: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, holidays: 'none' };
  const closed: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, closedDates: ['2026-11-24', '2026-11-25'] };
  const saturdayMornings: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, days: [6], windows: [{ start: '09:00', end: '12:00' }] };
  const newYork: BusinessCalendar = { timeZone: 'America/New_York', days: [1, 2, 3, 4, 5], windows: [{ start: '09:00', end: '17:00' }], holidays: 'none' };
  const reunion: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, timeZone: 'Indian/Reunion', closedDates: ['2026-12-21'] };
  const tokyo: BusinessCalendar = { ...DEFAULT_BUSINESS_CALENDAR, timeZone: 'Asia/Tokyo', holidays: 'none' };
  const untilMidnight = night('20:00', '24:00');

  it.each([
    // Alsace-Moselle, Christmas 2025: Thu 25 and Fri 26 closed there; only Thu 25 elsewhere.
    ['Alsace-Moselle: Wed 24 Dec 2025 19:00 → 25th, 26th, weekend → Mon 29th 09:00', alsace, '2025-12-24T18:00:00Z', '2025-12-29T08:00:00.000Z'],
    ['metropole: Wed 24 Dec 2025 19:00 → Fri 26th 09:00', DEFAULT_BUSINESS_CALENDAR, '2025-12-24T18:00:00Z', '2025-12-26T08:00:00.000Z'],
    // Good Friday 3 April 2026 (UTC+2), then Easter Monday the 6th.
    ['Alsace-Moselle: Thu 2 Apr 18:00 → Good Friday, weekend, Easter Monday → Tue 7th 09:00', alsace, '2026-04-02T16:00:00Z', '2026-04-07T07:00:00.000Z'],
    ['metropole: Thu 2 Apr 18:00 → Fri 3rd 09:00', DEFAULT_BUSINESS_CALENDAR, '2026-04-02T16:00:00Z', '2026-04-03T07:00:00.000Z'],
    ["holidays 'none': Wed 11 Nov is an ordinary day", noHolidays, '2026-11-11T08:00:00Z', '2026-11-11T08:00:00.000Z'],
    ['closedDates: Mon 23 Nov 18:00 → Tue, Wed closed → Thu 26th 09:00', closed, '2026-11-23T17:00:00Z', '2026-11-26T08:00:00.000Z'],
    ['only Saturday mornings: Mon 23 Nov → Sat 28th 09:00', saturdayMornings, '2026-11-23T08:00:00Z', '2026-11-28T08:00:00.000Z'],
    // New York is UTC−5 in winter, UTC−4 from Sun 8 March 2026.
    ['New York: 08:00 EST (13:00Z) → 09:00 EST (14:00Z)', newYork, '2026-11-23T13:00:00Z', '2026-11-23T14:00:00.000Z'],
    ['New York: Fri 6 Mar 17:00 EST (22:00Z) → Mon 9th 09:00 EDT (13:00Z)', newYork, '2026-03-06T22:00:00Z', '2026-03-09T13:00:00.000Z'],
    ['New York: Mon 23 Nov 03:00Z is still Sunday 22:00 there → Mon 09:00 EST', newYork, '2026-11-23T03:00:00Z', '2026-11-23T14:00:00.000Z'],
    // Réunion is UTC+4 all year; a shop there closes on 20 December (here the 21st, for the test).
    ['Réunion: 08:00 local (04:00Z) → 09:00 (05:00Z)', reunion, '2026-11-23T04:00:00Z', '2026-11-23T05:00:00.000Z'],
    ['Réunion: Fri 18 Dec 18:00 (14:00Z) → weekend, Mon 21st closed → Tue 22nd 09:00 (05:00Z)', reunion, '2026-12-18T14:00:00Z', '2026-12-22T05:00:00.000Z'],
    // Tokyo is UTC+9: Sunday 23:30Z is Monday 08:30 there.
    ['Tokyo: Sun 22 Nov 23:30Z = Mon 08:30 JST → 09:00 JST (00:00Z)', tokyo, '2026-11-22T23:30:00Z', '2026-11-23T00:00:00.000Z'],
    ['a 20:00–24:00 window: 23:59 local stays', untilMidnight, '2026-11-23T22:59:00Z', '2026-11-23T22:59:00.000Z'],
    ['a 20:00–24:00 window: midnight is the next day, before 20:00', untilMidnight, '2026-11-23T23:00:00Z', '2026-11-24T19:00:00.000Z'],
  ])('%s', (_label, calendar, fromIso, expected) => {
    expect(nextAllowedInstant(fromIso, calendar)).toBe(expected);
  });

  it('sorts windows given out of order and accepts overlapping ones', () => {
    const calendar: BusinessCalendar = {
      ...DEFAULT_BUSINESS_CALENDAR,
      windows: [
        { start: '14:00', end: '18:00' },
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
      ],
    };
    // Mon 23 Nov 12:30 local (11:30Z): after the 09–12 window, inside 11–13.
    expect(nextAllowedInstant('2026-11-23T11:30:00Z', calendar)).toBe('2026-11-23T11:30:00.000Z');
    // 07:00 local → 09:00, the earliest start.
    expect(nextAllowedInstant('2026-11-23T06:00:00Z', calendar)).toBe('2026-11-23T08:00:00.000Z');
  });
});

describe('nextAllowedInstant across daylight-saving changes (Europe/Paris, every day open)', () => {
  it.each([
    // Sun 29 March 2026: at 01:00Z the clock jumps from 02:00 (UTC+1) to 03:00 (UTC+2); 02:30 does not exist.
    // A window starting at 02:30 opens when the clock passes 02:30, i.e. at the jump: 03:00 local = 01:00Z.
    ['spring: 02:30–04:00 from 00:00 local (28th 23:00Z) → the jump, 01:00Z', night('02:30', '04:00'), '2026-03-28T23:00:00Z', '2026-03-29T01:00:00.000Z'],
    ['spring: 02:30–04:00 from 03:30 summer time (01:30Z) stays', night('02:30', '04:00'), '2026-03-29T01:30:00Z', '2026-03-29T01:30:00.000Z'],
    // 04:00 summer time = 02:00Z is the end (exclusive) → Mon 30th 02:30 summer time = 00:30Z.
    ['spring: 02:30–04:00 at its end (02:00Z) → next day 02:30 (00:30Z)', night('02:30', '04:00'), '2026-03-29T02:00:00Z', '2026-03-30T00:30:00.000Z'],
    // 02:15–02:45 lies entirely in the gap: empty that day → Mon 30th 02:15 summer time = 00:15Z.
    ['spring: a window inside the gap is empty that day', night('02:15', '02:45'), '2026-03-29T00:00:00Z', '2026-03-30T00:15:00.000Z'],
    // 01:00–03:00 ends in the gap: its end is the jump (01:00Z); 00:30Z = 01:30 local is inside.
    ['spring: a window ending in the gap: 01:30 local stays', night('01:00', '03:00'), '2026-03-29T00:30:00Z', '2026-03-29T00:30:00.000Z'],
    ['spring: a window ending in the gap ends at the jump (01:00Z) → next day 01:00 (23:00Z)', night('01:00', '03:00'), '2026-03-29T01:00:00Z', '2026-03-29T23:00:00.000Z'],
    ['spring: 09:00 on the short day is 07:00Z', night('09:00', '18:00'), '2026-03-29T05:00:00Z', '2026-03-29T07:00:00.000Z'],
    // Sun 25 October 2026: at 01:00Z the clock goes back from 03:00 (UTC+2) to 02:00 (UTC+1); 02:30 happens twice.
    // The first occurrence counts: 02:30 summer time = 00:30Z.
    ['autumn: 02:30–04:00 from 01:00 local (24th 23:00Z) → first 02:30 (00:30Z)', night('02:30', '04:00'), '2026-10-24T23:00:00Z', '2026-10-25T00:30:00.000Z'],
    // 04:00 winter time = 03:00Z is the end; 02:30Z = 03:30 winter time is inside.
    ['autumn: 02:30–04:00 at 03:30 winter time (02:30Z) stays', night('02:30', '04:00'), '2026-10-25T02:30:00Z', '2026-10-25T02:30:00.000Z'],
    // A window ending at 02:30 ends at its first occurrence (00:30Z); the repeated 02:00–02:30 is not reopened.
    ['autumn: 01:00–02:30 after its end (00:45Z) → Mon 26th 01:00 winter time (00:00Z)', night('01:00', '02:30'), '2026-10-25T00:45:00Z', '2026-10-26T00:00:00.000Z'],
    ['autumn: 09:00 on the long day is 08:00Z', night('09:00', '18:00'), '2026-10-25T05:00:00Z', '2026-10-25T08:00:00.000Z'],
  ])('%s', (_label, calendar, fromIso, expected) => {
    expect(nextAllowedInstant(fromIso, calendar)).toBe(expected);
  });
});

describe('nextAllowedInstant refuses impossible calendars', () => {
  const everyDateClosed = Array.from({ length: 402 }, (_, i) => new Date(Date.UTC(2026, 10, 23 + i)).toISOString().slice(0, 10));

  it.each([
    ['no open day', { ...DEFAULT_BUSINESS_CALENDAR, days: [] }, /no open day/],
    ['no window', { ...DEFAULT_BUSINESS_CALENDAR, windows: [] }, /no time window/],
    ['weekday 0', { ...DEFAULT_BUSINESS_CALENDAR, days: [0, 1] }, /ISO weekday/],
    ['weekday 8', { ...DEFAULT_BUSINESS_CALENDAR, days: [8] }, /ISO weekday/],
    ['window ending before it starts', { ...DEFAULT_BUSINESS_CALENDAR, windows: [{ start: '18:00', end: '09:00' }] }, /ends before it starts/],
    ['empty window', { ...DEFAULT_BUSINESS_CALENDAR, windows: [{ start: '09:00', end: '09:00' }] }, /ends before it starts/],
    ['malformed time', { ...DEFAULT_BUSINESS_CALENDAR, windows: [{ start: '9:00', end: '12:00' }] }, /not a time of day/],
    ['24:00 as a start', { ...DEFAULT_BUSINESS_CALENDAR, windows: [{ start: '24:00', end: '24:00' }] }, /not a time of day/],
    ['unknown time zone', { ...DEFAULT_BUSINESS_CALENDAR, timeZone: 'Europe/Atlantis' }, /unknown time zone/],
    ['malformed closed date', { ...DEFAULT_BUSINESS_CALENDAR, closedDates: ['25/12/2026'] }, /not YYYY-MM-DD/],
    ['every date closed for 400 days', { ...DEFAULT_BUSINESS_CALENDAR, closedDates: everyDateClosed }, /no open slot within 400 days/],
  ] as const)('%s', (_label, calendar, message) => {
    expect(() => nextAllowedInstant('2026-11-23T08:00:00Z', calendar as BusinessCalendar)).toThrow(message);
  });

  it('refuses a malformed instant', () => {
    expect(() => nextAllowedInstant('tomorrow', DEFAULT_BUSINESS_CALENDAR)).toThrow(/ISO instant/);
  });

  it('finds a slot 400 days away at the edge of the search', () => {
    // 23 Nov 2026 + 400 days = 28 Dec 2027, a Tuesday; everything before it closed.
    const calendar = { ...DEFAULT_BUSINESS_CALENDAR, closedDates: everyDateClosed.slice(0, 400) };
    expect(nextAllowedInstant('2026-11-23T08:00:00Z', calendar)).toBe('2027-12-28T08:00:00.000Z');
  });
});
