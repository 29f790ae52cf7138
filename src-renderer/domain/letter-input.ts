/**
 * What a postal letter says, built from the ledger: the exact input of `letters.render` (the
 * contract's `LetterInput`) for one customer and one kind of letter. Pure: the caller reads the
 * records and gives `today`; main only lays the result out, so the PDF says what this decided.
 *
 * - Invoices: reminders and formal notices list the customer's overdue invoices (or the ones the
 *   planner's action names), a statement every open invoice with its age, a payment plan agreement
 *   the plan's invoices. Disputed invoices are never claimed, only listed on a statement.
 * - Text: the template of the kind (the shop's own version first, then the built-in one) in the
 *   customer's language. The body before `{{invoiceList}}` becomes `paragraphs`, the body after it
 *   `closing`: the PDF prints its invoice table in between. The formal notice's "Lettre recommandée
 *   avec accusé de réception" line is left to the layout, which prints it above the subject.
 * - Formal notice, business customer: the L441-10 penalties and the D441-5 40 € indemnity of each
 *   invoice from `latePaymentCharges`, with their lines. Consumer: interest at the legal rate runs
 *   only from a formal notice, so the first notice says so (template) and carries no charges; a later
 *   one carries the interest since the first notice, without indemnity.
 * - Deadline: today + `deadlineDays` (8 by default).
 */
import type { LetterInput, LetterKind } from '../../src-main/contract/letters';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { BUILT_IN_TEMPLATE_IDS, builtInTemplates } from './builtin-templates';
import { addDays, daysBetween } from './dates';
import { invoiceStatus } from './invoice-status';
import type { LateFeeRateTables, LateFeeResult } from './late-fees';
import { invoiceCharges } from './message-charges';
import { LETTER_TEMPLATE_IDS, letterTemplates } from './letter-templates';
import type { CalendarDate, Channel, Customer, Interaction, Invoice, MessageTemplate, Payment, PaymentPlan, ShopIdentity } from './model';
import { chargesFrom, renderTemplate, templateFor, type MessageContext, type MessageInvoice } from './templates';

export type { LetterInput, LetterKind } from '../../src-main/contract/letters';

export const DEFAULT_LETTER_DEADLINE_DAYS = 8;

export interface LetterRequest {
  kind: LetterKind;
  customer: Customer;
  /** The customer's invoices (others are ignored); the letter picks the ones its kind lists. */
  invoices: readonly Invoice[];
  /** The customer's payments: the late-payment charges count each payment from its date. */
  payments: readonly Payment[];
  /** The customer's history: a consumer's interest runs from the first formal notice sent. */
  interactions?: readonly Interaction[];
  /** The shop's time zone, to date history entries (instants) on the shop's calendar; Paris by default. */
  timeZone?: string;
  shop: ShopIdentity;
  today: CalendarDate;
  rates: LateFeeRateTables;
  /** Days given to pay, printed as a date; 8 by default. */
  deadlineDays?: number;
  /** Only these invoices (a planner action's), when they are still to be claimed. */
  invoiceIds?: readonly string[];
  /** The step's template, when the letter comes from a follow-up step. */
  templateId?: string;
  /** The shop's own templates (they replace built-in ones of the same id and language). */
  templates?: readonly MessageTemplate[];
  /** Required for a payment plan agreement. */
  plan?: PaymentPlan;
}

export type LetterProblem = 'no-shop-name' | 'no-shop-address' | 'no-address' | 'no-invoices' | 'no-plan';

/** Why a letter cannot be written (the screens translate the code). */
export class LetterInputError extends Error {
  constructor(readonly problem: LetterProblem) {
    super(`The letter cannot be written: ${problem}`);
    this.name = 'LetterInputError';
  }
}

/** The template each kind uses when the step names none of its channel. */
export const LETTER_TEMPLATE_BY_KIND: Readonly<Record<LetterKind, { id: string; channel: Channel }>> = {
  'first-reminder': { id: BUILT_IN_TEMPLATE_IDS.reminderLetter, channel: 'letter' },
  'second-reminder': { id: LETTER_TEMPLATE_IDS.secondReminder, channel: 'letter' },
  'formal-notice': { id: BUILT_IN_TEMPLATE_IDS.formalNotice, channel: 'formal-notice' },
  statement: { id: LETTER_TEMPLATE_IDS.statement, channel: 'letter' },
  'payment-plan': { id: LETTER_TEMPLATE_IDS.paymentPlan, channel: 'letter' },
};

/**
 * The kind of letter a follow-up step on paper asks for: the formal notice on its channel; on the
 * letter channel, the kind whose template the step names, else by tone (firm or formal: the second
 * reminder; courtesy or friendly: the first).
 */
export function letterKindForStep(step: { channel: Channel; templateId: string; tone: MessageTemplate['tone'] }): LetterKind | undefined {
  if (step.channel === 'formal-notice') return 'formal-notice';
  if (step.channel !== 'letter') return undefined;
  for (const [kind, template] of Object.entries(LETTER_TEMPLATE_BY_KIND) as [LetterKind, { id: string }][]) {
    if (template.id === step.templateId && kind !== 'payment-plan') return kind;
  }
  return step.tone === 'firm' || step.tone === 'formal' ? 'second-reminder' : 'first-reminder';
}

/** Where the invoice table goes in the rendered text (a private-use character no template contains). */
const TABLE_MARK = '\uE010';
const REGISTERED_MAIL = /lettre recommandée avec accusé de réception/i;
const MAX_LINE = 300;

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length <= max ? flat : `${[...flat].slice(0, max - 1).join('')}…`;
}

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '' && !REGISTERED_MAIL.test(paragraph))
    .map((paragraph) => paragraph.slice(0, 5000));
}

/** The invoices a letter of `kind` lists, oldest due date first. */
function invoicesFor(request: LetterRequest): Invoice[] {
  const { kind, customer, today } = request;
  const own = request.invoices.filter((invoice) => invoice.customerId === customer.id && invoice.kind === 'invoice');
  let chosen: Invoice[];
  if (kind === 'payment-plan') {
    if (!request.plan) throw new LetterInputError('no-plan');
    const ids = new Set(request.plan.invoiceIds);
    chosen = own.filter((invoice) => ids.has(invoice.id));
  } else {
    const only = request.invoiceIds ? new Set(request.invoiceIds) : undefined;
    chosen = own.filter((invoice) => {
      const { status, balanceCents } = invoiceStatus(invoice, today);
      if (balanceCents <= 0) return false;
      if (kind === 'statement') return status !== 'cancelled' && status !== 'written-off';
      if (only && !only.has(invoice.id)) return false;
      // Claimed only when late, and never while disputed.
      return (status === 'overdue' || status === 'partly-paid') && invoice.dueDate < today;
    });
  }
  return chosen.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
}

function chargesFor(request: LetterRequest, invoices: readonly Invoice[]): { results: LateFeeResult[]; charges: LetterInput['charges'] } | undefined {
  if (request.kind !== 'formal-notice') return undefined;
  const results = invoiceCharges({ ...request, invoices });
  if (results === undefined) return undefined;
  const sums = chargesFrom(results);
  return {
    results,
    charges: {
      lines: results.flatMap((result, index) => result.lines.map((line) => ({ invoiceNumber: (invoices[index] as Invoice).number, ...line }))),
      penaltyCents: sums.penaltyCents,
      indemnityCents: sums.indemnityCents,
    },
  };
}

function validIban(iban: string | undefined): string | undefined {
  const compact = electronicFormatIBAN(iban ?? '') ?? '';
  return compact !== '' && isValidIBAN(compact) ? compact : undefined;
}

function shopOf(shop: ShopIdentity): LetterInput['shop'] {
  const name = shop.name.trim();
  if (name === '') throw new LetterInputError('no-shop-name');
  if (shop.address.city.trim() === '' || shop.address.lines.every((line) => line.trim() === '')) throw new LetterInputError('no-shop-address');
  const iban = validIban(shop.iban);
  const bic = shop.bic?.replace(/\s+/g, '').toUpperCase();
  const optional = (value: string | undefined, max: number) => (value && value.trim() !== '' ? oneLine(value, max) : undefined);
  const logo = shop.logoDataUrl && /^data:image\/(png|jpeg);base64,/.test(shop.logoDataUrl) && shop.logoDataUrl.length <= 1_400_000 ? shop.logoDataUrl : undefined;
  const fields = {
    siret: optional(shop.siret, 20),
    vatNumber: optional(shop.vatNumber, 20),
    iban,
    bic: iban && bic && isValidBIC(bic) ? bic : undefined,
    email: optional(shop.email, 200),
    phone: optional(shop.phone, 40),
    logoDataUrl: logo,
  };
  return {
    name: oneLine(name, 120),
    address: addressOf(shop.address),
    ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
  };
}

function addressOf(address: NonNullable<Customer['address']>): LetterInput['shop']['address'] {
  const country = /^[A-Z]{2}$/.test(address.country) ? address.country : 'FR';
  return {
    lines: address.lines.map((line) => oneLine(line, 120)).filter((line) => line !== '').slice(0, 4),
    postcode: oneLine(address.postcode, 20),
    city: oneLine(address.city, 80),
    country,
  };
}

function recipientOf(customer: Customer): LetterInput['recipient'] {
  const address = customer.address;
  if (!address || address.city.trim() === '' || address.lines.every((line) => line.trim() === '')) throw new LetterInputError('no-address');
  const contact = customer.contacts.find((c) => c.id === customer.preferredContactId) ?? customer.contacts[0];
  const contactName = contact?.name.trim() ?? '';
  const civility = contact?.civility === 'madame' ? (customer.language === 'fr' ? 'Mme ' : 'Ms ') : contact?.civility === 'monsieur' ? (customer.language === 'fr' ? 'M. ' : 'Mr ') : '';
  const attention = contactName !== '' && contactName !== customer.name.trim() ? oneLine(`${civility}${contactName}`, 120) : undefined;
  return { name: oneLine(customer.name, 120), ...(attention ? { attention } : {}), address: addressOf(address) };
}

/** The input of `letters.render` for `request`; throws a `LetterInputError` when it cannot be written. */
export function buildLetterInput(request: LetterRequest): LetterInput {
  const { kind, customer, today } = request;
  const shop = shopOf(request.shop);
  const recipient = recipientOf(customer);
  const invoices = invoicesFor(request);
  if (invoices.length === 0) throw new LetterInputError('no-invoices');
  const charged = chargesFor(request, invoices);
  const deadline = addDays(today, request.deadlineDays ?? DEFAULT_LETTER_DEADLINE_DAYS);
  const contact = customer.contacts.find((c) => c.id === customer.preferredContactId) ?? customer.contacts[0];

  const messageInvoices: MessageInvoice[] = invoices.map((invoice) => ({
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    balanceCents: invoiceStatus(invoice, today).balanceCents,
    daysLate: daysBetween(invoice.dueDate, today),
    ...(invoice.paymentLink ? { paymentLink: invoice.paymentLink } : {}),
  }));
  const context: MessageContext = {
    language: customer.language,
    customer: { name: customer.name, kind: customer.kind },
    ...(contact ? { contact: { name: contact.name, ...(contact.civility ? { civility: contact.civility } : {}) } } : {}),
    invoices: messageInvoices,
    newDeadline: deadline,
    shop: {
      name: shop.name,
      ...(request.shop.signature ? { signature: request.shop.signature } : {}),
      ...(shop.phone ? { phone: shop.phone } : {}),
      ...(shop.email ? { email: shop.email } : {}),
      ...(shop.iban ? { iban: shop.iban } : {}),
    },
    ...(charged ? { charges: chargesFrom(charged.results) } : {}),
  };

  const standard = LETTER_TEMPLATE_BY_KIND[kind];
  const shopTemplates = [...(request.templates ?? []), ...letterTemplates()];
  // A step's own template when it exists on this letter's channel (a step may name an email
  // template: its letter then uses the kind's template); statements and plans always their own.
  const stepTemplate =
    request.templateId && kind !== 'statement' && kind !== 'payment-plan' && [...shopTemplates, ...builtInTemplates()].some((t) => t.id === request.templateId && t.channel === standard.channel)
      ? request.templateId
      : undefined;
  const template = templateFor(stepTemplate ?? standard.id, customer.language, standard.channel, shopTemplates);
  const marked = { ...template, body: template.body.replace(/\{\{\s*invoiceList\s*\}\}/g, TABLE_MARK) };
  const rendered = renderTemplate(marked, context, { format: 'text' });
  const [before, ...after] = rendered.body.split(TABLE_MARK);
  const closing = paragraphsOf(after.join('\n\n'));

  return {
    kind,
    language: customer.language,
    date: today,
    place: oneLine(request.shop.address.city, 80),
    shop,
    recipient,
    subject: oneLine(rendered.subject ?? template.subject ?? kind, MAX_LINE),
    paragraphs: paragraphsOf(before ?? '').slice(0, 60),
    ...(closing.length > 0 ? { closing: closing.slice(0, 60) } : {}),
    invoices: invoices.slice(0, 2000).map((invoice, index) => ({
      number: oneLine(invoice.number, 60),
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      amountDueCents: (messageInvoices[index] as MessageInvoice).balanceCents,
    })),
    ...(charged?.charges ? { charges: charged.charges } : {}),
    ...(kind === 'payment-plan' && request.plan
      ? { instalments: request.plan.instalments.filter((instalment) => instalment.amountCents > 0).map(({ dueDate, amountCents }) => ({ dueDate, amountCents })) }
      : {}),
  };
}

/** "2026-11-22 Mise en demeure - Garage Lefèvre": the archived copy's file name (no extension). */
export function letterArchiveName(input: Pick<LetterInput, 'date' | 'recipient'>, kindTitle: string): string {
  // Folder and reserved characters become dashes, control characters go: the archive's id must pass
  // `archivedLetterId` (contract/letters.ts).
  const printable = [...input.recipient.name].filter((char) => char.charCodeAt(0) >= 0x20 && char !== '\u007f').join('');
  const customer = printable.replace(/[\\/:*?"<>|]/g, '-').replace(/^\.+/, '').trim();
  return oneLine(`${input.date} ${kindTitle} - ${customer}`, 150);
}
