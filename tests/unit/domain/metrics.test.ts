import { describe, expect, it } from 'vitest';
import { agingBuckets, collectedBetween, toMetricInvoices, type MetricInvoice } from '../../../src-renderer/domain/metrics';
import type { Invoice, Payment } from '../../../src-renderer/domain/model';

const AS_OF = '2026-11-23';
const inv = (id: string, dueDate: string, totalCents: number, payments: MetricInvoice['payments'] = [], status?: MetricInvoice['status']): MetricInvoice => ({
  id,
  customerId: 'c',
  issueDate: '2026-01-01',
  dueDate,
  totalCents,
  payments,
  ...(status ? { status } : {}),
});

describe('agingBuckets', () => {
  it.each([
    ['due today is not due', inv('1', '2026-11-23', 100), 'notDue'],
    ['1 day late', inv('1', '2026-11-22', 100), 'd1to30'],
    ['30 days late', inv('1', '2026-10-24', 100), 'd1to30'],
    ['31 days late', inv('1', '2026-10-23', 100), 'd31to60'],
    ['60 days late', inv('1', '2026-09-24', 100), 'd31to60'],
    ['61 days late', inv('1', '2026-09-23', 100), 'd61to90'],
    ['90 days late', inv('1', '2026-08-25', 100), 'd61to90'],
    ['91 days late', inv('1', '2026-08-24', 100), 'over90'],
    ['disputed still counts', inv('1', '2026-08-24', 100, [], 'disputed'), 'over90'],
  ] as const)('%s', (_label, invoice, bucket) => {
    const result = agingBuckets([invoice], AS_OF);
    expect(result[bucket]).toBe(100);
    expect(Object.values(result).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it.each([
    ['written off', inv('1', '2026-01-01', 100, [], 'written-off')],
    ['cancelled', inv('1', '2026-01-01', 100, [], 'cancelled')],
    ['fully paid', inv('1', '2026-01-01', 100, [{ date: '2026-02-01', amountCents: 100 }])],
    ['overpaid', inv('1', '2026-01-01', 100, [{ date: '2026-02-01', amountCents: 150 }])],
  ])('counts nothing for an invoice %s', (_label, invoice) => {
    expect(agingBuckets([invoice], AS_OF)).toEqual({ notDue: 0, d1to30: 0, d31to60: 0, d61to90: 0, over90: 0 });
  });

  it('deducts partial payments up to asOf, ignores later ones', () => {
    const invoice = inv('1', '2026-11-01', 10_000, [
      { date: '2026-11-05', amountCents: 2_500 },
      { date: '2026-11-23', amountCents: 1_000 },
      { date: '2026-11-24', amountCents: 6_500 },
    ]);
    expect(agingBuckets([invoice], AS_OF).d1to30).toBe(6_500);
  });

  it('is all zero for no invoices', () => {
    expect(agingBuckets([], AS_OF)).toEqual({ notDue: 0, d1to30: 0, d31to60: 0, d61to90: 0, over90: 0 });
  });
});

describe('toMetricInvoices and collectedBetween', () => {
  const base = { kind: 'invoice' as const, customerId: 'c', issueDate: '2026-10-01', dueDate: '2026-10-31', paidCents: 0, createdAt: '', updatedAt: '' };
  const invoices: Invoice[] = [
    { ...base, id: 'i1', number: 'F-1', totalCents: 1000 },
    { ...base, id: 'i2', number: 'F-2', totalCents: 2000, writeOff: { reason: 'x', date: '2026-11-01' } },
    { ...base, id: 'cn', number: 'A-1', totalCents: 300, kind: 'credit-note' },
  ];
  const payments: Payment[] = [
    { id: 'p1', customerId: 'c', date: '2026-11-02', amountCents: 1500, method: 'virement', allocations: [{ invoiceId: 'i1', amountCents: 700 }, { invoiceId: 'i2', amountCents: 800 }], invoiceIds: ['i1', 'i2'], createdAt: '' },
    { id: 'p2', customerId: 'c', date: '2026-12-01', amountCents: 300, method: 'cheque', allocations: [{ invoiceId: 'i1', amountCents: 300 }], invoiceIds: ['i1'], createdAt: '' },
  ];

  it('attaches each allocation with its payment date, marks write-offs, leaves credit notes out', () => {
    expect(toMetricInvoices(invoices, payments)).toEqual([
      { id: 'i1', customerId: 'c', issueDate: '2026-10-01', dueDate: '2026-10-31', totalCents: 1000, payments: [{ date: '2026-11-02', amountCents: 700 }, { date: '2026-12-01', amountCents: 300 }] },
      { id: 'i2', customerId: 'c', issueDate: '2026-10-01', dueDate: '2026-10-31', totalCents: 2000, payments: [{ date: '2026-11-02', amountCents: 800 }], status: 'written-off' },
    ]);
  });

  it.each([
    ['2026-11-01', '2026-11-30', 1500],
    ['2026-11-02', '2026-11-02', 1500],
    ['2026-11-03', '2026-12-01', 300],
    ['2026-12-02', '2026-12-31', 0],
  ])('collected between %s and %s is %i', (from, to, expected) => {
    expect(collectedBetween(payments, from, to)).toBe(expected);
  });
});
