import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getSettings, saveSettings } from '../../../src-renderer/db';
import { deletePolicy, PolicyInUseError, PolicyRefusedError, savePolicy } from '../../../src-renderer/db/policies-repo';
import { DEFAULT_BUSINESS_HOURS, withClosedDates } from '../../../src-renderer/domain/calendar-settings';
import { standardPolicy } from '../../../src-renderer/domain/policies';
import { duplicatePolicy, updateStep } from '../../../src-renderer/domain/policy-editing';
import { lateFeeRatesOf, withHalfYear } from '../../../src-renderer/domain/rate-tables';
import { KNOWN_RATES } from '../../../src-renderer/domain/rates';
import { aCustomer, anInvoice } from '../domain/builders';
import { freshDatabasesFor } from './helpers';

const database = freshDatabasesFor('policies');
const NOW = '2026-11-23T10:00:00.000Z';
const copy = () => duplicatePolicy(standardPolicy(), 'mine', '  Standard avec courrier ');

describe('saving a policy', () => {
  it('stores a valid policy, trimmed, in the policies table', async () => {
    const db = await database();
    await savePolicy(db, copy());
    const stored = await db.policies.get('mine');
    expect(stored).toMatchObject({ id: 'mine', name: 'Standard avec courrier', builtIn: false });
    expect(stored?.steps.map((step) => step.id)).toEqual(standardPolicy().steps.map((step) => step.id));
  });

  it.each([
    ['steps out of order', () => updateStep(copy(), 3, { offsetDays: 5 }, []), ['steps-out-of-order']],
    ['a formal notice before two reminders', () => ({ ...copy(), steps: copy().steps.filter((step) => step.id !== 'first-reminder' && step.id !== 'phone-call') }), ['escalation-before-two-reminders', 'escalation-before-two-reminders']],
    ['no name', () => ({ ...copy(), name: '   ' }), ['no-name']],
    ['a built-in policy', () => standardPolicy(), ['built-in']],
    ['a copy named like a built-in id', () => ({ ...copy(), id: 'strict' }), ['built-in']],
  ])('refuses %s and stores nothing', async (_, make, codes) => {
    const db = await database();
    const error = await savePolicy(db, make()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyRefusedError);
    expect((error as PolicyRefusedError).problems.map((p) => p.code)).toEqual(codes);
    expect(await db.policies.count()).toBe(0);
  });

  it('a refused change leaves the stored version as it was', async () => {
    const db = await database();
    await savePolicy(db, copy());
    await expect(savePolicy(db, updateStep(copy(), 1, { offsetDays: -10 }, []))).rejects.toBeInstanceOf(PolicyRefusedError);
    expect((await db.policies.get('mine'))?.steps[1]?.offsetDays).toBe(1);
  });
});

describe('deleting a policy', () => {
  async function withUsers() {
    const db = await database();
    await savePolicy(db, copy());
    await db.customers.bulkPut([aCustomer('a', { name: 'Fleurs de Lys', policyId: 'mine' }), aCustomer('b', { policyId: 'strict' })]);
    await db.invoices.bulkPut([anInvoice('1', 'b', '2026-10-01', { policyId: 'mine' }), anInvoice('2', 'a', '2026-10-01')]);
    await saveSettings(db, { defaultPolicyId: 'mine' });
    return db;
  }

  it('in use: refused, naming who follows it, and nothing changes', async () => {
    const db = await withUsers();
    const error = await deletePolicy(db, 'mine', NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyInUseError);
    expect((error as PolicyInUseError).users).toEqual({ customers: [{ id: 'a', name: 'Fleurs de Lys' }], invoices: [{ id: '1', number: 'F-1' }] });
    expect(await db.policies.get('mine')).toBeDefined();
    expect((await db.customers.get('a'))?.policyId).toBe('mine');
    expect((await getSettings(db)).defaultPolicyId).toBe('mine');
  });

  it('with reassignment: its customers and invoices follow the shop default again, in one go', async () => {
    const db = await withUsers();
    await deletePolicy(db, 'mine', NOW, { reassignToShopDefault: true });
    expect(await db.policies.get('mine')).toBeUndefined();
    const a = await db.customers.get('a');
    expect(a?.policyId).toBeUndefined();
    expect(a?.updatedAt).toBe(NOW);
    expect((await db.customers.get('b'))?.policyId).toBe('strict');
    expect((await db.invoices.get('1'))?.policyId).toBeUndefined();
    // It was the shop's default: the default goes back to Standard.
    expect((await getSettings(db)).defaultPolicyId).toBeUndefined();
  });

  it('unused: deleted at once; built-in policies never', async () => {
    const db = await database();
    await savePolicy(db, copy());
    await deletePolicy(db, 'mine', NOW);
    expect(await db.policies.count()).toBe(0);
    await expect(deletePolicy(db, 'default', NOW, { reassignToShopDefault: true })).rejects.toBeInstanceOf(PolicyRefusedError);
  });
});

describe('engine settings rows', () => {
  it('rates and business hours read back as saved; absent, the readers fall back to the shipped defaults', async () => {
    const db = await database();
    const fresh = await getSettings(db);
    expect(fresh.lateFeeRates).toBeUndefined();
    expect(lateFeeRatesOf(fresh)).toEqual(KNOWN_RATES);

    const rates = withHalfYear(lateFeeRatesOf(fresh), { start: '2026-07-01', ecbPercent: 2.15, legalConsumerPercent: 6.5 });
    const hours = { ...DEFAULT_BUSINESS_HOURS, days: [1, 2, 3, 4, 5, 6], closedDates: withClosedDates([], '2026-12-24', '2026-12-31')! };
    await saveSettings(db, { lateFeeRates: rates, businessCalendar: hours });
    const saved = await getSettings(db);
    expect(saved.lateFeeRates).toEqual(rates);
    expect(saved.businessCalendar).toEqual(hours);
    // One row per key: saving the time zone leaves them alone.
    await saveSettings(db, { timeZone: 'Europe/Brussels' });
    expect((await getSettings(db)).businessCalendar).toEqual(hours);
    await saveSettings(db, { lateFeeRates: undefined });
    expect((await getSettings(db)).lateFeeRates).toBeUndefined();
  });
});
