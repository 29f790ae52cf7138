import { describe, expect, it } from 'vitest';
import { followUpEffectiveness, MIN_REMINDERS_TO_CONCLUDE, type EffectivenessRow } from '../../../src-renderer/domain/effectiveness';
import { generateDemoData } from '../../../src-renderer/domain/demo-data';
import { toMetricInvoices, type MetricInvoice } from '../../../src-renderer/domain/metrics';
import type { Interaction } from '../../../src-renderer/domain/model';
import { anInteraction } from './builders';

const AS_OF = '2026-11-23';
const PARIS = 'Europe/Paris';

const invoice = (id: string, totalCents: number, payments: MetricInvoice['payments'] = [], status?: MetricInvoice['status']): MetricInvoice => ({
  id,
  customerId: 'c1',
  issueDate: '2026-08-01',
  dueDate: '2026-09-01',
  totalCents,
  payments,
  ...(status ? { status } : {}),
});
const pay = (date: string, amountCents: number) => ({ date, amountCents });
/** A reminder sent at 10:00 Paris time on `date` (08:00 or 09:00 UTC). */
const sentOn = (date: string, invoiceIds: string[], extra: Partial<Interaction> = {}) =>
  anInteraction(invoiceIds, { at: `${date}T08:00:00.000Z`, policyId: 'standard', stepId: 's2', tone: 'friendly', ...extra });

function only(rows: EffectivenessRow[]): EffectivenessRow {
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('followUpEffectiveness: one reminder about one invoice', () => {
  it.each([
    // label, payments, expected days to pay, paid within 7 / 14 / 30
    ['paid in full 3 days after', [pay('2026-09-13', 1_000)], 3, [1, 1, 1]],
    ['paid in full exactly 7 days after', [pay('2026-09-17', 1_000)], 7, [1, 1, 1]],
    ['paid 8 days after: not within 7', [pay('2026-09-18', 1_000)], 8, [0, 1, 1]],
    ['paid in two halves, the second 20 days after', [pay('2026-09-12', 500), pay('2026-09-30', 500)], 20, [0, 0, 1]],
    ['paid 31 days after: in no window, but has a delay', [pay('2026-10-11', 1_000)], 31, [0, 0, 0]],
    ['never paid', [], null, [0, 0, 0]],
    ['half paid only', [pay('2026-09-12', 500)], null, [0, 0, 0]],
    ['paid after asOf: not yet paid at asOf', [pay('2026-11-24', 1_000)], null, [0, 0, 0]],
  ] as const)('%s', (_label, payments, days, [within7, within14, within30]) => {
    const row = only(followUpEffectiveness([sentOn('2026-09-10', ['i1'])], [invoice('i1', 1_000, [...payments])], AS_OF, PARIS, 'step'));
    expect(row.sent).toBe(1);
    expect(row.medianDaysToPay).toBe(days);
    expect([row.paidWithin[7].paid, row.paidWithin[14].paid, row.paidWithin[30].paid]).toEqual([within7, within14, within30]);
    expect([row.paidWithin[7].measured, row.paidWithin[14].measured, row.paidWithin[30].measured]).toEqual([1, 1, 1]);
  });
});

describe('followUpEffectiveness: a payment plan’s instalment reminder', () => {
  const reminder = sentOn('2026-09-10', ['i1'], { policyId: 'plan:p1', stepId: 'instalment-1-missed', tone: 'friendly', channel: 'sms' });
  it('is no policy step: left out of the steps, counted by tone and channel', () => {
    const invoices = [invoice('i1', 1_000, [pay('2026-09-12', 1_000)])];
    expect(followUpEffectiveness([reminder], invoices, AS_OF, PARIS, 'step')).toEqual([]);
    expect(only(followUpEffectiveness([reminder], invoices, AS_OF, PARIS, 'tone')).tone).toBe('friendly');
    expect(only(followUpEffectiveness([reminder], invoices, AS_OF, PARIS, 'channel')).channel).toBe('sms');
  });
});

describe('followUpEffectiveness: what is counted', () => {
  it.each([
    ['a skipped step', { status: 'skipped' as const }],
    ['a queued email', { status: 'queued' as const }],
    ['a failed email', { status: 'failed' as const }],
    ['an email still retrying', { status: 'retrying' as const }],
    ['a note', { kind: 'note' as const }],
    ['a payment entry', { kind: 'payment' as const }],
  ])('leaves out %s', (_label, extra) => {
    expect(followUpEffectiveness([sentOn('2026-09-10', ['i1'], extra)], [invoice('i1', 1_000)], AS_OF, PARIS, 'step')).toEqual([]);
  });

  it.each([
    ['a call made (no status)', { kind: 'call' as const, channel: 'phone' as const, status: undefined }],
    ['a letter posted (no status)', { kind: 'letter' as const, channel: 'letter' as const, status: undefined }],
    ['a sent SMS', { channel: 'sms' as const }],
  ])('counts %s', (_label, extra) => {
    expect(only(followUpEffectiveness([sentOn('2026-09-10', ['i1'], extra)], [invoice('i1', 1_000)], AS_OF, PARIS, 'step')).sent).toBe(1);
  });

  it.each([
    ['written off', invoice('i1', 1_000, [], 'written-off')],
    ['cancelled', invoice('i1', 1_000, [], 'cancelled')],
    ['already paid before the reminder', invoice('i1', 1_000, [pay('2026-09-09', 1_000)])],
    ['unknown (deleted since)', invoice('other', 1_000)],
  ])('leaves out a reminder about an invoice %s', (_label, target) => {
    expect(followUpEffectiveness([sentOn('2026-09-10', ['i1'])], [target], AS_OF, PARIS, 'step')).toEqual([]);
  });

  it('counts a grouped reminder once per open invoice', () => {
    const invoices = [invoice('i1', 1_000, [pay('2026-09-12', 1_000)]), invoice('i2', 2_000), invoice('i3', 500, [pay('2026-09-01', 500)])];
    const row = only(followUpEffectiveness([sentOn('2026-09-10', ['i1', 'i2', 'i3'])], invoices, AS_OF, PARIS, 'step'));
    expect(row.sent).toBe(2);
    expect(row.paidWithin[7]).toEqual({ measured: 2, paid: 1, rate: 0.5 });
  });

  it('reads the sending day in the shop time zone', () => {
    // 23:30 UTC on 9 September is 01:30 on the 10th in Paris: paid on the 10th is 0 days after.
    const row = only(followUpEffectiveness([sentOn('2026-09-09', ['i1'], { at: '2026-09-09T23:30:00.000Z' })], [invoice('i1', 1_000, [pay('2026-09-10', 1_000)])], AS_OF, PARIS, 'step'));
    expect(row.medianDaysToPay).toBe(0);
  });
});

describe('followUpEffectiveness: fairness over time', () => {
  it('measures "within N days" only on reminders at least N days old', () => {
    // Sent 10 days before asOf: old enough for 7 days, not for 14 or 30.
    const row = only(followUpEffectiveness([sentOn('2026-11-13', ['i1'])], [invoice('i1', 1_000)], AS_OF, PARIS, 'step'));
    expect(row.paidWithin[7]).toEqual({ measured: 1, paid: 0, rate: 0 });
    expect(row.paidWithin[14]).toEqual({ measured: 0, paid: 0, rate: null });
    expect(row.paidWithin[30]).toEqual({ measured: 0, paid: 0, rate: null });
  });

  it('ignores reminders dated after asOf', () => {
    expect(followUpEffectiveness([sentOn('2026-11-24', ['i1'])], [invoice('i1', 1_000)], AS_OF, PARIS, 'step')).toEqual([]);
  });
});

describe('followUpEffectiveness: groupings and medians', () => {
  const invoices = [
    invoice('a', 100, [pay('2026-09-12', 100)]), // 2 days after the 10th
    invoice('b', 100, [pay('2026-09-20', 100)]), // 10 days
    invoice('c', 100, [pay('2026-10-10', 100)]), // 30 days
    invoice('d', 100, [pay('2026-09-14', 100)]), // 4 days
    invoice('e', 100),
  ];
  const trail = [
    sentOn('2026-09-10', ['a'], { tone: 'friendly', channel: 'email', stepId: 's2' }),
    sentOn('2026-09-10', ['b'], { tone: 'friendly', channel: 'sms', stepId: 's2' }),
    sentOn('2026-09-10', ['c'], { tone: 'firm', channel: 'email', stepId: 's4' }),
    sentOn('2026-09-10', ['d'], { tone: 'firm', channel: 'email', stepId: 's4' }),
    sentOn('2026-09-10', ['e'], { tone: 'firm', channel: 'email', stepId: 's4' }),
    // a call logged by hand, with no step: in the channel grouping only
    sentOn('2026-09-10', ['e'], { kind: 'call', channel: 'phone', status: undefined, policyId: undefined, stepId: undefined, tone: undefined }),
  ];

  it.each([
    ['step', [['standard/s4', 3, 17], ['standard/s2', 2, 6]]],
    ['tone', [['firm', 3, 17], ['friendly', 2, 6]]],
    ['channel', [['email', 4, 4], ['phone', 1, null], ['sms', 1, 10]]],
  ] as const)('by %s: most used first, with the median days to pay', (grouping, expected) => {
    const rows = followUpEffectiveness(trail, invoices, AS_OF, PARIS, grouping);
    expect(rows.map((row) => [row.key, row.sent, row.medianDaysToPay])).toEqual(expected);
  });

  it('says when there are too few reminders to conclude', () => {
    const few = followUpEffectiveness(trail, invoices, AS_OF, PARIS, 'tone');
    expect(few.every((row) => row.tooFewToConclude)).toBe(true);
    const many = Array.from({ length: MIN_REMINDERS_TO_CONCLUDE }, (_, k) => invoice(`m${k}`, 100));
    const enough = only(followUpEffectiveness([sentOn('2026-09-10', many.map((i) => i.id))], many, AS_OF, PARIS, 'tone'));
    expect(enough.sent).toBe(MIN_REMINDERS_TO_CONCLUDE);
    expect(enough.tooFewToConclude).toBe(false);
  });

  it('gives nothing for no follow-ups', () => {
    expect(followUpEffectiveness([], invoices, AS_OF, PARIS, 'step')).toEqual([]);
  });
});

describe('followUpEffectiveness on the demo data', () => {
  it('reports the demo policy steps, with shares between 0 and 1', () => {
    const demo = generateDemoData(AS_OF, `${AS_OF}T08:00:00Z`);
    const rows = followUpEffectiveness(demo.interactions, toMetricInvoices(demo.invoices, demo.payments), AS_OF, PARIS, 'tone');
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      for (const share of Object.values(row.paidWithin)) {
        expect(share.paid).toBeLessThanOrEqual(share.measured);
        if (share.rate !== null) expect(share.rate).toBeGreaterThanOrEqual(0);
      }
    }
    expect(rows.map((row) => row.key)).toEqual(expect.arrayContaining(['friendly', 'firm']));
    expect(rows.some((row) => row.paidWithin[30].rate !== null && row.paidWithin[30].rate > 0)).toBe(true);
  });
});
