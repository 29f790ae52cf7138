import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  addInteraction,
  clearAllData,
  countCustomers,
  countInvoices,
  DatabaseNotEmptyError,
  getCustomer,
  getInvoiceByNumber,
  getSettings,
  listCustomers,
  listInteractionsForCustomer,
  listInvoicesForCustomer,
  loadDemoData,
  putCustomer,
  putInvoice,
  recordPayment,
  saveSettings,
  type RelanceDatabase,
} from '../../../src-renderer/db';
import { allocateOldestFirst } from '../../../src-renderer/domain/allocation';
import { DEMO_IDS } from '../../../src-renderer/domain/demo-data';
import { DEFAULT_SETTINGS, type Invoice } from '../../../src-renderer/domain/model';
import { freshDatabasesFor } from './helpers';

const NOW = '2026-11-23T08:30:00.000Z';
const TODAY = '2026-11-23';
const database = freshDatabasesFor('repo');

async function seedLedger(db: RelanceDatabase): Promise<void> {
  for (const [id, name] of [
    ['c1', 'Boulangerie  Élodie'],
    ['c2', 'Garage Lefèvre'],
  ] as const) {
    await putCustomer(db, { id, name, kind: 'business', contacts: [], preferredChannel: 'email', language: 'fr', tags: [] }, NOW);
  }
  const invoice = (id: string, customerId: string, dueDate: string, totalCents: number) =>
    putInvoice(db, { id, number: `F-2026-${id}`, kind: 'invoice', customerId, issueDate: '2026-09-01', dueDate, totalCents }, NOW);
  await invoice('0001', 'c1', '2026-10-01', 10_000);
  await invoice('0002', 'c1', '2026-09-15', 20_000);
  await invoice('0003', 'c2', '2026-10-01', 5_000);
}

async function paidCents(db: RelanceDatabase): Promise<Record<string, number>> {
  const invoices = await db.invoices.toArray();
  return Object.fromEntries(invoices.map((invoice) => [invoice.id, invoice.paidCents]));
}

describe('customers and invoices', () => {
  it('maintains normalizedName and timestamps, lists by name, counts', async () => {
    const db = await database();
    await seedLedger(db);
    expect((await getCustomer(db, 'c1'))!.normalizedName).toBe('boulangerie elodie');
    expect((await listCustomers(db)).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(await countCustomers(db)).toBe(2);
    const updated = await putCustomer(db, { ...(await getCustomer(db, 'c1'))!, name: 'Zèbre & Cie' }, '2026-11-24T10:00:00.000Z');
    expect(updated).toMatchObject({ normalizedName: 'zebre & cie', createdAt: NOW, updatedAt: '2026-11-24T10:00:00.000Z' });
    expect((await listCustomers(db)).map((c) => c.id)).toEqual(['c2', 'c1']);
  });

  it('lists a customer invoices by due date, finds by number, keeps paidCents on put', async () => {
    const db = await database();
    await seedLedger(db);
    expect((await listInvoicesForCustomer(db, 'c1')).map((i) => i.id)).toEqual(['0002', '0001']);
    expect((await getInvoiceByNumber(db, 'F-2026-0003'))!.customerId).toBe('c2');
    expect(await countInvoices(db)).toBe(3);
    await recordPayment(db, { customerId: 'c1', date: TODAY, amountCents: 3_000, method: 'cheque', createdAt: NOW }, [
      { invoiceId: '0001', amountCents: 3_000 },
    ]);
    const { paidCents: _ignored, updatedAt: _u, ...input } = (await db.invoices.get('0001'))!;
    const saved = await putInvoice(db, { ...input, paymentTerms: '30 jours' }, NOW);
    expect(saved.paidCents).toBe(3_000);
    await expect(putInvoice(db, { ...input, totalCents: 2_000 }, NOW)).rejects.toThrow(/below what was already paid/);
  });

  it('refuses a duplicate invoice number', async () => {
    const db = await database();
    await seedLedger(db);
    await expect(
      putInvoice(db, { id: 'other', number: 'F-2026-0001', kind: 'invoice', customerId: 'c1', issueDate: TODAY, dueDate: TODAY, totalCents: 1 }, NOW),
    ).rejects.toThrow();
  });
});

describe('recordPayment', () => {
  it('records the payment and updates paidCents in the same transaction', async () => {
    const db = await database();
    await seedLedger(db);
    const open = (await listInvoicesForCustomer(db, 'c1')) as Invoice[];
    const { allocations, unallocatedCents } = allocateOldestFirst(open, 25_000);
    expect(unallocatedCents).toBe(0);
    const payment = await recordPayment(
      db,
      { customerId: 'c1', date: TODAY, amountCents: 25_000, method: 'virement', reference: 'VIR 123', createdAt: NOW },
      allocations,
    );
    expect(payment.invoiceIds).toEqual(['0002', '0001']);
    expect(await db.payments.get(payment.id)).toEqual(payment);
    expect(await paidCents(db)).toEqual({ '0001': 5_000, '0002': 20_000, '0003': 0 });
    expect(await db.payments.where('invoiceIds').equals('0001').count()).toBe(1);
  });

  it('keeps what is not allocated as a credit', async () => {
    const db = await database();
    await seedLedger(db);
    const payment = await recordPayment(db, { customerId: 'c1', date: TODAY, amountCents: 50_000, method: 'especes', createdAt: NOW }, [
      { invoiceId: '0001', amountCents: 10_000 },
    ]);
    expect(payment.amountCents).toBe(50_000);
    expect((await paidCents(db))['0001']).toBe(10_000);
  });

  it.each([
    ['more than the balance', [{ invoiceId: '0001', amountCents: 10_001 }], /10001 cents is more than the 10000 cents still due on invoice F-2026-0001 \(0001\)/],
    ['another customer invoice', [{ invoiceId: '0002', amountCents: 1_000 }, { invoiceId: '0003', amountCents: 1_000 }], /invoice F-2026-0003 \(0003\) belongs to another customer/],
    ['an unknown invoice', [{ invoiceId: 'nope', amountCents: 1_000 }], /invoice nope does not exist/],
    ['allocations above the payment', [{ invoiceId: '0001', amountCents: 10_000 }, { invoiceId: '0002', amountCents: 20_000 }], /more than the payment of 20000 cents/],
    ['the same invoice twice', [{ invoiceId: '0001', amountCents: 100 }, { invoiceId: '0001', amountCents: 100 }], /F-2026-0001 \(0001\) is allocated twice/],
    ['a zero allocation', [{ invoiceId: '0001', amountCents: 0 }], /must be positive cents/],
  ])('refuses %s and writes nothing', async (_label, allocations, message) => {
    const db = await database();
    await seedLedger(db);
    const before = await paidCents(db);
    await expect(
      recordPayment(db, { customerId: 'c1', date: TODAY, amountCents: 20_000, method: 'virement', createdAt: NOW }, allocations),
    ).rejects.toThrow(message);
    expect(await paidCents(db)).toEqual(before);
    expect(await db.payments.count()).toBe(0);
  });

  it('rolls the invoices back when the payment itself cannot be written', async () => {
    const db = await database();
    await seedLedger(db);
    const payment = { id: 'p1', customerId: 'c1', date: TODAY, amountCents: 1_000, method: 'cheque' as const, createdAt: NOW };
    await recordPayment(db, payment, [{ invoiceId: '0001', amountCents: 1_000 }]);
    await expect(recordPayment(db, payment, [{ invoiceId: '0002', amountCents: 1_000 }])).rejects.toThrow();
    expect(await paidCents(db)).toEqual({ '0001': 1_000, '0002': 0, '0003': 0 });
  });

  it('refuses a cancelled invoice', async () => {
    const db = await database();
    await seedLedger(db);
    await db.invoices.update('0001', { cancelled: { reason: 'Doublon', date: TODAY } });
    await expect(
      recordPayment(db, { customerId: 'c1', date: TODAY, amountCents: 100, method: 'carte', createdAt: NOW }, [{ invoiceId: '0001', amountCents: 100 }]),
    ).rejects.toThrow(/F-2026-0001 \(0001\) is cancelled/);
  });
});

describe('interactions', () => {
  it('lists a customer timeline newest first', async () => {
    const db = await database();
    await addInteraction(db, { customerId: 'c1', kind: 'note', at: '2026-11-01T09:00:00.000Z', invoiceIds: [], notes: 'Première note' });
    await addInteraction(db, { customerId: 'c1', kind: 'call', at: '2026-11-20T09:00:00.000Z', invoiceIds: ['0001'], callOutcome: 'voicemail' });
    await addInteraction(db, { customerId: 'c2', kind: 'note', at: '2026-11-21T09:00:00.000Z', invoiceIds: [] });
    const timeline = await listInteractionsForCustomer(db, 'c1');
    expect(timeline.map((i) => i.kind)).toEqual(['call', 'note']);
    expect(timeline[1]!.notes).toBe('Première note');
  });

  it('allows many rows without idempotency key but refuses a repeated key', async () => {
    const db = await database();
    const reminder = { customerId: 'c1', kind: 'reminder' as const, at: NOW, invoiceIds: ['0001'], idempotencyKey: 'k-1' };
    await addInteraction(db, reminder);
    await addInteraction(db, { customerId: 'c1', kind: 'note', at: NOW, invoiceIds: [] });
    await addInteraction(db, { customerId: 'c1', kind: 'note', at: NOW, invoiceIds: [] });
    await expect(addInteraction(db, reminder)).rejects.toThrow();
    expect(await db.interactions.count()).toBe(3);
  });
});

describe('settings', () => {
  it('returns the defaults on an empty database', async () => {
    const db = await database();
    expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
  });

  it('round-trips a partial save, key by key', async () => {
    const db = await database();
    const shop = { name: 'Quincaillerie Moderne', address: { lines: ['4 rue des Tanneurs'], postcode: '69003', city: 'Lyon', country: 'FR' }, siret: '73282932000074' };
    await saveSettings(db, { shop, defaultPolicyId: 'gentle' });
    await saveSettings(db, { language: 'en' });
    expect(await getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, shop, language: 'en', defaultPolicyId: 'gentle' });
    await saveSettings(db, { defaultPolicyId: undefined });
    expect((await getSettings(db)).defaultPolicyId).toBeUndefined();
    expect(await db.settings.count()).toBe(2);
  });
});

describe('demo data', () => {
  it('loads into an empty database, refuses a non-empty one, replaces on demand', async () => {
    const db = await database();
    const counts = await loadDemoData(db, TODAY, NOW);
    expect(counts.customers).toBe(40);
    expect(await countInvoices(db)).toBe(counts.invoices);
    expect(await db.interactions.count()).toBe(counts.interactions);
    expect(await db.paymentPlans.get(DEMO_IDS.paymentPlanId)).toBeDefined();

    await expect(loadDemoData(db, TODAY, NOW)).rejects.toThrow(DatabaseNotEmptyError);
    await expect(loadDemoData(db, TODAY, NOW)).rejects.toThrow(/already holds 40 customers/);

    await db.customers.add({ ...(await getCustomer(db, DEMO_IDS.turnedLate))!, id: 'extra' });
    await saveSettings(db, { language: 'en' });
    const again = await loadDemoData(db, '2026-12-01', '2026-12-01T08:00:00.000Z', { replace: true });
    expect(again).toEqual(counts);
    expect(await getCustomer(db, 'extra')).toBeUndefined();
    expect((await getSettings(db)).language).toBe('en'); // configuration is kept
  });

  it('refuses a database that has only invoices', async () => {
    const db = await database();
    await putInvoice(db, { id: 'x', number: 'F-1', kind: 'invoice', customerId: 'c', issueDate: TODAY, dueDate: TODAY, totalCents: 100 }, NOW);
    await expect(loadDemoData(db, TODAY, NOW)).rejects.toThrow(DatabaseNotEmptyError);
    expect(await countCustomers(db)).toBe(0);
  });

  it('clearAllData deletes the records, and the configuration only when asked', async () => {
    const db = await database();
    await loadDemoData(db, TODAY, NOW);
    await saveSettings(db, { timeZone: 'America/Martinique' });
    await clearAllData(db);
    for (const table of ['customers', 'invoices', 'payments', 'interactions', 'promises', 'paymentPlans'] as const) {
      expect(await db[table].count(), table).toBe(0);
    }
    expect((await getSettings(db)).timeZone).toBe('America/Martinique');
    await clearAllData(db, { includeConfiguration: true });
    expect(await db.settings.count()).toBe(0);
  });
});
