import { describe, expect, it } from 'vitest';
import { builtInTemplates } from '../../../src-renderer/domain/builtin-templates';
import { letterTemplates } from '../../../src-renderer/domain/letter-templates';
import { standardPolicy, validatePolicy } from '../../../src-renderer/domain/policies';
import {
  addStep,
  blankPolicy,
  duplicatePolicy,
  freshStepId,
  moveStep,
  policyUsers,
  problemsByStep,
  removeStep,
  renamePolicy,
  templateChoices,
  updateStep,
} from '../../../src-renderer/domain/policy-editing';
import type { FollowUpPolicy } from '../../../src-renderer/domain/model';
import { aCustomer, anInvoice } from './builders';

const TEMPLATES = [...builtInTemplates(), ...letterTemplates()];
const offsets = (policy: FollowUpPolicy) => policy.steps.map((step) => step.offsetDays);
const ids = (policy: FollowUpPolicy) => policy.steps.map((step) => step.id);

describe('duplicating and creating policies', () => {
  it('a duplicate of Standard is editable, keeps the step ids (the audit trail) and does not share steps', () => {
    const standard = standardPolicy();
    const copy = duplicatePolicy(standard, 'p-1', 'Standard (copie)');
    expect(copy).toMatchObject({ id: 'p-1', name: 'Standard (copie)', builtIn: false });
    expect(copy.names).toBeUndefined();
    expect(copy.description).toBeUndefined();
    expect(ids(copy)).toEqual(ids(standard));
    copy.steps[0]!.offsetDays = -10;
    expect(standard.steps[0]!.offsetDays).toBe(-3);
    expect(validatePolicy(copy).ok).toBe(true);
  });

  it('a blank policy has one valid step', () => {
    const policy = blankPolicy('p-2', 'Mon scénario', 'first-reminder');
    expect(policy.steps).toHaveLength(1);
    expect(validatePolicy(policy)).toEqual({ ok: true });
  });

  it('renaming copies the steps', () => {
    const policy = blankPolicy('p', 'A', 'first-reminder');
    const renamed = renamePolicy(policy, 'B');
    expect(renamed.name).toBe('B');
    expect(policy.name).toBe('A');
    expect(renamed.steps[0]).not.toBe(policy.steps[0]);
  });
});

describe('adding, removing and moving steps', () => {
  it.each([
    ['at the end: a week after the last step', undefined, [-3, 1, 8, 15, 30, 45, 52]],
    ['after the first step: halfway to the next', 0, [-3, -1, 1, 8, 15, 30, 45]],
    ['after D+15: halfway to D+30', 3, [-3, 1, 8, 15, 22, 30, 45]],
    ['before the first step', -1, [-10, -3, 1, 8, 15, 30, 45]],
  ] as const)('addStep %s', (_, after, expected) => {
    const policy = addStep(standardPolicy(), 'phone-call', after);
    expect(offsets(policy)).toEqual(expected);
    expect(new Set(ids(policy)).size).toBe(policy.steps.length);
  });

  it('a step added between two consecutive days lands on the day after the previous one (the editor then flags the order)', () => {
    const policy: FollowUpPolicy = { ...blankPolicy('p', 'P', 'first-reminder') };
    policy.steps.push({ ...policy.steps[0]!, id: 'b', offsetDays: 2 });
    const added = addStep(policy, 'phone-call', 0);
    expect(offsets(added)).toEqual([1, 2, 2]);
    expect(validatePolicy(added).ok).toBe(false);
  });

  it.each([
    [[], 'step-1'],
    [['step-1'], 'step-2'],
    [['step-2'], 'step-3'],
    [['step-2', 'step-3'], 'step-4'],
    [['a', 'step-3'], 'step-4'],
  ])('freshStepId with %j gives %s', (taken, expected) => {
    const policy = { steps: taken.map((id) => ({ ...standardPolicy().steps[0]!, id })) };
    expect(freshStepId(policy)).toBe(expected);
  });

  it('removeStep drops only that step', () => {
    const policy = removeStep(standardPolicy(), 2);
    expect(ids(policy)).toEqual(['courtesy-email', 'first-reminder', 'second-reminder', 'formal-notice', 'legal-decision']);
  });

  it.each([
    ['down: the call and the firm email swap places and days', 2, 1, ['courtesy-email', 'first-reminder', 'second-reminder', 'phone-call']],
    ['up: the firm email comes before the call', 3, -1, ['courtesy-email', 'first-reminder', 'second-reminder', 'phone-call']],
    ['up from the top: nothing moves', 0, -1, ['courtesy-email', 'first-reminder', 'phone-call', 'second-reminder']],
    ['down from the bottom: nothing moves', 5, 1, ['courtesy-email', 'first-reminder', 'phone-call', 'second-reminder']],
  ] as const)('moveStep %s', (_, index, direction, firstFour) => {
    const moved = moveStep(standardPolicy(), index, direction);
    expect(ids(moved).slice(0, 4)).toEqual(firstFour);
    // The days stay in increasing order: the timeline is kept, the steps exchange their days.
    expect(offsets(moved)).toEqual([-3, 1, 8, 15, 30, 45]);
    expect(validatePolicy(moved).ok).toBe(true);
  });
});

describe('changing a step', () => {
  it.each([
    ['email → letter: a letter of the tone, not automatic', 1, { channel: 'letter' as const }, { channel: 'letter', templateId: 'statement-letter', automatic: false }],
    ['email → phone: the call script', 0, { channel: 'phone' as const }, { channel: 'phone', templateId: 'phone-call', automatic: false }],
    ['friendly → firm email: the firm template', 1, { tone: 'firm' as const }, { tone: 'firm', templateId: 'second-reminder', automatic: true }],
    ['offset only: template and mode kept', 1, { offsetDays: 2 }, { offsetDays: 2, templateId: 'first-reminder', automatic: true }],
    ['a template of the channel chosen by hand is kept', 3, { templateId: 'first-reminder' }, { templateId: 'first-reminder' }],
    ['formal notice → letter of the same tone: the tone has no letter, the first letter of the channel', 4, { channel: 'letter' as const }, { templateId: 'reminder-letter' }],
    ['automatic on an SMS is refused by the step itself', 2, { channel: 'sms' as const, automatic: true }, { channel: 'sms', automatic: false, templateId: 'sms-reminder' }],
  ] as const)('%s', (_, index, change, expected) => {
    const policy = updateStep(standardPolicy(), index, change, TEMPLATES);
    expect(policy.steps[index]).toMatchObject(expected);
  });

  it('the template list of a channel puts its tone first and offers the rest', () => {
    expect(templateChoices('email', 'firm', TEMPLATES)).toEqual(['second-reminder', 'courtesy-email', 'first-reminder']);
    expect(templateChoices('letter', 'firm', TEMPLATES)[0]).toBe('reminder-letter');
    expect(templateChoices('legal', 'friendly', TEMPLATES)).toEqual(['legal-decision']);
  });
});

describe('problems next to their step', () => {
  it('each problem is filed under its step; policy-wide ones under ""', () => {
    const policy = updateStep(removeStep(removeStep(standardPolicy(), 1), 1), 1, { offsetDays: -5 }, TEMPLATES);
    // courtesy D-3, firm email now D-5 (out of order), formal notice D+30 with one reminder (none, the firm email is now a courtesy step)
    const byStep = problemsByStep(validatePolicy(policy), policy);
    expect(byStep.get('second-reminder')?.map((p) => p.code)).toEqual(['steps-out-of-order']);
    expect(byStep.get('formal-notice')?.map((p) => p.code)).toEqual(['escalation-before-two-reminders']);
    expect(byStep.get('formal-notice')?.[0]?.params).toMatchObject({ reminders: 0, required: 2 });
    const empty = { ...policy, steps: [] };
    expect(problemsByStep(validatePolicy(empty), empty).get('')?.map((p) => p.code)).toEqual(['no-steps']);
    expect(problemsByStep(validatePolicy(standardPolicy()), standardPolicy()).size).toBe(0);
  });
});

describe('who follows a policy', () => {
  it('lists the customers assigned to it and the invoices overriding theirs with it', () => {
    const customers = [aCustomer('a', { policyId: 'mine' }), aCustomer('b'), aCustomer('c', { policyId: 'strict' })];
    const invoices = [anInvoice('1', 'b', '2026-01-01', { policyId: 'mine' }), anInvoice('2', 'a', '2026-01-01')];
    expect(policyUsers('mine', customers, invoices)).toEqual({ customers: [{ id: 'a', name: 'Client a' }], invoices: [{ id: '1', number: 'F-1' }] });
    expect(policyUsers('none', customers, invoices)).toEqual({ customers: [], invoices: [] });
  });
});
