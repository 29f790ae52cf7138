import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../src-renderer/domain/dates';
import { DEMO_IDS, generateDemoData } from '../../../src-renderer/domain/demo-data';
import {
  agingBuckets,
  behaviourChangeDetails,
  behaviourChanges,
  collectedBetween,
  customerDiscipline,
  dayIndex,
  disciplineGrade,
  dso,
  dsoTrend,
  monthlyDaysLate,
  monthlyInvoicedAndCollected,
  toMetricInvoices,
  type CustomerDiscipline,
  type GradeInput,
  type MetricInvoice,
} from '../../../src-renderer/domain/metrics';
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

  it('leaves out invoices issued after asOf', () => {
    expect(agingBuckets([{ ...inv('1', '2026-12-24', 100), issueDate: '2026-11-24' }], AS_OF).notDue).toBe(0);
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

// ---------------------------------------------------------------------------------------------------
// Dates used below, as ages (asOf − date) from AS_OF = 2026-11-23 (checked in the first test):
//   2026-08-25 = age 90, 2026-08-24 = age 91 (the recent window's edge)
//   2025-11-23 = age 365, 2025-11-22 = age 366 (the discipline window's edge)
//   2025-08-25 = age 455, 2025-08-24 = age 456 (the previous window's far edge)

const pay = (date: string, amountCents: number): MetricInvoice['payments'][number] => ({ date, amountCents });
interface Spec {
  id?: string;
  customer?: string;
  issue?: string;
  due: string;
  total: number;
  payments?: MetricInvoice['payments'];
  status?: MetricInvoice['status'];
}
let nextId = 0;
const invoice = ({ id, customer = 'c', issue, due, total, payments = [], status }: Spec): MetricInvoice => ({
  id: id ?? `i${(nextId += 1)}`,
  customerId: customer,
  issueDate: issue ?? addDays(due, -30),
  dueDate: due,
  totalCents: total,
  payments,
  ...(status ? { status } : {}),
});

describe('dayIndex', () => {
  it('agrees with dates.ts, including leap days and before 1970', () => {
    for (const date of ['1970-01-01', '1969-12-31', '1900-03-01', '2000-02-29', '2024-02-29', '2024-03-01', '2026-11-23', '2100-03-01', '2400-02-29']) {
      expect(dayIndex(date)).toBe(daysBetween('1970-01-01', date));
    }
  });

  it('checks the window edges used in these tests', () => {
    expect([
      ['2026-08-25', 90],
      ['2026-08-24', 91],
      ['2025-11-23', 365],
      ['2025-11-22', 366],
      ['2025-08-25', 455],
      ['2025-08-24', 456],
    ].map(([date]) => daysBetween(date as string, AS_OF))).toEqual([90, 91, 365, 366, 455, 456]);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '26-01-01', 'abcd-ef-gh', ''])('rejects %j', (date) => {
    expect(() => dayIndex(date)).toThrow(/calendar date/);
  });
});

describe('disciplineGrade thresholds', () => {
  const g = (averageDaysLate: number | null, onTimeRate: number | null, maxDaysOverdue = 0): GradeInput => ({ averageDaysLate, onTimeRate, maxDaysOverdue });
  it.each([
    // A: average ≤ 2, on time ≥ 90 %, oldest overdue ≤ 7 days
    ['all limits of A met exactly', g(2, 0.9, 7), 'A'],
    ['average just over 2', g(2.01, 1), 'B'],
    ['on-time rate just under 90 %', g(0, 0.89), 'B'],
    ['overdue 8 days', g(0, 1, 8), 'B'],
    ['the on-time rate alone never goes below B', g(0, 0), 'B'],
    ['average only (no invoice settled in the window)', g(1, null), 'A'],
    // B: average ≤ 7, overdue ≤ 30
    ['average 7', g(7, 0), 'B'],
    ['average just over 7', g(7.01, 1), 'C'],
    ['overdue 30 days', g(0, 1, 30), 'B'],
    ['overdue 31 days', g(0, 1, 31), 'C'],
    // C: average ≤ 20, overdue ≤ 60
    ['average 20', g(20, 0), 'C'],
    ['average just over 20', g(20.01, 0), 'D'],
    ['overdue 60 days', g(0, 1, 60), 'C'],
    ['overdue 61 days', g(0, 1, 61), 'D'],
    // D: average ≤ 45, overdue ≤ 90; E beyond
    ['average 45', g(45, 0), 'D'],
    ['average just over 45', g(45.01, 0), 'E'],
    ['overdue 90 days', g(0, 1, 90), 'D'],
    ['overdue 91 days', g(0, 1, 91), 'E'],
    ['the worst criterion wins', g(21, 1, 91), 'E'],
    // No history: C, the middle of the scale, unless something is long overdue
    ['no history, nothing overdue', g(null, null), 'C'],
    ['no history, overdue 60 days', g(null, null, 60), 'C'],
    ['no history, overdue 61 days', g(null, null, 61), 'D'],
    ['no history, overdue 91 days', g(null, null, 91), 'E'],
  ] as const)('%s → %s', (_label, input, grade) => {
    expect(disciplineGrade(input)).toBe(grade);
  });
});

describe('customerDiscipline', () => {
  const row = (invoices: MetricInvoice[], customer = 'c'): CustomerDiscipline | undefined => customerDiscipline(invoices, AS_OF).get(customer);

  it('is empty for no invoices', () => {
    expect(customerDiscipline([], AS_OF).size).toBe(0);
  });

  it('weights days late by amount over partial payments, ignores payments after asOf', () => {
    const result = row([
      // Due 1 Oct: 4 000 paid the day before (0 days late), 6 000 on 11 Oct (10 days late): settled late.
      invoice({ due: '2026-10-01', total: 10_000, payments: [pay('2026-09-30', 4_000), pay('2026-10-11', 6_000)] }),
      // Due 1 Nov: 2 000 on 3 Nov (2 days late), 3 000 on 25 Nov (after asOf: ignored) → 3 000 open, 22 days overdue.
      invoice({ due: '2026-11-01', total: 5_000, payments: [pay('2026-11-03', 2_000), pay('2026-11-25', 3_000)] }),
    ]);
    expect(result).toEqual({
      invoiceCount: 2,
      openCents: 3_000,
      overdueCents: 3_000,
      // (4 000 × 0 + 6 000 × 10 + 2 000 × 2) ÷ 12 000 = 64 000 ÷ 12 000
      averageDaysLate: 64_000 / 12_000,
      // one invoice settled in the window, late
      onTimeRate: 0,
      // average 5.3 ≤ 7, on time 0 % < 90 %, overdue 22 ≤ 30
      grade: 'B',
    });
  });

  it('counts open but not yet due as open, not overdue', () => {
    // Due today: not overdue (as in agingBuckets). No payment at all: no history, grade C.
    expect(row([invoice({ due: AS_OF, total: 700 })])).toEqual({ invoiceCount: 1, openCents: 700, overdueCents: 0, averageDaysLate: null, onTimeRate: null, grade: 'C' });
  });

  it('settles nothing with a payment after asOf', () => {
    // Due 20 Nov, paid 24 Nov: at asOf still open and 3 days overdue; no payment in the window.
    expect(row([invoice({ due: '2026-11-20', total: 1_000, payments: [pay('2026-11-24', 1_000)] })])).toEqual({
      invoiceCount: 1,
      openCents: 1_000,
      overdueCents: 1_000,
      averageDaysLate: null,
      onTimeRate: null,
      grade: 'C',
    });
  });

  it('leaves out invoices issued after asOf but lists their customer', () => {
    expect(row([invoice({ issue: '2026-11-24', due: '2026-12-24', total: 1_000 })])).toEqual({
      invoiceCount: 0,
      openCents: 0,
      overdueCents: 0,
      averageDaysLate: null,
      onTimeRate: null,
      grade: 'C',
    });
  });

  it('on-time rate: 9 of 10 on time at exactly 2 days late on average is A; 21 days instead of 20 is B', () => {
    // Ten invoices of 100, due 1 Oct. Nine paid on the due date, one paid 20 days late:
    // average (9 × 100 × 0 + 100 × 20) ÷ 1 000 = 2 → A (≤ 2 and 9 ÷ 10 = 90 %).
    const history = (lastLate: string): MetricInvoice[] => [
      ...Array.from({ length: 9 }, () => invoice({ due: '2026-10-01', total: 100, payments: [pay('2026-10-01', 100)] })),
      invoice({ due: '2026-10-01', total: 100, payments: [pay(lastLate, 100)] }),
    ];
    expect(row(history('2026-10-21'))).toMatchObject({ invoiceCount: 10, averageDaysLate: 2, onTimeRate: 0.9, grade: 'A' });
    // 21 days late: 2 100 ÷ 1 000 = 2.1 → B
    expect(row(history('2026-10-22'))).toMatchObject({ averageDaysLate: 2.1, onTimeRate: 0.9, grade: 'B' });
  });

  it('counts an overpaid invoice as settled, and a payment before the due date as 0 days late (not early)', () => {
    // 1 500 paid 5 days early on 1 000 due: average 0, not −5; settled on time; nothing open.
    expect(row([invoice({ due: '2026-10-10', total: 1_000, payments: [pay('2026-10-05', 1_500)] })])).toEqual({
      invoiceCount: 1,
      openCents: 0,
      overdueCents: 0,
      averageDaysLate: 0,
      onTimeRate: 1,
      grade: 'A',
    });
  });

  describe('the 365-day window (day 365 in, day 366 out)', () => {
    it.each([
      // Due 13 Nov 2025, paid in full 10 days late on 23 Nov 2025 = age 365: counted.
      ['age 365', '2025-11-23', { averageDaysLate: 10, onTimeRate: 0, grade: 'C' }],
      // Paid 9 days late on 22 Nov 2025 = age 366: outside, no history.
      ['age 366', '2025-11-22', { averageDaysLate: null, onTimeRate: null, grade: 'C' }],
    ] as const)('payment at %s', (_label, date, expected) => {
      expect(row([invoice({ due: '2025-11-13', total: 1_000, payments: [pay(date, 1_000)] })])).toEqual({ invoiceCount: 1, openCents: 0, overdueCents: 0, ...expected });
    });

    it('takes the invoice as settled when its last payment is in the window, even if the first one is not', () => {
      // Due 1 Nov 2025: 500 on 22 Nov 2025 (age 366, out), 500 on 23 Nov 2025 (age 365, in, 22 days late).
      expect(row([invoice({ due: '2025-11-01', total: 1_000, payments: [pay('2025-11-22', 500), pay('2025-11-23', 500)] })])).toMatchObject({
        averageDaysLate: 22,
        onTimeRate: 0,
      });
    });
  });

  it('keeps disputed invoices in the amounts but not against the grade', () => {
    const disputed = invoice({ customer: 'd', due: '2026-07-01', total: 8_000, payments: [pay('2026-09-09', 3_000)], status: 'disputed' });
    const onTime = invoice({ customer: 'd', due: '2026-10-01', total: 1_000, payments: [pay('2026-09-28', 1_000)] });
    // Disputed: 5 000 open, 145 days overdue, a payment 70 days late: all left out of the grade.
    expect(row([disputed, onTime], 'd')).toEqual({ invoiceCount: 2, openCents: 5_000, overdueCents: 5_000, averageDaysLate: 0, onTimeRate: 1, grade: 'A' });
    // The same invoice without the dispute: (3 000 × 70 + 1 000 × 0) ÷ 4 000 = 52.5 days, 145 days overdue → E.
    const { status: _status, ...undisputed } = disputed;
    expect(row([undisputed, onTime], 'd')).toEqual({ invoiceCount: 2, openCents: 5_000, overdueCents: 5_000, averageDaysLate: 52.5, onTimeRate: 1, grade: 'E' });
  });

  it('counts written-off and cancelled invoices in nothing', () => {
    const result = customerDiscipline(
      [
        invoice({ customer: 'w', due: '2026-05-01', total: 9_000, payments: [pay('2026-06-30', 1_000)], status: 'written-off' }),
        invoice({ customer: 'w', due: '2026-05-01', total: 9_000, payments: [pay('2026-06-30', 2_000)], status: 'cancelled' }),
        invoice({ customer: 'x', due: '2026-10-01', total: 500, payments: [pay('2026-10-01', 500)] }),
      ],
      AS_OF,
    );
    expect(result.get('w')).toEqual({ invoiceCount: 0, openCents: 0, overdueCents: 0, averageDaysLate: null, onTimeRate: null, grade: 'C' });
    expect(result.get('x')).toEqual({ invoiceCount: 1, openCents: 0, overdueCents: 0, averageDaysLate: 0, onTimeRate: 1, grade: 'A' });
  });

  it('grades by the oldest overdue non-disputed invoice at its boundaries', () => {
    // Unpaid invoices due 90 and 91 days before asOf: D and E.
    expect(row([invoice({ due: '2026-08-25', total: 100 })])?.grade).toBe('D');
    expect(row([invoice({ due: '2026-08-24', total: 100 })])?.grade).toBe('E');
    // A perfect history and one invoice 8 days overdue: B.
    expect(row([invoice({ due: '2026-10-01', total: 100, payments: [pay('2026-10-01', 100)] }), invoice({ due: '2026-11-15', total: 100 })])?.grade).toBe('B');
  });
});

describe('behaviourChanges', () => {
  // Each payment settles its own invoice of `amount`, `late` days after the due date.
  const paid = (customer: string, date: string, late: number, amount = 1_000, status?: MetricInvoice['status']): MetricInvoice =>
    invoice({ customer, due: addDays(date, -late), total: amount, payments: [pay(date, amount)], status });
  const previousOnTime = (customer: string): MetricInvoice[] => [paid(customer, '2026-03-01', 0), paid(customer, '2026-06-01', 0)];

  it('is empty for no invoices', () => {
    expect(behaviourChanges([], AS_OF)).toEqual([]);
  });

  it.each([
    // previous: 0 days late (2 payments); recent: 15 days late (2 payments) → +15: flagged
    ['15 days later: flagged', [paid('c', '2026-10-01', 15), paid('c', '2026-11-01', 15)], true],
    // +14: not flagged
    ['14 days later: not flagged', [paid('c', '2026-10-01', 14), paid('c', '2026-11-01', 14)], false],
    // a single recent payment, however late: not flagged
    ['one recent payment only', [paid('c', '2026-10-01', 60)], false],
    // 3 000 at 0 and 1 000 at 40 days: (0 + 40 000) ÷ 4 000 = 10 (by count it would be 20): not flagged
    ['weighted by amount', [paid('c', '2026-10-01', 0, 3_000), paid('c', '2026-11-01', 40, 1_000)], false],
    // 1 000 at 0 and 3 000 at 20 days: 60 000 ÷ 4 000 = 15 (by count it would be 10): flagged
    ['weighted by amount, the other way', [paid('c', '2026-10-01', 0, 1_000), paid('c', '2026-11-01', 20, 3_000)], true],
    // a payment after asOf does not count: one recent payment left
    ['payment after asOf ignored', [paid('c', '2026-11-01', 30), paid('c', '2026-11-24', 30)], false],
    // disputed and written-off invoices do not count: one recent payment left each time
    ['disputed invoice ignored', [paid('c', '2026-11-01', 30), paid('c', '2026-11-02', 30, 1_000, 'disputed')], false],
    ['written-off invoice ignored', [paid('c', '2026-11-01', 30), paid('c', '2026-11-02', 30, 1_000, 'written-off')], false],
    ['cancelled invoice ignored', [paid('c', '2026-11-01', 30), paid('c', '2026-11-02', 30, 1_000, 'cancelled')], false],
  ] as const)('%s', (_label, recent, flagged) => {
    expect(behaviourChanges([...previousOnTime('c'), ...recent], AS_OF)).toEqual(flagged ? ['c'] : []);
  });

  it('counts two partial payments of one invoice as two payments', () => {
    // Due 1 Sep 2026: 500 on 1 Oct (30 days late) and 500 on 1 Nov (61 days late).
    const split = invoice({ customer: 'c', due: '2026-09-01', total: 1_000, payments: [pay('2026-10-01', 500), pay('2026-11-01', 500)] });
    expect(behaviourChangeDetails([...previousOnTime('c'), split], AS_OF)).toEqual([
      { customerId: 'c', recentDaysLate: 45.5, previousDaysLate: 0, recentPayments: 2, previousPayments: 2 },
    ]);
  });

  describe('window edges', () => {
    it('age 90 is recent, age 91 is previous, age 455 is previous, age 456 is out', () => {
      // Recent: ages 90 (2026-08-25) and 0 (asOf), 30 days late. Previous: ages 91 (2026-08-24) and 455 (2025-08-25), on time.
      // Were age 91 recent, the previous window would have one payment only.
      const edges = [paid('e', '2026-08-25', 30), paid('e', AS_OF, 30), paid('e', '2026-08-24', 0), paid('e', '2025-08-25', 0)];
      expect(behaviourChangeDetails(edges, AS_OF)).toEqual([{ customerId: 'e', recentDaysLate: 30, previousDaysLate: 0, recentPayments: 2, previousPayments: 2 }]);
      // Age 456 instead of 455: one previous payment only.
      const tooOld = [paid('e', '2026-08-25', 30), paid('e', AS_OF, 30), paid('e', '2026-08-24', 0), paid('e', '2025-08-24', 0)];
      expect(behaviourChanges(tooOld, AS_OF)).toEqual([]);
    });

    it('a late payment at age 91 raises the previous window, not the recent one', () => {
      // Previous: 30 days late at age 91 and 0 at age 200 → 15; recent: 30 and 30 → 30; +15: flagged.
      const data = [paid('e', '2026-08-24', 30), paid('e', '2026-05-07', 0), paid('e', '2026-08-25', 30), paid('e', '2026-11-01', 30)];
      expect(behaviourChangeDetails(data, AS_OF)[0]).toMatchObject({ recentDaysLate: 30, previousDaysLate: 15 });
    });
  });

  it('lists the most worsened first', () => {
    const data = [
      ...previousOnTime('b'),
      paid('b', '2026-10-01', 20),
      paid('b', '2026-11-01', 20),
      ...previousOnTime('a'),
      paid('a', '2026-10-01', 40),
      paid('a', '2026-11-01', 40),
    ];
    expect(behaviourChanges(data, AS_OF)).toEqual(['a', 'b']);
  });
});

describe('dso', () => {
  // Period of 90 days up to 23 Nov 2026: issued from 25 Aug 2026 (age 90) to 23 Nov 2026.
  const ledger: MetricInvoice[] = [
    // in the period (age 90): 9 000, 3 000 paid, 1 000 after asOf (ignored) → 6 000 outstanding
    invoice({ issue: '2026-08-25', due: '2026-09-24', total: 9_000, payments: [pay('2026-09-01', 3_000), pay('2026-11-24', 1_000)] }),
    // issued at age 91: outstanding 1 000, but not invoiced in the period
    invoice({ issue: '2026-08-24', due: '2026-09-23', total: 1_000 }),
    // issued after asOf: nothing
    invoice({ issue: '2026-11-24', due: '2026-12-24', total: 5_000 }),
    // written off, cancelled: nothing
    invoice({ issue: '2026-10-01', due: '2026-10-31', total: 50_000, status: 'written-off' }),
    invoice({ issue: '2026-10-01', due: '2026-10-31', total: 50_000, status: 'cancelled' }),
    // disputed: counts, 3 000 outstanding and invoiced
    invoice({ issue: '2026-10-01', due: '2026-10-31', total: 3_000, status: 'disputed' }),
    // overpaid: invoiced 1 000, outstanding 0 (not −500)
    invoice({ issue: '2026-10-01', due: '2026-10-31', total: 1_000, payments: [pay('2026-10-02', 1_500)] }),
  ];

  it.each([
    // outstanding 6 000 + 1 000 + 3 000 = 10 000; invoiced 9 000 + 3 000 + 1 000 = 13 000 → 10 000 ÷ 13 000 × 90
    [90, (10_000 / 13_000) * 90],
    // issued from 24 Sep 2026: 3 000 + 1 000 = 4 000 → 10 000 ÷ 4 000 × 60 = 150
    [60, 150],
    // issued from 24 Oct 2026: nothing → null
    [30, null],
  ])('over %i days', (periodDays, expected) => {
    const value = dso(ledger, AS_OF, periodDays);
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 10);
  });

  it('defaults to 90 days and is null without invoices', () => {
    expect(dso(ledger, AS_OF)).toBeCloseTo((10_000 / 13_000) * 90, 10);
    expect(dso([], AS_OF)).toBeNull();
  });

  it('rejects a period that is not a positive whole number of days', () => {
    expect(() => dso(ledger, AS_OF, 0)).toThrow();
    expect(() => dso(ledger, AS_OF, 1.5)).toThrow();
  });
});

describe('dsoTrend', () => {
  const ledger = [
    invoice({ issue: '2026-09-15', due: '2026-10-15', total: 9_000, payments: [pay('2026-10-10', 4_500)] }),
    invoice({ issue: '2026-11-01', due: '2026-12-01', total: 3_000 }),
  ];

  it('takes one DSO per month end, the current month at asOf', () => {
    expect(dsoTrend(ledger, AS_OF, 3)).toEqual([
      // 30 Sep: 9 000 out of 9 000 invoiced in the 90 days → 90
      { month: '2026-09', date: '2026-09-30', dso: 90 },
      // 31 Oct: 4 500 out of 9 000 → 45
      { month: '2026-10', date: '2026-10-31', dso: 45 },
      // 23 Nov: 4 500 + 3 000 = 7 500 out of 12 000 → 56.25
      { month: '2026-11', date: '2026-11-23', dso: 56.25 },
    ]);
    expect(dsoTrend(ledger, AS_OF).at(-1)?.dso).toBe(dso(ledger, AS_OF));
  });

  it('gives 12 months by default, null where nothing was invoiced, across years and leap Februaries', () => {
    const trend = dsoTrend([], AS_OF);
    expect(trend.map((point) => point.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(trend.every((point) => point.dso === null)).toBe(true);
    expect(dsoTrend([], '2028-03-01', 2).map((point) => point.date)).toEqual(['2028-02-29', '2028-03-01']);
    expect(dsoTrend([], '2026-01-31', 2).map((point) => point.date)).toEqual(['2025-12-31', '2026-01-31']);
  });
});

describe('dsoTrend against the definition, computed naively', () => {
  /** The definition, point by point: outstanding at `date` ÷ invoiced in the `period` days up to it × `period`. */
  function referenceDso(invoices: readonly MetricInvoice[], date: string, period: number): number | null {
    let outstanding = 0;
    let invoiced = 0;
    for (const entry of invoices) {
      if (entry.status === 'written-off' || entry.status === 'cancelled' || entry.issueDate > date) continue;
      const paid = entry.payments.filter((payment) => payment.date <= date).reduce((sum, payment) => sum + payment.amountCents, 0);
      outstanding += Math.max(0, entry.totalCents - paid);
      if (daysBetween(entry.issueDate, date) <= period) invoiced += entry.totalCents;
    }
    return invoiced > 0 ? (outstanding / invoiced) * period : null;
  }
  const demo = generateDemoData(AS_OF, '2026-11-23T08:00:00Z');
  const odd = [
    // overpaid in two steps, then refunded; paid before its issue date; a payment after asOf
    invoice({ issue: '2026-03-10', due: '2026-04-10', total: 1_000, payments: [pay('2026-04-01', 700), pay('2026-06-01', 700), pay('2026-08-01', -400)] }),
    invoice({ issue: '2026-05-10', due: '2026-06-10', total: 1_000, payments: [pay('2026-05-01', 300), pay('2026-07-15', 200), pay('2026-12-01', 500)] }),
  ];
  const invoices = [...toMetricInvoices(demo.invoices, demo.payments), ...odd];

  it.each([30, 90, 180])('agrees with it at every month end over %i days', (period) => {
    for (const point of dsoTrend(invoices, AS_OF, 12, period)) {
      const expected = referenceDso(invoices, point.date, period);
      if (expected === null) expect(point.dso, point.month).toBeNull();
      else expect(point.dso, point.month).toBeCloseTo(expected, 9);
    }
  });
});

describe('monthlyInvoicedAndCollected', () => {
  it('sums invoices by issue month and payments by payment month, up to asOf', () => {
    const ledger = [
      // issued before the first month; its payment on 1 Sep is collected in September
      invoice({ issue: '2026-08-31', due: '2026-09-30', total: 1_000, payments: [pay('2026-09-01', 1_000)] }),
      // issued in September; 500 in October (31st), 500 in November (asOf), 1 000 after asOf (ignored)
      invoice({ issue: '2026-09-01', due: '2026-10-01', total: 2_000, payments: [pay('2026-10-31', 500), pay('2026-11-23', 500), pay('2026-11-24', 1_000)] }),
      // issued after asOf: ignored
      invoice({ issue: '2026-11-24', due: '2026-12-24', total: 4_000 }),
      // written off (with a payment), cancelled: ignored
      invoice({ issue: '2026-10-05', due: '2026-11-04', total: 8_000, payments: [pay('2026-10-06', 100)], status: 'written-off' }),
      invoice({ issue: '2026-10-05', due: '2026-11-04', total: 8_000, status: 'cancelled' }),
      // disputed: counts
      invoice({ issue: '2026-11-02', due: '2026-12-02', total: 3_000, status: 'disputed' }),
    ];
    expect(monthlyInvoicedAndCollected(ledger, AS_OF, 3)).toEqual([
      { month: '2026-09', date: '2026-09-30', invoicedCents: 2_000, collectedCents: 1_000 },
      { month: '2026-10', date: '2026-10-31', invoicedCents: 0, collectedCents: 500 },
      { month: '2026-11', date: '2026-11-23', invoicedCents: 3_000, collectedCents: 500 },
    ]);
  });

  it('gives 12 empty months for no invoices', () => {
    const months = monthlyInvoicedAndCollected([], AS_OF);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: '2025-12', date: '2025-12-31', invoicedCents: 0, collectedCents: 0 });
    expect(months.every((month) => month.invoicedCents === 0 && month.collectedCents === 0)).toBe(true);
  });
});

describe('monthlyDaysLate', () => {
  it('weights days late by amount, month by month, up to asOf', () => {
    const ledger = [
      // due 1 Oct: 1 000 paid on time (30 Sep, 0 days), 3 000 paid 20 days late (21 Oct)
      invoice({ issue: '2026-09-01', due: '2026-10-01', total: 4_000, payments: [pay('2026-09-30', 1_000), pay('2026-10-21', 3_000)] }),
      // due 1 Nov: 2 000 paid 10 days late in November, 500 after asOf (ignored)
      invoice({ issue: '2026-10-01', due: '2026-11-01', total: 2_500, payments: [pay('2026-11-11', 2_000), pay('2026-11-24', 500)] }),
      // disputed, written off, cancelled: their payments say nothing of discipline
      invoice({ issue: '2026-08-01', due: '2026-08-31', total: 900, payments: [pay('2026-11-20', 900)], status: 'disputed' }),
      invoice({ issue: '2026-08-01', due: '2026-08-31', total: 900, payments: [pay('2026-11-20', 900)], status: 'written-off' }),
      invoice({ issue: '2026-08-01', due: '2026-08-31', total: 900, payments: [pay('2026-11-20', 900)], status: 'cancelled' }),
    ];
    expect(monthlyDaysLate(ledger, AS_OF, 3)).toEqual([
      { month: '2026-09', date: '2026-09-30', daysLate: 0, payments: 1 },
      { month: '2026-10', date: '2026-10-31', daysLate: 20, payments: 1 },
      { month: '2026-11', date: '2026-11-23', daysLate: 10, payments: 1 },
    ]);
  });

  it.each([
    ['paid before the due date counts as 0 days, not negative', [pay('2026-11-01', 100)], '2026-11-10', 0],
    ['two payments of one month, weighted by amount', [pay('2026-11-05', 100), pay('2026-11-15', 300)], '2026-11-01', (100 * 4 + 300 * 14) / 400],
    ['a payment the day before the window is left out', [pay('2026-10-31', 100), pay('2026-11-02', 100)], '2026-11-01', 1],
  ] as const)('%s', (_label, payments, due, expected) => {
    const [november] = monthlyDaysLate([invoice({ issue: '2026-10-01', due, total: 10_000, payments: [...payments] })], AS_OF, 1);
    expect(november!.daysLate).toBeCloseTo(expected, 10);
  });

  it('gives null for months without payments', () => {
    const months = monthlyDaysLate([], AS_OF);
    expect(months).toHaveLength(12);
    expect(months.every((month) => month.daysLate === null && month.payments === 0)).toBe(true);
  });
});

describe('metrics on the demo data', () => {
  const demo = generateDemoData(AS_OF, '2026-11-23T08:00:00Z');
  const invoices = toMetricInvoices(demo.invoices, demo.payments);
  const discipline = customerDiscipline(invoices, AS_OF);

  it('flags the good payer who turned late', () => {
    expect(behaviourChanges(invoices, AS_OF)).toContain(DEMO_IDS.turnedLate);
    for (const id of DEMO_IDS.reliablePayers) expect(behaviourChanges(invoices, AS_OF)).not.toContain(id);
  });

  it('grades reliable payers A and chronic late payers D or E', () => {
    for (const id of DEMO_IDS.reliablePayers) expect(discipline.get(id)?.grade, id).toBe('A');
    for (const id of DEMO_IDS.chronicLatePayers) expect(['D', 'E'], id).toContain(discipline.get(id)?.grade);
  });

  it('does not hold the dispute against the disputed customer, and keeps its amount', () => {
    const disputed = demo.invoices.find((entry) => entry.id === DEMO_IDS.invoices.disputed)!;
    const row = discipline.get(DEMO_IDS.disputed)!;
    expect(row.overdueCents).toBeGreaterThanOrEqual(disputed.totalCents);
    expect(['A', 'B']).toContain(row.grade);
  });

  it('agrees with agingBuckets on the total outstanding and overdue', () => {
    const aging = agingBuckets(invoices, AS_OF);
    let open = 0;
    let overdue = 0;
    for (const row of discipline.values()) {
      open += row.openCents;
      overdue += row.overdueCents;
    }
    expect(open).toBe(aging.notDue + aging.d1to30 + aging.d31to60 + aging.d61to90 + aging.over90);
    expect(overdue).toBe(open - aging.notDue);
  });
});
