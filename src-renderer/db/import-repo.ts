/**
 * Importing invoices read from the invoicing tool's export (rows from domain/csv-import.ts).
 *
 * - `previewInvoiceImport` says what an import would do, without writing (the wizard's preview).
 * - `applyInvoiceImport` does it in ONE transaction: if any write fails, nothing is written and it throws.
 *
 * Both go through the same plan (`planInvoiceImport`, pure), so the preview never disagrees with the
 * import. An invoice already known (same `number`) is updated (due date, total, amount paid) instead of
 * being duplicated, which makes importing a newer export of the same tool safe. Customers are found by
 * SIRET, then email, then normalised name (domain/contact-checks.ts), and created when new.
 *
 * `invoice.paidCents` stays equal to the sum of the payment allocations: when a row says more was paid
 * than recorded, the difference becomes a Payment (method `autre`, source `import`, dated the import
 * day); when it says less, the row is rejected (a correction is the user's decision).
 */
import {
  CustomerIndex,
  customerMatchesKey,
  guessCustomerKind,
  isFrenchMobile,
  matchCustomerKey,
  normalizePhone,
  type CustomerKey,
} from '../domain/contact-checks';
import { isCalendarDate } from '../domain/dates';
import type { CalendarDate, Cents, Contact, Customer, Interaction, Invoice, IsoInstant, Payment } from '../domain/model';
import { normalizeName } from '../domain/text';
import type { RelanceDatabase } from './database';

/**
 * One invoice line of an imported file, as domain/csv-import.ts produces it (a structural copy, so that
 * this module does not depend on the parser). `line` is the line number in the file, for messages.
 */
export interface InvoiceImportRow {
  line: number;
  number: string;
  customerName: string;
  issueDate: string;
  dueDate: string;
  totalCents: number;
  paidCents: number;
  email?: string;
  phone?: string;
  siret?: string;
}

export interface ImportOptions {
  /** The instant of the import; its date part (UTC) dates the payments the import creates. */
  nowIso: IsoInstant;
  /** The shop's calendar date (its time zone): dates the payments the import creates. */
  today?: CalendarDate;
  /** Name of the imported file, kept in the payments' reference (`Import <fileName>`). */
  fileName: string;
}

/** Why a row was rejected, for i18n; `message` says it in English with the amounts in French format. */
export type ImportRejectionCode =
  | 'missing-number'
  | 'missing-customer'
  | 'invalid-date'
  | 'due-before-issue'
  | 'invalid-amount'
  | 'paid-above-total'
  | 'duplicate-in-file'
  | 'not-an-invoice'
  | 'customer-differs'
  | 'paid-decreased'
  | 'invoice-closed';

export interface ImportRejection {
  line: number;
  number: string;
  message: string;
  code: ImportRejectionCode;
  params: Record<string, string | number>;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
  customersCreated: number;
  /** Payments created for amounts paid read from the file, and their total. */
  paymentsCreated: number;
  paymentsCents: Cents;
}

/** A change the import would make to a known invoice (`from` → `to`), for the preview. */
export interface ImportChange {
  line: number;
  number: string;
  invoiceId: string;
  dueDate?: { from: CalendarDate; to: CalendarDate };
  totalCents?: { from: Cents; to: Cents };
  paidCents?: { from: Cents; to: Cents };
}

export interface ImportCustomerToCreate {
  name: string;
  kind: Customer['kind'];
  siret?: string;
  email?: string;
  /** E.164 when it could be normalised, otherwise as in the file. */
  phone?: string;
  /** Lines of the file whose invoices would go to this new customer. */
  lines: number[];
}

export interface ImportPreview extends ImportResult {
  customersToCreate: ImportCustomerToCreate[];
  changes: ImportChange[];
}

/** Everything an import writes, computed from the rows and the current records. */
export interface ImportPlan {
  newCustomers: Customer[];
  customersToCreate: ImportCustomerToCreate[];
  newInvoices: Invoice[];
  updatedInvoices: Invoice[];
  payments: Payment[];
  interactions: Interaction[];
  unchanged: number;
  rejected: ImportRejection[];
  changes: ImportChange[];
}

const amountFormat = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 12000 → "120,00" (thousands separated by a narrow no-break space, as French writes them). */
function amountText(cents: Cents): string {
  return amountFormat.format(cents / 100);
}

function reject(
  row: InvoiceImportRow,
  code: ImportRejectionCode,
  message: string,
  params: Record<string, string | number> = {},
): ImportRejection {
  return { line: row.line, number: row.number.trim(), code, message, params };
}

/** The checks a row must pass on its own, before looking at the database. */
function checkRow(row: InvoiceImportRow): ImportRejection | undefined {
  if (row.number.trim() === '') return reject(row, 'missing-number', 'the invoice number is empty');
  if (row.customerName.trim() === '') return reject(row, 'missing-customer', 'the customer name is empty');
  for (const field of ['issueDate', 'dueDate'] as const) {
    if (!isCalendarDate(row[field])) {
      return reject(row, 'invalid-date', `the ${field === 'issueDate' ? 'issue' : 'due'} date "${row[field]}" is not a date`, {
        field,
        value: row[field],
      });
    }
  }
  if (row.dueDate < row.issueDate) {
    return reject(row, 'due-before-issue', `the due date ${row.dueDate} is before the issue date ${row.issueDate}`, {
      issueDate: row.issueDate,
      dueDate: row.dueDate,
    });
  }
  for (const field of ['totalCents', 'paidCents'] as const) {
    const value = row[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      const what = field === 'totalCents' ? 'total' : 'amount paid';
      const hint = field === 'totalCents' && value < 0 ? ' (credit notes are not imported: record them by hand)' : '';
      return reject(row, 'invalid-amount', `the ${what} ${Number.isFinite(value) ? amountText(value) : String(value)} is not a positive amount${hint}`, {
        field,
        value: String(value),
      });
    }
  }
  if (row.paidCents > row.totalCents) {
    return reject(
      row,
      'paid-above-total',
      `the amount paid ${amountText(row.paidCents)} is more than the total ${amountText(row.totalCents)}`,
      { paid: amountText(row.paidCents), total: amountText(row.totalCents) },
    );
  }
  return undefined;
}

function keyOf(row: InvoiceImportRow): CustomerKey {
  return matchCustomerKey({ name: row.customerName, siret: row.siret, email: row.email });
}

function newCustomerFrom(row: InvoiceImportRow, nowIso: IsoInstant): Customer {
  const name = row.customerName.trim().replace(/\s+/g, ' ');
  const key = keyOf(row);
  const kind = guessCustomerKind(name, key.siret);
  const email = row.email?.trim() || undefined;
  const rawPhone = row.phone?.trim() || undefined;
  const contact: Contact = { id: crypto.randomUUID(), name: kind === 'consumer' ? name : '' };
  if (email) contact.email = email;
  if (rawPhone) {
    const result = normalizePhone(rawPhone);
    if ('e164' in result && isFrenchMobile(result.e164)) contact.mobile = result.e164;
    else contact.phone = 'e164' in result ? result.e164 : rawPhone;
  }
  const hasContact = email !== undefined || rawPhone !== undefined;
  const customer: Customer = {
    id: crypto.randomUUID(),
    name,
    normalizedName: normalizeName(name),
    kind,
    contacts: hasContact ? [contact] : [],
    preferredChannel: email ? 'email' : rawPhone ? 'phone' : 'letter',
    language: 'fr',
    tags: [],
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  if (key.siret !== undefined) customer.siret = key.siret;
  if (hasContact) customer.preferredContactId = contact.id;
  return customer;
}

/**
 * The import as data: what would be created, updated, left alone and rejected. Pure (apart from
 * random ids): `customers` are all the stored customers, `existing` the stored invoices whose number
 * appears in `rows` (others are ignored).
 */
export function planInvoiceImport(
  rows: readonly InvoiceImportRow[],
  customers: readonly Customer[],
  existing: readonly Invoice[],
  options: ImportOptions,
): ImportPlan {
  const { nowIso, fileName } = options;
  // The shop's day, not UTC's: an import at 00:30 in Paris belongs to that day.
  const importDay = options.today ?? nowIso.slice(0, 10);
  const index = new CustomerIndex<Customer>(customers);
  const customersById = new Map(customers.map((customer) => [customer.id, customer]));
  const existingByNumber = new Map(existing.map((invoice) => [invoice.number, invoice]));
  const firstLineOfNumber = new Map<string, number>();
  const createdCustomers = new Map<string, ImportCustomerToCreate>();

  const plan: ImportPlan = {
    newCustomers: [],
    customersToCreate: [],
    newInvoices: [],
    updatedInvoices: [],
    payments: [],
    interactions: [],
    unchanged: 0,
    rejected: [],
    changes: [],
  };

  /** Payments per customer, summed up in ONE timeline entry per customer (not one per invoice). */
  const paymentsByCustomer = new Map<string, Payment[]>();
  const addPayment = (invoice: Invoice, amountCents: Cents) => {
    const payment: Payment = {
      id: crypto.randomUUID(),
      customerId: invoice.customerId,
      date: importDay,
      amountCents,
      method: 'autre',
      source: 'import',
      reference: `Import ${fileName}`,
      allocations: [{ invoiceId: invoice.id, amountCents }],
      invoiceIds: [invoice.id],
      createdAt: nowIso,
    };
    plan.payments.push(payment);
    const list = paymentsByCustomer.get(invoice.customerId);
    if (list) list.push(payment);
    else paymentsByCustomer.set(invoice.customerId, [payment]);
  };

  for (const row of rows) {
    const invalid = checkRow(row);
    const number = row.number.trim();
    if (invalid) {
      plan.rejected.push(invalid);
      if (number !== '' && !firstLineOfNumber.has(number)) firstLineOfNumber.set(number, row.line);
      continue;
    }
    const firstLine = firstLineOfNumber.get(number);
    if (firstLine !== undefined) {
      plan.rejected.push(
        reject(row, 'duplicate-in-file', `invoice ${number} already appears on line ${firstLine} of the file`, { firstLine }),
      );
      continue;
    }
    firstLineOfNumber.set(number, row.line);
    const key = keyOf(row);
    const stored = existingByNumber.get(number);

    if (stored) {
      if (stored.kind !== 'invoice') {
        plan.rejected.push(reject(row, 'not-an-invoice', `${number} is a credit note in Relance, not an invoice`));
        continue;
      }
      const owner = customersById.get(stored.customerId);
      if (!owner || !customerMatchesKey(owner, key)) {
        const ownerName = owner?.name ?? stored.customerId;
        plan.rejected.push(
          reject(
            row,
            'customer-differs',
            `invoice ${number} belongs to "${ownerName}" in Relance but to "${row.customerName.trim()}" in the file: check the customer and correct it by hand`,
            { storedCustomer: ownerName, fileCustomer: row.customerName.trim() },
          ),
        );
        continue;
      }
      if (row.paidCents < stored.paidCents) {
        const from = amountText(stored.paidCents);
        const to = amountText(row.paidCents);
        plan.rejected.push(
          reject(row, 'paid-decreased', `amount paid went down from ${from} to ${to}: record the correction by hand`, { from, to }),
        );
        continue;
      }
      const change: ImportChange = { line: row.line, number, invoiceId: stored.id };
      if (row.dueDate !== stored.dueDate) change.dueDate = { from: stored.dueDate, to: row.dueDate };
      if (row.totalCents !== stored.totalCents) change.totalCents = { from: stored.totalCents, to: row.totalCents };
      if (row.paidCents !== stored.paidCents) change.paidCents = { from: stored.paidCents, to: row.paidCents };
      if (!change.dueDate && !change.totalCents && !change.paidCents) {
        plan.unchanged += 1;
        continue;
      }
      if (stored.cancelled || stored.writeOff) {
        const state = stored.cancelled ? 'cancelled' : 'written off';
        plan.rejected.push(
          reject(row, 'invoice-closed', `invoice ${number} is ${state} in Relance: update it by hand if needed`, { state }),
        );
        continue;
      }
      const updated: Invoice = {
        ...stored,
        dueDate: row.dueDate,
        totalCents: row.totalCents,
        paidCents: row.paidCents,
        updatedAt: nowIso,
      };
      plan.updatedInvoices.push(updated);
      plan.changes.push(change);
      if (row.paidCents > stored.paidCents) addPayment(updated, row.paidCents - stored.paidCents);
      continue;
    }

    let customer = index.find(key)?.customer;
    if (!customer) {
      customer = newCustomerFrom(row, nowIso);
      index.add(customer);
      plan.newCustomers.push(customer);
      const contact = customer.contacts[0];
      const toCreate: ImportCustomerToCreate = { name: customer.name, kind: customer.kind, lines: [] };
      if (customer.siret) toCreate.siret = customer.siret;
      if (contact?.email) toCreate.email = contact.email;
      const phone = contact?.mobile ?? contact?.phone;
      if (phone) toCreate.phone = phone;
      createdCustomers.set(customer.id, toCreate);
      plan.customersToCreate.push(toCreate);
    }
    createdCustomers.get(customer.id)?.lines.push(row.line);
    const invoice: Invoice = {
      id: crypto.randomUUID(),
      number,
      kind: 'invoice',
      customerId: customer.id,
      issueDate: row.issueDate,
      dueDate: row.dueDate,
      totalCents: row.totalCents,
      paidCents: row.paidCents,
      createdAt: nowIso,
      updatedAt: nowIso,
    };
    plan.newInvoices.push(invoice);
    if (row.paidCents > 0) addPayment(invoice, row.paidCents);
  }

  for (const [customerId, payments] of paymentsByCustomer) {
    plan.interactions.push({
      id: crypto.randomUUID(),
      customerId,
      kind: 'payment',
      at: nowIso,
      invoiceIds: payments.flatMap((payment) => payment.invoiceIds),
      details: {
        source: 'import',
        fileName,
        method: 'autre',
        payments: payments.length,
        amountCents: payments.reduce((sum, payment) => sum + payment.amountCents, 0),
      },
    });
  }
  return plan;
}

/**
 * The stored invoices whose number is in `numbers`. When the file covers a large part of the table, one
 * sequential read of the table is cheapest; otherwise one lookup per number on the unique `number`
 * index, all issued at once (not awaited one by one). Not `anyOf`: its cursor walk costs one index
 * scan per key in fake-indexeddb (100 keys over 100,000 invoices: 11 s, against 14 ms this way).
 */
async function invoicesByNumbers(db: RelanceDatabase, numbers: readonly string[]): Promise<Invoice[]> {
  if (numbers.length === 0) return [];
  const total = await db.invoices.count();
  if (total === 0) return [];
  if (numbers.length * 4 >= total) {
    const wanted = new Set(numbers);
    const all = await db.invoices.toArray();
    return all.filter((invoice) => wanted.has(invoice.number));
  }
  const found = await Promise.all(numbers.map((number) => db.invoices.where('number').equals(number).first()));
  return found.filter((invoice): invoice is Invoice => invoice !== undefined);
}

function distinctNumbers(rows: readonly InvoiceImportRow[]): string[] {
  const numbers = new Set<string>();
  for (const row of rows) {
    const number = row.number.trim();
    if (number !== '') numbers.add(number);
  }
  return [...numbers];
}

function resultOf(plan: ImportPlan): ImportResult {
  return {
    created: plan.newInvoices.length,
    updated: plan.updatedInvoices.length,
    unchanged: plan.unchanged,
    rejected: plan.rejected,
    customersCreated: plan.newCustomers.length,
    paymentsCreated: plan.payments.length,
    paymentsCents: plan.payments.reduce((sum, payment) => sum + payment.amountCents, 0),
  };
}

/** What `applyInvoiceImport` would do with these rows now; reads only. */
export async function previewInvoiceImport(db: RelanceDatabase, rows: readonly InvoiceImportRow[]): Promise<ImportPreview> {
  return db.transaction('r', db.customers, db.invoices, async () => {
    const [customers, existing] = await Promise.all([db.customers.toArray(), invoicesByNumbers(db, distinctNumbers(rows))]);
    // The instant and file name only stamp records that the preview throws away.
    const plan = planInvoiceImport(rows, customers, existing, { nowIso: '1970-01-01T00:00:00.000Z', fileName: '' });
    return { ...resultOf(plan), customersToCreate: plan.customersToCreate, changes: plan.changes };
  });
}

/**
 * Imports the rows in ONE transaction: new customers, new invoices, updated invoices, the payments for
 * what the file says was paid since, and one `payment` timeline entry per customer who got payments
 * (details: fileName, number of payments, amount; the payments carry `reference: Import <fileName>`).
 * Rejected rows are reported and left alone; the others are written. If a write fails, the transaction is rolled back (nothing
 * written) and the error is thrown.
 */
export async function applyInvoiceImport(
  db: RelanceDatabase,
  rows: readonly InvoiceImportRow[],
  options: ImportOptions,
  onProgress?: (written: number, total: number) => void,
): Promise<ImportResult> {
  return db.transaction('rw', [db.customers, db.invoices, db.payments, db.interactions], async () => {
    const [customers, existing] = await Promise.all([db.customers.toArray(), invoicesByNumbers(db, distinctNumbers(rows))]);
    const plan = planInvoiceImport(rows, customers, existing, options);
    const total =
      plan.newCustomers.length + plan.newInvoices.length + plan.updatedInvoices.length + plan.payments.length + plan.interactions.length;
    let written = 0;
    // In slices, still inside the one transaction: between slices the page can draw the progress
    // bar, and a failure in any slice still rolls everything back. Sequential on purpose: a failure
    // stops the following writes.
    const write = async <T>(records: readonly T[], bulk: (slice: T[]) => Promise<unknown>) => {
      for (let start = 0; start < records.length; start += WRITE_SLICE) {
        const slice = records.slice(start, start + WRITE_SLICE);
        await bulk(slice);
        written += slice.length;
        onProgress?.(written, total);
      }
    };
    await write(plan.newCustomers, (slice) => db.customers.bulkAdd(slice));
    await write(plan.newInvoices, (slice) => db.invoices.bulkAdd(slice));
    await write(plan.updatedInvoices, (slice) => db.invoices.bulkPut(slice));
    await write(plan.payments, (slice) => db.payments.bulkAdd(slice));
    await write(plan.interactions, (slice) => db.interactions.bulkAdd(slice));
    return resultOf(plan);
  });
}

/** Records written per slice: large enough to stay fast, small enough to keep each task short. */
const WRITE_SLICE = 2_000;
