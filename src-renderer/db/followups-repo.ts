import type { StepAction } from '../domain/planner';
import { stepTrail } from '../domain/planner';
import { addDays } from '../domain/dates';
import type { CalendarDate, Channel, Interaction, IsoInstant } from '../domain/model';
import type { RelanceDatabase } from './database';

/**
 * What the user does with the day's follow-ups in Today, written so that the planner sees it: a step
 * done or skipped is one timeline entry per invoice of the action (its policy and step, the audit
 * trail), in one transaction, so a grouped email never leaves half its invoices unmarked.
 */

/** The timeline kind of a step's channel: calls, letters, and messages (the legal decision is a reminder step too). */
function kindOf(channel: Channel): Interaction['kind'] {
  if (channel === 'phone') return 'call';
  if (channel === 'letter' || channel === 'formal-notice') return 'letter';
  return 'reminder';
}

/** Messages have a sending status; a call made or a letter posted by hand has none. */
function doneStatus(channel: Channel): Interaction['status'] {
  return channel === 'email' || channel === 'sms' || channel === 'whatsapp' ? 'sent' : undefined;
}

export async function recordStepOutcome(
  db: RelanceDatabase,
  action: StepAction,
  outcome: { done: true; notes?: string } | { done: false; reason: string },
  nowIso: IsoInstant,
): Promise<Interaction[]> {
  return db.transaction('rw', db.interactions, async () => {
    const entries: Interaction[] = stepTrail(action).map(({ invoiceId, policyId, stepId }) => {
      const status = outcome.done ? doneStatus(action.channel) : 'skipped';
      const notes = outcome.done ? outcome.notes?.trim() : outcome.reason.trim();
      return {
        id: crypto.randomUUID(),
        customerId: action.customerId,
        kind: kindOf(action.channel),
        at: nowIso,
        invoiceIds: [invoiceId],
        channel: action.channel,
        policyId,
        stepId,
        tone: action.tone,
        ...(status ? { status } : {}),
        ...(notes ? { notes } : {}),
        details: { source: 'today', actionKey: action.key },
      };
    });
    await db.interactions.bulkAdd(entries);
    return entries;
  });
}

/**
 * "Reporter" in Today: the customer's follow-ups wait until `until` (inclusive of the day before),
 * with the reason in the history. Uses the customer's pause, which the planner honours for every
 * channel: a shopkeeper who agreed to wait for one customer waits on all their invoices.
 */
export async function snoozeCustomer(db: RelanceDatabase, customerId: string, until: CalendarDate, reason: string, nowIso: IsoInstant) {
  return db.transaction('rw', db.customers, db.interactions, async () => {
    const customer = await db.customers.get(customerId);
    if (!customer) throw new Error(`Unknown customer ${customerId}`);
    // pausedUntil is inclusive: reminders resume on `until` itself.
    const lastPausedDay = addDays(until, -1);
    await db.customers.put({ ...customer, pausedUntil: lastPausedDay, updatedAt: nowIso });
    await db.interactions.add({
      id: crypto.randomUUID(),
      customerId,
      kind: 'status-change',
      at: nowIso,
      invoiceIds: [],
      notes: reason.trim() || undefined,
      details: { change: 'snoozed', until },
    });
  });
}

/** The user saw a broken promise or plan and acknowledged it: it stops being listed as news. */
export async function acknowledgeBroken(db: RelanceDatabase, kind: 'promise' | 'plan', id: string, customerId: string, nowIso: IsoInstant) {
  return db.transaction('rw', db.promises, db.paymentPlans, db.interactions, async () => {
    if (kind === 'promise') await db.promises.update(id, { status: 'broken' });
    else await db.paymentPlans.update(id, { status: 'broken' });
    await db.interactions.add({
      id: crypto.randomUUID(),
      customerId,
      kind: kind === 'promise' ? 'promise' : 'payment-plan',
      at: nowIso,
      invoiceIds: [],
      details: { change: kind === 'promise' ? 'promise-broken' : 'plan-broken', id },
    });
  });
}
