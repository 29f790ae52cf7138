import { describe, expect, it } from 'vitest';
import { StringPool, shareStringsInSlices, type BigTables } from '../../../src-renderer/ui/shared-strings';
import type { Interaction, Invoice, Payment } from '../../../src-renderer/domain/model';
import { anInteraction, anInvoice } from '../domain/builders';

/**
 * Two strings with the same characters cannot be told apart in JavaScript, so what these tests
 * check is which values go through the pool: a pool that marks what it is given shows every field
 * it was handed, and the real pool must leave every record equal to what it was.
 */
class MarkingPool extends StringPool {
  override share(value: string): string {
    return `«${value}»`;
  }
}

function aPayment(id: string, customerId: string, invoiceIds: string[], extra: Partial<Payment> = {}): Payment {
  return {
    id,
    customerId,
    date: '2026-11-02',
    amountCents: 12_345,
    method: 'virement',
    reference: 'VIR 42',
    source: 'import',
    allocations: invoiceIds.map((invoiceId) => ({ invoiceId, amountCents: 100 })),
    invoiceIds,
    createdAt: '2026-11-02T09:00:00.000Z',
    ...extra,
  };
}

function tables(): BigTables & { invoices: Invoice[]; payments: Payment[]; interactions: Interaction[] } {
  return {
    invoices: [
      anInvoice('inv-1', 'cus-1', '2026-10-01', { number: 'F-1', paymentTerms: '30 jours', policyId: 'pol-1' }),
      anInvoice('inv-2', 'cus-1', '2026-10-15', { number: 'F-2' }),
    ],
    payments: [aPayment('pay-1', 'cus-1', ['inv-1', 'inv-2'])],
    interactions: [anInteraction(['inv-1'], { id: 'int-1', customerId: 'cus-1', kind: 'reminder', channel: 'email', status: 'sent', subject: 'Facture F-1', notes: 'Rappeler lundi' })],
  };
}

const noPause = () => Promise.resolve();

describe('shareStringsInSlices', () => {
  it('leaves every record equal to what it was', async () => {
    const records = tables();
    const before = structuredClone(records);
    await shareStringsInSlices(records, noPause);
    expect(records).toEqual(before);
  });

  // Which fields are shared: the repeated ones; free text and the row's own unique values are not.
  it.each([
    ['invoices', 0, 'id', true],
    ['invoices', 0, 'customerId', true],
    ['invoices', 0, 'kind', true],
    ['invoices', 0, 'issueDate', true],
    ['invoices', 0, 'dueDate', true],
    ['invoices', 0, 'paymentTerms', true],
    ['invoices', 0, 'policyId', true],
    ['invoices', 0, 'createdAt', true],
    ['invoices', 0, 'updatedAt', true],
    ['invoices', 0, 'number', false],
    ['invoices', 0, 'totalCents', false],
    ['payments', 0, 'customerId', true],
    ['payments', 0, 'date', true],
    ['payments', 0, 'method', true],
    ['payments', 0, 'source', true],
    ['payments', 0, 'reference', true],
    ['payments', 0, 'createdAt', true],
    ['payments', 0, 'id', false],
    ['payments', 0, 'amountCents', false],
    ['interactions', 0, 'customerId', true],
    ['interactions', 0, 'kind', true],
    ['interactions', 0, 'at', true],
    ['interactions', 0, 'channel', true],
    ['interactions', 0, 'status', true],
    ['interactions', 0, 'subject', true],
    ['interactions', 0, 'id', false],
    ['interactions', 0, 'notes', false],
  ] as const)('%s[%i].%s shared: %s', async (table, index, field, shared) => {
    const records = tables();
    const original = (records[table][index] as unknown as Record<string, unknown>)[field];
    await shareStringsInSlices(records, noPause, new MarkingPool());
    const value = (records[table][index] as unknown as Record<string, unknown>)[field];
    expect(value).toBe(shared ? `«${String(original)}»` : original);
  });

  it('shares the invoice ids that payments and history entries repeat, in arrays and allocations', async () => {
    const records = tables();
    await shareStringsInSlices(records, noPause, new MarkingPool());
    expect(records.payments[0]!.invoiceIds).toEqual(['«inv-1»', '«inv-2»']);
    expect(records.payments[0]!.allocations.map((allocation) => allocation.invoiceId)).toEqual(['«inv-1»', '«inv-2»']);
    expect(records.payments[0]!.allocations.map((allocation) => allocation.amountCents)).toEqual([100, 100]);
    expect(records.interactions[0]!.invoiceIds).toEqual(['«inv-1»']);
  });

  it('finds nothing new in rows already shared', async () => {
    const pool = new StringPool();
    const records = tables();
    await shareStringsInSlices(records, noPause, pool);
    const size = pool.size;
    await shareStringsInSlices(records, noPause, pool);
    expect(pool.size).toBe(size);
  });

  it('works in slices of about 8 ms, pausing between them, keeping one string per distinct value', async () => {
    const invoices = Array.from({ length: 12_001 }, (_, i) => anInvoice(`inv-${i}`, `cus-${i % 7}`, '2026-10-01'));
    // A clock that moves 1 ms at each reading: the time is checked every 128 rows, so a slice ends
    // at the 8th check (1,024 rows): 12,001 rows make 11 pauses.
    let now = 0;
    let pauses = 0;
    const pool = await shareStringsInSlices(
      { invoices, payments: [], interactions: [] },
      () => {
        pauses += 1;
        return Promise.resolve();
      },
      new StringPool(),
      () => (now += 1),
    );
    expect(pauses).toBe(11);
    // 12,001 invoice ids, 7 customer ids, and what every invoice repeats: its kind, issue date,
    // due date and the instant it was created and updated.
    expect(pool.size).toBe(12_001 + 7 + 4);
  });
});

describe('StringPool', () => {
  it('gives back the first equal string and counts distinct values', () => {
    const pool = new StringPool();
    expect(pool.share('2026-11-23')).toBe('2026-11-23');
    expect(pool.share(['2026', '11', '23'].join('-'))).toBe('2026-11-23');
    expect(pool.share('2026-11-24')).toBe('2026-11-24');
    expect(pool.size).toBe(2);
  });
});
