/**
 * What the editor's preview shows: the template being edited, filled with a real customer's facts the
 * way the message or letter will be. Pure (no React, no database): the same functions as the real
 * drafts (`draftReminder`) and letters (`buildLetterInput`), given the edited text as the only
 * template, so the preview cannot drift from what is sent.
 */
import { addDays } from '../../domain/dates';
import { invoiceStatus } from '../../domain/invoice-status';
import { buildLetterInput, LETTER_TEMPLATE_BY_KIND, LetterInputError, type LetterKind, type LetterProblem } from '../../domain/letter-input';
import type { CalendarDate, Customer, Interaction, Invoice, MessageTemplate, Payment, PaymentPlan, ShopIdentity } from '../../domain/model';
import { KNOWN_RATES } from '../../domain/rates';
import type { StepAction } from '../../domain/planner';
import { draftReminder, qrHtml } from '../../domain/reminder-draft';
import { smsLength, type SmsLength } from '../../domain/template-overrides';
import { validateTemplate } from '../../domain/templates';

/** Days given to pay in the preview, as the policies' steps usually do. */
export const PREVIEW_DEADLINE_DAYS = 8;
const QR_CID = 'preview-qr';

export type TemplatePreview =
  | { kind: 'invalid' }
  | { kind: 'email'; subject: string; text: string; html: string }
  | { kind: 'short'; text: string; length: SmsLength }
  | { kind: 'text'; text: string }
  | { kind: 'letter'; subject: string; paragraphs: string[]; invoiceCount: number; closing: string[] }
  | { kind: 'letter-text'; problem: LetterProblem; subject: string; text: string };

export interface PreviewInput {
  template: MessageTemplate;
  customer: Customer;
  /** The customer's records (others are ignored by the functions below). */
  invoices: readonly Invoice[];
  payments: readonly Payment[];
  interactions: readonly Interaction[];
  plans: readonly PaymentPlan[];
  shop: ShopIdentity;
  timeZone: string;
  /** The email signature of the mail settings, as in Today's drafts. */
  signature?: string;
  today: CalendarDate;
  /**
   * Today's planned step of this customer with this template, when there is one: the preview then
   * lists its invoices and deadline, exactly what Today's draft will say.
   */
  planned?: Pick<StepAction, 'invoiceIds' | 'newDeadline'>;
}

/**
 * The invoices a message about this customer would list: the late ones; for a courtesy message
 * (before the due date) those not due yet; any open invoice when there is nothing else to show.
 */
export function previewInvoiceIds(template: Pick<MessageTemplate, 'tone'>, customer: Customer, invoices: readonly Invoice[], today: CalendarDate): string[] {
  const open = invoices
    .filter((invoice) => invoice.customerId === customer.id && invoice.kind === 'invoice')
    .map((invoice) => ({ invoice, ...invoiceStatus(invoice, today) }))
    .filter(({ status, balanceCents }) => balanceCents > 0 && status !== 'disputed' && status !== 'cancelled' && status !== 'written-off')
    .sort((a, b) => a.invoice.dueDate.localeCompare(b.invoice.dueDate));
  const late = open.filter(({ status, invoice }) => (status === 'overdue' || status === 'partly-paid') && invoice.dueDate < today);
  const notDue = open.filter(({ invoice }) => invoice.dueDate >= today);
  const chosen = template.tone === 'courtesy' ? (notDue.length > 0 ? notDue : late) : late.length > 0 ? late : open;
  return (chosen.length > 0 ? chosen : open).map(({ invoice }) => invoice.id);
}

function letterKindOf(templateId: string): LetterKind | undefined {
  return (Object.entries(LETTER_TEMPLATE_BY_KIND) as [LetterKind, { id: string }][]).find(([, standard]) => standard.id === templateId)?.[0];
}

function messagePreview(input: PreviewInput): { subject: string; text: string; html: string; language: MessageTemplate['language'] } {
  const { template, customer, today } = input;
  const draft = draftReminder(
    {
      action: {
        channel: template.channel,
        templateId: template.id,
        invoiceIds: input.planned?.invoiceIds ?? previewInvoiceIds(template, customer, input.invoices, today),
        newDeadline: input.planned?.newDeadline ?? addDays(today, PREVIEW_DEADLINE_DAYS),
      },
      customer,
      invoices: input.invoices,
      shop: input.shop,
      today,
      templates: [template],
      ...(input.signature ? { signature: input.signature } : {}),
    },
    QR_CID,
  );
  // The SEPA QR code is an attachment the preview does not have: its block would show a broken image.
  return { subject: draft.subject, text: draft.text, html: draft.html.replace(`\n${qrHtml(draft.language, QR_CID)}`, ''), language: draft.language };
}

/** The preview of `input.template` for `input.customer`; `invalid` while the template has issues. */
export function previewTemplate(input: PreviewInput): TemplatePreview {
  const { template, customer, today } = input;
  if (validateTemplate(template).length > 0) return { kind: 'invalid' };
  // The template is rendered in its own language whatever the customer's, so that the French text is
  // previewed in French even for an English-speaking customer.
  const asWritten: PreviewInput = { ...input, customer: { ...customer, language: template.language } };
  switch (template.channel) {
    case 'email': {
      const { subject, text, html } = messagePreview(asWritten);
      return { kind: 'email', subject, text, html };
    }
    case 'sms':
    case 'whatsapp': {
      const { text } = messagePreview(asWritten);
      return { kind: 'short', text, length: smsLength(text) };
    }
    case 'phone':
    case 'legal':
      return { kind: 'text', text: messagePreview(asWritten).text };
    case 'letter':
    case 'formal-notice': {
      const kind = letterKindOf(template.id) ?? (template.channel === 'formal-notice' ? 'formal-notice' : 'first-reminder');
      const plan = [...input.plans].filter((p) => p.customerId === customer.id).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      try {
        const letter = buildLetterInput({
          kind,
          customer: asWritten.customer,
          invoices: input.invoices,
          payments: input.payments,
          interactions: input.interactions,
          timeZone: input.timeZone,
          shop: input.shop,
          today,
          rates: KNOWN_RATES,
          templates: [template],
          ...(plan ? { plan } : {}),
        });
        return { kind: 'letter', subject: letter.subject, paragraphs: letter.paragraphs, invoiceCount: letter.invoices.length, closing: letter.closing ?? [] };
      } catch (error) {
        if (!(error instanceof LetterInputError)) throw error;
        const { subject, text } = messagePreview({ ...asWritten, template: { ...template, channel: 'letter' } });
        return { kind: 'letter-text', problem: error.problem, subject, text };
      }
    }
  }
}
