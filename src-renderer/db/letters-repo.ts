import Dexie from 'dexie';
import type { LetterKind } from '../../src-main/contract/letters';
import type { CalendarDate, Interaction, IsoInstant } from '../domain/model';
import { stepTrail, type StepAction } from '../domain/planner';
import type { RelanceDatabase } from './database';
import { queueLetterCopy, type EmailDraftFields, type OutboxSource } from './outbox-repo';

/**
 * The trace of the letters produced: each archived PDF is recorded in the customer's timeline as
 * interactions of kind `letter` whose `documentPath` is the archive's id (`letters/<year>/<file>.pdf`).
 *
 * A letter produced for a follow-up step is the step's audit trail, as `recordStepOutcome` writes it
 * (followups-repo.ts): one entry per invoice with that invoice's own policy and step, so the planner
 * sees the step done — each entry carries the same `documentPath`. A letter produced on demand is one
 * entry listing its invoices, with no step. Either way one transaction, and a letter is all the
 * entries sharing a `documentPath` (`groupLetters`).
 */

export interface ProducedLetter {
  customerId: string;
  kind: LetterKind;
  subject: string;
  invoiceIds: string[];
  /** The archive's id, from `letters.archive`. */
  archiveId: string;
  pages: number;
  /** What the letter asks for (invoices, plus charges on a formal notice), in cents. */
  amountCents: number;
  /** Where it was produced: Today, the Courriers screen, the customer page. */
  source: 'today' | 'letters' | 'customer';
  /** The payment deadline the letter gives (its covering email, sent later on demand, gives the same). */
  deadline?: CalendarDate;
}

/** A letter's copy by email queued with it (domain/letter-copy.ts): the covering email, once drafted. */
export interface LetterCopyRequest {
  fileName: string;
  draft: Omit<EmailDraftFields, 'letter'>;
  source: OutboxSource;
}

/** The timeline channel of a letter: formal notices have theirs; a payment plan agreement reminds of nothing. */
function channelOf(kind: LetterKind): Interaction['channel'] {
  if (kind === 'formal-notice') return 'formal-notice';
  return kind === 'payment-plan' ? undefined : 'letter';
}

/**
 * Records a produced letter (see above) and, with `copy`, queues its copy by email in the same
 * transaction: a letter is never recorded without the copy its step asked for, nor the reverse.
 */
export async function recordLetter(db: RelanceDatabase, letter: ProducedLetter, nowIso: IsoInstant, step?: StepAction, copy?: LetterCopyRequest): Promise<Interaction[]> {
  return db.transaction('rw', db.interactions, async () => {
    const channel = channelOf(letter.kind);
    const common = {
      customerId: letter.customerId,
      kind: 'letter' as const,
      at: nowIso,
      ...(channel ? { channel } : {}),
      subject: letter.subject,
      documentPath: letter.archiveId,
    };
    const details = { source: letter.source, letterKind: letter.kind, pages: letter.pages, amountCents: letter.amountCents, ...(letter.deadline ? { deadline: letter.deadline } : {}) };
    const entries: Interaction[] = step
      ? stepTrail(step).map(({ invoiceId, policyId, stepId }) => ({
          id: crypto.randomUUID(),
          ...common,
          invoiceIds: [invoiceId],
          policyId,
          stepId,
          tone: step.tone,
          details: { ...details, actionKey: step.key },
        }))
      : [{ id: crypto.randomUUID(), ...common, invoiceIds: [...letter.invoiceIds], details }];
    await db.interactions.bulkAdd(entries);
    if (copy) {
      const copied = { customerId: letter.customerId, archiveId: letter.archiveId, fileName: copy.fileName, invoiceIds: letter.invoiceIds, ...(step ? { tone: step.tone } : {}) };
      await queueLetterCopy(db, copied, copy.draft, copy.source, nowIso);
    }
    return entries;
  });
}

export interface PostedMark {
  postedOn: CalendarDate;
  /** The recorded-delivery number (numéro de recommandé), when sent that way. */
  trackingNumber?: string;
}

/** "Mark as posted": the date and recorded-delivery number on every entry of the letter. */
export async function markLetterPosted(db: RelanceDatabase, customerId: string, archiveId: string, mark: PostedMark, nowIso: IsoInstant): Promise<number> {
  return db.transaction('rw', db.interactions, async () => {
    const entries = await db.interactions
      .where('[customerId+at]')
      .between([customerId, Dexie.minKey], [customerId, Dexie.maxKey])
      .filter((entry) => entry.kind === 'letter' && entry.documentPath === archiveId)
      .toArray();
    if (entries.length === 0) throw new Error(`No letter ${archiveId} for customer ${customerId}`);
    const tracking = mark.trackingNumber?.trim();
    await db.interactions.bulkPut(
      entries.map((entry) => {
        const details: NonNullable<Interaction['details']> = { ...entry.details, postedOn: mark.postedOn, postedAt: nowIso };
        if (tracking) details.trackingNumber = tracking;
        else delete details.trackingNumber;
        return { ...entry, details };
      }),
    );
    return entries.length;
  });
}

/** One archived letter: the entries that share its `documentPath`. */
export interface ArchivedLetter {
  archiveId: string;
  customerId: string;
  at: IsoInstant;
  kind: LetterKind | undefined;
  subject: string;
  invoiceIds: string[];
  postedOn: CalendarDate | undefined;
  trackingNumber: string | undefined;
  /** The payment deadline it gives, when recorded (letters produced before it was kept have none). */
  deadline: CalendarDate | undefined;
  /** The first entry, for `openArchivedLetter`. */
  interaction: Interaction;
}

const LETTER_KINDS: readonly string[] = ['first-reminder', 'second-reminder', 'formal-notice', 'statement', 'payment-plan'];

/** Archived letters from timeline entries, newest first (entries without a document are left out). */
export function groupLetters(interactions: readonly Interaction[]): ArchivedLetter[] {
  const byPath = new Map<string, ArchivedLetter>();
  for (const entry of interactions) {
    if (entry.kind !== 'letter' || !entry.documentPath) continue;
    const found = byPath.get(entry.documentPath);
    if (found) {
      for (const id of entry.invoiceIds) if (!found.invoiceIds.includes(id)) found.invoiceIds.push(id);
      continue;
    }
    const kind = entry.details?.letterKind;
    const posted = entry.details?.postedOn;
    const tracking = entry.details?.trackingNumber;
    const deadline = entry.details?.deadline;
    byPath.set(entry.documentPath, {
      archiveId: entry.documentPath,
      customerId: entry.customerId,
      at: entry.at,
      kind: typeof kind === 'string' && LETTER_KINDS.includes(kind) ? (kind as LetterKind) : undefined,
      subject: entry.subject ?? '',
      invoiceIds: [...entry.invoiceIds],
      postedOn: typeof posted === 'string' ? posted : undefined,
      trackingNumber: typeof tracking === 'string' ? tracking : undefined,
      deadline: typeof deadline === 'string' ? deadline : undefined,
      interaction: entry,
    });
  }
  const letters = [...byPath.values()];
  // Entries come in storage order (random ids): sorted, the same letter always reads the same.
  for (const letter of letters) letter.invoiceIds.sort();
  return letters.sort((a, b) => b.at.localeCompare(a.at) || a.archiveId.localeCompare(b.archiveId));
}
