/**
 * The follow-up planner: from the ledger, the timeline and the policies, what is to be done today.
 * Pure and stateless: it is recomputed from the records on every change and at every wake-up, so a
 * step is "remembered" only through the interactions recorded when it was done (the audit trail).
 *
 * ## What it returns: `PlannedAction`, a union discriminated by `kind`
 *
 * | kind                 | what the shop does                                              | key (stable)                               |
 * |----------------------|-----------------------------------------------------------------|--------------------------------------------|
 * | `step`               | a step of a policy: email, SMS, call, letter, formal notice, legal decision; one per customer and channel, listing every invoice it is about | `customerId\|channel\|stepId\|sorted invoice ids` |
 * | `promise-due`        | a promise to pay falls due: check the payment came in           | `promise-due\|promiseId`                   |
 * | `instalment-due`     | an instalment of a payment plan falls due: check it             | `instalment-due\|planId\|index`            |
 * | `broken-promise`     | a promise was not kept (grace days over): mark it broken, talk  | `broken-promise\|promiseId`                |
 * | `broken-plan`        | an instalment was missed (grace days over): mark the plan broken| `broken-plan\|planId\|index`               |
 * | `escalation-blocked` | a formal notice or legal step is due but two reminders were not actually done and no reminder step is left to do: remind by hand | `escalation-blocked\|invoiceId\|policyId\|stepId` |
 * | `call-back`          | the customer asked to be called back on that day (and time)     | `call-back\|callId`                        |
 *
 * `promise-due` and `instalment-due` show from the due date to the end of the grace days
 * (`promiseGraceDays`, 3 by default), while the invoices stay paused.
 *
 * ## Rules
 *
 * Chased invoices. Invoices (not credit notes) with something left to pay, that are not cancelled,
 * written off nor disputed, of a customer who is not marked "do not chase" nor paused
 * (`pausedUntil` ≥ today). A payment lowers `paidCents`, so what it settles drops out by itself.
 * Paused as well: an invoice under a pending promise until `promisedDate + grace`, and an invoice of
 * an active payment plan in good standing (no instalment unpaid past `dueDate + grace`). A paused or
 * do-not-chase customer gets no action at all, promises and plans included.
 *
 * Done steps. A step is done for an invoice when an interaction of kind reminder, call or letter
 * lists the invoice, names the same `policyId` and `stepId`, and its status is not `draft` nor
 * `failed` (`skipped` counts: skipping is a decision; `queued`, `sending`, `retrying` count: the email
 * is on its way, with its idempotency key). Each step therefore fires at most once per
 * invoice; a step that stays undone stays due, so a step missed while the app was closed fires once
 * when it opens, not once per missed day.
 *
 * The current step of an invoice is its most advanced done step of its policy. Only a step after it
 * fires: the **latest** step whose date (due date + offset) is reached. When several steps were missed
 * (the app was closed for weeks, the invoice was imported late, the policy changed), the earlier
 * ones are superseded: sending a friendly first reminder and a formal notice the same morning makes
 * no sense, the customer gets the step that matches how late the invoice is.
 *
 * Courtesy steps (offset < 0) fire up to the due date included, never once the invoice is late.
 *
 * Two reminders before any formal notice or legal step, counted on what was actually done for the
 * invoice under any policy: interactions of kind reminder, call or letter on a reminder channel
 * (email, SMS, WhatsApp, phone, letter), not courtesy, not draft/failed/skipped, and for calls not
 * `no-answer` nor `wrong-number` (the customer was not reached). Interactions without a policy (a
 * letter written by hand) count too; a letter's copy by email does not (it is the letter again). When the step to fire is a formal notice or legal step and fewer
 * than two reminders were done, the latest reminder step of the policy reached and not yet done fires
 * instead (`cause: 'reminders-first'`), even one before the current step (two reminders are a hard
 * requirement); when there is none, an `escalation-blocked` action says so.
 * Reminders `queued`/`sending`/`retrying` count as done, so a formal notice is not held back a day
 * while the previous email is in the outbox.
 *
 * Kept commitments. When `payments` are given, a promise is kept once the payments recorded since it
 * was made cover its amount (promises.ts), and the payments since a plan was made settle its
 * instalments in order (payment-plans.ts); a kept promise gives no action and no pause.
 *
 * Broken commitments. A pending promise past `promisedDate + grace` with something still owed gives a
 * `broken-promise` action; an active plan with an instalment unpaid past `dueDate + grace` gives a
 * `broken-plan` action. Both stop the pause, and the invoices move on at once: the next step after
 * the current one fires today even if its date is not reached (`cause: 'broken-promise' | 'broken-plan'`).
 * A promise or plan already marked `broken` by the user gives no action but still moves its invoices
 * on. The move happens once per commitment: it is served by any follow-up interaction (reminder,
 * call, letter, skipped included) recorded for the invoice after the promise or plan was created
 * (the invoice was paused meanwhile, so that interaction is the reaction to the break).
 *
 * Instalment reminders (instalment-reminders.ts). For each unpaid instalment of an active plan in
 * good standing: a courteous reminder from 3 days before its date to the day before, and a friendly
 * one from the day after its date to the last grace day. Each is a `step` action with `instalment`
 * set, on the customer's preferred channel (a letter preference gets an email), policy `plan:<id>`
 * and step `instalment-<n>-before|missed`, key `customerId|channel|stepId|planId`: done (once) like
 * any step, through its audit trail. These
 * trail entries never serve a broken commitment nor count as done policy steps.
 *
 * Calls back. A customer whose latest logged call (call-log.ts) asked to be called back gets a
 * `call-back` action from that day on, until a call is logged for them; active customers only. On
 * the same day, calls back come after the other actions, by the time asked.
 *
 * Policy changes. The policy is resolved every time (`policyFor`), so a new policy applies to
 * invoices already in progress, from the point their lateness has reached in the new policy. Steps
 * done under another policy id do not count as done for the new one; they still count as reminders
 * actually done for the two-reminders rule.
 *
 * Grouping. One step action per customer and channel: a customer with three late invoices due for
 * email steps gets one email listing the three. Its step is the most advanced one among them (tone
 * ladder courtesy < friendly < firm < formal, then offset, then step index), it is automatic only if
 * every grouped step is, its `dueSince` is the earliest date one of them became due, its new deadline
 * is today + the step's `newDeadlineDays` but never before one of the invoices' own due date.
 * `reasons` has one line per invoice (most late first, then by number).
 *
 * Order. Actions are sorted by `dueSince`, then customer name (`normalizedName`: accents and case
 * ignored), then channel (the kind for non-step actions), then key: the same records in any order
 * always give the same list.
 *
 * Cost. One pass over the invoices; the timeline is indexed only for the invoices still chased (most
 * interactions are about invoices paid long ago); day arithmetic is memoised per run.
 * tests/bench/planner.bench.ts: 10,000 customers and 100,000 invoices.
 */
import { addDays, daysBetween } from './dates';
import { nextAllowedInstant, type BusinessCalendar } from './calendar';
import type {
  CalendarDate,
  Cents,
  Channel,
  Contact,
  Customer,
  FollowUpPolicy,
  FollowUpStep,
  Interaction,
  Invoice,
  IsoInstant,
  Payment,
  PaymentPlan,
  PromiseToPay,
  Tone,
} from './model';
import { pendingCallBacks } from './call-log';
import { isLetterCopy } from './letter-copy';
import {
  INSTALMENT_REMINDER_DAYS_BEFORE as INSTALMENT_DAYS_BEFORE,
  instalmentReminderChannel,
  instalmentReminderDates,
  instalmentReminderDeadline,
  instalmentReminderDue,
  instalmentReminderStepId,
  isPlanReminder,
  planReminderPolicyId,
  type InstalmentReminderWhen,
} from './instalment-reminders';
import { instalmentReminderTemplateId } from './instalment-templates';
import { allocateToInstalments, firstMissedInstalment, instalmentBrokenOn } from './payment-plans';
import { paidTowardsSince, paymentsOfInvoices } from './payments-since';
import { promiseBrokenOn, promiseState } from './promises';
import { isCourtesyStep, isEscalationStep, isReminderStep, policyResolver, REMINDER_CHANNELS, REMINDERS_BEFORE_ESCALATION } from './policies';
import { localTimeToInstant } from './wake-up';

export interface PlannerInput {
  /** The current instant (used by `nextWakeInstant`). */
  asOf: IsoInstant;
  /** The shop's calendar date at `asOf`. */
  today: CalendarDate;
  customers: readonly Customer[];
  invoices: readonly Invoice[];
  interactions: readonly Interaction[];
  promises: readonly PromiseToPay[];
  paymentPlans: readonly PaymentPlan[];
  policies: readonly FollowUpPolicy[];
  shopDefaultPolicyId?: string;
  /** Days after a promised date or an instalment date before it counts as broken; 3 by default. */
  promiseGraceDays?: number;
  /**
   * The payments, when known: they keep promises (payments-since.ts) and settle the instalments of
   * plans in order (payment-plans.ts). Without them, the stored `status` and `paidCents` are used.
   */
  payments?: readonly Payment[];
}

export const DEFAULT_PROMISE_GRACE_DAYS = 3;

/** Why a step fires for an invoice. */
export type StepCause =
  /** Its date is reached. */
  | 'due'
  /** A formal notice or legal step was due, but two reminders were not done yet: this reminder first. */
  | 'reminders-first'
  /** A promise to pay was broken: the next step fires at once. */
  | 'broken-promise'
  /** An instalment of a payment plan was missed: the next step fires at once. */
  | 'broken-plan';

/** One invoice of a step action: "F-2026-031: 12 days late, step 3 of Standard". */
export interface StepReason {
  invoiceId: string;
  number: string;
  /** Days past the due date, 0 on the due date and before. */
  daysLate: number;
  dueDate: CalendarDate;
  balanceCents: Cents;
  /** 1-based position of this invoice's step in its policy, and the policy's number of steps. */
  stepNumber: number;
  stepCount: number;
  policyId: string;
  policyName: string;
  /** This invoice's own step (the action shows the most advanced one of its invoices). */
  stepId: string;
  cause: StepCause;
}

interface ActionBase {
  /** Stable across runs for the same work: the base of the idempotency key of what it sends. */
  key: string;
  customerId: string;
  /** For display and sorting; empty when the customer is unknown. */
  customerName: string;
  invoiceIds: string[];
  /** The date it became due (waiting since). */
  dueSince: CalendarDate;
}

/**
 * A step to carry out. When it is done (or skipped), record the audit trail per invoice, with each
 * invoice's own step (`stepTrail`): the grouped invoices may stand at different steps, and marking
 * the lead step done on all of them would skip steps of the less advanced ones.
 */
export interface StepAction extends ActionBase {
  kind: 'step';
  channel: Channel;
  tone: Tone;
  templateId: string;
  policyId: string;
  stepId: string;
  /** 0-based index of the step in its policy. */
  stepIndex: number;
  /** Sent on its own during business hours (email steps marked automatic), else waits in Today. */
  automatic: boolean;
  /** New payment deadline printed in the message. */
  newDeadline: CalendarDate;
  reasons: StepReason[];
  /** Set on a payment plan's instalment reminder: which instalment, and what is left to pay on it. */
  instalment?: InstalmentReminder;
}

export interface InstalmentReminder {
  planId: string;
  when: InstalmentReminderWhen;
  /** 0-based index in `plan.instalments`. */
  index: number;
  count: number;
  dueDate: CalendarDate;
  amountCents: Cents;
  remainingCents: Cents;
}

export interface CallBackAction extends ActionBase {
  kind: 'call-back';
  /** The call where the customer asked for it. */
  callId: string;
  callBackOn: CalendarDate;
  /** Local time ("14:30") when the customer gave one. */
  callBackAt?: string;
  /** When that call was made. */
  requestedAt: IsoInstant;
  /** The contact who was on the phone, when the call named one. */
  contact?: Pick<Contact, 'name' | 'civility'>;
  notes?: string;
}

export interface PromiseDueAction extends ActionBase {
  kind: 'promise-due';
  promiseId: string;
  promisedDate: CalendarDate;
  amountCents: Cents;
  /** What is still owed on the promised invoices. */
  balanceCents: Cents;
}

export interface BrokenPromiseAction extends ActionBase {
  kind: 'broken-promise';
  promiseId: string;
  promisedDate: CalendarDate;
  amountCents: Cents;
  balanceCents: Cents;
}

export interface InstalmentDueAction extends ActionBase {
  kind: 'instalment-due';
  planId: string;
  /** 0-based index in `plan.instalments`. */
  instalmentIndex: number;
  instalmentCount: number;
  dueDate: CalendarDate;
  /** Instalment amount and what is left to pay on it. */
  amountCents: Cents;
  remainingCents: Cents;
}

export interface BrokenPlanAction extends ActionBase {
  kind: 'broken-plan';
  planId: string;
  /** The first missed instalment. */
  instalmentIndex: number;
  instalmentCount: number;
  dueDate: CalendarDate;
  remainingCents: Cents;
}

export interface EscalationBlockedAction extends ActionBase {
  kind: 'escalation-blocked';
  invoiceId: string;
  number: string;
  policyId: string;
  /** The formal notice or legal step that cannot fire. */
  stepId: string;
  channel: Channel;
  remindersDone: number;
  remindersRequired: number;
}

export type PlannedAction =
  | StepAction
  | PromiseDueAction
  | InstalmentDueAction
  | BrokenPromiseAction
  | BrokenPlanAction
  | EscalationBlockedAction
  | CallBackAction;

export type PlannedActionKind = PlannedAction['kind'];

// ---------------------------------------------------------------------------------------------

const TONE_RANK: Record<Tone, number> = { courtesy: 0, friendly: 1, firm: 2, formal: 3 };
const FOLLOW_UP_KINDS: ReadonlySet<Interaction['kind']> = new Set(['reminder', 'call', 'letter']);
const UNREACHED: ReadonlySet<string> = new Set(['no-answer', 'wrong-number']);
const SEP = '\u0000';

/** What the timeline says about one invoice. */
interface Trail {
  /** `policyId SEP stepId` of the done steps. */
  done: Set<string>;
  /** Reminders actually done, any policy (the two-reminders rule). */
  reminders: number;
  /** Latest follow-up interaction (epoch ms), skipped ones included: serves a broken commitment. */
  lastFollowUpAt: number;
}

interface Break {
  cause: 'broken-promise' | 'broken-plan';
  /** The date the commitment broke. */
  date: CalendarDate;
  /** Epoch ms of the commitment's creation: a follow-up after it serves the break. */
  since: number;
}

interface PreparedPolicy {
  /** By increasing offset (validated policies already are; sorted defensively). */
  steps: FollowUpStep[];
  /** `policyId SEP stepId` of each step, as in `Trail.done`. */
  doneKeys: string[];
}

interface Entry {
  invoice: Invoice;
  policy: FollowUpPolicy;
  stepCount: number;
  stepIndex: number;
  step: FollowUpStep;
  cause: StepCause;
  dueSince: CalendarDate;
  daysLate: number;
  balanceCents: Cents;
}

function countsAsReminder(interaction: Interaction): boolean {
  if (interaction.status === 'skipped') return false;
  // A letter's copy by email is that letter again, not a second reminder (letter-copy.ts).
  if (isLetterCopy(interaction)) return false;
  if (interaction.tone === 'courtesy') return false;
  const channel: Channel = interaction.channel ?? (interaction.kind === 'call' ? 'phone' : interaction.kind === 'letter' ? 'letter' : 'email');
  if (!REMINDER_CHANNELS.has(channel)) return false;
  return !(interaction.kind === 'call' && interaction.callOutcome !== undefined && UNREACHED.has(interaction.callOutcome));
}

/** The trails of the invoices in `wanted` only: most interactions are about invoices paid long ago. */
function buildTrails(interactions: readonly Interaction[], wanted: ReadonlySet<string>): Map<string, Trail> {
  const trails = new Map<string, Trail>();
  for (const interaction of interactions) {
    if (!FOLLOW_UP_KINDS.has(interaction.kind)) continue;
    if (interaction.status === 'draft' || interaction.status === 'failed') continue;
    let reminder: boolean | undefined;
    let at: number | undefined;
    // A plan's own reminders happen while the plan holds: not a policy step, not a reaction to a break.
    const planReminder = isPlanReminder(interaction);
    for (const invoiceId of interaction.invoiceIds) {
      if (!wanted.has(invoiceId)) continue;
      reminder ??= countsAsReminder(interaction);
      at ??= Date.parse(interaction.at);
      let trail = trails.get(invoiceId);
      if (!trail) {
        trail = { done: new Set(), reminders: 0, lastFollowUpAt: Number.NEGATIVE_INFINITY };
        trails.set(invoiceId, trail);
      }
      if (reminder) trail.reminders += 1;
      if (planReminder) continue;
      if (interaction.policyId !== undefined && interaction.stepId !== undefined) trail.done.add(interaction.policyId + SEP + interaction.stepId);
      if (at > trail.lastFollowUpAt) trail.lastFollowUpAt = at;
    }
  }
  return trails;
}

function chaseable(invoice: Invoice): boolean {
  return invoice.kind === 'invoice' && !invoice.cancelled && !invoice.writeOff && !invoice.dispute && invoice.totalCents - invoice.paidCents > 0;
}

function customerInactive(customer: Customer | undefined, today: CalendarDate): boolean {
  return customer !== undefined && (customer.doNotChase !== undefined || (customer.pausedUntil !== undefined && customer.pausedUntil >= today));
}

function later(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a > b ? a : b;
}
function earlier(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b;
}

const EPOCH: CalendarDate = '1970-01-01';

/**
 * Day arithmetic memoised for one run: a ledger has few distinct dates, and `addDays`/`daysBetween`
 * validate their input every time.
 */
class Days {
  private readonly numbers = new Map<CalendarDate, number>();
  private readonly dates = new Map<number, CalendarDate>();

  number(date: CalendarDate): number {
    let value = this.numbers.get(date);
    if (value === undefined) {
      value = daysBetween(EPOCH, date);
      this.numbers.set(date, value);
    }
    return value;
  }

  date(dayNumber: number): CalendarDate {
    let value = this.dates.get(dayNumber);
    if (value === undefined) {
      value = addDays(EPOCH, dayNumber);
      this.dates.set(dayNumber, value);
    }
    return value;
  }

  add(date: CalendarDate, days: number): CalendarDate {
    return days === 0 ? date : this.date(this.number(date) + days);
  }
}

interface Analysis {
  actions: PlannedAction[];
  /** The first date after today when something new becomes due (only when asked for). */
  nextDate: CalendarDate | null;
}

function analyse(input: PlannerInput, wantWake: boolean): Analysis {
  const { today } = input;
  const grace = input.promiseGraceDays ?? DEFAULT_PROMISE_GRACE_DAYS;
  const days = new Days();
  const todayNumber = days.number(today);

  const customers = new Map<string, Customer>();
  for (const customer of input.customers) customers.set(customer.id, customer);
  const nameOf = (customerId: string): string => customers.get(customerId)?.name ?? '';

  // Invoices named by a promise or a plan (few), and the invoices that may be chased.
  const committedIds = new Set<string>();
  for (const promise of input.promises) for (const id of promise.invoiceIds) committedIds.add(id);
  for (const plan of input.paymentPlans) for (const id of plan.invoiceIds) committedIds.add(id);
  const committed = new Map<string, Invoice>();
  const candidates: Invoice[] = [];
  const pausedCustomers = new Set<Customer>();
  for (const invoice of input.invoices) {
    if (!chaseable(invoice)) continue;
    // owed() only counts chaseable invoices: the others need not be found.
    if (committedIds.size > 0 && committedIds.has(invoice.id)) committed.set(invoice.id, invoice);
    const customer = customers.get(invoice.customerId);
    if (customerInactive(customer, today)) {
      if (customer?.doNotChase === undefined && customer?.pausedUntil !== undefined) pausedCustomers.add(customer);
      continue;
    }
    candidates.push(invoice);
  }

  const actions: PlannedAction[] = [];
  let nextDate: CalendarDate | null = null;
  const wakeOn = (date: CalendarDate): void => {
    if (date > today && (nextDate === null || date < nextDate)) nextDate = date;
  };
  if (wantWake) for (const customer of pausedCustomers) wakeOn(days.add(customer.pausedUntil!, 1));

  const owed = (ids: readonly string[]): { balance: Cents; open: string[] } => {
    let balance = 0;
    const open: string[] = [];
    for (const id of ids) {
      const invoice = committed.get(id);
      if (invoice && chaseable(invoice)) {
        balance += invoice.totalCents - invoice.paidCents;
        open.push(id);
      }
    }
    return { balance, open };
  };

  // ---- commitments: pauses, their actions, broken ones
  // Each commitment looks only at the payments touching its own invoices (a few), found by invoice:
  // scanning every payment touching any committed invoice, for each of hundreds of commitments, was
  // half the planner's time at 100,000 invoices.
  const paymentsByInvoice = input.payments ? paymentsOfInvoices(input.payments, committedIds) : undefined;
  const paymentsTouching = (invoiceIds: readonly string[]): Payment[] => {
    const found = new Set<Payment>();
    for (const id of invoiceIds) for (const payment of paymentsByInvoice?.get(id) ?? []) found.add(payment);
    return [...found];
  };
  const paused = new Set<string>();
  const breaks = new Map<string, Break>();
  const addBreak = (ids: readonly string[], brk: Break): void => {
    for (const id of ids) {
      const existing = breaks.get(id);
      if (!existing || brk.date < existing.date) breaks.set(id, brk);
    }
  };

  for (const promise of input.promises) {
    if (promise.status !== 'pending' && promise.status !== 'broken') continue;
    if (customerInactive(customers.get(promise.customerId), today)) continue;
    const { balance, open } = owed(promise.invoiceIds);
    if (open.length === 0) continue; // everything promised was paid: kept, whatever its status says
    const paidSinceCents = paymentsByInvoice ? paidTowardsSince(promise.invoiceIds, paymentsTouching(promise.invoiceIds), promise.createdAt) : 0;
    if (promiseState(promise, { paidSinceCents, owedCents: balance }, today, grace) === 'kept') continue;
    const brokenOn = promiseBrokenOn(promise.promisedDate, grace);
    const since = Date.parse(promise.createdAt);
    const base = { customerId: promise.customerId, customerName: nameOf(promise.customerId), invoiceIds: [...open].sort() };
    if (promise.status === 'broken') {
      addBreak(open, { cause: 'broken-promise', date: earlier(brokenOn, today), since });
    } else if (today < brokenOn) {
      for (const id of open) paused.add(id);
      if (today >= promise.promisedDate) {
        actions.push({ ...base, kind: 'promise-due', key: `promise-due|${promise.id}`, dueSince: promise.promisedDate, promiseId: promise.id, promisedDate: promise.promisedDate, amountCents: promise.amountCents, balanceCents: balance });
      } else {
        wakeOn(promise.promisedDate);
      }
      wakeOn(brokenOn);
    } else {
      actions.push({ ...base, kind: 'broken-promise', key: `broken-promise|${promise.id}`, dueSince: brokenOn, promiseId: promise.id, promisedDate: promise.promisedDate, amountCents: promise.amountCents, balanceCents: balance });
      addBreak(open, { cause: 'broken-promise', date: brokenOn, since });
    }
  }

  let donePlanReminders: Set<string> | undefined;
  for (const plan of input.paymentPlans) {
    if (plan.status !== 'active' && plan.status !== 'broken') continue;
    if (customerInactive(customers.get(plan.customerId), today)) continue;
    const { open } = owed(plan.invoiceIds);
    if (open.length === 0) continue;
    const since = Date.parse(plan.createdAt);
    const base = { customerId: plan.customerId, customerName: nameOf(plan.customerId), invoiceIds: [...open].sort() };
    const instalments = paymentsByInvoice
      ? allocateToInstalments(plan, paidTowardsSince(plan.invoiceIds, paymentsTouching(plan.invoiceIds), plan.createdAt)).instalments
      : plan.instalments;
    const missedIndex = firstMissedInstalment(instalments, today, grace);
    const missed = instalments[missedIndex];
    if (plan.status === 'broken') {
      addBreak(open, { cause: 'broken-plan', date: missed ? earlier(instalmentBrokenOn(missed.dueDate, grace), today) : today, since });
      continue;
    }
    if (missed) {
      const date = instalmentBrokenOn(missed.dueDate, grace);
      actions.push({
        ...base,
        kind: 'broken-plan',
        key: `broken-plan|${plan.id}|${missedIndex}`,
        dueSince: date,
        planId: plan.id,
        instalmentIndex: missedIndex,
        instalmentCount: instalments.length,
        dueDate: missed.dueDate,
        remainingCents: missed.amountCents - missed.paidCents,
      });
      addBreak(open, { cause: 'broken-plan', date, since });
      continue;
    }
    for (const id of open) paused.add(id);
    instalments.forEach((instalment, index) => {
      if (instalment.paidCents >= instalment.amountCents) return;
      if (wantWake) {
        wakeOn(instalment.dueDate);
        wakeOn(instalmentBrokenOn(instalment.dueDate, grace));
        for (const date of instalmentReminderDates(instalment)) wakeOn(date);
      }
      const when = instalmentReminderDue(instalment, today, grace);
      if (when) {
        const reminder: InstalmentReminder = {
          planId: plan.id,
          when,
          index,
          count: instalments.length,
          dueDate: instalment.dueDate,
          amountCents: instalment.amountCents,
          remainingCents: instalment.amountCents - instalment.paidCents,
        };
        donePlanReminders ??= planRemindersDone(input.interactions);
        if (!donePlanReminders.has(planReminderPolicyId(plan.id) + SEP + instalmentReminderStepId(index, when))) {
          actions.push(instalmentReminderAction(reminder, customers.get(plan.customerId), base, open.map((id) => committed.get(id)!), today, grace, days));
        }
      }
      if (instalment.dueDate > today) return;
      actions.push({
        ...base,
        kind: 'instalment-due',
        key: `instalment-due|${plan.id}|${index}`,
        dueSince: instalment.dueDate,
        planId: plan.id,
        instalmentIndex: index,
        instalmentCount: plan.instalments.length,
        dueDate: instalment.dueDate,
        amountCents: instalment.amountCents,
        remainingCents: instalment.amountCents - instalment.paidCents,
      });
    });
  }

  // ---- calls back the customers asked for
  for (const call of pendingCallBacks(input.interactions)) {
    const customer = customers.get(call.customerId);
    if (!customer || customerInactive(customer, today)) continue;
    const callBackOn = String(call.details!.callBackOn);
    if (callBackOn > today) {
      wakeOn(callBackOn);
      continue;
    }
    const callBackAt = typeof call.details?.callBackAt === 'string' ? call.details.callBackAt : undefined;
    const contactId = call.details?.contactId;
    const contact = customer.contacts.find((candidate) => candidate.id === contactId);
    actions.push({
      kind: 'call-back',
      key: `call-back|${call.id}`,
      customerId: customer.id,
      customerName: customer.name,
      invoiceIds: [...call.invoiceIds].sort(),
      dueSince: callBackOn,
      callId: call.id,
      callBackOn,
      ...(callBackAt ? { callBackAt } : {}),
      requestedAt: call.at,
      ...(contact ? { contact: { name: contact.name, ...(contact.civility ? { civility: contact.civility } : {}) } } : {}),
      ...(call.notes ? { notes: call.notes } : {}),
    });
  }

  // ---- steps
  const chased = paused.size === 0 ? candidates : candidates.filter((invoice) => !paused.has(invoice.id));
  const trails = buildTrails(input.interactions, new Set(chased.map((invoice) => invoice.id)));
  const resolve = policyResolver(input.policies, input.shopDefaultPolicyId);
  const prepared = new Map<FollowUpPolicy, PreparedPolicy>();
  const prepare = (policy: FollowUpPolicy): PreparedPolicy => {
    let entry = prepared.get(policy);
    if (!entry) {
      const ordered = policy.steps.every((step, i) => i === 0 || step.offsetDays > policy.steps[i - 1]!.offsetDays);
      const steps = ordered ? policy.steps : [...policy.steps].sort((a, b) => a.offsetDays - b.offsetDays);
      entry = { steps, doneKeys: steps.map((step) => policy.id + SEP + step.id) };
      prepared.set(policy, entry);
    }
    return entry;
  };
  const noTrail: Trail = { done: new Set(), reminders: 0, lastFollowUpAt: Number.NEGATIVE_INFINITY };
  const groups = new Map<string, Entry[]>();

  for (const invoice of chased) {
    const customer = customers.get(invoice.customerId);
    const policy = resolve(invoice, customer);
    const { steps, doneKeys } = prepare(policy);
    if (steps.length === 0) continue;
    const dueNumber = days.number(invoice.dueDate);
    const daysFromDue = todayNumber - dueNumber;
    const trail = trails.get(invoice.id) ?? noTrail;
    let current = -1;
    if (trail.done.size > 0) {
      for (let i = steps.length - 1; i >= 0; i -= 1) {
        if (trail.done.has(doneKeys[i]!)) {
          current = i;
          break;
        }
      }
    }

    // The latest step whose date is reached (courtesy steps only up to the due date).
    let latest = -1;
    for (let i = steps.length - 1; i >= 0; i -= 1) {
      if (steps[i]!.offsetDays <= daysFromDue) {
        latest = i;
        break;
      }
    }
    if (latest >= 0 && isCourtesyStep(steps[latest]!) && daysFromDue > 0) latest = -1;

    if (wantWake) {
      for (let i = current + 1; i < steps.length; i += 1) {
        if (steps[i]!.offsetDays > daysFromDue) {
          wakeOn(days.date(dueNumber + steps[i]!.offsetDays));
          break;
        }
      }
    }

    let chosen = latest > current ? latest : -1;
    let cause: StepCause = 'due';
    const brk = breaks.get(invoice.id);
    if (brk && !(trail.lastFollowUpAt > brk.since)) {
      let forced = -1;
      for (let i = current + 1; i < steps.length; i += 1) {
        if (!isCourtesyStep(steps[i]!)) {
          forced = i;
          break;
        }
      }
      if (forced > chosen) {
        chosen = forced;
        cause = brk.cause;
      }
    }
    if (chosen < 0) continue;

    if (isEscalationStep(steps[chosen]!) && trail.reminders < REMINDERS_BEFORE_ESCALATION) {
      let fallback = -1;
      for (let i = chosen - 1; i >= 0; i -= 1) {
        if (isReminderStep(steps[i]!) && !trail.done.has(doneKeys[i]!)) {
          fallback = i;
          break;
        }
      }
      if (fallback < 0) {
        const step = steps[chosen]!;
        actions.push({
          kind: 'escalation-blocked',
          key: `escalation-blocked|${invoice.id}|${policy.id}|${step.id}`,
          customerId: invoice.customerId,
          customerName: customer?.name ?? '',
          invoiceIds: [invoice.id],
          dueSince: stepDueSince(days, dueNumber, step, today, brk),
          invoiceId: invoice.id,
          number: invoice.number,
          policyId: policy.id,
          stepId: step.id,
          channel: step.channel,
          remindersDone: trail.reminders,
          remindersRequired: REMINDERS_BEFORE_ESCALATION,
        });
        continue;
      }
      chosen = fallback;
      cause = 'reminders-first';
    }

    const step = steps[chosen]!;
    const entry: Entry = {
      invoice,
      policy,
      stepCount: steps.length,
      stepIndex: chosen,
      step,
      cause,
      dueSince: stepDueSince(days, dueNumber, step, today, brk),
      daysLate: Math.max(0, daysFromDue),
      balanceCents: invoice.totalCents - invoice.paidCents,
    };
    const groupKey = invoice.customerId + SEP + step.channel;
    const group = groups.get(groupKey);
    if (group) group.push(entry);
    else groups.set(groupKey, [entry]);
  }

  for (const entries of groups.values()) actions.push(stepAction(entries, today, days, nameOf));

  // Sort keys computed once per action.
  const keyed = actions.map((action) => ({
    action,
    // Calls back after the other actions of their day, by the time asked ('~' sorts after any time).
    time: action.kind === 'call-back' ? (action.callBackAt ?? '~') : '',
    name: customers.get(action.customerId)?.normalizedName ?? action.customerName,
    channel: action.kind === 'step' ? action.channel : action.kind,
  }));
  keyed.sort(
    (a, b) =>
      compare(a.action.dueSince, b.action.dueSince) ||
      compare(a.time, b.time) ||
      compare(a.name, b.name) ||
      compare(a.action.customerName, b.action.customerName) ||
      compare(a.channel, b.channel) ||
      compare(a.action.key, b.action.key),
  );
  return { actions: keyed.map((item) => item.action), nextDate };
}

/** The date a step became due: its own date, or the day the commitment broke when it was moved forward. */
function stepDueSince(days: Days, dueNumber: number, step: FollowUpStep, today: CalendarDate, brk: Break | undefined): CalendarDate {
  const natural = days.date(dueNumber + step.offsetDays);
  return natural <= today ? natural : earlier(brk?.date ?? today, today);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function moreAdvanced(a: Entry, b: Entry): boolean {
  return (
    TONE_RANK[a.step.tone] - TONE_RANK[b.step.tone] ||
    a.step.offsetDays - b.step.offsetDays ||
    a.stepIndex - b.stepIndex ||
    compare(a.policy.id, b.policy.id) ||
    compare(a.step.id, b.step.id)
  ) > 0;
}

function stepAction(entries: Entry[], today: CalendarDate, days: Days, nameOf: (customerId: string) => string): StepAction {
  let lead = entries[0]!;
  let dueSince = lead.dueSince;
  let latestDueDate = lead.invoice.dueDate;
  let automatic = true;
  for (const entry of entries) {
    if (moreAdvanced(entry, lead)) lead = entry;
    dueSince = earlier(dueSince, entry.dueSince);
    latestDueDate = later(latestDueDate, entry.invoice.dueDate);
    automatic &&= entry.step.automatic;
  }
  const invoiceIds = entries.map((entry) => entry.invoice.id).sort();
  const customerId = lead.invoice.customerId;
  const reasons: StepReason[] = entries
    .map((entry) => ({
      invoiceId: entry.invoice.id,
      number: entry.invoice.number,
      daysLate: entry.daysLate,
      dueDate: entry.invoice.dueDate,
      balanceCents: entry.balanceCents,
      stepNumber: entry.stepIndex + 1,
      stepCount: entry.stepCount,
      policyId: entry.policy.id,
      policyName: entry.policy.name,
      stepId: entry.step.id,
      cause: entry.cause,
    }))
    .sort((a, b) => b.daysLate - a.daysLate || compare(a.number, b.number) || compare(a.invoiceId, b.invoiceId));
  const { step } = lead;
  return {
    kind: 'step',
    key: `${customerId}|${step.channel}|${step.id}|${invoiceIds.join(',')}`,
    customerId,
    customerName: nameOf(customerId),
    invoiceIds,
    dueSince,
    channel: step.channel,
    tone: step.tone,
    templateId: step.templateId,
    policyId: lead.policy.id,
    stepId: step.id,
    stepIndex: lead.stepIndex,
    automatic,
    newDeadline: later(days.add(today, step.newDeadlineDays), latestDueDate),
    reasons,
  };
}

/** `policyId SEP stepId` of the plan reminders already done (their audit trail). */
function planRemindersDone(interactions: readonly Interaction[]): Set<string> {
  const done = new Set<string>();
  for (const interaction of interactions) {
    if (!isPlanReminder(interaction) || interaction.stepId === undefined) continue;
    if (interaction.status === 'draft' || interaction.status === 'failed') continue;
    done.add(interaction.policyId + SEP + interaction.stepId);
  }
  return done;
}

/** The step action of an instalment reminder, over the plan's invoices still owed. */
function instalmentReminderAction(
  reminder: InstalmentReminder,
  customer: Customer | undefined,
  base: Pick<ActionBase, 'customerId' | 'customerName' | 'invoiceIds'>,
  invoices: readonly Invoice[],
  today: CalendarDate,
  grace: number,
  days: Days,
): StepAction {
  const channel = instalmentReminderChannel(customer);
  const policyId = planReminderPolicyId(reminder.planId);
  const stepId = instalmentReminderStepId(reminder.index, reminder.when);
  const dueSince = reminder.when === 'before' ? days.add(reminder.dueDate, -INSTALMENT_DAYS_BEFORE) : days.add(reminder.dueDate, 1);
  const reasons: StepReason[] = invoices
    .map((invoice) => ({
      invoiceId: invoice.id,
      number: invoice.number,
      daysLate: Math.max(0, days.number(today) - days.number(invoice.dueDate)),
      dueDate: invoice.dueDate,
      balanceCents: invoice.totalCents - invoice.paidCents,
      stepNumber: reminder.index + 1,
      stepCount: reminder.count,
      policyId,
      policyName: '',
      stepId,
      cause: 'due' as const,
    }))
    .sort((a, b) => compare(a.number, b.number) || compare(a.invoiceId, b.invoiceId));
  return {
    ...base,
    kind: 'step',
    key: `${base.customerId}|${channel}|${stepId}|${reminder.planId}`,
    dueSince: earlier(dueSince, today),
    channel,
    tone: reminder.when === 'before' ? 'courtesy' : 'friendly',
    templateId: instalmentReminderTemplateId(reminder.when, channel),
    policyId,
    stepId,
    stepIndex: reminder.index,
    // Never on its own: the shopkeeper sees what the plan's customer receives.
    automatic: false,
    newDeadline: instalmentReminderDeadline(reminder.dueDate, reminder.when, grace),
    reasons,
    instalment: reminder,
  };
}

/**
 * The (invoice, policy, step) triples to record once a step action is done or skipped: one per
 * invoice, each with its own step. An interaction listing several invoices with one `stepId` marks
 * that step done for all of them, so the recorder writes one interaction per distinct
 * (policyId, stepId) of this list (usually one).
 */
export function stepTrail(action: StepAction): { invoiceId: string; policyId: string; stepId: string }[] {
  return action.reasons
    .map(({ invoiceId, policyId, stepId }) => ({ invoiceId, policyId, stepId }))
    .sort((a, b) => compare(a.invoiceId, b.invoiceId));
}

/** What is to be done today; see the rules at the top of the file. */
export function planFollowUps(input: PlannerInput): PlannedAction[] {
  return analyse(input, false).actions;
}

/** Today's actions and the first later date when something new becomes due, from one analysis. */
export interface DayPlan {
  actions: PlannedAction[];
  nextDate: CalendarDate | null;
}

/**
 * `planFollowUps` and what `nextWakeInstant` needs, in one pass over the ledger: the app plans the
 * day and its next wake-up from the same records (two passes cost 0.4 s more at every start of a
 * 100,000-invoice shop, and again at each render that asked for the wake-up).
 */
export function planDay(input: PlannerInput): DayPlan {
  return analyse(input, true);
}

/**
 * The next instant (ISO UTC) the planner should run again because something new becomes due: the
 * next step date of an open invoice, a promised date or its end of grace, an instalment date or its
 * end of grace, the end of a customer's pause. That date's first allowed slot of the business
 * calendar is returned (`nextAllowedInstant` from its local midnight). When `actions` hold automatic
 * steps and `asOf` is outside business hours, the next allowed slot is a candidate too (they are sent
 * then). Null when nothing is ahead. `plan` is `planDay`'s for the same `asOf`. The renderer hands
 * it to `scheduler.setNextWake`.
 */
export function nextWakeInstant(plan: DayPlan, asOf: IsoInstant, calendar: BusinessCalendar): IsoInstant | null {
  const { actions, nextDate } = plan;
  const candidates: IsoInstant[] = [];
  if (nextDate !== null) candidates.push(nextAllowedInstant(localTimeToInstant(nextDate, '00:00', calendar.timeZone), calendar));
  if (actions.some((action) => action.kind === 'step' && action.automatic)) {
    const slot = nextAllowedInstant(asOf, calendar);
    if (Date.parse(slot) > Date.parse(asOf)) candidates.push(slot);
  }
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}
