/**
 * Payment-discipline metrics over invoices and their dated payments (the shape the dashboard issue
 * specifies). Written-off and cancelled invoices count in no amount. Pure: `asOf` is an argument,
 * and everything dated after it (payments, invoices) is ignored.
 *
 * - agingBuckets: outstanding by days past due;
 * - customerDiscipline: per customer, balances, days late, on-time rate and a grade A–E;
 * - behaviourChanges / behaviourChangeDetails: customers paying markedly later lately;
 * - dso, dsoTrend: days sales outstanding, now and at each month end;
 * - monthlyInvoicedAndCollected: invoiced and collected per month;
 * - toMetricInvoices, collectedBetween: helpers over the ledger's records.
 *
 * Each is one pass over the invoices and their payments (see tests/bench/metrics.bench.ts).
 */
import { addDays } from './dates';
import type { CalendarDate, Cents, Invoice, Payment } from './model';

export interface MetricInvoice {
  id: string;
  customerId: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  totalCents: Cents;
  payments: { date: CalendarDate; amountCents: Cents }[];
  status?: 'disputed' | 'written-off' | 'cancelled';
}

export interface AgingBuckets {
  notDue: Cents;
  d1to30: Cents;
  d31to60: Cents;
  d61to90: Cents;
  over90: Cents;
}

export const AGING_BUCKET_KEYS = ['notDue', 'd1to30', 'd31to60', 'd61to90', 'over90'] as const satisfies readonly (keyof AgingBuckets)[];

/**
 * Outstanding at `asOf` (total minus payments dated on or before it), by days past due. Invoices
 * issued after `asOf` do not exist yet at `asOf` and are left out (as in dso and customerDiscipline).
 */
export function agingBuckets(invoices: readonly MetricInvoice[], asOf: CalendarDate): AgingBuckets {
  const buckets: AgingBuckets = { notDue: 0, d1to30: 0, d31to60: 0, d61to90: 0, over90: 0 };
  const asOfDay = dayIndex(asOf);
  for (const invoice of invoices) {
    if (!counts(invoice) || invoice.issueDate > asOf) continue;
    let paid = 0;
    for (const payment of invoice.payments) if (payment.date <= asOf) paid += payment.amountCents;
    const outstanding = invoice.totalCents - paid;
    if (outstanding <= 0) continue;
    const late = asOfDay - dayIndex(invoice.dueDate);
    if (late <= 0) buckets.notDue += outstanding;
    else if (late <= 30) buckets.d1to30 += outstanding;
    else if (late <= 60) buckets.d31to60 += outstanding;
    else if (late <= 90) buckets.d61to90 += outstanding;
    else buckets.over90 += outstanding;
  }
  return buckets;
}

/** Builds the metric shape from the ledger's records: each invoice with the payments allocated to it. */
export function toMetricInvoices(invoices: readonly Invoice[], payments: readonly Payment[]): MetricInvoice[] {
  const paymentsByInvoice = new Map<string, { date: CalendarDate; amountCents: Cents }[]>();
  for (const payment of payments) {
    for (const allocation of payment.allocations) {
      let list = paymentsByInvoice.get(allocation.invoiceId);
      if (!list) paymentsByInvoice.set(allocation.invoiceId, (list = []));
      list.push({ date: payment.date, amountCents: allocation.amountCents });
    }
  }
  return invoices
    .filter((invoice) => invoice.kind !== 'credit-note')
    .map((invoice) => {
      const status = invoice.cancelled ? 'cancelled' : invoice.writeOff ? 'written-off' : invoice.dispute ? 'disputed' : undefined;
      return {
        id: invoice.id,
        customerId: invoice.customerId,
        issueDate: invoice.issueDate,
        dueDate: invoice.dueDate,
        totalCents: invoice.totalCents,
        payments: paymentsByInvoice.get(invoice.id) ?? [],
        ...(status ? { status } : {}),
      };
    });
}

/** Sum of the payments dated within [from, to] (inclusive). */
export function collectedBetween(payments: readonly Pick<Payment, 'date' | 'amountCents'>[], from: CalendarDate, to: CalendarDate): Cents {
  let total = 0;
  for (const payment of payments) if (payment.date >= from && payment.date <= to) total += payment.amountCents;
  return total;
}

// ---------------------------------------------------------------------------------------------------
// Day arithmetic for the hot loops
//
// The metrics read every invoice and every payment (100,000 and 200,000 of them on a big ledger):
// dates.ts's `daysBetween` (regex check, `Date` parse, ISO round trip) costs too much per call. These
// two functions compute the same numbers from the characters of the `YYYY-MM-DD` string.

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function invalidDate(date: string): never {
  throw new Error(`Not a YYYY-MM-DD calendar date: "${date}"`);
}

function digit(date: string, index: number): number {
  const value = date.charCodeAt(index) - 48;
  if (value < 0 || value > 9 || value !== value) invalidDate(date);
  return value;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  return month === 2 && !isLeapYear(year) ? 28 : DAYS_IN_MONTH[month - 1]!;
}

/** Year, month and day of a checked `YYYY-MM-DD` date, as `year × 10 000 + month × 100 + day` (no allocation). */
function checkedParts(date: CalendarDate): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) invalidDate(date);
  const year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
  const month = digit(date, 5) * 10 + digit(date, 6);
  const day = digit(date, 8) * 10 + digit(date, 9);
  if (month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month))) invalidDate(date);
  return year * 10_000 + month * 100 + day;
}

/**
 * Days since 1970-01-01 (the same day number as dates.ts, so `dayIndex(b) - dayIndex(a)` equals
 * `daysBetween(a, b)`), without building a `Date` (H. Hinnant's `days_from_civil`).
 */
export function dayIndex(date: CalendarDate): number {
  const packed = checkedParts(date);
  const year = Math.floor(packed / 10_000);
  const month = Math.floor(packed / 100) % 100;
  const day = packed % 100;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Months since year 0 (`year × 12 + month − 1`): consecutive months differ by 1. */
function monthIndex(date: CalendarDate): number {
  const packed = checkedParts(date);
  return Math.floor(packed / 10_000) * 12 + (Math.floor(packed / 100) % 100) - 1;
}

function monthLabel(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function lastDayOfMonth(index: number): CalendarDate {
  return `${monthLabel(index)}-${String(daysInMonth(Math.floor(index / 12), (index % 12) + 1)).padStart(2, '0')}`;
}

const counts = (invoice: MetricInvoice): boolean => invoice.status !== 'written-off' && invoice.status !== 'cancelled';

// ---------------------------------------------------------------------------------------------------
// Windows
//
// A payment's (or an invoice's) *age* is `asOf − its date`, in days: 0 on `asOf`, 1 the day before.
// "The N days up to asOf" are the ages 0…N (so for N = 365: day 365 is in, day 366 out), and
// anything dated after `asOf` (a negative age) is ignored everywhere: the metrics describe the
// ledger as it stood at the end of `asOf`.
//
// behaviourChanges compares two windows that touch without overlapping:
// - recent: ages 0…90 (the last 90 days: dated on or after asOf − 90);
// - previous: ages 91…455 (the 365 days before that: dated from asOf − 455 to asOf − 91).

/** The window of the discipline figures: payments and settlements of the last 365 days. */
export const DISCIPLINE_WINDOW_DAYS = 365;
/** The recent window of behaviourChanges (ages 0…90). */
export const RECENT_WINDOW_DAYS = 90;
/** The window it is compared with, just before it (ages 91…455). */
export const PREVIOUS_WINDOW_DAYS = 365;
/** How many more days late (amount-weighted) the recent window must be to flag a change. */
export const BEHAVIOUR_CHANGE_MIN_DAYS = 15;
/** Payments needed in each window before comparing them: one payment is an anecdote. */
export const BEHAVIOUR_CHANGE_MIN_PAYMENTS = 2;

// ---------------------------------------------------------------------------------------------------
// Customer discipline

export type DisciplineGrade = 'A' | 'B' | 'C' | 'D' | 'E';

export interface CustomerDiscipline {
  /** Invoices issued on or before asOf, written-off and cancelled ones left out, at any date. */
  invoiceCount: number;
  /** Outstanding at asOf (total minus payments dated on or before it), disputed invoices included. */
  openCents: Cents;
  /** The part of `openCents` past its due date (due before asOf), disputed invoices included. */
  overdueCents: Cents;
  /** Amount-weighted days late of the payments dated in the window; `null` without any. */
  averageDaysLate: number | null;
  /** Share (0…1) of the invoices settled in the window whose last payment was on or before the due date; `null` without any. */
  onTimeRate: number | null;
  grade: DisciplineGrade;
}

/**
 * Grade thresholds. A customer gets the best grade whose three limits it meets (that is, the worst
 * of the grades each criterion gives on its own):
 *
 * | grade | average days late ≤ | on-time rate ≥ | oldest overdue invoice, days past due ≤ |
 * |-------|---------------------|----------------|------------------------------------------|
 * | A     | 2                   | 90 %           | 7                                        |
 * | B     | 7                   | —              | 30                                       |
 * | C     | 20                  | —              | 60                                       |
 * | D     | 45                  | —              | 90                                       |
 * | E     | more than 45        | —              | more than 90                             |
 *
 * Why these limits:
 * - 2 days late: a transfer sent on the due date on a Friday lands on Monday. Paying like that is
 *   paying on time; a shopkeeper would not call it late.
 * - 7 days: one week, about the delay before a first reminder is worth sending.
 * - 20 days, 45 days: most B2B terms are 30 to 60 days and 45 days is the usual "fin de mois" limit
 *   of the Code de commerce: a customer whose average delay doubles the usual terms again is E.
 * - The on-time rate only separates A from B: A is for customers who pay on time (at least 9 times
 *   in 10), not merely early enough on average. Below that it says little: a customer who always
 *   pays three days late has an on-time rate of 0 % but is predictable (B); what hurts a shop is how
 *   late (the average) and how much is stuck now (the oldest overdue invoice).
 * - Oldest overdue invoice: the history can be perfect and the customer stop paying today; an
 *   invoice more than 90 days past due is, by the usual rule of thumb, one that may never be paid.
 *   7 days of grace (as for the average) keep a payment in transit from costing an A.
 *
 * Decisions:
 * - No history (no payment in the window: `averageDaysLate` and `onTimeRate` both `null`): grade C,
 *   the middle of the scale (`NO_HISTORY_GRADE`): neither praise nor warning. An invoice of such a
 *   customer long overdue still lowers it (D, E); the screens tell "no history" from a real C by the
 *   two `null`s.
 * - Disputed invoices do not count against the grade: their payments are left out of
 *   `averageDaysLate` and `onTimeRate` and they are not the "oldest overdue invoice". A dispute is a
 *   disagreement about what is owed (often the shop's error, e.g. goods not delivered), not payment
 *   discipline, and it is shown on its own. Their amounts stay in `openCents` and `overdueCents`: the
 *   money is out all the same. Once the dispute is resolved (status cleared), the invoice counts.
 * - Written-off and cancelled invoices count in nothing (as for every metric here).
 */
export const GRADE_THRESHOLDS = [
  { grade: 'A', maxAverageDaysLate: 2, minOnTimeRate: 0.9, maxDaysOverdue: 7 },
  { grade: 'B', maxAverageDaysLate: 7, minOnTimeRate: 0, maxDaysOverdue: 30 },
  { grade: 'C', maxAverageDaysLate: 20, minOnTimeRate: 0, maxDaysOverdue: 60 },
  { grade: 'D', maxAverageDaysLate: 45, minOnTimeRate: 0, maxDaysOverdue: 90 },
] as const satisfies readonly { grade: DisciplineGrade; maxAverageDaysLate: number; minOnTimeRate: number; maxDaysOverdue: number }[];

/** The grade of a customer without any payment in the window (see GRADE_THRESHOLDS). */
export const NO_HISTORY_GRADE: DisciplineGrade = 'C';

export interface GradeInput {
  averageDaysLate: number | null;
  onTimeRate: number | null;
  /** Days past due of the customer's oldest open, non-disputed invoice; 0 when none is overdue. */
  maxDaysOverdue: number;
}

/** The grade for these figures, by GRADE_THRESHOLDS. */
export function disciplineGrade({ averageDaysLate, onTimeRate, maxDaysOverdue }: GradeInput): DisciplineGrade {
  const noHistory = averageDaysLate === null && onTimeRate === null;
  for (const limits of GRADE_THRESHOLDS) {
    if (noHistory && limits.grade < NO_HISTORY_GRADE) continue; // letters order the grades: 'A' < 'C'
    if (averageDaysLate !== null && averageDaysLate > limits.maxAverageDaysLate) continue;
    if (onTimeRate !== null && onTimeRate < limits.minOnTimeRate) continue;
    if (maxDaysOverdue > limits.maxDaysOverdue) continue;
    return limits.grade;
  }
  return 'E';
}

interface DisciplineAccumulator {
  invoiceCount: number;
  openCents: number;
  overdueCents: number;
  lateWeighted: number;
  lateAmount: number;
  settled: number;
  settledOnTime: number;
  maxDaysOverdue: number;
}

/**
 * Per customer (every customer with at least one invoice in `invoices`, in the order first met):
 * counts, balances, days late and on-time rate over the 365 days up to `asOf`, and a grade.
 *
 * - `averageDaysLate` = Σ amount × max(0, payment date − due date) ÷ Σ amount, over the payments
 *   (with a positive amount) dated in the window, on non-disputed invoices;
 * - `onTimeRate`: among the non-disputed invoices with a positive total fully paid at `asOf` whose
 *   last payment (the latest dated on or before `asOf`) is in the window, the share whose last
 *   payment is on or before the due date.
 */
export function customerDiscipline(invoices: readonly MetricInvoice[], asOf: CalendarDate): Map<string, CustomerDiscipline> {
  const asOfDay = dayIndex(asOf);
  const from = addDays(asOf, -DISCIPLINE_WINDOW_DAYS);
  const accumulators = new Map<string, DisciplineAccumulator>();
  for (const invoice of invoices) {
    let acc = accumulators.get(invoice.customerId);
    if (!acc) {
      acc = { invoiceCount: 0, openCents: 0, overdueCents: 0, lateWeighted: 0, lateAmount: 0, settled: 0, settledOnTime: 0, maxDaysOverdue: 0 };
      accumulators.set(invoice.customerId, acc);
    }
    if (!counts(invoice) || invoice.issueDate > asOf) continue;
    acc.invoiceCount += 1;
    const disputed = invoice.status === 'disputed';
    let dueDay: number | undefined;
    let paid = 0;
    let lastPayment = '';
    for (const payment of invoice.payments) {
      if (payment.date > asOf) continue;
      paid += payment.amountCents;
      if (payment.date > lastPayment) lastPayment = payment.date;
      if (disputed || payment.date < from || payment.amountCents <= 0) continue;
      dueDay ??= dayIndex(invoice.dueDate);
      const late = dayIndex(payment.date) - dueDay;
      acc.lateWeighted += payment.amountCents * (late > 0 ? late : 0);
      acc.lateAmount += payment.amountCents;
    }
    const outstanding = invoice.totalCents - paid;
    if (outstanding > 0) {
      acc.openCents += outstanding;
      if (invoice.dueDate < asOf) {
        const daysOverdue = asOfDay - (dueDay ?? dayIndex(invoice.dueDate));
        acc.overdueCents += outstanding;
        if (!disputed && daysOverdue > acc.maxDaysOverdue) acc.maxDaysOverdue = daysOverdue;
      }
    } else if (!disputed && invoice.totalCents > 0 && lastPayment >= from) {
      acc.settled += 1;
      if (lastPayment <= invoice.dueDate) acc.settledOnTime += 1;
    }
  }
  const result = new Map<string, CustomerDiscipline>();
  for (const [customerId, acc] of accumulators) {
    const averageDaysLate = acc.lateAmount > 0 ? acc.lateWeighted / acc.lateAmount : null;
    const onTimeRate = acc.settled > 0 ? acc.settledOnTime / acc.settled : null;
    result.set(customerId, {
      invoiceCount: acc.invoiceCount,
      openCents: acc.openCents,
      overdueCents: acc.overdueCents,
      averageDaysLate,
      onTimeRate,
      grade: disciplineGrade({ averageDaysLate, onTimeRate, maxDaysOverdue: acc.maxDaysOverdue }),
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Behaviour changes

export interface BehaviourChange {
  customerId: string;
  /** Amount-weighted days late over the recent window (ages 0…90). */
  recentDaysLate: number;
  /** The same over the previous window (ages 91…455). */
  previousDaysLate: number;
  recentPayments: number;
  previousPayments: number;
}

interface WindowSums {
  recent: { weighted: number; amount: number; payments: number };
  previous: { weighted: number; amount: number; payments: number };
}
const emptyWindow = (): WindowSums['recent'] => ({ weighted: 0, amount: 0, payments: 0 });

/**
 * The customers whose amount-weighted days late (as in customerDiscipline: max(0, payment date − due
 * date), weighted by amount) over the payments of the recent window exceed those of the previous
 * window by at least 15 days, with at least two payments in each window. Most worsened first (then
 * by id). Same exclusions as the grade: written-off, cancelled and disputed invoices, payments
 * without a positive amount. A transfer settling two invoices counts as two payments (one per
 * invoice: the metric shape knows payments only through the invoices they settle).
 */
export function behaviourChangeDetails(invoices: readonly MetricInvoice[], asOf: CalendarDate): BehaviourChange[] {
  const recentFrom = addDays(asOf, -RECENT_WINDOW_DAYS);
  const previousFrom = addDays(asOf, -(RECENT_WINDOW_DAYS + PREVIOUS_WINDOW_DAYS));
  const sums = new Map<string, WindowSums>();
  for (const invoice of invoices) {
    if (!counts(invoice) || invoice.status === 'disputed') continue;
    let dueDay: number | undefined;
    let customer: WindowSums | undefined;
    for (const payment of invoice.payments) {
      if (payment.date > asOf || payment.date < previousFrom || payment.amountCents <= 0) continue;
      dueDay ??= dayIndex(invoice.dueDate);
      if (!customer) {
        customer = sums.get(invoice.customerId);
        if (!customer) sums.set(invoice.customerId, (customer = { recent: emptyWindow(), previous: emptyWindow() }));
      }
      const late = dayIndex(payment.date) - dueDay;
      const window = payment.date >= recentFrom ? customer.recent : customer.previous;
      window.weighted += payment.amountCents * (late > 0 ? late : 0);
      window.amount += payment.amountCents;
      window.payments += 1;
    }
  }
  const changes: BehaviourChange[] = [];
  for (const [customerId, { recent, previous }] of sums) {
    if (recent.payments < BEHAVIOUR_CHANGE_MIN_PAYMENTS || previous.payments < BEHAVIOUR_CHANGE_MIN_PAYMENTS) continue;
    const recentDaysLate = recent.weighted / recent.amount;
    const previousDaysLate = previous.weighted / previous.amount;
    if (recentDaysLate - previousDaysLate >= BEHAVIOUR_CHANGE_MIN_DAYS) {
      changes.push({ customerId, recentDaysLate, previousDaysLate, recentPayments: recent.payments, previousPayments: previous.payments });
    }
  }
  return changes.sort(
    (a, b) => b.recentDaysLate - b.previousDaysLate - (a.recentDaysLate - a.previousDaysLate) || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
}

/** The ids of behaviourChangeDetails, most worsened first. */
export function behaviourChanges(invoices: readonly MetricInvoice[], asOf: CalendarDate): string[] {
  return behaviourChangeDetails(invoices, asOf).map((change) => change.customerId);
}

// ---------------------------------------------------------------------------------------------------
// DSO

/**
 * DSO at several dates in one pass over the invoices: for each date D, outstanding at D (invoices
 * issued on or before D, total minus payments dated on or before D, nothing below 0 per invoice)
 * ÷ total invoiced with an issue date in the `periodDays` days up to D (ages 0…periodDays) ×
 * `periodDays`; `null` when nothing (no positive total) was invoiced in that period.
 */
function dsoAt(invoices: readonly MetricInvoice[], dates: readonly CalendarDate[], periodDays: number): (number | null)[] {
  if (!Number.isInteger(periodDays) || periodDays <= 0) throw new Error(`dso expects a positive whole number of days, got ${periodDays}`);
  const points = dates.length;
  for (let k = 1; k < points; k += 1) if (dates[k - 1]! >= dates[k]!) throw new Error('dso dates must be in increasing order');
  const days = dates.map(dayIndex);
  const last = dates[points - 1]!;
  /** Issued before this, an invoice is in no point's period: its issue date need not be parsed. */
  const earliestInPeriod = addDays(dates[0]!, -periodDays);
  // Outstanding at each point, as changes from the previous point (summed up at the end): an
  // invoice adds its total at the first point on or after its issue date, each payment takes its
  // amount off at the first point on or after both its date and the issue date. Exact as long as no
  // invoice is ever paid more than its total (nothing below 0 to cut off); the other invoices
  // (overpaid, negative amounts) go through the direct loop.
  const change = new Array<number>(points).fill(0);
  const outstanding = new Array<number>(points).fill(0);
  const invoiced = new Array<number>(points).fill(0);
  /** The first point on or after `date` (points when after the last one). */
  const pointOf = (date: CalendarDate): number => {
    if (date > last) return points;
    let low = 0;
    let high = points - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (dates[middle]! < date) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  for (const invoice of invoices) {
    if (!counts(invoice) || invoice.issueDate > last) continue;
    const first = pointOf(invoice.issueDate);
    if (invoice.issueDate >= earliestInPeriod) {
      const issueDay = dayIndex(invoice.issueDate);
      for (let k = first; k < points && days[k]! - issueDay <= periodDays; k += 1) invoiced[k]! += invoice.totalCents;
    }
    let paidAtLast = 0;
    let simple = true;
    for (const payment of invoice.payments) {
      if (payment.amountCents < 0) simple = false;
      if (payment.date <= last) paidAtLast += payment.amountCents;
    }
    if (simple && paidAtLast <= invoice.totalCents) {
      change[first]! += invoice.totalCents;
      for (const payment of invoice.payments) {
        const k = pointOf(payment.date);
        if (k < points) change[k > first ? k : first]! -= payment.amountCents;
      }
    } else {
      for (let k = first; k < points; k += 1) {
        let paid = 0;
        for (const payment of invoice.payments) if (payment.date <= dates[k]!) paid += payment.amountCents;
        if (invoice.totalCents > paid) outstanding[k]! += invoice.totalCents - paid;
      }
    }
  }
  let running = 0;
  for (let k = 0; k < points; k += 1) {
    running += change[k]!;
    outstanding[k]! += running;
  }
  return dates.map((_, k) => (invoiced[k]! > 0 ? (outstanding[k]! / invoiced[k]!) * periodDays : null));
}

/**
 * Days sales outstanding at `asOf`: outstanding at `asOf` ÷ total invoiced with an issue date in the
 * `periodDays` days up to `asOf` × `periodDays` (see the windows above: ages 0…periodDays). Only
 * invoices issued on or before `asOf` count; written-off and cancelled ones do not, disputed ones do.
 * `null` when nothing was invoiced in the period.
 */
export function dso(invoices: readonly MetricInvoice[], asOf: CalendarDate, periodDays = 90): number | null {
  return dsoAt(invoices, [asOf], periodDays)[0] ?? null;
}

export interface MonthPoint {
  /** `YYYY-MM` */
  month: string;
  /** The date the figures are taken at: the month's last day, or `asOf` for the month of `asOf`. */
  date: CalendarDate;
}

/**
 * One DSO per month end, for the `months` months ending with the month of `asOf` (oldest first);
 * the last point is taken at `asOf` itself (the month is not over).
 */
export function dsoTrend(invoices: readonly MetricInvoice[], asOf: CalendarDate, months = 12, periodDays = 90): (MonthPoint & { dso: number | null })[] {
  const points = monthPoints(asOf, months);
  const values = dsoAt(
    invoices,
    points.map((point) => point.date),
    periodDays,
  );
  return points.map((point, k) => ({ ...point, dso: values[k] ?? null }));
}

function monthPoints(asOf: CalendarDate, months: number): MonthPoint[] {
  if (!Number.isInteger(months) || months <= 0) throw new Error(`expects a positive whole number of months, got ${months}`);
  const last = monthIndex(asOf);
  return Array.from({ length: months }, (_, k) => {
    const index = last - months + 1 + k;
    return { month: monthLabel(index), date: index === last ? asOf : lastDayOfMonth(index) };
  });
}

// ---------------------------------------------------------------------------------------------------
// Invoiced and collected per month

/**
 * For the `months` months ending with the month of `asOf` (oldest first, the last one up to `asOf`):
 * the totals of the invoices issued in the month and the payments dated in it. Invoices issued and
 * payments dated after `asOf` are left out, and so are written-off and cancelled invoices with
 * their payments (they count in no amount); disputed ones count.
 */
export function monthlyInvoicedAndCollected(
  invoices: readonly MetricInvoice[],
  asOf: CalendarDate,
  months = 12,
): (MonthPoint & { invoicedCents: Cents; collectedCents: Cents })[] {
  const points = monthPoints(asOf, months);
  const first = monthIndex(asOf) - months + 1;
  const firstDate = `${points[0]!.month}-01`;
  const invoiced = points.map(() => 0);
  const collected = points.map(() => 0);
  for (const invoice of invoices) {
    if (!counts(invoice)) continue;
    if (invoice.issueDate >= firstDate && invoice.issueDate <= asOf) invoiced[monthIndex(invoice.issueDate) - first]! += invoice.totalCents;
    for (const payment of invoice.payments) {
      if (payment.date >= firstDate && payment.date <= asOf) collected[monthIndex(payment.date) - first]! += payment.amountCents;
    }
  }
  return points.map((point, k) => ({ ...point, invoicedCents: invoiced[k]!, collectedCents: collected[k]! }));
}

// ---------------------------------------------------------------------------------------------------
// Days late per month (one customer's trend)

/**
 * For the `months` months ending with the month of `asOf` (oldest first): the amount-weighted days
 * late of the payments dated in the month (Σ amount × max(0, payment date − due date) ÷ Σ amount,
 * as customerDiscipline's averageDaysLate), with their count; `null` for a month without payments.
 * Pass one customer's invoices to draw that customer's trend. Disputed invoices are left out, as in
 * behaviourChanges: a payment held back over a disagreement says nothing of discipline.
 */
export function monthlyDaysLate(
  invoices: readonly MetricInvoice[],
  asOf: CalendarDate,
  months = 12,
): (MonthPoint & { daysLate: number | null; payments: number })[] {
  const points = monthPoints(asOf, months);
  const first = monthIndex(asOf) - months + 1;
  const firstDate = `${points[0]!.month}-01`;
  const weighted = points.map(() => 0);
  const amount = points.map(() => 0);
  const count = points.map(() => 0);
  for (const invoice of invoices) {
    if (!counts(invoice) || invoice.status === 'disputed') continue;
    let dueDay: number | undefined;
    for (const payment of invoice.payments) {
      if (payment.date < firstDate || payment.date > asOf || payment.amountCents <= 0) continue;
      dueDay ??= dayIndex(invoice.dueDate);
      const k = monthIndex(payment.date) - first;
      const late = dayIndex(payment.date) - dueDay;
      weighted[k]! += payment.amountCents * (late > 0 ? late : 0);
      amount[k]! += payment.amountCents;
      count[k]! += 1;
    }
  }
  return points.map((point, k) => ({ ...point, daysLate: amount[k]! > 0 ? weighted[k]! / amount[k]! : null, payments: count[k]! }));
}
