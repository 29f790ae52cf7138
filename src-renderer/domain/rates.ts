/**
 * Reference rates for late-payment interest (DOMAIN.md, "French rules the letters must get right").
 * The app works offline, so it ships the rates known when it was built; the settings screen lets the
 * user add newer ones and warns, through `ratesCoverage`, when the current half-year is missing.
 *
 * Sources, checked with the project's search tool (November 2026):
 * - ECB main refinancing operations rate: every value and effective date below matches the ECB "Key
 *   ECB interest rates" table (as mirrored by sdw.zentral-bank.eu, up to 23 Oct 2024) and the Banka
 *   Slovenije table (bsi.si, up to 23 Apr 2025); 2.15 % from 11 Jun 2025 matches the June 2025 press
 *   coverage, and the 18 Dec 2025 decision left it at 2.15 %, so it is the rate in force on
 *   1 January 2026. All values confirmed.
 * - Taux de l'intérêt légal, créances des personnes physiques n'agissant pas pour des besoins
 *   professionnels: 2022 H1 3.13, 2022 H2 3.15, 2023 H1 4.47, 2023 H2 6.82, 2024 H1 8.01,
 *   2024 H2 8.16, 2025 H1 7.21, 2025 H2 6.65 all confirmed by several French publications quoting the
 *   arrêtés; 2026 H1 6.67 from the text of the arrêté du 15 décembre 2025 (JORF du 26 décembre 2025).
 */
import type { CalendarDate } from './model';

export interface RateEntry {
  /** First day the rate applies. */
  from: CalendarDate;
  ratePercent: number;
}

export interface LateFeeRates {
  /** ECB main refinancing operations rate, one entry per change, with the date it took effect. */
  ecb: RateEntry[];
  /** Legal interest rate for creditors who are individuals, one entry per half-year, from its first day. */
  legalConsumer: RateEntry[];
  /**
   * Last day (30 June or 31 December) of the last half-year for which both reference rates were
   * checked. The ECB table alone cannot tell: a rate stays in force until a later entry.
   */
  knownUntil?: CalendarDate;
}

export const ECB_MAIN_REFINANCING_RATES: readonly RateEntry[] = [
  { from: '2019-09-18', ratePercent: 0 }, // 0.00 since 16 Mar 2016, restated on 18 Sep 2019
  { from: '2022-07-27', ratePercent: 0.5 },
  { from: '2022-09-14', ratePercent: 1.25 },
  { from: '2022-11-02', ratePercent: 2 },
  { from: '2022-12-21', ratePercent: 2.5 },
  { from: '2023-02-08', ratePercent: 3 },
  { from: '2023-03-22', ratePercent: 3.5 },
  { from: '2023-05-10', ratePercent: 3.75 },
  { from: '2023-06-21', ratePercent: 4 },
  { from: '2023-08-02', ratePercent: 4.25 },
  { from: '2023-09-20', ratePercent: 4.5 },
  { from: '2024-06-12', ratePercent: 4.25 },
  { from: '2024-09-18', ratePercent: 3.65 },
  { from: '2024-10-23', ratePercent: 3.4 },
  { from: '2024-12-18', ratePercent: 3.15 },
  { from: '2025-02-05', ratePercent: 2.9 },
  { from: '2025-03-12', ratePercent: 2.65 },
  { from: '2025-04-23', ratePercent: 2.4 },
  { from: '2025-06-11', ratePercent: 2.15 },
];

export const FRENCH_LEGAL_RATES_CONSUMER: readonly RateEntry[] = [
  { from: '2022-01-01', ratePercent: 3.13 },
  { from: '2022-07-01', ratePercent: 3.15 },
  { from: '2023-01-01', ratePercent: 4.47 },
  { from: '2023-07-01', ratePercent: 6.82 },
  { from: '2024-01-01', ratePercent: 8.01 },
  { from: '2024-07-01', ratePercent: 8.16 },
  { from: '2025-01-01', ratePercent: 7.21 },
  { from: '2025-07-01', ratePercent: 6.65 },
  { from: '2026-01-01', ratePercent: 6.67 },
];

/** The rates shipped with the app: both references known up to the first half of 2026. */
export const KNOWN_RATES: Readonly<Required<LateFeeRates>> = {
  ecb: [...ECB_MAIN_REFINANCING_RATES],
  legalConsumer: [...FRENCH_LEGAL_RATES_CONSUMER],
  knownUntil: '2026-06-30',
};

/** Last day of the half-year containing `date`: `YYYY-06-30` or `YYYY-12-31`. */
export function halfYearEnd(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 4)}-${date.slice(5, 7) <= '06' ? '06-30' : '12-31'}`;
}

/**
 * How far the rate table reaches, for the settings screen: `knownUntil` is the last day of the last
 * half-year covered (the table's own `knownUntil`, never beyond the half-year of the latest legal
 * rate), `currentHalfYearMissing` whether `asOf` falls after it.
 * An empty legal-rate table covers nothing: `knownUntil` is then `''`.
 */
export function ratesCoverage(rates: LateFeeRates, asOf: CalendarDate): { knownUntil: string; currentHalfYearMissing: boolean } {
  const latestLegal = rates.legalConsumer.reduce<string>((latest, entry) => (entry.from > latest ? entry.from : latest), '');
  const legalUntil = latestLegal === '' ? '' : halfYearEnd(latestLegal);
  const knownUntil = rates.knownUntil !== undefined && rates.knownUntil < legalUntil ? rates.knownUntil : legalUntil;
  return { knownUntil, currentHalfYearMissing: knownUntil === '' || asOf > knownUntil };
}
