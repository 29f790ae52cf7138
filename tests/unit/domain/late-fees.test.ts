import { describe, expect, it } from 'vitest';
import { latePaymentCharges } from '../../../src-renderer/domain/late-fees';
import {
  ECB_MAIN_REFINANCING_RATES,
  FRENCH_LEGAL_RATES_CONSUMER,
  KNOWN_RATES,
  ratesCoverage,
} from '../../../src-renderer/domain/rates';

type Invoice = Parameters<typeof latePaymentCharges>[0];
type Payment = Invoice['payments'][number];

/*
 * Business rates from KNOWN_RATES: ECB rate in force on 1 January / 1 July, plus 10 points.
 *   2022 H2: 0.00 on 1 Jul 2022 (0.50 only from 27 Jul) → 10.00
 *   2024 H1: 4.50 (since 20 Sep 2023)                   → 14.50
 *   2024 H2: 4.25 (since 12 Jun 2024)                   → 14.25
 *   2025 H1: 3.15 (since 18 Dec 2024)                   → 13.15
 *   2025 H2: 2.15 (since 11 Jun 2025)                   → 12.15
 *   2026 H1: 2.15                                       → 12.15
 * Consumer legal rates: 2025 H2 6.65, 2026 H1 6.67.
 * Interest in cents = base × rate / 100 × days / 365; with base 100 000 (1 000 €) and rate r,
 * one day is r × 1000 / 365 cents (13.15 % → 13 150 / 365).
 */

function business(totalCents: number, dueDate: string, payments: Payment[] = [], contractRatePercent?: number): Invoice {
  return { totalCents, dueDate, customerKind: 'business', payments, ...(contractRatePercent === undefined ? {} : { contractRatePercent }) };
}

function consumer(totalCents: number, dueDate: string, payments: Payment[] = [], formalNoticeDate?: string): Invoice {
  return { totalCents, dueDate, customerKind: 'consumer', payments, ...(formalNoticeDate === undefined ? {} : { formalNoticeDate }) };
}

const pay = (date: string, amountCents: number): Payment => ({ date, amountCents });

describe('latePaymentCharges: totals', () => {
  it.each([
    // Business, ECB + 10.
    // 1 000 € due 31 Mar 2025, unpaid on 30 Apr: 1–30 Apr = 30 days × 13 150 / 365 = 394 500 / 365 = 1 080.82 → 1 081.
    ['unpaid, one half-year', business(100_000, '2025-03-31'), '2025-04-30', 1081, 4000],
    // Due 15 Jun 2025, asOf 15 Jul: 16–30 Jun 15 d × 13 150 + 1–15 Jul 15 d × 12 150 = 379 500 / 365 = 1 039.73 → 1 040.
    ['across 1 July: two rates', business(100_000, '2025-06-15'), '2025-07-15', 1040, 4000],
    // Due 15 Dec 2024, asOf 14 Jan 2025: 16–31 Dec 16 d × 14 250 + 1–14 Jan 14 d × 13 150 = 412 100 / 365 = 1 129.04 → 1 129.
    ['across 1 January: two rates', business(100_000, '2024-12-15'), '2025-01-14', 1129, 4000],
    // 2024 H1 182 d (leap year) × 14 500 + 2024 H2 184 d × 14 250 + 1 Jan 2025 1 d × 13 150
    // = (2 639 000 + 2 622 000 + 13 150) / 365 = 5 274 150 / 365 = 14 449.73 → 14 450.
    ['a whole year late: three half-years', business(100_000, '2023-12-31'), '2025-01-01', 14_450, 4000],
    // 365 € due 31 Aug 2022, 10 days at 0.00 + 10 = 10 %: 36 500 × 0.10 × 10 / 365 = 100 exactly.
    ['2022 H2 uses the rate of 1 July (0.00), not the 27 July rise', business(36_500, '2022-08-31'), '2022-09-10', 100, 4000],
    // 365 € due 14 Jun 2024, 15–24 Jun 10 days at 14.50 (the 12 June cut waits for 1 July): 36 500 × 0.145 × 10 / 365 = 145.
    ['a mid-semester ECB change waits for the next half-year', business(36_500, '2024-06-14'), '2024-06-24', 145, 4000],
    // Contract rate 15 %, due 15 Jun 2025, asOf 15 Jul: 30 days × 15 000 / 365 = 450 000 / 365 = 1 232.88 → 1 233.
    ['contract rate replaces ECB + 10 on both sides of 1 July', business(100_000, '2025-06-15', [], 15), '2025-07-15', 1233, 4000],
    // 40 % paid on 10 Apr: 1–10 Apr 10 d × 13 150 + 11–30 Apr 20 d × 7 890 (600 € × 13.15 %) = 289 300 / 365 = 792.60 → 793.
    ['partial payment reduces the base from the next day', business(100_000, '2025-03-31', [pay('2025-04-10', 40_000)]), '2025-04-30', 793, 4000],
    // 300 € on 10 Apr, 700 € on 20 Apr: 10 d × 13 150 + 10 d × 9 205 = 223 550 / 365 = 612.47 → 612.
    ['paid late in two instalments', business(100_000, '2025-03-31', [pay('2025-04-10', 30_000), pay('2025-04-20', 70_000)]), '2025-05-31', 612, 4000],
    // Paid in full on 10 Apr: 10 d × 13 150 / 365 = 360.27 → 360; the indemnity stays due.
    ['paid late entirely', business(100_000, '2025-03-31', [pay('2025-04-10', 100_000)]), '2025-06-30', 360, 4000],
    // Paid in full on 1 Apr, one day late: 13 150 / 365 = 36.03 → 36.
    ['paid one day late', business(100_000, '2025-03-31', [pay('2025-04-01', 100_000)]), '2025-06-30', 36, 4000],
    ['paid on the due date: nothing', business(100_000, '2025-03-31', [pay('2025-03-31', 100_000)]), '2025-06-30', 0, 0],
    ['paid before the due date: nothing', business(100_000, '2025-03-31', [pay('2025-03-01', 100_000)]), '2025-06-30', 0, 0],
    // 250 € paid on the due date: 750 € × 13.15 % × 30 / 365 = 295 875 / 365 = 810.62 → 811.
    ['partial payment on the due date reduces the base from the start', business(100_000, '2025-03-31', [pay('2025-03-31', 25_000)]), '2025-04-30', 811, 4000],
    ['partial payment before the due date too', business(100_000, '2025-03-31', [pay('2025-03-15', 25_000)]), '2025-04-30', 811, 4000],
    // The 15 May payment is after asOf (30 Apr): same as unpaid, 1 081.
    ['payment after asOf ignored', business(100_000, '2025-03-31', [pay('2025-05-15', 100_000)]), '2025-04-30', 1081, 4000],
    // A payment on asOf still counts that day: 30 days, 1 081.
    ['payment on asOf counts that day', business(100_000, '2025-03-31', [pay('2025-04-30', 100_000)]), '2025-04-30', 1081, 4000],
    ['asOf on the due date: not late yet', business(100_000, '2025-03-31'), '2025-03-31', 0, 0],
    ['asOf before the due date: not late yet', business(100_000, '2025-03-31'), '2025-03-01', 0, 0],
    // One day: 13 150 / 365 = 36.03 → 36.
    ['asOf the day after the due date: one day', business(100_000, '2025-03-31'), '2025-04-01', 36, 4000],
    // 1 200 € paid on 10 Apr for a 1 000 € invoice: the base never goes below zero, 10 days only → 360.
    ['an overpayment stops the interest', business(100_000, '2025-03-31', [pay('2025-04-10', 120_000)]), '2025-04-30', 360, 4000],
    ['a zero invoice costs nothing', business(0, '2025-03-31'), '2025-04-30', 0, 0],

    // Rounding, half away from zero.
    // Contract 15 %, 182.50 € for 3 days: 18 250 × 0.15 × 3 / 365 = 8 212.5 / 365 = 22.5 → 23
    // (in floating point 18 250 × (15 / 100) × (3 / 365) is 22.499999999999996: the sum is computed on integers).
    ['exact half cent rounds up: 22.5 → 23', business(18_250, '2025-03-31', [], 15), '2025-04-03', 23, 4000],
    // 12.15 % (2025 H2), 365 € for 10 days: 36 500 × 0.1215 × 10 / 365 = 121.5 → 122.
    ['exact half cent at an ECB rate: 121.5 → 122', business(36_500, '2025-09-30'), '2025-10-10', 122, 4000],
    // Contract 7.3 %: cents = base × days / 5 000. 1 062.50 € for 1 day = 21.25, then 562.50 € for 1 day = 11.25;
    // exact sum 32.5 → 33, although the rounded lines (21 + 11) add up to 32.
    ['rounded once on the exact sum: 21.25 + 11.25 = 32.5 → 33', business(106_250, '2025-03-31', [pay('2025-04-01', 50_000)], 7.3), '2025-04-02', 33, 4000],

    // Consumer: legal rate, from the day after the formal notice, no indemnity.
    ['consumer without formal notice: nothing', consumer(100_000, '2025-03-31'), '2025-12-31', 0, 0],
    // Notice 15 Oct 2025, asOf 14 Nov: 16–31 Oct 16 d + 1–14 Nov 14 d = 30 d × 6 650 / 365 = 199 500 / 365 = 546.58 → 547.
    ['consumer with formal notice', consumer(100_000, '2025-09-30', [], '2025-10-15'), '2025-11-14', 547, 0],
    // Notice 15 Dec 2025: 16–31 Dec 16 d × 6 650 + 1–15 Jan 15 d × 6 670 = 206 450 / 365 = 565.62 → 566.
    ['consumer across 1 January', consumer(100_000, '2025-11-30', [], '2025-12-15'), '2026-01-15', 566, 0],
    // Notice 20 Oct before the due date 31 Oct: interest from 1 Nov, 30 d × 6 650 / 365 → 547.
    ['consumer notice before the due date: from the due date', consumer(100_000, '2025-10-31', [], '2025-10-20'), '2025-11-30', 547, 0],
    // 500 € paid on 20 Oct: 16–20 Oct 5 d × 6 650 + 21 Oct–14 Nov 25 d × 3 325 = 116 375 / 365 = 318.84 → 319.
    ['consumer partial payment after the notice', consumer(100_000, '2025-09-30', [pay('2025-10-20', 50_000)], '2025-10-15'), '2025-11-14', 319, 0],
    ['consumer paid before the notice: nothing', consumer(100_000, '2025-09-30', [pay('2025-10-10', 100_000)], '2025-10-15'), '2025-11-14', 0, 0],
    ['consumer asOf on the notice date: nothing yet', consumer(100_000, '2025-09-30', [], '2025-10-15'), '2025-10-15', 0, 0],
    // A contract rate is a business-to-business term: ignored for a consumer (same as the 547 case).
    ['consumer contract rate ignored', { ...consumer(100_000, '2025-09-30', [], '2025-10-15'), contractRatePercent: 20 }, '2025-11-14', 547, 0],
  ])('%s', (_label, invoice, asOf, penaltyCents, indemnityCents) => {
    const result = latePaymentCharges(invoice, asOf, KNOWN_RATES);
    expect(result.penaltyCents).toBe(penaltyCents);
    expect(result.indemnityCents).toBe(indemnityCents);
  });
});

describe('latePaymentCharges: lines', () => {
  const line = (from: string, to: string, days: number, baseCents: number, ratePercent: number, amountCents: number) => ({
    from,
    to,
    days,
    baseCents,
    ratePercent,
    amountCents: expect.closeTo(amountCents, 9) as unknown as number,
  });

  it.each([
    ['one half-year', business(100_000, '2025-03-31'), '2025-04-30', [line('2025-04-01', '2025-04-30', 30, 100_000, 13.15, 394_500 / 365)]],
    [
      'split at 1 July',
      business(100_000, '2025-06-15'),
      '2025-07-15',
      [line('2025-06-16', '2025-06-30', 15, 100_000, 13.15, 197_250 / 365), line('2025-07-01', '2025-07-15', 15, 100_000, 12.15, 182_250 / 365)],
    ],
    [
      'split at 1 January',
      business(100_000, '2024-12-15'),
      '2025-01-14',
      [line('2024-12-16', '2024-12-31', 16, 100_000, 14.25, 228_000 / 365), line('2025-01-01', '2025-01-14', 14, 100_000, 13.15, 184_100 / 365)],
    ],
    // The ECB rate is the same in 2025 H2 and 2026 H1 (2.15): still one line per half-year, as letters print them.
    [
      'split at 1 January even when the rate does not change',
      business(100_000, '2025-12-30'),
      '2026-01-02',
      [line('2025-12-31', '2025-12-31', 1, 100_000, 12.15, 12_150 / 365), line('2026-01-01', '2026-01-02', 2, 100_000, 12.15, 24_300 / 365)],
    ],
    ['contract rate: one line across 1 July', business(100_000, '2025-06-15', [], 15), '2025-07-15', [line('2025-06-16', '2025-07-15', 30, 100_000, 15, 450_000 / 365)]],
    [
      'base reduced the day after the payment',
      business(100_000, '2025-03-31', [pay('2025-04-10', 40_000)]),
      '2025-04-30',
      [line('2025-04-01', '2025-04-10', 10, 100_000, 13.15, 131_500 / 365), line('2025-04-11', '2025-04-30', 20, 60_000, 13.15, 157_800 / 365)],
    ],
    ['a zero payment does not split the line', business(100_000, '2025-03-31', [pay('2025-04-10', 0)]), '2025-04-30', [line('2025-04-01', '2025-04-30', 30, 100_000, 13.15, 394_500 / 365)]],
    [
      'exact line amounts, not rounded',
      business(106_250, '2025-03-31', [pay('2025-04-01', 50_000)], 7.3),
      '2025-04-02',
      [line('2025-04-01', '2025-04-01', 1, 106_250, 7.3, 21.25), line('2025-04-02', '2025-04-02', 1, 56_250, 7.3, 11.25)],
    ],
    [
      'consumer: from the day after the notice, split at 1 January',
      consumer(100_000, '2025-11-30', [], '2025-12-15'),
      '2026-01-15',
      [line('2025-12-16', '2025-12-31', 16, 100_000, 6.65, 106_400 / 365), line('2026-01-01', '2026-01-15', 15, 100_000, 6.67, 100_050 / 365)],
    ],
    ['paid on time: no line', business(100_000, '2025-03-31', [pay('2025-03-31', 100_000)]), '2025-06-30', []],
  ])('%s', (_label, invoice, asOf, lines) => {
    expect(latePaymentCharges(invoice, asOf, KNOWN_RATES).lines).toEqual(lines);
  });

  it('carries the latest legal rate forward past the table (ratesCoverage warns)', () => {
    // 2026 H2 has no entry yet: 6.67 (2026 H1) is used and shown. 1–30 Jul 30 d × 6 670 / 365 = 548.22 → 548.
    const result = latePaymentCharges(consumer(100_000, '2026-06-15', [], '2026-06-30'), '2026-07-30', KNOWN_RATES);
    expect(result.lines.map((l) => l.ratePercent)).toEqual([6.67]);
    expect(result.penaltyCents).toBe(548);
  });
});

describe('latePaymentCharges refuses bad input', () => {
  it.each([
    ['a malformed due date', business(100_000, '31/03/2025'), '2025-04-30', /due date/],
    ['a malformed asOf', business(100_000, '2025-03-31'), '2025-04-31', /asOf/],
    ['a malformed payment date', business(100_000, '2025-03-31', [pay('2025-4-10', 1)]), '2025-04-30', /payment date/],
    ['euros instead of cents', business(1000.5, '2025-03-31'), '2025-04-30', /whole non-negative cents/],
    ['a negative payment', business(100_000, '2025-03-31', [pay('2025-04-10', -1)]), '2025-04-30', /whole non-negative cents/],
    ['a negative contract rate', business(100_000, '2025-03-31', [], -1), '2025-04-30', /non-negative percentage/],
  ])('%s', (_label, invoice, asOf, message) => {
    expect(() => latePaymentCharges(invoice, asOf, KNOWN_RATES)).toThrow(message);
  });

  it('says which rate is missing', () => {
    expect(() => latePaymentCharges(business(100_000, '2025-03-31'), '2025-04-30', { ecb: [], legalConsumer: [] })).toThrow(
      /no ECB rate known on 2025-01-01/,
    );
    expect(() =>
      latePaymentCharges(consumer(100_000, '2021-03-31', [], '2021-04-01'), '2021-04-30', KNOWN_RATES),
    ).toThrow(/no legal interest rate known on 2021-01-01/);
  });
});

describe('rate tables', () => {
  it('lists the ECB main refinancing rate changes from 2022 in order', () => {
    expect(ECB_MAIN_REFINANCING_RATES.map((r) => `${r.from} ${r.ratePercent.toFixed(2)}`)).toEqual([
      '2019-09-18 0.00',
      '2022-07-27 0.50',
      '2022-09-14 1.25',
      '2022-11-02 2.00',
      '2022-12-21 2.50',
      '2023-02-08 3.00',
      '2023-03-22 3.50',
      '2023-05-10 3.75',
      '2023-06-21 4.00',
      '2023-08-02 4.25',
      '2023-09-20 4.50',
      '2024-06-12 4.25',
      '2024-09-18 3.65',
      '2024-10-23 3.40',
      '2024-12-18 3.15',
      '2025-02-05 2.90',
      '2025-03-12 2.65',
      '2025-04-23 2.40',
      '2025-06-11 2.15',
    ]);
  });

  it('lists one legal consumer rate per half-year from 2022, each from its first day', () => {
    expect(FRENCH_LEGAL_RATES_CONSUMER.map((r) => `${r.from} ${r.ratePercent}`)).toEqual([
      '2022-01-01 3.13',
      '2022-07-01 3.15',
      '2023-01-01 4.47',
      '2023-07-01 6.82',
      '2024-01-01 8.01',
      '2024-07-01 8.16',
      '2025-01-01 7.21',
      '2025-07-01 6.65',
      '2026-01-01 6.67',
    ]);
  });
});

describe('ratesCoverage', () => {
  const withH2 = { ...KNOWN_RATES, legalConsumer: [...KNOWN_RATES.legalConsumer, { from: '2026-07-01', ratePercent: 6.5 }] };

  it.each([
    ['shipped table, inside its last half-year', KNOWN_RATES, '2026-06-30', '2026-06-30', false],
    ['shipped table, earlier date', KNOWN_RATES, '2025-03-31', '2026-06-30', false],
    ['shipped table, next half-year', KNOWN_RATES, '2026-07-01', '2026-06-30', true],
    ['shipped table, today (23 Nov 2026)', KNOWN_RATES, '2026-11-23', '2026-06-30', true],
    // The user adds the 2026 H2 legal rate but has not confirmed the ECB rate: still until 30 June.
    ['legal rate added, ECB not confirmed', withH2, '2026-11-23', '2026-06-30', true],
    ['legal rate added and checked until 31 Dec', { ...withH2, knownUntil: '2026-12-31' }, '2026-11-23', '2026-12-31', false],
    // knownUntil cannot outrun the legal table: 31 Dec claimed, legal rates stop at 2026 H1.
    ['knownUntil beyond the legal table', { ...KNOWN_RATES, knownUntil: '2026-12-31' }, '2026-11-23', '2026-06-30', true],
    ['no knownUntil: the legal table decides', { ecb: KNOWN_RATES.ecb, legalConsumer: withH2.legalConsumer }, '2026-11-23', '2026-12-31', false],
    ['empty legal table', { ecb: KNOWN_RATES.ecb, legalConsumer: [] }, '2026-11-23', '', true],
  ])('%s', (_label, rates, asOf, knownUntil, currentHalfYearMissing) => {
    expect(ratesCoverage(rates, asOf)).toEqual({ knownUntil, currentHalfYearMissing });
  });
});
