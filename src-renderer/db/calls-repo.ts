/**
 * Logging a phone call, in ONE transaction with everything it decides: the call in the timeline,
 * a promise to pay, disputed invoices, "says already paid" to check, a wrong number on the contact,
 * the date to follow up again. Either all of it is written or nothing is.
 */
import type { DelayReason } from '../domain/calls';
import { addDays, isCalendarDate } from '../domain/dates';
import type { CalendarDate, CallOutcome, Cents, Interaction, IsoInstant, PromiseToPay } from '../domain/model';
import type { RelanceDatabase } from './database';
import { setDispute, ValidationError } from './ledger-repo';
import { BUILT_IN_TEMPLATE_IDS } from '../domain/builtin-templates';
import { getTemplateOverrides, revertTemplate, saveTemplateOverride } from './template-overrides-repo';

export interface CallLogInput {
  customerId: string;
  /** The open invoices the call was about. */
  invoiceIds: string[];
  outcome: CallOutcome;
  durationSeconds: number;
  reason?: DelayReason;
  notes?: string;
  /** The contact and number called (for a wrong number). */
  contactId?: string;
  phone?: string;
  promise?: { date: CalendarDate; amountCents: Cents };
  dispute?: { reason: string };
  saysPaid?: { date: CalendarDate };
  /** Local date and time ("14:30") the customer asked to be called back. */
  callBack?: { date: CalendarDate; time?: string };
  /**
   * When to follow up again. When it is later than the policy's own next date (`proposed`) or the
   * outcome is "call back", the customer's reminders wait until then (as "Reporter" in Today).
   */
  nextFollowUp?: CalendarDate | null;
  proposedFollowUp?: CalendarDate | null;
  /** The Today step this call carries out (its audit trail: see planner.ts, "Done steps"). */
  steps?: { invoiceId: string; policyId: string; stepId: string }[];
  today: CalendarDate;
}

export interface CallLogResult {
  call: Interaction;
  promise?: PromiseToPay;
}

function refuse(field: string, message: string): never {
  throw new ValidationError([{ field, code: 'invalid', message }]);
}

function check(input: CallLogInput): void {
  if (!Number.isInteger(input.durationSeconds) || input.durationSeconds < 0) refuse('durationSeconds', 'the duration must be whole seconds');
  if (input.outcome === 'promise') {
    if (!input.promise) refuse('promise', 'a promise needs a date and an amount');
    if (!isCalendarDate(input.promise.date) || input.promise.date < input.today) refuse('promise.date', 'the promised date must be today or later');
    if (!Number.isInteger(input.promise.amountCents) || input.promise.amountCents <= 0) refuse('promise.amountCents', 'the promised amount must be positive');
    if (input.invoiceIds.length === 0) refuse('invoiceIds', 'a promise is about at least one invoice');
  }
  if (input.outcome === 'dispute') {
    if (!input.dispute?.reason.trim()) refuse('dispute.reason', 'a dispute needs its reason');
    if (input.invoiceIds.length === 0) refuse('invoiceIds', 'a dispute is about at least one invoice');
  }
  if (input.outcome === 'says-paid' && (!input.saysPaid || !isCalendarDate(input.saysPaid.date))) refuse('saysPaid.date', 'when did they pay?');
  if (input.outcome === 'call-back') {
    if (!input.callBack || !isCalendarDate(input.callBack.date)) refuse('callBack.date', 'when to call back?');
    if (input.callBack.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(input.callBack.time)) refuse('callBack.time', 'a time is HH:MM');
  }
  if (input.nextFollowUp != null && !isCalendarDate(input.nextFollowUp)) refuse('nextFollowUp', 'not a date');
}

/** Writes the call and what it decided; see CallLogInput. Throws a ValidationError on incomplete input. */
export async function logCall(db: RelanceDatabase, input: CallLogInput, nowIso: IsoInstant): Promise<CallLogResult> {
  check(input);
  return db.transaction('rw', [db.customers, db.invoices, db.interactions, db.promises], async () => {
    const customer = await db.customers.get(input.customerId);
    if (!customer) refuse('customerId', `customer ${input.customerId} does not exist`);
    const invoices = await db.invoices.bulkGet(input.invoiceIds);
    invoices.forEach((invoice, index) => {
      if (!invoice || invoice.customerId !== customer.id) refuse('invoiceIds', `invoice ${input.invoiceIds[index]} is not this customer's`);
    });

    const notes = input.notes?.trim();
    const details: NonNullable<Interaction['details']> = { source: 'call-panel' };
    if (input.reason) details.reason = input.reason;
    if (input.saysPaid) details.saysPaidOn = input.saysPaid.date;
    if (input.callBack) details.callBackOn = input.callBack.date;
    if (input.callBack?.time) details.callBackAt = input.callBack.time;
    if (input.dispute) details.disputeReason = input.dispute.reason.trim();
    if (input.phone) details.phone = input.phone;
    if (input.contactId) details.contactId = input.contactId;
    if (input.nextFollowUp) details.nextFollowUp = input.nextFollowUp;

    // A call carrying out Today's step marks it done for its invoices; grouped invoices at other
    // steps get an entry of their own (`partOf` the call, so the call log lists the call once).
    const groups = new Map<string, { policyId: string; stepId: string; invoiceIds: string[] }>();
    for (const trail of input.steps ?? []) {
      const key = `${trail.policyId}\u0000${trail.stepId}`;
      const group = groups.get(key) ?? { policyId: trail.policyId, stepId: trail.stepId, invoiceIds: [] };
      group.invoiceIds.push(trail.invoiceId);
      groups.set(key, group);
    }
    const [lead, ...others] = [...groups.values()];
    const stepped = new Set(others.flatMap((group) => group.invoiceIds));

    const call: Interaction = {
      id: crypto.randomUUID(),
      customerId: customer.id,
      kind: 'call',
      at: nowIso,
      invoiceIds: input.invoiceIds.filter((id) => !stepped.has(id)),
      channel: 'phone',
      callOutcome: input.outcome,
      durationSeconds: input.durationSeconds,
      ...(lead ? { policyId: lead.policyId, stepId: lead.stepId } : {}),
      ...(notes ? { notes } : {}),
      details,
    };
    const entries: Interaction[] = [call];
    for (const group of others) {
      entries.push({
        id: crypto.randomUUID(),
        customerId: customer.id,
        kind: 'call',
        at: nowIso,
        invoiceIds: group.invoiceIds,
        channel: 'phone',
        callOutcome: input.outcome,
        policyId: group.policyId,
        stepId: group.stepId,
        details: { source: 'call-panel', partOf: call.id },
      });
    }

    let promise: PromiseToPay | undefined;
    if (input.outcome === 'promise' && input.promise) {
      promise = {
        id: crypto.randomUUID(),
        customerId: customer.id,
        invoiceIds: [...input.invoiceIds],
        promisedDate: input.promise.date,
        amountCents: input.promise.amountCents,
        status: 'pending',
        createdAt: nowIso,
        interactionId: call.id,
      };
      call.details = { ...details, promiseId: promise.id, promisedOn: promise.promisedDate, promisedCents: promise.amountCents };
      await db.promises.add(promise);
    }
    await db.interactions.bulkAdd(entries);

    if (input.outcome === 'dispute' && input.dispute) {
      // The ledger's own operation (nested in this transaction): same history entry as the invoice screen.
      for (const invoiceId of input.invoiceIds) await setDispute(db, invoiceId, input.dispute.reason, input.today, nowIso);
    }

    let updated = customer;
    if (input.outcome === 'wrong-number' && input.contactId && input.phone) {
      const phone = input.phone;
      updated = {
        ...updated,
        contacts: updated.contacts.map((contact) => (contact.id === input.contactId ? { ...contact, wrongNumber: { phone, since: input.today } } : contact)),
      };
    }
    const next = input.nextFollowUp ?? null;
    const waits = next !== null && next > input.today && (input.outcome === 'call-back' || input.proposedFollowUp == null || next > input.proposedFollowUp);
    if (waits) {
      // pausedUntil is inclusive: the follow-up resumes on `next` itself.
      const lastPausedDay = addDays(next, -1);
      if (!updated.pausedUntil || updated.pausedUntil < lastPausedDay) updated = { ...updated, pausedUntil: lastPausedDay };
    }
    if (updated !== customer) await db.customers.put({ ...updated, updatedAt: nowIso });
    return promise ? { call, promise } : { call };
  });
}

/** Adds a free note to the customer's timeline (from the customer page, a call, anywhere). */
export async function addCustomerNote(db: RelanceDatabase, customerId: string, text: string, invoiceIds: string[], nowIso: IsoInstant): Promise<Interaction> {
  const notes = text.trim();
  if (!notes) refuse('notes', 'a note cannot be empty');
  return db.transaction('rw', db.customers, db.interactions, async () => {
    if (!(await db.customers.get(customerId))) refuse('customerId', `customer ${customerId} does not exist`);
    const note: Interaction = { id: crypto.randomUUID(), customerId, kind: 'note', at: nowIso, invoiceIds, notes };
    await db.interactions.add(note);
    return note;
  });
}

/**
 * Settings row where the call panel used to keep the shop's own call scripts, one text per language.
 * The scripts are now the `phone-call` template's overrides (template-overrides-repo.ts), edited from
 * the call panel or from Settings › Message templates; a script still in this row is read as the
 * override of its language until the next save moves it there.
 */
export const CALL_SCRIPT_KEY = 'callsPanel.script';

export type CallScripts = Partial<Record<'fr' | 'en', string>>;

async function legacyCallScripts(db: RelanceDatabase): Promise<CallScripts> {
  const value = (await db.settings.get(CALL_SCRIPT_KEY))?.value;
  if (typeof value !== 'object' || value === null) return {};
  const scripts: CallScripts = {};
  for (const language of ['fr', 'en'] as const) {
    const text = (value as Record<string, unknown>)[language];
    if (typeof text === 'string') scripts[language] = text;
  }
  return scripts;
}

/** The shop's own call script per language (absent: the built-in one). */
export async function getCallScripts(db: RelanceDatabase): Promise<CallScripts> {
  const [legacy, overrides] = await Promise.all([legacyCallScripts(db), getTemplateOverrides(db)]);
  const scripts: CallScripts = { ...legacy };
  for (const language of ['fr', 'en'] as const) {
    const body = overrides[BUILT_IN_TEMPLATE_IDS.phoneCall]?.[language]?.body;
    if (body !== undefined) scripts[language] = body;
  }
  return scripts;
}

/** Saves the script of one language; `null` goes back to the built-in one. */
export function saveCallScript(db: RelanceDatabase, language: 'fr' | 'en', text: string | null, now: IsoInstant): Promise<void> {
  return db.transaction('rw', db.settings, async () => {
    const legacy = await legacyCallScripts(db);
    if (language in legacy) {
      delete legacy[language];
      if (Object.keys(legacy).length === 0) await db.settings.delete(CALL_SCRIPT_KEY);
      else await db.settings.put({ key: CALL_SCRIPT_KEY, value: legacy });
    }
    if (text === null) await revertTemplate(db, BUILT_IN_TEMPLATE_IDS.phoneCall, language);
    else await saveTemplateOverride(db, { id: BUILT_IN_TEMPLATE_IDS.phoneCall, language, body: text }, now);
  });
}
