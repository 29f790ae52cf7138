import { getDatabase } from '../../db';
import { activeMessageOf, queueEmail, type OutboxSource } from '../../db/outbox-repo';
import type { LetterInput } from '../../domain/letter-input';
import { draftReminder, htmlAfterEdit, type ReminderDraft } from '../../domain/reminder-draft';
import type { CalendarDate, Customer } from '../../domain/model';
import type { StepAction } from '../../domain/planner';
import { nowIso } from '../../os/clock';
import type { LiveRecords } from '../../ui/hooks';
import { draftContextOf } from './draft-context';
import { QR_CID } from './attachments';
import { archiveLetterAttachment } from './letter-attachment';
import { outboxDriver } from './mail-runtime';

/** The draft of a step for its customer from the live records; undefined when the customer is gone. */
export function draftForAction(action: StepAction, customer: Customer | undefined, records: LiveRecords, today: CalendarDate, signature: string | undefined): ReminderDraft | undefined {
  if (!customer) return undefined;
  return draftReminder({ action, ...draftContextOf(customer, records, today, signature) }, QR_CID);
}

/**
 * Puts a reviewed (or automatic) email in the outbox and wakes the driver. `edited`: the subject and
 * text the user changed in the review dialog; the HTML follows the text (escaped). `letter`: the
 * letter to attach (the statement of account the user kept), rendered and archived here, once,
 * before the message is queued (see letter-attachment.ts).
 */
export async function approveEmail(action: StepAction, draft: ReminderDraft, source: OutboxSource, edited?: { subject: string; text: string }, letter?: LetterInput) {
  const address = draft.contact?.email?.trim();
  if (!address) throw new Error(`No email address for ${action.customerName}`);
  const subject = (edited?.subject ?? draft.subject).replace(/\s+/g, ' ').trim();
  const text = edited?.text ?? draft.text;
  const db = getDatabase();
  // Already on its way (a double click, "send all" racing the automatic sending): nothing to render.
  const active = await activeMessageOf(db, action);
  if (active) return active;
  const attached = letter ? await archiveLetterAttachment(letter) : undefined;
  const message = await queueEmail(
    db,
    action,
    {
      to: { name: draft.contact?.name ?? action.customerName, address },
      subject,
      text,
      html: htmlAfterEdit(draft, text, QR_CID),
      ...(draft.qrPayload ? { qrPayload: draft.qrPayload } : {}),
      pdfInvoiceIds: draft.pdfInvoiceIds,
      ...(attached ? { letter: attached } : {}),
    },
    source,
    nowIso(),
  );
  void outboxDriver().kick();
  return message;
}
