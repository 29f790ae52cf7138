/** Which invoices still ask for money: shared by the call panel, plans, promises and the timeline. */
import type { Cents, Invoice } from './model';

/** An invoice (not a credit note), neither cancelled nor written off, with something left to pay. */
export function isOpenInvoice(invoice: Invoice): boolean {
  return invoice.kind === 'invoice' && !invoice.cancelled && !invoice.writeOff && invoice.totalCents > invoice.paidCents;
}

/**
 * What is still owed on a commitment's invoices (a promise, a plan), counting, as the planner does,
 * only open invoices that are not disputed: nothing owed means the commitment is fulfilled.
 */
export function owedOnCommitment(invoiceIds: readonly string[], invoices: readonly Invoice[]): Cents {
  const wanted = new Set(invoiceIds);
  let total = 0;
  for (const invoice of invoices) if (wanted.has(invoice.id) && isOpenInvoice(invoice) && !invoice.dispute) total += invoice.totalCents - invoice.paidCents;
  return total;
}
