import { describe, expect, it } from 'vitest';
import { CALL_OUTCOMES, nextPolicyStepDate, outcomeForKey, outcomeKey, planEligibility, proposeNextFollowUp, unverifiedPaymentClaim, type PlanRule } from '../../../src-renderer/domain/calls';
import type { CallOutcome } from '../../../src-renderer/domain/model';
import { standardPolicy } from '../../../src-renderer/domain/policies';
import type { DisciplineGrade } from '../../../src-renderer/domain/metrics';
import { anInteraction } from './builders';

describe('outcome keys', () => {
  it('1…8 pick each outcome once, and back', () => {
    expect(CALL_OUTCOMES.map(outcomeKey)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    for (const outcome of CALL_OUTCOMES) expect(outcomeForKey(outcomeKey(outcome))).toBe(outcome);
    expect(outcomeForKey('9')).toBeUndefined();
    expect(outcomeForKey('0')).toBeUndefined();
    expect(outcomeForKey('12')).toBeUndefined();
  });
});

describe('nextPolicyStepDate (Standard: -3, +1, +8, +15, +30, +45)', () => {
  const policy = () => standardPolicy();
  it.each<[string[], string, string | null]>([
    [['2026-11-20'], '2026-11-23', '2026-11-28'],
    [['2026-11-20', '2026-11-10'], '2026-11-23', '2026-11-25'],
    [['2026-11-30'], '2026-11-23', '2026-11-27'],
    [['2026-01-01'], '2026-11-23', null],
  ])('due %o, today %s → %s', (dueDates, today, expected) => {
    const invoices = dueDates.map((dueDate) => ({ dueDate, customerId: 'c1' }));
    expect(nextPolicyStepDate(invoices, policy, today)).toBe(expected);
  });
});

describe('proposeNextFollowUp (today 2026-11-23, next step 2026-11-28)', () => {
  const facts = { today: '2026-11-23', nextStepDate: '2026-11-28' as string | null };
  it.each<[CallOutcome | undefined, Partial<typeof facts & { promiseDate: string; callBackDate: string }>, string | null]>([
    ['promise', { promiseDate: '2026-12-04' }, '2026-12-04'],
    ['call-back', { callBackDate: '2026-11-25' }, '2026-11-25'],
    ['call-back', {}, '2026-11-24'],
    ['says-paid', {}, '2026-11-26'],
    ['dispute', {}, null],
    ['no-answer', {}, '2026-11-25'],
    ['voicemail', { nextStepDate: '2026-11-24' }, '2026-11-24'],
    ['asks-plan', {}, '2026-11-28'],
    [undefined, { nextStepDate: null }, null],
  ])('%s %o → %s', (outcome, extra, expected) => {
    expect(proposeNextFollowUp(outcome, { ...facts, ...extra })).toBe(expected);
  });
});

describe('planEligibility', () => {
  it.each<[PlanRule, DisciplineGrade | undefined, string]>([
    [{ mode: 'manual' }, 'A', 'ask'],
    [{ mode: 'manual' }, 'E', 'ask'],
    [{ mode: 'min-grade', minGrade: 'C' }, 'A', 'allowed'],
    [{ mode: 'min-grade', minGrade: 'C' }, 'C', 'allowed'],
    [{ mode: 'min-grade', minGrade: 'C' }, 'D', 'refused'],
    [{ mode: 'min-grade', minGrade: 'C' }, undefined, 'refused'],
  ])('%o, grade %s → %s', (rule, grade, expected) => {
    expect(planEligibility(rule, grade)).toBe(expected);
  });
});

describe('unverifiedPaymentClaim', () => {
  const call = (id: string, at: string, callOutcome: CallOutcome) => anInteraction([], { id, kind: 'call', at, callOutcome });
  it.each<[string, string[], string | undefined]>([
    ['no payment since the claim', [], 'b'],
    ['a payment recorded after the claim', ['2026-11-21T10:00:00.000Z'], undefined],
    ['a payment before the latest claim', ['2026-11-15T10:00:00.000Z'], 'b'],
  ])('%s', (_name, paymentTimes, expected) => {
    const entries = [call('a', '2026-11-10T09:00:00.000Z', 'says-paid'), call('b', '2026-11-20T09:00:00.000Z', 'says-paid'), call('c', '2026-11-22T09:00:00.000Z', 'no-answer')];
    expect(unverifiedPaymentClaim(entries, paymentTimes.map((createdAt) => ({ createdAt })))?.id).toBe(expected);
  });
  it('nothing claimed', () => {
    expect(unverifiedPaymentClaim([call('c', '2026-11-22T09:00:00.000Z', 'no-answer')], [])).toBeUndefined();
  });
});
