/**
 * Payment-discipline metrics over invoices and their dated payments (the shape the dashboard issue
 * specifies). Written-off and cancelled invoices count in no amount.
 */
import { daysBetween } from './dates';
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

/** Outstanding at `asOf` (total minus payments dated on or before it), by days past due. */
export function agingBuckets(invoices: readonly MetricInvoice[], asOf: CalendarDate): AgingBuckets {
  const buckets: AgingBuckets = { notDue: 0, d1to30: 0, d31to60: 0, d61to90: 0, over90: 0 };
  for (const invoice of invoices) {
    if (invoice.status === 'written-off' || invoice.status === 'cancelled') continue;
    let paid = 0;
    for (const payment of invoice.payments) if (payment.date <= asOf) paid += payment.amountCents;
    const outstanding = invoice.totalCents - paid;
    if (outstanding <= 0) continue;
    const late = daysBetween(invoice.dueDate, asOf);
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
