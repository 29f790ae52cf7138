import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RelanceDatabase } from '../../../src-renderer/db/database';
import { putCustomer } from '../../../src-renderer/db/customers-repo';
import {
  applyInvoiceImport,
  previewInvoiceImport,
  type InvoiceImportRow,
} from '../../../src-renderer/db/import-repo';
import { putInvoice } from '../../../src-renderer/db/invoices-repo';
import { freshDatabasesFor } from './helpers';

const NOW = '2026-11-23T08:30:00.000Z';
const LATER = '2026-12-01T09:00:00.000Z';
const database = freshDatabasesFor('import');

afterEach(() => {
  vi.restoreAllMocks();
});

function row(line: number, number: string, customerName: string, extra: Partial<InvoiceImportRow> = {}): InvoiceImportRow {
  return { line, number, customerName, issueDate: '2026-09-01', dueDate: '2026-10-01', totalCents: 12_000, paidCents: 0, ...extra };
}

const FIRST_FILE: InvoiceImportRow[] = [
  row(2, 'F-001', 'SARL Peinture Garnier', { siret: '732 829 320 00074', email: 'compta@garnier.fr', phone: '01 23 45 67 89' }),
  row(3, 'F-002', 'Sophie Laurent', { email: 'sophie@laurent.fr', phone: '06 12 34 56 78', paidCents: 5_000 }),
  row(4, 'F-003', 'sarl peinture GARNIER', { totalCents: 30_000, paidCents: 30_000 }),
  row(5, 'F-004', 'Jean Martin', { totalCents: 8_000, dueDate: '2026-11-01' }),
  row(6, 'F-005', 'Cabinet Dubois', { phone: 'pas de numéro' }),
];

/** Every invoice's paidCents equals the sum of the allocations made to it. */
async function expectPaidMatchesAllocations(db: RelanceDatabase): Promise<void> {
  const allocated = new Map<string, number>();
  for (const payment of await db.payments.toArray()) {
    for (const { invoiceId, amountCents } of payment.allocations) allocated.set(invoiceId, (allocated.get(invoiceId) ?? 0) + amountCents);
  }
  for (const invoice of await db.invoices.toArray()) {
    expect(invoice.paidCents, invoice.number).toBe(allocated.get(invoice.id) ?? 0);
  }
}

async function snapshot(db: RelanceDatabase) {
  return {
    customers: await db.customers.toArray(),
    invoices: await db.invoices.toArray(),
    payments: await db.payments.toArray(),
    interactions: await db.interactions.toArray(),
  };
}

describe('first import', () => {
  it('creates customers, invoices and payments for what was already paid', async () => {
    const db = await database();
    const result = await applyInvoiceImport(db, FIRST_FILE, { nowIso: NOW, fileName: 'export-novembre.csv' });
    expect(result).toEqual({
      created: 5,
      updated: 0,
      unchanged: 0,
      rejected: [],
      customersCreated: 4,
      paymentsCreated: 2,
      paymentsCents: 35_000,
    });

    const customers = await db.customers.orderBy('normalizedName').toArray();
    expect(customers.map((c) => [c.name, c.kind])).toEqual([
      ['Cabinet Dubois', 'business'],
      ['Jean Martin', 'consumer'],
      ['SARL Peinture Garnier', 'business'],
      ['Sophie Laurent', 'consumer'],
    ]);
    const garnier = customers.find((c) => c.name === 'SARL Peinture Garnier')!;
    expect(garnier).toMatchObject({ siret: '73282932000074', preferredChannel: 'email', createdAt: NOW });
    expect(garnier.contacts).toEqual([{ id: garnier.preferredContactId, name: '', email: 'compta@garnier.fr', phone: '+33123456789' }]);
    const sophie = customers.find((c) => c.name === 'Sophie Laurent')!;
    expect(sophie.contacts[0]).toMatchObject({ name: 'Sophie Laurent', email: 'sophie@laurent.fr', mobile: '+33612345678' });
    const dubois = customers.find((c) => c.name === 'Cabinet Dubois')!;
    expect(dubois.contacts[0]).toMatchObject({ phone: 'pas de numéro' });
    expect(dubois.preferredChannel).toBe('phone');
    expect(customers.find((c) => c.name === 'Jean Martin')!).toMatchObject({ contacts: [], preferredChannel: 'letter' });

    const f003 = await db.invoices.where('number').equals('F-003').first();
    expect(f003).toMatchObject({ customerId: garnier.id, kind: 'invoice', totalCents: 30_000, paidCents: 30_000 });

    const payments = await db.payments.orderBy('date').toArray();
    expect(payments).toHaveLength(2);
    for (const payment of payments) {
      expect(payment).toMatchObject({ date: '2026-11-23', method: 'autre', source: 'import', reference: 'Import export-novembre.csv' });
    }
    await expectPaidMatchesAllocations(db);

    const timeline = await db.interactions.where('customerId').equals(sophie.id).toArray();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ kind: 'payment', at: NOW, details: { amountCents: 5_000, source: 'import' } });
  });
});

describe('the day of the payments an import creates', () => {
  it.each([
    ['the shop’s day when given (00:30 in Paris is still 23:30 UTC the day before)', '2026-11-22T23:30:00.000Z', '2026-11-23', '2026-11-23'],
    ['the UTC date otherwise', '2026-11-22T23:30:00.000Z', undefined, '2026-11-22'],
  ])('is %s', async (_label, nowIso, today, expected) => {
    const db = await database();
    await applyInvoiceImport(db, [row(2, 'F-010', 'Sophie Laurent', { paidCents: 2_000 })], {
      nowIso,
      fileName: 'a.csv',
      ...(today ? { today } : {}),
    });
    expect((await db.payments.toArray()).map((p) => p.date)).toEqual([expected]);
  });
});

describe('re-import of a newer export', () => {
  it('updates paid amounts and due dates, counts exactly, rejects what it must not touch', async () => {
    const db = await database();
    await applyInvoiceImport(db, FIRST_FILE, { nowIso: NOW, fileName: 'export-novembre.csv' });
    const before = await snapshot(db);

    const second: InvoiceImportRow[] = [
      // unchanged (name typed differently, same customer)
      row(2, 'F-001', 'SARL PEINTURE GARNIER', { siret: '73282932000074' }),
      // paid 50 → 120: a payment of 70
      row(3, 'F-002', 'Sophie Laurent', { paidCents: 12_000 }),
      // paid 300 → 200: rejected
      row(4, 'F-003', 'SARL Peinture Garnier', { totalCents: 30_000, paidCents: 20_000 }),
      // due date moved
      row(5, 'F-004', 'jean MARTIN', { totalCents: 8_000, dueDate: '2026-11-15' }),
      // another customer than the stored one: rejected
      row(6, 'F-005', 'Hôtel des Voyageurs'),
      // new invoices, one for a known customer found by email, one for a new customer
      row(7, 'F-006', 'Laurent S.', { email: 'SOPHIE@laurent.fr', totalCents: 4_500 }),
      row(8, 'F-007', 'Garage Lefèvre', { totalCents: 99_000, paidCents: 1_000 }),
      // twice in the file: the second is rejected
      row(9, 'F-007', 'Garage Lefèvre'),
      // invalid: date
      row(10, 'F-008', 'Garage Lefèvre', { dueDate: '31/12/2026' }),
      // invalid: paid above total
      row(11, 'F-009', 'Garage Lefèvre', { totalCents: 100, paidCents: 200 }),
    ];
    const preview = await previewInvoiceImport(db, second);
    expect(await snapshot(db)).toEqual(before);

    const result = await applyInvoiceImport(db, second, { nowIso: LATER, fileName: 'export-decembre.csv' });
    expect({ ...result, rejected: result.rejected.map((r) => [r.line, r.number, r.code]) }).toEqual({
      created: 2,
      updated: 2,
      unchanged: 1,
      rejected: [
        [4, 'F-003', 'paid-decreased'],
        [6, 'F-005', 'customer-differs'],
        [9, 'F-007', 'duplicate-in-file'],
        [10, 'F-008', 'invalid-date'],
        [11, 'F-009', 'paid-above-total'],
      ],
      customersCreated: 1,
      paymentsCreated: 2,
      paymentsCents: 8_000,
    });
    expect(result.rejected[0]!.message).toBe('amount paid went down from 300,00 to 200,00: record the correction by hand');
    expect(result.rejected[1]!.message).toContain('"Cabinet Dubois" in Relance but to "Hôtel des Voyageurs" in the file');

    // The preview announced the same.
    expect({ ...preview, customersToCreate: undefined, changes: undefined }).toMatchObject({ ...result, paymentsCents: 8_000 });
    expect(preview.customersToCreate).toEqual([{ name: 'Garage Lefèvre', kind: 'business', lines: [8] }]);
    expect(preview.changes.map((c) => [c.number, c.dueDate, c.paidCents, c.totalCents])).toEqual([
      ['F-002', undefined, { from: 5_000, to: 12_000 }, undefined],
      ['F-004', { from: '2026-11-01', to: '2026-11-15' }, undefined, undefined],
    ]);

    const byNumber = async (number: string) => (await db.invoices.where('number').equals(number).first())!;
    expect(await byNumber('F-002')).toMatchObject({ paidCents: 12_000, updatedAt: LATER });
    expect(await byNumber('F-003')).toEqual(before.invoices.find((i) => i.number === 'F-003'));
    expect(await byNumber('F-004')).toMatchObject({ dueDate: '2026-11-15', updatedAt: LATER });
    expect(await byNumber('F-001')).toEqual(before.invoices.find((i) => i.number === 'F-001'));
    const sophie = before.customers.find((c) => c.name === 'Sophie Laurent')!;
    expect((await byNumber('F-006')).customerId).toBe(sophie.id);
    expect(await db.invoices.count()).toBe(7);
    expect(await db.customers.count()).toBe(5);
    const payment = (await db.payments.where('invoiceIds').equals((await byNumber('F-002')).id).toArray()).find((p) => p.date === '2026-12-01');
    expect(payment).toMatchObject({ amountCents: 7_000, reference: 'Import export-decembre.csv', method: 'autre' });
    await expectPaidMatchesAllocations(db);

    // Importing the same file again changes nothing more.
    const again = await applyInvoiceImport(db, second, { nowIso: LATER, fileName: 'export-decembre.csv' });
    expect([again.created, again.updated, again.unchanged, again.rejected.length, again.customersCreated]).toEqual([0, 0, 5, 5, 0]);
  });

  it('finds known invoices by number when the file is small against the table', async () => {
    const db = await database();
    const many = Array.from({ length: 40 }, (_, i) => row(i + 2, `F-${100 + i}`, `Client ${i % 3}`));
    await applyInvoiceImport(db, many, { nowIso: NOW, fileName: 'a.csv' });
    const result = await applyInvoiceImport(
      db,
      [row(2, 'F-105', 'Client 2', { paidCents: 12_000 }), row(3, 'F-106', 'Client 0'), row(4, 'F-999', 'Client 1')],
      { nowIso: LATER, fileName: 'b.csv' },
    );
    expect([result.created, result.updated, result.unchanged, result.rejected.length, result.customersCreated]).toEqual([1, 1, 1, 0, 0]);
    expect(await db.invoices.count()).toBe(41);
    await expectPaidMatchesAllocations(db);
  });

  it('refuses to change a cancelled or written-off invoice but counts it unchanged when nothing moved', async () => {
    const db = await database();
    await applyInvoiceImport(db, [row(2, 'F-1', 'Client'), row(3, 'F-2', 'Client')], { nowIso: NOW, fileName: 'a.csv' });
    await db.invoices.toCollection().modify({ writeOff: { reason: 'liquidation', date: '2026-11-20' } });
    const result = await applyInvoiceImport(db, [row(2, 'F-1', 'Client', { paidCents: 100 }), row(3, 'F-2', 'Client')], { nowIso: LATER, fileName: 'b.csv' });
    expect(result.unchanged).toBe(1);
    expect(result.rejected.map((r) => [r.number, r.code])).toEqual([['F-1', 'invoice-closed']]);
  });
});

describe('customer matching on import', () => {
  async function seed(db: RelanceDatabase) {
    const base = { contacts: [], preferredChannel: 'email' as const, language: 'fr' as const, tags: [] };
    await putCustomer(db, { ...base, id: 'siret', name: 'Hôtel du Port', kind: 'business', siret: '44306184100047' }, NOW);
    await putCustomer(db, { ...base, id: 'email', name: 'Garage Lefèvre', kind: 'business', contacts: [{ id: 'k', name: 'Patrick', email: 'Patrick@Garage.fr' }] }, NOW);
    await putCustomer(db, { ...base, id: 'name', name: 'Crèche Les Petits Loups', kind: 'business' }, NOW);
  }

  it.each([
    ['by SIRET, whatever the name', row(2, 'X-1', 'SAS Port Hôtellerie', { siret: '443 061 841 00047' }), 'siret'],
    ['by email, case-insensitively', row(2, 'X-1', 'Lefevre P.', { email: 'patrick@GARAGE.FR' }), 'email'],
    ['by name, accents and case aside', row(2, 'X-1', '  CRECHE les petits   loups '), 'name'],
  ])('finds the customer %s', async (_label, imported, customerId) => {
    const db = await database();
    await seed(db);
    const result = await applyInvoiceImport(db, [imported], { nowIso: NOW, fileName: 'f.csv' });
    expect(result.customersCreated).toBe(0);
    expect((await db.invoices.where('number').equals('X-1').first())!.customerId).toBe(customerId);
  });

  it('creates a new customer for a namesake with another SIRET', async () => {
    const db = await database();
    await seed(db);
    const result = await applyInvoiceImport(db, [row(2, 'X-1', 'Hôtel du Port', { siret: '73282932000074' })], { nowIso: NOW, fileName: 'f.csv' });
    expect(result.customersCreated).toBe(1);
    expect(await db.customers.count()).toBe(4);
  });

  it('rejects a known invoice that the file gives to another customer', async () => {
    const db = await database();
    await seed(db);
    await putInvoice(db, { id: 'i1', number: 'F-9', kind: 'invoice', customerId: 'name', issueDate: '2026-09-01', dueDate: '2026-10-01', totalCents: 12_000 }, NOW);
    const result = await applyInvoiceImport(db, [row(2, 'F-9', 'Garage Lefèvre', { paidCents: 12_000 })], { nowIso: NOW, fileName: 'f.csv' });
    expect(result.rejected).toMatchObject([{ line: 2, number: 'F-9', code: 'customer-differs' }]);
    expect((await db.invoices.get('i1'))!.paidCents).toBe(0);
    expect(await db.payments.count()).toBe(0);
  });
});

describe('all or nothing', () => {
  it('leaves the database exactly as before when a write fails mid-import', async () => {
    const db = await database();
    await applyInvoiceImport(db, FIRST_FILE, { nowIso: NOW, fileName: 'export-novembre.csv' });
    const before = await snapshot(db);
    // Customers and invoices are written first; the payments fail.
    vi.spyOn(db.payments, 'bulkAdd').mockImplementation(() => {
      throw new Error('disk full');
    });
    const rows = [
      ...FIRST_FILE.map((r) => ({ ...r, paidCents: r.totalCents })),
      row(7, 'F-100', 'Nouveau Client', { paidCents: 100 }),
    ];
    await expect(applyInvoiceImport(db, rows, { nowIso: LATER, fileName: 'broken.csv' })).rejects.toThrow('disk full');
    vi.restoreAllMocks();
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('a big file', () => {
  it('imports 100,000 rows (timing printed, not asserted)', async () => {
    const db = await database();
    const count = 100_000;
    const rows: InvoiceImportRow[] = [];
    for (let i = 0; i < count; i += 1) {
      const total = 1_000 + (i % 997) * 100;
      rows.push({
        line: i + 2,
        number: `F-${String(i).padStart(6, '0')}`,
        customerName: `Client ${i % 2_000}`,
        issueDate: '2026-01-15',
        dueDate: '2026-02-15',
        totalCents: total,
        paidCents: i % 3 === 0 ? total : 0,
        email: `client${i % 2_000}@example.fr`,
      });
    }
    let start = performance.now();
    const first = await applyInvoiceImport(db, rows, { nowIso: NOW, fileName: 'big.csv' });
    const firstMs = performance.now() - start;
    expect(first.created).toBe(count);

    const newer = rows.map((r, i) => (i % 10 === 1 ? { ...r, paidCents: r.totalCents } : r));
    start = performance.now();
    const second = await applyInvoiceImport(db, newer, { nowIso: LATER, fileName: 'big-2.csv' });
    const secondMs = performance.now() - start;
    expect(second.updated + second.unchanged).toBe(count);

    console.log(
      `[import timing] ${count} rows into fake-indexeddb: first import ${Math.round(firstMs)} ms ` +
        `(${first.customersCreated} customers, ${first.paymentsCreated} payments); ` +
        `re-import ${Math.round(secondMs)} ms (${second.updated} updated, ${second.unchanged} unchanged)`,
    );
  }, 600_000);
});
