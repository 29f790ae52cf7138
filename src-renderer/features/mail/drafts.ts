import { getDatabase } from '../../db';
import { queueEmail, type OutboxSource } from '../../db/outbox-repo';
import { draftReminder, htmlAfterEdit, type ReminderDraft } from '../../domain/reminder-draft';
import type { CalendarDate, Customer } from '../../domain/model';
import { effectiveTemplates } from '../../domain/template-overrides';
import type { StepAction } from '../../domain/planner';
import { nowIso } from '../../os/clock';
import type { LiveRecords } from '../../ui/hooks';
import { QR_CID } from './attachments';
import { outboxDriver } from './mail-runtime';

/** The draft of a step for its customer from the live records; undefined when the customer is gone. */
export function draftForAction(action: StepAction, customer: Customer | undefined, records: LiveRecords, today: CalendarDate, signature: string | undefined): ReminderDraft | undefined {
  if (!customer) return undefined;
  const invoices = records.invoices.filter((invoice) => invoice.customerId === customer.id);
  // The shop's own wording of the templates (Settings › Message templates) replaces the shipped one.
  const templates = effectiveTemplates(records.settings.templateOverrides);
  return draftReminder({ action, customer, invoices, shop: records.settings.shop, today, templates, ...(signature ? { signature } : {}) }, QR_CID);
}

/**
 * Puts a reviewed (or automatic) email in the outbox and wakes the driver. `edited`: the subject and
 * text the user changed in the review dialog; the HTML follows the text (escaped).
 */
export async function approveEmail(action: StepAction, draft: ReminderDraft, source: OutboxSource, edited?: { subject: string; text: string }) {
  const address = draft.contact?.email?.trim();
  if (!address) throw new Error(`No email address for ${action.customerName}`);
  const subject = (edited?.subject ?? draft.subject).replace(/\s+/g, ' ').trim();
  const text = edited?.text ?? draft.text;
  const message = await queueEmail(
    getDatabase(),
    action,
    {
      to: { name: draft.contact?.name ?? action.customerName, address },
      subject,
      text,
      html: htmlAfterEdit(draft, text, QR_CID),
      ...(draft.qrPayload ? { qrPayload: draft.qrPayload } : {}),
      pdfInvoiceIds: draft.pdfInvoiceIds,
    },
    source,
    nowIso(),
  );
  void outboxDriver().kick();
  return message;
}
