import { describe, expect, it } from 'vitest';
import { copyPlanOf, withCopies } from '../../../src-renderer/features/letters/letter-copies';
import type { LetterOrder } from '../../../src-renderer/features/letters/letter-production';
import type { StepAction } from '../../../src-renderer/domain/planner';
import { standardPolicy } from '../../../src-renderer/domain/policies';
import type { Customer, FollowUpPolicy } from '../../../src-renderer/domain/model';
import { aCustomer } from '../domain/builders';

/** A formal notice (or another step) of Standard for a customer, as the planner gives it. */
function order(customerId: string, stepId = 'formal-notice', channel: StepAction['channel'] = 'formal-notice'): LetterOrder {
  const step = { kind: 'step', key: `${customerId}|${channel}|${stepId}`, customerId, customerName: customerId, invoiceIds: ['i'], channel, tone: 'formal', templateId: stepId, policyId: 'default', stepId, stepIndex: 4, automatic: false, newDeadline: '2026-12-01', reasons: [], dueSince: '2026-11-23' } as StepAction;
  return { kind: 'formal-notice', customerId, step };
}

const withEmail = aCustomer('a', { contacts: [{ id: 'k', name: 'A', email: 'a@client.fr' }] });
const withoutEmail = aCustomer('b', { contacts: [{ id: 'k', name: 'B', mobile: '+33612345678' }] });
const customers = new Map<string, Customer>([withEmail, withoutEmail].map((c) => [c.id, c]));
const standardWithCopy: FollowUpPolicy = { ...standardPolicy(), builtIn: false, steps: standardPolicy().steps.map((s) => (s.id === 'formal-notice' ? { ...s, alsoByEmail: true } : s)) };

describe('copyPlanOf: the copies a print will send, said before printing', () => {
  const orders = [order('a'), order('b'), { kind: 'statement', customerId: 'a' } as LetterOrder];

  it.each<[string, FollowUpPolicy[], string[], string[]]>([
    ['the built-in Standard: none', [], [], []],
    ['the shop’s Standard with the option: one copy, one customer warned', [standardWithCopy], ['a'], ['b']],
  ])('%s', (_label, stored, sent, warned) => {
    const plan = copyPlanOf(orders, stored, customers);
    expect(plan.withAddress.map((o) => o.customerId)).toEqual(sent);
    expect(plan.withoutAddress.map((o) => o.customerId)).toEqual(warned);
  });

  it('withCopies marks the letters whose step asks for a copy, none when the user says no; the others are untouched', () => {
    const plan = copyPlanOf(orders, [standardWithCopy], customers);
    expect(withCopies(orders, plan, true).map((o) => o.emailCopy === true)).toEqual([true, true, false]);
    expect(withCopies(orders, plan, false).map((o) => o.emailCopy === true)).toEqual([false, false, false]);
    expect(orders.every((o) => o.emailCopy === undefined)).toBe(true);
  });
});
