/**
 * Late-payment charges of one invoice (DOMAIN.md, "French rules the letters must get right").
 *
 * Business customers (Code de commerce L441-10, D441-5): interest from the day after the due date,
 * without any reminder, at the contract rate or else at the ECB main refinancing rate plus 10 points
 * (the ECB rate in force on 1 January for days from January to June, on 1 July for days from July to
 * December), plus the 40 € fixed recovery indemnity once the invoice is late.
 * Consumers (Code civil 1231-6): interest at the legal rate for creditors who are individuals, only
 * from the day after the formal notice (mise en demeure), and no indemnity.
 *
 * Day counting: the amount unpaid on day d (d after the due date) bears one day of interest. A payment
 * dated P still counts on day P (P − due date days for that amount) and reduces the base from P + 1;
 * payments on or before the due date reduce it from the start; payments after `asOf` are ignored.
 * Simple interest: base × rate / 100 × days / 365 (365 in leap years too, as the letters state).
 *
 * Rounding: each line's `amountCents` is the exact (unrounded) amount, for display rounded as the
 * caller likes; `penaltyCents` is the exact sum of the lines rounded once to the nearest cent, half
 * away from zero, so rounded lines may differ from the total by a cent. The sum is computed in integer
 * arithmetic (BigInt, rates taken to four decimals) so that an exact half cent is never misrounded.
 *
 * When the rate table has no entry for a half-year yet, the latest earlier entry is used: the settings
 * screen warns through `ratesCoverage` (rates.ts), and every line shows the rate it used.
 */
import { addDays, daysBetween, isCalendarDate } from './dates';
import type { CalendarDate, Cents, CustomerKind } from './model';

export interface LateFeeInvoice {
  totalCents: Cents;
  dueDate: CalendarDate;
  customerKind: CustomerKind;
  payments: { date: CalendarDate; amountCents: Cents }[];
  /** Late-payment rate of the contract (terms of sale), percent a year; business customers only. */
  contractRatePercent?: number;
  /** Date of the formal notice; consumer interest runs from the day after. */
  formalNoticeDate?: CalendarDate;
}

export interface LateFeeRateTables {
  ecb: { from: CalendarDate; ratePercent: number }[];
  legalConsumer: { from: CalendarDate; ratePercent: number }[];
}

export interface LateFeeLine {
  /** First and last day of interest, both included. */
  from: CalendarDate;
  to: CalendarDate;
  days: number;
  baseCents: Cents;
  ratePercent: number;
  /** Exact amount, not rounded. */
  amountCents: number;
}

export interface LateFeeResult {
  penaltyCents: Cents;
  indemnityCents: Cents;
  lines: LateFeeLine[];
}

/** D441-5: 40 € per invoice paid late. */
const RECOVERY_INDEMNITY_CENTS = 4000;
/** Points added to the ECB rate when the contract sets none. */
const ECB_MARGIN_POINTS = 10;
/** Rates are handled in ten-thousandths of a percent. */
const RATE_SCALE = 10_000;
/** cents × (rate × RATE_SCALE) × days / DENOMINATOR = cents of interest. */
const DENOMINATOR = BigInt(100 * RATE_SCALE * 365);

function checkDate(value: string, what: string): void {
  if (!isCalendarDate(value)) throw new Error(`latePaymentCharges: ${what} "${value}" is not a YYYY-MM-DD date`);
}

function checkCents(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`latePaymentCharges: ${what} must be whole non-negative cents, got ${value}`);
}

function scaledRate(ratePercent: number, what: string): bigint {
  if (!Number.isFinite(ratePercent) || ratePercent < 0) throw new Error(`latePaymentCharges: ${what} must be a non-negative percentage, got ${ratePercent}`);
  return BigInt(Math.round(ratePercent * RATE_SCALE));
}

/** First day of the half-year containing `date`. */
function halfYearStart(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 4)}-${date.slice(5, 7) <= '06' ? '01' : '07'}-01`;
}

/** The rate in force on `date`: the entry with the latest `from` on or before it. */
function rateOn(table: { from: CalendarDate; ratePercent: number }[], date: CalendarDate, what: string): number {
  let found: { from: CalendarDate; ratePercent: number } | undefined;
  for (const entry of table) {
    if (entry.from <= date && (found === undefined || entry.from > found.from)) found = entry;
  }
  if (found === undefined) throw new Error(`latePaymentCharges: no ${what} known on ${date}; add it in the settings`);
  return found.ratePercent;
}

/** n / d rounded to the nearest integer, half away from zero (d > 0). */
function roundHalfAwayFromZero(n: bigint, d: bigint): number {
  const quotient = n / d; // truncates toward zero
  const remainder = n % d;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < d) return Number(quotient);
  return Number(quotient + (n < 0n ? -1n : 1n));
}

function laterOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a > b ? a : b;
}

/**
 * Late-payment penalty and fixed indemnity of `invoice` as of `asOf` (the day the letter is written,
 * included), with the line by line detail a letter prints.
 */
export function latePaymentCharges(invoice: LateFeeInvoice, asOf: string, rates: LateFeeRateTables): LateFeeResult {
  checkDate(invoice.dueDate, 'due date');
  checkDate(asOf, 'asOf');
  checkCents(invoice.totalCents, 'totalCents');
  for (const payment of invoice.payments) {
    checkDate(payment.date, 'payment date');
    checkCents(payment.amountCents, 'payment amount');
  }
  if (invoice.formalNoticeDate !== undefined) checkDate(invoice.formalNoticeDate, 'formal notice date');
  const contractRate =
    invoice.customerKind === 'business' && invoice.contractRatePercent !== undefined
      ? scaledRate(invoice.contractRatePercent, 'contractRatePercent')
      : undefined;

  const payments = invoice.payments.filter((payment) => payment.date <= asOf);
  const { dueDate, totalCents } = invoice;
  const unpaidBefore = (day: CalendarDate): Cents =>
    Math.max(0, totalCents - payments.reduce((sum, payment) => (payment.date < day ? sum + payment.amountCents : sum), 0));

  // Late as soon as something is still owed the day after the due date (paid since, or not).
  const late = asOf > dueDate && unpaidBefore(addDays(dueDate, 1)) > 0;
  const indemnityCents = invoice.customerKind === 'business' && late ? RECOVERY_INDEMNITY_CENTS : 0;

  let firstDay = addDays(dueDate, 1);
  if (invoice.customerKind === 'consumer') {
    if (invoice.formalNoticeDate === undefined) return { penaltyCents: 0, indemnityCents, lines: [] };
    firstDay = laterOf(firstDay, addDays(invoice.formalNoticeDate, 1));
  }
  if (firstDay > asOf) return { penaltyCents: 0, indemnityCents, lines: [] };

  // Days on which the base or the rate may change: the day after each payment, each half-year.
  const afterLast = addDays(asOf, 1);
  const breaks = new Set<CalendarDate>([firstDay, afterLast]);
  for (const payment of payments) {
    const next = addDays(payment.date, 1);
    if (next > firstDay && next < afterLast) breaks.add(next);
  }
  if (contractRate === undefined) {
    for (let year = Number(firstDay.slice(0, 4)); year <= Number(asOf.slice(0, 4)); year += 1) {
      for (const start of [`${year}-01-01`, `${year}-07-01`]) {
        if (start > firstDay && start < afterLast) breaks.add(start);
      }
    }
  }
  const bounds = [...breaks].sort();

  const lines: LateFeeLine[] = [];
  const numerators: bigint[] = [];
  let exactSum = 0n;
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const from = bounds[i] as CalendarDate;
    const to = addDays(bounds[i + 1] as CalendarDate, -1);
    const baseCents = unpaidBefore(from);
    if (baseCents === 0) continue;

    let rate: bigint;
    if (contractRate !== undefined) {
      rate = contractRate;
    } else if (invoice.customerKind === 'business') {
      rate = scaledRate(rateOn(rates.ecb, halfYearStart(from), 'ECB rate') + ECB_MARGIN_POINTS, 'ECB rate');
    } else {
      rate = scaledRate(rateOn(rates.legalConsumer, halfYearStart(from), 'legal interest rate'), 'legal interest rate');
    }

    const days = daysBetween(from, to) + 1;
    const numerator = BigInt(baseCents) * rate * BigInt(days);
    exactSum += numerator;
    const ratePercent = Number(rate) / RATE_SCALE;
    const previous = lines[lines.length - 1];
    const halfYearBoundary = contractRate === undefined && halfYearStart(from) === from;
    if (previous && addDays(previous.to, 1) === from && previous.baseCents === baseCents && previous.ratePercent === ratePercent && !halfYearBoundary) {
      // Same base and rate on both sides (a payment that changed nothing): one line.
      const merged = (numerators.pop() as bigint) + numerator;
      numerators.push(merged);
      previous.to = to;
      previous.days += days;
      previous.amountCents = Number(merged) / Number(DENOMINATOR);
      continue;
    }
    numerators.push(numerator);
    lines.push({ from, to, days, baseCents, ratePercent, amountCents: Number(numerator) / Number(DENOMINATOR) });
  }

  return { penaltyCents: roundHalfAwayFromZero(exactSum, DENOMINATOR), indemnityCents, lines };
}
