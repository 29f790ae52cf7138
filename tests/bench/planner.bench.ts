import { bench, describe } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from '../../src-renderer/domain/calendar';
import { generateDemoData, type DemoData } from '../../src-renderer/domain/demo-data';
import { invoiceStatus } from '../../src-renderer/domain/invoice-status';
import { nextWakeInstant, planFollowUps, type PlannerInput } from '../../src-renderer/domain/planner';
import { builtInPolicies } from '../../src-renderer/domain/policies';

/**
 * What Today computes on every change and at every wake-up: the follow-ups of the whole ledger.
 * Anchor: one loop deriving the status of every invoice (the least the planner must do).
 * Size: the demo shop copied until it has 10,000 customers and 100,000 invoices (with their
 * reminders, calls, letters, promises and plans). Target: under 100 ms.
 */
const TODAY = '2026-11-23';
const ASOF = '2026-11-23T08:00:00.000Z';
const demo = generateDemoData(TODAY, ASOF);

function scaled(customerCount: number, invoiceCount: number): DemoData {
  const out: DemoData = { customers: [], invoices: [], payments: [], interactions: [], promises: [], paymentPlans: [] };
  const copies = Math.ceil(customerCount / demo.customers.length);
  const perCopy = Math.ceil(invoiceCount / copies);
  for (let copy = 0; copy < copies; copy += 1) {
    const id = (value: string): string => `${value}-${copy}`;
    for (const customer of demo.customers) out.customers.push({ ...customer, id: id(customer.id), name: `${customer.name} ${copy}`, normalizedName: `${customer.normalizedName} ${copy}` });
    // Invoices are in issue order: dropping a few of the oldest (paid long ago) keeps every fixture.
    const invoices = demo.invoices.slice(Math.max(0, demo.invoices.length - perCopy));
    for (const invoice of invoices) {
      if (out.invoices.length >= invoiceCount) break;
      out.invoices.push({ ...invoice, id: id(invoice.id), number: id(invoice.number), customerId: id(invoice.customerId) });
    }
    for (const interaction of demo.interactions) out.interactions.push({ ...interaction, id: id(interaction.id), customerId: id(interaction.customerId), invoiceIds: interaction.invoiceIds.map(id) });
    for (const promise of demo.promises) out.promises.push({ ...promise, id: id(promise.id), customerId: id(promise.customerId), invoiceIds: promise.invoiceIds.map(id) });
    for (const plan of demo.paymentPlans) out.paymentPlans.push({ ...plan, id: id(plan.id), customerId: id(plan.customerId), invoiceIds: plan.invoiceIds.map(id) });
  }
  // Records read from IndexedDB are structured clones, with flat strings: so are these.
  return JSON.parse(JSON.stringify(out)) as DemoData;
}

const data = scaled(10_000, 100_000);
const input: PlannerInput = { asOf: ASOF, today: TODAY, ...data, policies: builtInPolicies() };
const actions = planFollowUps(input);
/** More samples than the default: the figures are read against the anchor on busy machines too. */
const OPTIONS = { time: 2_000, warmupIterations: 5 };
console.log(
  `planner bench: ${data.customers.length} customers, ${data.invoices.length} invoices, ${data.interactions.length} interactions → ${actions.length} actions`,
);

describe('follow-up planner, 10,000 customers and 100,000 invoices', () => {
  bench('anchor: invoiceStatus of every invoice', () => {
    let open = 0;
    for (const invoice of data.invoices) if (invoiceStatus(invoice, TODAY).balanceCents > 0) open += 1;
    if (open < 0) throw new Error('unreachable');
  }, OPTIONS);
  bench('planFollowUps', () => {
    planFollowUps(input);
  }, OPTIONS);
  bench('nextWakeInstant', () => {
    nextWakeInstant(actions, input, DEFAULT_BUSINESS_CALENDAR);
  }, OPTIONS);
});
