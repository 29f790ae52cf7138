/**
 * Payment plans (échéanciers): the schedule of instalments, which instalments the payments settle,
 * and when a plan is broken. Pure; the planner and the screens ask here.
 *
 * - The amount of a plan is what its invoices still owed when it was agreed. The down payment is
 *   paid first; the rest is split into `count` instalments of whole cents, the remainder of the
 *   division going to the last one, so the instalments add up exactly.
 * - Payments recorded since the plan was made, allocated to its invoices, go to the down payment
 *   first, then to the instalments in order (an early payment settles the next instalment, not the
 *   one of its own month).
 * - A plan breaks when an instalment is still not fully paid the day after its date plus the grace
 *   days (the same grace as promises, `promiseGraceDays` of the planner).
 */
import { addDays, addMonths, isCalendarDate } from './dates';
import type { CalendarDate, Cents, Instalment, PaymentPlan } from './model';

export type PlanFrequency = PaymentPlan['frequency'];

export interface ScheduleInput {
  /** What the plan's invoices owe, down payment included. */
  totalCents: Cents;
  downPaymentCents: Cents;
  count: number;
  firstDate: CalendarDate;
  frequency: PlanFrequency;
}

export type ScheduleProblem = 'total-not-positive' | 'down-payment-invalid' | 'count-invalid' | 'first-date-invalid';

/** Why a schedule cannot be made, or null. The plan dialog shows these. */
export function scheduleProblem(input: ScheduleInput): ScheduleProblem | null {
  if (!Number.isInteger(input.totalCents) || input.totalCents <= 0) return 'total-not-positive';
  if (!Number.isInteger(input.downPaymentCents) || input.downPaymentCents < 0 || input.downPaymentCents >= input.totalCents) return 'down-payment-invalid';
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > 120) return 'count-invalid';
  if (!isCalendarDate(input.firstDate)) return 'first-date-invalid';
  return null;
}

/** The date of instalment `index` (0-based): weekly from the first date, or the same day each month (clamped). */
export function instalmentDate(firstDate: CalendarDate, frequency: PlanFrequency, index: number): CalendarDate {
  return frequency === 'weekly' ? addDays(firstDate, 7 * index) : addMonths(firstDate, index);
}

/** The instalments of a new plan, nothing paid yet. Throws on input `scheduleProblem` refuses. */
export function instalmentSchedule(input: ScheduleInput): Instalment[] {
  const problem = scheduleProblem(input);
  if (problem) throw new Error(`Cannot schedule instalments: ${problem}`);
  const financed = input.totalCents - input.downPaymentCents;
  const base = Math.floor(financed / input.count);
  return Array.from({ length: input.count }, (_, index) => ({
    dueDate: instalmentDate(input.firstDate, input.frequency, index),
    amountCents: index === input.count - 1 ? financed - base * (input.count - 1) : base,
    paidCents: 0,
  }));
}

export interface PlanAllocation {
  downPaymentPaidCents: Cents;
  /** The plan's instalments with `paidCents` from the payments. */
  instalments: Instalment[];
  /** Paid beyond the whole plan (stays on the invoices / as a credit; shown, never lost). */
  surplusCents: Cents;
}

/** Spreads `paidCents` over the down payment, then the instalments in order. */
export function allocateToInstalments(plan: Pick<PaymentPlan, 'downPaymentCents' | 'instalments'>, paidCents: Cents): PlanAllocation {
  let left = Math.max(0, paidCents);
  const downPaymentPaidCents = Math.min(left, plan.downPaymentCents);
  left -= downPaymentPaidCents;
  const instalments = plan.instalments.map((instalment) => {
    const paid = Math.min(left, instalment.amountCents);
    left -= paid;
    return { ...instalment, paidCents: paid };
  });
  return { downPaymentPaidCents, instalments, surplusCents: left };
}

/** The first day a missed instalment breaks its plan: the day after its date plus the grace days. */
export function instalmentBrokenOn(dueDate: CalendarDate, graceDays: number): CalendarDate {
  return addDays(dueDate, graceDays + 1);
}

/** Index of the first instalment not fully paid past its date + grace days, or -1. */
export function firstMissedInstalment(instalments: readonly Instalment[], today: CalendarDate, graceDays: number): number {
  return instalments.findIndex((instalment) => instalment.paidCents < instalment.amountCents && today >= instalmentBrokenOn(instalment.dueDate, graceDays));
}

export type PlanState = 'active' | 'completed' | 'broken' | 'cancelled';

/**
 * The plan's state today. `owedCents` is what its invoices still owe: nothing owed means completed
 * whatever the instalments say (the customer paid everything at once, or a credit note settled it).
 */
export function planState(
  plan: Pick<PaymentPlan, 'status'>,
  instalments: readonly Instalment[],
  owedCents: Cents,
  today: CalendarDate,
  graceDays: number,
): PlanState {
  if (plan.status === 'cancelled') return 'cancelled';
  if (owedCents <= 0 || plan.status === 'completed' || instalments.every((i) => i.paidCents >= i.amountCents)) return 'completed';
  if (plan.status === 'broken' || firstMissedInstalment(instalments, today, graceDays) >= 0) return 'broken';
  return 'active';
}

export type InstalmentState = 'paid' | 'partly' | 'due' | 'missed';

export interface PlanView {
  state: PlanState;
  downPaymentPaidCents: Cents;
  instalments: (Instalment & { state: InstalmentState })[];
  paidCents: Cents;
  totalCents: Cents;
}

/**
 * A plan as the screens show it, from the payments recorded since it was made (`paidSinceCents`,
 * payments-since.ts) and what its invoices still owe.
 */
export function planView(plan: PaymentPlan, paidSinceCents: Cents, owedCents: Cents, today: CalendarDate, graceDays: number): PlanView {
  const allocation = allocateToInstalments(plan, paidSinceCents);
  const instalments = allocation.instalments.map((instalment) => ({
    ...instalment,
    state: (instalment.paidCents >= instalment.amountCents
      ? 'paid'
      : today >= instalmentBrokenOn(instalment.dueDate, graceDays)
        ? 'missed'
        : instalment.paidCents > 0
          ? 'partly'
          : 'due') as InstalmentState,
  }));
  const totalCents = plan.downPaymentCents + plan.instalments.reduce((sum, i) => sum + i.amountCents, 0);
  return {
    state: planState(plan, allocation.instalments, owedCents, today, graceDays),
    downPaymentPaidCents: allocation.downPaymentPaidCents,
    instalments,
    paidCents: Math.min(paidSinceCents, totalCents),
    totalCents,
  };
}
