import { bench, describe } from 'vitest';
import { generateDemoData } from '../../src-renderer/domain/demo-data';
import { summarizeLedger } from '../../src-renderer/domain/ledger-summary';
import type { Invoice } from '../../src-renderer/domain/model';

/**
 * What Today and the lists compute on every change: the derived status of every invoice and the
 * per-customer totals. Anchor: the least any such pass can cost, one loop summing what is left to
 * pay on each invoice. Sizes: the demo shop scaled to 1×, 10× and 100× a big shop's invoices.
 */
const TODAY = '2026-11-23';
const demo = generateDemoData(TODAY, '2026-11-23T08:00:00Z');

function scaled(factor: number): Invoice[] {
  const invoices: Invoice[] = [];
  for (let copy = 0; invoices.length < factor; copy += 1) {
    for (const invoice of demo.invoices) {
      if (invoices.length >= factor) break;
      invoices.push({ ...invoice, id: `${invoice.id}-${copy}`, number: `${invoice.number}-${copy}` });
    }
  }
  return invoices;
}

for (const size of [1_000, 10_000, 100_000]) {
  const invoices = scaled(size);
  describe(`ledger summary, ${size.toLocaleString('en')} invoices`, () => {
    bench('anchor: one loop over the balances', () => {
      let total = 0;
      for (const invoice of invoices) total += invoice.totalCents - invoice.paidCents;
      if (total < 0) throw new Error('unreachable');
    });
    bench('summarizeLedger', () => {
      summarizeLedger(demo.customers, invoices, demo.interactions, TODAY);
    });
  });
}
