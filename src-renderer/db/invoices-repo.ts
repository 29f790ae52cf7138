import Dexie from 'dexie';
import type { Invoice, IsoInstant } from '../domain/model';
import type { RelanceDatabase } from './database';

/**
 * What a form or an import provides. `paidCents` is not part of it: it belongs to the payments
 * (see payments-repo.ts), which keep it equal to the sum of their allocations.
 */
export type InvoiceInput = Omit<Invoice, 'paidCents' | 'updatedAt' | 'createdAt'> & { createdAt?: IsoInstant };

/** A customer's invoices, oldest due date first (uses the [customerId+dueDate] index). */
export function listInvoicesForCustomer(db: RelanceDatabase, customerId: string): Promise<Invoice[]> {
  return db.invoices
    .where('[customerId+dueDate]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .toArray();
}

export function getInvoice(db: RelanceDatabase, id: string): Promise<Invoice | undefined> {
  return db.invoices.get(id);
}

export function getInvoiceByNumber(db: RelanceDatabase, number: string): Promise<Invoice | undefined> {
  return db.invoices.where('number').equals(number).first();
}

export function countInvoices(db: RelanceDatabase): Promise<number> {
  return db.invoices.count();
}

/**
 * Creates or replaces an invoice. Keeps the stored `paidCents` (0 for a new invoice) and refuses a
 * total below what has already been paid. A duplicate number fails on the unique index.
 */
export function putInvoice(db: RelanceDatabase, input: InvoiceInput, nowIso: IsoInstant): Promise<Invoice> {
  if (!Number.isInteger(input.totalCents) || input.totalCents < 0) {
    throw new Error(`Invoice ${input.number}: the total must be a non-negative amount in cents, got ${input.totalCents}`);
  }
  return db.transaction('rw', db.invoices, async () => {
    const existing = await db.invoices.get(input.id);
    const paidCents = existing?.paidCents ?? 0;
    if (input.totalCents < paidCents) {
      throw new Error(`Invoice ${input.number}: the total (${input.totalCents} cents) is below what was already paid (${paidCents} cents)`);
    }
    const invoice: Invoice = {
      ...input,
      paidCents,
      createdAt: existing?.createdAt ?? input.createdAt ?? nowIso,
      updatedAt: nowIso,
    };
    await db.invoices.put(invoice);
    return invoice;
  });
}
