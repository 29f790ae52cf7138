/**
 * The ledger operations behind the screens (customers, invoices, payments, credit notes). Each one runs
 * in ONE transaction and adds an entry to the customer's timeline (`status-change` or `payment`, with
 * `details`), so that the record and its history never disagree.
 *
 * Invalid input is refused with a `ValidationError` listing the fields concerned (codes, for i18n).
 *
 * Time: `today` / `date` are the shop's calendar dates (stored on the records); `nowIso` is the instant
 * stamped on the timeline entry and `updatedAt`. It defaults to the clock so screens need not pass it;
 * tests do.
 */
import Dexie from 'dexie';
import { allocateOldestFirst } from '../domain/allocation';
import { compactSiret, isValidEmail, isValidFrenchPostcode, phoneForStorage } from '../domain/contact-checks';
import { isCalendarDate } from '../domain/dates';
import type {
  CalendarDate,
  Cents,
  Contact,
  Customer,
  Interaction,
  Invoice,
  IsoInstant,
  Payment,
  PaymentAllocation,
  PaymentMethod,
} from '../domain/model';
import { isValidSiret } from '../domain/siret';
import { normalizeName } from '../domain/text';
import type { RelanceDatabase } from './database';
import { recordPayment } from './payments-repo';

// ---------------------------------------------------------------------------------------------------
// Errors

export type ValidationCode =
  | 'required'
  | 'invalid'
  | 'duplicate'
  | 'not-found'
  | 'not-positive'
  | 'below-paid'
  | 'before-issue-date'
  | 'has-payments'
  | 'other-customer'
  | 'not-open'
  | 'already-applied';

export interface ValidationIssue {
  /** Field path as the form names it: `name`, `siret`, `contacts.0.email`, `address.postcode`, `number`... */
  field: string;
  code: ValidationCode;
  message: string;
  params?: Record<string, string | number>;
}

/** Refused input: `issues` says which fields and why; `fields` lists them for highlighting a form. */
export class ValidationError extends Error {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '));
    this.name = 'ValidationError';
    this.issues = issues;
  }

  get fields(): string[] {
    return [...new Set(this.issues.map((issue) => issue.field))];
  }
}

function fail(field: string, code: ValidationCode, message: string, params?: Record<string, string | number>): never {
  throw new ValidationError([{ field, code, message, ...(params ? { params } : {}) }]);
}

// ---------------------------------------------------------------------------------------------------
// Helpers

type Details = NonNullable<Interaction['details']>;

function clock(nowIso?: IsoInstant): IsoInstant {
  return nowIso ?? new Date().toISOString();
}

function statusChange(customerId: string, at: IsoInstant, invoiceIds: string[], details: Details, notes?: string): Interaction {
  const entry: Interaction = { id: crypto.randomUUID(), customerId, kind: 'status-change', at, invoiceIds, details };
  if (notes) entry.notes = notes;
  return entry;
}

function paymentEntry(payment: Payment, at: IsoInstant, extra: Details = {}): Interaction {
  const allocated = payment.allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0);
  const details: Details = {
    paymentId: payment.id,
    amountCents: payment.amountCents,
    method: payment.method,
    source: payment.source ?? 'manual',
    allocatedCents: allocated,
    unallocatedCents: payment.amountCents - allocated,
    ...extra,
  };
  if (payment.reference) details.reference = payment.reference;
  return { id: crypto.randomUUID(), customerId: payment.customerId, kind: 'payment', at, invoiceIds: [...payment.invoiceIds], details };
}

function requireText(value: string | null | undefined, field: string): string {
  const text = value?.trim() ?? '';
  if (text === '') fail(field, 'required', `${field} is required`);
  return text;
}

function requireDate(value: string, field: string): void {
  if (!isCalendarDate(value)) fail(field, 'invalid', `${field} must be a YYYY-MM-DD date, got "${value}"`, { value });
}

async function requireCustomer(db: RelanceDatabase, customerId: string, field = 'customerId'): Promise<Customer> {
  const customer = await db.customers.get(customerId);
  if (!customer) fail(field, 'not-found', `customer ${customerId} does not exist`, { customerId });
  return customer;
}

async function requireInvoice(db: RelanceDatabase, invoiceId: string, field = 'invoiceId'): Promise<Invoice> {
  const invoice = await db.invoices.get(invoiceId);
  if (!invoice) fail(field, 'not-found', `invoice ${invoiceId} does not exist`, { invoiceId });
  return invoice;
}

function balanceOf(invoice: Invoice): Cents {
  return Math.max(0, invoice.totalCents - invoice.paidCents);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------------
// Customers

/**
 * What the customer form sends. `id` absent → a new customer. Contacts without an id get one.
 * `doNotChase` is not part of it (see `setDoNotChase`); `normalizedName` and timestamps are derived.
 */
export type CustomerFormInput = Omit<Customer, 'id' | 'normalizedName' | 'createdAt' | 'updatedAt' | 'doNotChase' | 'contacts'> & {
  id?: string;
  contacts: (Omit<Contact, 'id'> & { id?: string })[];
};

function cleanContact(contact: CustomerFormInput['contacts'][number], country: string): Contact {
  const clean: Contact = { ...contact, id: contact.id ?? crypto.randomUUID(), name: contact.name.trim() };
  if (contact.email !== undefined) {
    const email = contact.email.trim();
    if (email === '') delete clean.email;
    else clean.email = email;
  }
  for (const field of ['phone', 'mobile'] as const) {
    const value = contact[field];
    if (value === undefined) continue;
    if (value.trim() === '') delete clean[field];
    else clean[field] = phoneForStorage(value, country);
  }
  return clean;
}

/**
 * Creates or updates a customer. Refuses (ValidationError): an empty name, an invalid SIRET, a SIRET
 * already used by another customer, a malformed email, a French postcode that is not 5 digits, a
 * preferred contact that is not among the contacts. Phones are stored in E.164 when they can be
 * normalised (otherwise as typed: `customerWarnings` flags them). Adds a `status-change` entry
 * (`customer-created`, or `customer-updated` with the changed fields) unless nothing changed.
 */
export async function saveCustomer(db: RelanceDatabase, input: CustomerFormInput, nowIso?: IsoInstant): Promise<Customer> {
  const at = clock(nowIso);
  return db.transaction('rw', db.customers, db.interactions, async () => {
    const issues: ValidationIssue[] = [];
    const name = input.name.trim().replace(/\s+/g, ' ');
    if (name === '') issues.push({ field: 'name', code: 'required', message: 'the name is required' });
    const country = input.address?.country || 'FR';
    const siret = input.siret === undefined ? '' : compactSiret(input.siret);
    if (siret !== '') {
      if (!isValidSiret(siret)) issues.push({ field: 'siret', code: 'invalid', message: `"${input.siret}" is not a valid SIRET`, params: { value: input.siret ?? '' } });
      else {
        const others = await db.customers.where('siret').equals(siret).toArray();
        const other = others.find((customer) => customer.id !== input.id);
        if (other) {
          issues.push({ field: 'siret', code: 'duplicate', message: `SIRET ${siret} is already the one of "${other.name}"`, params: { customer: other.name, customerId: other.id } });
        }
      }
    }
    const contacts = input.contacts.map((contact) => cleanContact(contact, country));
    contacts.forEach((contact, i) => {
      if (contact.email !== undefined && !isValidEmail(contact.email)) {
        issues.push({ field: `contacts.${i}.email`, code: 'invalid', message: `"${contact.email}" is not a valid email address`, params: { value: contact.email } });
      }
    });
    if (input.preferredContactId !== undefined && !contacts.some((contact) => contact.id === input.preferredContactId)) {
      issues.push({ field: 'preferredContactId', code: 'not-found', message: 'the preferred contact is not one of the contacts' });
    }
    let address = input.address;
    if (address) {
      address = {
        lines: address.lines.map((line) => line.trim()).filter((line) => line !== ''),
        postcode: address.postcode.trim(),
        city: address.city.trim(),
        country: address.country.trim().toUpperCase() || 'FR',
      };
      if (address.country === 'FR' && address.postcode !== '' && !isValidFrenchPostcode(address.postcode)) {
        issues.push({ field: 'address.postcode', code: 'invalid', message: `"${address.postcode}" is not a French postcode (5 digits)`, params: { value: address.postcode } });
      }
    }
    if (issues.length > 0) throw new ValidationError(issues);

    const existing = input.id === undefined ? undefined : await db.customers.get(input.id);
    const { id: _id, contacts: _contacts, address: _address, siret: _siret, ...rest } = input;
    const customer: Customer = {
      ...rest,
      id: existing?.id ?? input.id ?? crypto.randomUUID(),
      name,
      normalizedName: normalizeName(name),
      contacts,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    if (siret !== '') customer.siret = siret;
    if (address) customer.address = address;
    if (existing?.doNotChase) customer.doNotChase = existing.doNotChase;

    if (existing) {
      const fields = [...new Set([...Object.keys(existing), ...Object.keys(customer)])]
        .filter((field) => field !== 'updatedAt' && field !== 'createdAt' && field !== 'normalizedName')
        .filter((field) => !sameJson(existing[field as keyof Customer], customer[field as keyof Customer]))
        .sort();
      if (fields.length === 0) return existing;
      await db.customers.put(customer);
      await db.interactions.add(statusChange(customer.id, at, [], { change: 'customer-updated', fields: fields.join(',') }));
    } else {
      await db.customers.add(customer);
      await db.interactions.add(statusChange(customer.id, at, [], { change: 'customer-created' }));
    }
    return customer;
  });
}

/**
 * Stops (reason) or resumes (null) every reminder to the customer. `do-not-chase-set` /
 * `do-not-chase-cleared` on the timeline; nothing is written when it is already in that state.
 */
export async function setDoNotChase(
  db: RelanceDatabase,
  customerId: string,
  reason: string | null,
  today: CalendarDate,
  nowIso?: IsoInstant,
): Promise<Customer> {
  requireDate(today, 'today');
  const at = clock(nowIso);
  const text = reason === null ? null : requireText(reason, 'reason');
  return db.transaction('rw', db.customers, db.interactions, async () => {
    const customer = await requireCustomer(db, customerId);
    if (text === null) {
      if (!customer.doNotChase) return customer;
      const { doNotChase: previous, ...rest } = customer;
      const updated: Customer = { ...rest, updatedAt: at };
      await db.customers.put(updated);
      await db.interactions.add(statusChange(customerId, at, [], { change: 'do-not-chase-cleared', previousReason: previous.reason, date: today }));
      return updated;
    }
    if (customer.doNotChase?.reason === text) return customer;
    const updated: Customer = { ...customer, doNotChase: { reason: text, since: today }, updatedAt: at };
    await db.customers.put(updated);
    await db.interactions.add(statusChange(customerId, at, [], { change: 'do-not-chase-set', reason: text, date: today }));
    return updated;
  });
}

// ---------------------------------------------------------------------------------------------------
// Invoices

/**
 * What the invoice form sends. `id` absent → a new invoice (kind `invoice`). `paidCents` belongs to
 * the payments; dispute, write-off and cancellation have their own operations; the kind of an existing
 * invoice does not change.
 */
export type InvoiceFormInput = Pick<Invoice, 'number' | 'customerId' | 'issueDate' | 'dueDate' | 'totalCents'> &
  Partial<Pick<Invoice, 'paymentTerms' | 'paymentLink' | 'pdf' | 'policyId'>> & { id?: string };

/**
 * Creates or edits an invoice. Refuses (ValidationError): empty number, a number already used
 * (`number`/`duplicate`, naming the other invoice's customer), unknown customer, invalid dates or a due
 * date before the issue date, a total that is not a positive integer of cents or is below what was
 * already paid, moving an invoice that has payments to another customer.
 */
export async function saveInvoice(db: RelanceDatabase, input: InvoiceFormInput, nowIso?: IsoInstant): Promise<Invoice> {
  const at = clock(nowIso);
  return db.transaction('rw', db.invoices, db.customers, db.interactions, async () => {
    const issues: ValidationIssue[] = [];
    const number = input.number.trim();
    if (number === '') issues.push({ field: 'number', code: 'required', message: 'the invoice number is required' });
    else {
      const other = await db.invoices.where('number').equals(number).first();
      if (other && other.id !== input.id) {
        const owner = await db.customers.get(other.customerId);
        issues.push({
          field: 'number',
          code: 'duplicate',
          message: `invoice number ${number} is already used (issued on ${other.issueDate} to ${owner?.name ?? other.customerId}): each invoice needs its own number`,
          params: { number, customer: owner?.name ?? '', issueDate: other.issueDate },
        });
      }
    }
    const customer = await db.customers.get(input.customerId);
    if (!customer) issues.push({ field: 'customerId', code: 'not-found', message: `customer ${input.customerId} does not exist` });
    for (const field of ['issueDate', 'dueDate'] as const) {
      if (!isCalendarDate(input[field])) issues.push({ field, code: 'invalid', message: `${field} must be a YYYY-MM-DD date`, params: { value: input[field] } });
    }
    if (isCalendarDate(input.issueDate) && isCalendarDate(input.dueDate) && input.dueDate < input.issueDate) {
      issues.push({ field: 'dueDate', code: 'before-issue-date', message: 'the due date is before the issue date' });
    }
    if (!Number.isSafeInteger(input.totalCents) || input.totalCents <= 0) {
      issues.push({ field: 'totalCents', code: 'not-positive', message: 'the total must be a positive amount' });
    }
    const existing = input.id === undefined ? undefined : await db.invoices.get(input.id);
    if (existing) {
      if (input.totalCents < existing.paidCents) {
        issues.push({ field: 'totalCents', code: 'below-paid', message: `the total is below what was already paid (${existing.paidCents} cents)`, params: { paidCents: existing.paidCents } });
      }
      if (existing.customerId !== input.customerId && existing.paidCents > 0) {
        issues.push({ field: 'customerId', code: 'has-payments', message: 'payments were recorded on this invoice: it cannot move to another customer' });
      }
      // An applied credit note has become a payment of its amount: changing its total afterwards would
      // create (or remove) credit out of nothing.
      if (existing.kind === 'credit-note' && existing.paidCents > 0 && input.totalCents !== existing.totalCents) {
        issues.push({ field: 'totalCents', code: 'already-applied', message: 'this credit note is already applied: its amount cannot change' });
      }
    }
    if (issues.length > 0) throw new ValidationError(issues);

    const { id: _id, ...fields } = input;
    const invoice: Invoice = {
      ...(existing ?? {}),
      ...fields,
      id: existing?.id ?? input.id ?? crypto.randomUUID(),
      number,
      kind: existing?.kind ?? 'invoice',
      paidCents: existing?.paidCents ?? 0,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    if (existing) {
      const changed = (['number', 'customerId', 'issueDate', 'dueDate', 'totalCents', 'paymentTerms', 'paymentLink', 'policyId', 'pdf'] as const)
        .filter((field) => existing[field] !== invoice[field]);
      if (changed.length === 0) return existing;
      await db.invoices.put(invoice);
      const details: Details = { change: 'invoice-updated', invoiceNumber: number, fields: changed.join(',') };
      if (changed.includes('totalCents')) Object.assign(details, { fromTotalCents: existing.totalCents, toTotalCents: invoice.totalCents });
      if (changed.includes('dueDate')) Object.assign(details, { fromDueDate: existing.dueDate, toDueDate: invoice.dueDate });
      await db.interactions.add(statusChange(invoice.customerId, at, [invoice.id], details));
      if (existing.customerId !== invoice.customerId) {
        await db.interactions.add(statusChange(existing.customerId, at, [invoice.id], { change: 'invoice-moved', invoiceNumber: number, toCustomerId: invoice.customerId }));
      }
    } else {
      await db.invoices.add(invoice);
      await db.interactions.add(statusChange(invoice.customerId, at, [invoice.id], { change: 'invoice-created', invoiceNumber: number, totalCents: invoice.totalCents }));
    }
    return invoice;
  });
}

/** Opens (reason) or closes (null) a dispute: reminders pause while it lasts (see invoice-status.ts). */
export async function setDispute(
  db: RelanceDatabase,
  invoiceId: string,
  reason: string | null,
  today: CalendarDate,
  nowIso?: IsoInstant,
): Promise<Invoice> {
  requireDate(today, 'today');
  const at = clock(nowIso);
  const text = reason === null ? null : requireText(reason, 'reason');
  return db.transaction('rw', db.invoices, db.interactions, async () => {
    const invoice = await requireInvoice(db, invoiceId);
    if (text === null) {
      if (!invoice.dispute) return invoice;
      const { dispute: previous, ...rest } = invoice;
      const updated: Invoice = { ...rest, updatedAt: at };
      await db.invoices.put(updated);
      await db.interactions.add(
        statusChange(invoice.customerId, at, [invoice.id], { change: 'dispute-closed', invoiceNumber: invoice.number, previousReason: previous.reason, date: today }),
      );
      return updated;
    }
    if (invoice.kind !== 'invoice') fail('invoiceId', 'invalid', `${invoice.number} is a credit note: it cannot be disputed`);
    if (invoice.dispute?.reason === text) return invoice;
    const updated: Invoice = { ...invoice, dispute: { reason: text, since: invoice.dispute?.since ?? today }, updatedAt: at };
    await db.invoices.put(updated);
    await db.interactions.add(
      statusChange(invoice.customerId, at, [invoice.id], { change: 'dispute-opened', invoiceNumber: invoice.number, reason: text, date: today }),
    );
    return updated;
  });
}

/**
 * Gives up collecting what is left on an invoice (bad debt). Refused when the invoice is a credit note,
 * cancelled, already written off or fully paid. Records the amount written off.
 */
export async function writeOff(db: RelanceDatabase, invoiceId: string, reason: string, date: CalendarDate, nowIso?: IsoInstant): Promise<Invoice> {
  requireDate(date, 'date');
  const at = clock(nowIso);
  const text = requireText(reason, 'reason');
  return db.transaction('rw', db.invoices, db.interactions, async () => {
    const invoice = await requireInvoice(db, invoiceId);
    if (invoice.kind !== 'invoice') fail('invoiceId', 'invalid', `${invoice.number} is a credit note: it cannot be written off`);
    if (invoice.cancelled || invoice.writeOff || balanceOf(invoice) === 0) {
      fail('invoiceId', 'not-open', `invoice ${invoice.number} has nothing left to collect`, { number: invoice.number });
    }
    const updated: Invoice = { ...invoice, writeOff: { reason: text, date }, updatedAt: at };
    await db.invoices.put(updated);
    await db.interactions.add(
      statusChange(invoice.customerId, at, [invoice.id], {
        change: 'written-off',
        invoiceNumber: invoice.number,
        reason: text,
        date,
        amountCents: balanceOf(invoice),
      }),
    );
    return updated;
  });
}

/**
 * Cancels an invoice (issued by mistake, replaced...) or an unused credit note. Refused when payments or
 * a credit note were allocated to it (`has-payments`): the money must go elsewhere first.
 */
export async function cancelInvoice(db: RelanceDatabase, invoiceId: string, reason: string, date: CalendarDate, nowIso?: IsoInstant): Promise<Invoice> {
  requireDate(date, 'date');
  const at = clock(nowIso);
  const text = requireText(reason, 'reason');
  return db.transaction('rw', db.invoices, db.interactions, async () => {
    const invoice = await requireInvoice(db, invoiceId);
    if (invoice.cancelled) fail('invoiceId', 'not-open', `${invoice.number} is already cancelled`, { number: invoice.number });
    if (invoice.paidCents > 0) {
      const what = invoice.kind === 'credit-note' ? 'this credit note was already applied' : 'payments are allocated to this invoice';
      fail('invoiceId', 'has-payments', `${invoice.number}: ${what}, it cannot be cancelled`, { number: invoice.number, paidCents: invoice.paidCents });
    }
    const updated: Invoice = { ...invoice, cancelled: { reason: text, date }, updatedAt: at };
    await db.invoices.put(updated);
    await db.interactions.add(
      statusChange(invoice.customerId, at, [invoice.id], {
        change: 'cancelled',
        invoiceNumber: invoice.number,
        kind: invoice.kind,
        reason: text,
        date,
        amountCents: invoice.totalCents,
      }),
    );
    return updated;
  });
}

// ---------------------------------------------------------------------------------------------------
// Credit notes

export interface CreditNoteInput {
  customerId: string;
  number: string;
  date: CalendarDate;
  totalCents: Cents;
  appliesToInvoiceId?: string;
  reason?: string;
}

/** The id of the payment a credit note becomes once applied (at most one per credit note). */
export function creditNotePaymentId(creditNoteId: string): string {
  return `avoir-${creditNoteId}`;
}

/**
 * Turns an unused credit note into a payment (method `avoir`, source `credit-note`, id
 * `avoir-<credit note id>`) of its whole amount, allocated to `invoice` up to its balance; the rest
 * stays as a credit on the customer, like any unallocated payment. The credit note is then used up
 * (`paidCents = totalCents`), so its amount is never counted twice.
 * Must run inside a transaction over invoices, payments and interactions.
 */
async function applyCreditNoteTo(creditNote: Invoice, invoice: Invoice, db: RelanceDatabase, at: IsoInstant, date: CalendarDate): Promise<Payment> {
  if (invoice.kind !== 'invoice') fail('appliesToInvoiceId', 'invalid', `${invoice.number} is not an invoice`);
  if (invoice.customerId !== creditNote.customerId) {
    fail('appliesToInvoiceId', 'other-customer', `invoice ${invoice.number} belongs to another customer`, { number: invoice.number });
  }
  if (invoice.cancelled || invoice.writeOff) {
    fail('appliesToInvoiceId', 'not-open', `invoice ${invoice.number} is ${invoice.cancelled ? 'cancelled' : 'written off'}`, { number: invoice.number });
  }
  if (creditNote.paidCents > 0 || creditNote.cancelled) {
    fail('creditNoteId', 'already-applied', `credit note ${creditNote.number} was already applied or cancelled`, { number: creditNote.number });
  }
  const allocated = Math.min(creditNote.totalCents, balanceOf(invoice));
  const allocations: PaymentAllocation[] = allocated > 0 ? [{ invoiceId: invoice.id, amountCents: allocated }] : [];
  const payment = await recordPayment(
    db,
    {
      id: creditNotePaymentId(creditNote.id),
      customerId: creditNote.customerId,
      date,
      amountCents: creditNote.totalCents,
      method: 'avoir',
      source: 'credit-note',
      reference: `Avoir ${creditNote.number}`,
      createdAt: at,
    },
    allocations,
  );
  await db.invoices.put({ ...creditNote, paidCents: creditNote.totalCents, updatedAt: at });
  await db.interactions.add(
    paymentEntry(payment, at, { creditNoteId: creditNote.id, creditNoteNumber: creditNote.number, invoiceNumber: invoice.number }),
  );
  return payment;
}

/**
 * Records a credit note (an invoice of kind `credit-note`, issue and due date = `date`) and, with
 * `appliesToInvoiceId`, applies it to that invoice at once (see `applyCreditNote`). Timeline:
 * `credit-note-created`, then a `payment` entry when applied.
 */
export async function addCreditNote(
  db: RelanceDatabase,
  input: CreditNoteInput,
  nowIso?: IsoInstant,
): Promise<{ creditNote: Invoice; payment: Payment | null }> {
  const at = clock(nowIso);
  return db.transaction('rw', [db.invoices, db.customers, db.payments, db.interactions], async () => {
    const issues: ValidationIssue[] = [];
    const number = input.number.trim();
    if (number === '') issues.push({ field: 'number', code: 'required', message: 'the credit note number is required' });
    else if (await db.invoices.where('number').equals(number).first()) {
      issues.push({ field: 'number', code: 'duplicate', message: `number ${number} is already used by another invoice or credit note`, params: { number } });
    }
    if (!isCalendarDate(input.date)) issues.push({ field: 'date', code: 'invalid', message: 'date must be a YYYY-MM-DD date' });
    if (!Number.isSafeInteger(input.totalCents) || input.totalCents <= 0) {
      issues.push({ field: 'totalCents', code: 'not-positive', message: 'the amount must be positive' });
    }
    if (!(await db.customers.get(input.customerId))) {
      issues.push({ field: 'customerId', code: 'not-found', message: `customer ${input.customerId} does not exist` });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    const target = input.appliesToInvoiceId === undefined ? undefined : await requireInvoice(db, input.appliesToInvoiceId, 'appliesToInvoiceId');

    const creditNote: Invoice = {
      id: crypto.randomUUID(),
      number,
      kind: 'credit-note',
      customerId: input.customerId,
      issueDate: input.date,
      dueDate: input.date,
      totalCents: input.totalCents,
      paidCents: 0,
      createdAt: at,
      updatedAt: at,
    };
    await db.invoices.add(creditNote);
    const details: Details = { change: 'credit-note-created', creditNoteNumber: number, amountCents: input.totalCents };
    if (target) details.appliesToInvoiceNumber = target.number;
    await db.interactions.add(statusChange(input.customerId, at, target ? [creditNote.id, target.id] : [creditNote.id], details, input.reason));
    if (!target) return { creditNote, payment: null };
    const payment = await applyCreditNoteTo(creditNote, target, db, at, input.date);
    return { creditNote: { ...creditNote, paidCents: creditNote.totalCents, updatedAt: at }, payment };
  });
}

/** Applies a credit note recorded earlier without a target to an invoice of the same customer. */
export async function applyCreditNote(
  db: RelanceDatabase,
  creditNoteId: string,
  invoiceId: string,
  date: CalendarDate,
  nowIso?: IsoInstant,
): Promise<Payment> {
  requireDate(date, 'date');
  const at = clock(nowIso);
  return db.transaction('rw', [db.invoices, db.payments, db.interactions], async () => {
    const creditNote = await requireInvoice(db, creditNoteId, 'creditNoteId');
    if (creditNote.kind !== 'credit-note') fail('creditNoteId', 'invalid', `${creditNote.number} is not a credit note`);
    const invoice = await requireInvoice(db, invoiceId, 'appliesToInvoiceId');
    return applyCreditNoteTo(creditNote, invoice, db, at, date);
  });
}

// ---------------------------------------------------------------------------------------------------
// Payments and balance

export interface CustomerPaymentInput {
  customerId: string;
  date: CalendarDate;
  amountCents: Cents;
  method: PaymentMethod;
  reference?: string;
}

export interface CustomerBalance {
  /** What the customer still owes on invoices neither cancelled nor written off (disputed ones included). */
  openCents: Cents;
  /** Money the shop holds for the customer: unallocated payments + unused credit notes. */
  creditCents: Cents;
}

/** Invoices that an automatic allocation may settle: real invoices, open, not disputed. */
function allocatable(invoice: Invoice): boolean {
  return invoice.kind === 'invoice' && !invoice.cancelled && !invoice.writeOff && !invoice.dispute && balanceOf(invoice) > 0;
}

function balanceFrom(invoices: readonly Invoice[], payments: readonly Payment[]): CustomerBalance {
  let openCents = 0;
  let creditCents = 0;
  for (const invoice of invoices) {
    if (invoice.cancelled || invoice.writeOff) continue;
    if (invoice.kind === 'credit-note') creditCents += balanceOf(invoice);
    else openCents += balanceOf(invoice);
  }
  for (const payment of payments) {
    creditCents += payment.amountCents - payment.allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0);
  }
  return { openCents, creditCents };
}

async function readBalance(db: RelanceDatabase, customerId: string): Promise<CustomerBalance> {
  const [invoices, payments] = await Promise.all([
    db.invoices.where('customerId').equals(customerId).toArray(),
    db.payments.where('customerId').equals(customerId).toArray(),
  ]);
  return balanceFrom(invoices, payments);
}

/** What the customer owes and what the shop holds for them. */
export async function customerBalance(db: RelanceDatabase, customerId: string): Promise<CustomerBalance> {
  return db.transaction('r', db.invoices, db.payments, () => readBalance(db, customerId));
}

/**
 * Records a payment received from a customer. Without `allocations`, it settles the customer's open,
 * undisputed invoices oldest first (`allocateOldestFirst`); with them, exactly those (checked by
 * payments-repo: same customer, open, not more than the balance...). What is not allocated stays as a
 * credit. Adds a `payment` entry to the timeline. Returns the payment and the customer's credit after it.
 */
export async function recordCustomerPayment(
  db: RelanceDatabase,
  input: CustomerPaymentInput,
  allocations?: readonly PaymentAllocation[],
  nowIso?: IsoInstant,
): Promise<{ payment: Payment; creditCents: Cents }> {
  const at = clock(nowIso);
  return db.transaction('rw', [db.customers, db.invoices, db.payments, db.interactions], async () => {
    requireDate(input.date, 'date');
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) {
      fail('amountCents', 'not-positive', 'the amount must be positive');
    }
    await requireCustomer(db, input.customerId);
    let chosen = allocations;
    if (chosen === undefined) {
      const invoices = await db.invoices.where('customerId').equals(input.customerId).toArray();
      chosen = allocateOldestFirst(invoices.filter(allocatable), input.amountCents).allocations;
    }
    const paymentInput: Parameters<typeof recordPayment>[1] = {
      customerId: input.customerId,
      date: input.date,
      amountCents: input.amountCents,
      method: input.method,
      source: 'manual',
      createdAt: at,
    };
    const reference = input.reference?.trim();
    if (reference) paymentInput.reference = reference;
    const payment = await recordPayment(db, paymentInput, chosen);
    await db.interactions.add(paymentEntry(payment, at));
    const { creditCents } = await readBalance(db, input.customerId);
    return { payment, creditCents };
  });
}

/** A customer's timeline entries produced by this module, newest first (handy for tests and the UI). */
export function listStatusChanges(db: RelanceDatabase, customerId: string): Promise<Interaction[]> {
  return db.interactions
    .where('[customerId+at]')
    .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
    .reverse()
    .filter((entry) => entry.kind === 'status-change' || entry.kind === 'payment')
    .toArray();
}
