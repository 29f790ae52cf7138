/**
 * The shop's late-payment rate tables (`SettingsValues.lateFeeRates`): what the settings screen
 * changes, and what every computation of charges reads through `lateFeeRatesOf` instead of the
 * shipped `KNOWN_RATES`. Pure: each edit returns a new table.
 *
 * "Adding a half-year" is how a shopkeeper keeps the tables current: every 1 January and 1 July the
 * legal rate for consumers changes (arrêté published in December / June), and penalties between
 * businesses use the ECB rate in force on that first day. So a half-year brings one legal-rate entry
 * dated its first day, one ECB entry only when the ECB rate differs from the one already in force
 * (the ECB table lists changes, with the date each took effect), and moves `knownUntil` to its end.
 * Correcting an entry keeps `knownUntil`: a correction says nothing about later half-years.
 */
import { addDays, isCalendarDate } from './dates';
import type { CalendarDate, SettingsValues } from './model';
import { halfYearEnd, KNOWN_RATES, type LateFeeRates, type RateEntry } from './rates';

export type RateTable = 'ecb' | 'legalConsumer';

/** The shop's tables, or the shipped ones when it never saved its own (fresh copies either way). */
export function lateFeeRatesOf(settings: Pick<SettingsValues, 'lateFeeRates'>): LateFeeRates {
  const rates = settings.lateFeeRates ?? KNOWN_RATES;
  return {
    ecb: rates.ecb.map((entry) => ({ ...entry })),
    legalConsumer: rates.legalConsumer.map((entry) => ({ ...entry })),
    ...(rates.knownUntil !== undefined ? { knownUntil: rates.knownUntil } : {}),
  };
}

/** First day of the half-year containing `date`: `YYYY-01-01` or `YYYY-07-01`. */
export function halfYearStart(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 4)}-${date.slice(5, 7) <= '06' ? '01' : '07'}-01`;
}

/** Whether `date` is the first day of a half-year. */
export function isHalfYearStart(date: CalendarDate): boolean {
  return isCalendarDate(date) && halfYearStart(date) === date;
}

/** The half-year to add next: the one after `knownUntil` (from `ratesCoverage`), or the one of `today` when nothing is known. */
export function nextHalfYearStart(knownUntil: CalendarDate, today: CalendarDate): CalendarDate {
  return knownUntil === '' ? halfYearStart(today) : addDays(knownUntil, 1);
}

/** The rate of the latest entry that took effect on or before `date`. */
export function rateInForce(entries: readonly RateEntry[], date: CalendarDate): number | undefined {
  let found: RateEntry | undefined;
  for (const entry of entries) if (entry.from <= date && (found === undefined || entry.from > found.from)) found = entry;
  return found?.ratePercent;
}

const PERCENT = /^\s*(\d{1,3})(?:[.,](\d{1,3}))?\s*%?\s*$/;

/** A percentage typed by the user ("6,67", "2.15 %"), or undefined when it is not one (0 to 100, 3 decimals at most). */
export function parsePercent(text: string): number | undefined {
  const match = PERCENT.exec(text);
  if (!match) return undefined;
  const value = Number(`${match[1]}.${match[2] ?? '0'}`);
  return value <= 100 ? value : undefined;
}

export type RateProblem =
  | 'bad-date'
  /** Not a percentage between 0 and 100. */
  | 'bad-rate'
  /** Legal rates are set per half-year: their date must be 1 January or 1 July. */
  | 'not-half-year-start'
  /** Another entry of the table already starts that day. */
  | 'date-taken';

/**
 * What is wrong with `entry` for `table`, or undefined. `replacing`: the date of the entry being
 * corrected (it may keep its date).
 */
export function checkRateEntry(rates: LateFeeRates, table: RateTable, entry: RateEntry, replacing?: CalendarDate): RateProblem | undefined {
  if (!isCalendarDate(entry.from)) return 'bad-date';
  if (!Number.isFinite(entry.ratePercent) || entry.ratePercent < 0 || entry.ratePercent > 100) return 'bad-rate';
  if (table === 'legalConsumer' && !isHalfYearStart(entry.from)) return 'not-half-year-start';
  if (entry.from !== replacing && rates[table].some((other) => other.from === entry.from)) return 'date-taken';
  return undefined;
}

function sorted(entries: RateEntry[]): RateEntry[] {
  return entries.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/**
 * The tables with `entry` in `table`: added, or replacing the entry dated `replacing` (a
 * correction). Check it first with `checkRateEntry`: this throws on what it refuses.
 */
export function withRate(rates: LateFeeRates, table: RateTable, entry: RateEntry, replacing?: CalendarDate): LateFeeRates {
  const problem = checkRateEntry(rates, table, entry, replacing);
  if (problem) throw new Error(`Rate ${entry.from} ${entry.ratePercent} % refused for ${table}: ${problem}`);
  const kept = rates[table].filter((other) => other.from !== replacing);
  return { ...rates, [table]: sorted([...kept.map((other) => ({ ...other })), { from: entry.from, ratePercent: entry.ratePercent }]) };
}

/** The tables without the entry of `table` dated `from`. */
export function withoutRate(rates: LateFeeRates, table: RateTable, from: CalendarDate): LateFeeRates {
  return { ...rates, [table]: rates[table].filter((entry) => entry.from !== from).map((entry) => ({ ...entry })) };
}

export interface HalfYearRates {
  /** First day of the half-year (1 January or 1 July). */
  start: CalendarDate;
  /** ECB main refinancing rate in force on that day. */
  ecbPercent: number;
  /** Legal interest rate for consumers' creditors for that half-year. */
  legalConsumerPercent: number;
}

export type HalfYearProblem = { field: 'start'; problem: 'not-half-year-start' } | { field: 'ecbPercent' | 'legalConsumerPercent'; problem: 'bad-rate' };

/** What is wrong with a half-year's rates; empty when it can be added. */
export function checkHalfYear(half: HalfYearRates): HalfYearProblem[] {
  const problems: HalfYearProblem[] = [];
  if (!isHalfYearStart(half.start)) problems.push({ field: 'start', problem: 'not-half-year-start' });
  for (const field of ['ecbPercent', 'legalConsumerPercent'] as const) {
    const value = half[field];
    if (!Number.isFinite(value) || value < 0 || value > 100) problems.push({ field, problem: 'bad-rate' });
  }
  return problems;
}

/**
 * The tables with a half-year's rates: its legal rate (replacing one of the same day), an ECB entry
 * on its first day when the rate in force then differs (else the ECB table is left alone: the rate
 * did not change), and `knownUntil` moved to its last day when that is later.
 */
export function withHalfYear(rates: LateFeeRates, half: HalfYearRates): LateFeeRates {
  const problems = checkHalfYear(half);
  if (problems.length > 0) throw new Error(`Half-year ${half.start} refused: ${problems.map((p) => `${p.field} ${p.problem}`).join(', ')}`);
  const legalConsumer = sorted([...rates.legalConsumer.filter((entry) => entry.from !== half.start).map((entry) => ({ ...entry })), { from: half.start, ratePercent: half.legalConsumerPercent }]);
  const ecbEntries = rates.ecb.map((entry) => ({ ...entry }));
  const ecb =
    rateInForce(ecbEntries, half.start) === half.ecbPercent
      ? ecbEntries
      : sorted([...ecbEntries.filter((entry) => entry.from !== half.start), { from: half.start, ratePercent: half.ecbPercent }]);
  // Without a `knownUntil`, coverage follows the latest legal rate (ratesCoverage): nothing to move.
  if (rates.knownUntil === undefined) return { ecb, legalConsumer };
  const end = halfYearEnd(half.start);
  return { ecb, legalConsumer, knownUntil: rates.knownUntil > end ? rates.knownUntil : end };
}
