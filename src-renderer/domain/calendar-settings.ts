/**
 * The shop's business calendar as the settings keep it (`SettingsValues.businessCalendar`): open
 * days, time windows, holidays and closed dates, without the time zone, which is the shop's own
 * `timeZone` setting. Pure: the settings screen checks a calendar here before saving it, and every
 * reader (automatic emails, the scheduler's wake-up) gets the full calendar from `businessCalendarOf`.
 */
import { addDays, isCalendarDate } from './dates';
import { DEFAULT_BUSINESS_CALENDAR, nextAllowedInstant, type BusinessCalendar, type BusinessHours } from './calendar';
import type { CalendarDate, IsoInstant, SettingsValues } from './model';

/** Monday to Friday, 09:00–12:00 and 14:00–18:00, French public holidays (DEFAULT_BUSINESS_CALENDAR). */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  days: [...DEFAULT_BUSINESS_CALENDAR.days],
  windows: DEFAULT_BUSINESS_CALENDAR.windows.map((window) => ({ ...window })),
  holidays: DEFAULT_BUSINESS_CALENDAR.holidays,
  closedDates: [],
};

/** The calendar automatic sending follows: the shop's saved hours (or the default) in its time zone. */
export function businessCalendarOf(settings: Pick<SettingsValues, 'timeZone' | 'businessCalendar'>): BusinessCalendar {
  const hours = settings.businessCalendar ?? DEFAULT_BUSINESS_HOURS;
  return {
    timeZone: settings.timeZone,
    days: [...hours.days],
    windows: hours.windows.map((window) => ({ ...window })),
    holidays: hours.holidays,
    closedDates: [...(hours.closedDates ?? [])],
  };
}

export type CalendarProblem =
  /** No weekday ticked: nothing could ever be sent. */
  | { code: 'no-open-day' }
  /** No time window. */
  | { code: 'no-window' }
  /** A bound is not a time of day (`HH:mm`, `24:00` allowed as an end). */
  | { code: 'bad-time'; window: number; bound: 'start' | 'end' }
  /** The window ends at or before its start. */
  | { code: 'window-ends-before-start'; window: number }
  /** The window overlaps another one (`other`: the earlier one, by start). */
  | { code: 'windows-overlap'; window: number; other: number }
  /** A closed date that is not `YYYY-MM-DD`. */
  | { code: 'bad-closed-date'; date: string };

const TIME = /^(\d{2}):(\d{2})$/;

/** Minutes after midnight, or undefined when `value` is not `HH:mm` (`24:00` only as an end). */
export function minutesOf(value: string, isEnd: boolean): number | undefined {
  const match = TIME.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59) return undefined;
  if (hours < 24) return hours * 60 + minutes;
  return isEnd && hours === 24 && minutes === 0 ? 24 * 60 : undefined;
}

/**
 * Everything wrong with `hours`, in the order of the form (days, then each window, then the closed
 * dates); empty when it can be saved. Windows are numbered from 0 in the order given. Two windows
 * that only touch (09:00–12:00 and 12:00–14:00) do not overlap: the end is exclusive.
 */
export function validateBusinessHours(hours: BusinessHours): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (hours.days.length === 0) problems.push({ code: 'no-open-day' });
  if (hours.windows.length === 0) problems.push({ code: 'no-window' });
  const parsed: { window: number; start: number; end: number }[] = [];
  hours.windows.forEach(({ start, end }, window) => {
    const from = minutesOf(start, false);
    const to = minutesOf(end, true);
    if (from === undefined) problems.push({ code: 'bad-time', window, bound: 'start' });
    if (to === undefined) problems.push({ code: 'bad-time', window, bound: 'end' });
    if (from === undefined || to === undefined) return;
    if (to <= from) problems.push({ code: 'window-ends-before-start', window });
    else parsed.push({ window, start: from, end: to });
  });
  const byStart = [...parsed].sort((a, b) => a.start - b.start || a.window - b.window);
  byStart.forEach((current, index) => {
    // Compared with every earlier window, not only the previous one: 08:00–18:00 contains both 09:00–10:00 and 11:00–12:00.
    const earlier = byStart.slice(0, index).find((other) => other.end > current.start);
    if (earlier) problems.push({ code: 'windows-overlap', window: current.window, other: earlier.window });
  });
  for (const date of hours.closedDates ?? []) {
    if (!isCalendarDate(date)) problems.push({ code: 'bad-closed-date', date });
  }
  return problems;
}

/** The longest run of closed dates added at once (a year): a typo in a year must not add thousands. */
export const MAX_CLOSED_RUN_DAYS = 366;

/**
 * `closedDates` with every date from `from` to `to` (both included) added, sorted, without repeats.
 * Undefined when a bound is not a date, `to` is before `from`, or the run is longer than a year.
 */
export function withClosedDates(closedDates: readonly CalendarDate[], from: CalendarDate, to: CalendarDate = from): CalendarDate[] | undefined {
  if (!isCalendarDate(from) || !isCalendarDate(to) || to < from) return undefined;
  const added: CalendarDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    added.push(date);
    if (added.length > MAX_CLOSED_RUN_DAYS) return undefined;
  }
  return [...new Set([...closedDates, ...added])].sort();
}

/**
 * Consecutive closed dates grouped into runs (`2026-12-24` … `2026-12-31`), for a short list on
 * screen; `closedDates` must be sorted (as `withClosedDates` keeps them).
 */
export function closedRuns(closedDates: readonly CalendarDate[]): { from: CalendarDate; to: CalendarDate }[] {
  const runs: { from: CalendarDate; to: CalendarDate }[] = [];
  for (const date of closedDates) {
    const last = runs[runs.length - 1];
    if (last && addDays(last.to, 1) === date) last.to = date;
    else runs.push({ from: date, to: date });
  }
  return runs;
}

/** `closedDates` without the run `from`…`to` (both included). */
export function withoutClosedRun(closedDates: readonly CalendarDate[], from: CalendarDate, to: CalendarDate): CalendarDate[] {
  return closedDates.filter((date) => date < from || date > to);
}

/**
 * The next instant an automatic email may go out with `hours` in `timeZone`, from `now` (the live
 * preview of the settings); undefined when the hours have problems or never open within a year and
 * a bit (`nextAllowedInstant`'s horizon) — such hours are not saved.
 */
export function nextSendingTime(hours: BusinessHours, timeZone: string, now: IsoInstant): IsoInstant | undefined {
  if (validateBusinessHours(hours).length > 0) return undefined;
  try {
    return nextAllowedInstant(now, { ...hours, timeZone });
  } catch {
    return undefined;
  }
}
