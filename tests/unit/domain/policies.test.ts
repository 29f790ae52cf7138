import { describe, expect, it } from 'vitest';
import type { Channel, FollowUpPolicy, FollowUpStep } from '../../../src-renderer/domain/model';
import {
  builtInPolicies,
  DEFAULT_POLICY_ID,
  isCourtesyStep,
  isEscalationStep,
  isReminderStep,
  policyDisplayName,
  policyFor,
  policyResolver,
  standardPolicy,
  validatePolicy,
  type PolicyProblem,
} from '../../../src-renderer/domain/policies';
import { aCustomer, anInvoice, aPolicy, aStep } from './builders';

describe('built-in policies', () => {
  const policies = builtInPolicies();

  it('are Standard (default), loyal customer (gentle) and strict, named in French and English', () => {
    expect(policies.map((policy) => [policy.id, policy.names])).toEqual([
      ['default', { fr: 'Standard', en: 'Standard' }],
      ['gentle', { fr: 'Client fidèle', en: 'Loyal customer' }],
      ['strict', { fr: 'Strict', en: 'Strict' }],
    ]);
    expect(policies.every((policy) => policy.builtIn && policy.description?.fr && policy.description.en)).toBe(true);
  });

  it.each(policies.map((policy) => [policy.id, policy] as const))('%s passes its own validation', (_id, policy) => {
    expect(validatePolicy(policy)).toEqual({ ok: true });
  });

  it('Standard has the steps of the issue, with the ids the demo data uses', () => {
    expect(standardPolicy().steps.map((step) => [step.id, step.offsetDays, step.channel, step.tone, step.templateId])).toEqual([
      ['courtesy-email', -3, 'email', 'courtesy', 'courtesy-email'],
      ['first-reminder', 1, 'email', 'friendly', 'first-reminder'],
      ['phone-call', 8, 'phone', 'friendly', 'phone-call'],
      ['second-reminder', 15, 'email', 'firm', 'second-reminder'],
      ['formal-notice', 30, 'formal-notice', 'formal', 'formal-notice'],
      ['legal-decision', 45, 'legal', 'formal', 'legal-decision'],
    ]);
  });

  it('gentle is later and softer with more calls; strict is earlier with shorter deadlines', () => {
    const [standard, gentle, strict] = policies as [FollowUpPolicy, FollowUpPolicy, FollowUpPolicy];
    const offset = (policy: FollowUpPolicy, id: string): number => policy.steps.find((step) => step.id === id)!.offsetDays;
    const deadline = (policy: FollowUpPolicy, id: string): number => policy.steps.find((step) => step.id === id)!.newDeadlineDays;
    const calls = (policy: FollowUpPolicy): number => policy.steps.filter((step) => step.channel === 'phone').length;
    for (const id of ['first-reminder', 'phone-call', 'second-reminder', 'formal-notice', 'legal-decision']) {
      expect(offset(gentle, id)).toBeGreaterThan(offset(standard, id));
      expect(offset(strict, id)).toBeLessThanOrEqual(offset(standard, id));
      expect(deadline(strict, id)).toBeLessThanOrEqual(deadline(standard, id));
      expect(deadline(gentle, id)).toBeGreaterThanOrEqual(deadline(standard, id));
    }
    expect(calls(gentle)).toBeGreaterThan(calls(standard));
    expect(gentle.steps.filter((step) => step.tone === 'firm').length).toBeLessThanOrEqual(1);
  });

  it('every policy shares the same ids for the same kind of step', () => {
    for (const policy of policies) {
      expect(policy.steps.map((step) => step.id)).toEqual(expect.arrayContaining(['courtesy-email', 'first-reminder', 'phone-call', 'second-reminder', 'formal-notice', 'legal-decision']));
    }
  });

  it('only emails are automatic', () => {
    for (const step of policies.flatMap((policy) => policy.steps)) if (step.automatic) expect(step.channel).toBe('email');
  });

  it('returns fresh copies: editing one does not change the next', () => {
    builtInPolicies()[0]!.steps[0]!.offsetDays = -10;
    expect(builtInPolicies()[0]!.steps[0]!.offsetDays).toBe(-3);
  });

  it('displays the name of the language, or the user name', () => {
    expect(policyDisplayName(policies[1]!, 'en')).toBe('Loyal customer');
    expect(policyDisplayName(policies[1]!, 'fr')).toBe('Client fidèle');
    expect(policyDisplayName(aPolicy('mine', []), 'en')).toBe('Policy mine');
  });
});

describe('step kinds', () => {
  it.each<[string, Pick<FollowUpStep, 'offsetDays' | 'channel'>, boolean, boolean, boolean]>([
    ['courtesy email before the due date', { offsetDays: -3, channel: 'email' }, true, false, false],
    ['email on the due date', { offsetDays: 0, channel: 'email' }, false, true, false],
    ['sms', { offsetDays: 2, channel: 'sms' }, false, true, false],
    ['whatsapp', { offsetDays: 2, channel: 'whatsapp' }, false, true, false],
    ['phone', { offsetDays: 8, channel: 'phone' }, false, true, false],
    ['letter', { offsetDays: 20, channel: 'letter' }, false, true, false],
    ['formal notice', { offsetDays: 30, channel: 'formal-notice' }, false, false, true],
    ['legal', { offsetDays: 45, channel: 'legal' }, false, false, true],
  ])('%s: courtesy %s, reminder %s, escalation %s', (_label, step, courtesy, reminder, escalation) => {
    expect([isCourtesyStep(step), isReminderStep(step), isEscalationStep(step)]).toEqual([courtesy, reminder, escalation]);
  });
});

describe('validatePolicy', () => {
  const email = (id: string, offset: number, extra: Partial<FollowUpStep> = {}): FollowUpStep => aStep(id, offset, extra);
  const on = (channel: Channel) => ({ channel });

  it.each<[string, FollowUpStep[], PolicyProblem[]]>([
    ['no steps', [], [{ code: 'no-steps' }]],
    ['duplicate step ids', [email('a', 1), email('a', 5)], [{ code: 'duplicate-step-id', stepId: 'a', params: { index: 1 } }]],
    ['empty step id', [email(' ', 1)], [{ code: 'missing-step-id', params: { index: 0 } }]],
    [
      'steps out of order',
      [email('a', 5), email('b', 2)],
      [{ code: 'steps-out-of-order', stepId: 'b', params: { offsetDays: 2, previousStepId: 'a', previousOffsetDays: 5 } }],
    ],
    [
      'two steps on the same day (offsets must be strictly increasing)',
      [email('a', 5), email('b', 5)],
      [{ code: 'steps-out-of-order', stepId: 'b', params: { offsetDays: 5, previousStepId: 'a', previousOffsetDays: 5 } }],
    ],
    ['offset not a whole number of days', [email('a', 1.5)], [{ code: 'offset-not-whole-days', stepId: 'a', params: { offsetDays: 1.5 } }]],
    ['automatic phone call', [email('a', 1, { ...on('phone'), automatic: true })], [{ code: 'automatic-not-email', stepId: 'a', params: { channel: 'phone' } }]],
    ['automatic sms', [email('a', 1, { ...on('sms'), automatic: true })], [{ code: 'automatic-not-email', stepId: 'a', params: { channel: 'sms' } }]],
    [
      'automatic formal notice',
      [email('a', 1), email('b', 5), email('n', 30, { ...on('formal-notice'), automatic: true })],
      [{ code: 'automatic-not-email', stepId: 'n', params: { channel: 'formal-notice' } }],
    ],
    [
      'formal notice after one reminder',
      [email('a', 1), email('n', 30, on('formal-notice'))],
      [{ code: 'escalation-before-two-reminders', stepId: 'n', params: { channel: 'formal-notice', reminders: 1, required: 2 } }],
    ],
    [
      'legal step first',
      [email('l', 10, on('legal')), email('a', 20), email('b', 30)],
      [{ code: 'escalation-before-two-reminders', stepId: 'l', params: { channel: 'legal', reminders: 0, required: 2 } }],
    ],
    [
      'courtesy steps before the due date do not count as reminders',
      [email('c1', -5), email('c2', -1), email('a', 1), email('n', 30, on('formal-notice'))],
      [{ code: 'escalation-before-two-reminders', stepId: 'n', params: { channel: 'formal-notice', reminders: 1, required: 2 } }],
    ],
    [
      'a formal notice does not count as a reminder for the legal step',
      [email('a', 1), email('n', 30, on('formal-notice')), email('l', 45, on('legal'))],
      [
        { code: 'escalation-before-two-reminders', stepId: 'n', params: { channel: 'formal-notice', reminders: 1, required: 2 } },
        { code: 'escalation-before-two-reminders', stepId: 'l', params: { channel: 'legal', reminders: 1, required: 2 } },
      ],
    ],
    ['negative new deadline', [email('a', 1, { newDeadlineDays: -1 })], [{ code: 'negative-deadline', stepId: 'a', params: { newDeadlineDays: -1 } }]],
    ['deadline not a whole number of days', [email('a', 1, { newDeadlineDays: 2.5 })], [{ code: 'deadline-not-whole-days', stepId: 'a', params: { newDeadlineDays: 2.5 } }]],
    [
      'several problems at once, all reported',
      [email('a', 5, { automatic: true, channel: 'letter' }), email('a', 3, { newDeadlineDays: -2 })],
      [
        { code: 'automatic-not-email', stepId: 'a', params: { channel: 'letter' } },
        { code: 'duplicate-step-id', stepId: 'a', params: { index: 1 } },
        { code: 'steps-out-of-order', stepId: 'a', params: { offsetDays: 3, previousStepId: 'a', previousOffsetDays: 5 } },
        { code: 'negative-deadline', stepId: 'a', params: { newDeadlineDays: -2 } },
      ],
    ],
  ])('refuses %s', (_label, steps, problems) => {
    expect(validatePolicy(aPolicy('p', steps))).toEqual({ ok: false, problems });
  });

  it.each<[string, FollowUpStep[]]>([
    ['one email', [email('a', 1)]],
    ['automatic emails', [email('c', -3, { automatic: true }), email('a', 1, { automatic: true })]],
    ['formal notice after an sms and a call', [email('s', 1, on('sms')), email('p', 5, on('phone')), email('n', 20, on('formal-notice'))]],
    ['formal notice after a whatsapp and a letter', [email('w', 0, on('whatsapp')), email('l', 10, on('letter')), email('n', 20, on('formal-notice'))]],
    ['legal after two reminders and a formal notice', [email('a', 1), email('b', 8), email('n', 20, on('formal-notice')), email('l', 40, on('legal'))]],
    ['a zero deadline', [email('a', 1, { newDeadlineDays: 0 })]],
  ])('accepts %s', (_label, steps) => {
    expect(validatePolicy(aPolicy('p', steps))).toEqual({ ok: true });
  });
});

describe('policyFor', () => {
  const policies = [...builtInPolicies(), aPolicy('shop', [aStep('a', 1)]), aPolicy('vip', [aStep('a', 10)])];
  const byId = (id: string): FollowUpPolicy => policies.find((policy) => policy.id === id)!;

  it.each<[string, string | undefined, string | undefined, string | undefined, string]>([
    ['invoice override first', 'strict', 'gentle', 'shop', 'strict'],
    ['then the customer policy', undefined, 'gentle', 'shop', 'gentle'],
    ['then the shop default', undefined, undefined, 'shop', 'shop'],
    ['then default', undefined, undefined, undefined, 'default'],
    ['a deleted invoice policy falls back to the customer', 'gone', 'vip', 'shop', 'vip'],
    ['a deleted customer policy falls back to the shop', undefined, 'gone', 'shop', 'shop'],
    ['a deleted shop default falls back to default', undefined, undefined, 'gone', 'default'],
  ])('%s', (_label, invoicePolicy, customerPolicy, shopDefault, expected) => {
    const invoice = anInvoice('1', 'c1', '2026-11-01', invoicePolicy ? { policyId: invoicePolicy } : {});
    const customer = aCustomer('c1', customerPolicy ? { policyId: customerPolicy } : {});
    expect(policyFor(invoice, customer, policies, shopDefault)).toBe(byId(expected));
    expect(policyResolver(policies, shopDefault)(invoice, customer)).toBe(byId(expected));
  });

  it('works without a customer', () => {
    expect(policyFor(anInvoice('1', 'x', '2026-11-01'), undefined, policies).id).toBe(DEFAULT_POLICY_ID);
  });

  it('falls back to the built-in Standard when the list has no default', () => {
    const policy = policyFor(anInvoice('1', 'x', '2026-11-01'), undefined, []);
    expect(policy).toEqual(standardPolicy());
    expect(Object.isFrozen(policy)).toBe(true);
    expect(policyResolver([])(anInvoice('1', 'x', '2026-11-01'), undefined)).toBe(policy);
  });
});
