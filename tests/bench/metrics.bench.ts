import { bench, describe } from 'vitest';
import {
  agingBuckets,
  behaviourChanges,
  customerDiscipline,
  dso,
  dsoTrend,
  monthlyInvoicedAndCollected,
  toMetricInvoices,
  type MetricInvoice,
} from '../../src-renderer/domain/metrics';
import { benchNote, groupName, OPTIONS } from './bench-names';
import { benchSizes, shopAt } from './shop';
import { sqliteMetrics } from './sqlite-anchor';

/**
 * What the dashboard computes: aging, per-customer discipline, behaviour changes, DSO and its
 * 12-month trend, invoiced and collected per month. Anchor: the least any such pass can cost, one
 * loop summing every payment. Target at 100×: all metrics under 150 ms. A second anchor, at the
 * largest size only: the same definitions as SQL in sqlite3 (listed under the table).
 */
/**
 * Second anchor: the same definitions as SQL in Debian's sqlite3 (in memory, same data, dates as day
 * numbers, loading not timed). Printed once, as a ratio to the JavaScript's median of 5 runs of
 * aging + discipline + behaviour changes + DSO (the metrics the SQL computes).
 */
function compareWithSqlite(invoices: MetricInvoice[], TODAY: string, factor: number): void {
  let sqlite: ReturnType<typeof sqliteMetrics>;
  try {
    sqlite = sqliteMetrics(invoices, TODAY);
  } catch (error) {
    benchNote(`metrics at ${factor}×: sqlite3 anchor skipped (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); apt-get install -y sqlite3`);
    return;
  }
  const runs: number[] = [];
  let aging: ReturnType<typeof agingBuckets> | undefined;
  let daysSalesOutstanding: number | null = null;
  for (let k = 0; k < 5; k += 1) {
    const start = performance.now();
    aging = agingBuckets(invoices, TODAY);
    customerDiscipline(invoices, TODAY);
    behaviourChanges(invoices, TODAY);
    daysSalesOutstanding = dso(invoices, TODAY);
    runs.push(performance.now() - start);
  }
  const median = runs.sort((a, b) => a - b)[2]!;
  // The anchor must compute the same thing: aging and DSO agree with SQLite to the cent / 0.01 day.
  const sqlAging = sqlite.results[0]!.split('|').map(Number);
  const jsAging = [aging!.notDue, aging!.d1to30, aging!.d31to60, aging!.d61to90, aging!.over90];
  const sqlDso = Number(sqlite.results[3]);
  const agree = sqlAging.every((value, k) => value === jsAging[k]) && Math.abs(sqlDso - (daysSalesOutstanding ?? Number.NaN)) < 0.01;
  benchNote(
    [
      `metrics at ${factor}×: sqlite3 :memory: (same definitions as SQL) ${sqlite.totalMs.toFixed(0)} ms = ${sqlite.queries.map((q) => `${q.name} ${(q.seconds * 1000).toFixed(0)}`).join(' + ')}`,
      `Relance (JavaScript) ${median.toFixed(0)} ms (median of 5) → ${(median / sqlite.totalMs).toFixed(2)}× sqlite3 (below 1 is faster); target: all dashboard metrics under 150 ms`,
      `results ${agree ? 'agree' : `DISAGREE: aging js ${jsAging.join('/')} sql ${sqlAging.join('/')}, dso js ${daysSalesOutstanding} sql ${sqlDso}`}`,
    ].join('; '),
  );
}

for (const factor of benchSizes()) {
  const shop = shopAt(factor);
  const invoices = toMetricInvoices(shop.invoices, shop.payments);
  const TODAY = shop.today;
  if (factor === Math.max(...benchSizes())) compareWithSqlite(invoices, TODAY, factor);
  describe(groupName('metrics', factor), () => {
    bench('anchor: one loop summing every payment', () => {
      let total = 0;
      for (const invoice of invoices) for (const payment of invoice.payments) total += payment.amountCents;
      if (total < 0) throw new Error('unreachable');
    }, OPTIONS);
    bench('all metrics (the dashboard)', () => {
      agingBuckets(invoices, TODAY);
      customerDiscipline(invoices, TODAY);
      behaviourChanges(invoices, TODAY);
      dso(invoices, TODAY);
      dsoTrend(invoices, TODAY);
      monthlyInvoicedAndCollected(invoices, TODAY);
    }, OPTIONS);
  });
}
