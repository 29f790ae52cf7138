import { describe, expect, it } from 'vitest';
import { customersToFollowUp, summarizeLedger } from '../../../src-renderer/domain/ledger-summary';
import type { Invoice } from '../../../src-renderer/domain/model';
import { aCustomer as customer } from './builders';

const TODAY = '2026-11-23';


function invoice(id: string, customerId: string, dueDate: string, totalCents: number, paidCents = 0, extra: Partial<Invoice> = {}): Invoice {
  return {
    id,
    number: `F-${id}`,
    kind: 'invoice',
    customerId,
    issueDate: '2026-09-01',
    dueDate,
    totalCents,
    paidCents,
    createdAt: '2026-09-01T00:00:00Z',
    updatedAt: '2026-09-01T00:00:00Z',
    ...extra,
  };
}

describe('summarizeLedger', () => {
  const customers = [customer('a'), customer('b'), customer('c', { doNotChase: { reason: 'avocat', since: '2026-10-01' } }), customer('d')];
  const invoices = [
    invoice('1', 'a', '2026-11-11', 10_000), // 12 days late
    invoice('2', 'a', '2026-10-19', 5_000, 2_000), // partly paid, 35 days late
    invoice('3', 'b', '2026-12-10', 7_000), // not due
    invoice('4', 'b', '2026-10-01', 3_000, 3_000), // paid
    invoice('5', 'c', '2026-09-01', 9_900), // late but do not chase
    invoice('6', 'd', '2026-10-01', 4_000, 0, { dispute: { reason: 'livraison incomplète', since: '2026-10-05' } }),
    invoice('7', 'd', '2026-10-01', 1_000, 0, { writeOff: { reason: 'faillite', date: '2026-11-01' } }),
    invoice('8', 'a', '2026-11-30', 1_500, 0, { kind: 'credit-note' }),
  ];
  const summary = summarizeLedger(customers, invoices, [{ customerId: 'a', at: '2026-11-20T10:00:00Z' }, { customerId: 'a', at: '2026-11-02T10:00:00Z' }], TODAY);

  it.each([
    ['1', 'overdue', 12, 10_000],
    ['2', 'partly-paid', 35, 3_000],
    ['3', 'not-due', 0, 7_000],
    ['4', 'paid', 0, 0],
    ['6', 'disputed', 53, 4_000],
    ['7', 'written-off', 0, 0],
  ])('invoice %s is %s, %i days late, %i cents left', (id, status, daysLate, balance) => {
    const row = summary.invoices.find((r) => r.invoice.id === id);
    expect(row).toMatchObject({ status, daysLate, balanceCents: balance });
  });

  it('totals what is owed (credit notes deducted) and what is late (disputes excluded)', () => {
    // open: 10 000 + 3 000 + 7 000 + 9 900 + 4 000 (disputed is still owed) − 1 500 (credit note)
    expect(summary.outstandingCents).toBe(32_400);
    // late and chaseable: 10 000 + 3 000 + 9 900
    expect(summary.overdueCents).toBe(22_900);
    expect(summary.overdueInvoiceCount).toBe(3);
  });

  it.each([
    ['a', 3, 11_500, 13_000, 35, '2026-11-20T10:00:00Z'],
    ['b', 1, 7_000, 0, 0, null],
    ['d', 1, 4_000, 0, 0, null],
  ])('customer %s: %i open, %i due, %i late, oldest %i days, last contact %s', (id, open, balance, overdue, oldest, last) => {
    const row = summary.customers.find((r) => r.customer.id === id);
    expect(row).toMatchObject({ openInvoices: open, balanceCents: balance, overdueCents: overdue, oldestDaysLate: oldest, lastInteractionAt: last });
  });

  it('lists the customers to follow up, most urgent first, without "do not chase" nor paused ones', () => {
    expect(customersToFollowUp(summary, TODAY).map((r) => r.customer.id)).toEqual(['a']);
    const withPaused = summarizeLedger([customer('a', { pausedUntil: '2026-11-30' }), customer('e')], [invoice('1', 'a', '2026-10-01', 100), invoice('9', 'e', '2026-11-01', 100)], [], TODAY);
    expect(customersToFollowUp(withPaused, TODAY).map((r) => r.customer.id)).toEqual(['e']);
    const pauseOver = summarizeLedger([customer('a', { pausedUntil: '2026-11-22' })], [invoice('1', 'a', '2026-10-01', 100)], [], TODAY);
    expect(customersToFollowUp(pauseOver, TODAY).map((r) => r.customer.id)).toEqual(['a']);
  });

  it('sorts by oldest delay, then by amount', () => {
    const s = summarizeLedger(
      [customer('x'), customer('y'), customer('z')],
      [invoice('1', 'x', '2026-11-01', 100), invoice('2', 'y', '2026-11-01', 900), invoice('3', 'z', '2026-10-01', 50)],
      [],
      TODAY,
    );
    expect(customersToFollowUp(s, TODAY).map((r) => r.customer.id)).toEqual(['z', 'y', 'x']);
  });
});
