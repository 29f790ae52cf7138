import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { RelanceDatabase } from '../../../src-renderer/db/database';
import { addCustomerNote, getCallScripts, logCall, saveCallScript, type CallLogInput } from '../../../src-renderer/db/calls-repo';
import { ValidationError } from '../../../src-renderer/db/ledger-repo';
import { cancelPlan, createPlan, getPlanRule, savePlanRule, type PlanInput } from '../../../src-renderer/db/plans-repo';
import { aCustomer, anInvoice } from '../domain/builders';
import { freshDatabasesFor } from './helpers';

const NOW = '2026-11-23T09:30:00.000Z';
const TODAY = '2026-11-23';
const database = freshDatabasesFor('calls');

async function seeded(): Promise<RelanceDatabase> {
  const db = await database();
  await db.customers.add(aCustomer('c1', { contacts: [{ id: 'k1', name: 'Mme Martin', phone: '+33612345678' }] }));
  await db.customers.add(aCustomer('c2'));
  await db.invoices.bulkAdd([
    anInvoice('i1', 'c1', '2026-10-01', { totalCents: 300_00 }),
    anInvoice('i2', 'c1', '2026-10-15', { totalCents: 200_00, paidCents: 50_00 }),
    anInvoice('i3', 'c2', '2026-10-15'),
    anInvoice('paid', 'c1', '2026-10-15', { totalCents: 10_00, paidCents: 10_00 }),
  ]);
  return db;
}

const call = (extra: Partial<CallLogInput>): CallLogInput => ({ customerId: 'c1', invoiceIds: ['i1', 'i2'], outcome: 'no-answer', durationSeconds: 42, today: TODAY, ...extra });

async function refused(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fields;
}

describe('logCall', () => {
  it('a promise: the call, the promise linked to it, nothing else changed', async () => {
    const db = await seeded();
    const { call: entry, promise } = await logCall(db, call({ outcome: 'promise', promise: { date: '2026-12-04', amountCents: 450_00 }, reason: 'cash-flow', notes: '  Échéance  fin du mois ' }), NOW);
    expect(await db.interactions.toArray()).toEqual([entry]);
    expect(entry).toMatchObject({ kind: 'call', channel: 'phone', callOutcome: 'promise', durationSeconds: 42, notes: 'Échéance  fin du mois', invoiceIds: ['i1', 'i2'] });
    expect(entry.details).toMatchObject({ reason: 'cash-flow', promiseId: promise!.id, promisedOn: '2026-12-04', promisedCents: 450_00 });
    expect(await db.promises.toArray()).toEqual([
      { id: promise!.id, customerId: 'c1', invoiceIds: ['i1', 'i2'], promisedDate: '2026-12-04', amountCents: 450_00, status: 'pending', createdAt: NOW, interactionId: entry.id },
    ]);
    expect((await db.customers.get('c1'))!.pausedUntil).toBeUndefined();
  });

  it('a dispute: the invoices disputed with the ledger history entry, in the same transaction', async () => {
    const db = await seeded();
    await logCall(db, call({ outcome: 'dispute', dispute: { reason: 'Livraison incomplète' }, invoiceIds: ['i1'] }), NOW);
    expect((await db.invoices.get('i1'))!.dispute).toEqual({ reason: 'Livraison incomplète', since: TODAY });
    expect((await db.invoices.get('i2'))!.dispute).toBeUndefined();
    const kinds = (await db.interactions.toArray()).map((entry) => `${entry.kind}:${entry.details?.change ?? entry.callOutcome}`).sort();
    expect(kinds).toEqual(['call:dispute', 'status-change:dispute-opened']);
  });

  it('a wrong number flags the contact; says-paid keeps the date to check', async () => {
    const db = await seeded();
    await logCall(db, call({ outcome: 'wrong-number', contactId: 'k1', phone: '+33612345678' }), NOW);
    expect((await db.customers.get('c1'))!.contacts[0]!.wrongNumber).toEqual({ phone: '+33612345678', since: TODAY });
    const { call: entry } = await logCall(db, call({ outcome: 'says-paid', saysPaid: { date: '2026-11-20' } }), NOW);
    expect(entry.details?.saysPaidOn).toBe('2026-11-20');
  });

  it.each<[string, Partial<CallLogInput>, string | undefined]>([
    ['call back: waits until the day', { outcome: 'call-back', callBack: { date: '2026-11-26', time: '14:30' }, nextFollowUp: '2026-11-26', proposedFollowUp: '2026-11-26' }, '2026-11-25'],
    ['the proposed date kept: no pause', { outcome: 'no-answer', nextFollowUp: '2026-11-25', proposedFollowUp: '2026-11-25' }, undefined],
    ['a date later than proposed: waits', { outcome: 'no-answer', nextFollowUp: '2026-12-01', proposedFollowUp: '2026-11-25' }, '2026-11-30'],
    ['an earlier date: no pause', { outcome: 'voicemail', nextFollowUp: '2026-11-24', proposedFollowUp: '2026-11-25' }, undefined],
  ])('%s', async (_name, extra, pausedUntil) => {
    const db = await seeded();
    await logCall(db, call(extra), NOW);
    expect((await db.customers.get('c1'))!.pausedUntil).toBe(pausedUntil);
  });

  it('carries out the Today step: one call with the lead step, an entry per other step', async () => {
    const db = await seeded();
    const steps = [
      { invoiceId: 'i1', policyId: 'default', stepId: 'phone-call' },
      { invoiceId: 'i2', policyId: 'default', stepId: 'second-call' },
    ];
    const { call: entry } = await logCall(db, call({ outcome: 'voicemail', steps, notes: 'rappeler' }), NOW);
    const all = await db.interactions.toArray();
    expect(all).toHaveLength(2);
    expect(entry).toMatchObject({ invoiceIds: ['i1'], policyId: 'default', stepId: 'phone-call' });
    expect(all.find((e) => e.id !== entry.id)).toMatchObject({ invoiceIds: ['i2'], stepId: 'second-call', details: { partOf: entry.id } });
  });

  it.each<[string, Partial<CallLogInput>, string]>([
    ['promise without a date', { outcome: 'promise' }, 'promise'],
    ['promise in the past', { outcome: 'promise', promise: { date: '2026-11-22', amountCents: 1 } }, 'promise.date'],
    ['promise of nothing', { outcome: 'promise', promise: { date: TODAY, amountCents: 0 } }, 'promise.amountCents'],
    ['dispute without a reason', { outcome: 'dispute', dispute: { reason: ' ' } }, 'dispute.reason'],
    ['call back at 25:00', { outcome: 'call-back', callBack: { date: TODAY, time: '25:00' } }, 'callBack.time'],
    ["another customer's invoice", { invoiceIds: ['i3'] }, 'invoiceIds'],
  ])('refuses %s and writes nothing', async (_name, extra, field) => {
    const db = await seeded();
    expect(await refused(logCall(db, call(extra), NOW))).toEqual([field]);
    expect(await db.interactions.count()).toBe(0);
    expect(await db.promises.count()).toBe(0);
  });

  it('a failure half-way rolls the whole call back', async () => {
    const db = await seeded();
    await db.invoices.update('i2', { kind: 'credit-note' }); // setDispute refuses a credit note, after i1 was disputed
    await expect(logCall(db, call({ outcome: 'dispute', dispute: { reason: 'x' } }), NOW)).rejects.toThrow();
    expect(await db.interactions.count()).toBe(0);
    expect((await db.invoices.get('i1'))!.dispute).toBeUndefined();
  });
});

describe('notes and call scripts', () => {
  it('adds a note, refuses an empty one', async () => {
    const db = await seeded();
    const note = await addCustomerNote(db, 'c1', ' A rappelé ', [], NOW);
    expect(await db.interactions.get(note.id)).toMatchObject({ kind: 'note', notes: 'A rappelé', customerId: 'c1' });
    expect(await refused(addCustomerNote(db, 'c1', '  ', [], NOW))).toEqual(['notes']);
  });

  it('keeps one script per language', async () => {
    const db = await database();
    expect(await getCallScripts(db)).toEqual({});
    await saveCallScript(db, 'fr', 'Bonjour {{contactName}}', NOW);
    await saveCallScript(db, 'en', 'Hello', NOW);
    await saveCallScript(db, 'en', null, NOW);
    expect(await getCallScripts(db)).toEqual({ fr: 'Bonjour {{contactName}}' });
  });
});

describe('payment plans', () => {
  const planInput = (extra: Partial<PlanInput> = {}): PlanInput => ({
    customerId: 'c1',
    invoiceIds: ['i1', 'i2'],
    downPaymentCents: 50_00,
    count: 3,
    firstDate: '2026-12-05',
    frequency: 'monthly',
    grade: 'B',
    confirmed: true,
    ...extra,
  });

  it('schedules what the invoices still owe, with its timeline entry', async () => {
    const db = await seeded();
    const plan = await createPlan(db, planInput(), NOW);
    // 300 + 150 owed, 50 down: 400 over 3.
    expect(plan.instalments.map((i) => [i.dueDate, i.amountCents])).toEqual([['2026-12-05', 133_33], ['2027-01-05', 133_33], ['2027-02-05', 133_34]]);
    expect(await db.paymentPlans.get(plan.id)).toEqual(plan);
    expect((await db.interactions.toArray()).map((e) => e.details)).toEqual([
      { planId: plan.id, change: 'plan-created', totalCents: 450_00, count: 3, invoiceNumbers: 'F-i1, F-i2' },
    ]);
  });

  it('follows the shop rule: manual needs a confirmation, a minimum grade refuses worse ones', async () => {
    const db = await seeded();
    expect(await getPlanRule(db)).toEqual({ mode: 'manual' });
    expect(await refused(createPlan(db, planInput({ confirmed: false }), NOW))).toEqual(['confirmed']);
    await savePlanRule(db, { mode: 'min-grade', minGrade: 'B' });
    expect(await refused(createPlan(db, planInput({ grade: 'C' }), NOW))).toEqual(['customerId']);
    await expect(createPlan(db, planInput({ grade: 'A', confirmed: false }), NOW)).resolves.toMatchObject({ status: 'active' });
  });

  it.each<[string, Partial<PlanInput>, string]>([
    ['no invoice', { invoiceIds: [] }, 'invoiceIds'],
    ['a paid invoice', { invoiceIds: ['paid'] }, 'invoiceIds'],
    ["another customer's invoice", { invoiceIds: ['i3'] }, 'invoiceIds'],
    ['a down payment of everything', { downPaymentCents: 450_00 }, 'downPaymentCents'],
    ['zero instalments', { count: 0 }, 'count'],
  ])('refuses %s', async (_name, extra, field) => {
    const db = await seeded();
    expect(await refused(createPlan(db, planInput(extra), NOW))).toEqual([field]);
    expect(await db.paymentPlans.count()).toBe(0);
  });

  it('an invoice in an active plan cannot get a second one until it is cancelled', async () => {
    const db = await seeded();
    const plan = await createPlan(db, planInput(), NOW);
    expect(await refused(createPlan(db, planInput({ invoiceIds: ['i2'] }), NOW))).toEqual(['invoiceIds']);
    await cancelPlan(db, plan.id, 'Client a tout payé autrement', NOW);
    expect((await db.paymentPlans.get(plan.id))!.status).toBe('cancelled');
    await expect(createPlan(db, planInput({ invoiceIds: ['i2'] }), NOW)).resolves.toMatchObject({ invoiceIds: ['i2'] });
  });
});
