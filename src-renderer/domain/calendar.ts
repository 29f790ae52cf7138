/**
 * When the shop may contact a customer: French public holidays and the business-hours calendar that
 * automatic sending waits for ("never at 21:00, 5:30 or on a Sunday", DOMAIN.md).
 *
 * Dates are `YYYY-MM-DD` in the calendar's time zone; instants are UTC ISO strings (see model.ts).
 *
 * Daylight saving. A window bound `HH:mm` on a given date is the *first instant of that date at which
 * the local clock reads `HH:mm` or later*:
 * - on the spring-forward day (Europe/Paris 2026-03-29, 02:00 → 03:00) a bound that does not exist,
 *   e.g. 02:30, becomes the instant the clock jumps, 03:00 local (01:00Z): the window opens as soon as
 *   the clock has passed its start, and nothing before 02:30 on the wall clock is ever allowed;
 *   a window lying entirely inside the gap (02:15–02:45) is empty that day;
 * - on the fall-back day (2026-10-25, 03:00 → 02:00) a bound that happens twice, e.g. 02:30, is its
 *   first occurrence (02:30 summer time, 00:30Z).
 * Ordinary windows (09:00–12:00, 14:00–18:00) are never affected: only the 02:00–03:00 hour moves.
 */
import { tzOffset } from '@date-fns/tz';
import { addDays, isCalendarDate, todayIn } from './dates';
import type { CalendarDate, IsoInstant } from './model';

export type HolidayRegion = 'metropole' | 'alsace-moselle';

export interface BusinessCalendar {
  /** IANA time zone of the shop. */
  timeZone: string;
  /** Open days, ISO weekday: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Contact windows, `HH:mm` local time, `end` exclusive (`24:00` allowed as an end). */
  windows: { start: string; end: string }[];
  /** Public holidays on which the shop is closed. */
  holidays: 'FR' | 'FR-alsace-moselle' | 'none';
  /** Extra closed dates (`YYYY-MM-DD`, local): annual leave, local holidays (overseas departments...). */
  closedDates?: string[];
}

/** A calendar without its time zone: what the settings store (the zone is the shop's `timeZone`). */
export type BusinessHours = Omit<BusinessCalendar, 'timeZone'>;

export interface PublicHoliday {
  date: CalendarDate;
  name: { fr: string; en: string };
}

/** Monday to Friday, 09:00–12:00 and 14:00–18:00, Paris time, French public holidays closed. */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = {
  timeZone: 'Europe/Paris',
  days: [1, 2, 3, 4, 5],
  windows: [
    { start: '09:00', end: '12:00' },
    { start: '14:00', end: '18:00' },
  ],
  holidays: 'FR',
};

/** How far ahead `nextAllowedInstant` looks before deciding the calendar never opens. */
const SEARCH_DAYS = 400;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Public holidays

/** Easter Sunday of `year` (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

const holidayCache = new Map<string, PublicHoliday[]>();
const holidayDateCache = new Map<string, Set<CalendarDate>>();

/**
 * The French public holidays (jours fériés) of `year`, in date order: the 11 national ones, plus Good
 * Friday and 26 December in Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle). Overseas departments have
 * extra days (abolition of slavery...) that are not listed: shops there add them as `closedDates`.
 */
export function frenchPublicHolidays(year: number, region: HolidayRegion = 'metropole'): PublicHoliday[] {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new Error(`frenchPublicHolidays expects a Gregorian year between 1583 and 9999, got ${year}`);
  }
  const key = `${year}|${region}`;
  const cached = holidayCache.get(key);
  if (cached) return cached.map((holiday) => ({ date: holiday.date, name: { ...holiday.name } }));

  const y = pad(year, 4);
  const easter = easterSunday(year);
  const holidays: PublicHoliday[] = [
    { date: `${y}-01-01`, name: { fr: "Jour de l'an", en: "New Year's Day" } },
    { date: addDays(easter, 1), name: { fr: 'Lundi de Pâques', en: 'Easter Monday' } },
    { date: `${y}-05-01`, name: { fr: 'Fête du Travail', en: 'Labour Day' } },
    { date: `${y}-05-08`, name: { fr: 'Victoire 1945', en: 'Victory in Europe Day' } },
    { date: addDays(easter, 39), name: { fr: 'Ascension', en: 'Ascension Day' } },
    { date: addDays(easter, 50), name: { fr: 'Lundi de Pentecôte', en: 'Whit Monday' } },
    { date: `${y}-07-14`, name: { fr: 'Fête nationale', en: 'Bastille Day' } },
    { date: `${y}-08-15`, name: { fr: 'Assomption', en: 'Assumption Day' } },
    { date: `${y}-11-01`, name: { fr: 'Toussaint', en: "All Saints' Day" } },
    { date: `${y}-11-11`, name: { fr: 'Armistice 1918', en: 'Armistice Day' } },
    { date: `${y}-12-25`, name: { fr: 'Noël', en: 'Christmas Day' } },
  ];
  if (region === 'alsace-moselle') {
    holidays.push(
      { date: addDays(easter, -2), name: { fr: 'Vendredi saint', en: 'Good Friday' } },
      { date: `${y}-12-26`, name: { fr: 'Saint-Étienne', en: "St Stephen's Day" } },
    );
  }
  // Stable sort: when Ascension falls on 1 or 8 May (2008, 2035...) both entries stay, in list order.
  holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  holidayCache.set(key, holidays);
  return holidays.map((holiday) => ({ date: holiday.date, name: { ...holiday.name } }));
}

/** Whether `date` (`YYYY-MM-DD`) is a French public holiday in `region` (metropolitan France by default). */
export function isFrenchPublicHoliday(date: string, region: HolidayRegion = 'metropole'): boolean {
  if (!isCalendarDate(date)) throw new Error(`Not a YYYY-MM-DD calendar date: "${date}"`);
  const year = Number(date.slice(0, 4));
  const key = `${year}|${region}`;
  let dates = holidayDateCache.get(key);
  if (!dates) {
    dates = new Set(frenchPublicHolidays(year, region).map((holiday) => holiday.date));
    holidayDateCache.set(key, dates);
  }
  return dates.has(date);
}

// ---------------------------------------------------------------------------------------------
// Business hours

const TIME = /^(\d{2}):(\d{2})$/;

/** Minutes since local midnight of an `HH:mm` string; `24:00` only when `allowEndOfDay`. */
function parseTime(value: string, allowEndOfDay: boolean): number {
  const match = TIME.exec(value);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  const valid = match !== null && minutes < 60 && (hours < 24 || (allowEndOfDay && hours === 24 && minutes === 0));
  if (!valid) throw new Error(`Business calendar: "${value}" is not a time of day (HH:mm${allowEndOfDay ? ', or 24:00 as an end' : ''})`);
  return hours * 60 + minutes;
}

interface CheckedCalendar {
  timeZone: string;
  days: Set<number>;
  /** Minutes since local midnight, sorted by start. */
  windows: { start: number; end: number }[];
  region: HolidayRegion | null;
  closed: Set<string>;
}

function checkCalendar(calendar: BusinessCalendar): CheckedCalendar {
  if (calendar.days.length === 0) throw new Error('Business calendar has no open day: at least one weekday is needed');
  for (const day of calendar.days) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new Error(`Business calendar: ${day} is not an ISO weekday (1 = Monday … 7 = Sunday)`);
    }
  }
  if (calendar.windows.length === 0) throw new Error('Business calendar has no time window: at least one is needed');
  const windows = calendar.windows.map(({ start, end }) => {
    const window = { start: parseTime(start, false), end: parseTime(end, true) };
    if (window.start >= window.end) throw new Error(`Business calendar: window ${start}–${end} ends before it starts`);
    return window;
  });
  windows.sort((a, b) => a.start - b.start);
  if (Number.isNaN(tzOffset(calendar.timeZone, new Date(0)))) {
    throw new Error(`Business calendar: unknown time zone "${calendar.timeZone}"`);
  }
  for (const date of calendar.closedDates ?? []) {
    if (!isCalendarDate(date)) throw new Error(`Business calendar: closed date "${date}" is not YYYY-MM-DD`);
  }
  const region = calendar.holidays === 'FR' ? 'metropole' : calendar.holidays === 'FR-alsace-moselle' ? 'alsace-moselle' : null;
  return { timeZone: calendar.timeZone, days: new Set(calendar.days), windows, region, closed: new Set(calendar.closedDates ?? []) };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
function isoWeekday(date: CalendarDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function isOpenDay(date: CalendarDate, calendar: CheckedCalendar): boolean {
  if (!calendar.days.has(isoWeekday(date))) return false;
  if (calendar.closed.has(date)) return false;
  return calendar.region === null || !isFrenchPublicHoliday(date, calendar.region);
}

/** The local wall-clock reading at `instant`, in ms, as if the local time were UTC. */
function wallClock(instant: number, timeZone: string): number {
  return instant + tzOffset(timeZone, new Date(instant)) * MS_PER_MINUTE;
}

/**
 * The first instant (epoch ms) of `date` at which the local clock in `timeZone` reads `minutes` past
 * midnight or later; see the daylight-saving note at the top of the file.
 */
function wallTimeToInstant(date: CalendarDate, minutes: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * MS_PER_MINUTE;
  // The offsets in force a day either side cover any single transition near `wall`.
  const candidates = [...new Set([wall - MS_PER_DAY, wall + MS_PER_DAY].map((at) => tzOffset(timeZone, new Date(at))))]
    .map((offset) => wall - offset * MS_PER_MINUTE)
    .filter((instant) => wallClock(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];

  // Spring-forward gap: `wall` is skipped. Find the jump between the two readings by bisection (to the
  // second): before it the clock reads less than `wall`, from it on, more.
  const offsets = [wall - MS_PER_DAY, wall + MS_PER_DAY].map((at) => tzOffset(timeZone, new Date(at)) * MS_PER_MINUTE);
  let low = wall - Math.max(...offsets); // clock reads < wall here
  let high = wall - Math.min(...offsets); // clock reads > wall here
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (wallClock(middle, timeZone) >= wall) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * The first instant at or after `fromIso` that falls on an open day (an open weekday that is neither
 * a public holiday of the calendar nor one of its closed dates) inside one of its windows, as a UTC ISO
 * string (`2026-11-23T08:00:00.000Z`). Throws when the calendar has no day or no window, or when no
 * slot opens within 400 days (every date closed, for instance).
 */
export function nextAllowedInstant(fromIso: string, calendar: BusinessCalendar): IsoInstant {
  const checked = checkCalendar(calendar);
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) throw new Error(`Not an ISO instant: "${fromIso}"`);
  const firstDate = todayIn(checked.timeZone, fromIso);

  for (let offset = 0; offset <= SEARCH_DAYS; offset += 1) {
    const date = addDays(firstDate, offset);
    if (!isOpenDay(date, checked)) continue;
    for (const window of checked.windows) {
      const end = wallTimeToInstant(date, window.end, checked.timeZone);
      if (from >= end) continue;
      const start = wallTimeToInstant(date, window.start, checked.timeZone);
      if (start >= end) continue; // a window swallowed by the spring-forward gap
      return new Date(Math.max(from, start)).toISOString();
    }
  }
  throw new Error(`Business calendar: no open slot within ${SEARCH_DAYS} days of ${fromIso}; check its days, windows and closed dates`);
}
