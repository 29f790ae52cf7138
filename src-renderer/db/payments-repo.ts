import type { Invoice, Payment, PaymentAllocation } from '../domain/model';
import type { RelanceDatabase } from './database';

/** A payment as the user records it; the repository adds the id, allocations and their index. */
export type PaymentInput = Omit<Payment, 'id' | 'allocations' | 'invoiceIds'> & { id?: string };

/** Payments of a customer, most recent first. */
export async function listPaymentsForCustomer(db: RelanceDatabase, customerId: string): Promise<Payment[]> {
  const payments = await db.payments.where('customerId').equals(customerId).toArray();
  return payments.sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt));
}

function describe(invoice: Invoice): string {
  return `invoice ${invoice.number} (${invoice.id})`;
}

/**
 * Records a payment and adds its allocations to the invoices' `paidCents`, in ONE transaction: either
 * everything is written or nothing is. Use `allocateOldestFirst` (domain/allocation.ts) to propose
 * the allocations. Throws an Error naming the invoice when an allocation is not acceptable:
 * unknown invoice, another customer's, cancelled or written off, more than its balance, allocated
 * twice, or allocations adding up to more than the payment. What is not allocated stays as a credit.
 */
export function recordPayment(
  db: RelanceDatabase,
  input: PaymentInput,
  allocations: readonly PaymentAllocation[],
): Promise<Payment> {
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) {
    throw new Error(`A payment must be a positive amount in cents, got ${input.amountCents}`);
  }
  return db.transaction('rw', db.payments, db.invoices, async () => {
    let allocatedCents = 0;
    const seen = new Set<string>();
    const updatedInvoices: Invoice[] = [];
    for (const allocation of allocations) {
      const invoice = await db.invoices.get(allocation.invoiceId);
      if (!invoice) throw new Error(`Payment allocation: invoice ${allocation.invoiceId} does not exist`);
      if (seen.has(invoice.id)) throw new Error(`Payment allocation: ${describe(invoice)} is allocated twice`);
      seen.add(invoice.id);
      if (!Number.isInteger(allocation.amountCents) || allocation.amountCents <= 0) {
        throw new Error(`Payment allocation to ${describe(invoice)}: the amount must be positive cents, got ${allocation.amountCents}`);
      }
      if (invoice.customerId !== input.customerId) {
        throw new Error(`Payment allocation: ${describe(invoice)} belongs to another customer`);
      }
      if (invoice.cancelled || invoice.writeOff) {
        throw new Error(`Payment allocation: ${describe(invoice)} is ${invoice.cancelled ? 'cancelled' : 'written off'}`);
      }
      const balance = invoice.totalCents - invoice.paidCents;
      if (allocation.amountCents > balance) {
        throw new Error(
          `Payment allocation: ${allocation.amountCents} cents is more than the ${balance} cents still due on ${describe(invoice)}`,
        );
      }
      allocatedCents += allocation.amountCents;
      updatedInvoices.push({ ...invoice, paidCents: invoice.paidCents + allocation.amountCents, updatedAt: input.createdAt });
    }
    if (allocatedCents > input.amountCents) {
      throw new Error(`Payment allocations add up to ${allocatedCents} cents, more than the payment of ${input.amountCents} cents`);
    }
    const payment: Payment = {
      ...input,
      id: input.id ?? crypto.randomUUID(),
      allocations: allocations.map(({ invoiceId, amountCents }) => ({ invoiceId, amountCents })),
      invoiceIds: allocations.map((allocation) => allocation.invoiceId),
    };
    // Invoices first: if adding the payment fails (say a duplicate id), the transaction rolls them back.
    await db.invoices.bulkPut(updatedInvoices);
    await db.payments.add(payment);
    return payment;
  });
}
