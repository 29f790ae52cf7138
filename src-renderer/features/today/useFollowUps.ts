import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase, getSettings } from '../../db';
import { builtInPolicies } from '../../domain/policies';
import { planFollowUps, type PlannedAction, type PlannerInput } from '../../domain/planner';
import type { FollowUpPolicy } from '../../domain/model';
import { nowIso } from '../../os/clock';
import { useToday } from '../../ui/hooks';

export interface FollowUps {
  actions: PlannedAction[];
  input: PlannerInput;
}

const FollowUpsContext = createContext<FollowUps | undefined>(undefined);

/** Plans once for the whole app (Today, the wake-up, the tray's summary) instead of once per reader. */
export function FollowUpsProvider({ children }: { children: ReactNode }) {
  return createElement(FollowUpsContext.Provider, { value: usePlannedFollowUps() }, children);
}

/** Today's follow-ups (undefined while the records load). */
export function useFollowUps(): FollowUps | undefined {
  return useContext(FollowUpsContext);
}

/**
 * Today's follow-ups, planned from the whole ledger and history: recomputed whenever a record
 * changes (a payment recorded, a call logged) and when the day changes.
 */
function usePlannedFollowUps(): FollowUps | undefined {
  const today = useToday();
  const records = useLiveQuery(async () => {
    const db = getDatabase();
    const [customers, invoices, interactions, promises, paymentPlans, stored, settings] = await Promise.all([
      db.customers.toArray(),
      db.invoices.toArray(),
      db.interactions.toArray(),
      db.promises.toArray(),
      db.paymentPlans.toArray(),
      db.policies.toArray(),
      getSettings(db),
    ]);
    return { customers, invoices, interactions, promises, paymentPlans, stored, defaultPolicyId: settings.defaultPolicyId };
  }, []);

  return useMemo(() => {
    if (!records) return undefined;
    // The shop's own versions of the built-in policies replace them; its own policies come in addition.
    const byId = new Map<string, FollowUpPolicy>(builtInPolicies().map((p) => [p.id, p]));
    for (const policy of records.stored) byId.set(policy.id, policy);
    const input: PlannerInput = {
      asOf: nowIso(),
      today,
      customers: records.customers,
      invoices: records.invoices,
      interactions: records.interactions,
      promises: records.promises,
      paymentPlans: records.paymentPlans,
      policies: [...byId.values()],
      ...(records.defaultPolicyId ? { shopDefaultPolicyId: records.defaultPolicyId } : {}),
    };
    return { actions: planFollowUps(input), input };
  }, [records, today]);
}
