/**
 * The customer's timeline: every history entry sorted by kind for the filter, plus the events the
 * records imply without an entry of their own — a promise kept by a payment, a promise or a plan
 * broken once its grace days are over (promises.ts, payment-plans.ts). Pure; newest first.
 */
import type { CalendarDate, Interaction, Invoice, IsoInstant, Payment, PaymentPlan, PromiseToPay } from './model';
import { firstMissedInstalment, allocateToInstalments, instalmentBrokenOn } from './payment-plans';
import { paidTowardsSince } from './payments-since';
import { owedOnCommitment } from './open-invoices';
import { promiseBrokenOn, promiseState, type PromiseState } from './promises';
import { localTimeToInstant } from './wake-up';

export const TIMELINE_KINDS = ['reminder', 'call', 'letter', 'payment', 'promise', 'plan', 'dispute', 'note', 'other'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export type TimelineEvent =
  | { type: 'entry'; entry: Interaction }
  | { type: 'promise-kept' | 'promise-broken'; promise: PromiseToPay }
  | { type: 'plan-broken'; plan: PaymentPlan; instalmentIndex: number };

export interface TimelineItem {
  key: string;
  at: IsoInstant;
  kind: TimelineKind;
  event: TimelineEvent;
}

export function timelineKindOf(entry: Interaction): TimelineKind {
  switch (entry.kind) {
    case 'reminder':
    case 'call':
    case 'letter':
    case 'payment':
    case 'promise':
    case 'note':
      return entry.kind;
    case 'payment-plan':
      return 'plan';
    case 'status-change':
      return entry.details?.change === 'dispute-opened' || entry.details?.change === 'dispute-closed' ? 'dispute' : 'other';
  }
}

export interface TimelineInput {
  interactions: readonly Interaction[];
  promises: readonly PromiseToPay[];
  plans: readonly PaymentPlan[];
  payments: readonly Payment[];
  invoices: readonly Invoice[];
  today: CalendarDate;
  graceDays: number;
  timeZone: string;
}

/** Each promise's state today, by id (for the calls that made them). */
export function promiseStates(input: Pick<TimelineInput, 'promises' | 'payments' | 'invoices' | 'today' | 'graceDays'>): Map<string, PromiseState> {
  return new Map(
    input.promises.map((promise) => [
      promise.id,
      promiseState(promise, { paidSinceCents: paidTowardsSince(promise.invoiceIds, input.payments, promise.createdAt), owedCents: owedOnCommitment(promise.invoiceIds, input.invoices) }, input.today, input.graceDays),
    ]),
  );
}

/** Entries and implied events, newest first (a step's extra entries, `partOf` a call, are left out). */
export function buildTimeline(input: TimelineInput): TimelineItem[] {
  const items: TimelineItem[] = input.interactions
    .filter((entry) => entry.details?.partOf === undefined)
    .map((entry) => ({ key: entry.id, at: entry.at, kind: timelineKindOf(entry), event: { type: 'entry', entry } }));
  const acknowledged = new Set(input.interactions.map((entry) => entry.details?.id).filter((id): id is string => typeof id === 'string'));
  const states = promiseStates(input);
  const midnight = (date: CalendarDate) => localTimeToInstant(date, '00:00', input.timeZone);

  for (const promise of input.promises) {
    const state = states.get(promise.id);
    if (state === 'kept') {
      // When the last payment that counts came in (or when it was marked kept).
      const since = Date.parse(promise.createdAt);
      const last = input.payments
        .filter((p) => Date.parse(p.createdAt) >= since && p.allocations.some((a) => promise.invoiceIds.includes(a.invoiceId)))
        .reduce<IsoInstant>((latest, p) => (p.createdAt > latest ? p.createdAt : latest), promise.createdAt);
      items.push({ key: `kept-${promise.id}`, at: last, kind: 'promise', event: { type: 'promise-kept', promise } });
    } else if (state === 'broken' && !acknowledged.has(promise.id)) {
      items.push({ key: `broken-${promise.id}`, at: midnight(promiseBrokenOn(promise.promisedDate, input.graceDays)), kind: 'promise', event: { type: 'promise-broken', promise } });
    }
  }
  for (const plan of input.plans) {
    if (plan.status !== 'active' || acknowledged.has(plan.id) || owedOnCommitment(plan.invoiceIds, input.invoices) <= 0) continue;
    const { instalments } = allocateToInstalments(plan, paidTowardsSince(plan.invoiceIds, input.payments, plan.createdAt));
    const missed = firstMissedInstalment(instalments, input.today, input.graceDays);
    if (missed >= 0) {
      items.push({ key: `plan-broken-${plan.id}`, at: midnight(instalmentBrokenOn(instalments[missed]!.dueDate, input.graceDays)), kind: 'plan', event: { type: 'plan-broken', plan, instalmentIndex: missed } });
    }
  }
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key < b.key ? 1 : -1));
}
