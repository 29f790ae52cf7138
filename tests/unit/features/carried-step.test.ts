import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src-renderer/domain/dates';
import { planFollowUps, type PlannedAction } from '../../../src-renderer/domain/planner';
import { builtInPolicies } from '../../../src-renderer/domain/policies';
import { callCarries } from '../../../src-renderer/features/calls/carried-step';
import { aCustomer, anInteraction, anInvoice, stepDone } from '../domain/builders';

const TODAY = '2026-11-23';
const late = (n: number) => addDays(TODAY, -n);

/** c1: i1 10 days late (first reminder sent: the D+8 call is due); i2 asked about in a call that asked to be called back today. */
function actions(withStep: boolean): PlannedAction[] {
  return planFollowUps({
    asOf: `${TODAY}T09:30:00.000Z`,
    today: TODAY,
    customers: [aCustomer('c1'), aCustomer('c2')],
    invoices: [anInvoice('i1', 'c1', late(withStep ? 10 : 3)), anInvoice('i2', 'c1', late(3)), anInvoice('i3', 'c2', late(10))],
    interactions: [
      stepDone(['i1'], 'first-reminder', { at: `${late(2)}T10:00:00.000Z` }),
      stepDone(['i2'], 'first-reminder', { at: `${late(2)}T10:00:00.000Z` }),
      stepDone(['i3'], 'first-reminder', { customerId: 'c2', at: `${late(2)}T10:00:00.000Z` }),
      anInteraction(['i2'], { kind: 'call', channel: 'phone', status: undefined, callOutcome: 'call-back', at: `${late(1)}T15:00:00.000Z`, details: { callBackOn: TODAY, callBackAt: '14:30' } }),
    ],
    promises: [],
    paymentPlans: [],
    policies: builtInPolicies(),
  });
}

describe('callCarries: what a call from a Today card carries out', () => {
  it('a call back when the customer also has a call step today: the step, with the invoices of both', () => {
    const planned = actions(true);
    const callBack = planned.find((action) => action.kind === 'call-back')!;
    const carried = callCarries(callBack, planned);
    expect(carried.action).toMatchObject({ kind: 'step', channel: 'phone', customerId: 'c1', invoiceIds: ['i1'] });
    expect(carried.invoiceIds).toEqual(['i1', 'i2']);
  });

  it('a call back alone: itself', () => {
    const planned = actions(false);
    const callBack = planned.find((action) => action.kind === 'call-back')!;
    expect(callCarries(callBack, planned)).toEqual({ action: callBack, invoiceIds: ['i2'] });
  });

  it('another customer’s call step is not carried', () => {
    const planned = actions(false);
    expect(planned.some((action) => action.kind === 'step' && action.channel === 'phone' && action.customerId === 'c2')).toBe(true);
    const callBack = planned.find((action) => action.kind === 'call-back')!;
    expect(callCarries(callBack, planned).action).toBe(callBack);
  });

  it('any other action: itself', () => {
    const step = actions(true).find((action) => action.kind === 'step')!;
    expect(callCarries(step, actions(true))).toEqual({ action: step, invoiceIds: step.invoiceIds });
  });
});
