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
