import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineInput } from '../../../src-renderer/domain/timeline';
import type { Payment } from '../../../src-renderer/domain/model';
import { aPlan, aPromise, anInteraction, anInvoice } from './builders';

const pay = (createdAt: string, cents: number, invoiceId = 'i1'): Payment => ({
  id: `pay-${createdAt}`,
  customerId: 'c1',
  date: createdAt.slice(0, 10),
  amountCents: cents,
  method: 'virement',
  allocations: [{ invoiceId, amountCents: cents }],
  invoiceIds: [invoiceId],
  createdAt,
});

const base = (extra: Partial<TimelineInput>): TimelineInput => ({
  interactions: [],
  promises: [],
  plans: [],
  payments: [],
  invoices: [anInvoice('i1', 'c1', '2026-10-01', { totalCents: 300_00 })],
  today: '2026-11-23',
  graceDays: 3,
  timeZone: 'Europe/Paris',
  ...extra,
});

const lines = (input: TimelineInput) => buildTimeline(input).map((item) => `${item.at.slice(0, 16)} ${item.kind} ${item.event.type === 'entry' ? item.event.entry.id : item.event.type}`);

describe('buildTimeline', () => {
  it('every kind, newest first; a step entry of a call is left out', () => {
    const interactions = [
      anInteraction(['i1'], { id: 'mail', at: '2026-11-02T09:00:00.000Z', status: 'failed' }),
      anInteraction(['i1'], { id: 'call', kind: 'call', at: '2026-11-05T09:00:00.000Z' }),
      anInteraction(['i2'], { id: 'call-step', kind: 'call', at: '2026-11-05T09:00:00.000Z', details: { partOf: 'call' } }),
      anInteraction(['i1'], { id: 'dispute', kind: 'status-change', at: '2026-11-06T09:00:00.000Z', details: { change: 'dispute-opened' } }),
      anInteraction(['i1'], { id: 'edit', kind: 'status-change', at: '2026-11-07T09:00:00.000Z', details: { change: 'invoice-updated' } }),
      anInteraction([], { id: 'note', kind: 'note', at: '2026-11-08T09:00:00.000Z' }),
      anInteraction(['i1'], { id: 'plan', kind: 'payment-plan', at: '2026-11-09T09:00:00.000Z' }),
      anInteraction(['i1'], { id: 'letter', kind: 'letter', at: '2026-11-10T09:00:00.000Z', documentPath: 'letters/2026/a.pdf' }),
    ];
    expect(lines(base({ interactions }))).toEqual([
      '2026-11-10T09:00 letter letter',
      '2026-11-09T09:00 plan plan',
      '2026-11-08T09:00 note note',
      '2026-11-07T09:00 other edit',
      '2026-11-06T09:00 dispute dispute',
      '2026-11-05T09:00 call call',
      '2026-11-02T09:00 reminder mail',
    ]);
  });

  it.each<[string, Partial<TimelineInput>, string[]]>([
    ['a pending promise adds nothing', { promises: [aPromise('p', 'c1', ['i1'], '2026-11-30', { createdAt: '2026-11-20T10:00:00.000Z' })] }, []],
    [
      'kept when the payment came in',
      { promises: [aPromise('p', 'c1', ['i1'], '2026-11-30', { createdAt: '2026-11-20T10:00:00.000Z', amountCents: 100_00 })], payments: [pay('2026-11-22T15:00:00.000Z', 100_00)] },
      ['2026-11-22T15:00 promise promise-kept'],
    ],
    [
      'broken at local midnight after the grace',
      { promises: [aPromise('p', 'c1', ['i1'], '2026-11-18', { createdAt: '2026-11-10T10:00:00.000Z' })] },
      ['2026-11-21T23:00 promise promise-broken'],
    ],
    [
      'a plan with a missed instalment',
      { plans: [aPlan('plan', 'c1', ['i1'], [['2026-11-10', 100_00, 0], ['2026-12-10', 200_00, 0]], { createdAt: '2026-11-01T10:00:00.000Z' })] },
      ['2026-11-13T23:00 plan plan-broken'],
    ],
    [
      'a plan kept by its payments',
      { plans: [aPlan('plan', 'c1', ['i1'], [['2026-11-10', 100_00, 0], ['2026-12-10', 200_00, 0]], { createdAt: '2026-11-01T10:00:00.000Z' })], payments: [pay('2026-11-09T10:00:00.000Z', 100_00)] },
      [],
    ],
  ])('%s', (_name, extra, expected) => {
    expect(lines(base(extra))).toEqual(expected);
  });
});
