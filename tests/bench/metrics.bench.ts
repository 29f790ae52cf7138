import { bench, describe } from 'vitest';
import { generateDemoData } from '../../src-renderer/domain/demo-data';
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
import { sqliteMetrics } from './sqlite-anchor';

/**
 * What the dashboard computes: aging, per-customer discipline, behaviour changes, DSO and its
 * 12-month trend, invoiced and collected per month. Anchor: the least any such pass can cost, one
 * loop summing every payment. Size: the demo shop copied until it has 10,000 customers and 100,000
 * invoices, each payment split in two halves on the same date (so about 200,000 payments, and the
 * same metrics as the demo). Target: all metrics under 150 ms.
 */
const TODAY = '2026-11-23';
const demo = generateDemoData(TODAY, '2026-11-23T08:00:00Z');
const base = toMetricInvoices(demo.invoices, demo.payments);

function scaled(customerCount: number, invoiceCount: number): MetricInvoice[] {
  const out: MetricInvoice[] = [];
  const copies = Math.ceil(customerCount / demo.customers.length);
  const perCopy = Math.ceil(invoiceCount / copies);
  // Invoices are in issue order: dropping a few of the oldest (paid long ago) keeps every fixture.
  const invoices = base.slice(Math.max(0, base.length - perCopy));
  for (let copy = 0; copy < copies; copy += 1) {
    for (const invoice of invoices) {
      if (out.length >= invoiceCount) break;
      const payments = invoice.payments.flatMap((payment) => {
        const half = Math.floor(payment.amountCents / 2);
        return [
          { date: payment.date, amountCents: half },
          { date: payment.date, amountCents: payment.amountCents - half },
        ];
      });
      out.push({ ...invoice, id: `${invoice.id}-${copy}`, customerId: `${invoice.customerId}-${copy}`, payments });
    }
  }
  // Records read from IndexedDB are structured clones, with flat strings: so are these.
  return JSON.parse(JSON.stringify(out)) as MetricInvoice[];
}

const invoices = scaled(10_000, 100_000);
const customers = new Set(invoices.map((invoice) => invoice.customerId)).size;
const payments = invoices.reduce((sum, invoice) => sum + invoice.payments.length, 0);
console.log(`metrics bench: ${customers} customers, ${invoices.length} invoices, ${payments} payments`);
/**
 * Second anchor: the same definitions as SQL in Debian's sqlite3 (in memory, same data, dates as day
 * numbers, loading not timed). Printed once, as a ratio to the JavaScript's median of 5 runs of
 * aging + discipline + behaviour changes + DSO (the metrics the SQL computes).
 */
function compareWithSqlite(): void {
  let sqlite: ReturnType<typeof sqliteMetrics>;
  try {
    sqlite = sqliteMetrics(invoices, TODAY);
  } catch (error) {
    console.log(`metrics bench: sqlite3 anchor skipped (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); apt-get install -y sqlite3`);
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
  console.log(
    [
      `metrics bench: sqlite3 :memory: (same definitions as SQL) ${sqlite.totalMs.toFixed(0)} ms = ${sqlite.queries.map((q) => `${q.name} ${(q.seconds * 1000).toFixed(0)}`).join(' + ')}`,
      `metrics bench: Relance (JavaScript) ${median.toFixed(0)} ms (median of 5) → ${(median / sqlite.totalMs).toFixed(2)}× sqlite3 (below 1 is faster); target: all dashboard metrics under 150 ms`,
      `metrics bench: results ${agree ? 'agree' : `DISAGREE: aging js ${jsAging.join('/')} sql ${sqlAging.join('/')}, dso js ${daysSalesOutstanding} sql ${sqlDso}`}`,
    ].join('\n'),
  );
}
compareWithSqlite();

/** More samples than the default: the figures are read against the anchor on busy machines too. */
const OPTIONS = { time: 2_000, warmupIterations: 5 };

describe('dashboard metrics, 10,000 customers, 100,000 invoices, ~200,000 payments', () => {
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
  bench('agingBuckets', () => {
    agingBuckets(invoices, TODAY);
  }, OPTIONS);
  bench('customerDiscipline', () => {
    customerDiscipline(invoices, TODAY);
  }, OPTIONS);
  bench('behaviourChanges', () => {
    behaviourChanges(invoices, TODAY);
  }, OPTIONS);
  bench('dso', () => {
    dso(invoices, TODAY);
  }, OPTIONS);
  bench('dsoTrend (12 months)', () => {
    dsoTrend(invoices, TODAY);
  }, OPTIONS);
  bench('monthlyInvoicedAndCollected (12 months)', () => {
    monthlyInvoicedAndCollected(invoices, TODAY);
  }, OPTIONS);
});
