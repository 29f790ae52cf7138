import { stepTrail, type StepAction } from '../domain/planner';
import { isDue, needsNewKey, reconcileSending, transitionAfter, type KeyState, type OutboxTransition, type SendAnswer } from '../domain/outbox';
import type { Channel, Interaction, IsoInstant, ReminderStatus, Tone } from '../domain/model';
import { letterCopyKey } from '../domain/letter-copy';
import type { RelanceDatabase } from './database';

/**
 * The renderer's outbox of reminder emails, in Dexie (rules: domain/outbox.ts).
 *
 * One email = one **message row**: an interaction of kind `reminder`, channel `email`, with the
 * `idempotencyKey` main sends it under (unique index), its `status`, `subject`, `body` (plain text)
 * and in `details` what the timeline and the driver need: `to`, `html`, `qrPayload`, `pdfInvoiceIds`,
 * `letterArchiveId` (an archived statement attached), `attempts`, `nextAttemptAt`, `serverMessageId`, `lastError`...
 *
 * The message row is also the step's audit trail (see followups-repo.ts): it lists the invoices whose
 * step is the action's own step. An email grouping invoices that stand at other steps gets one
 * **companion row** per other (policy, step), without a key (`details.messageId` names the message
 * row), whose status follows the message's. Each invoice is therefore listed once, and the planner
 * counts one reminder per invoice per email. Queued, sending and retrying count as done for the
 * planner (the email is on its way); a failed email does not, so its step comes back to Today.
 */

export interface EmailDraftFields {
  to: { name?: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** EPC payload of the SEPA QR code shown inline, when the shop has an IBAN. */
  qrPayload?: string;
  /** Invoices whose stored PDF copy goes as an attachment. */
  pdfInvoiceIds: string[];
  /**
   * An archived letter sent with the email (the statement of account of a firm reminder): its
   * archive id (`letters/<year>/<file>.pdf`, never overwritten, so every attempt under one key sends
   * the same bytes) and the attachment's file name. Also the row's `documentPath`: the timeline
   * opens it from the email's entry.
   */
  letter?: { archiveId: string; fileName: string };
}

/** Where an email was queued: Today's review, the automatic sending, the Courriers screen (a letter's copy). */
export type OutboxSource = 'today' | 'automatic' | 'letters';

export const isEmailMessage = (row: Interaction): boolean =>
  row.kind === 'reminder' && row.channel === 'email' && row.idempotencyKey !== undefined;

const newKey = () => crypto.randomUUID();

/** The (policy, step) groups of an action's trail, the action's own step first: one row each (see above). */
export function trailGroups(action: StepAction): { policyId: string; stepId: string; invoiceIds: string[] }[] {
  const groups = new Map<string, { policyId: string; stepId: string; invoiceIds: string[] }>();
  for (const entry of stepTrail(action)) {
    const id = `${entry.policyId}\u0000${entry.stepId}`;
    const group = groups.get(id) ?? { policyId: entry.policyId, stepId: entry.stepId, invoiceIds: [] };
    group.invoiceIds.push(entry.invoiceId);
    groups.set(id, group);
  }
  const list = [...groups.values()];
  const lead = list.findIndex((g) => g.policyId === action.policyId && g.stepId === action.stepId);
  if (lead > 0) list.unshift(...list.splice(lead, 1));
  return list;
}

function draftDetails(draft: EmailDraftFields): Record<string, string | null> {
  return {
    to: draft.to.address,
    toName: draft.to.name ?? null,
    html: draft.html,
    qrPayload: draft.qrPayload ?? null,
    pdfInvoiceIds: draft.pdfInvoiceIds.join(','),
    letterArchiveId: draft.letter?.archiveId ?? null,
    letterFileName: draft.letter?.fileName ?? null,
  };
}

async function companionsOf(db: RelanceDatabase, message: Interaction): Promise<Interaction[]> {
  return db.interactions
    .where('customerId')
    .equals(message.customerId)
    .filter((row) => row.details?.messageId === message.id)
    .toArray();
}

/** The message rows of an action (any status), newest first. */
async function messagesOfAction(db: RelanceDatabase, action: { customerId: string; key: string }): Promise<Interaction[]> {
  const rows = await db.interactions
    .where('customerId')
    .equals(action.customerId)
    .filter((row) => isEmailMessage(row) && row.details?.actionKey === action.key)
    .toArray();
  return rows.sort((a, b) => b.at.localeCompare(a.at));
}

/**
 * Puts an approved (or automatic) reminder email in the outbox, with its step's audit trail, in one
 * transaction. An action that already has a message on its way or sent is not queued twice (a double
 * click, "send all" racing the automatic sending): that message is returned. A failed message of the
 * same action is reused — new content, new key — so that its history stays one line.
 */
export async function queueEmail(
  db: RelanceDatabase,
  action: StepAction,
  draft: EmailDraftFields,
  source: OutboxSource,
  nowIso: IsoInstant,
): Promise<Interaction> {
  return db.transaction('rw', db.interactions, async () => {
    const existing = await messagesOfAction(db, action);
    const active = existing.find((row) => row.status !== 'failed');
    if (active) return active;
    const failed = existing[0];
    const groups = trailGroups(action);
    const lead = groups[0]!;
    const common = { customerId: action.customerId, kind: 'reminder' as const, channel: 'email' as Channel, tone: action.tone, at: nowIso };
    const message: Interaction = {
      id: failed?.id ?? crypto.randomUUID(),
      ...common,
      invoiceIds: lead.invoiceIds,
      policyId: lead.policyId,
      stepId: lead.stepId,
      status: 'queued',
      idempotencyKey: newKey(),
      subject: draft.subject,
      body: draft.text,
      ...(draft.letter ? { documentPath: draft.letter.archiveId } : {}),
      details: {
        source,
        actionKey: action.key,
        allInvoiceIds: action.invoiceIds.join(','),
        attempts: 0,
        ...draftDetails(draft),
      },
    };
    await db.interactions.put(message);
    const companions = failed ? await companionsOf(db, failed) : [];
    await db.interactions.bulkDelete(companions.map((row) => row.id));
    await db.interactions.bulkAdd(
      groups.slice(1).map((group) => ({
        id: crypto.randomUUID(),
        ...common,
        invoiceIds: group.invoiceIds,
        policyId: group.policyId,
        stepId: group.stepId,
        status: 'queued' as const,
        subject: draft.subject,
        details: { source, actionKey: action.key, messageId: message.id },
      })),
    );
    return message;
  });
}

/** The letter a copy by email is of (domain/letter-copy.ts). */
export interface CopiedLetter {
  customerId: string;
  /** The archive of the printed letter: the copy's key, its attachment, the row's `documentPath`. */
  archiveId: string;
  fileName: string;
  /** The letter's invoices, listed on the message row (the timeline, the invoice's history). */
  invoiceIds: readonly string[];
  /** The tone of the letter's step, when it came from one. */
  tone?: Tone;
}

/**
 * Puts a letter's copy by email in the outbox: one message row keyed by the letter's archive
 * (`letterCopyKey`), that attaches the archived PDF at every attempt. No policy step on it: the letter
 * is the step, recorded by `recordLetter` (this runs inside that transaction when the copy goes with a
 * letter being printed, so a letter recorded always has its copy queued). Like `queueEmail`, a copy
 * already on its way or sent is returned instead of queued again; a failed one is reused with a new key.
 */
export async function queueLetterCopy(db: RelanceDatabase, letter: CopiedLetter, draft: Omit<EmailDraftFields, 'letter'>, source: OutboxSource, nowIso: IsoInstant): Promise<Interaction> {
  const key = letterCopyKey(letter.archiveId);
  return db.transaction('rw', db.interactions, async () => {
    const existing = await messagesOfAction(db, { customerId: letter.customerId, key });
    const active = existing.find((row) => row.status !== 'failed');
    if (active) return active;
    const message: Interaction = {
      id: existing[0]?.id ?? crypto.randomUUID(),
      customerId: letter.customerId,
      kind: 'reminder',
      channel: 'email',
      ...(letter.tone ? { tone: letter.tone } : {}),
      at: nowIso,
      invoiceIds: [...letter.invoiceIds],
      status: 'queued',
      idempotencyKey: newKey(),
      subject: draft.subject,
      body: draft.text,
      documentPath: letter.archiveId,
      details: {
        source,
        actionKey: key,
        letterCopyOf: letter.archiveId,
        allInvoiceIds: letter.invoiceIds.join(','),
        attempts: 0,
        ...draftDetails({ ...draft, letter: { archiveId: letter.archiveId, fileName: letter.fileName } }),
      },
    };
    await db.interactions.put(message);
    return message;
  });
}

/** The copy by email of an archived letter (any status, the latest), if one was ever queued. */
export async function letterCopyOf(db: RelanceDatabase, customerId: string, archiveId: string): Promise<Interaction | undefined> {
  return (await messagesOfAction(db, { customerId, key: letterCopyKey(archiveId) }))[0];
}

/**
 * The message of an action already on its way or sent, if any: `queueEmail` would return it instead
 * of queueing. Asked before rendering an attachment, so that a double click archives no letter for
 * nothing.
 */
export async function activeMessageOf(db: RelanceDatabase, action: { customerId: string; key: string }): Promise<Interaction | undefined> {
  return (await messagesOfAction(db, action)).find((row) => row.status !== 'failed');
}

/** The failed message of an action, if its last email needs attention (Today shows it on the action). */
export async function failedMessageOf(db: RelanceDatabase, action: { customerId: string; key: string }): Promise<Interaction | undefined> {
  const [latest] = await messagesOfAction(db, action);
  return latest?.status === 'failed' ? latest : undefined;
}

/** The statuses of an email still on its way: what the driver sends, retries or asks main about. */
const ON_ITS_WAY: readonly ReminderStatus[] = ['queued', 'retrying', 'sending'];

/**
 * The emails of the outbox in `statuses` (by default those still on its way), read through the
 * [kind+status] index: a shop's history holds every email ever sent, the driver needs the few that
 * wait (see schema.ts, version 2).
 */
export async function outboxMessages(db: RelanceDatabase, statuses: readonly ReminderStatus[] = ON_ITS_WAY): Promise<Interaction[]> {
  return db.interactions
    .where('[kind+status]')
    .anyOf(statuses.map((status) => ['reminder', status]))
    .filter(isEmailMessage)
    .toArray();
}

async function setStatus(db: RelanceDatabase, message: Interaction, status: Interaction['status'], details: Record<string, string | number | boolean | null>, extra: Partial<Interaction> = {}) {
  const updated: Interaction = { ...message, ...extra, status, details: { ...message.details, ...details } };
  await db.interactions.put(updated);
  for (const companion of await companionsOf(db, message)) await db.interactions.put({ ...companion, status });
  return updated;
}

/**
 * Takes a due message for sending: `sending`, one more attempt. Null when it is not due any more
 * (another tab or an earlier run took it): the transaction makes the claim atomic.
 */
export async function claimForSending(db: RelanceDatabase, id: string, nowIso: IsoInstant): Promise<Interaction | null> {
  return db.transaction('rw', db.interactions, async () => {
    const message = await db.interactions.get(id);
    if (!message || !isEmailMessage(message) || !isDue(message, nowIso)) return null;
    const attempts = Number(message.details?.attempts ?? 0) + 1;
    return setStatus(db, message, 'sending', { attempts, lastAttemptAt: nowIso, nextAttemptAt: null });
  });
}

async function applyTransition(db: RelanceDatabase, message: Interaction, transition: OutboxTransition) {
  // A new failure replaces the previous one; a success keeps the last error as history of the retries.
  return setStatus(db, message, transition.status, transition.details);
}

/** Records main's answer to a send. Ignored unless the message is still `sending` with that key. */
export async function recordSendAnswer(db: RelanceDatabase, id: string, key: string, answer: SendAnswer, nowIso: IsoInstant): Promise<Interaction | null> {
  return db.transaction('rw', db.interactions, async () => {
    const message = await db.interactions.get(id);
    if (!message || message.status !== 'sending' || message.idempotencyKey !== key) return null;
    return applyTransition(db, message, transitionAfter(answer, Number(message.details?.attempts ?? 1), nowIso));
  });
}

/** The messages left `sending` (by a restart, or a send in progress), whose keys main is asked about. */
export async function sendingMessages(db: RelanceDatabase): Promise<Interaction[]> {
  return outboxMessages(db, ['sending']);
}

/**
 * At start-up, before anything is retried: each message left `sending` takes what main's journal
 * says of its key (see `reconcileSending`). Returns the ids still being sent by main.
 */
export async function reconcile(db: RelanceDatabase, states: ReadonlyMap<string, KeyState>, nowIso: IsoInstant): Promise<string[]> {
  return db.transaction('rw', db.interactions, async () => {
    const stillSending: string[] = [];
    for (const message of await sendingMessages(db)) {
      const state = states.get(message.idempotencyKey!);
      if (!state) continue;
      const outcome = reconcileSending(state, Number(message.details?.attempts ?? 1), nowIso);
      if ('requeue' in outcome) await setStatus(db, message, 'queued', {});
      else if ('wait' in outcome) stillSending.push(message.id);
      else await applyTransition(db, message, outcome.transition);
    }
    return stillSending;
  });
}

/**
 * "Retry now": a message waiting for its next attempt goes now; a failed one goes again, with a new
 * key when main already handed the old one to SMTP (it never sends a key twice).
 */
export async function retryNow(db: RelanceDatabase, id: string, nowIso: IsoInstant): Promise<Interaction> {
  return db.transaction('rw', db.interactions, async () => {
    const message = await db.interactions.get(id);
    if (!message || !isEmailMessage(message)) throw new Error(`No email ${id} in the outbox`);
    if (message.status === 'retrying') return setStatus(db, message, 'retrying', { nextAttemptAt: nowIso });
    if (message.status !== 'failed') return message;
    const key = needsNewKey(message.details?.lastErrorCode) ? newKey() : message.idempotencyKey;
    return setStatus(db, message, 'queued', { attempts: 0, nextAttemptAt: null, requeuedAt: nowIso }, { idempotencyKey: key });
  });
}

/**
 * After the SMTP settings changed: every message waiting for its next attempt goes now (the failure
 * was likely the settings themselves: a wrong port, a wrong host). Returns how many.
 */
export async function bringRetriesForward(db: RelanceDatabase, nowIso: IsoInstant): Promise<number> {
  return db.transaction('rw', db.interactions, async () => {
    const waiting = await outboxMessages(db, ['retrying']);
    for (const message of waiting) await setStatus(db, message, 'retrying', { nextAttemptAt: nowIso });
    return waiting.length;
  });
}
