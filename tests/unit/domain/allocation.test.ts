import { describe, expect, it } from 'vitest';
import { allocateOldestFirst, type AllocatableInvoice } from '../../../src-renderer/domain/allocation';

function open(id: string, dueDate: string, totalCents: number, paidCents = 0, issueDate = '2026-01-01'): AllocatableInvoice {
  return { id, number: `F-${id}`, issueDate, dueDate, totalCents, paidCents };
}

const invoices = [
  open('c', '2026-03-01', 30_000),
  open('a', '2026-01-15', 10_000, 4_000), // 60 € left
  open('b', '2026-02-01', 20_000),
];

describe('allocateOldestFirst', () => {
  it.each([
    [0, [], 0],
    [2_000, [{ invoiceId: 'a', amountCents: 2_000 }], 0],
    [6_000, [{ invoiceId: 'a', amountCents: 6_000 }], 0],
    [10_000, [{ invoiceId: 'a', amountCents: 6_000 }, { invoiceId: 'b', amountCents: 4_000 }], 0],
    [
      56_000,
      [
        { invoiceId: 'a', amountCents: 6_000 },
        { invoiceId: 'b', amountCents: 20_000 },
        { invoiceId: 'c', amountCents: 30_000 },
      ],
      0,
    ],
    [
      60_000,
      [
        { invoiceId: 'a', amountCents: 6_000 },
        { invoiceId: 'b', amountCents: 20_000 },
        { invoiceId: 'c', amountCents: 30_000 },
      ],
      4_000,
    ],
  ])('%i cents → %j, %i left as credit', (amount, allocations, unallocatedCents) => {
    expect(allocateOldestFirst(invoices, amount)).toEqual({ allocations, unallocatedCents });
  });

  it('skips invoices already paid and breaks ties on issue date, then number', () => {
    const tied = [
      open('late-issue', '2026-02-01', 1_000, 0, '2026-01-10'),
      open('paid', '2026-01-01', 1_000, 1_000),
      open('early-issue', '2026-02-01', 1_000, 0, '2026-01-05'),
    ];
    expect(allocateOldestFirst(tied, 1_500).allocations).toEqual([
      { invoiceId: 'early-issue', amountCents: 1_000 },
      { invoiceId: 'late-issue', amountCents: 500 },
    ]);
  });

  it('leaves the input order alone', () => {
    const copy = [...invoices];
    allocateOldestFirst(invoices, 10_000);
    expect(invoices).toEqual(copy);
  });

  it.each([-1, 1.5])('refuses %d', (amount) => {
    expect(() => allocateOldestFirst(invoices, amount)).toThrow(/non-negative integer/);
  });
});
