import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from '../../../src-renderer/domain/calendar';
import { addDays } from '../../../src-renderer/domain/dates';
import { DEMO_IDS, generateDemoData } from '../../../src-renderer/domain/demo-data';
import type { Customer, Interaction, Invoice, PaymentPlan, PromiseToPay } from '../../../src-renderer/domain/model';
import {
  nextWakeInstant,
  planDay,
  planFollowUps,
  stepTrail,
  type PlannedAction,
  type PlannerInput,
  type StepAction,
} from '../../../src-renderer/domain/planner';
import { builtInPolicies } from '../../../src-renderer/domain/policies';
import { aCustomer, anInteraction, anInvoice, aPlan, aPolicy, aPromise, aStep, stepDone } from './builders';

/** A Monday. */
const TODAY = '2026-11-23';
const ASOF = '2026-11-23T09:30:00.000Z';
/** The due date of an invoice `n` days late today (negative: due in -n days). */
const late = (n: number): string => addDays(TODAY, -n);
/** An instant on the day `n` days before today. */
const daysAgo = (n: number): string => `${addDays(TODAY, -n)}T10:00:00.000Z`;

function input(extra: Partial<PlannerInput> = {}): PlannerInput {
  return {
    asOf: ASOF,
    today: TODAY,
    customers: [aCustomer('c1')],
    invoices: [],
    interactions: [],
    promises: [],
    paymentPlans: [],
    policies: builtInPolicies(),
    ...extra,
  };
}

function plan(extra: Partial<PlannerInput> = {}): PlannedAction[] {
  return planFollowUps(input(extra));
}

/** One line per action: `kind customer channel/step invoices`. */
function summary(actions: PlannedAction[]): string[] {
  return actions.map((action) =>
    action.kind === 'step'
      ? `${action.customerId} ${action.channel}/${action.stepId} ${action.invoiceIds.join(',')}`
      : `${action.customerId} ${action.kind} ${action.invoiceIds.join(',')}`,
  );
}

function stepActions(actions: PlannedAction[]): StepAction[] {
  return actions.filter((action): action is StepAction => action.kind === 'step');
}

/** Plans for one invoice of customer c1, `daysLate` days late, with the given trail. */
function single(daysLate: number, interactions: Interaction[] = [], invoice: Partial<Invoice> = {}, extra: Partial<PlannerInput> = {}): PlannedAction[] {
  return plan({ invoices: [anInvoice('i1', 'c1', late(daysLate), invoice)], interactions, ...extra });
}

// ---------------------------------------------------------------------------------------------

describe('planFollowUps: which step of Standard fires, nothing done yet', () => {
  it.each<[string, number, string | null]>([
    ['well before the due date: nothing', -5, null],
    ['3 days before: the courtesy email', -3, 'courtesy-email'],
    ['missed courtesy email, still before the due date: fires once the app opens', -1, 'courtesy-email'],
    ['on the due date: the courtesy email still goes', 0, 'courtesy-email'],
    ['the day after: the first reminder (the courtesy email is pointless once late)', 1, 'first-reminder'],
    ['first reminder missed while the app was closed: fires at D+5', 5, 'first-reminder'],
    ['several steps missed: only the latest due one (phone call) fires', 8, 'phone-call'],
    ['D+14: still the phone call', 14, 'phone-call'],
    ['D+15: the second reminder', 15, 'second-reminder'],
  ])('%s', (_label, daysLate, stepId) => {
    const actions = single(daysLate);
    expect(summary(actions)).toEqual(stepId ? [expect.stringContaining(`/${stepId} i1`)] : []);
  });

  it.each<[string, number, string]>([
    ['formal notice reached with no reminder done: the latest reminder step fires first', 30, 'second-reminder'],
    ['legal step reached with no reminder done: the latest reminder step fires first', 50, 'second-reminder'],
  ])('%s', (_label, daysLate, stepId) => {
    const [action] = stepActions(single(daysLate));
    expect(action).toMatchObject({ stepId, reasons: [{ cause: 'reminders-first', stepId }] });
  });
});

describe('planFollowUps: each step fires at most once per invoice (audit trail)', () => {
  const done = stepDone;
  it.each<[string, number, Interaction[], string | null]>([
    ['first reminder sent: nothing more the same day', 1, [done(['i1'], 'first-reminder')], null],
    ['first reminder sent: nothing until the call is due', 5, [done(['i1'], 'first-reminder')], null],
    ['first reminder sent: the call at D+8', 8, [done(['i1'], 'first-reminder')], 'phone-call'],
    ['a skipped step counts as done (skipping is a decision)', 3, [done(['i1'], 'first-reminder', { status: 'skipped' })], null],
    ['a queued email counts as done', 3, [done(['i1'], 'first-reminder', { status: 'queued' })], null],
    ['a draft does not count: the step is still due', 3, [done(['i1'], 'first-reminder', { status: 'draft' })], 'first-reminder'],
    ['a failed email does not count: the step is still due', 3, [done(['i1'], 'first-reminder', { status: 'failed' })], 'first-reminder'],
    ['a note naming the step does not count', 3, [done(['i1'], 'first-reminder', { kind: 'note' })], 'first-reminder'],
    ['a reminder for another invoice does not count', 3, [done(['other'], 'first-reminder')], 'first-reminder'],
    ['the same step under another policy does not count', 3, [done(['i1'], 'first-reminder', { policyId: 'strict' })], 'first-reminder'],
    ['the courtesy email done: the first reminder still fires after the due date', 1, [done(['i1'], 'courtesy-email')], 'first-reminder'],
    ['a later step done supersedes earlier undone ones', 12, [done(['i1'], 'phone-call')], null],
    ['everything up to the second reminder done: nothing at D+20', 20, ['first-reminder', 'phone-call', 'second-reminder'].map((id) => done(['i1'], id)), null],
    ['the legal decision done: nothing more, ever', 200, ['first-reminder', 'second-reminder', 'formal-notice', 'legal-decision'].map((id) => done(['i1'], id)), null],
  ])('%s', (_label, daysLate, interactions, stepId) => {
    expect(summary(single(daysLate, interactions))).toEqual(stepId ? [`c1 ${stepId === 'phone-call' ? 'phone' : 'email'}/${stepId} i1`] : []);
  });

  it('a step missed while the app was closed fires once when it opens, not once per missed day', () => {
    // Closed from D-5 to D+6: the first reminder (D+1) was never sent.
    expect(summary(single(6))).toEqual(['c1 email/first-reminder i1']);
    const after = single(7, [stepDone(['i1'], 'first-reminder', { at: daysAgo(1) })]);
    expect(after).toEqual([]);
  });

  it('day by day from D-5 to D+60, doing each action: every step fires once, in order', () => {
    const invoice = anInvoice('i1', 'c1', '2026-10-01');
    const interactions: Interaction[] = [];
    const fired: string[] = [];
    for (let day = -5; day <= 60; day += 1) {
      const today = addDays(invoice.dueDate, day);
      for (const action of stepActions(planFollowUps(input({ today, asOf: `${today}T09:00:00.000Z`, invoices: [invoice], interactions })))) {
        fired.push(`${day}:${action.stepId}`);
        interactions.push(stepDone(action.invoiceIds, action.stepId, { channel: action.channel, policyId: action.policyId, at: `${today}T09:00:00.000Z`, tone: action.tone }));
      }
    }
    expect(fired).toEqual(['-3:courtesy-email', '1:first-reminder', '8:phone-call', '15:second-reminder', '30:formal-notice', '45:legal-decision']);
  });

  it('the app closed from D+2 to D+20: at D+20 only the second reminder fires, then nothing until the formal notice', () => {
    const invoice = anInvoice('i1', 'c1', '2026-10-01');
    const interactions = [stepDone(['i1'], 'courtesy-email'), stepDone(['i1'], 'first-reminder')];
    const at = (day: number) => {
      const today = addDays(invoice.dueDate, day);
      return stepActions(planFollowUps(input({ today, asOf: `${today}T09:00:00.000Z`, invoices: [invoice], interactions })));
    };
    expect(at(20).map((action) => action.stepId)).toEqual(['second-reminder']);
    interactions.push(stepDone(['i1'], 'second-reminder', { at: `${addDays(invoice.dueDate, 20)}T09:00:00.000Z` }));
    expect(at(21)).toEqual([]);
    expect(at(29)).toEqual([]);
    expect(at(30).map((action) => action.stepId)).toEqual(['formal-notice']);
  });
});

describe('planFollowUps: two reminders before a formal notice or legal step', () => {
  const done = stepDone;
  it.each<[string, number, Interaction[], string]>([
    ['two reminders done: the formal notice fires', 30, [done(['i1'], 'first-reminder'), done(['i1'], 'second-reminder')], 'formal-notice'],
    ['one reminder done: the latest reminder step not done (the call) fires instead', 30, [done(['i1'], 'second-reminder')], 'phone-call'],
    [
      'reminders done under another policy count (policy changed since)',
      30,
      [done(['i1'], 'first-reminder', { policyId: 'strict' }), done(['i1'], 'second-reminder', { policyId: 'strict' })],
      'formal-notice',
    ],
    [
      'reminders done by hand (a letter, a call, no policy) count',
      30,
      [anInteraction(['i1'], { kind: 'letter', channel: 'letter' }), anInteraction(['i1'], { kind: 'call', channel: 'phone', status: undefined, callOutcome: 'call-back' })],
      'formal-notice',
    ],
    [
      'a letter and its copy by email are one reminder: the latest reminder step not done fires instead',
      30,
      [anInteraction(['i1'], { kind: 'letter', channel: 'letter' }), anInteraction(['i1'], { details: { letterCopyOf: 'letters/2026/rappel.pdf' } })],
      'second-reminder',
    ],
    ['formal notice done and two reminders: the legal decision fires', 45, [done(['i1'], 'first-reminder'), done(['i1'], 'phone-call'), done(['i1'], 'formal-notice')], 'legal-decision'],
    [
      'a courtesy email is not a reminder',
      30,
      [done(['i1'], 'courtesy-email'), done(['i1'], 'first-reminder')],
      'second-reminder',
    ],
  ])('%s', (_label, daysLate, interactions, stepId) => {
    expect(stepActions(single(daysLate, interactions)).map((action) => action.stepId)).toEqual([stepId]);
  });

  it.each<[string, Interaction[], number]>([
    ['every reminder step skipped: no reminder actually done', ['first-reminder', 'phone-call', 'second-reminder'].map((id) => stepDone(['i1'], id, { status: 'skipped' })), 0],
    [
      'the call was not answered: it is not a reminder',
      [stepDone(['i1'], 'first-reminder'), stepDone(['i1'], 'phone-call', { callOutcome: 'no-answer' }), stepDone(['i1'], 'second-reminder', { status: 'skipped' })],
      1,
    ],
  ])('%s, no reminder step left: an escalation-blocked action, never the formal notice', (_label, interactions, remindersDone) => {
    expect(single(30, interactions)).toEqual([
      expect.objectContaining({ kind: 'escalation-blocked', invoiceIds: ['i1'], stepId: 'formal-notice', channel: 'formal-notice', remindersDone, remindersRequired: 2, dueSince: TODAY }),
    ]);
  });
});

describe('planFollowUps: pauses and invoices that drop out', () => {
  // An invoice 15 days late would get the second reminder.
  it.each<[string, Partial<Invoice>, Partial<Customer>, PromiseToPay[], PaymentPlan[], string[]]>([
    ['nothing special: the second reminder', {}, {}, [], [], ['c1 email/second-reminder i1']],
    ['a disputed invoice', { dispute: { reason: 'livraison', since: late(5) } }, {}, [], [], []],
    ['a paid invoice', { paidCents: 100_00 }, {}, [], [], []],
    ['an overpaid invoice (balance never below 0)', { paidCents: 120_00 }, {}, [], [], []],
    ['a partly paid invoice is still chased', { paidCents: 40_00 }, {}, [], [], ['c1 email/second-reminder i1']],
    ['a written-off invoice', { writeOff: { reason: 'faillite', date: late(1) } }, {}, [], [], []],
    ['a cancelled invoice', { cancelled: { reason: 'doublon', date: late(1) } }, {}, [], [], []],
    ['a credit note', { kind: 'credit-note' }, {}, [], [], []],
    ['a customer paused until a later date', {}, { pausedUntil: addDays(TODAY, 4) }, [], [], []],
    ['a customer paused until today (inclusive)', {}, { pausedUntil: TODAY }, [], [], []],
    ['a customer whose pause ended yesterday', {}, { pausedUntil: late(1) }, [], [], ['c1 email/second-reminder i1']],
    ['a customer marked do-not-chase', {}, { doNotChase: { reason: 'avocat', since: late(3) } }, [], [], []],
    ['a pending promise in 2 days', {}, {}, [aPromise('p1', 'c1', ['i1'], addDays(TODAY, 2))], [], []],
    ['a pending promise due today: only the promise check', {}, {}, [aPromise('p1', 'c1', ['i1'], TODAY)], [], ['c1 promise-due i1']],
    ['a pending promise in its last grace day', {}, {}, [aPromise('p1', 'c1', ['i1'], late(3))], [], ['c1 promise-due i1']],
    ['a kept promise does not pause', {}, {}, [aPromise('p1', 'c1', ['i1'], TODAY, { status: 'kept' })], [], ['c1 email/second-reminder i1']],
    ['a cancelled promise does not pause', {}, {}, [aPromise('p1', 'c1', ['i1'], TODAY, { status: 'cancelled' })], [], ['c1 email/second-reminder i1']],
    ['a promise on another invoice does not pause this one', {}, {}, [aPromise('p1', 'c1', ['other'], addDays(TODAY, 2))], [], ['c1 email/second-reminder i1']],
    ['an active plan in good standing', {}, {}, [], [aPlan('plan', 'c1', ['i1'], [[late(20), 50_00, 50_00], [addDays(TODAY, 10), 50_00, 0]])], []],
    ['an instalment due today: only the instalment check', {}, {}, [], [aPlan('plan', 'c1', ['i1'], [[TODAY, 50_00, 0], [addDays(TODAY, 30), 50_00, 0]])], ['c1 instalment-due i1']],
    ['a completed plan does not pause', {}, {}, [], [aPlan('plan', 'c1', ['i1'], [[addDays(TODAY, 10), 50_00, 0]], { status: 'completed' })], ['c1 email/second-reminder i1']],
    ['a cancelled plan does not pause', {}, {}, [], [aPlan('plan', 'c1', ['i1'], [[addDays(TODAY, 10), 50_00, 0]], { status: 'cancelled' })], ['c1 email/second-reminder i1']],
    ['a paused customer gets no promise action either', {}, { pausedUntil: TODAY }, [aPromise('p1', 'c1', ['i1'], late(10))], [], []],
  ])('%s', (_label, invoice, customer, promises, paymentPlans, expected) => {
    const interactions = [stepDone(['i1'], 'first-reminder'), stepDone(['i1'], 'phone-call')];
    expect(summary(plan({ customers: [aCustomer('c1', customer)], invoices: [anInvoice('i1', 'c1', late(15), invoice)], interactions, promises, paymentPlans }))).toEqual(expected);
  });

  it('recording a payment cancels what it settles: the action disappears', () => {
    const invoices = [anInvoice('i1', 'c1', late(3)), anInvoice('i2', 'c1', late(2))];
    expect(summary(plan({ invoices }))).toEqual(['c1 email/first-reminder i1,i2']);
    const paid = [invoices[0]!, { ...invoices[1]!, paidCents: invoices[1]!.totalCents }];
    expect(summary(plan({ invoices: paid }))).toEqual(['c1 email/first-reminder i1']);
  });

  it('a promise or instalment check carries the amounts', () => {
    const [promise] = plan({ invoices: [anInvoice('i1', 'c1', late(15), { paidCents: 30_00 })], promises: [aPromise('p1', 'c1', ['i1'], late(1), { amountCents: 70_00 })] });
    expect(promise).toMatchObject({ kind: 'promise-due', key: 'promise-due|p1', promiseId: 'p1', promisedDate: late(1), dueSince: late(1), amountCents: 70_00, balanceCents: 70_00 });
    const [instalment] = plan({ invoices: [anInvoice('i1', 'c1', late(15))], paymentPlans: [aPlan('plan', 'c1', ['i1'], [[late(2), 50_00, 10_00], [addDays(TODAY, 28), 50_00, 0]])] });
    expect(instalment).toMatchObject({ kind: 'instalment-due', key: 'instalment-due|plan|0', instalmentIndex: 0, instalmentCount: 2, dueDate: late(2), dueSince: late(2), amountCents: 50_00, remainingCents: 40_00 });
  });
});

describe('planFollowUps: broken promises and plans move the invoice on at once', () => {
  // Invoice 5 days late, first reminder sent: the call (D+8) is not due yet.
  const invoices = [anInvoice('i1', 'c1', late(5))];
  const interactions = [stepDone(['i1'], 'first-reminder', { at: daysAgo(4) })];
  const brokenPromise = aPromise('p1', 'c1', ['i1'], late(4), { createdAt: daysAgo(3) });

  it('a promise 4 days past (grace 3): broken-promise action and the call fires today', () => {
    const actions = plan({ invoices, interactions, promises: [brokenPromise] });
    expect(summary(actions)).toEqual(['c1 broken-promise i1', 'c1 phone/phone-call i1']);
    expect(actions[0]).toMatchObject({ kind: 'broken-promise', key: 'broken-promise|p1', dueSince: late(0), promisedDate: late(4) });
    expect(actions[1]).toMatchObject({ dueSince: TODAY, reasons: [{ cause: 'broken-promise', stepId: 'phone-call' }] });
  });

  it.each<[string, Partial<PlannerInput>, string[]]>([
    ['grace 5 days: still a promise to check, no step', { promiseGraceDays: 5 }, ['c1 promise-due i1']],
    ['grace 0 days: broken the day after the promised date', { promiseGraceDays: 0, promises: [aPromise('p1', 'c1', ['i1'], late(1), { createdAt: daysAgo(3) })] }, ['c1 broken-promise i1', 'c1 phone/phone-call i1']],
    ['the promised invoice was paid: nothing', { invoices: [anInvoice('i1', 'c1', late(5), { paidCents: 100_00 })] }, []],
    [
      'already served: a call logged after the promise was made, so only the normal steps',
      { interactions: [...interactions, anInteraction(['i1'], { kind: 'call', channel: 'phone', status: undefined, at: daysAgo(0) })] },
      ['c1 broken-promise i1'],
    ],
    ['a promise the user marked broken: no broken action, the call still fires', { promises: [{ ...brokenPromise, status: 'broken' }] }, ['c1 phone/phone-call i1']],
    [
      'a newer pending promise pauses the invoice again',
      { promises: [{ ...brokenPromise, status: 'broken' }, aPromise('p2', 'c1', ['i1'], addDays(TODAY, 3), { createdAt: daysAgo(0) })] },
      [],
    ],
  ])('%s', (_label, extra, expected) => {
    expect(summary(plan({ invoices, interactions, promises: [brokenPromise], ...extra }))).toEqual(expected);
  });

  const plan1 = (instalments: Array<[string, number, number]>, extra: Partial<PaymentPlan> = {}) =>
    aPlan('plan', 'c1', ['i1'], instalments, { createdAt: `${late(4)}T15:00:00.000Z`, ...extra }); // agreed after the first reminder

  it.each<[string, PaymentPlan, string[]]>([
    ['an instalment missed past grace: broken-plan and the call today', plan1([[late(4), 50_00, 0], [addDays(TODAY, 26), 50_00, 0]]), ['c1 broken-plan i1', 'c1 phone/phone-call i1']],
    ['an instalment only partly paid counts as missed', plan1([[late(4), 50_00, 49_00], [addDays(TODAY, 26), 50_00, 0]]), ['c1 broken-plan i1', 'c1 phone/phone-call i1']],
    ['an instalment late but within grace: a check and a friendly reminder, no break', plan1([[late(3), 50_00, 0], [addDays(TODAY, 27), 50_00, 0]]), ['c1 instalment-due i1', 'c1 email/instalment-1-missed i1']],
    ['a plan the user marked broken: the call fires, no broken action', plan1([[late(4), 50_00, 0]], { status: 'broken' }), ['c1 phone/phone-call i1']],
  ])('%s', (_label, paymentPlan, expected) => {
    const actions = plan({ invoices, interactions, paymentPlans: [paymentPlan] });
    expect(summary(actions)).toEqual(expected);
    const broken = actions.find((action) => action.kind === 'broken-plan');
    if (broken) expect(broken).toMatchObject({ key: 'broken-plan|plan|0', instalmentIndex: 0, planId: 'plan' });
  });

  it('the move goes to the next step, checked against the two-reminders rule', () => {
    // D+20, first reminder and call done (2 reminders): the second reminder was skipped; next is the formal notice.
    const trail = [stepDone(['i1'], 'first-reminder', { at: daysAgo(19) }), stepDone(['i1'], 'phone-call', { at: daysAgo(12) }), stepDone(['i1'], 'second-reminder', { at: daysAgo(5), status: 'skipped' })];
    const promise = aPromise('p1', 'c1', ['i1'], late(4), { createdAt: daysAgo(4) });
    expect(summary(plan({ invoices: [anInvoice('i1', 'c1', late(20))], interactions: trail, promises: [promise] }))).toEqual(['c1 broken-promise i1', 'c1 formal-notice/formal-notice i1']);
    const oneReminder = [trail[0]!, { ...trail[1]!, callOutcome: 'no-answer' as const }, trail[2]!];
    expect(summary(plan({ invoices: [anInvoice('i1', 'c1', late(20))], interactions: oneReminder, promises: [promise] }))).toEqual(['c1 broken-promise i1', 'c1 escalation-blocked i1']);
  });

  it('after the last step, a broken promise gives only the broken-promise action', () => {
    const trail = ['first-reminder', 'second-reminder', 'formal-notice', 'legal-decision'].map((id) => stepDone(['i1'], id, { at: daysAgo(30) }));
    expect(summary(plan({ invoices: [anInvoice('i1', 'c1', late(90))], interactions: trail, promises: [aPromise('p1', 'c1', ['i1'], late(5), { createdAt: daysAgo(10) })] }))).toEqual(['c1 broken-promise i1']);
  });
});

describe('planFollowUps: one action per customer and channel', () => {
  it('three overdue invoices due for email steps: one email listing the three, at the most advanced step', () => {
    const invoices = [anInvoice('i3', 'c1', late(20)), anInvoice('i1', 'c1', late(2)), anInvoice('i2', 'c1', late(1))];
    const interactions = [stepDone(['i3'], 'first-reminder'), stepDone(['i3'], 'phone-call')];
    const actions = stepActions(plan({ invoices, interactions }));
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      key: 'c1|email|second-reminder|i1,i2,i3',
      channel: 'email',
      stepId: 'second-reminder',
      stepIndex: 3,
      tone: 'firm',
      templateId: 'second-reminder',
      policyId: 'default',
      invoiceIds: ['i1', 'i2', 'i3'],
      dueSince: late(5),
      automatic: false,
      newDeadline: addDays(TODAY, 8),
    });
    expect(actions[0]!.reasons).toEqual([
      { invoiceId: 'i3', number: 'F-i3', daysLate: 20, dueDate: late(20), balanceCents: 100_00, stepNumber: 4, stepCount: 6, policyId: 'default', policyName: 'Standard', stepId: 'second-reminder', cause: 'due' },
      { invoiceId: 'i1', number: 'F-i1', daysLate: 2, dueDate: late(2), balanceCents: 100_00, stepNumber: 2, stepCount: 6, policyId: 'default', policyName: 'Standard', stepId: 'first-reminder', cause: 'due' },
      { invoiceId: 'i2', number: 'F-i2', daysLate: 1, dueDate: late(1), balanceCents: 100_00, stepNumber: 2, stepCount: 6, policyId: 'default', policyName: 'Standard', stepId: 'first-reminder', cause: 'due' },
    ]);
  });

  it('the trail to record gives each invoice its own step', () => {
    const invoices = [anInvoice('i3', 'c1', late(20)), anInvoice('i1', 'c1', late(2))];
    const [action] = stepActions(plan({ invoices, interactions: [stepDone(['i3'], 'first-reminder'), stepDone(['i3'], 'phone-call')] }));
    expect(stepTrail(action!)).toEqual([
      { invoiceId: 'i1', policyId: 'default', stepId: 'first-reminder' },
      { invoiceId: 'i3', policyId: 'default', stepId: 'second-reminder' },
    ]);
    // Recorded that way, the next day: nothing for either; i1 gets its call at D+8.
    const recorded = [...stepTrail(action!).map((t) => stepDone([t.invoiceId], t.stepId, { at: daysAgo(0) })), stepDone(['i3'], 'first-reminder'), stepDone(['i3'], 'phone-call')];
    expect(planFollowUps(input({ today: addDays(TODAY, 1), invoices, interactions: recorded }))).toEqual([]);
    expect(summary(planFollowUps(input({ today: addDays(TODAY, 6), invoices, interactions: recorded })))).toEqual(['c1 phone/phone-call i1']);
  });

  it.each<[string, Invoice[], Interaction[], string[]]>([
    ['an email and a call for the same customer: two actions', [anInvoice('i1', 'c1', late(1)), anInvoice('i2', 'c1', late(9))], [stepDone(['i2'], 'first-reminder')], ['c1 phone/phone-call i2', 'c1 email/first-reminder i1']],
    ['two customers: one action each', [anInvoice('i1', 'c1', late(1)), anInvoice('i2', 'c2', late(1))], [], ['c1 email/first-reminder i1', 'c2 email/first-reminder i2']],
    ['a courtesy email and a first reminder: one email', [anInvoice('i1', 'c1', late(-3)), anInvoice('i2', 'c1', late(1))], [], ['c1 email/first-reminder i1,i2']],
  ])('%s', (_label, invoices, interactions, expected) => {
    expect(summary(plan({ customers: [aCustomer('c1'), aCustomer('c2')], invoices, interactions }))).toEqual(expected);
  });

  it.each<[string, Invoice[], boolean, string]>([
    ['automatic when every grouped step is (courtesy + first reminder)', [anInvoice('i1', 'c1', late(-3)), anInvoice('i2', 'c1', late(1))], true, addDays(TODAY, 8)],
    ['a lone courtesy email keeps the due date as deadline', [anInvoice('i1', 'c1', late(-3))], true, addDays(TODAY, 3)],
    ['manual as soon as one grouped step is manual', [anInvoice('i1', 'c1', late(1)), anInvoice('i2', 'c1', late(15))], false, addDays(TODAY, 8)],
  ])('%s', (_label, invoices, automatic, newDeadline) => {
    expect(stepActions(plan({ invoices }))[0]).toMatchObject({ automatic, newDeadline });
  });
});

describe('planFollowUps: policies', () => {
  const custom = aPolicy('custom', [aStep('c', -2, { automatic: true }), aStep('r', 6)]);

  it.each<[string, Partial<Customer>, Partial<Invoice>, string | undefined, number, Interaction[], string[]]>([
    ['the customer policy (strict: the call at D+4)', { policyId: 'strict' }, {}, undefined, 5, [stepDone(['i1'], 'first-reminder', { policyId: 'strict' })], ['c1 phone/phone-call i1']],
    ['the invoice override wins over the customer policy', { policyId: 'strict' }, { policyId: 'gentle' }, undefined, 5, [], ['c1 email/first-reminder i1']],
    ['the shop default', {}, {}, 'custom', 7, [], ['c1 email/r i1']],
    [
      'a policy change applies from where the invoice stands: steps done under Standard do not count for gentle',
      { policyId: 'gentle' },
      {},
      undefined,
      10,
      [stepDone(['i1'], 'first-reminder'), stepDone(['i1'], 'phone-call')],
      ['c1 email/first-reminder i1'],
    ],
    [
      'moved to strict at D+20 after two Standard reminders: the formal notice (reminders count across policies)',
      { policyId: 'strict' },
      {},
      undefined,
      20,
      [stepDone(['i1'], 'first-reminder'), stepDone(['i1'], 'phone-call')],
      ['c1 formal-notice/formal-notice i1'],
    ],
    ['courtesy only before the due date: custom courtesy at D-2, none at D+2 (reminder at D+6)', {}, {}, 'custom', 2, [], []],
    ['a deleted policy falls back to the default', { policyId: 'deleted' }, {}, undefined, 1, [], ['c1 email/first-reminder i1']],
  ])('%s', (_label, customer, invoice, shopDefault, daysLate, interactions, expected) => {
    const policies = [...builtInPolicies(), custom];
    const actions = plan({ customers: [aCustomer('c1', customer)], invoices: [anInvoice('i1', 'c1', late(daysLate), invoice)], interactions, policies, ...(shopDefault ? { shopDefaultPolicyId: shopDefault } : {}) });
    expect(summary(actions)).toEqual(expected);
  });

  it('names the policy and the step position in the reasons', () => {
    const [action] = stepActions(plan({ customers: [aCustomer('c1', { policyId: 'gentle' })], invoices: [anInvoice('i1', 'c1', late(12))], interactions: [stepDone(['i1'], 'first-reminder', { policyId: 'gentle' })] }));
    expect(action!.reasons[0]).toMatchObject({ daysLate: 12, stepNumber: 3, stepCount: 7, policyName: 'Client fidèle', policyId: 'gentle' });
  });

  it('steps stored out of order are read in offset order', () => {
    const shuffled = aPolicy('shuffled', [aStep('late', 10), aStep('early', 1)]);
    expect(summary(plan({ customers: [aCustomer('c1', { policyId: 'shuffled' })], invoices: [anInvoice('i1', 'c1', late(3))], policies: [shuffled] }))).toEqual(['c1 email/early i1']);
  });

  it('a policy without steps plans nothing', () => {
    expect(plan({ customers: [aCustomer('c1', { policyId: 'empty' })], invoices: [anInvoice('i1', 'c1', late(30))], policies: [aPolicy('empty', [])] })).toEqual([]);
  });
});

describe('planFollowUps: deterministic order', () => {
  const customers = [aCustomer('z', { name: 'Zoé Traiteur', normalizedName: 'zoe traiteur' }), aCustomer('e', { name: 'Électricité Alpha', normalizedName: 'electricite alpha' }), aCustomer('b', { name: 'Boulangerie', normalizedName: 'boulangerie' })];
  const invoices = [
    anInvoice('z1', 'z', late(1)),
    anInvoice('e1', 'e', late(1)),
    anInvoice('b1', 'b', late(9)),
    anInvoice('e2', 'e', late(8)),
    anInvoice('b2', 'b', late(16)),
  ];
  const interactions = [stepDone(['b2'], 'first-reminder'), stepDone(['b2'], 'phone-call')];

  it('by dueSince, then customer name (accents ignored), then channel', () => {
    expect(summary(plan({ customers, invoices, interactions }))).toEqual([
      'b email/second-reminder b2', // due since yesterday (D+15 of b2)
      'b phone/phone-call b1', // due since yesterday (D+8 of b1); email before phone
      'e email/first-reminder e1', // due today; "Électricité" sorts as "electricite", before "zoe"
      'e phone/phone-call e2',
      'z email/first-reminder z1',
    ]);
  });

  it('the same records in any order give the same list', () => {
    const expected = plan({ customers, invoices, interactions });
    const reversed = plan({ customers: [...customers].reverse(), invoices: [...invoices].reverse(), interactions: [...interactions].reverse() });
    expect(reversed).toEqual(expected);
    expect(expected.map((action) => action.dueSince)).toEqual([...expected.map((action) => action.dueSince)].sort());
  });
});

describe('planFollowUps on the demo data', () => {
  const today = '2026-11-23';
  const demo = generateDemoData(today, '2026-11-23T08:00:00.000Z');
  const run = (day: string) =>
    planFollowUps({ asOf: `${day}T08:00:00.000Z`, today: day, ...demo, policies: builtInPolicies() });
  const actions = run(today);
  const actionsOf = (customerId: string) => actions.filter((action) => action.customerId === customerId);
  const invoicesInActions = new Set(actions.flatMap((action) => action.invoiceIds));

  it.each<[number, string, string]>([
    [12, 'phone', 'phone-call'],
    [35, 'formal-notice', 'formal-notice'],
    [70, 'legal', 'legal-decision'],
    [120, 'email', 'second-reminder'],
  ])('the invoice %i days late gets %s / %s', (daysLate, channel, stepId) => {
    const customerId = DEMO_IDS.overdueByDaysLate[daysLate as 12];
    const invoiceId = DEMO_IDS.invoices.overdueByDaysLate[daysLate as 12];
    expect(actionsOf(customerId)).toContainEqual(expect.objectContaining({ kind: 'step', channel, stepId, invoiceIds: expect.arrayContaining([invoiceId]) }));
  });

  it('the invoice 5 days late (first reminder sent at D+2) waits for the call at D+8, then gets it', () => {
    expect(invoicesInActions.has(DEMO_IDS.invoices.overdueByDaysLate[5])).toBe(false);
    const later = planFollowUps({ asOf: '2026-11-26T08:00:00.000Z', today: '2026-11-26', ...demo, policies: builtInPolicies() });
    expect(later).toContainEqual(expect.objectContaining({ kind: 'step', stepId: 'phone-call', invoiceIds: [DEMO_IDS.invoices.overdueByDaysLate[5]] }));
  });

  it('the disputed, promised, plan, written-off and cancelled invoices are not chased', () => {
    for (const id of [DEMO_IDS.invoices.disputed, DEMO_IDS.invoices.promised, ...DEMO_IDS.invoices.paymentPlan, DEMO_IDS.invoices.writtenOff, DEMO_IDS.invoices.cancelled]) {
      expect(invoicesInActions.has(id)).toBe(false);
    }
  });

  it('the paused customer gets nothing; the promise and the plan are in good standing', () => {
    expect(actionsOf(DEMO_IDS.paused)).toEqual([]);
    expect(actions.filter((action) => action.kind !== 'step')).toEqual([]);
  });

  it('the partly paid invoice is still chased', () => {
    expect(invoicesInActions.has(DEMO_IDS.invoices.partlyPaid)).toBe(true);
  });

  it('one step action per customer and channel, sorted', () => {
    const steps = stepActions(actions);
    expect(new Set(steps.map((action) => `${action.customerId}|${action.channel}`)).size).toBe(steps.length);
    expect(actions.map((action) => action.dueSince)).toEqual(actions.map((action) => action.dueSince).sort());
  });

  it('a promise broken in the demo: when Auto-École Bernard does not pay, the promise breaks 8 days later', () => {
    const broken = run('2026-12-01');
    expect(broken).toContainEqual(expect.objectContaining({ kind: 'broken-promise', customerId: DEMO_IDS.pendingPromise }));
    expect(broken).toContainEqual(expect.objectContaining({ kind: 'step', customerId: DEMO_IDS.pendingPromise, invoiceIds: expect.arrayContaining([DEMO_IDS.invoices.promised]) }));
  });
});

describe('planDay', () => {
  // One analysis for the day's actions and the next wake-up: the same actions as planFollowUps.
  it('plans the same actions as planFollowUps, with the next date something becomes due', () => {
    const invoices = [anInvoice('i1', 'c1', late(40)), anInvoice('i2', 'c1', addDays(TODAY, 6))];
    const plannerInput = input({ customers: [aCustomer('c1')], invoices });
    const day = planDay(plannerInput);
    expect(day.actions).toEqual(planFollowUps(plannerInput));
    expect(day.actions.length).toBeGreaterThan(0);
    expect(day.nextDate).not.toBeNull();
    expect(day.nextDate! > TODAY).toBe(true);
  });
});

describe('nextWakeInstant', () => {
  const calendar = DEFAULT_BUSINESS_CALENDAR;
  const wake = (extra: Partial<PlannerInput>): string | null => {
    const plannerInput = input(extra);
    return nextWakeInstant(planDay(plannerInput), plannerInput.asOf, calendar);
  };

  it.each<[string, Partial<PlannerInput>, string | null]>([
    ['nothing open: null', {}, null],
    ['the call due on Sunday 29 November: Monday 30 at 09:00 Paris', { invoices: [anInvoice('i1', 'c1', late(2))], interactions: [stepDone(['i1'], 'first-reminder')] }, '2026-11-30T08:00:00.000Z'],
    ['the next step date of the earliest invoice wins', { invoices: [anInvoice('i1', 'c1', late(2)), anInvoice('i2', 'c1', late(-4))], interactions: [stepDone(['i1'], 'first-reminder')] }, '2026-11-24T08:00:00.000Z'],
    ['a courtesy email 5 days before the due date (Wednesday 25)', { invoices: [anInvoice('i1', 'c1', late(-5))] }, '2026-11-25T08:00:00.000Z'],
    ['a promise in 4 days (Friday 27)', { invoices: [anInvoice('i1', 'c1', late(20))], promises: [aPromise('p1', 'c1', ['i1'], addDays(TODAY, 4))] }, '2026-11-27T08:00:00.000Z'],
    ['a promise due today: the end of its grace (Friday 27)', { invoices: [anInvoice('i1', 'c1', late(20))], promises: [aPromise('p1', 'c1', ['i1'], TODAY)] }, '2026-11-27T08:00:00.000Z'],
    ['an instalment on Tuesday 1 December: its reminder 3 days before (Saturday 28), so Monday 30', { invoices: [anInvoice('i1', 'c1', late(20))], paymentPlans: [aPlan('plan', 'c1', ['i1'], [[addDays(TODAY, 8), 10_00, 0]])] }, '2026-11-30T08:00:00.000Z'],
    ['a customer paused until Thursday 26: Friday 27', { customers: [aCustomer('c1', { pausedUntil: addDays(TODAY, 3) })], invoices: [anInvoice('i1', 'c1', late(20))] }, '2026-11-27T08:00:00.000Z'],
    ['a do-not-chase customer: null', { customers: [aCustomer('c1', { doNotChase: { reason: 'x', since: TODAY } })], invoices: [anInvoice('i1', 'c1', late(20))] }, null],
    ['a disputed invoice: null', { invoices: [anInvoice('i1', 'c1', late(2), { dispute: { reason: 'x', since: TODAY } })] }, null],
    ['everything done: null', { invoices: [anInvoice('i1', 'c1', late(60))], interactions: ['first-reminder', 'second-reminder', 'formal-notice', 'legal-decision'].map((id) => stepDone(['i1'], id)) }, null],
    ['an automatic email due before opening hours: the opening (09:00 Paris)', { asOf: '2026-11-23T05:00:00.000Z', invoices: [anInvoice('i1', 'c1', late(1))] }, '2026-11-23T08:00:00.000Z'],
    ['an automatic email during opening hours goes now, the next step is the wake', { invoices: [anInvoice('i1', 'c1', late(1))] }, '2026-11-30T08:00:00.000Z'],
  ])('%s', (_label, extra, expected) => {
    expect(wake(extra)).toBe(expected);
  });
});

describe('planFollowUps with the payments: promises kept and instalments settled by payments', () => {
  const pay = (createdAt: string, cents: number, invoiceId = 'i1') => ({
    id: `pay-${createdAt}-${invoiceId}`,
    customerId: 'c1',
    date: createdAt.slice(0, 10),
    amountCents: cents,
    method: 'virement' as const,
    allocations: [{ invoiceId, amountCents: cents }],
    invoiceIds: [invoiceId],
    createdAt,
  });
  const invoice = anInvoice('i1', 'c1', late(40), { totalCents: 300_00, paidCents: 0 });
  const promise = aPromise('p1', 'c1', ['i1'], late(1), { amountCents: 100_00, createdAt: daysAgo(5) });
  const planOf = (instalments: Array<[string, number]>) =>
    aPlan('plan', 'c1', ['i1'], instalments.map(([date, cents]) => [date, cents, 0] as [string, number, number]), { createdAt: daysAgo(40) });

  it.each<[string, Partial<PlannerInput>, string[]]>([
    ['promise due, nothing paid: the promise check', { promises: [promise], payments: [] }, ['c1 promise-due i1']],
    ['a payment since the promise covering it keeps it: chased as usual', { promises: [promise], payments: [pay(daysAgo(2), 100_00)] }, ['c1 formal-notice/formal-notice i1']],
    ['a payment since the promise short of it: still the promise check', { promises: [promise], payments: [pay(daysAgo(2), 99_99)] }, ['c1 promise-due i1']],
    ['a payment before the promise does not keep it', { promises: [promise], payments: [pay(daysAgo(6), 100_00)] }, ['c1 promise-due i1']],
    ['a late payment keeps a promise past its grace', { promises: [{ ...promise, promisedDate: late(10) }], payments: [pay(daysAgo(1), 100_00)] }, ['c1 formal-notice/formal-notice i1']],
    ['plan: the first instalment paid by a payment, the next one ahead', { paymentPlans: [planOf([[late(20), 100_00], [addDays(TODAY, 10), 200_00]])], payments: [pay(daysAgo(19), 100_00)] }, []],
    ['plan: an instalment short of one cent past its grace breaks it', { paymentPlans: [planOf([[late(20), 100_00], [addDays(TODAY, 10), 200_00]])], payments: [pay(daysAgo(19), 99_99)] }, ['c1 broken-plan i1', 'c1 formal-notice/formal-notice i1']],
    ['plan: one early payment settles two instalments in order', { paymentPlans: [planOf([[late(20), 100_00], [late(5), 100_00], [addDays(TODAY, 10), 100_00]])], payments: [pay(daysAgo(30), 200_00)] }, []],
    ['plan: payments before the plan do not count', { paymentPlans: [planOf([[late(20), 100_00], [addDays(TODAY, 10), 200_00]])], payments: [pay(daysAgo(41), 100_00)] }, ['c1 broken-plan i1', 'c1 formal-notice/formal-notice i1']],
  ])('%s', (_name, extra, expected) => {
    const trail = [stepDone(['i1'], 'first-reminder', { at: daysAgo(38) }), stepDone(['i1'], 'phone-call', { at: daysAgo(32) })];
    const invoicePaid = (extra.payments ?? []).reduce((sum, p) => sum + p.amountCents, 0);
    expect(summary(plan({ invoices: [{ ...invoice, paidCents: invoicePaid }], interactions: trail, ...extra }))).toEqual(expected);
  });
});

describe('planFollowUps: a payment settling several promised invoices counts once', () => {
  const invoices = [anInvoice('i1', 'c1', late(40), { totalCents: 100_00, paidCents: 50_00 }), anInvoice('i2', 'c1', late(35), { totalCents: 100_00, paidCents: 50_00 })];
  // One payment of 100 €: 50 € to each promised invoice, since the promise was made.
  const both = {
    id: 'pay-both',
    customerId: 'c1',
    date: daysAgo(2).slice(0, 10),
    amountCents: 100_00,
    method: 'virement' as const,
    allocations: [
      { invoiceId: 'i1', amountCents: 50_00 },
      { invoiceId: 'i2', amountCents: 50_00 },
    ],
    invoiceIds: ['i1', 'i2'],
    createdAt: daysAgo(2),
  };
  const trail = [stepDone(['i1', 'i2'], 'first-reminder', { at: daysAgo(30) }), stepDone(['i1', 'i2'], 'phone-call', { at: daysAgo(25) })];
  it.each<[string, number, string[]]>([
    ['promised 100 €: kept, chased as usual', 100_00, ['c1 formal-notice/formal-notice i1,i2']],
    ['promised 150 €: 100 € paid since is short of it (not 200 €), the promise check', 150_00, ['c1 promise-due i1,i2']],
  ])('%s', (_name, amountCents, expected) => {
    const promise = aPromise('p1', 'c1', ['i1', 'i2'], late(1), { amountCents, createdAt: daysAgo(5) });
    expect(summary(plan({ invoices, interactions: trail, promises: [promise], payments: [both] }))).toEqual(expected);
  });
});

describe('planFollowUps: reminders before and after each instalment of a plan', () => {
  const invoices = [anInvoice('i1', 'c1', late(40), { totalCents: 300_00 })];
  /** A plan of two instalments, the first on `first` (the second a month later), nothing paid. */
  const planOn = (first: string, paid = 0) => aPlan('plan', 'c1', ['i1'], [[first, 150_00, paid], [addDays(first, 30), 150_00, 0]], { createdAt: daysAgo(20) });
  const reminderDone = (stepId: string, extra: Partial<Interaction> = {}) =>
    anInteraction(['i1'], { policyId: 'plan:plan', stepId, tone: 'courtesy', at: daysAgo(1), ...extra });

  it.each<[string, Partial<PlannerInput>, string[]]>([
    ['4 days before: nothing yet', { paymentPlans: [planOn(addDays(TODAY, 4))] }, []],
    ['3 days before: the courteous reminder', { paymentPlans: [planOn(addDays(TODAY, 3))] }, ['c1 email/instalment-1-before i1']],
    ['the day before: still the reminder (the app was closed)', { paymentPlans: [planOn(addDays(TODAY, 1))] }, ['c1 email/instalment-1-before i1']],
    ['on its date: only the instalment to check', { paymentPlans: [planOn(TODAY)] }, ['c1 instalment-due i1']],
    ['the day after, unpaid: the check and the reminder after', { paymentPlans: [planOn(late(1))] }, ['c1 instalment-due i1', 'c1 email/instalment-1-missed i1']],
    ['the last grace day: still the reminder after', { paymentPlans: [planOn(late(3))] }, ['c1 instalment-due i1', 'c1 email/instalment-1-missed i1']],
    ['past the grace days: the plan is broken, no more reminder', { paymentPlans: [planOn(late(4))] }, ['c1 formal-notice/formal-notice i1', 'c1 broken-plan i1']],
    ['no grace days: broken the day after, no reminder after', { paymentPlans: [planOn(late(1))], promiseGraceDays: 0 }, ['c1 formal-notice/formal-notice i1', 'c1 broken-plan i1']],
    ['an instalment already paid: no reminder', { paymentPlans: [planOn(addDays(TODAY, 2), 150_00)] }, []],
    ['the second instalment is number 2', { paymentPlans: [aPlan('plan', 'c1', ['i1'], [[late(28), 150_00, 150_00], [addDays(TODAY, 2), 150_00, 0]])] }, ['c1 email/instalment-2-before i1']],
    ['the reminder before already sent: nothing', { paymentPlans: [planOn(addDays(TODAY, 2))], interactions: [reminderDone('instalment-1-before')] }, []],
    ['skipped by the user: done too', { paymentPlans: [planOn(addDays(TODAY, 2))], interactions: [reminderDone('instalment-1-before', { status: 'skipped' })] }, []],
    ['its email failed: due again', { paymentPlans: [planOn(addDays(TODAY, 2))], interactions: [reminderDone('instalment-1-before', { status: 'failed' })] }, ['c1 email/instalment-1-before i1']],
    ['a draft does not count', { paymentPlans: [planOn(addDays(TODAY, 2))], interactions: [reminderDone('instalment-1-before', { status: 'draft' })] }, ['c1 email/instalment-1-before i1']],
    ['the same step of another plan does not count', { paymentPlans: [planOn(addDays(TODAY, 2))], interactions: [reminderDone('instalment-1-before', { policyId: 'plan:other' })] }, ['c1 email/instalment-1-before i1']],
    ['the reminder before does not stand for the one after', { paymentPlans: [planOn(late(2))], interactions: [reminderDone('instalment-1-before', { at: daysAgo(4) })] }, ['c1 instalment-due i1', 'c1 email/instalment-1-missed i1']],
    ['by SMS for a customer who prefers SMS', { customers: [aCustomer('c1', { preferredChannel: 'sms' })], paymentPlans: [planOn(addDays(TODAY, 3))] }, ['c1 sms/instalment-1-before i1']],
    ['by WhatsApp', { customers: [aCustomer('c1', { preferredChannel: 'whatsapp' })], paymentPlans: [planOn(addDays(TODAY, 3))] }, ['c1 whatsapp/instalment-1-before i1']],
    ['by a call', { customers: [aCustomer('c1', { preferredChannel: 'phone' })], paymentPlans: [planOn(addDays(TODAY, 3))] }, ['c1 phone/instalment-1-before i1']],
    ['a customer who prefers letters gets an email (a letter would come too late)', { customers: [aCustomer('c1', { preferredChannel: 'letter' })], paymentPlans: [planOn(addDays(TODAY, 3))] }, ['c1 email/instalment-1-before i1']],
    ['a paused customer: nothing', { customers: [aCustomer('c1', { pausedUntil: TODAY })], paymentPlans: [planOn(addDays(TODAY, 3))] }, []],
    ['a cancelled plan: the policy instead', { paymentPlans: [{ ...planOn(addDays(TODAY, 3)), status: 'cancelled' }] }, ['c1 formal-notice/formal-notice i1']],
  ])('%s', (_label, extra, expected) => {
    const trail = [stepDone(['i1'], 'first-reminder', { at: daysAgo(38) }), stepDone(['i1'], 'phone-call', { at: daysAgo(32) })];
    expect(summary(plan({ invoices, ...extra, interactions: [...trail, ...(extra.interactions ?? [])] }))).toEqual(expected);
  });

  it('the reminder before: courteous, never sent on its own, the instalment date as deadline, what is left on it', () => {
    const [action] = plan({ invoices, paymentPlans: [aPlan('plan', 'c1', ['i1'], [[addDays(TODAY, 3), 150_00, 40_00]])], payments: undefined });
    expect(action).toMatchObject({
      kind: 'step',
      key: 'c1|email|instalment-1-before|plan',
      channel: 'email',
      tone: 'courtesy',
      templateId: 'instalment-before-email',
      policyId: 'plan:plan',
      stepId: 'instalment-1-before',
      automatic: false,
      dueSince: TODAY,
      newDeadline: addDays(TODAY, 3),
      instalment: { planId: 'plan', when: 'before', index: 0, count: 1, dueDate: addDays(TODAY, 3), amountCents: 150_00, remainingCents: 110_00 },
    });
    expect(stepTrail(action as StepAction)).toEqual([{ invoiceId: 'i1', policyId: 'plan:plan', stepId: 'instalment-1-before' }]);
  });

  it('the reminder after: friendly, the last grace day as deadline', () => {
    const actions = plan({ invoices, paymentPlans: [planOn(late(1))] });
    expect(actions[1]).toMatchObject({ kind: 'step', tone: 'friendly', templateId: 'instalment-missed-email', stepId: 'instalment-1-missed', dueSince: TODAY, newDeadline: addDays(late(1), 3) });
  });

  it('day by day from D-6 to D+3, doing each action: one reminder before (D-3), one after (D+1)', () => {
    const due = addDays(TODAY, 6);
    const paymentPlans = [aPlan('plan', 'c1', ['i1'], [[due, 150_00, 0], [addDays(due, 30), 150_00, 0]], { createdAt: daysAgo(20) })];
    const interactions: Interaction[] = [stepDone(['i1'], 'first-reminder', { at: daysAgo(38) }), stepDone(['i1'], 'phone-call', { at: daysAgo(32) })];
    const fired: string[] = [];
    for (let offset = -6; offset <= 3; offset += 1) {
      const day = addDays(due, offset);
      const actions = planFollowUps(input({ asOf: `${day}T09:30:00.000Z`, today: day, invoices, interactions, paymentPlans }));
      for (const action of stepActions(actions)) {
        fired.push(`D${offset >= 0 ? '+' : ''}${offset} ${action.stepId}`);
        for (const entry of stepTrail(action)) interactions.push(anInteraction([entry.invoiceId], { policyId: entry.policyId, stepId: entry.stepId, at: `${day}T10:00:00.000Z` }));
      }
    }
    expect(fired).toEqual(['D-3 instalment-1-before', 'D+1 instalment-1-missed']);
  });

  it('a reminder sent during the plan does not stand for the reaction to its break: the next step fires at once', () => {
    const paymentPlans = [planOn(late(4))];
    const interactions = [
      stepDone(['i1'], 'first-reminder', { at: daysAgo(38) }),
      stepDone(['i1'], 'phone-call', { at: daysAgo(32) }),
      reminderDone('instalment-1-missed', { at: daysAgo(3), tone: 'friendly' }),
    ];
    const actions = plan({ invoices: [anInvoice('i1', 'c1', late(10), { totalCents: 300_00 })], paymentPlans, interactions });
    expect(summary(actions)).toEqual(['c1 broken-plan i1', 'c1 email/second-reminder i1']);
    expect(stepActions(actions)[0]?.reasons[0]?.cause).toBe('broken-plan');
  });

  it('nextWakeInstant wakes for the reminder 3 days before an instalment', () => {
    const plannerInput = input({ invoices, paymentPlans: [planOn(addDays(TODAY, 5))] });
    // The instalment on Saturday 28 November: its reminder on Wednesday 25 at 09:00 Paris.
    expect(nextWakeInstant(planDay(plannerInput), plannerInput.asOf, DEFAULT_BUSINESS_CALENDAR)).toBe('2026-11-25T08:00:00.000Z');
  });
});

describe('planFollowUps: calls back the customers asked for', () => {
  const invoices = [anInvoice('i1', 'c1', late(3)), anInvoice('i2', 'c2', late(3))];
  // The first reminder is done for both: nothing else is due today.
  const trail = [stepDone(['i1'], 'first-reminder', { at: daysAgo(2) }), stepDone(['i2'], 'first-reminder', { at: daysAgo(2), customerId: 'c2' })];
  const customers = [
    aCustomer('c1', { contacts: [{ id: 'k1', name: 'Jean Dupont', civility: 'monsieur' }] }),
    aCustomer('c2', { name: 'Boulangerie Abel', normalizedName: 'boulangerie abel' }),
  ];
  const callBack = (customerId: string, on: string, at?: string, extra: Partial<Interaction> = {}) =>
    anInteraction(customerId === 'c1' ? ['i1'] : ['i2'], {
      customerId,
      kind: 'call',
      channel: 'phone',
      status: undefined,
      callOutcome: 'call-back',
      at: daysAgo(1),
      details: { callBackOn: on, ...(at ? { callBackAt: at } : {}), contactId: 'k1' },
      ...extra,
    });
  const run = (calls: Interaction[], extra: Partial<PlannerInput> = {}) => plan({ customers, invoices, interactions: [...trail, ...calls], ...extra });

  it.each<[string, Interaction[], Partial<PlannerInput>, string[]]>([
    ['asked for today: in Today', [callBack('c1', TODAY, '14:30')], {}, ['c1 call-back i1']],
    ['asked for tomorrow: not yet', [callBack('c1', addDays(TODAY, 1), '14:30')], {}, []],
    ['asked for yesterday and not made: still there', [callBack('c1', late(1))], {}, ['c1 call-back i1']],
    ['a call logged after it: done', [callBack('c1', TODAY), anInteraction(['i1'], { kind: 'call', channel: 'phone', status: undefined, callOutcome: 'no-answer', at: ASOF })], {}, []],
    ['the extra entry of a grouped call does not answer it', [callBack('c1', TODAY), anInteraction(['i1'], { kind: 'call', channel: 'phone', status: undefined, callOutcome: 'no-answer', at: ASOF, details: { partOf: 'x' } })], {}, ['c1 call-back i1']],
    ['a call before it does not answer it', [anInteraction(['i1'], { kind: 'call', channel: 'phone', status: undefined, callOutcome: 'voicemail', at: daysAgo(3) }), callBack('c1', TODAY)], {}, ['c1 call-back i1']],
    ['a do-not-chase customer: no call back', [callBack('c1', TODAY)], { customers: [aCustomer('c1', { doNotChase: { reason: 'avocat', since: late(1) } })] }, []],
    ['a customer paused through today: not yet', [callBack('c1', TODAY)], { customers: [aCustomer('c1', { pausedUntil: TODAY })] }, []],
  ])('%s', (_label, calls, extra, expected) => {
    expect(summary(run(calls, extra))).toEqual(expected);
  });

  it('says whom to call, at what time, asked when, with the notes', () => {
    const [action] = run([callBack('c1', TODAY, '14:30', { notes: 'En réunion, rappeler après le déjeuner' })]);
    expect(action).toMatchObject({
      kind: 'call-back',
      callBackOn: TODAY,
      callBackAt: '14:30',
      requestedAt: daysAgo(1),
      contact: { name: 'Jean Dupont', civility: 'monsieur' },
      notes: 'En réunion, rappeler après le déjeuner',
      dueSince: TODAY,
    });
    expect(action?.key).toMatch(/^call-back\|interaction-/);
  });

  it('on the same day, calls back come after the other actions, by the time asked, those without a time last', () => {
    const actions = plan({
      customers: [...customers, aCustomer('c3'), aCustomer('c4')],
      invoices: [...invoices, anInvoice('i3', 'c3', late(8)), anInvoice('i4', 'c4', late(3))],
      interactions: [
        ...trail,
        stepDone(['i3'], 'first-reminder', { customerId: 'c3', at: daysAgo(6) }),
        stepDone(['i4'], 'first-reminder', { customerId: 'c4', at: daysAgo(2) }),
        callBack('c1', TODAY, '16:00'),
        callBack('c2', TODAY, '09:15'),
        anInteraction(['i4'], { customerId: 'c4', kind: 'call', channel: 'phone', status: undefined, callOutcome: 'call-back', at: daysAgo(1), details: { callBackOn: TODAY } }),
      ],
    });
    expect(actions.map((action) => (action.kind === 'call-back' ? `${action.customerId} ${action.callBackAt ?? 'any time'}` : `${action.customerId} ${action.kind}`))).toEqual([
      'c3 step',
      'c2 09:15',
      'c1 16:00',
      'c4 any time',
    ]);
  });

  it('nextWakeInstant wakes on the day of a call back', () => {
    const plannerInput = input({ customers, invoices, interactions: [...trail, callBack('c1', addDays(TODAY, 1), '14:30')] });
    expect(nextWakeInstant(planDay(plannerInput), plannerInput.asOf, DEFAULT_BUSINESS_CALENDAR)).toBe('2026-11-24T08:00:00.000Z');
  });
});
