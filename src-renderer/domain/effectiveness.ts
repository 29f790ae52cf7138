/**
 * "What works": for each follow-up step, tone and channel, how often the invoice was paid soon
 * after the reminder, so the shop can learn which delays, tones and channels bring the money in.
 *
 * Unit of measure: one reminder about one invoice (a grouped email about three invoices counts
 * three times), counted only when it reached the customer (an email sent, a call made, a letter
 * posted: not skipped, queued or failed) while the invoice was still open. The invoice counts as
 * paid on the day its payments first cover its total.
 *
 * Fairness over time: "paid within N days" is measured only on reminders at least N days old on
 * `asOf`; a reminder sent yesterday has not had 30 days to work, and counting it as a failure
 * would make every recent step look bad. Pure: `asOf` and the shop's time zone are arguments.
 */
import { isPlanReminder } from './instalment-reminders';
import { isLetterCopy } from './letter-copy';
import { daysBetween, todayIn } from './dates';
import type { CalendarDate, Channel, Interaction, Tone } from './model';
import type { MetricInvoice } from './metrics';

/** The delays after a reminder that the dashboard reports on. */
export const PAID_WITHIN_DAYS = [7, 14, 30] as const;
export type PaidWithinDays = (typeof PAID_WITHIN_DAYS)[number];

/**
 * Below this many reminders in a group, the shares are shown with a caution: with 12 reminders,
 * one more or one less payment moves the share by 8 points, too much to tell two tones apart.
 */
export const MIN_REMINDERS_TO_CONCLUDE = 20;

export type EffectivenessGrouping = 'step' | 'tone' | 'channel';

export interface PaidShare {
  /** Reminders at least N days old on asOf: those that had the time to work. */
  measured: number;
  /** Of those, the ones whose invoice was fully paid within N days. */
  paid: number;
  /** paid ÷ measured, `null` when nothing could be measured yet. */
  rate: number | null;
}

export interface EffectivenessRow {
  /** `policyId/stepId`, the tone or the channel, depending on the grouping. */
  key: string;
  policyId?: string;
  stepId?: string;
  tone?: Tone;
  channel?: Channel;
  /** Reminders that reached the customer while the invoice was open. */
  sent: number;
  paidWithin: Record<PaidWithinDays, PaidShare>;
  /** Median days from the reminder to full payment, over the invoices paid by asOf; `null` if none. */
  medianDaysToPay: number | null;
  /** True when `sent` is below MIN_REMINDERS_TO_CONCLUDE. */
  tooFewToConclude: boolean;
}

const FOLLOW_UP_KINDS = new Set<Interaction['kind']>(['reminder', 'call', 'letter']);
/** Statuses of a message that did not (or not yet) reach the customer. */
const NOT_DELIVERED = new Set<NonNullable<Interaction['status']>>(['draft', 'queued', 'sending', 'retrying', 'failed', 'skipped']);

/** The day its payments first cover the total, or null while the invoice is still open. */
function fullyPaidOn(invoice: MetricInvoice): CalendarDate | null {
  const payments = [...invoice.payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let paid = 0;
  for (const payment of payments) {
    paid += payment.amountCents;
    if (paid >= invoice.totalCents) return payment.date;
  }
  return null;
}

function paidBefore(invoice: MetricInvoice, date: CalendarDate): number {
  let paid = 0;
  for (const payment of invoice.payments) if (payment.date < date) paid += payment.amountCents;
  return paid;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function keyOf(interaction: Interaction, grouping: EffectivenessGrouping): string | null {
  switch (grouping) {
    case 'step':
      // A payment plan's instalment reminders are no policy step (one key per plan would be noise);
      // they still count by tone and by channel.
      return interaction.policyId && interaction.stepId && !isPlanReminder(interaction) ? `${interaction.policyId}/${interaction.stepId}` : null;
    case 'tone':
      return interaction.tone ?? null;
    case 'channel':
      return interaction.channel ?? null;
  }
}

interface Accumulator {
  row: EffectivenessRow;
  daysToPay: number[];
}

/**
 * One row per step, tone or channel (as `grouping` says), most used first. Follow-ups without the
 * grouping's field (a call logged by hand has no step) are left out of that grouping only.
 */
export function followUpEffectiveness(
  interactions: readonly Interaction[],
  invoices: readonly MetricInvoice[],
  asOf: CalendarDate,
  timeZone: string,
  grouping: EffectivenessGrouping,
): EffectivenessRow[] {
  const invoicesById = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  const paidOn = new Map<string, CalendarDate | null>();
  const groups = new Map<string, Accumulator>();

  for (const interaction of interactions) {
    if (!FOLLOW_UP_KINDS.has(interaction.kind)) continue;
    if (interaction.status && NOT_DELIVERED.has(interaction.status)) continue;
    // A letter's copy by email is the letter again, already counted as the letter (letter-copy.ts).
    if (isLetterCopy(interaction)) continue;
    const key = keyOf(interaction, grouping);
    if (!key) continue;
    const sentOn = todayIn(timeZone, interaction.at);
    if (sentOn > asOf) continue;
    for (const invoiceId of interaction.invoiceIds) {
      const invoice = invoicesById.get(invoiceId);
      if (!invoice || invoice.status === 'written-off' || invoice.status === 'cancelled') continue;
      // A reminder about an invoice already paid (a payment recorded late) measures nothing.
      if (paidBefore(invoice, sentOn) >= invoice.totalCents) continue;
      if (!paidOn.has(invoiceId)) paidOn.set(invoiceId, fullyPaidOn(invoice));
      const paidDate = paidOn.get(invoiceId) ?? null;
      const daysToPay = paidDate !== null && paidDate <= asOf ? daysBetween(sentOn, paidDate) : null;
      const age = daysBetween(sentOn, asOf);

      let group = groups.get(key);
      if (!group) {
        group = {
          row: {
            key,
            ...(grouping === 'step' ? { policyId: interaction.policyId, stepId: interaction.stepId } : {}),
            ...(grouping === 'tone' ? { tone: interaction.tone } : {}),
            ...(grouping === 'channel' ? { channel: interaction.channel } : {}),
            sent: 0,
            paidWithin: { 7: { measured: 0, paid: 0, rate: null }, 14: { measured: 0, paid: 0, rate: null }, 30: { measured: 0, paid: 0, rate: null } },
            medianDaysToPay: null,
            tooFewToConclude: true,
          },
          daysToPay: [],
        };
        groups.set(key, group);
      }
      group.row.sent += 1;
      if (daysToPay !== null) group.daysToPay.push(daysToPay);
      for (const days of PAID_WITHIN_DAYS) {
        if (age < days) continue;
        const share = group.row.paidWithin[days];
        share.measured += 1;
        if (daysToPay !== null && daysToPay <= days) share.paid += 1;
      }
    }
  }

  return [...groups.values()]
    .map(({ row, daysToPay }) => {
      for (const days of PAID_WITHIN_DAYS) {
        const share = row.paidWithin[days];
        share.rate = share.measured > 0 ? share.paid / share.measured : null;
      }
      return { ...row, medianDaysToPay: median(daysToPay), tooFewToConclude: row.sent < MIN_REMINDERS_TO_CONCLUDE };
    })
    .sort((a, b) => b.sent - a.sent || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
