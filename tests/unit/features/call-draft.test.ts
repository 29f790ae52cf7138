// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { clearCallDraft, loadCallDraft, saveCallDraft, type CallDraft } from '../../../src-renderer/features/calls/call-draft';

const draft: CallDraft = {
  startedAt: 1_764_000_000_000,
  invoiceIds: ['i1'],
  outcome: 'promise',
  reason: 'cash-flow',
  notes: 'Règlement à l’échéance',
  promiseDate: '04/12/2026',
  promiseAmount: '450,00',
  disputeReason: '',
  saysPaidDate: '',
  callBackDate: '',
  callBackTime: '',
  wrongPhone: '',
  nextFollowUp: null,
};

afterEach(() => window.localStorage.clear());

describe('call drafts', () => {
  it('one per customer, kept until cleared', () => {
    saveCallDraft('c1', draft);
    expect(loadCallDraft('c1')).toEqual(draft);
    expect(loadCallDraft('c2')).toBeNull();
    clearCallDraft('c1');
    expect(loadCallDraft('c1')).toBeNull();
  });

  it.each(['{not json', '{"notes":"x"}', 'null'])('a damaged draft %s starts afresh', (raw) => {
    window.localStorage.setItem('relance.callDraft.c1', raw);
    expect(loadCallDraft('c1')).toBeNull();
  });
});
