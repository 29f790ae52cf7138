/**
 * The late-payment charges a message (letter or email) states for its invoices, from the customer's
 * payments and history and the shop's rate tables. One place for letters (letter-input.ts) and
 * reminder emails (reminder-draft.ts), so a firm email and the formal notice that follows it give the
 * same figures.
 *
 * - Business customer: L441-10 penalties from the day after the due date and the D441-5 40 €
 *   indemnity per late invoice (`latePaymentCharges`), payments counted from their dates.
 * - Consumer: interest at the legal rate only from the first formal notice sent (a letter of the
 *   formal-notice channel dated before `today`), no indemnity; none before a formal notice.
 */
import { todayIn } from './dates';
import { latePaymentCharges, type LateFeeRateTables, type LateFeeResult } from './late-fees';
import type { CalendarDate, Customer, Interaction, Invoice, Payment } from './model';

export interface ChargesRequest {
  customer: Pick<Customer, 'kind'>;
  /** The invoices the message claims. */
  invoices: readonly Invoice[];
  /** The customer's payments (others are ignored through their allocations). */
  payments: readonly Payment[];
  /** The customer's history: a consumer's interest runs from the first formal notice. */
  interactions?: readonly Interaction[];
  /** To date history entries (instants) on the shop's calendar; Paris by default. */
  timeZone?: string;
  today: CalendarDate;
  rates: LateFeeRateTables;
}

function paymentsOf(invoice: Invoice, payments: readonly Payment[]): { date: CalendarDate; amountCents: number }[] {
  return payments.flatMap((payment) =>
    payment.allocations.filter((allocation) => allocation.invoiceId === invoice.id).map((allocation) => ({ date: payment.date, amountCents: allocation.amountCents })),
  );
}

/** The first formal notice sent for any of `invoices` before `today` (a consumer's interest runs from the day after). */
export function firstFormalNotice(invoices: readonly Invoice[], interactions: readonly Interaction[], today: CalendarDate, timeZone: string): CalendarDate | undefined {
  const ids = new Set(invoices.map((invoice) => invoice.id));
  const dates = interactions
    .filter((entry) => entry.kind === 'letter' && entry.channel === 'formal-notice' && entry.status !== 'skipped' && entry.invoiceIds.some((id) => ids.has(id)))
    .map((entry) => todayIn(timeZone, entry.at))
    .filter((date) => date < today)
    .sort();
  return dates[0];
}

/**
 * The `latePaymentCharges` of each invoice, in the order given; undefined for a consumer without a
 * formal notice (nothing is owed beyond the invoices). Throws like `latePaymentCharges` when a rate
 * the period needs is missing from the tables.
 */
export function invoiceCharges(request: ChargesRequest): LateFeeResult[] | undefined {
  const { customer, today } = request;
  const noticeDate = customer.kind === 'consumer' ? firstFormalNotice(request.invoices, request.interactions ?? [], today, request.timeZone ?? 'Europe/Paris') : undefined;
  if (customer.kind === 'consumer' && noticeDate === undefined) return undefined;
  return request.invoices.map((invoice) =>
    latePaymentCharges(
      {
        totalCents: invoice.totalCents,
        dueDate: invoice.dueDate,
        customerKind: customer.kind,
        payments: paymentsOf(invoice, request.payments),
        ...(noticeDate ? { formalNoticeDate: noticeDate } : {}),
      },
      today,
      request.rates,
    ),
  );
}
