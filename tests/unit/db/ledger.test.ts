import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { RelanceDatabase } from '../../../src-renderer/db/database';
import {
  addCreditNote,
  applyCreditNote,
  cancelInvoice,
  creditNotePaymentId,
  customerBalance,
  listStatusChanges,
  recordCustomerPayment,
  saveCustomer,
  saveInvoice,
  setDispute,
  setDoNotChase,
  ValidationError,
  writeOff,
  type CustomerFormInput,
} from '../../../src-renderer/db/ledger-repo';
import { luhnCheckDigit } from '../../../src-renderer/domain/siret';
import { freshDatabasesFor } from './helpers';

const NOW = '2026-11-23T08:30:00.000Z';
const LATER = '2026-11-24T10:00:00.000Z';
const TODAY = '2026-11-23';
const SIRET = `7328293200007${luhnCheckDigit('7328293200007')}`;
const OTHER_SIRET = `4430618410004${luhnCheckDigit('4430618410004')}`;
const database = freshDatabasesFor('ledger');

function customerForm(extra: Partial<CustomerFormInput> = {}): CustomerFormInput {
  return { name: 'Garage Lefèvre', kind: 'business', contacts: [], preferredChannel: 'email', language: 'fr', tags: [], ...extra };
}

async function validationError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

/** Every invoice's paidCents equals the sum of allocations, credit notes aside (used = converted to a payment). */
async function expectPaidMatchesAllocations(db: RelanceDatabase): Promise<void> {
  const allocated = new Map<string, number>();
  for (const payment of await db.payments.toArray()) {
    for (const { invoiceId, amountCents } of payment.allocations) allocated.set(invoiceId, (allocated.get(invoiceId) ?? 0) + amountCents);
  }
  for (const invoice of await db.invoices.toArray()) {
    if (invoice.kind === 'credit-note') {
      const converted = await db.payments.get(creditNotePaymentId(invoice.id));
      expect(invoice.paidCents, invoice.number).toBe(converted?.amountCents ?? 0);
    } else {
      expect(invoice.paidCents, invoice.number).toBe(allocated.get(invoice.id) ?? 0);
    }
  }
}

/** A customer with three invoices: A due 2026-09-15 (200 €), B due 2026-10-01 (100 €), C due 2026-11-30 (50 €). */
async function seed(db: RelanceDatabase) {
  const customer = await saveCustomer(db, customerForm({ siret: SIRET }), NOW);
  const invoice = (number: string, dueDate: string, totalCents: number) =>
    saveInvoice(db, { number, customerId: customer.id, issueDate: '2026-09-01', dueDate, totalCents }, NOW);
  const a = await invoice('F-A', '2026-09-15', 20_000);
  const b = await invoice('F-B', '2026-10-01', 10_000);
  const c = await invoice('F-C', '2026-11-30', 5_000);
  return { customer, a, b, c };
}

describe('customers', () => {
  it('creates a customer, normalising phones and recording it in the timeline', async () => {
    const db = await database();
    const customer = await saveCustomer(
      db,
      customerForm({
        name: '  Garage   Lefèvre ',
        siret: '732 829 320 0007' + SIRET.slice(-1),
        contacts: [{ name: 'Patrick Lefèvre', email: ' patrick@garage.fr ', phone: '01 23 45 67 89', mobile: '0033 6 12 34 56 78' }],
        address: { lines: ['56 boulevard Victor-Hugo', ''], postcode: ' 59000 ', city: 'Lille', country: 'fr' },
      }),
      NOW,
    );
    expect(customer).toMatchObject({
      name: 'Garage Lefèvre',
      normalizedName: 'garage lefevre',
      siret: SIRET,
      address: { lines: ['56 boulevard Victor-Hugo'], postcode: '59000', city: 'Lille', country: 'FR' },
      createdAt: NOW,
    });
    expect(customer.contacts[0]).toMatchObject({ email: 'patrick@garage.fr', phone: '+33123456789', mobile: '+33612345678' });
    expect(customer.contacts[0]!.id).toEqual(expect.any(String));
    expect(await listStatusChanges(db, customer.id)).toMatchObject([{ kind: 'status-change', details: { change: 'customer-created' } }]);
  });

  it('refuses invalid input with the fields concerned', async () => {
    const db = await database();
    const error = await validationError(
      saveCustomer(
        db,
        customerForm({
          name: '   ',
          siret: '12345678901234',
          contacts: [{ name: 'X', email: 'x@' }],
          address: { lines: ['1 rue'], postcode: '5900', city: 'Lille', country: 'FR' },
          preferredContactId: 'nobody',
        }),
        NOW,
      ),
    );
    expect(error.fields).toEqual(['name', 'siret', 'contacts.0.email', 'preferredContactId', 'address.postcode']);
    expect(error.issues.map((issue) => issue.code)).toEqual(['required', 'invalid', 'invalid', 'not-found', 'invalid']);
    expect(await db.customers.count()).toBe(0);
    expect(await db.interactions.count()).toBe(0);
  });

  it('refuses a SIRET already used by another customer', async () => {
    const db = await database();
    await saveCustomer(db, customerForm({ siret: SIRET }), NOW);
    const error = await validationError(saveCustomer(db, customerForm({ name: 'Autre', siret: SIRET }), NOW));
    expect(error.issues).toMatchObject([{ field: 'siret', code: 'duplicate', params: { customer: 'Garage Lefèvre' } }]);
  });

  it('updates, listing the changed fields, and writes nothing when nothing changed', async () => {
    const db = await database();
    const created = await saveCustomer(db, customerForm(), NOW);
    const { normalizedName: _n, createdAt: _c, updatedAt: _u, doNotChase: _d, ...form } = created;
    expect(await saveCustomer(db, form, LATER)).toEqual(created);
    const updated = await saveCustomer(db, { ...form, name: 'Garage Lefèvre SARL', siret: OTHER_SIRET }, LATER);
    expect(updated).toMatchObject({ id: created.id, createdAt: NOW, updatedAt: LATER, normalizedName: 'garage lefevre sarl' });
    const timeline = await listStatusChanges(db, created.id);
    expect(timeline.map((entry) => entry.details)).toEqual([
      { change: 'customer-updated', fields: 'name,siret' },
      { change: 'customer-created' },
    ]);
  });

  it('stops and resumes reminders, keeping do-not-chase across form saves', async () => {
    const db = await database();
    const created = await saveCustomer(db, customerForm(), NOW);
    const stopped = await setDoNotChase(db, created.id, 'Client en redressement judiciaire', TODAY, '2026-11-23T09:00:00.000Z');
    expect(stopped.doNotChase).toEqual({ reason: 'Client en redressement judiciaire', since: TODAY });
    const { normalizedName: _n, createdAt: _c, updatedAt: _u, doNotChase: _d, ...form } = stopped;
    expect((await saveCustomer(db, { ...form, notes: 'Appeler le mardi' }, LATER)).doNotChase).toEqual(stopped.doNotChase);
    await setDoNotChase(db, created.id, null, '2026-12-01', '2026-12-01T08:00:00.000Z');
    expect((await db.customers.get(created.id))!.doNotChase).toBeUndefined();
    const changes = (await listStatusChanges(db, created.id)).map((entry) => entry.details?.change);
    expect(changes).toEqual(['do-not-chase-cleared', 'customer-updated', 'do-not-chase-set', 'customer-created']);
    await expect(setDoNotChase(db, created.id, ' ', TODAY, NOW)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('invoices', () => {
  it('creates and edits an invoice, with timeline entries', async () => {
    const db = await database();
    const { customer, a } = await seed(db);
    expect(a).toMatchObject({ kind: 'invoice', paidCents: 0, createdAt: NOW });
    const edited = await saveInvoice(db, { id: a.id, number: 'F-A', customerId: customer.id, issueDate: '2026-09-01', dueDate: '2026-09-30', totalCents: 21_000 }, LATER);
    expect(edited).toMatchObject({ dueDate: '2026-09-30', totalCents: 21_000, createdAt: NOW, updatedAt: LATER });
    const [latest] = await listStatusChanges(db, customer.id);
    expect(latest).toMatchObject({
      invoiceIds: [a.id],
      details: { change: 'invoice-updated', fields: 'dueDate,totalCents', fromTotalCents: 20_000, toTotalCents: 21_000, fromDueDate: '2026-09-15', toDueDate: '2026-09-30' },
    });
  });

  it('says clearly that a number is already used', async () => {
    const db = await database();
    const { customer } = await seed(db);
    const error = await validationError(
      saveInvoice(db, { number: ' F-B ', customerId: customer.id, issueDate: '2026-11-01', dueDate: '2026-12-01', totalCents: 1_000 }, NOW),
    );
    expect(error.issues).toMatchObject([{ field: 'number', code: 'duplicate' }]);
    expect(error.message).toBe(
      'number: invoice number F-B is already used (issued on 2026-09-01 to Garage Lefèvre): each invoice needs its own number',
    );
  });

  it('refuses bad dates, totals, and a total below what was paid', async () => {
    const db = await database();
    const { customer, a } = await seed(db);
    const error = await validationError(
      saveInvoice(db, { number: 'F-X', customerId: 'nobody', issueDate: '2026-11-01', dueDate: '2026-10-01', totalCents: 0 }, NOW),
    );
    expect(error.fields).toEqual(['customerId', 'dueDate', 'totalCents']);
    await recordCustomerPayment(db, { customerId: customer.id, date: TODAY, amountCents: 5_000, method: 'virement' }, [{ invoiceId: a.id, amountCents: 5_000 }], NOW);
    const below = await validationError(saveInvoice(db, { ...a, totalCents: 4_000 }, NOW));
    expect(below.issues).toMatchObject([{ field: 'totalCents', code: 'below-paid' }]);
  });

  it('records dispute, write-off and cancellation in the timeline', async () => {
    const db = await database();
    const { customer, a, b, c } = await seed(db);
    await setDispute(db, a.id, 'Travaux non conformes', TODAY, '2026-11-23T09:00:00.000Z');
    expect((await db.invoices.get(a.id))!.dispute).toEqual({ reason: 'Travaux non conformes', since: TODAY });
    await setDispute(db, a.id, null, '2026-11-25', '2026-11-25T09:00:00.000Z');
    expect((await db.invoices.get(a.id))!.dispute).toBeUndefined();

    await recordCustomerPayment(db, { customerId: customer.id, date: TODAY, amountCents: 4_000, method: 'cheque' }, [{ invoiceId: b.id, amountCents: 4_000 }], '2026-11-25T10:00:00.000Z');
    const writtenOff = await writeOff(db, b.id, 'Société liquidée', TODAY, '2026-11-25T11:00:00.000Z');
    expect(writtenOff.writeOff).toEqual({ reason: 'Société liquidée', date: TODAY });
    await expect(writeOff(db, b.id, 'encore', TODAY, LATER)).rejects.toMatchObject({ issues: [{ code: 'not-open' }] });

    await expect(cancelInvoice(db, b.id, 'erreur', TODAY, LATER)).rejects.toMatchObject({ issues: [{ code: 'has-payments' }] });
    const cancelled = await cancelInvoice(db, c.id, 'Facture émise en double', TODAY, '2026-11-25T12:00:00.000Z');
    expect(cancelled.cancelled).toEqual({ reason: 'Facture émise en double', date: TODAY });

    const entries = await listStatusChanges(db, customer.id);
    const details = entries.filter((entry) => entry.kind === 'status-change').map((entry) => entry.details);
    expect(details.slice(0, 4)).toEqual([
      { change: 'cancelled', invoiceNumber: 'F-C', kind: 'invoice', reason: 'Facture émise en double', date: TODAY, amountCents: 5_000 },
      { change: 'written-off', invoiceNumber: 'F-B', reason: 'Société liquidée', date: TODAY, amountCents: 6_000 },
      { change: 'dispute-closed', invoiceNumber: 'F-A', previousReason: 'Travaux non conformes', date: '2026-11-25' },
      { change: 'dispute-opened', invoiceNumber: 'F-A', reason: 'Travaux non conformes', date: TODAY },
    ]);
    expect(await customerBalance(db, customer.id)).toEqual({ openCents: 20_000, creditCents: 0 });
  });
});

describe('payments', () => {
  it('allocates oldest first, skipping disputed invoices, and keeps paidCents = allocations', async () => {
    const db = await database();
    const { customer, a, b, c } = await seed(db);
    const first = await recordCustomerPayment(db, { customerId: customer.id, date: TODAY, amountCents: 25_000, method: 'virement', reference: ' VIR 123 ' }, undefined, NOW);
    expect(first.payment).toMatchObject({
      allocations: [
        { invoiceId: a.id, amountCents: 20_000 },
        { invoiceId: b.id, amountCents: 5_000 },
      ],
      reference: 'VIR 123',
      source: 'manual',
    });
    expect(first.creditCents).toBe(0);

    await setDispute(db, b.id, 'Quantité contestée', TODAY, NOW);
    const second = await recordCustomerPayment(db, { customerId: customer.id, date: TODAY, amountCents: 3_000, method: 'cheque' }, undefined, LATER);
    expect(second.payment.allocations).toEqual([{ invoiceId: c.id, amountCents: 3_000 }]);
    expect((await db.invoices.get(c.id))!.paidCents).toBe(3_000);

    const [latest] = await listStatusChanges(db, customer.id);
    expect(latest).toMatchObject({
      kind: 'payment',
      invoiceIds: [c.id],
      details: { paymentId: second.payment.id, amountCents: 3_000, method: 'cheque', allocatedCents: 3_000, unallocatedCents: 0 },
    });
    await expectPaidMatchesAllocations(db);
  });

  it('follows explicit allocations', async () => {
    const db = await database();
    const { customer, b, c } = await seed(db);
    const { payment } = await recordCustomerPayment(
      db,
      { customerId: customer.id, date: TODAY, amountCents: 7_000, method: 'carte' },
      [
        { invoiceId: c.id, amountCents: 5_000 },
        { invoiceId: b.id, amountCents: 2_000 },
      ],
      NOW,
    );
    expect(payment.invoiceIds).toEqual([c.id, b.id]);
    expect((await db.invoices.get(c.id))!.paidCents).toBe(5_000);
    expect((await db.invoices.get(b.id))!.paidCents).toBe(2_000);
    await expect(
      recordCustomerPayment(db, { customerId: customer.id, date: TODAY, amountCents: 1_000, method: 'carte' }, [{ invoiceId: c.id, amountCents: 1_000 }], NOW),
    ).rejects.toThrow('more than the 0 cents still due');
    await expectPaidMatchesAllocations(db);
  });

  it('keeps an overpayment as a credit', async () => {
    const db = await database();
    const { customer } = await seed(db);
    const { payment, creditCents } = await recordCustomerPayment(db, { customerId: customer.id, date: TODAY, amountCents: 40_000, method: 'virement' }, undefined, LATER);
    expect(payment.allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0)).toBe(35_000);
    expect(creditCents).toBe(5_000);
    expect(await customerBalance(db, customer.id)).toEqual({ openCents: 0, creditCents: 5_000 });
    const [latest] = await listStatusChanges(db, customer.id);
    expect(latest!.details).toMatchObject({ allocatedCents: 35_000, unallocatedCents: 5_000 });
    await expectPaidMatchesAllocations(db);
  });

  it('refuses a payment for an unknown customer or a non-positive amount, writing nothing', async () => {
    const db = await database();
    const { customer } = await seed(db);
    await expect(recordCustomerPayment(db, { customerId: 'nobody', date: TODAY, amountCents: 100, method: 'virement' }, undefined, NOW)).rejects.toMatchObject({
      issues: [{ field: 'customerId', code: 'not-found' }],
    });
    await expect(recordCustomerPayment(db, { customerId: customer.id, date: TODAY, amountCents: 0, method: 'virement' }, undefined, NOW)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await db.payments.count()).toBe(0);
  });
});

describe('credit notes', () => {
  it('applied to an invoice, reduces what is owed on it through an avoir payment', async () => {
    const db = await database();
    const { customer, b } = await seed(db);
    const { creditNote, payment } = await addCreditNote(
      db,
      { customerId: customer.id, number: 'AV-001', date: TODAY, totalCents: 3_000, appliesToInvoiceId: b.id, reason: 'Remise commerciale' },
      NOW,
    );
    expect(creditNote).toMatchObject({ kind: 'credit-note', totalCents: 3_000, paidCents: 3_000, issueDate: TODAY, dueDate: TODAY });
    expect(payment).toMatchObject({
      id: creditNotePaymentId(creditNote.id),
      method: 'avoir',
      source: 'credit-note',
      reference: 'Avoir AV-001',
      amountCents: 3_000,
      allocations: [{ invoiceId: b.id, amountCents: 3_000 }],
    });
    expect((await db.invoices.get(b.id))!.paidCents).toBe(3_000);
    expect(await customerBalance(db, customer.id)).toEqual({ openCents: 32_000, creditCents: 0 });
    const entries = (await listStatusChanges(db, customer.id)).filter((entry) => entry.invoiceIds.includes(creditNote.id) || entry.kind === 'payment');
    expect(entries.map((entry) => [entry.kind, entry.details?.change ?? entry.details?.method]).sort()).toEqual([
      ['payment', 'avoir'],
      ['status-change', 'credit-note-created'],
    ]);
    expect(entries.find((entry) => entry.kind === 'status-change')).toMatchObject({
      notes: 'Remise commerciale',
      invoiceIds: [creditNote.id, b.id],
      details: { creditNoteNumber: 'AV-001', amountCents: 3_000, appliesToInvoiceNumber: 'F-B' },
    });
    expect(entries.find((entry) => entry.kind === 'payment')).toMatchObject({
      invoiceIds: [b.id],
      details: { paymentId: payment!.id, creditNoteNumber: 'AV-001', invoiceNumber: 'F-B', allocatedCents: 3_000 },
    });
    await expectPaidMatchesAllocations(db);
  });

  it('once applied, keeps its amount: editing the total is refused and nothing changes', async () => {
    const db = await database();
    const { customer, b } = await seed(db);
    const { creditNote } = await addCreditNote(db, { customerId: customer.id, number: 'AV-009', date: TODAY, totalCents: 3_000, appliesToInvoiceId: b.id }, NOW);
    const before = await customerBalance(db, customer.id);
    const edit = saveInvoice(
      db,
      { id: creditNote.id, number: 'AV-009', customerId: customer.id, issueDate: TODAY, dueDate: TODAY, totalCents: 9_000 },
      NOW,
    );
    await expect(edit).rejects.toBeInstanceOf(ValidationError);
    await expect(edit).rejects.toMatchObject({ issues: [expect.objectContaining({ field: 'totalCents', code: 'already-applied' })] });
    expect(await customerBalance(db, customer.id)).toEqual(before);
    await expectPaidMatchesAllocations(db);
  });

  it('larger than the invoice balance, leaves the rest as a credit', async () => {
    const db = await database();
    const { customer, c } = await seed(db);
    await addCreditNote(db, { customerId: customer.id, number: 'AV-002', date: TODAY, totalCents: 8_000, appliesToInvoiceId: c.id }, NOW);
    expect((await db.invoices.get(c.id))!.paidCents).toBe(5_000);
    expect(await customerBalance(db, customer.id)).toEqual({ openCents: 30_000, creditCents: 3_000 });
    await expectPaidMatchesAllocations(db);
  });

  it('without a target, is a credit until applied later', async () => {
    const db = await database();
    const { customer, a } = await seed(db);
    const { creditNote, payment } = await addCreditNote(db, { customerId: customer.id, number: 'AV-003', date: TODAY, totalCents: 2_500 }, NOW);
    expect(payment).toBeNull();
    expect(await customerBalance(db, customer.id)).toEqual({ openCents: 35_000, creditCents: 2_500 });
    await applyCreditNote(db, creditNote.id, a.id, '2026-11-25', LATER);
    expect(await customerBalance(db, customer.id)).toEqual({ openCents: 32_500, creditCents: 0 });
    await expect(applyCreditNote(db, creditNote.id, a.id, '2026-11-25', LATER)).rejects.toMatchObject({ issues: [{ code: 'already-applied' }] });
    await expect(cancelInvoice(db, creditNote.id, 'erreur', TODAY, LATER)).rejects.toMatchObject({ issues: [{ code: 'has-payments' }] });
    await expectPaidMatchesAllocations(db);
  });

  it('refused for another customer invoice, writing nothing', async () => {
    const db = await database();
    await seed(db);
    const other = await saveCustomer(db, customerForm({ name: 'Autre client' }), NOW);
    const before = { invoices: await db.invoices.toArray(), interactions: await db.interactions.count() };
    const target = (await db.invoices.where('number').equals('F-A').first())!;
    await expect(
      addCreditNote(db, { customerId: other.id, number: 'AV-004', date: TODAY, totalCents: 1_000, appliesToInvoiceId: target.id }, NOW),
    ).rejects.toMatchObject({ issues: [{ field: 'appliesToInvoiceId', code: 'other-customer' }] });
    expect(await db.invoices.toArray()).toEqual(before.invoices);
    expect(await db.interactions.count()).toBe(before.interactions);
    expect(await db.payments.count()).toBe(0);
  });

  it('needs its own number', async () => {
    const db = await database();
    const { customer } = await seed(db);
    await expect(addCreditNote(db, { customerId: customer.id, number: 'F-A', date: TODAY, totalCents: 1_000 }, NOW)).rejects.toMatchObject({
      issues: [{ field: 'number', code: 'duplicate' }],
    });
  });
});
