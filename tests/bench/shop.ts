import { generateDemoData, type DemoData } from '../../src-renderer/domain/demo-data';
import type { Invoice } from '../../src-renderer/domain/model';
import { normalizeName } from '../../src-renderer/domain/text';

/**
 * THE generator of every benchmark (`npm run bench`): a big shop's ledger at 1×, 10× and 100×
 * (1,000, 10,000 and 100,000 invoices) with its customers, payments, interactions (reminders,
 * calls, letters, notes), promises and payment plans.
 *
 * It is the demo shop (`domain/demo-data.ts`: 40 customers, about 430 invoices over 18 months with
 * every archetype — reliable and late payers, a dispute, a partial payment, a plan, a promise,
 * write-offs, cancelled, paused, English-speaking) copied until there are as many invoices as asked:
 * each copy has its own ids, invoice numbers and customer names ("Garage Lefèvre SARL 12"), so that
 * 100,000 invoices have about 9,300 customers. Deterministic (the demo's fixed seed) relative to
 * `today`, so every date is valid on the day the bench runs.
 *
 * The vitest benches import it directly; the browser run (tests/bench/run.mjs, plain Node) loads it
 * through Vite's module runner and imports `toFrenchCsv` of the same invoices.
 */

export const SIZES = { 1: 1_000, 10: 10_000, 100: 100_000 } as const;
export type SizeFactor = keyof typeof SIZES;

/** The sizes asked with RELANCE_BENCH_SIZES ("1,10" for a quick run); all three by default. */
export function benchSizes(env: string | undefined = process.env.RELANCE_BENCH_SIZES): SizeFactor[] {
  if (!env) return [1, 10, 100];
  const factors = env.split(',').map((part) => Number(part.trim()));
  for (const factor of factors) if (!(factor in SIZES)) throw new Error(`RELANCE_BENCH_SIZES: ${factor} is not one of 1, 10, 100`);
  return factors as SizeFactor[];
}

export interface Shop extends DemoData {
  factor: SizeFactor | null;
  today: string;
  asOf: string;
}

/** The shop's calendar date and instant the benches use: today, 08:00 UTC. */
export function benchClock(now = new Date()): { today: string; asOf: string } {
  const today = now.toISOString().slice(0, 10);
  return { today, asOf: `${today}T08:00:00.000Z` };
}

const cache = new Map<string, Shop>();
const demos = new Map<string, DemoData>();

function demoAt(clock: { today: string; asOf: string }): DemoData {
  let demo = demos.get(clock.asOf);
  if (!demo) demos.set(clock.asOf, (demo = generateDemoData(clock.today, clock.asOf)));
  return demo;
}

/**
 * A shop of exactly `invoiceCount` invoices. Payments of the last, partial copy that touch an
 * invoice left out are dropped and `paidCents` is recomputed from the kept allocations, so the
 * ledger stays consistent (`paidCents` = sum of allocations, as the payments repository keeps it).
 */
export function generateShop(invoiceCount: number, clock = benchClock()): Shop {
  const cacheKey = `${invoiceCount}@${clock.asOf}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const demo = demoAt(clock);
  const out: DemoData = { customers: [], invoices: [], payments: [], interactions: [], promises: [], paymentPlans: [] };
  const copies = Math.ceil(invoiceCount / demo.invoices.length);
  for (let copy = 0; copy < copies; copy += 1) {
    const id = (value: string): string => (copy === 0 ? value : `${value}-${copy}`);
    const suffix = copy === 0 ? '' : ` ${copy + 1}`;
    const kept = new Set<string>();
    for (const invoice of demo.invoices) {
      if (out.invoices.length >= invoiceCount) break;
      kept.add(invoice.id);
      out.invoices.push({ ...invoice, id: id(invoice.id), number: id(invoice.number), customerId: id(invoice.customerId) });
    }
    const allKept = (ids: readonly string[]): boolean => ids.every((invoiceId) => kept.has(invoiceId));
    for (const customer of demo.customers) {
      const name = `${customer.name}${suffix}`;
      out.customers.push({ ...customer, id: id(customer.id), name, normalizedName: normalizeName(name) });
    }
    for (const payment of demo.payments) {
      if (!allKept(payment.invoiceIds)) continue;
      out.payments.push({
        ...payment,
        id: id(payment.id),
        customerId: id(payment.customerId),
        invoiceIds: payment.invoiceIds.map(id),
        allocations: payment.allocations.map((allocation) => ({ ...allocation, invoiceId: id(allocation.invoiceId) })),
      });
    }
    for (const interaction of demo.interactions) {
      if (!allKept(interaction.invoiceIds)) continue;
      out.interactions.push({
        ...interaction,
        id: id(interaction.id),
        customerId: id(interaction.customerId),
        invoiceIds: interaction.invoiceIds.map(id),
        // Unique in the interactions table.
        ...(interaction.idempotencyKey ? { idempotencyKey: id(interaction.idempotencyKey) } : {}),
      });
    }
    for (const promise of demo.promises) {
      if (!allKept(promise.invoiceIds)) continue;
      out.promises.push({
        ...promise,
        id: id(promise.id),
        customerId: id(promise.customerId),
        invoiceIds: promise.invoiceIds.map(id),
        ...(promise.interactionId ? { interactionId: id(promise.interactionId) } : {}),
      });
    }
    for (const plan of demo.paymentPlans) {
      if (!allKept(plan.invoiceIds)) continue;
      out.paymentPlans.push({ ...plan, id: id(plan.id), customerId: id(plan.customerId), invoiceIds: plan.invoiceIds.map(id) });
    }
  }
  recomputePaid(out.invoices, out);
  // Records read from IndexedDB are structured clones, with flat strings: so are these.
  const shop: Shop = { ...(JSON.parse(JSON.stringify(out)) as DemoData), factor: factorOf(invoiceCount), ...clock };
  cache.set(cacheKey, shop);
  return shop;
}

/** The shop of size factor 1, 10 or 100. */
export function shopAt(factor: SizeFactor, clock = benchClock()): Shop {
  return generateShop(SIZES[factor], clock);
}

function factorOf(invoiceCount: number): SizeFactor | null {
  const entry = Object.entries(SIZES).find(([, count]) => count === invoiceCount);
  return entry ? (Number(entry[0]) as SizeFactor) : null;
}

function recomputePaid(invoices: Invoice[], data: DemoData): void {
  const paid = new Map<string, number>();
  for (const payment of data.payments) {
    for (const allocation of payment.allocations) paid.set(allocation.invoiceId, (paid.get(allocation.invoiceId) ?? 0) + allocation.amountCents);
  }
  for (const invoice of invoices) invoice.paidCents = paid.get(invoice.id) ?? 0;
}

// ---------------------------------------------------------------------------------------------------
// The same invoices as a French invoicing tool's export, for the import benches.

const pad = (n: number): string => String(n).padStart(2, '0');

/** 123456 cents → "1 234,56" (space as thousands separator, decimal comma). */
export function frenchAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ' ');
  return `${sign}${units},${pad(abs % 100)}`;
}

/** "2026-11-23" → "23/11/2026". */
export const frenchDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

export const CSV_HEADER = 'N° facture;Client;Date facture;Échéance;Montant TTC;Payé';

/**
 * The shop's invoices as an export: UTF-8, ";", CR LF, amounts "1 234,56", dates dd/mm/yyyy, the
 * amount paid so far. Credit notes are left out (an invoicing tool exports them in another file).
 */
export function toFrenchCsv(shop: Pick<DemoData, 'customers' | 'invoices'>): { text: string; rows: number } {
  const names = new Map(shop.customers.map((customer) => [customer.id, customer.name]));
  const lines = [CSV_HEADER];
  for (const invoice of shop.invoices) {
    if (invoice.kind !== 'invoice') continue;
    const name = names.get(invoice.customerId) ?? '';
    lines.push(
      `${invoice.number};${name};${frenchDate(invoice.issueDate)};${frenchDate(invoice.dueDate)};${frenchAmount(invoice.totalCents)};${frenchAmount(invoice.paidCents)}`,
    );
  }
  return { text: `${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}
