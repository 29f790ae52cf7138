import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dayIndex, type MetricInvoice } from '../../src-renderer/domain/metrics';

/**
 * The dashboard metrics written as SQL and run by Debian's `sqlite3` in memory on the same data:
 * the anchor of tests/bench/metrics.bench.ts ("is our JavaScript as fast as a database engine doing
 * the same sums?"). Dates are stored as day numbers, so SQLite does integer arithmetic only (the
 * JavaScript reads `YYYY-MM-DD` strings); the loading is not timed, only the queries (`.timer on`).
 *
 * The definitions are those of src-renderer/domain/metrics.ts; the check below compares SQLite's
 * aging and DSO with the JavaScript's so the anchor cannot silently compute something else.
 */

export interface SqliteTimings {
  /** Seconds of each query, in the order of QUERIES. */
  queries: { name: string; seconds: number }[];
  totalMs: number;
  /** The first output line of each query, for the cross-check. */
  results: string[];
}

const QUERIES = (asOf: number): { name: string; sql: string }[] => {
  const counted = `status NOT IN ('written-off', 'cancelled')`;
  return [
    {
      name: 'agingBuckets',
      sql: `WITH paid AS (SELECT invoice, SUM(amount) AS p FROM pay WHERE day <= ${asOf} GROUP BY invoice),
        open AS (SELECT ${asOf} - i.due AS late, i.total - COALESCE(paid.p, 0) AS o FROM inv i LEFT JOIN paid ON paid.invoice = i.id
                 WHERE i.${counted} AND i.issue <= ${asOf})
        SELECT SUM(CASE WHEN late <= 0 THEN o ELSE 0 END), SUM(CASE WHEN late BETWEEN 1 AND 30 THEN o ELSE 0 END),
               SUM(CASE WHEN late BETWEEN 31 AND 60 THEN o ELSE 0 END), SUM(CASE WHEN late BETWEEN 61 AND 90 THEN o ELSE 0 END),
               SUM(CASE WHEN late > 90 THEN o ELSE 0 END) FROM open WHERE o > 0;`,
    },
    {
      name: 'customerDiscipline',
      sql: `WITH per_invoice AS (
          SELECT i.id, i.customer, i.due, i.total, i.status,
                 COALESCE(SUM(CASE WHEN p.day <= ${asOf} THEN p.amount END), 0) AS paid,
                 MAX(CASE WHEN p.day <= ${asOf} THEN p.day END) AS last_day,
                 SUM(CASE WHEN i.status <> 'disputed' AND p.day BETWEEN ${asOf - 365} AND ${asOf} AND p.amount > 0 THEN p.amount * MAX(0, p.day - i.due) ELSE 0 END) AS weighted,
                 SUM(CASE WHEN i.status <> 'disputed' AND p.day BETWEEN ${asOf - 365} AND ${asOf} AND p.amount > 0 THEN p.amount ELSE 0 END) AS amount
          FROM inv i LEFT JOIN pay p ON p.invoice = i.id
          WHERE i.${counted} AND i.issue <= ${asOf} GROUP BY i.id)
        SELECT customer, COUNT(*),
               SUM(MAX(total - paid, 0)),
               SUM(CASE WHEN total > paid AND due < ${asOf} THEN total - paid ELSE 0 END),
               CAST(SUM(weighted) AS REAL) / NULLIF(SUM(amount), 0),
               CAST(SUM(CASE WHEN status <> 'disputed' AND total > 0 AND paid >= total AND last_day >= ${asOf - 365} AND last_day <= due THEN 1 ELSE 0 END) AS REAL)
                 / NULLIF(SUM(CASE WHEN status <> 'disputed' AND total > 0 AND paid >= total AND last_day >= ${asOf - 365} THEN 1 ELSE 0 END), 0),
               MAX(CASE WHEN status <> 'disputed' AND total > paid AND due < ${asOf} THEN ${asOf} - due ELSE 0 END)
        FROM per_invoice GROUP BY customer ORDER BY COUNT(*) DESC LIMIT 1;`,
    },
    {
      name: 'behaviourChanges',
      sql: `WITH windows AS (
          SELECT i.customer, CASE WHEN p.day >= ${asOf - 90} THEN 'recent' ELSE 'previous' END AS w,
                 SUM(p.amount * MAX(0, p.day - i.due)) AS weighted, SUM(p.amount) AS amount, COUNT(*) AS n
          FROM pay p JOIN inv i ON i.id = p.invoice
          WHERE i.status NOT IN ('written-off', 'cancelled', 'disputed') AND p.amount > 0 AND p.day BETWEEN ${asOf - 455} AND ${asOf}
          GROUP BY i.customer, w)
        SELECT COUNT(*) FROM windows r JOIN windows q ON q.customer = r.customer AND r.w = 'recent' AND q.w = 'previous'
        WHERE r.n >= 2 AND q.n >= 2 AND CAST(r.weighted AS REAL) / r.amount - CAST(q.weighted AS REAL) / q.amount >= 15;`,
    },
    {
      name: 'dso',
      sql: `WITH paid AS (SELECT invoice, SUM(amount) AS p FROM pay WHERE day <= ${asOf} GROUP BY invoice)
        SELECT CAST(SUM(MAX(i.total - COALESCE(paid.p, 0), 0)) AS REAL) * 90
               / (SELECT SUM(total) FROM inv WHERE ${counted} AND issue BETWEEN ${asOf - 90} AND ${asOf})
        FROM inv i LEFT JOIN paid ON paid.invoice = i.id WHERE i.${counted} AND i.issue <= ${asOf};`,
    },
  ];
};

/** Loads the invoices into an in-memory SQLite and times the metric queries. Throws without sqlite3. */
export function sqliteMetrics(invoices: readonly MetricInvoice[], asOf: string): SqliteTimings {
  const dir = mkdtempSync(join(tmpdir(), 'relance-sqlite-bench-'));
  try {
    const invoiceRows = invoices.map((i) => `${i.id},${i.customerId},${dayIndex(i.issueDate)},${dayIndex(i.dueDate)},${i.totalCents},${i.status ?? 'open'}`);
    const paymentRows = invoices.flatMap((i) => i.payments.map((p) => `${i.id},${dayIndex(p.date)},${p.amountCents}`));
    writeFileSync(join(dir, 'inv.csv'), `${invoiceRows.join('\n')}\n`);
    writeFileSync(join(dir, 'pay.csv'), `${paymentRows.join('\n')}\n`);
    const queries = QUERIES(dayIndex(asOf));
    const script = [
      'CREATE TABLE inv (id TEXT PRIMARY KEY, customer TEXT, issue INTEGER, due INTEGER, total INTEGER, status TEXT);',
      'CREATE TABLE pay (invoice TEXT, day INTEGER, amount INTEGER);',
      '.mode csv',
      `.import ${join(dir, 'inv.csv')} inv`,
      `.import ${join(dir, 'pay.csv')} pay`,
      'CREATE INDEX pay_invoice ON pay (invoice);',
      'ANALYZE;',
      '.mode list',
      '.timer on',
      ...queries.map((query) => query.sql.replace(/\s+/g, ' ')),
    ].join('\n');
    const output = execFileSync('sqlite3', [':memory:'], { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const lines = output.split('\n');
    const results: string[] = [];
    const seconds: number[] = [];
    let pending: string | undefined;
    for (const line of lines) {
      const timer = /^Run Time: real ([\d.]+)/.exec(line);
      if (timer) {
        seconds.push(Number(timer[1]));
        results.push(pending ?? '');
        pending = undefined;
      } else if (line.trim() && pending === undefined) pending = line.trim();
    }
    // The import's statements (CREATE INDEX, ANALYZE) are not timed: .timer is turned on after them.
    if (seconds.length !== queries.length) throw new Error(`sqlite3 printed ${seconds.length} timings for ${queries.length} queries:\n${output.slice(0, 2000)}`);
    const timed = queries.map((query, k) => ({ name: query.name, seconds: seconds[k]! }));
    return { queries: timed, totalMs: timed.reduce((sum, q) => sum + q.seconds * 1000, 0), results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
