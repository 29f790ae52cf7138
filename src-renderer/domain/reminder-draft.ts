/**
 * A reminder message drafted from its template, for one planned step (email, SMS, WhatsApp): the
 * facts gathered into a `MessageContext`, rendered to plain text and HTML, plus what goes with an
 * email (its recipient, the SEPA QR code's payload, the invoices whose PDF copy is attached). Pure: the
 * caller passes the records and the shop's settings; features/mail sends or shows the result.
 */
import { epcQrPayload, EpcQrError } from './epc-qr';
import type { Channel, Contact, Customer, Invoice, Language, MessageTemplate, ShopIdentity } from './model';
import type { StepAction } from './planner';
import { invoiceCharges, type ChargesRequest } from './message-charges';
import { chargesFrom, contactFields, escapeHtml, invoiceFields, renderTemplate, templateFor, type MessageContext } from './templates';

/** Words of the email around the template's text, in the message's language (the customer's). */
const EMAIL_WORDS = {
  fr: { scan: 'Pour régler par virement, scannez ce code avec l’application de votre banque :', qrAlt: 'QR code de virement SEPA' },
  en: { scan: 'To pay by bank transfer, scan this code with your banking app:', qrAlt: 'SEPA transfer QR code' },
} as const;

export interface DraftInput {
  action: Pick<StepAction, 'channel' | 'templateId' | 'invoiceIds' | 'newDeadline' | 'instalment'> & { tone?: StepAction['tone'] };
  customer: Customer;
  /** The customer's invoices (others are ignored); the action's are listed in its order. */
  invoices: readonly Invoice[];
  shop: ShopIdentity;
  /** The email signature of the mail settings; replaces the shop's own signature when set. */
  signature?: string;
  today: string;
  /** The shop's own templates (the built-in ones are the fallback). */
  templates?: readonly MessageTemplate[];
  /**
   * What the `penalties`, `indemnity` and `totalWithCharges` fields need (message-charges.ts): the
   * shop's rate tables and the customer's payments and history. Without `rates` the message carries
   * no charges.
   */
  charges?: Omit<ChargesRequest, 'customer' | 'invoices' | 'today'>;
}

export interface ReminderDraft {
  language: Language;
  contact: Contact | undefined;
  subject: string;
  text: string;
  /** The template's HTML (every value escaped) with the QR code block when there is one. */
  html: string;
  /** EPC payload of the SEPA QR code, when the shop has a valid IBAN and something is due. */
  qrPayload?: string;
  /** The invoices whose stored PDF copy goes with an email. */
  pdfInvoiceIds: string[];
  /**
   * The letter proposed as an attachment (`statementAttachedTo`): the statement of account of a firm
   * email. Rendered and archived when the email is queued (features/mail/letter-attachment.ts); the
   * user may remove it in Today.
   */
  letter?: 'statement';
}

/**
 * Whether an email step carries the statement of account (relevé de compte): the firm and formal
 * ones (the Standard policy's "D+15 firm email with the statement"), not the courtesy or friendly
 * ones, which should stay light.
 */
export function statementAttachedTo(action: { channel: Channel; tone?: StepAction['tone'] }): boolean {
  return action.channel === 'email' && (action.tone === 'firm' || action.tone === 'formal');
}

/** The contact who receives a channel's message: the preferred one when it has what the channel needs. */
export function recipientFor(customer: Customer, channel: Channel): Contact | undefined {
  const usable = (contact: Contact) => (channel === 'email' ? !!contact.email?.trim() : !!contact.mobile?.trim());
  const preferred = customer.contacts.find((c) => c.id === customer.preferredContactId);
  return preferred && usable(preferred) ? preferred : customer.contacts.find(usable);
}

function contextFor(input: DraftInput, invoices: Invoice[], contact: Contact | undefined): MessageContext {
  const { customer, shop, today } = input;
  const signature = input.signature?.trim() ? input.signature : shop.signature;
  return {
    language: customer.language,
    customer: { name: customer.name, kind: customer.kind },
    ...contactFields(contact),
    invoices: invoiceFields(invoices, today),
    newDeadline: input.action.newDeadline,
    ...(input.action.instalment ? { instalment: instalmentFields(input.action.instalment) } : {}),
    shop: {
      name: shop.name,
      ...(signature ? { signature } : {}),
      ...(shop.phone ? { phone: shop.phone } : {}),
      ...(shop.email ? { email: shop.email } : {}),
      ...(shop.iban ? { iban: shop.iban } : {}),
    },
    ...chargesOf(input, invoices),
  };
}

/** The instalment a plan's reminder is about, as the templates name it. */
function instalmentFields(reminder: NonNullable<StepAction['instalment']>): NonNullable<MessageContext['instalment']> {
  return { number: reminder.index + 1, count: reminder.count, dueDate: reminder.dueDate, remainingCents: reminder.remainingCents };
}

/**
 * The charges of the message's invoices at `today`. A table that lacks a rate the period needs (an
 * invoice older than the table) leaves the charges out rather than stopping the reminder: the
 * template's `{{#charges}}` sections then stay hidden.
 */
function chargesOf(input: DraftInput, invoices: Invoice[]): Pick<MessageContext, 'charges'> {
  if (!input.charges) return {};
  try {
    const results = invoiceCharges({ ...input.charges, customer: input.customer, invoices, today: input.today });
    return results ? { charges: chargesFrom(results) } : {};
  } catch {
    return {};
  }
}

/** `amountCents`: what the message asks for, when it is not everything owed (a plan's instalment). */
function qrPayloadFor(shop: ShopIdentity, invoices: Invoice[], amountCents = invoices.reduce((sum, invoice) => sum + invoice.totalCents - invoice.paidCents, 0)): string | undefined {
  if (!shop.iban || !shop.name.trim() || amountCents <= 0) return undefined;
  try {
    return epcQrPayload({
      name: shop.name,
      iban: shop.iban,
      ...(shop.bic ? { bic: shop.bic } : {}),
      amountCents,
      remittance: invoices.map((invoice) => invoice.number).join(' '),
    });
  } catch (error) {
    // An IBAN the settings let through but the EPC format refuses: the email goes without the code.
    if (error instanceof EpcQrError) return undefined;
    throw error;
  }
}

/** The QR code block of an email's HTML; the image is the inline attachment of that Content-ID. */
export function qrHtml(language: Language, cid: string): string {
  const words = EMAIL_WORDS[language];
  return `<p>${escapeHtml(words.scan)}</p>\n<p><img src="cid:${escapeHtml(cid)}" alt="${escapeHtml(words.qrAlt)}" width="180" height="180"></p>`;
}

/** An email's HTML document around a body fragment. */
export function htmlDocument(language: Language, bodyFragment: string): string {
  return `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"></head><body style="font-family: Arial, sans-serif; font-size: 14px; line-height: 1.5">\n${bodyFragment}\n</body></html>`;
}

/** Plain text typed by the user (an edited body) as HTML: escaped, blank lines → paragraphs, line breaks → <br>. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
}

/**
 * The message of a step for its customer, from the step's template in the customer's language. The
 * invoices are the action's, in its order, with their balance today. `qrCid`: the Content-ID the QR
 * code is attached under (emails only).
 */
export function draftReminder(input: DraftInput, qrCid = 'sepa-qr'): ReminderDraft {
  const { action, customer } = input;
  const byId = new Map(input.invoices.filter((invoice) => invoice.customerId === customer.id).map((invoice) => [invoice.id, invoice]));
  const invoices = action.invoiceIds.map((id) => byId.get(id)).filter((invoice): invoice is Invoice => invoice !== undefined);
  const contact = recipientFor(customer, action.channel);
  const template = templateFor(action.templateId, customer.language, action.channel, input.templates);
  const context = contextFor(input, invoices, contact);
  const text = renderTemplate(template, context, { format: 'text' });
  const subject = text.subject ?? '';
  if (action.channel !== 'email') return { language: template.language, contact, subject, text: text.body, html: '', pdfInvoiceIds: [] };
  const qrPayload = qrPayloadFor(input.shop, invoices, action.instalment?.remainingCents);
  const body = renderTemplate(template, context, { format: 'html' }).body;
  return {
    language: template.language,
    contact,
    subject,
    text: text.body,
    html: htmlDocument(template.language, qrPayload ? `${body}\n${qrHtml(template.language, qrCid)}` : body),
    ...(qrPayload ? { qrPayload } : {}),
    pdfInvoiceIds: invoices.filter((invoice) => invoice.pdf !== undefined).map((invoice) => invoice.id),
    ...(statementAttachedTo(action) ? { letter: 'statement' as const } : {}),
  };
}

/**
 * The HTML of a draft after the user edited it in Today: unchanged text keeps the template's HTML
 * (with its invoice table); edited text becomes escaped paragraphs, with the QR code block kept.
 */
export function htmlAfterEdit(draft: Pick<ReminderDraft, 'language' | 'text' | 'html' | 'qrPayload'>, editedText: string, qrCid = 'sepa-qr'): string {
  if (editedText === draft.text) return draft.html;
  const body = textToHtml(editedText);
  return htmlDocument(draft.language, draft.qrPayload ? `${body}\n${qrHtml(draft.language, qrCid)}` : body);
}
