import { i18next } from '../../i18n';
import { os } from '../../os/client';
import { buildLetterInput, LetterInputError, letterArchiveName, type LetterInput } from '../../domain/letter-input';
import type { ReminderDraft } from '../../domain/reminder-draft';
import type { LiveRecords } from '../../ui/hooks';
import { letterRequestFor, openPendingTab } from '../letters/letter-production';

/**
 * The letter an email carries (the statement of account of a firm reminder, `ReminderDraft.letter`):
 * built from the ledger by `buildLetterInput`, like the printed one, and rendered ONCE, when the
 * email is queued — archived in the data folder, its id stored on the message row. The driver
 * attaches the archived bytes at every attempt: one idempotency key always carries the same PDF,
 * even when a payment is recorded or the day changes between two attempts (rendering at send time
 * would not), and the archive is the proof of what was sent.
 */

/** The statement ready to render, or why it cannot be written (no postal address...). */
export type LetterPreparation = { input: LetterInput } | { problem: string };

/** The letter a draft proposes, built from today's records (undefined: the draft proposes none). */
export async function prepareLetter(draft: Pick<ReminderDraft, 'letter'>, customerId: string, records: LiveRecords, today: string): Promise<LetterPreparation | undefined> {
  if (!draft.letter) return undefined;
  try {
    return { input: buildLetterInput(await letterRequestFor({ kind: draft.letter, customerId }, records, today)) };
  } catch (error) {
    if (error instanceof LetterInputError) return { problem: error.problem };
    throw error;
  }
}

/** The letter's input when it can be written; the email then goes without it otherwise. */
export async function proposedLetterInput(draft: Pick<ReminderDraft, 'letter'>, customerId: string, records: LiveRecords, today: string): Promise<LetterInput | undefined> {
  const prepared = await prepareLetter(draft, customerId, records, today);
  return prepared && 'input' in prepared ? prepared.input : undefined;
}

/** Renders and archives the letter (`letters.archive`); the attachment is named as the archive. */
export async function archiveLetterAttachment(input: LetterInput): Promise<{ archiveId: string; fileName: string }> {
  // The file name is in the letter's language (the customer's), as its text.
  const title = i18next.getFixedT(input.language)(`courrier.kinds.${input.kind}`);
  const { id } = await os.letters.archive({ letter: input, name: letterArchiveName(input, title) });
  return { archiveId: id, fileName: id.slice(id.lastIndexOf('/') + 1) };
}

/**
 * Shows the letter as it would be attached (`letters.render`, nothing archived): the system's viewer
 * in the desktop app, a new tab (opened at the click) in the browser.
 */
export async function previewLetter(input: LetterInput, fileName: string): Promise<void> {
  const tab = openPendingTab();
  try {
    const { pdfBase64 } = await os.letters.render({ letter: input });
    const shown = await os.files.openDocument({ fileName, contentBase64: pdfBase64, mimeType: 'application/pdf' });
    if (shown.status === 'open-in-renderer') tab.show(pdfBase64);
    else tab.close();
  } catch (error) {
    tab.close();
    throw error;
  }
}
