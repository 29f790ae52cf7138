/**
 * The shop's own follow-up policies (Dexie `policies`). Built-in policies live in the code
 * (domain/policies.ts) and are never stored nor deleted here: the shop duplicates one to change it.
 * Every write is one transaction; nothing that `validatePolicy` refuses is stored.
 */
import { BUILT_IN_POLICY_IDS, validatePolicy, type PolicyProblem } from '../domain/policies';
import { policyUsers } from '../domain/policy-editing';
import type { FollowUpPolicy, IsoInstant } from '../domain/model';
import type { RelanceDatabase } from './database';

const BUILT_IN_IDS: ReadonlySet<string> = new Set(Object.values(BUILT_IN_POLICY_IDS));

/** The policy was not saved: `problems` says why (the codes of `validatePolicy`, plus `no-name`). */
export class PolicyRefusedError extends Error {
  constructor(readonly problems: (PolicyProblem | { code: 'no-name' | 'built-in' })[]) {
    super(`Policy refused: ${problems.map((p) => p.code).join(', ')}`);
    this.name = 'PolicyRefusedError';
  }
}

/** The policy was not deleted: these customers (and invoices) follow it. */
export class PolicyInUseError extends Error {
  constructor(readonly users: ReturnType<typeof policyUsers>) {
    super(`Policy in use by ${users.customers.length} customer(s) and ${users.invoices.length} invoice(s)`);
    this.name = 'PolicyInUseError';
  }
}

/** Whether `policyId` names a built-in policy (which cannot be edited nor deleted). */
export function isBuiltInPolicyId(policyId: string): boolean {
  return BUILT_IN_IDS.has(policyId);
}

/** Creates or replaces one of the shop's policies, after `validatePolicy`; throws `PolicyRefusedError`. */
export async function savePolicy(db: RelanceDatabase, policy: FollowUpPolicy): Promise<void> {
  if (policy.builtIn || isBuiltInPolicyId(policy.id)) throw new PolicyRefusedError([{ code: 'built-in' }]);
  const name = policy.name.trim();
  const validation = validatePolicy(policy);
  const problems = [...(name === '' ? [{ code: 'no-name' as const }] : []), ...(validation.ok ? [] : validation.problems)];
  if (problems.length > 0) throw new PolicyRefusedError(problems);
  const stored: FollowUpPolicy = { id: policy.id, name, builtIn: false, steps: policy.steps.map((step) => ({ ...step })) };
  await db.transaction('rw', db.policies, () => db.policies.put(stored));
}

/**
 * Deletes one of the shop's policies. When customers or invoices follow it, refuses with
 * `PolicyInUseError` (which names them), unless `reassignToShopDefault`: they then follow the shop's
 * default policy again, in the same transaction. A shop default that was this policy goes back to
 * Standard. Built-in policies are refused.
 */
export async function deletePolicy(db: RelanceDatabase, policyId: string, now: IsoInstant, options: { reassignToShopDefault?: boolean } = {}): Promise<void> {
  if (isBuiltInPolicyId(policyId)) throw new PolicyRefusedError([{ code: 'built-in' }]);
  await db.transaction('rw', [db.policies, db.customers, db.invoices, db.settings], async () => {
    const customers = await db.customers.where('policyId').equals(policyId).toArray();
    // Invoices have no index on policyId (an override is rare): one pass when a policy is deleted.
    const invoices = await db.invoices.filter((invoice) => invoice.policyId === policyId).toArray();
    const users = policyUsers(policyId, customers, invoices);
    if ((users.customers.length > 0 || users.invoices.length > 0) && !options.reassignToShopDefault) throw new PolicyInUseError(users);
    for (const customer of customers) {
      const { policyId: _dropped, ...rest } = customer;
      await db.customers.put({ ...rest, updatedAt: now });
    }
    for (const invoice of invoices) {
      const { policyId: _dropped, ...rest } = invoice;
      await db.invoices.put({ ...rest, updatedAt: now });
    }
    const shopDefault = await db.settings.get('defaultPolicyId');
    if (shopDefault?.value === policyId) await db.settings.delete('defaultPolicyId');
    await db.policies.delete(policyId);
  });
}
