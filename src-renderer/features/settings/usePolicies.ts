import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../../db';
import { builtInPolicies } from '../../domain/policies';
import type { FollowUpPolicy } from '../../domain/model';

/** The policies the shop can choose from: the built-in ones, replaced by its stored versions of the same id. */
export function usePolicies(): FollowUpPolicy[] | undefined {
  return useLiveQuery(async () => {
    const byId = new Map<string, FollowUpPolicy>(builtInPolicies().map((p) => [p.id, p]));
    for (const policy of await getDatabase().policies.toArray()) byId.set(policy.id, policy);
    return [...byId.values()];
  }, []);
}
