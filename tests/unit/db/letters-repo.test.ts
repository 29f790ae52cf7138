import { freshDatabasesFor } from './helpers';
import { describe, expect, it } from 'vitest';
import { groupLetters, markLetterPosted, recordLetter, type ProducedLetter } from '../../../src-renderer/db/letters-repo';
import { queueLetterCopy } from '../../../src-renderer/db/outbox-repo';
import { addDays } from '../../../src-renderer/domain/dates';
import { letterCopyKey } from '../../../src-renderer/domain/letter-copy';
import { planFollowUps, type PlannerInput, type StepAction } from '../../../src-renderer/domain/planner';
import { builtInPolicies } from '../../../src-renderer/domain/policies';
import { aCustomer, anInvoice, stepDone } from '../domain/builders';

const database = freshDatabasesFor('letters');
const TODAY = '2026-11-23';
const NOW = '2026-11-23T09:30:00.000Z';

/** Two invoices of c1, 31 days late and reminded twice; i2 follows a copy of Standard: one formal notice, two policies in its trail. */
function plannerInput(interactions: PlannerInput['interactions']): PlannerInput {
  return {
    asOf: NOW,
    today: TODAY,
    customers: [aCustomer('c1')],
    invoices: [anInvoice('i1', 'c1', addDays(TODAY, -31)), anInvoice('i2', 'c1', addDays(TODAY, -31), { policyId: 'copy' })],
    interactions,
    promises: [],
    paymentPlans: [],
    policies: [...builtInPolicies(), { ...builtInPolicies()[0]!, id: 'copy', name: 'Copie', builtIn: false }],
  };
}

const letter = (extra: Partial<ProducedLetter> = {}): ProducedLetter => ({
  customerId: 'c1',
  kind: 'formal-notice',
  subject: 'Mise en demeure de payer',
  invoiceIds: ['i1', 'i2'],
  archiveId: 'letters/2026/2026-11-23 Mise en demeure - Client c1.pdf',
  pages: 2,
  amountCents: 200_00,
  source: 'today',
  ...extra,
});

describe('recordLetter', () => {
  it('a step letter is the step’s trail: one entry per invoice with its own step, so the planner sees it done', async () => {
    const db = await database();
    const history = [stepDone(['i1'], 'first-reminder'), stepDone(['i1'], 'second-reminder'), stepDone(['i2'], 'first-reminder', { policyId: 'copy' }), stepDone(['i2'], 'phone-call', { policyId: 'copy' })];
    const before = planFollowUps(plannerInput(history)).filter((a): a is StepAction => a.kind === 'step');
    expect(before.map((a) => `${a.channel}/${a.stepId}`)).toEqual(['formal-notice/formal-notice']);
    const action = before[0]!;
    expect(action.reasons.map((r) => `${r.invoiceId}:${r.policyId}/${r.stepId}`).sort()).toEqual(['i1:default/formal-notice', 'i2:copy/formal-notice']);

    const entries = await recordLetter(db, letter(), NOW, action);
    expect(entries.map((e) => [e.invoiceIds, e.policyId, e.stepId, e.kind, e.channel, e.documentPath])).toEqual([
      [['i1'], 'default', 'formal-notice', 'letter', 'formal-notice', 'letters/2026/2026-11-23 Mise en demeure - Client c1.pdf'],
      [['i2'], 'copy', 'formal-notice', 'letter', 'formal-notice', 'letters/2026/2026-11-23 Mise en demeure - Client c1.pdf'],
    ]);
    expect(entries[0]?.details).toEqual({ source: 'today', letterKind: 'formal-notice', pages: 2, amountCents: 200_00, actionKey: action.key });
    const stored = await db.interactions.toArray();
    expect(stored).toHaveLength(2);
    const after = planFollowUps(plannerInput([...history, ...stored])).filter((a) => a.kind === 'step');
    expect(after.filter((a) => a.kind === 'step' && a.channel === 'formal-notice')).toEqual([]);
  });

  it('a letter on demand is one entry listing its invoices, with no step; a payment plan agreement reminds of nothing', async () => {
    const db = await database();
    const [statement] = await recordLetter(db, letter({ kind: 'statement', subject: 'Relevé de compte', source: 'customer' }), NOW);
    expect(statement).toMatchObject({ kind: 'letter', channel: 'letter', invoiceIds: ['i1', 'i2'], subject: 'Relevé de compte' });
    expect(statement?.stepId).toBeUndefined();
    const [plan] = await recordLetter(db, letter({ kind: 'payment-plan', archiveId: 'letters/2026/plan.pdf' }), NOW);
    expect(plan?.channel).toBeUndefined();
    expect(await db.interactions.count()).toBe(2);
  });
});

describe('markLetterPosted and groupLetters', () => {
  it('records the date and the recorded-delivery number on every entry of the letter only', async () => {
    const db = await database();
    const action = planFollowUps(plannerInput([stepDone(['i1'], 'first-reminder'), stepDone(['i1'], 'second-reminder'), stepDone(['i2'], 'first-reminder', { policyId: 'copy' }), stepDone(['i2'], 'phone-call', { policyId: 'copy' })])).find(
      (a): a is StepAction => a.kind === 'step',
    )!;
    await recordLetter(db, letter(), NOW, action);
    await recordLetter(db, letter({ kind: 'statement', archiveId: 'letters/2026/releve.pdf' }), '2026-11-23T10:00:00.000Z');
    expect(await markLetterPosted(db, 'c1', letter().archiveId, { postedOn: '2026-11-24', trackingNumber: ' 1A 234 567 8901 2 ' }, '2026-11-24T08:00:00.000Z')).toBe(2);

    const letters = groupLetters(await db.interactions.toArray());
    expect(letters.map((l) => [l.archiveId, l.kind, l.invoiceIds, l.postedOn, l.trackingNumber])).toEqual([
      ['letters/2026/releve.pdf', 'statement', ['i1', 'i2'], undefined, undefined],
      [letter().archiveId, 'formal-notice', ['i1', 'i2'], '2026-11-24', '1A 234 567 8901 2'],
    ]);

    // Marked again without a number (sent as a plain letter after all): the number goes.
    await markLetterPosted(db, 'c1', letter().archiveId, { postedOn: '2026-11-25' }, '2026-11-25T08:00:00.000Z');
    const again = groupLetters(await db.interactions.toArray()).find((l) => l.archiveId === letter().archiveId);
    expect([again?.postedOn, again?.trackingNumber]).toEqual(['2026-11-25', undefined]);
  });

  it('refuses a letter the customer does not have, and writes nothing', async () => {
    const db = await database();
    await recordLetter(db, letter(), NOW);
    await expect(markLetterPosted(db, 'c2', letter().archiveId, { postedOn: '2026-11-24' }, NOW)).rejects.toThrow(/No letter/);
    expect(groupLetters(await db.interactions.toArray())[0]?.postedOn).toBeUndefined();
  });
});

describe('recordLetter with its copy by email', () => {
  const draft = { to: { name: 'Élodie Müller', address: 'elodie@client.fr' }, subject: 'Copie de notre courrier', text: 'Bonjour', html: '<p>Bonjour</p>', pdfInvoiceIds: [] };
  const copy = { fileName: '2026-11-23 Mise en demeure - Client c1.pdf', draft, source: 'today' as const };

  it('queues one outbox message with the letter, in its transaction: the archive attached, no policy step, not a reminder for the planner', async () => {
    const db = await database();
    const history = [stepDone(['i1'], 'first-reminder'), stepDone(['i1'], 'second-reminder'), stepDone(['i2'], 'first-reminder', { policyId: 'copy' }), stepDone(['i2'], 'phone-call', { policyId: 'copy' })];
    const action = planFollowUps(plannerInput(history)).find((a): a is StepAction => a.kind === 'step')!;
    await recordLetter(db, letter({ deadline: '2026-12-01' }), NOW, action, copy);
    const messages = (await db.interactions.toArray()).filter((row) => row.kind === 'reminder');
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message).toMatchObject({
      customerId: 'c1',
      channel: 'email',
      tone: 'formal',
      status: 'queued',
      invoiceIds: ['i1', 'i2'],
      documentPath: letter().archiveId,
      subject: 'Copie de notre courrier',
      details: { letterCopyOf: letter().archiveId, letterArchiveId: letter().archiveId, letterFileName: copy.fileName, to: 'elodie@client.fr', actionKey: letterCopyKey(letter().archiveId), attempts: 0 },
    });
    expect(message?.policyId).toBeUndefined();
    expect(message?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    // The letter keeps the deadline it gives, for a copy sent later on demand.
    expect(groupLetters(await db.interactions.toArray())[0]?.deadline).toBe('2026-12-01');
    // Queued again (a double click, the archive's "send by email"): the same message, nothing new.
    const again = await queueLetterCopy(db, { customerId: 'c1', archiveId: letter().archiveId, fileName: copy.fileName, invoiceIds: ['i1', 'i2'] }, draft, 'letters', NOW);
    expect(again.id).toBe(message?.id);
    expect(await db.interactions.count()).toBe(3);
  });

  it('a failed copy is sent again on the same row with a new key; a copy of another letter is its own message', async () => {
    const db = await database();
    await recordLetter(db, letter(), NOW, undefined, copy);
    const first = (await db.interactions.toArray()).find((row) => row.kind === 'reminder')!;
    await db.interactions.update(first.id, { status: 'failed' });
    const retried = await queueLetterCopy(db, { customerId: 'c1', archiveId: letter().archiveId, fileName: copy.fileName, invoiceIds: ['i1'] }, { ...draft, subject: 'Corrigé' }, 'letters', NOW);
    expect(retried).toMatchObject({ id: first.id, status: 'queued', subject: 'Corrigé' });
    expect(retried.idempotencyKey).not.toBe(first.idempotencyKey);
    const other = await queueLetterCopy(db, { customerId: 'c1', archiveId: 'letters/2026/autre.pdf', fileName: 'autre.pdf', invoiceIds: ['i1'] }, draft, 'letters', NOW);
    expect(other.id).not.toBe(first.id);
    expect((await db.interactions.toArray()).filter((row) => row.kind === 'reminder')).toHaveLength(2);
  });

  it('nothing is written when the copy cannot be queued: the letter and its copy go together or not at all', async () => {
    const db = await database();
    const broken = { ...copy, draft: { ...draft, to: undefined as unknown as typeof draft.to } };
    await expect(recordLetter(db, letter(), NOW, undefined, broken)).rejects.toThrow();
    expect(await db.interactions.count()).toBe(0);
  });
});
