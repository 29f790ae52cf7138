/**
 * A letter's copy by email: the very PDF that was printed (its archive) sent to the customer with a
 * covering email (letter-copy-templates.ts), when the letter's step says so (`FollowUpStep.alsoByEmail`)
 * or when the shop asks for it on an archived letter (Courriers). Pure: which steps, whom to, what the
 * email says; features/letters and features/mail archive, queue and send.
 *
 * The copy is one outbox message (db/outbox-repo.ts `queueLetterCopy`) keyed by the letter's archive:
 * one copy per letter, sent once under its idempotency key like every email. It is not another
 * reminder: the letter is the step (its trail is the letter's entries), so the copy names no policy
 * step and does not count towards the two-reminders rule (planner.ts) nor "what works"
 * (effectiveness.ts) — `isLetterCopy` tells them apart.
 */
import { addDays } from './dates';
import { LETTER_COPY_TEMPLATE_ID } from './letter-copy-templates';
import { builtInPolicies, LETTER_STEP_CHANNELS } from './policies';
import type { CalendarDate, Customer, FollowUpPolicy, FollowUpStep, Interaction, Invoice, MessageTemplate, ShopIdentity } from './model';
import { draftReminder, recipientFor, type DraftInput, type ReminderDraft } from './reminder-draft';

export { LETTER_COPY_TEMPLATE_ID } from './letter-copy-templates';

/** Whether a step may send its letter by email too: it prints one (letter, formal notice). */
export function canSendCopyByEmail(step: Pick<FollowUpStep, 'channel'>): boolean {
  return LETTER_STEP_CHANNELS.has(step.channel);
}

/** The shop's policies as the planner sees them: its own versions replace the built-in ones of the same id. */
export function policiesWithBuiltIns(stored: readonly FollowUpPolicy[]): FollowUpPolicy[] {
  const byId = new Map<string, FollowUpPolicy>(builtInPolicies().map((policy) => [policy.id, policy]));
  for (const policy of stored) byId.set(policy.id, policy);
  return [...byId.values()];
}

/** Whether the step a planned letter carries out asks for its copy by email. */
export function stepSendsCopy(action: { policyId: string; stepId: string; channel: FollowUpStep['channel'] }, policies: readonly FollowUpPolicy[]): boolean {
  if (!canSendCopyByEmail(action)) return false;
  const step = policies.find((policy) => policy.id === action.policyId)?.steps.find((s) => s.id === action.stepId);
  return step?.alsoByEmail === true && canSendCopyByEmail(step);
}

/** The outbox key of a letter's copy: one per archived letter. */
export function letterCopyKey(archiveId: string): string {
  return `letter-copy|${archiveId}`;
}

/** Whether a history entry is a letter's copy by email (not a reminder of its own). */
export function isLetterCopy(interaction: Pick<Interaction, 'details'>): boolean {
  const of = interaction.details?.letterCopyOf;
  return typeof of === 'string' && of !== '';
}

/** Whether the customer has an address to send the copy to (else the screens warn, like SMS without a mobile). */
export function copyRecipient(customer: Customer): string | undefined {
  return recipientFor(customer, 'email')?.email?.trim() || undefined;
}

/** The deadline a letter printed on `letterDate` gives (`deadlineDays` after it), for its covering email. */
export function letterDeadline(letterDate: CalendarDate, deadlineDays: number): CalendarDate {
  return addDays(letterDate, deadlineDays);
}

export interface LetterCopyDraftInput {
  /** The letter's invoices (its table) and the deadline it gives. */
  letter: { invoiceIds: readonly string[]; deadline: CalendarDate };
  customer: Customer;
  invoices: readonly Invoice[];
  shop: ShopIdentity;
  today: CalendarDate;
  signature?: string;
  templates?: readonly MessageTemplate[];
  charges?: DraftInput['charges'];
}

/**
 * The covering email of a letter's copy: the shop's text of `letter-copy-email` in the customer's
 * language, with the letter's invoices at their balance today, its deadline and the SEPA QR code.
 * Never the statement of account (`letter` is left out: the letter itself is the attachment).
 */
export function draftLetterCopy(input: LetterCopyDraftInput, qrCid?: string): ReminderDraft {
  const { letter, ...rest } = input;
  // No tone on the action: `statementAttachedTo` proposes nothing.
  return draftReminder(
    { ...rest, action: { channel: 'email', templateId: LETTER_COPY_TEMPLATE_ID, invoiceIds: [...letter.invoiceIds], newDeadline: letter.deadline } },
    qrCid,
  );
}
