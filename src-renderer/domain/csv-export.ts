/**
 * CSV exports of the ledger (customers, invoices, payments, timeline), pure.
 *
 * Two dialects:
 * - `excel-fr`: what Excel opens correctly on a French Windows or Mac by double-click: `;` between
 *   fields (the French list separator), a UTF-8 byte order mark (without it Excel reads the file as
 *   Windows-1252 and "Échéance" becomes "Ã‰chÃ©ance"), CRLF line ends, decimal comma (`1234,50`),
 *   dates `JJ/MM/AAAA`, instants `JJ/MM/AAAA HH:MM` in the shop's time zone;
 * - `plain`: for other tools and scripts: `,`, no BOM, LF, dot decimals (`1234.50`), ISO dates and
 *   instants as stored.
 *
 * Fields are quoted per RFC 4180 (only when they hold the delimiter, a quote, CR or LF; quotes doubled).
 * Amounts never carry a currency symbol nor a thousands separator, so that a spreadsheet reads them as
 * numbers.
 *
 * CSV injection (a cell that a spreadsheet runs as a formula, e.g. a customer named
 * `=HYPERLINK("http://x","y")`): every *text* cell starting with `=`, `+`, `-`, `@`, tab or CR is
 * prefixed with `'`, which spreadsheets show as text. Numbers, amounts and dates are typed cells and
 * are never prefixed (a credit balance stays `-12,50`, a number Excel can add up).
 *
 * Header labels are file content, not UI text: they live here, in French and English, with the labels
 * of statuses, kinds and methods, so that an export reads the same whatever the screen's translation.
 */
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import { isCalendarDate } from './dates';
import { invoiceStatus, type InvoiceStatus } from './invoice-status';
import { summarizeLedger } from './ledger-summary';
import type {
  CalendarDate,
  Cents,
  Customer,
  Interaction,
  Invoice,
  IsoInstant,
  Language,
  Payment,
} from './model';

export type CsvDialect = 'excel-fr' | 'plain';

/** An amount: written `1234,50` (excel-fr) or `1234.50` (plain), never prefixed against injection. */
export interface CsvMoney {
  cents: Cents;
}
/** A calendar date: `22/11/2026` (excel-fr) or `2026-11-22` (plain). */
export interface CsvDate {
  date: CalendarDate;
}
/** An instant: `22/11/2026 09:30` in `timeZone` (excel-fr) or the ISO string as stored (plain). */
export interface CsvInstant {
  instant: IsoInstant;
  timeZone: string;
}

/**
 * One cell. Strings are text (checked against injection), numbers are written with the dialect's
 * decimal separator, `null` is an empty cell; the typed cells format amounts and dates per dialect.
 */
export type CsvCell = string | number | null | CsvMoney | CsvDate | CsvInstant;

export interface CsvTable {
  headers: string[];
  rows: CsvCell[][];
}

export const money = (cents: Cents): CsvMoney => ({ cents });
export const calendarDate = (date: CalendarDate): CsvDate => ({ date });
export const instant = (iso: IsoInstant, timeZone: string): CsvInstant => ({ instant: iso, timeZone });

interface DialectRules {
  delimiter: string;
  eol: string;
  bom: string;
  decimal: string;
}

const DIALECTS: Record<CsvDialect, DialectRules> = {
  'excel-fr': { delimiter: ';', eol: '\r\n', bom: '\uFEFF', decimal: ',' },
  plain: { delimiter: ',', eol: '\n', bom: '', decimal: '.' },
};

/** First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

function formatNumber(value: number, rules: DialectRules): string {
  if (!Number.isFinite(value)) throw new Error(`CSV cells must be finite numbers, got ${value}`);
  return String(value).replace('.', rules.decimal);
}

function formatMoney(cents: Cents, rules: DialectRules): string {
  if (!Number.isInteger(cents)) throw new Error(`CSV amounts are integer cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  const units = Math.floor(absolute / 100);
  const rest = String(absolute % 100).padStart(2, '0');
  return `${sign}${units}${rules.decimal}${rest}`;
}

function formatCalendarDate(date: CalendarDate, dialect: CsvDialect): string {
  if (!isCalendarDate(date)) throw new Error(`Not a YYYY-MM-DD calendar date: "${date}"`);
  if (dialect === 'plain') return date;
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function formatInstant(cell: CsvInstant, dialect: CsvDialect): string {
  if (dialect === 'plain') return cell.instant;
  const parsed = new Date(cell.instant);
  if (Number.isNaN(parsed.getTime())) throw new Error(`Not an ISO instant: "${cell.instant}"`);
  return format(parsed, 'dd/MM/yyyy HH:mm', { in: tz(cell.timeZone) });
}

/** RFC 4180: quoted only when needed, inner quotes doubled. */
function quote(field: string, rules: DialectRules): string {
  const needsQuotes =
    field.includes(rules.delimiter) || field.includes('"') || field.includes('\n') || field.includes('\r');
  return needsQuotes ? `"${field.replaceAll('"', '""')}"` : field;
}

/** The text of one cell, before quoting: typed cells formatted, text cells defused. */
function cellText(cell: CsvCell, dialect: CsvDialect, rules: DialectRules): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return formatNumber(cell, rules);
  if (typeof cell === 'string') return FORMULA_START.test(cell) ? `'${cell}` : cell;
  if ('cents' in cell) return formatMoney(cell.cents, rules);
  if ('date' in cell) return formatCalendarDate(cell.date, dialect);
  return formatInstant(cell, dialect);
}

/** The whole file as a string; write it as UTF-8 (the excel-fr BOM is the string's first character). */
export function toCsv(table: CsvTable, options: { dialect: CsvDialect }): string {
  const rules = DIALECTS[options.dialect];
  const line = (cells: readonly CsvCell[]) =>
    cells.map((cell) => quote(cellText(cell, options.dialect, rules), rules)).join(rules.delimiter);
  const lines = [line(table.headers)];
  table.rows.forEach((row, index) => {
    if (row.length !== table.headers.length) {
      throw new Error(`CSV row ${index + 1} has ${row.length} cells for ${table.headers.length} headers`);
    }
    lines.push(line(row));
  });
  // A line end after the last record too: RFC 4180 allows it and tools that append expect it.
  return rules.bom + lines.join(rules.eol) + rules.eol;
}

// ---------------------------------------------------------------------------------------------------
// Labels: file content, in the export's language.

const INVOICE_COLUMNS = [
  'number',
  'kind',
  'customer',
  'issueDate',
  'dueDate',
  'total',
  'paid',
  'balance',
  'status',
  'daysLate',
  'reason',
] as const;
const CUSTOMER_COLUMNS = [
  'name',
  'kind',
  'siret',
  'vatNumber',
  'contact',
  'email',
  'phone',
  'address',
  'postcode',
  'city',
  'country',
  'language',
  'preferredChannel',
  'tags',
  'openInvoices',
  'balance',
  'overdue',
  'pausedUntil',
  'doNotChase',
  'notes',
] as const;
const PAYMENT_COLUMNS = [
  'date',
  'customer',
  'amount',
  'method',
  'reference',
  'invoices',
  'allocated',
  'unallocated',
] as const;
const INTERACTION_COLUMNS = [
  'at',
  'customer',
  'kind',
  'channel',
  'status',
  'invoices',
  'subject',
  'callOutcome',
  'notes',
  'body',
] as const;

type Columns<T extends readonly string[]> = Record<T[number], string>;

interface Labels {
  invoices: Columns<typeof INVOICE_COLUMNS>;
  customers: Columns<typeof CUSTOMER_COLUMNS>;
  payments: Columns<typeof PAYMENT_COLUMNS>;
  interactions: Columns<typeof INTERACTION_COLUMNS>;
  invoiceKinds: Record<Invoice['kind'], string>;
  statuses: Record<InvoiceStatus, string>;
  customerKinds: Record<Customer['kind'], string>;
  languages: Record<Language, string>;
  yes: string;
  /** Keyed by string rather than the model's unions so that a new value prints as itself, not as blank. */
  channels: Record<string, string>;
  paymentMethods: Record<string, string>;
  interactionKinds: Record<string, string>;
  reminderStatuses: Record<string, string>;
  callOutcomes: Record<string, string>;
}

export const CSV_LABELS: Record<Language, Labels> = {
  fr: {
    invoices: {
      number: 'Numéro',
      kind: 'Type',
      customer: 'Client',
      issueDate: 'Date d’émission',
      dueDate: 'Échéance',
      total: 'Montant TTC',
      paid: 'Payé',
      balance: 'Reste dû',
      status: 'Statut',
      daysLate: 'Jours de retard',
      reason: 'Motif',
    },
    customers: {
      name: 'Nom',
      kind: 'Type',
      siret: 'SIRET',
      vatNumber: 'N° TVA',
      contact: 'Contact',
      email: 'E-mail',
      phone: 'Téléphone',
      address: 'Adresse',
      postcode: 'Code postal',
      city: 'Ville',
      country: 'Pays',
      language: 'Langue',
      preferredChannel: 'Canal préféré',
      tags: 'Étiquettes',
      openInvoices: 'Factures ouvertes',
      balance: 'Encours',
      overdue: 'Dont en retard',
      pausedUntil: 'Relances suspendues jusqu’au',
      doNotChase: 'Ne pas relancer',
      notes: 'Notes',
    },
    payments: {
      date: 'Date',
      customer: 'Client',
      amount: 'Montant',
      method: 'Mode de paiement',
      reference: 'Référence',
      invoices: 'Factures',
      allocated: 'Affecté',
      unallocated: 'Non affecté',
    },
    interactions: {
      at: 'Date',
      customer: 'Client',
      kind: 'Type',
      channel: 'Canal',
      status: 'Statut',
      invoices: 'Factures',
      subject: 'Objet',
      callOutcome: 'Résultat de l’appel',
      notes: 'Notes',
      body: 'Message',
    },
    invoiceKinds: { invoice: 'Facture', 'credit-note': 'Avoir' },
    statuses: {
      'not-due': 'À échoir',
      due: 'Échue aujourd’hui',
      overdue: 'En retard',
      'partly-paid': 'Payée en partie',
      paid: 'Payée',
      disputed: 'Contestée',
      'written-off': 'Passée en perte',
      cancelled: 'Annulée',
    },
    customerKinds: { business: 'Professionnel', consumer: 'Particulier' },
    languages: { fr: 'Français', en: 'Anglais' },
    yes: 'Oui',
    channels: {
      email: 'E-mail',
      sms: 'SMS',
      whatsapp: 'WhatsApp',
      phone: 'Téléphone',
      letter: 'Courrier',
      'formal-notice': 'Mise en demeure',
      legal: 'Action en justice',
    },
    paymentMethods: {
      virement: 'Virement',
      cheque: 'Chèque',
      carte: 'Carte',
      especes: 'Espèces',
      prelevement: 'Prélèvement',
      autre: 'Autre',
      avoir: 'Avoir',
    },
    interactionKinds: {
      reminder: 'Relance',
      call: 'Appel',
      letter: 'Courrier',
      note: 'Note',
      'status-change': 'Changement de statut',
      promise: 'Promesse',
      'payment-plan': 'Échéancier',
      payment: 'Paiement',
    },
    reminderStatuses: {
      draft: 'Brouillon',
      queued: 'En attente d’envoi',
      sending: 'En cours d’envoi',
      sent: 'Envoyée',
      retrying: 'Nouvel essai prévu',
      failed: 'Échec',
      skipped: 'Ignorée',
    },
    callOutcomes: {
      'no-answer': 'Pas de réponse',
      voicemail: 'Messagerie',
      promise: 'Promesse de paiement',
      dispute: 'Contestation',
      'says-paid': 'Dit avoir payé',
      'wrong-number': 'Mauvais numéro',
      'asks-plan': 'Demande un échéancier',
      'call-back': 'À rappeler',
    },
  },
  en: {
    invoices: {
      number: 'Number',
      kind: 'Type',
      customer: 'Customer',
      issueDate: 'Issue date',
      dueDate: 'Due date',
      total: 'Total incl. tax',
      paid: 'Paid',
      balance: 'Balance due',
      status: 'Status',
      daysLate: 'Days late',
      reason: 'Reason',
    },
    customers: {
      name: 'Name',
      kind: 'Type',
      siret: 'SIRET',
      vatNumber: 'VAT number',
      contact: 'Contact',
      email: 'Email',
      phone: 'Phone',
      address: 'Address',
      postcode: 'Postcode',
      city: 'City',
      country: 'Country',
      language: 'Language',
      preferredChannel: 'Preferred channel',
      tags: 'Tags',
      openInvoices: 'Open invoices',
      balance: 'Balance due',
      overdue: 'Of which overdue',
      pausedUntil: 'Reminders paused until',
      doNotChase: 'Do not chase',
      notes: 'Notes',
    },
    payments: {
      date: 'Date',
      customer: 'Customer',
      amount: 'Amount',
      method: 'Payment method',
      reference: 'Reference',
      invoices: 'Invoices',
      allocated: 'Allocated',
      unallocated: 'Unallocated',
    },
    interactions: {
      at: 'Date',
      customer: 'Customer',
      kind: 'Type',
      channel: 'Channel',
      status: 'Status',
      invoices: 'Invoices',
      subject: 'Subject',
      callOutcome: 'Call outcome',
      notes: 'Notes',
      body: 'Message',
    },
    invoiceKinds: { invoice: 'Invoice', 'credit-note': 'Credit note' },
    statuses: {
      'not-due': 'Not due yet',
      due: 'Due today',
      overdue: 'Overdue',
      'partly-paid': 'Partly paid',
      paid: 'Paid',
      disputed: 'Disputed',
      'written-off': 'Written off',
      cancelled: 'Cancelled',
    },
    customerKinds: { business: 'Business', consumer: 'Consumer' },
    languages: { fr: 'French', en: 'English' },
    yes: 'Yes',
    channels: {
      email: 'Email',
      sms: 'SMS',
      whatsapp: 'WhatsApp',
      phone: 'Phone',
      letter: 'Letter',
      'formal-notice': 'Formal notice',
      legal: 'Legal action',
    },
    paymentMethods: {
      virement: 'Bank transfer',
      cheque: 'Cheque',
      carte: 'Card',
      especes: 'Cash',
      prelevement: 'Direct debit',
      autre: 'Other',
      avoir: 'Credit note',
    },
    interactionKinds: {
      reminder: 'Reminder',
      call: 'Call',
      letter: 'Letter',
      note: 'Note',
      'status-change': 'Status change',
      promise: 'Promise',
      'payment-plan': 'Payment plan',
      payment: 'Payment',
    },
    reminderStatuses: {
      draft: 'Draft',
      queued: 'Queued',
      sending: 'Sending',
      sent: 'Sent',
      retrying: 'Retry scheduled',
      failed: 'Failed',
      skipped: 'Skipped',
    },
    callOutcomes: {
      'no-answer': 'No answer',
      voicemail: 'Voicemail',
      promise: 'Promise to pay',
      dispute: 'Dispute',
      'says-paid': 'Says paid',
      'wrong-number': 'Wrong number',
      'asks-plan': 'Asks for a payment plan',
      'call-back': 'Call back',
    },
  },
};

/** Headers in the order of the columns, for a table kind. */
function headers<T extends readonly string[]>(columns: T, labels: Columns<T>): string[] {
  return columns.map((column: T[number]) => labels[column]);
}

/** Code-point order: the same on every machine, whatever the system's locale. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const label = (table: Record<string, string>, value: string | undefined): string | null =>
  value === undefined ? null : (table[value] ?? value);

export type CustomersById = ReadonlyMap<string, Pick<Customer, 'name'>>;
export type InvoicesById = ReadonlyMap<string, Pick<Invoice, 'number'>>;

/**
 * French numbers in the national form (`+33612345678` → `06 12 34 56 78`), as a French spreadsheet
 * user types them; it also spares them the injection prefix that a leading `+` would get. Other
 * numbers stay as stored (and an international `+…` is prefixed with `'`).
 */
function phoneText(phone: string | undefined): string | null {
  if (phone === undefined) return null;
  const french = /^\+33([1-9])(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(phone);
  return french ? `0${french.slice(1).join(' ')}` : phone;
}

const customerName = (customersById: CustomersById, id: string): string => customersById.get(id)?.name ?? id;

const invoiceNumbers = (invoicesById: InvoicesById, ids: readonly string[]): string =>
  ids.map((id) => invoicesById.get(id)?.number ?? id).join(', ');

// ---------------------------------------------------------------------------------------------------
// Builders: one row per record, sorted so that two exports of the same data are identical.

/** Invoices and credit notes, by issue date then number, with the status on `today`. */
export function invoicesTable(
  invoices: readonly Invoice[],
  customersById: CustomersById,
  today: CalendarDate,
  language: Language,
): CsvTable {
  const labels = CSV_LABELS[language];
  const sorted = [...invoices].sort(
    (a, b) => compare(a.issueDate, b.issueDate) || compare(a.number, b.number),
  );
  const rows = sorted.map((invoice): CsvCell[] => {
    const { status, daysLate, balanceCents } = invoiceStatus(invoice, today);
    const reason = invoice.cancelled?.reason ?? invoice.writeOff?.reason ?? invoice.dispute?.reason ?? null;
    return [
      invoice.number,
      labels.invoiceKinds[invoice.kind],
      customerName(customersById, invoice.customerId),
      calendarDate(invoice.issueDate),
      calendarDate(invoice.dueDate),
      money(invoice.totalCents),
      money(invoice.paidCents),
      money(balanceCents),
      labels.statuses[status],
      daysLate,
      reason,
    ];
  });
  return { headers: headers(INVOICE_COLUMNS, labels.invoices), rows };
}

/**
 * Customers, by name, with what they owe on `today` (as the customers screen shows it: credit notes
 * not yet used reduce the balance, so it can be negative).
 */
export function customersTable(
  customers: readonly Customer[],
  invoices: readonly Invoice[],
  today: CalendarDate,
  language: Language,
): CsvTable {
  const labels = CSV_LABELS[language];
  const summary = summarizeLedger(customers, invoices, [], today);
  const sorted = [...summary.customers].sort(
    (a, b) =>
      compare(a.customer.normalizedName, b.customer.normalizedName) || compare(a.customer.id, b.customer.id),
  );
  const rows = sorted.map(({ customer, openInvoices, balanceCents, overdueCents }): CsvCell[] => {
    const contact =
      customer.contacts.find((candidate) => candidate.id === customer.preferredContactId) ?? customer.contacts[0];
    return [
      customer.name,
      labels.customerKinds[customer.kind],
      customer.siret ?? null,
      customer.vatNumber ?? null,
      contact?.name ?? null,
      contact?.email ?? null,
      phoneText(contact?.mobile ?? contact?.phone),
      customer.address ? customer.address.lines.join(', ') : null,
      customer.address?.postcode ?? null,
      customer.address?.city ?? null,
      customer.address?.country ?? null,
      labels.languages[customer.language],
      label(labels.channels, customer.preferredChannel),
      customer.tags.join(', '),
      openInvoices,
      money(balanceCents),
      money(overdueCents),
      customer.pausedUntil ? calendarDate(customer.pausedUntil) : null,
      customer.doNotChase ? customer.doNotChase.reason || labels.yes : null,
      customer.notes ?? null,
    ];
  });
  return { headers: headers(CUSTOMER_COLUMNS, labels.customers), rows };
}

/** Payments, by date, with the invoices they settle and what is left as a credit. */
export function paymentsTable(
  payments: readonly Payment[],
  customersById: CustomersById,
  invoicesById: InvoicesById,
  language: Language,
): CsvTable {
  const labels = CSV_LABELS[language];
  const sorted = [...payments].sort((a, b) => compare(a.date, b.date) || compare(a.id, b.id));
  const rows = sorted.map((payment): CsvCell[] => {
    const allocated = payment.allocations.reduce((sum, allocation) => sum + allocation.amountCents, 0);
    return [
      calendarDate(payment.date),
      customerName(customersById, payment.customerId),
      money(payment.amountCents),
      label(labels.paymentMethods, payment.method),
      payment.reference ?? null,
      invoiceNumbers(
        invoicesById,
        payment.allocations.map((allocation) => allocation.invoiceId),
      ),
      money(allocated),
      money(payment.amountCents - allocated),
    ];
  });
  return { headers: headers(PAYMENT_COLUMNS, labels.payments), rows };
}

/** The timeline (reminders, calls, letters, notes...), oldest first; instants shown in `timeZone`. */
export function interactionsTable(
  interactions: readonly Interaction[],
  customersById: CustomersById,
  invoicesById: InvoicesById,
  language: Language,
  timeZone: string,
): CsvTable {
  const labels = CSV_LABELS[language];
  const sorted = [...interactions].sort((a, b) => compare(a.at, b.at) || compare(a.id, b.id));
  const rows = sorted.map(
    (interaction): CsvCell[] => [
      instant(interaction.at, timeZone),
      customerName(customersById, interaction.customerId),
      label(labels.interactionKinds, interaction.kind),
      label(labels.channels, interaction.channel),
      label(labels.reminderStatuses, interaction.status),
      invoiceNumbers(invoicesById, interaction.invoiceIds),
      interaction.subject ?? null,
      label(labels.callOutcomes, interaction.callOutcome),
      interaction.notes ?? null,
      interaction.body ?? null,
    ],
  );
  return { headers: headers(INTERACTION_COLUMNS, labels.interactions), rows };
}
