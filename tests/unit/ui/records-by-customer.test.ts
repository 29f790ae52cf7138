import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Payment } from '../../../src-renderer/domain/model';
import type { LiveRecords } from '../../../src-renderer/ui/hooks';
import { recordsOfCustomer } from '../../../src-renderer/ui/records-by-customer';
import { aCustomer, anInteraction, anInvoice, aPlan, aPromise } from '../domain/builders';

const payment = (id: string, customerId: string): Payment => ({ id, customerId, date: '2026-11-02', amountCents: 100, method: 'virement', allocations: [] }) as unknown as Payment;

function records(): LiveRecords {
  return {
    customers: [aCustomer('c1'), aCustomer('c2'), aCustomer('c3')],
    invoices: [anInvoice('i1', 'c1', '2026-10-01'), anInvoice('i2', 'c2', '2026-10-02'), anInvoice('i3', 'c1', '2026-10-03')],
    payments: [payment('p1', 'c2')],
    interactions: [anInteraction(['i1'], { id: 'n1', customerId: 'c1' }), anInteraction(['i2'], { id: 'n2', customerId: 'c2' })],
    promises: [aPromise('pr1', 'c1', ['i1'], '2026-11-30')],
    paymentPlans: [aPlan('pl1', 'c2', ['i2'], [['2026-12-01', 100, 0]])],
    policies: [],
    settings: DEFAULT_SETTINGS,
  } as unknown as LiveRecords;
}

const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);

describe('recordsOfCustomer', () => {
  it.each([
    ['c1', { invoices: ['i1', 'i3'], payments: [], interactions: ['n1'], promises: ['pr1'], paymentPlans: [] }],
    ['c2', { invoices: ['i2'], payments: ['p1'], interactions: ['n2'], promises: [], paymentPlans: ['pl1'] }],
    ['c3', { invoices: [], payments: [], interactions: [], promises: [], paymentPlans: [] }],
    ['unknown', { invoices: [], payments: [], interactions: [], promises: [], paymentPlans: [] }],
  ])('gives %s exactly its own records, in the records’ order', (customerId, expected) => {
    const own = recordsOfCustomer(records(), customerId);
    expect({
      invoices: ids(own.invoices),
      payments: ids(own.payments),
      interactions: ids(own.interactions),
      promises: ids(own.promises),
      paymentPlans: ids(own.paymentPlans),
    }).toEqual(expected);
  });

  it('follows a live update: new records object, new grouping', () => {
    const before = records();
    expect(ids(recordsOfCustomer(before, 'c3').invoices)).toEqual([]);
    const after = { ...before, invoices: [...before.invoices, anInvoice('i4', 'c3', '2026-11-01')] };
    expect(ids(recordsOfCustomer(after, 'c3').invoices)).toEqual(['i4']);
    // The old records keep their own grouping: a screen still holding them sees what it read.
    expect(ids(recordsOfCustomer(before, 'c3').invoices)).toEqual([]);
  });
});
