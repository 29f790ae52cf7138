/**
 * Editing follow-up policies (the policy editor in Settings). Pure: each operation returns a new
 * policy and leaves its argument alone; `validatePolicy` (policies.ts) decides whether it may be saved.
 *
 * Step ids are the audit trail: the planner knows which steps an invoice already went through by the
 * `stepId` of its history entries. So editing a step keeps its id, a duplicated policy keeps the ids
 * of the policy it copies (a customer moved to the copy goes on from the step they reached), and a new
 * step gets an id no step of the policy had.
 *
 * "Moving" a step up or down swaps it with its neighbour *on the timeline*: the two steps exchange
 * their days as well as their places, so the order of the days stays increasing. Moving the D+15 firm
 * email above the D+8 call gives a firm email at D+8 and a call at D+15.
 */
import { isInstalmentReminderTemplate } from './instalment-templates';
import type { Channel, Customer, FollowUpPolicy, FollowUpStep, Invoice, MessageTemplate, Tone } from './model';
import { LETTER_STEP_CHANNELS, type PolicyProblem, type PolicyValidation } from './policies';
import { LETTER_COPY_TEMPLATE_ID } from './letter-copy-templates';

/** The channels a step may use, in the order the editor lists them. */
export const STEP_CHANNELS: readonly Channel[] = ['email', 'sms', 'whatsapp', 'phone', 'letter', 'formal-notice', 'legal'];
export const STEP_TONES: readonly Tone[] = ['courtesy', 'friendly', 'firm', 'formal'];

/** A copy of `source` under a new id and name, editable: not built-in, without the built-in names and description. */
export function duplicatePolicy(source: FollowUpPolicy, id: string, name: string): FollowUpPolicy {
  return { id, name, builtIn: false, steps: source.steps.map((step) => ({ ...step })) };
}

/** A policy started from scratch: one friendly email the day after the due date. */
export function blankPolicy(id: string, name: string, templateId: string): FollowUpPolicy {
  return {
    id,
    name,
    builtIn: false,
    steps: [{ id: 'step-1', offsetDays: 1, channel: 'email', tone: 'friendly', templateId, newDeadlineDays: 8, automatic: false }],
  };
}

export function renamePolicy(policy: FollowUpPolicy, name: string): FollowUpPolicy {
  return { ...policy, name, steps: policy.steps.map((step) => ({ ...step })) };
}

/** An id that no step of `policy` has: `step-<n>`, the smallest n free. */
export function freshStepId(policy: Pick<FollowUpPolicy, 'steps'>): string {
  const taken = new Set(policy.steps.map((step) => step.id));
  let n = policy.steps.length + 1;
  while (taken.has(`step-${n}`)) n += 1;
  return `step-${n}`;
}

/** Days between two steps when one is added after the last one. */
const DAYS_AFTER_LAST_STEP = 7;

/**
 * `policy` with a new step after position `after` (at the end when omitted): a manual phone call,
 * placed between its neighbours when there is a free day between them, otherwise one day after the
 * previous step (the editor then shows the order problem until the user sets the day).
 */
export function addStep(policy: FollowUpPolicy, templateId: string, after = policy.steps.length - 1): FollowUpPolicy {
  const steps = policy.steps.map((step) => ({ ...step }));
  const previous = steps[after];
  const next = steps[after + 1];
  let offsetDays: number;
  if (!previous) offsetDays = next ? next.offsetDays - DAYS_AFTER_LAST_STEP : 1;
  else if (!next) offsetDays = previous.offsetDays + DAYS_AFTER_LAST_STEP;
  else offsetDays = next.offsetDays - previous.offsetDays >= 2 ? previous.offsetDays + Math.floor((next.offsetDays - previous.offsetDays) / 2) : previous.offsetDays + 1;
  const step: FollowUpStep = { id: freshStepId(policy), offsetDays, channel: 'phone', tone: 'friendly', templateId, newDeadlineDays: 8, automatic: false };
  steps.splice(after + 1, 0, step);
  return { ...policy, steps };
}

export function removeStep(policy: FollowUpPolicy, index: number): FollowUpPolicy {
  return { ...policy, steps: policy.steps.filter((_, i) => i !== index).map((step) => ({ ...step })) };
}

/** Swaps step `index` with its neighbour (`-1` up, `+1` down); the two exchange their days too (see above). */
export function moveStep(policy: FollowUpPolicy, index: number, direction: -1 | 1): FollowUpPolicy {
  const steps = policy.steps.map((step) => ({ ...step }));
  const other = index + direction;
  const a = steps[index];
  const b = steps[other];
  if (!a || !b) return { ...policy, steps };
  steps[index] = { ...b, offsetDays: a.offsetDays };
  steps[other] = { ...a, offsetDays: b.offsetDays };
  return { ...policy, steps };
}

/**
 * The templates a step of `channel` and `tone` may use: every template of its channel, those of its
 * tone first (the first one is what a step gets when its channel or tone changes).
 */
export function templateChoices(channel: Channel, tone: Tone, templates: readonly Pick<MessageTemplate, 'id' | 'channel' | 'tone'>[]): string[] {
  // A plan's instalment reminders are written for the plan's dates and amounts: no policy step's text.
  // Nor the covering email of a letter's copy: the step is the letter.
  const ofChannel = templates.filter((template) => template.channel === channel && !isInstalmentReminderTemplate(template.id) && template.id !== LETTER_COPY_TEMPLATE_ID);
  const ofTone = ofChannel.filter((template) => template.tone === tone);
  return [...new Set([...ofTone, ...ofChannel].map((template) => template.id))];
}

/**
 * `policy` with step `index` changed. Changing the channel or tone keeps the template when it still
 * fits (same channel, and same tone when the channel has one of that tone), otherwise picks the first
 * that does (`templates`: what the shop has); a step that is no
 * longer an email stops being automatic (only emails go out on their own).
 */
export function updateStep(
  policy: FollowUpPolicy,
  index: number,
  change: Partial<Omit<FollowUpStep, 'id'>>,
  templates: readonly Pick<MessageTemplate, 'id' | 'channel' | 'tone'>[],
): FollowUpPolicy {
  const steps = policy.steps.map((step, i) => {
    if (i !== index) return { ...step };
    const updated = { ...step, ...change };
    if (change.channel !== undefined || change.tone !== undefined) {
      const choices = templateChoices(updated.channel, updated.tone, templates);
      const current = templates.find((template) => template.id === updated.templateId && template.channel === updated.channel);
      // A template of another channel, or of another tone when one of the new tone exists, is replaced.
      const fits = current !== undefined && (current.tone === updated.tone || !templates.some((t) => t.channel === updated.channel && t.tone === updated.tone));
      if (!fits && choices[0] !== undefined) updated.templateId = choices[0];
    }
    if (updated.channel !== 'email') updated.automatic = false;
    // Only a letter has a PDF to send by email as well.
    if (!LETTER_STEP_CHANNELS.has(updated.channel)) delete updated.alsoByEmail;
    return updated;
  });
  return { ...policy, steps };
}

/**
 * The problems of a validation, by step id (`''` for those about the whole policy or a step with no
 * id), for the editor to show each next to its step.
 */
export function problemsByStep(validation: PolicyValidation, policy: Pick<FollowUpPolicy, 'steps'>): Map<string, PolicyProblem[]> {
  const byStep = new Map<string, PolicyProblem[]>();
  if (validation.ok) return byStep;
  for (const problem of validation.problems) {
    const index = typeof problem.params?.index === 'number' ? problem.params.index : undefined;
    const key = problem.stepId ?? (index !== undefined ? (policy.steps[index]?.id ?? '') : '');
    byStep.set(key, [...(byStep.get(key) ?? []), problem]);
  }
  return byStep;
}

/** Who follows `policyId` by choice: the customers assigned to it, and the invoices that override theirs with it. */
export function policyUsers(
  policyId: string,
  customers: readonly Pick<Customer, 'id' | 'name' | 'policyId'>[],
  invoices: readonly Pick<Invoice, 'id' | 'number' | 'policyId'>[],
): { customers: { id: string; name: string }[]; invoices: { id: string; number: string }[] } {
  return {
    customers: customers.filter((c) => c.policyId === policyId).map(({ id, name }) => ({ id, name })),
    invoices: invoices.filter((i) => i.policyId === policyId).map(({ id, number }) => ({ id, number })),
  };
}
