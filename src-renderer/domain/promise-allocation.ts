/**
 * A payment from a customer who promised to pay some invoices, while older ones are open. Oldest
 * first (allocation.ts, Code civil 1342-10) is what the law falls back on when the customer says
 * nothing; but a customer who promised "I pay invoice B on Friday" and pays exactly that means B.
 * Allocated oldest first, the money would settle A and the promise would break. So the payment
 * dialog proposes to settle the promised invoices first, and says so. Pure.
 */
import { allocateOldestFirst, type AllocatableInvoice, type AllocationResult } from './allocation';
import type { CalendarDate, Cents, Invoice, Payment, PaymentAllocation, PromiseToPay } from './model';
import { owedOnCommitment } from './open-invoices';
import { paidTowardsSince } from './payments-since';
import { promiseState } from './promises';

/** A promise still waiting for money, with what the payments since it was made already brought. */
export interface ActivePromise {
  promise: PromiseToPay;
  paidSinceCents: Cents;
  owedCents: Cents;
}

/** The customer's promises still to keep today: pending or due (not kept, broken nor cancelled). */
export function activePromises(
  customerId: string,
  promises: readonly PromiseToPay[],
  payments: readonly Payment[],
  invoices: readonly Invoice[],
  today: CalendarDate,
  graceDays: number,
): ActivePromise[] {
  const active: ActivePromise[] = [];
  for (const promise of promises) {
    if (promise.customerId !== customerId) continue;
    const paidSinceCents = paidTowardsSince(promise.invoiceIds, payments, promise.createdAt);
    const owedCents = owedOnCommitment(promise.invoiceIds, invoices);
    const state = promiseState(promise, { paidSinceCents, owedCents }, today, graceDays);
    if (state === 'pending' || state === 'due') active.push({ promise, paidSinceCents, owedCents });
  }
  return active.sort((a, b) => a.promise.promisedDate.localeCompare(b.promise.promisedDate) || a.promise.id.localeCompare(b.promise.id));
}

/** The promised invoices first (oldest first among them), then the others oldest first. */
export function allocatePromisedFirst(openInvoices: readonly AllocatableInvoice[], amountCents: Cents, promisedInvoiceIds: ReadonlySet<string>): AllocationResult {
  const promised = allocateOldestFirst(
    openInvoices.filter((invoice) => promisedInvoiceIds.has(invoice.id)),
    amountCents,
  );
  const others = allocateOldestFirst(
    openInvoices.filter((invoice) => !promisedInvoiceIds.has(invoice.id)),
    promised.unallocatedCents,
  );
  return { allocations: [...promised.allocations, ...others.allocations], unallocatedCents: others.unallocatedCents };
}

/** Whether recording `allocations` keeps the promise (promises.ts: covered since it was made, or nothing owed). */
export function keepsPromise(active: ActivePromise, allocations: readonly PaymentAllocation[]): boolean {
  const wanted = new Set(active.promise.invoiceIds);
  const towards = allocations.reduce((sum, allocation) => sum + (wanted.has(allocation.invoiceId) ? allocation.amountCents : 0), 0);
  return towards > 0 && (active.paidSinceCents + towards >= active.promise.amountCents || towards >= active.owedCents);
}

export interface PromiseAllocationProposal {
  oldestFirst: AllocationResult;
  promisedFirst: AllocationResult;
  /** The promises the promised-first allocation keeps and oldest first would not. */
  keptOnlyPromisedFirst: ActivePromise[];
  /** True when the two allocations differ: the dialog then offers the choice. */
  differs: boolean;
}

/** Both ways of allocating a payment, for a customer with active promises. */
export function promiseAllocationProposal(openInvoices: readonly AllocatableInvoice[], amountCents: Cents, promises: readonly ActivePromise[]): PromiseAllocationProposal {
  const oldestFirst = allocateOldestFirst(openInvoices, amountCents);
  const promisedIds = new Set(promises.flatMap((active) => active.promise.invoiceIds));
  const promisedFirst = allocatePromisedFirst(openInvoices, amountCents, promisedIds);
  const key = (result: AllocationResult) =>
    result.allocations
      .map((allocation) => `${allocation.invoiceId}:${allocation.amountCents}`)
      .sort()
      .join(',');
  return {
    oldestFirst,
    promisedFirst,
    keptOnlyPromisedFirst: promises.filter((active) => keepsPromise(active, promisedFirst.allocations) && !keepsPromise(active, oldestFirst.allocations)),
    differs: key(oldestFirst) !== key(promisedFirst),
  };
}
