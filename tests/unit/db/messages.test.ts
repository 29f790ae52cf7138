import { describe, expect, it } from 'vitest';
import { freshDatabasesFor } from './helpers';
import { recordMessageSent } from '../../../src-renderer/db/messages-repo';
import { planFollowUps, type StepAction } from '../../../src-renderer/domain/planner';
import type { RelanceDatabase } from '../../../src-renderer/db/database';
import { aCustomer, anInvoice, aPolicy, aStep } from '../domain/builders';

const database = freshDatabasesFor('messages');
const POLICY = aPolicy('p', [aStep('sms-1', 1, { channel: 'sms' }), aStep('sms-2', 15, { channel: 'sms' })]);
const CUSTOMER = aCustomer('c1', { policyId: 'p', contacts: [{ id: 'k', name: 'Kévin Morel', mobile: '+33612345678' }] });
const INVOICES = [anInvoice('a', 'c1', '2026-11-01'), anInvoice('b', 'c1', '2026-11-18')];

async function plan(db: RelanceDatabase): Promise<StepAction[]> {
  return planFollowUps({
    asOf: '2026-11-23T09:00:00.000Z',
    today: '2026-11-23',
    customers: [CUSTOMER],
    invoices: INVOICES,
    interactions: await db.interactions.toArray(),
    promises: [],
    paymentPlans: [],
    policies: [POLICY],
  }).filter((a): a is StepAction => a.kind === 'step');
}

describe('an SMS marked as sent', () => {
  it('records the text and the audit trail of each step; the step leaves Today', async () => {
    const db = await database();
    const [action] = await plan(db);
    expect(action).toMatchObject({ channel: 'sms', invoiceIds: ['a', 'b'] });
    const [message, companion] = await recordMessageSent(db, action!, 'Bonjour, petit rappel…', '+33612345678', '2026-11-23T09:10:00.000Z');
    expect(message).toMatchObject({ kind: 'reminder', channel: 'sms', status: 'sent', body: 'Bonjour, petit rappel…', invoiceIds: ['a'], stepId: 'sms-2', details: { to: '+33612345678' } });
    expect(companion).toMatchObject({ channel: 'sms', status: 'sent', invoiceIds: ['b'], stepId: 'sms-1', details: { messageId: message!.id } });
    expect(await db.interactions.count()).toBe(2);
    expect(await plan(db)).toEqual([]);
  });

  it('refuses an action that is not a short message', async () => {
    const db = await database();
    const [action] = await plan(db);
    await expect(recordMessageSent(db, { ...action!, channel: 'email' }, 'x', '+33612345678', '2026-11-23T09:10:00.000Z')).rejects.toThrow(/short message/);
    expect(await db.interactions.count()).toBe(0);
  });
});
