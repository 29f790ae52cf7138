import { describe, expect, it } from 'vitest';
import { paidTowardsSince, paymentsOfInvoices } from '../../../src-renderer/domain/payments-since';
import { promiseBrokenOn, promiseState, type PromiseState } from '../../../src-renderer/domain/promises';
import type { Payment, PromiseStatus } from '../../../src-renderer/domain/model';

const payment = (createdAt: string, allocations: Array<[string, number]>): Payment => ({
  id: createdAt,
  customerId: 'c1',
  date: createdAt.slice(0, 10),
  amountCents: allocations.reduce((sum, [, cents]) => sum + cents, 0),
  method: 'virement',
  allocations: allocations.map(([invoiceId, amountCents]) => ({ invoiceId, amountCents })),
  invoiceIds: allocations.map(([invoiceId]) => invoiceId),
  createdAt,
});

describe('paidTowardsSince', () => {
  const payments = [
    payment('2026-11-01T10:00:00.000Z', [['i1', 10_00]]),
    payment('2026-11-10T09:00:00.000Z', [['i1', 20_00], ['i2', 5_00]]),
    payment('2026-11-12T09:00:00.000Z', [['i3', 40_00]]),
  ];
  it.each<[string[], string, number]>([
    [['i1'], '2026-11-01T00:00:00.000Z', 30_00],
    [['i1'], '2026-11-05T00:00:00.000Z', 20_00],
    [['i1', 'i2'], '2026-11-05T00:00:00.000Z', 25_00],
    [['i1', 'i2'], '2026-11-10T09:00:00.000Z', 25_00],
    [['i1', 'i2'], '2026-11-10T09:00:00.001Z', 0],
    [['i4'], '2026-01-01T00:00:00.000Z', 0],
  ])('%o since %s: %i', (ids, since, expected) => {
    expect(paidTowardsSince(ids, payments, since)).toBe(expected);
  });
});

describe('paymentsOfInvoices', () => {
  const payments = [
    payment('2026-11-01T10:00:00.000Z', [['i1', 10_00]]),
    payment('2026-11-10T09:00:00.000Z', [['i1', 20_00], ['i2', 5_00]]),
    payment('2026-11-12T09:00:00.000Z', [['i3', 40_00]]),
  ];
  it.each<[string[], Record<string, string[]>]>([
    [['i1'], { i1: ['2026-11-01T10:00:00.000Z', '2026-11-10T09:00:00.000Z'] }],
    [['i1', 'i2'], { i1: ['2026-11-01T10:00:00.000Z', '2026-11-10T09:00:00.000Z'], i2: ['2026-11-10T09:00:00.000Z'] }],
    [['i3', 'i4'], { i3: ['2026-11-12T09:00:00.000Z'] }],
    [[], {}],
  ])('payments of %o, by invoice', (ids, expected) => {
    const byInvoice = paymentsOfInvoices(payments, new Set(ids));
    expect(Object.fromEntries([...byInvoice].map(([id, list]) => [id, list.map((p) => p.id)]))).toEqual(expected);
  });
});

describe('promiseState (promised 2026-12-10, 300 €, grace 3 days)', () => {
  it('breaks the day after the date plus the grace', () => {
    expect(promiseBrokenOn('2026-12-10', 3)).toBe('2026-12-14');
    expect(promiseBrokenOn('2026-12-31', 0)).toBe('2027-01-01');
  });

  it.each<[string, PromiseStatus, number, number, string, PromiseState]>([
    ['before the date', 'pending', 0, 500_00, '2026-12-09', 'pending'],
    ['on the date', 'pending', 0, 500_00, '2026-12-10', 'due'],
    ['partly paid in the grace', 'pending', 299_99, 500_00, '2026-12-13', 'due'],
    ['not paid after the grace', 'pending', 0, 500_00, '2026-12-14', 'broken'],
    ['partly paid after the grace', 'pending', 100_00, 500_00, '2026-12-20', 'broken'],
    ['covered by payments since', 'pending', 300_00, 200_00, '2026-12-20', 'kept'],
    ['covered before the date', 'pending', 300_00, 200_00, '2026-12-01', 'kept'],
    ['nothing owed any more', 'pending', 0, 0, '2026-12-20', 'kept'],
    ['a late payment keeps a broken one', 'broken', 300_00, 200_00, '2026-12-20', 'kept'],
    ['marked broken by the user', 'broken', 0, 500_00, '2026-12-11', 'broken'],
    ['cancelled', 'cancelled', 300_00, 0, '2026-12-20', 'cancelled'],
    ['stored as kept', 'kept', 0, 500_00, '2026-12-20', 'kept'],
  ])('%s', (_name, status, paidSinceCents, owedCents, today, expected) => {
    expect(promiseState({ promisedDate: '2026-12-10', amountCents: 300_00, status }, { paidSinceCents, owedCents }, today, 3)).toBe(expected);
  });
});
