/**
 * The status of an invoice is derived from its amounts and dates, never stored: it changes with
 * `today` and every stored copy would go stale overnight.
 */
import { daysBetween } from './dates';
import type { CalendarDate, Cents, Invoice } from './model';

export type InvoiceStatus =
  | 'not-due'
  | 'due'
  | 'overdue'
  | 'partly-paid'
  | 'paid'
  | 'disputed'
  | 'written-off'
  | 'cancelled';

export interface InvoiceStatusResult {
  status: InvoiceStatus;
  /**
   * Calendar days past the due date while something is still owed (0 on the due date and before).
   * Reported for `overdue`, `partly-paid` and `disputed` alike, so that lists can sort by age;
   * 0 for `paid`, `written-off`, `cancelled` and credit notes.
   */
  daysLate: number;
  /**
   * What the customer still owes on it: total − paid, never negative; 0 when cancelled or written off
   * (nothing left to collect). For a credit note: the part not yet applied.
   */
  balanceCents: Cents;
}

export type InvoiceStatusInput = Pick<
  Invoice,
  'totalCents' | 'paidCents' | 'dueDate' | 'dispute' | 'writeOff' | 'cancelled' | 'kind'
>;

/**
 * Precedence, first match wins:
 *   cancelled > written-off > paid > disputed > partly-paid > due (due date is today) > overdue > not-due.
 *
 * - A dispute freezes chasing whatever the amounts, but a fully paid invoice is `paid` even if a
 *   dispute flag was left on it: there is nothing left to chase.
 * - `partly-paid` wins over due/overdue; its lateness is still in `daysLate`.
 * - A credit note is money owed *to* the customer: it is never due nor late. It reads `paid` once
 *   fully applied, `not-due` while some of it is still unused (unless cancelled/written off).
 */
export function invoiceStatus(invoice: InvoiceStatusInput, today: CalendarDate): InvoiceStatusResult {
  const remaining = Math.max(0, invoice.totalCents - invoice.paidCents);

  if (invoice.cancelled) return { status: 'cancelled', daysLate: 0, balanceCents: 0 };
  if (invoice.writeOff) return { status: 'written-off', daysLate: 0, balanceCents: 0 };
  if (remaining === 0) return { status: 'paid', daysLate: 0, balanceCents: 0 };
  if (invoice.kind === 'credit-note') return { status: 'not-due', daysLate: 0, balanceCents: remaining };

  const daysLate = Math.max(0, daysBetween(invoice.dueDate, today));
  if (invoice.dispute) return { status: 'disputed', daysLate, balanceCents: remaining };
  if (invoice.paidCents > 0) return { status: 'partly-paid', daysLate, balanceCents: remaining };
  if (invoice.dueDate === today) return { status: 'due', daysLate: 0, balanceCents: remaining };
  if (daysLate > 0) return { status: 'overdue', daysLate, balanceCents: remaining };
  return { status: 'not-due', daysLate: 0, balanceCents: remaining };
}

/** Statuses where money is still expected from the customer (the "open" invoices of the ledger). */
export const OPEN_STATUSES: ReadonlySet<InvoiceStatus> = new Set([
  'not-due',
  'due',
  'overdue',
  'partly-paid',
  'disputed',
]);
