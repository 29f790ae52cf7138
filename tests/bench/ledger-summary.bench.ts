import { bench, describe } from 'vitest';
import { summarizeLedger } from '../../src-renderer/domain/ledger-summary';
import { groupName, OPTIONS } from './bench-names';
import { benchSizes, shopAt } from './shop';

/**
 * What Today and the lists compute on every change: the derived status of every invoice and the
 * per-customer totals. Anchor: the least any such pass can cost, one loop summing what is left to
 * pay on each invoice.
 */
for (const factor of benchSizes()) {
  const shop = shopAt(factor);
  describe(groupName('ledger-summary', factor), () => {
    bench('anchor: one loop over the balances', () => {
      let total = 0;
      for (const invoice of shop.invoices) total += invoice.totalCents - invoice.paidCents;
      if (total < 0) throw new Error('unreachable');
    }, OPTIONS);
    bench('summarizeLedger', () => {
      summarizeLedger(shop.customers, shop.invoices, shop.interactions, shop.today);
    }, OPTIONS);
  });
}
