/**
 * Follow-up policies (scénarios de relance): ordered steps, each with an offset from the due date, a
 * channel, a tone, a template and a new payment deadline (DOMAIN.md). Pure: the planner (planner.ts)
 * decides from them what is due on a given day.
 *
 * Vocabulary used here and in the planner:
 * - a **courtesy step** has a negative offset: it reminds the customer *before* the due date, of an
 *   invoice that is not unpaid yet;
 * - a **reminder step** is a step on a reminder channel (email, SMS, WhatsApp, phone call, postal
 *   letter) on or after the due date: it asks for an amount that is due;
 * - an **escalation step** is a formal notice (mise en demeure) or the decision on legal action. At
 *   least two reminders must come before it (article 004: "envoyez au moins deux rappels avant toute
 *   action juridique"); `validatePolicy` checks it on the policy, the planner on what was really done.
 */
import type { Channel, FollowUpPolicy, FollowUpStep, Invoice, Customer } from './model';

/** The built-in policy every shop has; the planner falls back to it. Demo data uses its step ids. */
export const DEFAULT_POLICY_ID = 'default';

export const BUILT_IN_POLICY_IDS = { standard: 'default', gentle: 'gentle', strict: 'strict' } as const;

/**
 * Template ids the built-in steps refer to (the templates themselves live with the messages). Several
 * policies share them: a gentle and a strict first reminder differ by their timing and deadline, the
 * wording ladder is the same.
 */
export const TEMPLATE_IDS = {
  courtesyEmail: 'courtesy-email',
  firstReminder: 'first-reminder',
  phoneCall: 'phone-call',
  /** Firm reminder with the statement of account (relevé de compte) of every open invoice. */
  secondReminder: 'second-reminder',
  formalNotice: 'formal-notice',
  legalDecision: 'legal-decision',
} as const;

/** Channels that remind the customer of an amount due; they count towards the two-reminders rule. */
export const REMINDER_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['email', 'sms', 'whatsapp', 'phone', 'letter']);
/** Channels that need two reminders before them. */
export const ESCALATION_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['formal-notice', 'legal']);
/** Channels whose step prints a letter: the only ones whose PDF can also go by email (`alsoByEmail`). */
export const LETTER_STEP_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['letter', 'formal-notice']);
/** Reminders needed before a formal notice or a legal step. */
export const REMINDERS_BEFORE_ESCALATION = 2;

export function isCourtesyStep(step: Pick<FollowUpStep, 'offsetDays'>): boolean {
  return step.offsetDays < 0;
}
export function isReminderStep(step: Pick<FollowUpStep, 'offsetDays' | 'channel'>): boolean {
  return !isCourtesyStep(step) && REMINDER_CHANNELS.has(step.channel);
}
export function isEscalationStep(step: Pick<FollowUpStep, 'channel'>): boolean {
  return ESCALATION_CHANNELS.has(step.channel);
}

// ---------------------------------------------------------------------------------------------
// Built-in policies

type StepSpec = [id: string, offsetDays: number, channel: Channel, tone: FollowUpStep['tone'], templateId: string, newDeadlineDays: number, automatic: boolean];

function steps(specs: StepSpec[]): FollowUpStep[] {
  return specs.map(([id, offsetDays, channel, tone, templateId, newDeadlineDays, automatic]) => ({
    id,
    offsetDays,
    channel,
    tone,
    templateId,
    newDeadlineDays,
    automatic,
  }));
}

const T = TEMPLATE_IDS;

/*
 * newDeadlineDays: the deadline printed in the message is today + newDeadlineDays, never before the
 * invoice's own due date; a courtesy step uses 0, i.e. "the due date stays the same".
 * Automatic: the courtesy email and the first friendly email go out on their own (during business
 * hours); the firm email carries the statement of account and waits for a look in Today.
 */

/** Standard: the ladder of DOMAIN.md. Its step ids are used by the demo data: keep them. */
const STANDARD: FollowUpPolicy = {
  id: BUILT_IN_POLICY_IDS.standard,
  name: 'Standard',
  names: { fr: 'Standard', en: 'Standard' },
  description: {
    fr: 'Courriel de courtoisie 3 jours avant l’échéance, rappel amical le lendemain, appel à J+8, relance ferme avec relevé de compte à J+15, mise en demeure à J+30, décision sur une action en justice à J+45.',
    en: 'Courtesy email 3 days before the due date, friendly reminder the day after, call at D+8, firm reminder with statement of account at D+15, formal notice at D+30, decision on legal action at D+45.',
  },
  builtIn: true,
  steps: steps([
    ['courtesy-email', -3, 'email', 'courtesy', T.courtesyEmail, 0, true],
    ['first-reminder', 1, 'email', 'friendly', T.firstReminder, 8, true],
    ['phone-call', 8, 'phone', 'friendly', T.phoneCall, 8, false],
    ['second-reminder', 15, 'email', 'firm', T.secondReminder, 8, false],
    ['formal-notice', 30, 'formal-notice', 'formal', T.formalNotice, 8, false],
    ['legal-decision', 45, 'legal', 'formal', T.legalDecision, 0, false],
  ]),
};

/** Loyal customers: later and softer, two calls before any firm word, longer deadlines. */
const GENTLE: FollowUpPolicy = {
  id: BUILT_IN_POLICY_IDS.gentle,
  name: 'Client fidèle',
  names: { fr: 'Client fidèle', en: 'Loyal customer' },
  description: {
    fr: 'Pour les bons clients : rappels plus tardifs et plus doux, deux appels avant une relance ferme, délais de 15 jours.',
    en: 'For good customers: later and softer reminders, two calls before a firm one, 15-day deadlines.',
  },
  builtIn: true,
  steps: steps([
    ['courtesy-email', -3, 'email', 'courtesy', T.courtesyEmail, 0, true],
    ['first-reminder', 5, 'email', 'friendly', T.firstReminder, 15, true],
    ['phone-call', 12, 'phone', 'friendly', T.phoneCall, 15, false],
    ['second-call', 25, 'phone', 'friendly', T.phoneCall, 15, false],
    ['second-reminder', 35, 'email', 'firm', T.secondReminder, 15, false],
    ['formal-notice', 60, 'formal-notice', 'formal', T.formalNotice, 15, false],
    ['legal-decision', 90, 'legal', 'formal', T.legalDecision, 0, false],
  ]),
};

/** Customers who need a firm hand: earlier steps, shorter deadlines. */
const STRICT: FollowUpPolicy = {
  id: BUILT_IN_POLICY_IDS.strict,
  name: 'Strict',
  names: { fr: 'Strict', en: 'Strict' },
  description: {
    fr: 'Pour les retards répétés : courriel de courtoisie 5 jours avant, rappel dès le lendemain, appel à J+4, relance ferme à J+8, mise en demeure à J+15, décision sur une action en justice à J+30, délais de 5 jours.',
    en: 'For repeated late payers: courtesy email 5 days before, reminder the day after, call at D+4, firm reminder at D+8, formal notice at D+15, decision on legal action at D+30, 5-day deadlines.',
  },
  builtIn: true,
  steps: steps([
    ['courtesy-email', -5, 'email', 'courtesy', T.courtesyEmail, 0, true],
    ['first-reminder', 1, 'email', 'friendly', T.firstReminder, 5, true],
    ['phone-call', 4, 'phone', 'firm', T.phoneCall, 5, false],
    ['second-reminder', 8, 'email', 'firm', T.secondReminder, 5, false],
    ['formal-notice', 15, 'formal-notice', 'formal', T.formalNotice, 8, false],
    ['legal-decision', 30, 'legal', 'formal', T.legalDecision, 0, false],
  ]),
};

function freeze(policy: FollowUpPolicy): FollowUpPolicy {
  policy.steps.forEach((step) => Object.freeze(step));
  Object.freeze(policy.steps);
  if (policy.names) Object.freeze(policy.names);
  if (policy.description) Object.freeze(policy.description);
  return Object.freeze(policy);
}
[STANDARD, GENTLE, STRICT].forEach(freeze);

function copyPolicy(policy: FollowUpPolicy): FollowUpPolicy {
  return {
    ...policy,
    ...(policy.names ? { names: { ...policy.names } } : {}),
    ...(policy.description ? { description: { ...policy.description } } : {}),
    steps: policy.steps.map((step) => ({ ...step })),
  };
}

/** The three built-in policies (Standard, loyal customer, strict), as fresh copies to store or edit. */
export function builtInPolicies(): FollowUpPolicy[] {
  return [STANDARD, GENTLE, STRICT].map(copyPolicy);
}

/** The built-in Standard policy (a fresh copy; `policyFor` returns the frozen original). */
export function standardPolicy(): FollowUpPolicy {
  return copyPolicy(STANDARD);
}

/** The name to show in `language`: the built-in translation when there is one, else the user's name. */
export function policyDisplayName(policy: Pick<FollowUpPolicy, 'name' | 'names'>, language: 'fr' | 'en'): string {
  return policy.names?.[language] ?? policy.name;
}

// ---------------------------------------------------------------------------------------------
// Validation

export type PolicyProblemCode =
  /** The policy has no step. */
  | 'no-steps'
  /** A step has an empty id. */
  | 'missing-step-id'
  /** Two steps share an id (`params.index` is the second one's position). */
  | 'duplicate-step-id'
  /** A step's offset is not a whole number of days. */
  | 'offset-not-whole-days'
  /** Offsets must be strictly increasing: this step comes at or before the previous one. */
  | 'steps-out-of-order'
  /** Only emails are sent on their own; other channels need the user. */
  | 'automatic-not-email'
  /** "Also by email" on a step that prints no letter (only letters and formal notices have a PDF to send). */
  | 'copy-by-email-not-letter'
  /** A formal notice or legal step with fewer than two reminders before it. */
  | 'escalation-before-two-reminders'
  /** newDeadlineDays is negative (or not a whole number of days). */
  | 'negative-deadline'
  | 'deadline-not-whole-days';

export interface PolicyProblem {
  code: PolicyProblemCode;
  stepId?: string;
  params?: Record<string, string | number>;
}

export type PolicyValidation = { ok: true } | { ok: false; problems: PolicyProblem[] };

/**
 * Checks a policy before it is saved. Every problem is reported (not only the first), each with a
 * `code` the screens translate and the `stepId` it is about. Reminders counted for the two-reminders
 * rule: steps on a reminder channel (email, SMS, WhatsApp, phone, letter) with an offset ≥ 0 placed
 * before the escalation step; courtesy steps (offset < 0) remind of an invoice that is not unpaid
 * yet and do not count.
 */
export function validatePolicy(policy: Pick<FollowUpPolicy, 'steps'>): PolicyValidation {
  const problems: PolicyProblem[] = [];
  if (policy.steps.length === 0) return { ok: false, problems: [{ code: 'no-steps' }] };

  const seen = new Set<string>();
  let reminders = 0;
  policy.steps.forEach((step, index) => {
    const stepId = step.id;
    if (stepId.trim() === '') problems.push({ code: 'missing-step-id', params: { index } });
    else if (seen.has(stepId)) problems.push({ code: 'duplicate-step-id', stepId, params: { index } });
    seen.add(stepId);

    if (!Number.isInteger(step.offsetDays)) {
      problems.push({ code: 'offset-not-whole-days', stepId, params: { offsetDays: step.offsetDays } });
    }
    const previous = policy.steps[index - 1];
    if (previous && !(step.offsetDays > previous.offsetDays)) {
      problems.push({
        code: 'steps-out-of-order',
        stepId,
        params: { offsetDays: step.offsetDays, previousStepId: previous.id, previousOffsetDays: previous.offsetDays },
      });
    }
    if (step.automatic && step.channel !== 'email') {
      problems.push({ code: 'automatic-not-email', stepId, params: { channel: step.channel } });
    }
    if (step.alsoByEmail && !LETTER_STEP_CHANNELS.has(step.channel)) {
      problems.push({ code: 'copy-by-email-not-letter', stepId, params: { channel: step.channel } });
    }
    if (isEscalationStep(step) && reminders < REMINDERS_BEFORE_ESCALATION) {
      problems.push({
        code: 'escalation-before-two-reminders',
        stepId,
        params: { channel: step.channel, reminders, required: REMINDERS_BEFORE_ESCALATION },
      });
    }
    if (step.newDeadlineDays < 0) {
      problems.push({ code: 'negative-deadline', stepId, params: { newDeadlineDays: step.newDeadlineDays } });
    } else if (!Number.isInteger(step.newDeadlineDays)) {
      problems.push({ code: 'deadline-not-whole-days', stepId, params: { newDeadlineDays: step.newDeadlineDays } });
    }
    if (isReminderStep(step)) reminders += 1;
  });
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

// ---------------------------------------------------------------------------------------------
// Which policy applies

/**
 * The policy an invoice follows: the invoice's override, then its customer's policy, then the shop's
 * default, then the policy `default` of the list, then the built-in Standard. An id that names no
 * policy of the list (a deleted policy) is skipped, so an invoice always has a policy.
 */
export function policyFor(
  invoice: Pick<Invoice, 'policyId'>,
  customer: Pick<Customer, 'policyId'> | undefined,
  policies: readonly FollowUpPolicy[],
  shopDefaultId?: string,
): FollowUpPolicy {
  for (const id of [invoice.policyId, customer?.policyId, shopDefaultId, DEFAULT_POLICY_ID]) {
    if (id === undefined) continue;
    const found = policies.find((policy) => policy.id === id);
    if (found) return found;
  }
  return STANDARD;
}

/** Same resolution as `policyFor`, over a map built once (for the planner's loops). */
export function policyResolver(
  policies: readonly FollowUpPolicy[],
  shopDefaultId?: string,
): (invoice: Pick<Invoice, 'policyId'>, customer: Pick<Customer, 'policyId'> | undefined) => FollowUpPolicy {
  const byId = new Map<string, FollowUpPolicy>();
  for (const policy of policies) if (!byId.has(policy.id)) byId.set(policy.id, policy);
  const fallback = (shopDefaultId !== undefined ? byId.get(shopDefaultId) : undefined) ?? byId.get(DEFAULT_POLICY_ID) ?? STANDARD;
  return (invoice, customer) =>
    (invoice.policyId !== undefined ? byId.get(invoice.policyId) : undefined) ??
    (customer?.policyId !== undefined ? byId.get(customer.policyId) : undefined) ??
    fallback;
}
