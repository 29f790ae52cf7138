/**
 * Reminders around the instalments of a payment plan (issue 7, part 4): a courteous message a few
 * days before each instalment, and a friendly one the day after an instalment that did not come in,
 * while the grace days still run (before the plan counts as broken). Pure; the planner (planner.ts)
 * turns them into ordinary step actions, so Today's email, SMS/WhatsApp and call buttons carry them
 * out and record the audit trail like any step.
 *
 * The audit trail: the interactions recorded for such a step name the policy `plan:<planId>` and the
 * step `instalment-<n>-before` / `instalment-<n>-missed` (n = 1-based instalment number), so each
 * instalment gets each reminder at most once, and a plan's reminders never count as the reaction to a
 * broken plan (planner.ts, "Broken commitments").
 */
import { addDays } from './dates';
import type { CalendarDate, Channel, Customer, Instalment, Interaction } from './model';

/** Days before an instalment's date the courteous reminder becomes due. */
export const INSTALMENT_REMINDER_DAYS_BEFORE = 3;

export type InstalmentReminderWhen = 'before' | 'missed';

const PLAN_POLICY_PREFIX = 'plan:';

/** The `policyId` of the audit trail of a plan's reminders. */
export function planReminderPolicyId(planId: string): string {
  return PLAN_POLICY_PREFIX + planId;
}

/** The `stepId` of one reminder of one instalment (`index` is 0-based). */
export function instalmentReminderStepId(index: number, when: InstalmentReminderWhen): string {
  return `instalment-${index + 1}-${when}`;
}

/** Is this timeline entry a payment plan's instalment reminder? */
export function isPlanReminder(interaction: Pick<Interaction, 'policyId'>): boolean {
  return interaction.policyId !== undefined && interaction.policyId.startsWith(PLAN_POLICY_PREFIX);
}

/**
 * Which reminder an unpaid instalment is due for today, if any:
 * - `before`: from `INSTALMENT_REMINDER_DAYS_BEFORE` days before its date to the day before it (on
 *   the day itself Today already lists the instalment to check);
 * - `missed`: from the day after its date to the last grace day (none without grace days: the plan
 *   is broken the day after).
 * A paid instalment gets none.
 */
export function instalmentReminderDue(instalment: Instalment, today: CalendarDate, graceDays: number): InstalmentReminderWhen | null {
  if (instalment.paidCents >= instalment.amountCents) return null;
  if (today < instalment.dueDate) return today >= addDays(instalment.dueDate, -INSTALMENT_REMINDER_DAYS_BEFORE) ? 'before' : null;
  if (today > instalment.dueDate && today <= addDays(instalment.dueDate, graceDays)) return 'missed';
  return null;
}

/** The dates an unpaid instalment's reminders become due (for the planner's wake-up). */
export function instalmentReminderDates(instalment: Instalment): CalendarDate[] {
  return [addDays(instalment.dueDate, -INSTALMENT_REMINDER_DAYS_BEFORE), addDays(instalment.dueDate, 1)];
}

/**
 * The channel of a plan's reminders: the customer's preferred one when it carries a short message
 * (email, SMS, WhatsApp, a call); a letter would arrive after the date, so email instead.
 */
export function instalmentReminderChannel(customer: Pick<Customer, 'preferredChannel'> | undefined): Channel {
  const preferred = customer?.preferredChannel;
  return preferred === 'sms' || preferred === 'whatsapp' || preferred === 'phone' ? preferred : 'email';
}

/** The payment deadline the message gives: the instalment's date, or the last grace day once missed. */
export function instalmentReminderDeadline(dueDate: CalendarDate, when: InstalmentReminderWhen, graceDays: number): CalendarDate {
  return when === 'before' ? dueDate : addDays(dueDate, graceDays);
}
