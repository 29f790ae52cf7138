import type { Customer, IsoInstant } from '../domain/model';
import { normalizeName } from '../domain/text';
import type { RelanceDatabase } from './database';

/** What a form or an import provides; the repository maintains the derived fields. */
export type CustomerInput = Omit<Customer, 'normalizedName' | 'updatedAt' | 'createdAt'> & { createdAt?: IsoInstant };

/** All customers, sorted by normalized name (the order a shop expects in a list). */
export function listCustomers(db: RelanceDatabase): Promise<Customer[]> {
  return db.customers.orderBy('normalizedName').toArray();
}

export function getCustomer(db: RelanceDatabase, id: string): Promise<Customer | undefined> {
  return db.customers.get(id);
}

export function countCustomers(db: RelanceDatabase): Promise<number> {
  return db.customers.count();
}

/** Creates or replaces a customer, keeping `normalizedName`, `createdAt` and `updatedAt` right. */
export function putCustomer(db: RelanceDatabase, input: CustomerInput, nowIso: IsoInstant): Promise<Customer> {
  return db.transaction('rw', db.customers, async () => {
    const existing = await db.customers.get(input.id);
    const customer: Customer = {
      ...input,
      normalizedName: normalizeName(input.name),
      createdAt: existing?.createdAt ?? input.createdAt ?? nowIso,
      updatedAt: nowIso,
    };
    await db.customers.put(customer);
    return customer;
  });
}
