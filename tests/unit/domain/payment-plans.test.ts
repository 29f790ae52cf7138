import { describe, expect, it } from 'vitest';
import {
  allocateToInstalments,
  firstMissedInstalment,
  planView,
  instalmentSchedule,
  planState,
  scheduleProblem,
  type ScheduleInput,
} from '../../../src-renderer/domain/payment-plans';
import type { Instalment } from '../../../src-renderer/domain/model';

const base: ScheduleInput = { totalCents: 1000_00, downPaymentCents: 0, count: 4, firstDate: '2026-12-05', frequency: 'monthly' };

describe('instalmentSchedule', () => {
  it.each<[string, Partial<ScheduleInput>, number[], string[]]>([
    ['even split', {}, [250_00, 250_00, 250_00, 250_00], ['2026-12-05', '2027-01-05', '2027-02-05', '2027-03-05']],
    ['remainder on the last', { totalCents: 100_00, count: 3 }, [33_33, 33_33, 33_34], ['2026-12-05', '2027-01-05', '2027-02-05']],
    ['one cent over 3', { totalCents: 1, count: 3 }, [0, 0, 1], ['2026-12-05', '2027-01-05', '2027-02-05']],
    ['down payment first', { totalCents: 311_47, downPaymentCents: 100_00, count: 2 }, [105_73, 105_74], ['2026-12-05', '2027-01-05']],
    ['weekly', { totalCents: 10_01, count: 3, frequency: 'weekly' }, [3_33, 3_33, 3_35], ['2026-12-05', '2026-12-12', '2026-12-19']],
    ['end of month clamps', { firstDate: '2027-01-31', count: 2 }, [500_00, 500_00], ['2027-01-31', '2027-02-28']],
    ['single instalment', { count: 1, downPaymentCents: 1 }, [999_99], ['2026-12-05']],
  ])('%s', (_name, extra, amounts, dates) => {
    const input = { ...base, ...extra };
    const schedule = instalmentSchedule(input);
    expect(schedule.map((i) => i.amountCents)).toEqual(amounts);
    expect(schedule.map((i) => i.dueDate)).toEqual(dates);
    expect(schedule.every((i) => i.paidCents === 0)).toBe(true);
    expect(input.downPaymentCents + schedule.reduce((sum, i) => sum + i.amountCents, 0)).toBe(input.totalCents);
  });

  it.each<[Partial<ScheduleInput>, string]>([
    [{ totalCents: 0 }, 'total-not-positive'],
    [{ totalCents: 10.5 }, 'total-not-positive'],
    [{ downPaymentCents: -1 }, 'down-payment-invalid'],
    [{ downPaymentCents: 1000_00 }, 'down-payment-invalid'],
    [{ count: 0 }, 'count-invalid'],
    [{ count: 2.5 }, 'count-invalid'],
    [{ firstDate: '05/12/2026' }, 'first-date-invalid'],
  ])('refuses %o: %s', (extra, problem) => {
    expect(scheduleProblem({ ...base, ...extra })).toBe(problem);
    expect(() => instalmentSchedule({ ...base, ...extra })).toThrow(problem);
  });
});

const plan = { downPaymentCents: 50_00, instalments: instalmentSchedule({ ...base, totalCents: 350_00, downPaymentCents: 50_00, count: 3 }) };

describe('allocateToInstalments', () => {
  it.each<[number, number, number[], number]>([
    [0, 0, [0, 0, 0], 0],
    [30_00, 30_00, [0, 0, 0], 0],
    [50_00, 50_00, [0, 0, 0], 0],
    [150_00, 50_00, [100_00, 0, 0], 0],
    [210_00, 50_00, [100_00, 60_00, 0], 0],
    [350_00, 50_00, [100_00, 100_00, 100_00], 0],
    [400_00, 50_00, [100_00, 100_00, 100_00], 50_00],
  ])('%i cents paid → down payment %i, instalments %o, surplus %i', (paid, down, instalments, surplus) => {
    const result = allocateToInstalments(plan, paid);
    expect(result.downPaymentPaidCents).toBe(down);
    expect(result.instalments.map((i) => i.paidCents)).toEqual(instalments);
    expect(result.surplusCents).toBe(surplus);
  });
});

const instalments = (paid: number[]): Instalment[] =>
  paid.map((paidCents, i) => ({ dueDate: ['2026-11-01', '2026-12-01', '2027-01-01'][i]!, amountCents: 100_00, paidCents }));

describe('firstMissedInstalment and planState (grace 3 days)', () => {
  it.each<[string, number[], string, number, string]>([
    ['nothing due yet', [0, 0, 0], '2026-10-30', -1, 'active'],
    ['due today, unpaid', [0, 0, 0], '2026-11-01', -1, 'active'],
    ['last day of grace', [0, 0, 0], '2026-11-04', -1, 'active'],
    ['the day after the grace', [0, 0, 0], '2026-11-05', 0, 'broken'],
    ['partly paid is missed', [99_99, 0, 0], '2026-11-05', 0, 'broken'],
    ['first paid, second missed', [100_00, 0, 0], '2026-12-05', 1, 'broken'],
    ['first paid, second in grace', [100_00, 0, 0], '2026-12-04', -1, 'active'],
    ['all paid', [100_00, 100_00, 100_00], '2027-06-01', -1, 'completed'],
  ])('%s', (_name, paid, today, missed, state) => {
    expect(firstMissedInstalment(instalments(paid), today, 3)).toBe(missed);
    expect(planState({ status: 'active' }, instalments(paid), 1, today, 3)).toBe(state);
  });

  it.each<[string, 'active' | 'broken' | 'cancelled' | 'completed', number, string]>([
    ['cancelled wins', 'cancelled', 300_00, 'cancelled'],
    ['marked broken stays broken', 'broken', 300_00, 'broken'],
    ['nothing owed is completed', 'active', 0, 'completed'],
  ])('%s', (_name, status, owed, state) => {
    expect(planState({ status }, instalments([0, 0, 0]), owed, '2026-11-02', 3)).toBe(state);
  });
});

describe('planView', () => {
  const plan = {
    id: 'p',
    customerId: 'c1',
    invoiceIds: ['i1'],
    downPaymentCents: 20_00,
    frequency: 'monthly' as const,
    instalments: instalments([0, 0, 0]),
    status: 'active' as const,
    createdAt: '2026-10-01T00:00:00.000Z',
  };
  it.each<[number, string, string[], string, number]>([
    [170_00, '2026-12-03', ['paid', 'partly', 'due'], 'active', 170_00],
    [170_00, '2026-12-05', ['paid', 'missed', 'due'], 'broken', 170_00],
    [120_00, '2026-12-05', ['paid', 'missed', 'due'], 'broken', 120_00],
    [500_00, '2027-06-01', ['paid', 'paid', 'paid'], 'completed', 320_00],
  ])('%i paid on %s', (paid, today, states, state, shownPaid) => {
    const view = planView(plan, paid, 1, today, 3);
    expect(view.instalments.map((i) => i.state)).toEqual(states);
    expect(view.state).toBe(state);
    expect(view.paidCents).toBe(shownPaid);
    expect(view.totalCents).toBe(320_00);
  });
});
