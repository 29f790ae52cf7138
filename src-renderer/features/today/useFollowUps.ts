import { createContext, createElement, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { os } from '../../os/client';
import { builtInPolicies } from '../../domain/policies';
import { planDay, type PlannedAction, type PlannerInput } from '../../domain/planner';
import type { CalendarDate, FollowUpPolicy } from '../../domain/model';
import { nowIso } from '../../os/clock';
import { useRecords, useToday } from '../../ui/hooks';

export interface FollowUps {
  actions: PlannedAction[];
  /** The first later date when something new becomes due (the next wake-up's day). */
  nextDate: CalendarDate | null;
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
  const records = useRecords();
  // The scheduler's wake-up means "something became due now": plan again at this instant.
  const [wakeTick, setWakeTick] = useState(0);
  useEffect(() => os.on('scheduler.wake', () => setWakeTick((tick) => tick + 1)), []);
  return useMemo(() => {
    if (!records) return undefined;
    // The shop's own versions of the built-in policies replace them; its own policies come in addition.
    const byId = new Map<string, FollowUpPolicy>(builtInPolicies().map((p) => [p.id, p]));
    for (const policy of records.policies) byId.set(policy.id, policy);
    const input: PlannerInput = {
      asOf: nowIso(),
      today,
      customers: records.customers,
      invoices: records.invoices,
      interactions: records.interactions,
      promises: records.promises,
      paymentPlans: records.paymentPlans,
      payments: records.payments,
      policies: [...byId.values()],
      ...(records.settings.defaultPolicyId ? { shopDefaultPolicyId: records.settings.defaultPolicyId } : {}),
    };
    return { ...planDay(input), input };
    // wakeTick: a new instant to plan at, even when no record changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [records, today, wakeTick]);
}
