/**
 * What a customer paid towards some invoices since a commitment (promise or plan) was made: the
 * measure both promises.ts and payment-plans.ts keep or break their commitment on. Pure.
 */
import type { Cents, IsoInstant, Payment } from './model';

/**
 * Sum of the allocations to `invoiceIds` of the payments recorded at or after `since` (the
 * commitment's creation instant). A payment recorded earlier was already deducted from what the
 * customer owed when they committed, so it cannot keep the commitment.
 */
export function paidTowardsSince(invoiceIds: readonly string[], payments: readonly Payment[], since: IsoInstant): Cents {
  const wanted = new Set(invoiceIds);
  const sinceMs = Date.parse(since);
  let total = 0;
  for (const payment of payments) {
    if (Date.parse(payment.createdAt) < sinceMs) continue;
    for (const allocation of payment.allocations) if (wanted.has(allocation.invoiceId)) total += allocation.amountCents;
  }
  return total;
}

/** The payments allocating to each of `invoiceIds`, by invoice id (a payment settling several is under each). */
export function paymentsOfInvoices(payments: readonly Payment[], invoiceIds: ReadonlySet<string>): Map<string, Payment[]> {
  const byInvoice = new Map<string, Payment[]>();
  for (const payment of payments) {
    for (const id of payment.invoiceIds) {
      if (!invoiceIds.has(id)) continue;
      const list = byInvoice.get(id);
      if (list) list.push(payment);
      else byInvoice.set(id, [payment]);
    }
  }
  return byInvoice;
}
