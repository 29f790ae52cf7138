import type { InvoiceRow } from '../../domain/ledger-summary';

/** The usual ageing buckets of overdue invoices, in days past the due date. */
export const OVERDUE_RANGES = ['1-30', '31-60', '61-90', '90+'] as const;
export type OverdueRange = (typeof OVERDUE_RANGES)[number];

const BOUNDS: Record<OverdueRange, [number, number]> = {
  '1-30': [1, 30],
  '31-60': [31, 60],
  '61-90': [61, 90],
  '90+': [91, Number.POSITIVE_INFINITY],
};

/**
 * Is the invoice late by a number of days within the range? `daysLate` is only non-zero while
 * something is still owed (overdue, partly paid or disputed), so paid and closed invoices never match.
 */
export function inOverdueRange(row: Pick<InvoiceRow, 'daysLate'>, range: OverdueRange): boolean {
  const [min, max] = BOUNDS[range];
  return row.daysLate >= min && row.daysLate <= max;
}
