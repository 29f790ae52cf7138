import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from '../../../src-renderer/domain/calendar';
import { todayIn } from '../../../src-renderer/domain/dates';
import { automaticEmailsToQueue, shownInToday, isDue, MAX_ATTEMPTS, needsNewKey, nextDueInstant, reconcileSending, transitionAfter, type SendAnswer } from '../../../src-renderer/domain/outbox';

const NOW = '2026-11-23T09:00:00.000Z';
const AT = '2026-11-23T09:00:01.000Z';
const sent: SendAnswer = { status: 'sent', messageId: '<relance.k@shop.fr>', response: '250 OK queued as 1', rejected: [], at: AT };
const failed = (permanent: boolean, code: string, message = 'server words', responseCode: number | null = null): SendAnswer => ({ status: 'failed', permanent, code, message, responseCode, at: AT });

describe('what becomes of a reminder email after an attempt', () => {
  it.each([
    ['a temporary failure, 1st attempt', failed(false, 'temporary', '451 try later', 451), 1, '2026-11-23T09:01:00.000Z'],
    ['a timeout, 2nd attempt', failed(false, 'timeout'), 2, '2026-11-23T09:05:00.000Z'],
    ['connection refused, 3rd attempt', failed(false, 'connection-refused'), 3, '2026-11-23T09:30:00.000Z'],
    ['unknown host, 4th attempt', failed(false, 'unknown-host'), 4, '2026-11-23T11:00:00.000Z'],
  ] as const)('%s waits 1 min, 5 min, 30 min, 2 h', (_name, answer, attempts, next) => {
    expect(transitionAfter(answer, attempts, NOW)).toEqual({
      status: 'retrying',
      details: { nextAttemptAt: next, lastError: answer.status === 'failed' ? answer.message : '', lastErrorCode: answer.status === 'failed' ? answer.code : '' },
    });
  });

  it.each([
    ['the 5th temporary failure', failed(false, 'temporary', '421 busy', 421), MAX_ATTEMPTS, 'temporary', '421 busy'],
    ['a 5xx refusal, 1st attempt', failed(true, 'refused', '554 5.7.1 spam', 554), 1, 'refused', '554 5.7.1 spam'],
    ['a refused address', failed(true, 'bad-address', '550 5.1.1 User unknown', 550), 1, 'bad-address', '550 5.1.1 User unknown'],
    ['a wrong password', failed(true, 'auth', '535 Invalid credentials', 535), 1, 'auth', '535 Invalid credentials'],
    ['an interrupted send', { status: 'needs-attention', code: 'interrupted', message: 'outcome unknown', at: AT } as const, 1, 'interrupted', 'outcome unknown'],
  ] as const)('%s needs attention at once, with the server words', (_name, answer, attempts, code, words) => {
    expect(transitionAfter(answer, attempts, NOW)).toEqual({ status: 'failed', details: { lastError: words, lastErrorCode: code, failedAt: AT } });
  });

  it('keeps the message id and the server reply of a sent message, and the refused copies', () => {
    expect(transitionAfter(sent, 3, NOW)).toEqual({
      status: 'sent',
      details: { serverMessageId: '<relance.k@shop.fr>', serverResponse: '250 OK queued as 1', sentAt: AT, rejected: null },
    });
    expect(transitionAfter({ ...sent, rejected: ['a@x.fr', 'b@x.fr'] }, 1, NOW).details).toMatchObject({ rejected: 'a@x.fr, b@x.fr' });
  });
});

describe('when a message is due', () => {
  it.each([
    ['queued', { status: 'queued' as const }, true],
    ['retrying, time come', { status: 'retrying' as const, details: { nextAttemptAt: '2026-11-23T08:59:00.000Z' } }, true],
    ['retrying, exactly now', { status: 'retrying' as const, details: { nextAttemptAt: NOW } }, true],
    ['retrying, later', { status: 'retrying' as const, details: { nextAttemptAt: '2026-11-23T09:01:00.000Z' } }, false],
    ['sending', { status: 'sending' as const }, false],
    ['sent', { status: 'sent' as const }, false],
    ['failed', { status: 'failed' as const }, false],
  ])('%s → %s', (_name, row, due) => {
    expect(isDue(row, NOW)).toBe(due);
  });

  it('wakes at the earliest retry', () => {
    expect(
      nextDueInstant([
        { status: 'retrying', details: { nextAttemptAt: '2026-11-23T11:00:00.000Z' } },
        { status: 'retrying', details: { nextAttemptAt: '2026-11-23T09:05:00.000Z' } },
        { status: 'failed', details: { nextAttemptAt: '2026-11-23T09:01:00.000Z' } },
      ]),
    ).toBe('2026-11-23T09:05:00.000Z');
    expect(nextDueInstant([{ status: 'sent' }])).toBeNull();
  });
});

describe('a message left sending by a restart', () => {
  it.each([
    ['never handed to SMTP: back to the queue with its key', { state: 'none', result: null, attempts: 0 } as const, { requeue: true }],
    ['still being sent by main: wait', { state: 'sending', result: null, attempts: 1 } as const, { wait: true }],
    ['sent: takes the result', { state: 'sent', result: sent, attempts: 1 } as const, { transition: transitionAfter(sent, 1, NOW) }],
    [
      'handed and never answered: needs attention',
      { state: 'needs-attention', result: { status: 'needs-attention', code: 'interrupted', message: 'm', at: AT }, attempts: 1 } as const,
      { transition: { status: 'failed', details: { lastError: 'm', lastErrorCode: 'interrupted', failedAt: AT } } },
    ],
  ])('%s', (_name, state, expected) => {
    expect(reconcileSending(state, 1, NOW)).toEqual(expected);
  });

  it('counts the attempts main made when it made more', () => {
    expect(reconcileSending({ state: 'failed', result: failed(false, 'temporary'), attempts: 5 }, 1, NOW)).toMatchObject({ transition: { status: 'failed' } });
  });
});

describe('sending a failed message again', () => {
  it.each([
    ['refused', true],
    ['interrupted', true],
    ['not-configured', false],
    ['no-password', false],
  ])('after %s takes a new key: %s', (code, expected) => {
    expect(needsNewKey(code)).toBe(expected);
  });
});

describe('automatic emails', () => {
  const calendar = { ...DEFAULT_BUSINESS_CALENDAR, timeZone: 'Europe/Paris' };
  const actions = [
    { kind: 'step', key: 'auto', channel: 'email', automatic: true },
    { kind: 'step', key: 'manual', channel: 'email', automatic: false },
    { kind: 'step', key: 'call', channel: 'phone', automatic: false },
    { kind: 'step', key: 'failed-before', channel: 'email', automatic: true },
  ];
  it.each([
    ['Monday 10:00 Paris', '2026-11-23T09:00:00.000Z', ['auto']],
    ['Monday 12:30 Paris (lunch)', '2026-11-23T11:30:00.000Z', []],
    ['Monday 21:00 Paris', '2026-11-23T20:00:00.000Z', []],
    ['Sunday 10:00 Paris', '2026-11-22T09:00:00.000Z', []],
    ['Christmas 10:00 Paris', '2026-12-25T09:00:00.000Z', []],
  ])('%s → %o', (_name, now, expected) => {
    expect(automaticEmailsToQueue(actions, new Set(['failed-before']), now, calendar).map((a) => a.key)).toEqual(expected);
  });
});

describe('what Today’s outbox panel shows', () => {
  const dayOf = (iso: string) => iso.slice(0, 10);
  const planned = new Set(['still-due']);
  it.each([
    ['queued long ago', { status: 'queued' as const, at: '2026-11-01T09:00:00.000Z' }, true],
    ['retrying', { status: 'retrying' as const, at: '2026-11-20T09:00:00.000Z' }, true],
    ['sent today', { status: 'sent' as const, at: '2026-11-22T09:00:00.000Z', details: { sentAt: '2026-11-23T08:00:00.000Z' } }, true],
    ['sent yesterday', { status: 'sent' as const, at: '2026-11-22T09:00:00.000Z', details: { sentAt: '2026-11-22T09:00:01.000Z' } }, false],
    ['failed, step still to do', { status: 'failed' as const, at: '2026-11-10T09:00:00.000Z', details: { actionKey: 'still-due', failedAt: '2026-11-10T09:00:00.000Z' } }, true],
    ['failed today, step done since', { status: 'failed' as const, at: '2026-11-23T08:00:00.000Z', details: { actionKey: 'gone', failedAt: '2026-11-23T08:00:00.000Z' } }, true],
    ['failed before, step done since', { status: 'failed' as const, at: '2026-11-10T09:00:00.000Z', details: { actionKey: 'gone', failedAt: '2026-11-10T09:00:00.000Z' } }, false],
  ])('%s → %s', (_name, row, expected) => {
    expect(shownInToday(row, planned, '2026-11-23', dayOf)).toBe(expected);
  });

  // The shop's date of an instant is within a day of its UTC date: only those near today are
  // converted (a history of 40,000 emails), and the conversion still decides at the edges.
  it.each([
    ['sent 23:30 UTC the day before: today in Paris', '2026-11-22T23:30:00.000Z', 'Europe/Paris', true, 1],
    ['sent 23:30 UTC the day before: still yesterday in Montreal', '2026-11-22T23:30:00.000Z', 'America/Montreal', false, 1],
    ['sent 05:00 UTC the day after: today in Tahiti', '2026-11-24T05:00:00.000Z', 'Pacific/Tahiti', true, 1],
    ['sent 12:00 UTC today: already tomorrow in Auckland', '2026-11-23T12:00:00.000Z', 'Pacific/Auckland', false, 1],
    ['sent two days before: not converted at all', '2026-11-21T12:00:00.000Z', 'Europe/Paris', false, 0],
    ['sent a month before: not converted at all', '2026-10-23T12:00:00.000Z', 'Pacific/Kiritimati', false, 0],
  ])('%s', (_name, sentAt, timeZone, expected, conversions) => {
    let converted = 0;
    const inZone = (iso: string) => {
      converted += 1;
      return todayIn(timeZone, iso);
    };
    expect(shownInToday({ status: 'sent', at: sentAt, details: { sentAt } }, planned, '2026-11-23', inZone)).toBe(expected);
    expect(converted).toBe(conversions);
  });
});
