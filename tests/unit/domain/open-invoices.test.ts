import { describe, expect, it } from 'vitest';
import { isOpenInvoice, owedOnCommitment } from '../../../src-renderer/domain/open-invoices';
import type { Invoice } from '../../../src-renderer/domain/model';
import { anInvoice } from './builders';

describe('open invoices and what a commitment still owes', () => {
  it.each<[string, Partial<Invoice>, boolean, number]>([
    ['unpaid', {}, true, 100_00],
    ['partly paid', { paidCents: 40_00 }, true, 60_00],
    ['paid', { paidCents: 100_00 }, false, 0],
    ['credit note', { kind: 'credit-note' }, false, 0],
    ['cancelled', { cancelled: { reason: 'x', date: '2026-11-01' } }, false, 0],
    ['written off', { writeOff: { reason: 'x', date: '2026-11-01' } }, false, 0],
    ['disputed: open, but not owed on a commitment', { dispute: { reason: 'x', since: '2026-11-01' } }, true, 0],
  ])('%s', (_name, extra, open, owed) => {
    const invoice = anInvoice('i1', 'c1', '2026-10-01', extra);
    expect(isOpenInvoice(invoice)).toBe(open);
    expect(owedOnCommitment(['i1'], [invoice, anInvoice('other', 'c1', '2026-10-01')])).toBe(owed);
  });
});
