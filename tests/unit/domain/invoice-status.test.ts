import { describe, expect, it } from 'vitest';
import { invoiceStatus, type InvoiceStatusInput } from '../../../src-renderer/domain/invoice-status';

const TODAY = '2026-11-23';

/** An unpaid 100 € invoice due on `dueDate`, with overrides. */
function invoice(dueDate: string, overrides: Partial<InvoiceStatusInput> = {}): InvoiceStatusInput {
  return { kind: 'invoice', totalCents: 10_000, paidCents: 0, dueDate, ...overrides };
}

const dispute = { reason: 'Marchandise abîmée', since: '2026-11-01' };
const writeOff = { reason: 'Client disparu', date: '2026-11-10' };
const cancelled = { reason: 'Doublon', date: '2026-11-10' };

describe('invoiceStatus', () => {
  it.each([
    ['not due yet', invoice('2026-12-01'), 'not-due', 0, 10_000],
    ['due today', invoice('2026-11-23'), 'due', 0, 10_000],
    ['1 day late', invoice('2026-11-22'), 'overdue', 1, 10_000],
    ['35 days late', invoice('2026-10-19'), 'overdue', 35, 10_000],
    ['late across the DST change (due 2026-10-24)', invoice('2026-10-24'), 'overdue', 30, 10_000],
    ['120 days late', invoice('2026-07-26'), 'overdue', 120, 10_000],
    ['partly paid, late: still reports days late', invoice('2026-11-03', { paidCents: 4_000 }), 'partly-paid', 20, 6_000],
    ['partly paid, not due', invoice('2026-12-01', { paidCents: 4_000 }), 'partly-paid', 0, 6_000],
    ['partly paid, due today', invoice('2026-11-23', { paidCents: 1 }), 'partly-paid', 0, 9_999],
    ['paid in full', invoice('2026-10-01', { paidCents: 10_000 }), 'paid', 0, 0],
    ['disputed and late', invoice('2026-11-13', { dispute }), 'disputed', 10, 10_000],
    ['disputed beats partly paid', invoice('2026-11-13', { dispute, paidCents: 2_500 }), 'disputed', 10, 7_500],
    ['paid beats disputed', invoice('2026-11-13', { dispute, paidCents: 10_000 }), 'paid', 0, 0],
    ['written off', invoice('2026-01-01', { writeOff }), 'written-off', 0, 0],
    ['written off beats paid', invoice('2026-01-01', { writeOff, paidCents: 10_000 }), 'written-off', 0, 0],
    ['written off beats disputed', invoice('2026-01-01', { writeOff, dispute }), 'written-off', 0, 0],
    ['cancelled', invoice('2026-11-01', { cancelled }), 'cancelled', 0, 0],
    ['cancelled beats written off', invoice('2026-11-01', { cancelled, writeOff }), 'cancelled', 0, 0],
    ['cancelled beats paid', invoice('2026-11-01', { cancelled, paidCents: 10_000 }), 'cancelled', 0, 0],
    ['credit note unused: never late', invoice('2026-01-01', { kind: 'credit-note' }), 'not-due', 0, 10_000],
    ['credit note fully applied', invoice('2026-01-01', { kind: 'credit-note', paidCents: 10_000 }), 'paid', 0, 0],
    ['zero-amount invoice is paid', invoice('2026-01-01', { totalCents: 0 }), 'paid', 0, 0],
  ])('%s', (_label, input, status, daysLate, balanceCents) => {
    expect(invoiceStatus(input, TODAY)).toEqual({ status, daysLate, balanceCents });
  });
});
