/**
 * Calendar dates (`YYYY-MM-DD`, see model.ts) and the shop's "today".
 *
 * Arithmetic works on the day number since 1970-01-01 computed in UTC, so a day is always 24 h and
 * daylight-saving changes (Europe/Paris on the last Sundays of March and October) cannot make a
 * day count off by one. Time zones matter only when turning an instant into a date (`todayIn`).
 */
import { format } from 'date-fns';
import { enGB, fr } from 'date-fns/locale';
import { tz, tzOffset } from '@date-fns/tz';
import type { CalendarDate, IsoInstant, Language } from './model';

const MS_PER_DAY = 86_400_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const utc = tz('UTC');

export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === value;
}

function toUtcMidnight(date: CalendarDate): Date {
  if (!isCalendarDate(date)) throw new Error(`Not a YYYY-MM-DD calendar date: "${date}"`);
  return new Date(`${date}T00:00:00Z`);
}

function fromDayNumber(dayNumber: number): CalendarDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Day numbers of the dates seen, checked once each: statuses, the planner and the dashboard ask for
 * the days between two dates of every invoice, and a ledger has a few thousand distinct dates for
 * 100,000 invoices (the check builds a Date each time: a third of the summary's time).
 */
const dayNumbers = new Map<string, number>();

function dayNumber(date: CalendarDate): number {
  let number = dayNumbers.get(date);
  if (number === undefined) {
    number = Math.round(toUtcMidnight(date).getTime() / MS_PER_DAY);
    if (dayNumbers.size >= 100_000) dayNumbers.clear();
    dayNumbers.set(date, number);
  }
  return number;
}

/**
 * The UTC offset (minutes) of `timeZone` through one UTC day, per zone and day number, or `null`
 * when the offset changes during that day (a daylight-saving day) or is unknown. Screens turn every
 * message of the history into a date (tens of thousands at a big shop), and asking the time-zone
 * database each time cost a second at start; a shop's history spans a few hundred distinct days.
 */
const dayOffsets = new Map<string, Map<number, number | null>>();
const MAX_CACHED_DAYS = 20_000;

function steadyOffsetOf(timeZone: string, utcDay: number): number | null {
  let days = dayOffsets.get(timeZone);
  if (!days) dayOffsets.set(timeZone, (days = new Map()));
  let offset = days.get(utcDay);
  if (offset === undefined) {
    const atStart = tzOffset(timeZone, new Date(utcDay * MS_PER_DAY));
    const atEnd = tzOffset(timeZone, new Date((utcDay + 1) * MS_PER_DAY - 1));
    offset = atStart === atEnd && Number.isFinite(atStart) ? atStart : null;
    if (days.size >= MAX_CACHED_DAYS) days.clear();
    days.set(utcDay, offset);
  }
  return offset;
}

/** The calendar date it is in `timeZone` at the instant `nowIso` (e.g. 23:30Z on the 22nd is the 23rd in Paris). */
export function todayIn(timeZone: string, nowIso: IsoInstant): CalendarDate {
  const ms = new Date(nowIso).getTime();
  if (Number.isNaN(ms)) throw new Error(`Not an ISO instant: "${nowIso}"`);
  const offset = steadyOffsetOf(timeZone, Math.floor(ms / MS_PER_DAY));
  if (offset === null) return format(new Date(ms), 'yyyy-MM-dd', { in: tz(timeZone) });
  return fromDayNumber(Math.floor((ms + offset * 60_000) / MS_PER_DAY));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new Error(`addDays expects a whole number of days, got ${days}`);
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to`: positive when `to` is later, 0 on the same day. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Same day of month `months` later, clamped to the month's last day (Jan 31 + 1 month → Feb 28/29). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const start = toUtcMidnight(date);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(start.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  // YYYY-MM-DD strings sort chronologically as plain strings.
  return a < b ? -1 : a > b ? 1 : 0;
}

const LOCALES = { fr, en: enGB } as const;
/** English users of a French shop read day-first dates, hence en-GB rather than en-US. */
const PATTERNS = { short: 'dd/MM/yyyy', long: 'd MMMM yyyy' } as const;

/** fr: "22/11/2026" or "22 novembre 2026"; en: "22/11/2026" or "22 November 2026". */
export function formatDate(date: CalendarDate, locale: Language, style: 'short' | 'long'): string {
  // The short form is the same in both languages and a plain rearrangement: lists format thousands
  // of dates while scrolling, so no date object for it (checked against date-fns in dates.test.ts);
  // a date whose day number is known was checked already.
  if (style === 'short' && (dayNumbers.has(date) || isCalendarDate(date))) return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  return format(toUtcMidnight(date), PATTERNS[style], { locale: LOCALES[locale], in: utc });
}
