import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../src-renderer/domain/dates';
import { DEMO_IDS, generateDemoData } from '../../../src-renderer/domain/demo-data';
import { invoiceStatus } from '../../../src-renderer/domain/invoice-status';
import type { Invoice, Payment } from '../../../src-renderer/domain/model';
import { isValidSiret } from '../../../src-renderer/domain/siret';

const TODAY = '2026-11-23';
const NOW = '2026-11-23T08:30:00.000Z';
const data = generateDemoData(TODAY, NOW);
const invoiceById = new Map(data.invoices.map((invoice) => [invoice.id, invoice]));

function invoicesOf(customerId: string): Invoice[] {
  return data.invoices.filter((invoice) => invoice.customerId === customerId);
}
function paymentsOf(customerId: string): Payment[] {
  return data.payments.filter((payment) => payment.customerId === customerId);
}
/** For each allocation of the customer's payments: days between the invoice's due date and the payment. */
function lateness(customerId: string): Array<{ paidOn: string; daysLate: number }> {
  return paymentsOf(customerId).flatMap((payment) =>
    payment.allocations.map((allocation) => ({
      paidOn: payment.date,
      daysLate: daysBetween(invoiceById.get(allocation.invoiceId)!.dueDate, payment.date),
    })),
  );
}

describe('generateDemoData: determinism', () => {
  it('gives the same output twice for the same inputs', () => {
    expect(generateDemoData(TODAY, NOW)).toEqual(data);
  });

  it('gives another data set for another seed', () => {
    expect(generateDemoData(TODAY, NOW, 1).invoices).not.toEqual(data.invoices);
  });

  it('shifts every date with today, keeping the same records', () => {
    const later = generateDemoData(addDays(TODAY, 10), '2026-12-03T08:30:00.000Z');
    expect(later.invoices.map((invoice) => invoice.id)).toEqual(data.invoices.map((invoice) => invoice.id));
    later.invoices.forEach((invoice, index) => {
      const before = data.invoices[index]!;
      expect(daysBetween(before.issueDate, invoice.issueDate)).toBe(10);
      expect(daysBetween(before.dueDate, invoice.dueDate)).toBe(10);
      expect(invoice.totalCents).toBe(before.totalCents);
      expect(invoice.paidCents).toBe(before.paidCents);
    });
    later.payments.forEach((payment, index) => expect(daysBetween(data.payments[index]!.date, payment.date)).toBe(10));
  });
});

describe('generateDemoData: shape and invariants', () => {
  it('has about 40 customers and 400 invoices over the last 18 months', () => {
    expect(data.customers).toHaveLength(40);
    expect(data.invoices.length).toBeGreaterThanOrEqual(350);
    expect(data.invoices.length).toBeLessThanOrEqual(480);
    const oldest = data.invoices.reduce((min, invoice) => (invoice.issueDate < min ? invoice.issueDate : min), TODAY);
    expect(daysBetween(oldest, TODAY)).toBeGreaterThan(480);
    expect(daysBetween(oldest, TODAY)).toBeLessThanOrEqual(560);
  });

  it('uses unique ids and invoice numbers like F-2025-0001', () => {
    for (const records of [data.customers, data.invoices, data.payments, data.interactions]) {
      expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
    }
    expect(new Set(data.invoices.map((invoice) => invoice.number)).size).toBe(data.invoices.length);
    for (const invoice of data.invoices) {
      expect(invoice.number).toMatch(/^F-\d{4}-\d{4}$/);
      expect(invoice.number.slice(2, 6)).toBe(invoice.issueDate.slice(0, 4));
    }
    expect(data.invoices.map((invoice) => invoice.number)).toContain('F-2025-0001');
  });

  it('keeps paidCents equal to the sum of allocations, never above the total', () => {
    const allocated = new Map<string, number>();
    for (const payment of data.payments) {
      expect(payment.amountCents).toBe(payment.allocations.reduce((sum, a) => sum + a.amountCents, 0));
      expect(payment.invoiceIds).toEqual(payment.allocations.map((a) => a.invoiceId));
      for (const allocation of payment.allocations) {
        const invoice = invoiceById.get(allocation.invoiceId);
        expect(invoice, allocation.invoiceId).toBeDefined();
        expect(invoice!.customerId).toBe(payment.customerId);
        expect(allocation.amountCents).toBeGreaterThan(0);
        expect(allocation.amountCents).toBeLessThanOrEqual(invoice!.totalCents);
        expect(payment.date >= invoice!.issueDate).toBe(true);
        allocated.set(invoice!.id, (allocated.get(invoice!.id) ?? 0) + allocation.amountCents);
      }
    }
    for (const invoice of data.invoices) {
      expect(invoice.paidCents).toBe(allocated.get(invoice.id) ?? 0);
      expect(invoice.paidCents).toBeLessThanOrEqual(invoice.totalCents);
    }
  });

  it('uses integer cents between 20 € and 4 000 €, due 30, 45 or 60 days after issue', () => {
    for (const invoice of data.invoices) {
      expect(Number.isInteger(invoice.totalCents)).toBe(true);
      expect(invoice.totalCents).toBeGreaterThanOrEqual(2_000);
      expect(invoice.totalCents).toBeLessThanOrEqual(400_000);
      expect([30, 45, 60]).toContain(daysBetween(invoice.issueDate, invoice.dueDate));
    }
  });

  it('links every record to an existing customer and invoice', () => {
    const customerIds = new Set(data.customers.map((customer) => customer.id));
    const all = [...data.invoices, ...data.payments, ...data.interactions, ...data.promises, ...data.paymentPlans];
    for (const record of all) expect(customerIds.has(record.customerId), record.id).toBe(true);
    for (const record of [...data.interactions, ...data.promises, ...data.paymentPlans]) {
      for (const id of record.invoiceIds) expect(invoiceById.get(id)?.customerId).toBe(record.customerId);
    }
  });

  it('dates nothing after now and uses unique idempotency keys', () => {
    const instants = [
      ...data.customers.flatMap((c) => [c.createdAt, c.updatedAt]),
      ...data.invoices.flatMap((i) => [i.createdAt, i.updatedAt]),
      ...data.payments.map((p) => p.createdAt),
      ...data.interactions.map((i) => i.at),
    ];
    for (const instant of instants) expect(Date.parse(instant)).toBeLessThanOrEqual(Date.parse(NOW));
    const keys = data.interactions.flatMap((i) => (i.idempotencyKey ? [i.idempotencyKey] : []));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives businesses valid Luhn SIRETs and French-looking contact data', () => {
    for (const customer of data.customers) {
      if (customer.kind === 'business') expect(isValidSiret(customer.siret!), customer.name).toBe(true);
      else expect(customer.siret).toBeUndefined();
      for (const contact of customer.contacts) {
        if (contact.email) expect(contact.email).toMatch(/^[a-z0-9.-]+@([a-z0-9-]+\.)?example\.(com|net|org)$/);
        for (const phone of [contact.phone, contact.mobile]) if (phone) expect(phone).toMatch(/^\+33[1-9]\d{8}$/);
      }
      if (customer.address) {
        expect(customer.address.postcode).toMatch(/^\d{5}$/);
        expect(customer.address.country).toBe('FR');
      }
    }
    expect(data.customers.filter((c) => c.kind === 'consumer').length).toBeGreaterThanOrEqual(10);
    expect(data.customers.some((c) => /[éèêàçô]/.test(c.name))).toBe(true);
  });

  it('uses every payment method', () => {
    expect(new Set(data.payments.map((payment) => payment.method))).toEqual(
      new Set(['virement', 'cheque', 'carte', 'especes', 'prelevement']),
    );
  });
});

describe('generateDemoData: archetypes', () => {
  it('reliable payers always pay on or before the due date', () => {
    for (const id of DEMO_IDS.reliablePayers) {
      const lates = lateness(id);
      expect(lates.length, id).toBeGreaterThanOrEqual(3);
      for (const { daysLate } of lates) expect(daysLate).toBeLessThanOrEqual(0);
    }
  });

  it('chronic late payers pay 20 to 60 days late', () => {
    for (const id of DEMO_IDS.chronicLatePayers) {
      const lates = lateness(id);
      expect(lates.length, id).toBeGreaterThanOrEqual(3);
      // A grouped payment may settle the next invoice early along with the late one.
      const late = lates.filter(({ daysLate }) => daysLate >= 20 && daysLate <= 60);
      expect(late.length / lates.length).toBeGreaterThanOrEqual(0.7);
      for (const { daysLate } of lates) expect(daysLate).toBeLessThanOrEqual(60);
    }
  });

  it('the good payer who turned late: on time until ~4 months ago, then 30+ days late', () => {
    const lates = lateness(DEMO_IDS.turnedLate);
    const cutoff = addDays(TODAY, -120);
    const before = lates.filter(({ paidOn }) => paidOn < cutoff);
    const recent = lates.filter(({ paidOn }) => paidOn >= cutoff);
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(recent.length).toBeGreaterThanOrEqual(2);
    for (const { daysLate } of before) expect(daysLate).toBeLessThanOrEqual(0);
    for (const { daysLate } of recent) expect(daysLate).toBeGreaterThanOrEqual(30);
    const open = invoicesOf(DEMO_IDS.turnedLate).filter((i) => invoiceStatus(i, TODAY).status === 'overdue');
    expect(open.length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    [DEMO_IDS.invoices.disputed, DEMO_IDS.disputed, 'disputed'],
    [DEMO_IDS.invoices.partlyPaid, DEMO_IDS.partlyPaid, 'partly-paid'],
    [DEMO_IDS.invoices.writtenOff, DEMO_IDS.writtenOff, 'written-off'],
    [DEMO_IDS.invoices.cancelled, DEMO_IDS.cancelled, 'cancelled'],
    [DEMO_IDS.invoices.promised, DEMO_IDS.pendingPromise, 'overdue'],
  ])('fixture invoice %s of %s is %s', (invoiceId, customerId, status) => {
    const invoice = invoiceById.get(invoiceId)!;
    expect(invoice.customerId).toBe(customerId);
    expect(invoiceStatus(invoice, TODAY).status).toBe(status);
  });

  it('the partly paid invoice reports its days late', () => {
    const result = invoiceStatus(invoiceById.get(DEMO_IDS.invoices.partlyPaid)!, TODAY);
    expect(result).toEqual({ status: 'partly-paid', daysLate: 20, balanceCents: 234_000 - 80_000 });
  });

  it.each([5, 12, 35, 70, 120] as const)('has an open invoice %i days late', (days) => {
    const invoice = invoiceById.get(DEMO_IDS.invoices.overdueByDaysLate[days])!;
    expect(invoice.customerId).toBe(DEMO_IDS.overdueByDaysLate[days]);
    expect(invoiceStatus(invoice, TODAY)).toMatchObject({ status: 'overdue', daysLate: days, balanceCents: invoice.totalCents });
  });

  it('has invoices not yet due', () => {
    const notDue = data.invoices.filter((i) => invoiceStatus(i, TODAY).status === 'not-due');
    expect(notDue.length).toBeGreaterThanOrEqual(5);
  });

  it('has an active payment plan whose instalments sum exactly to the amount owed', () => {
    expect(data.paymentPlans).toHaveLength(1);
    const plan = data.paymentPlans[0]!;
    expect(plan).toMatchObject({ id: DEMO_IDS.paymentPlanId, customerId: DEMO_IDS.paymentPlan, status: 'active', frequency: 'monthly' });
    expect(plan.invoiceIds).toEqual([...DEMO_IDS.invoices.paymentPlan]);
    const owed = plan.invoiceIds.reduce((sum, id) => sum + invoiceById.get(id)!.totalCents, 0);
    expect(plan.downPaymentCents + plan.instalments.reduce((sum, i) => sum + i.amountCents, 0)).toBe(owed);
    const paidByPlan = plan.instalments.reduce((sum, i) => sum + i.paidCents, 0);
    const paidOnInvoices = plan.invoiceIds.reduce((sum, id) => sum + invoiceById.get(id)!.paidCents, 0);
    expect(paidByPlan).toBe(paidOnInvoices);
    expect(plan.instalments.filter((i) => i.paidCents === i.amountCents).length).toBe(2);
    expect(plan.instalments.some((i) => i.dueDate > TODAY)).toBe(true);
    // Monthly: same day of the month, one month apart.
    for (let i = 1; i < plan.instalments.length; i += 1) {
      expect(plan.instalments[i]!.dueDate.slice(8)).toBe(plan.instalments[0]!.dueDate.slice(8));
    }
  });

  it('has a pending promise to pay, made during a logged call', () => {
    expect(data.promises).toHaveLength(1);
    const promise = data.promises[0]!;
    expect(promise).toMatchObject({ id: DEMO_IDS.pendingPromiseId, customerId: DEMO_IDS.pendingPromise, status: 'pending' });
    expect(promise.promisedDate > TODAY).toBe(true);
    const call = data.interactions.find((i) => i.id === promise.interactionId);
    expect(call).toMatchObject({ kind: 'call', callOutcome: 'promise', customerId: DEMO_IDS.pendingPromise });
  });

  it('has past reminders, calls with French notes and a note', () => {
    const reminders = data.interactions.filter((i) => i.kind === 'reminder');
    expect(reminders.length).toBeGreaterThanOrEqual(20);
    for (const reminder of reminders) expect(reminder).toMatchObject({ status: 'sent', channel: 'email' });
    const calls = data.interactions.filter((i) => i.kind === 'call');
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.some((call) => /[éèàù’]/.test(call.notes ?? ''))).toBe(true);
    expect(data.interactions.some((i) => i.kind === 'note' && i.customerId === DEMO_IDS.withNote)).toBe(true);
    expect(data.interactions.some((i) => i.kind === 'call' && i.callOutcome === 'dispute' && i.customerId === DEMO_IDS.disputed)).toBe(true);
  });

  it('has the other identifiable customers', () => {
    const byId = new Map(data.customers.map((c) => [c.id, c]));
    expect(byId.get(DEMO_IDS.paused)!.pausedUntil).toBe(addDays(TODAY, 10));
    expect(byId.get(DEMO_IDS.englishSpeaking)!.language).toBe('en');
    expect(byId.get(DEMO_IDS.withoutEmail)!.contacts.every((c) => !c.email)).toBe(true);
    expect(byId.get(DEMO_IDS.withoutAddress)!.address).toBeUndefined();
  });
});
