import { describe, expect, it } from 'vitest';
import { callsTable, dueCallBacks, filterCalls, type CallFilter } from '../../../src-renderer/domain/call-log';
import { toCsv } from '../../../src-renderer/domain/csv-export';
import { anInteraction } from './builders';

const calls = [
  anInteraction(['i1'], { id: 'a', kind: 'call', channel: 'phone', status: undefined, customerId: 'c1', at: '2026-11-20T08:00:00.000Z', callOutcome: 'promise', notes: 'Règlement à l’Échéance du 4', durationSeconds: 95, details: { reason: 'cash-flow', promisedCents: 450_00, promisedOn: '2026-12-04' } }),
  anInteraction(['i2'], { id: 'b', kind: 'call', channel: 'phone', status: undefined, customerId: 'c2', at: '2026-11-22T23:30:00.000Z', callOutcome: 'no-answer', notes: 'Messagerie pleine' }),
  anInteraction(['i1'], { id: 'c', kind: 'call', channel: 'phone', status: undefined, customerId: 'c1', at: '2026-11-23T09:00:00.000Z', callOutcome: 'dispute', notes: 'Conteste la livraison ; ECHEANCE ignorée' }),
  anInteraction(['i3'], { id: 'd', kind: 'call', channel: 'phone', status: undefined, customerId: 'c1', at: '2026-11-23T09:00:00.000Z', callOutcome: 'dispute', details: { partOf: 'c' } }),
  anInteraction(['i1'], { id: 'e', kind: 'reminder', customerId: 'c1', at: '2026-11-23T09:00:00.000Z', notes: 'échéance' }),
];

describe('filterCalls (Paris time)', () => {
  it.each<[string, CallFilter, string[]]>([
    ['everything: calls only, not their step entries', {}, ['a', 'b', 'c']],
    ['"echeance" finds "Échéance" and "ECHEANCE"', { query: 'echeance' }, ['a', 'c']],
    ['every word must be there', { query: 'échéance livraison' }, ['c']],
    ['a customer', { customerId: 'c2' }, ['b']],
    ['an outcome', { outcome: 'dispute' }, ['c']],
    ['from a date: 23:30 UTC on the 22nd is the 23rd in Paris', { from: '2026-11-23' }, ['b', 'c']],
    ['up to a date', { to: '2026-11-20' }, ['a']],
    ['a day range', { from: '2026-11-21', to: '2026-11-22' }, []],
    ['no match', { query: 'virement' }, []],
  ])('%s', (_name, filter, ids) => {
    expect(filterCalls(calls, filter, 'Europe/Paris').map((c) => c.id)).toEqual(ids);
  });
});

describe('callsTable', () => {
  it('one row per call in Excel (France) form', () => {
    const table = callsTable([calls[2]!, calls[0]!], new Map([['c1', 'Garage Lefèvre']]), new Map([['i1', 'F-2026-0001']]), 'fr', 'Europe/Paris');
    const csv = toCsv(table, { dialect: 'excel-fr' });
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFDate;Client;Issue;Durée (secondes);Raison du retard;Factures;Montant promis;Date promise;Notes',
      '20/11/2026 09:00;Garage Lefèvre;Promesse de paiement;95;Trésorerie;F-2026-0001;450,00;04/12/2026;Règlement à l’Échéance du 4',
      '23/11/2026 10:00;Garage Lefèvre;Contestation;;;F-2026-0001;;;"Conteste la livraison ; ECHEANCE ignorée"',
      '',
    ]);
  });
});

describe('dueCallBacks', () => {
  const callBack = (id: string, customerId: string, at: string, on: string) =>
    anInteraction([], { id, kind: 'call', customerId, at, callOutcome: 'call-back', details: { callBackOn: on } });
  it.each<[string, string, string[]]>([
    ['before the day: nothing', '2026-11-23', ['early']],
    ['on the day', '2026-11-25', ['early', 'c2']],
    ['after the day: still due until the call is made', '2026-12-01', ['early', 'c2']],
  ])('%s', (_name, today, ids) => {
    const calls = [
      callBack('early', 'c3', '2026-11-19T09:00:00.000Z', '2026-11-20'),
      callBack('c2', 'c2', '2026-11-20T09:00:00.000Z', '2026-11-25'),
      callBack('answered', 'c1', '2026-11-20T09:00:00.000Z', '2026-11-21'),
      anInteraction([], { id: 'later', kind: 'call', customerId: 'c1', at: '2026-11-21T09:00:00.000Z', callOutcome: 'promise' }),
    ];
    expect(dueCallBacks(calls, today).map((c) => c.id)).toEqual(ids);
  });
});
