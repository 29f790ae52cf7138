/**
 * Promises to pay: when one is kept, due or broken. Pure; the planner (planner.ts) and the screens
 * (Today, the customer's timeline) all ask here, so they never disagree.
 *
 * - kept: the payments recorded since the promise cover its amount, or nothing is owed any more on
 *   its invoices (whatever its stored status says: a payment keeps it automatically);
 * - pending: before the promised date; due: from the promised date to the end of the grace days;
 * - broken: the day after `promisedDate + grace` with the promise not kept, or marked broken by the user;
 * - cancelled: withdrawn by the user.
 */
import { addDays } from './dates';
import type { CalendarDate, Cents, PromiseToPay } from './model';

export type PromiseState = 'pending' | 'due' | 'kept' | 'broken' | 'cancelled';

/** The first day a promise not kept counts as broken: the day after its date plus the grace days. */
export function promiseBrokenOn(promisedDate: CalendarDate, graceDays: number): CalendarDate {
  return addDays(promisedDate, graceDays + 1);
}

export interface PromiseMoney {
  /** Paid towards the promise's invoices since it was made (see payments-since.ts). */
  paidSinceCents: Cents;
  /** Still owed on the promise's invoices that can be chased. */
  owedCents: Cents;
}

export function promiseState(
  promise: Pick<PromiseToPay, 'promisedDate' | 'amountCents' | 'status'>,
  money: PromiseMoney,
  today: CalendarDate,
  graceDays: number,
): PromiseState {
  if (promise.status === 'cancelled') return 'cancelled';
  if (promise.status === 'kept' || money.owedCents <= 0 || money.paidSinceCents >= promise.amountCents) return 'kept';
  if (promise.status === 'broken' || today >= promiseBrokenOn(promise.promisedDate, graceDays)) return 'broken';
  return today >= promise.promisedDate ? 'due' : 'pending';
}
