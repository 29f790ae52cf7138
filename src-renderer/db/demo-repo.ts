import { generateDemoData, DEMO_SEED } from '../domain/demo-data';
import type { CalendarDate, IsoInstant } from '../domain/model';
import type { RelanceDatabase } from './database';
import { DATA_TABLES } from './schema';

/** A type alias, not an interface, so that it can be passed as i18next interpolation values. */
export type DemoLoadCounts = {
  customers: number;
  invoices: number;
  payments: number;
  interactions: number;
  promises: number;
  paymentPlans: number;
};

export class DatabaseNotEmptyError extends Error {
  constructor(customers: number, invoices: number) {
    super(
      `The database already holds ${customers} customers and ${invoices} invoices: the demo data is loaded only into an empty database (or with { replace: true }, which deletes them).`,
    );
    this.name = 'DatabaseNotEmptyError';
  }
}

/**
 * Loads the demo data set (domain/demo-data.ts) dated relative to `today`, in ONE transaction.
 * Refuses a database that already has customers or invoices, unless `replace` is set, in which
 * case the records (not the settings nor the policies) are deleted first.
 */
export function loadDemoData(
  db: RelanceDatabase,
  today: CalendarDate,
  nowIso: IsoInstant,
  options: { replace?: boolean; seed?: number } = {},
): Promise<DemoLoadCounts> {
  const data = generateDemoData(today, nowIso, options.seed ?? DEMO_SEED);
  const tables = DATA_TABLES.map((name) => db.table(name));
  return db.transaction('rw', tables, async () => {
    const [customers, invoices] = await Promise.all([db.customers.count(), db.invoices.count()]);
    if ((customers > 0 || invoices > 0) && !options.replace) throw new DatabaseNotEmptyError(customers, invoices);
    if (options.replace) await Promise.all(tables.map((table) => table.clear()));
    await db.customers.bulkAdd(data.customers);
    await db.invoices.bulkAdd(data.invoices);
    await db.payments.bulkAdd(data.payments);
    await db.interactions.bulkAdd(data.interactions);
    await db.promises.bulkAdd(data.promises);
    await db.paymentPlans.bulkAdd(data.paymentPlans);
    return {
      customers: data.customers.length,
      invoices: data.invoices.length,
      payments: data.payments.length,
      interactions: data.interactions.length,
      promises: data.promises.length,
      paymentPlans: data.paymentPlans.length,
    };
  });
}

/**
 * Deletes every record (customers, invoices, payments, timeline, promises, plans) in one transaction.
 * Settings and follow-up policies are the shop's configuration and stay, unless `includeConfiguration`.
 */
export function clearAllData(db: RelanceDatabase, options: { includeConfiguration?: boolean } = {}): Promise<void> {
  const tables = options.includeConfiguration ? db.tables : DATA_TABLES.map((name) => db.table(name));
  return db.transaction('rw', tables, async () => {
    await Promise.all(tables.map((table) => table.clear()));
  });
}
