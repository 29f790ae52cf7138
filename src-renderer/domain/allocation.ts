/** How a payment is spread over a customer's open invoices. */
import type { Cents, Invoice, PaymentAllocation } from './model';

export type AllocatableInvoice = Pick<Invoice, 'id' | 'number' | 'issueDate' | 'dueDate' | 'totalCents' | 'paidCents'>;

export interface AllocationResult {
  allocations: PaymentAllocation[];
  /** What is left once every open invoice is settled: stays as a credit on the customer. */
  unallocatedCents: Cents;
}

/**
 * Settles the oldest debts first: by due date, then issue date, then invoice number, which is what
 * a customer paying "what I owe" expects and what French practice (Code civil 1342-10) falls back on.
 * Invoices with nothing left to pay are skipped; the last one reached may be settled partly.
 * Pure: the caller filters out disputed/cancelled invoices if they must not receive money.
 */
export function allocateOldestFirst(openInvoices: readonly AllocatableInvoice[], amountCents: Cents): AllocationResult {
  if (!Number.isInteger(amountCents) || amountCents < 0) {
    throw new Error(`allocateOldestFirst expects a non-negative integer amount in cents, got ${amountCents}`);
  }
  const oldestFirst = [...openInvoices].sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) || a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number),
  );
  const allocations: PaymentAllocation[] = [];
  let left = amountCents;
  for (const invoice of oldestFirst) {
    if (left === 0) break;
    const balance = invoice.totalCents - invoice.paidCents;
    if (balance <= 0) continue;
    const amount = Math.min(balance, left);
    allocations.push({ invoiceId: invoice.id, amountCents: amount });
    left -= amount;
  }
  return { allocations, unallocatedCents: left };
}
