/**
 * When the app should next wake itself to refresh the day's follow-ups: the next occurrence of the
 * shop's morning hour in its time zone. The follow-up engine will replace this by the next planned
 * action; the contract (scheduler.setNextWake) stays the same.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, todayIn } from './dates';
import type { IsoInstant } from './model';

/** The instant of `hh:mm` local time on `date` in `timeZone`, as UTC ISO. */
export function localTimeToInstant(date: string, time: string, timeZone: string): IsoInstant {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, timeZone).getTime()).toISOString();
}

/** The first `time` (local, `HH:mm`) strictly after `nowIso`. */
export function nextLocalTime(nowIso: IsoInstant, time: string, timeZone: string): IsoInstant {
  const today = todayIn(timeZone, nowIso);
  const candidate = localTimeToInstant(today, time, timeZone);
  return Date.parse(candidate) > Date.parse(nowIso) ? candidate : localTimeToInstant(addDays(today, 1), time, timeZone);
}
