/**
 * Payment plans: creating one for some open invoices of a customer, cancelling it, and the shop's
 * rule for who may get one. Each write is one transaction with its timeline entry.
 */
import { DEFAULT_PLAN_RULE, planEligibility, type PlanRule } from '../domain/calls';
import type { DisciplineGrade } from '../domain/metrics';
import type { CalendarDate, Cents, Interaction, IsoInstant, PaymentPlan } from '../domain/model';
import { instalmentSchedule, scheduleProblem, type PlanFrequency } from '../domain/payment-plans';
import type { RelanceDatabase } from './database';
import { ValidationError } from './ledger-repo';

/** Settings row of the plan rule (the shop's settings keep one row per key; see settings-repo.ts). */
export const PLAN_RULE_KEY = 'callsPanel.planRule';

export async function getPlanRule(db: RelanceDatabase): Promise<PlanRule> {
  const row = await db.settings.get(PLAN_RULE_KEY);
  const value = row?.value as PlanRule | undefined;
  if (value?.mode === 'manual' || (value?.mode === 'min-grade' && /^[A-E]$/.test(value.minGrade))) return value;
  return DEFAULT_PLAN_RULE;
}

export function savePlanRule(db: RelanceDatabase, rule: PlanRule): Promise<void> {
  return db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: PLAN_RULE_KEY, value: rule });
  });
}

export interface PlanInput {
  customerId: string;
  invoiceIds: string[];
  downPaymentCents: Cents;
  count: number;
  firstDate: CalendarDate;
  frequency: PlanFrequency;
  /** The customer's grade today (metrics.ts customerDiscipline), checked against the shop's rule. */
  grade: DisciplineGrade | undefined;
  /** Under the "manual only" rule, the shopkeeper confirmed this customer may have a plan. */
  confirmed: boolean;
}

function refuse(field: string, code: 'invalid' | 'not-open' | 'other-customer' | 'required', message: string): never {
  throw new ValidationError([{ field, code, message }]);
}

/**
 * A plan over what the invoices still owe today: down payment, then instalments adding up exactly
 * (payment-plans.ts). Refused when the shop's rule refuses the customer, when an invoice is not
 * this customer's, not open (paid, cancelled, written off, disputed) or already in an active plan.
 */
export async function createPlan(db: RelanceDatabase, input: PlanInput, nowIso: IsoInstant): Promise<PaymentPlan> {
  if (input.invoiceIds.length === 0) refuse('invoiceIds', 'required', 'choose at least one invoice');
  return db.transaction('rw', [db.settings, db.invoices, db.paymentPlans, db.interactions], async () => {
    const eligibility = planEligibility(await getPlanRule(db), input.grade);
    if (eligibility === 'refused') refuse('customerId', 'invalid', 'the shop does not offer plans to customers of this grade');
    if (eligibility === 'ask' && !input.confirmed) refuse('confirmed', 'required', 'confirm that this customer may have a plan');
    let totalCents = 0;
    const numbers: string[] = [];
    for (const invoiceId of input.invoiceIds) {
      const invoice = await db.invoices.get(invoiceId);
      if (!invoice || invoice.customerId !== input.customerId) refuse('invoiceIds', 'other-customer', `invoice ${invoiceId} is not this customer's`);
      const balance = invoice.totalCents - invoice.paidCents;
      if (invoice.kind !== 'invoice' || invoice.cancelled || invoice.writeOff || invoice.dispute || balance <= 0) {
        refuse('invoiceIds', 'not-open', `${invoice.number} has nothing left to schedule`);
      }
      const active = await db.paymentPlans.where('invoiceIds').equals(invoiceId).filter((plan) => plan.status === 'active').count();
      if (active > 0) refuse('invoiceIds', 'invalid', `${invoice.number} is already in an active plan`);
      totalCents += balance;
      numbers.push(invoice.number);
    }
    const schedule = { totalCents, downPaymentCents: input.downPaymentCents, count: input.count, firstDate: input.firstDate, frequency: input.frequency };
    const problem = scheduleProblem(schedule);
    if (problem) refuse(problem.startsWith('down') ? 'downPaymentCents' : problem.startsWith('count') ? 'count' : 'firstDate', 'invalid', problem);
    const plan: PaymentPlan = {
      id: crypto.randomUUID(),
      customerId: input.customerId,
      invoiceIds: [...input.invoiceIds],
      downPaymentCents: input.downPaymentCents,
      frequency: input.frequency,
      instalments: instalmentSchedule(schedule),
      status: 'active',
      createdAt: nowIso,
    };
    await db.paymentPlans.add(plan);
    await db.interactions.add(planEntry(plan, nowIso, { change: 'plan-created', totalCents, count: plan.instalments.length, invoiceNumbers: numbers.join(', ') }));
    return plan;
  });
}

/** Ends an active plan: its invoices go back to the normal follow-up. */
export async function cancelPlan(db: RelanceDatabase, planId: string, reason: string, nowIso: IsoInstant): Promise<PaymentPlan> {
  return db.transaction('rw', db.paymentPlans, db.interactions, async () => {
    const plan = await db.paymentPlans.get(planId);
    if (!plan) refuse('planId', 'invalid', `plan ${planId} does not exist`);
    if (plan.status === 'cancelled') return plan;
    const updated: PaymentPlan = { ...plan, status: 'cancelled' };
    await db.paymentPlans.put(updated);
    const entry = planEntry(plan, nowIso, { change: 'plan-cancelled' });
    if (reason.trim()) entry.notes = reason.trim();
    await db.interactions.add(entry);
    return updated;
  });
}

function planEntry(plan: PaymentPlan, at: IsoInstant, details: NonNullable<Interaction['details']>): Interaction {
  return { id: crypto.randomUUID(), customerId: plan.customerId, kind: 'payment-plan', at, invoiceIds: [...plan.invoiceIds], details: { planId: plan.id, ...details } };
}
