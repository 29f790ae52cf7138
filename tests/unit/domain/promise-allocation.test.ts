import { describe, expect, it } from 'vitest';
import type { Payment, PaymentAllocation } from '../../../src-renderer/domain/model';
import { paidTowardsSince } from '../../../src-renderer/domain/payments-since';
import { activePromises, allocatePromisedFirst, keepsPromise, promiseAllocationProposal, type ActivePromise } from '../../../src-renderer/domain/promise-allocation';
import { promiseState } from '../../../src-renderer/domain/promises';
import { anInvoice, aPromise } from './builders';

const TODAY = '2026-11-23';
// A is the oldest (100 €), B was promised (60 €), C is the newest (50 €).
const A = anInvoice('a', 'c1', '2026-09-30', { totalCents: 100_00 });
const B = anInvoice('b', 'c1', '2026-10-31', { totalCents: 60_00 });
const C = anInvoice('c', 'c1', '2026-11-15', { totalCents: 50_00 });
const open = [C, B, A];

const promiseOnB = aPromise('p1', 'c1', ['b'], '2026-11-27', { amountCents: 60_00, createdAt: '2026-11-20T10:00:00.000Z' });
const active = (promise = promiseOnB, paidSinceCents = 0, owedCents = 60_00): ActivePromise => ({ promise, paidSinceCents, owedCents });

/** The payment as the ledger would record it, made after the promise. */
function payment(allocations: PaymentAllocation[]): Payment {
  const amountCents = allocations.reduce((sum, a) => sum + a.amountCents, 0);
  return { id: 'pay', customerId: 'c1', date: TODAY, amountCents, method: 'virement', allocations, invoiceIds: allocations.map((a) => a.invoiceId), createdAt: '2026-11-23T09:00:00.000Z' };
}

describe('promiseAllocationProposal: a customer with an active promise pays while older invoices are open', () => {
  it.each<[string, number, ActivePromise[], string, string, boolean, string[]]>([
    ['pays exactly the promised amount: oldest first settles A, promised first settles B and keeps the promise', 60_00, [active()], 'a:6000', 'b:6000', true, ['p1']],
    ['pays everything: the same either way', 210_00, [active()], 'a:10000,b:6000,c:5000', 'b:6000,a:10000,c:5000', false, []],
    ['pays more than promised: B first, the rest oldest first', 100_00, [active()], 'a:10000', 'b:6000,a:4000', true, ['p1']],
    ['pays part of the promise: B first, not kept yet', 30_00, [active()], 'a:3000', 'b:3000', true, []],
    ['a promise for part of B: kept with that part', 40_00, [active({ ...promiseOnB, amountCents: 40_00 })], 'a:4000', 'b:4000', true, ['p1']],
    ['the rest of a promise partly paid already: kept', 20_00, [active(promiseOnB, 40_00, 20_00)], 'a:2000', 'b:2000', true, ['p1']],
    ['the promise is on the oldest invoice: nothing to propose', 60_00, [active({ ...promiseOnB, invoiceIds: ['a'] }, 0, 100_00)], 'a:6000', 'a:6000', false, []],
    ['two promises, B and C: both first, oldest first among them', 110_00, [active(), active(aPromise('p2', 'c1', ['c'], '2026-12-01', { amountCents: 50_00 }), 0, 50_00)], 'a:10000,b:1000', 'b:6000,c:5000', true, ['p1', 'p2']],
    ['nothing typed yet', 0, [active()], '', '', false, []],
  ])('%s', (_label, amountCents, promises, oldestFirst, promisedFirst, differs, kept) => {
    const proposal = promiseAllocationProposal(open, amountCents, promises);
    const text = (allocations: PaymentAllocation[]) => allocations.map((a) => `${a.invoiceId}:${a.amountCents}`).join(',');
    expect(text(proposal.oldestFirst.allocations)).toBe(oldestFirst);
    expect(text(proposal.promisedFirst.allocations)).toBe(promisedFirst);
    expect(proposal.differs).toBe(differs);
    expect(proposal.keptOnlyPromisedFirst.map((a) => a.promise.id)).toEqual(kept);
  });

  it('recorded promised first, the payment keeps the promise (promises.ts); recorded oldest first, it does not', () => {
    const proposal = promiseAllocationProposal(open, 60_00, [active()]);
    const stateAfter = (allocations: PaymentAllocation[]) => {
      const paid = new Map(allocations.map((a) => [a.invoiceId, a.amountCents]));
      const invoices = open.map((invoice) => ({ ...invoice, paidCents: paid.get(invoice.id) ?? 0 }));
      const paidSinceCents = paidTowardsSince(promiseOnB.invoiceIds, [payment(allocations)], promiseOnB.createdAt);
      const owedCents = invoices.filter((i) => i.id === 'b').reduce((sum, i) => sum + i.totalCents - i.paidCents, 0);
      return promiseState(promiseOnB, { paidSinceCents, owedCents }, TODAY, 3);
    };
    expect(stateAfter(proposal.promisedFirst.allocations)).toBe('kept');
    expect(stateAfter(proposal.oldestFirst.allocations)).toBe('pending');
  });

  it('what is left after every open invoice stays as a credit', () => {
    expect(allocatePromisedFirst(open, 250_00, new Set(['b'])).unallocatedCents).toBe(40_00);
  });

  it.each<[string, PaymentAllocation[], boolean]>([
    ['nothing towards the promise', [{ invoiceId: 'a', amountCents: 60_00 }], false],
    ['one cent short', [{ invoiceId: 'b', amountCents: 59_99 }], false],
    ['the promised amount', [{ invoiceId: 'b', amountCents: 60_00 }], true],
  ])('keepsPromise: %s', (_label, allocations, expected) => {
    expect(keepsPromise(active(), allocations)).toBe(expected);
  });
});

describe('activePromises: the promises a payment may keep', () => {
  const invoices = [A, B, C];
  const pay = (cents: number, createdAt: string): Payment => ({ ...payment([{ invoiceId: 'b', amountCents: cents }]), createdAt });
  it.each<[string, ReturnType<typeof aPromise>, Payment[], boolean]>([
    ['pending, in 4 days', promiseOnB, [], true],
    ['due today', { ...promiseOnB, promisedDate: TODAY }, [], true],
    ['in its grace days', { ...promiseOnB, promisedDate: '2026-11-20' }, [], true],
    ['past its grace days: broken', { ...promiseOnB, promisedDate: '2026-11-19' }, [], false],
    ['marked broken', { ...promiseOnB, status: 'broken' }, [], false],
    ['cancelled', { ...promiseOnB, status: 'cancelled' }, [], false],
    ['marked kept', { ...promiseOnB, status: 'kept' }, [], false],
    ['kept by a payment since', promiseOnB, [pay(60_00, '2026-11-21T10:00:00.000Z')], false],
    ['a payment before it does not keep it', promiseOnB, [pay(60_00, '2026-11-19T10:00:00.000Z')], true],
    ['another customer’s', { ...promiseOnB, customerId: 'c2' }, [], false],
  ])('%s', (_label, promise, payments, expected) => {
    expect(activePromises('c1', [promise], payments, invoices, TODAY, 3).map((a) => a.promise.id)).toEqual(expected ? ['p1'] : []);
  });

  it('carries what was paid since and what is owed', () => {
    const [found] = activePromises('c1', [promiseOnB], [pay(25_00, '2026-11-21T10:00:00.000Z')], [A, { ...B, paidCents: 25_00 }, C], TODAY, 3);
    expect(found).toMatchObject({ paidSinceCents: 25_00, owedCents: 35_00 });
  });
});
