/**
 * The rules of a phone call to a customer, pure: the outcomes and their keys, the reasons for a
 * delay, who may get a payment plan, and the next follow-up date proposed after the call.
 */
import { addDays } from './dates';
import type { DisciplineGrade } from './metrics';
import type { CalendarDate, CallOutcome, FollowUpPolicy, Interaction, Invoice, Payment } from './model';

/** In the order of their one-key shortcut: `1` no answer … `8` call back. */
export const CALL_OUTCOMES: readonly CallOutcome[] = ['no-answer', 'voicemail', 'promise', 'dispute', 'says-paid', 'wrong-number', 'asks-plan', 'call-back'];

/** The key that picks an outcome in the call panel ("1"…"8"). */
export function outcomeKey(outcome: CallOutcome): string {
  return String(CALL_OUTCOMES.indexOf(outcome) + 1);
}

export function outcomeForKey(key: string): CallOutcome | undefined {
  return /^[1-8]$/.test(key) ? CALL_OUTCOMES[Number(key) - 1] : undefined;
}

/** Why the customer has not paid, as the articles list them. */
export const DELAY_REASONS = ['forgot', 'cash-flow', 'unhappy', 'not-received', 'wrong-contact', 'other'] as const;
export type DelayReason = (typeof DELAY_REASONS)[number];

/** Days the shop gives itself to check its bank account when the customer says they paid. */
export const SAYS_PAID_CHECK_DAYS = 3;
/** Days before trying again a customer who did not answer, when the policy has nothing sooner. */
export const RETRY_UNREACHED_DAYS = 2;

/**
 * The next date of the policies' steps for these invoices after today: the date the follow-up
 * resumes by itself. `policyFor` resolves each invoice's policy (policies.ts `policyResolver`).
 */
export function nextPolicyStepDate(
  invoices: readonly Pick<Invoice, 'dueDate' | 'customerId' | 'policyId'>[],
  policyFor: (invoice: Pick<Invoice, 'dueDate' | 'customerId' | 'policyId'>) => Pick<FollowUpPolicy, 'steps'>,
  today: CalendarDate,
): CalendarDate | null {
  let next: CalendarDate | null = null;
  for (const invoice of invoices) {
    for (const step of policyFor(invoice).steps) {
      const date = addDays(invoice.dueDate, step.offsetDays);
      if (date > today) {
        if (next === null || date < next) next = date;
        break;
      }
    }
  }
  return next;
}

export interface NextFollowUpFacts {
  today: CalendarDate;
  promiseDate?: CalendarDate;
  callBackDate?: CalendarDate;
  saysPaidDate?: CalendarDate;
  /** `nextPolicyStepDate` for the invoices of the call. */
  nextStepDate: CalendarDate | null;
}

/**
 * The date the call panel proposes to follow up again (the user may change it):
 * a promise → its date (the payment is checked then); call back → that day; says paid → a few
 * days to check the bank; a dispute → none (the invoice waits until the dispute is settled);
 * not reached → the policy's next step, or two days; otherwise the policy's next step.
 */
export function proposeNextFollowUp(outcome: CallOutcome | undefined, facts: NextFollowUpFacts): CalendarDate | null {
  switch (outcome) {
    case 'promise':
      return facts.promiseDate ?? facts.nextStepDate;
    case 'call-back':
      return facts.callBackDate ?? addDays(facts.today, 1);
    case 'says-paid':
      return addDays(facts.today, SAYS_PAID_CHECK_DAYS);
    case 'dispute':
      return null;
    case 'no-answer':
    case 'voicemail':
    case 'wrong-number': {
      const retry = addDays(facts.today, RETRY_UNREACHED_DAYS);
      return facts.nextStepDate !== null && facts.nextStepDate < retry ? facts.nextStepDate : retry;
    }
    default:
      return facts.nextStepDate;
  }
}

/** Who may get a payment plan (a shop setting). */
export type PlanRule = { mode: 'manual' } | { mode: 'min-grade'; minGrade: DisciplineGrade };

export const DEFAULT_PLAN_RULE: PlanRule = { mode: 'manual' };

/**
 * `allowed`: the customer's grade is at least the minimum; `refused`: below it; `ask`: manual only,
 * the shopkeeper decides for each customer (the dialog asks to confirm).
 */
export function planEligibility(rule: PlanRule, grade: DisciplineGrade | undefined): 'allowed' | 'refused' | 'ask' {
  if (rule.mode === 'manual') return 'ask';
  if (grade === undefined) return 'refused';
  // Letters order the grades: 'A' is the best.
  return grade <= rule.minGrade ? 'allowed' : 'refused';
}

/**
 * The latest call where the customer said they had paid, while no payment was recorded since: the
 * shop has to check its bank account. Undefined when there is nothing to check.
 */
export function unverifiedPaymentClaim(entries: readonly Interaction[], payments: readonly Pick<Payment, 'createdAt'>[]): Interaction | undefined {
  let claim: Interaction | undefined;
  for (const entry of entries) {
    if (entry.kind === 'call' && entry.callOutcome === 'says-paid' && (!claim || entry.at > claim.at)) claim = entry;
  }
  if (!claim) return undefined;
  const since = Date.parse(claim.at);
  return payments.some((payment) => Date.parse(payment.createdAt) >= since) ? undefined : claim;
}
