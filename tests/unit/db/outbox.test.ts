import { describe, expect, it } from 'vitest';
import { freshDatabasesFor } from './helpers';
import { bringRetriesForward, claimForSending, failedMessageOf, outboxMessages, queueEmail, reconcile, recordSendAnswer, retryNow, type EmailDraftFields } from '../../../src-renderer/db/outbox-repo';
import { planFollowUps, type PlannerInput, type StepAction } from '../../../src-renderer/domain/planner';
import type { RelanceDatabase } from '../../../src-renderer/db/database';
import { aCustomer, anInvoice, aPolicy, aStep } from '../domain/builders';

const database = freshDatabasesFor('outbox');
const NOW = '2026-11-23T09:00:00.000Z';
const LATER = '2026-11-23T09:00:05.000Z';

/** Two invoices of one customer at two steps of the same policy: one email, two audit groups. */
const POLICY = aPolicy('p', [aStep('first', 1), aStep('second', 15)]);
const CUSTOMER = aCustomer('c1', { policyId: 'p', contacts: [{ id: 'k', name: 'Sophie Martin', email: 'sophie@client.fr' }] });
const INVOICES = [anInvoice('a', 'c1', '2026-11-01'), anInvoice('b', 'c1', '2026-11-18')];

const DRAFT: EmailDraftFields = { to: { name: 'Sophie Martin', address: 'sophie@client.fr' }, subject: 'Rappel', text: 'Bonjour', html: '<p>Bonjour</p>', pdfInvoiceIds: ['a'] };

async function plan(db: RelanceDatabase): Promise<StepAction[]> {
  const input: PlannerInput = {
    asOf: NOW,
    today: '2026-11-23',
    customers: [CUSTOMER],
    invoices: INVOICES,
    interactions: await db.interactions.toArray(),
    promises: [],
    paymentPlans: [],
    policies: [POLICY],
  };
  return planFollowUps(input).filter((a): a is StepAction => a.kind === 'step');
}

async function queued(db: RelanceDatabase) {
  const [action] = await plan(db);
  if (!action) throw new Error('expected an email action');
  return { action, message: await queueEmail(db, action, DRAFT, 'today', NOW) };
}

const temporary = { status: 'failed', permanent: false, code: 'temporary', message: '451 4.3.0 try later', responseCode: 451, at: LATER } as const;
const permanent = { status: 'failed', permanent: true, code: 'refused', message: '554 5.7.1 refused', responseCode: 554, at: LATER } as const;
const sent = { status: 'sent', messageId: '<relance.x@shop.fr>', response: '250 OK', rejected: [], at: LATER } as const;

describe('the outbox repository', () => {
  it('queues one message with its key and the audit trail of both steps in one go; the step is then done for the planner', async () => {
    const db = await database();
    const { action, message } = await queued(db);
    expect(action.invoiceIds).toEqual(['a', 'b']);
    const rows = await db.interactions.toArray();
    expect(rows).toHaveLength(2);
    expect(message).toMatchObject({ kind: 'reminder', channel: 'email', status: 'queued', invoiceIds: ['a'], stepId: 'second', subject: 'Rappel', body: 'Bonjour' });
    expect(message.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(message.details).toMatchObject({ to: 'sophie@client.fr', html: '<p>Bonjour</p>', pdfInvoiceIds: 'a', actionKey: action.key, attempts: 0 });
    const companion = rows.find((r) => r.id !== message.id)!;
    expect(companion).toMatchObject({ invoiceIds: ['b'], stepId: 'first', status: 'queued', details: { messageId: message.id } });
    expect(companion.idempotencyKey).toBeUndefined();
    expect(await plan(db)).toEqual([]);
  });

  it('never queues the same action twice', async () => {
    const db = await database();
    const { action, message } = await queued(db);
    const again = await queueEmail(db, action, { ...DRAFT, subject: 'Autre' }, 'automatic', LATER);
    expect(again.id).toBe(message.id);
    expect(await db.interactions.count()).toBe(2);
  });

  it('lets one sender claim a message; a temporary failure waits 1 minute, companions follow the status', async () => {
    const db = await database();
    const { message } = await queued(db);
    const claimed = await claimForSending(db, message.id, NOW);
    expect(claimed).toMatchObject({ status: 'sending', details: { attempts: 1 } });
    expect(await claimForSending(db, message.id, NOW)).toBeNull();
    await recordSendAnswer(db, message.id, message.idempotencyKey!, temporary, NOW);
    const rows = await db.interactions.toArray();
    expect(rows.map((r) => r.status)).toEqual(['retrying', 'retrying']);
    expect((await db.interactions.get(message.id))!.details).toMatchObject({ nextAttemptAt: '2026-11-23T09:01:00.000Z', lastError: '451 4.3.0 try later', lastErrorCode: 'temporary' });
    expect(await claimForSending(db, message.id, '2026-11-23T09:00:30.000Z')).toBeNull();
    expect(await claimForSending(db, message.id, '2026-11-23T09:01:00.000Z')).toMatchObject({ details: { attempts: 2 } });
    await recordSendAnswer(db, message.id, message.idempotencyKey!, sent, LATER);
    expect(await db.interactions.get(message.id)).toMatchObject({ status: 'sent', details: { serverMessageId: '<relance.x@shop.fr>', attempts: 2 } });
  });

  it('new SMTP settings bring the waiting retries forward', async () => {
    const db = await database();
    const { message } = await queued(db);
    await claimForSending(db, message.id, NOW);
    await recordSendAnswer(db, message.id, message.idempotencyKey!, temporary, NOW);
    expect(await claimForSending(db, message.id, LATER)).toBeNull();
    expect(await bringRetriesForward(db, LATER)).toBe(1);
    expect(await claimForSending(db, message.id, LATER)).toMatchObject({ status: 'sending', idempotencyKey: message.idempotencyKey, details: { attempts: 2 } });
  });

  it('ignores an answer for another key (a message sent again meanwhile)', async () => {
    const db = await database();
    const { message } = await queued(db);
    await claimForSending(db, message.id, NOW);
    expect(await recordSendAnswer(db, message.id, 'other-key-123', sent, LATER)).toBeNull();
    expect((await db.interactions.get(message.id))!.status).toBe('sending');
  });

  it('a permanent failure needs attention: the step comes back to Today, and sending it again reuses the row with a new key', async () => {
    const db = await database();
    const { action, message } = await queued(db);
    await claimForSending(db, message.id, NOW);
    await recordSendAnswer(db, message.id, message.idempotencyKey!, permanent, LATER);
    expect(await db.interactions.get(message.id)).toMatchObject({ status: 'failed', details: { lastError: '554 5.7.1 refused', lastErrorCode: 'refused' } });
    const [back] = await plan(db);
    expect(back?.key).toBe(action.key);
    expect((await failedMessageOf(db, action))?.id).toBe(message.id);
    const again = await queueEmail(db, action, { ...DRAFT, subject: 'Rappel corrigé' }, 'today', LATER);
    expect(again).toMatchObject({ id: message.id, status: 'queued', subject: 'Rappel corrigé' });
    expect(again.idempotencyKey).not.toBe(message.idempotencyKey);
    expect(await db.interactions.count()).toBe(2);
  });

  it('"retry now": a failure handed to SMTP takes a new key, one that never left keeps its key', async () => {
    const db = await database();
    const { message } = await queued(db);
    await claimForSending(db, message.id, NOW);
    await recordSendAnswer(db, message.id, message.idempotencyKey!, permanent, LATER);
    const retried = await retryNow(db, message.id, LATER);
    expect(retried).toMatchObject({ status: 'queued', details: { attempts: 0 } });
    expect(retried.idempotencyKey).not.toBe(message.idempotencyKey);

    await claimForSending(db, message.id, LATER);
    await recordSendAnswer(db, message.id, retried.idempotencyKey!, { ...permanent, code: 'not-configured' }, LATER);
    expect((await retryNow(db, message.id, LATER)).idempotencyKey).toBe(retried.idempotencyKey);
  });

  it('at start-up, a message left sending takes what main knows of its key', async () => {
    const db = await database();
    const { message } = await queued(db);
    await claimForSending(db, message.id, NOW);
    const key = message.idempotencyKey!;
    expect(await reconcile(db, new Map([[key, { state: 'sending', result: null, attempts: 1 }]]), LATER)).toEqual([message.id]);
    expect(await reconcile(db, new Map([[key, { state: 'none', result: null, attempts: 0 }]]), LATER)).toEqual([]);
    expect((await db.interactions.get(message.id))!.status).toBe('queued');
    await claimForSending(db, message.id, LATER);
    await reconcile(db, new Map([[key, { state: 'sent', result: sent, attempts: 1 }]]), LATER);
    expect(await outboxMessages(db)).toEqual([]);
    expect((await outboxMessages(db, ['sent'])).map((m) => [m.status, m.details?.serverMessageId])).toEqual([['sent', '<relance.x@shop.fr>']]);
  });

  // The driver reads only the emails still on their way, through the [kind+status] index, however
  // many were sent before; the companions (audit rows of the same email) and other history never.
  it.each([
    ['queued', true],
    ['sending', true],
    ['retrying', true],
    ['sent', false],
    ['failed', false],
    ['skipped', false],
    ['draft', false],
  ] as const)('an email %s is among the messages on their way: %s', async (status, onItsWay) => {
    const db = await database();
    const { message } = await queued(db);
    await db.interactions.update(message.id, { status });
    // Other history of every kind with the same status: a call, a letter, a note.
    await db.interactions.bulkAdd(
      (['call', 'letter', 'note'] as const).map((kind, index) => ({ id: `other-${index}`, customerId: 'c1', kind, at: NOW, invoiceIds: ['a'], status })),
    );
    expect((await outboxMessages(db)).map((row) => row.id)).toEqual(onItsWay ? [message.id] : []);
    expect((await outboxMessages(db, [status])).map((row) => row.id)).toEqual([message.id]);
  });
});
