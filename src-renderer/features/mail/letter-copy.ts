import { getDatabase } from '../../db';
import type { LetterCopyRequest } from '../../db/letters-repo';
import { letterCopyOf, queueLetterCopy, type CopiedLetter, type OutboxSource } from '../../db/outbox-repo';
import { copyRecipient, draftLetterCopy } from '../../domain/letter-copy';
import type { CalendarDate, Customer, Interaction } from '../../domain/model';
import { htmlAfterEdit, type ReminderDraft } from '../../domain/reminder-draft';
import { nowIso } from '../../os/clock';
import type { LiveRecords } from '../../ui/hooks';
import { QR_CID } from './attachments';
import { draftContextOf } from './draft-context';
import { outboxDriver, useMailSettingsStore } from './mail-runtime';

/**
 * A letter's copy by email, for the screens that produce letters (features/letters) and the
 * Courriers archive: the covering email drafted from the live records (domain/letter-copy.ts), then
 * queued in the outbox with the archived PDF (db/outbox-repo.ts `queueLetterCopy`), so the outbox's
 * exactly-once sending, retries and journal apply unchanged.
 */

/** The mail settings' signature as main last reported it (the covering email is signed like the others). */
function mailSignature(): string | undefined {
  return useMailSettingsStore.getState().view?.settings?.signature ?? undefined;
}

/** The covering email of a letter (its invoices and deadline) for its customer, in the shop's wording. */
export function draftCopyOfLetter(customer: Customer, letter: { invoiceIds: readonly string[]; deadline: CalendarDate }, records: LiveRecords, today: CalendarDate): ReminderDraft {
  return draftLetterCopy({ letter, ...draftContextOf(customer, records, today, mailSignature()) }, QR_CID);
}

/** The archive's file name, which is the attachment's. */
export function archiveFileName(archiveId: string): string {
  return archiveId.slice(archiveId.lastIndexOf('/') + 1);
}

/**
 * The copy to queue with a letter being produced (`recordLetter` queues it in the letter's own
 * transaction), or undefined when the customer has no email address (the screens warned before).
 */
export function copyRequestFor(
  customer: Customer,
  letter: { archiveId: string; invoiceIds: readonly string[]; deadline: CalendarDate },
  records: LiveRecords,
  today: CalendarDate,
  source: OutboxSource,
): LetterCopyRequest | undefined {
  const draft = draftCopyOfLetter(customer, letter, records, today);
  const address = copyRecipient(customer);
  if (!address) return undefined;
  return { fileName: archiveFileName(letter.archiveId), source, draft: emailFields(draft, address) };
}

function emailFields(draft: ReminderDraft, address: string, edited?: { subject: string; text: string }) {
  const subject = (edited?.subject ?? draft.subject).replace(/\s+/g, ' ').trim();
  const text = edited?.text ?? draft.text;
  return {
    // The contact's name goes with their own address only (the review may send it elsewhere).
    to: draft.contact?.name && draft.contact.email?.trim() === address ? { name: draft.contact.name, address } : { address },
    subject,
    text,
    html: htmlAfterEdit(draft, text, QR_CID),
    ...(draft.qrPayload ? { qrPayload: draft.qrPayload } : {}),
    pdfInvoiceIds: draft.pdfInvoiceIds,
  };
}

/** Wakes the outbox after copies were queued (they go at once, like an approved email). */
export function sendQueuedCopies(): void {
  void outboxDriver().kick();
}

/**
 * "Envoyer par email" on an archived letter, after the review dialog: the reviewed subject, text and
 * recipient, queued with the archived PDF. A copy already on its way or sent is returned as it is.
 */
export async function sendLetterCopy(
  letter: Omit<CopiedLetter, 'fileName'>,
  draft: ReminderDraft,
  review: { to: string; subject: string; text: string },
): Promise<Interaction> {
  const address = review.to.trim();
  if (!address) throw new Error('No email address for the copy');
  const fields = emailFields(draft, address, review);
  const message = await queueLetterCopy(getDatabase(), { ...letter, fileName: archiveFileName(letter.archiveId) }, fields, 'letters', nowIso());
  sendQueuedCopies();
  return message;
}

/** The copy by email of an archived letter, if one was ever queued (the dialog says when it went). */
export function existingCopy(customerId: string, archiveId: string): Promise<Interaction | undefined> {
  return letterCopyOf(getDatabase(), customerId, archiveId);
}
