import type { PlannedAction } from '../../domain/planner';

/**
 * What a call made from a Today card carries out. A call back is one call: when the customer's policy
 * also has a call step due today, calling back does that step too (its audit trail is written with
 * the call, see db/calls-repo.ts), instead of leaving a second "call" card for the same customer.
 * The invoices are those of both, without repeats.
 */
export function callCarries(action: PlannedAction, actions: readonly PlannedAction[]): { action: PlannedAction; invoiceIds: string[] } {
  if (action.kind !== 'call-back') return { action, invoiceIds: action.invoiceIds };
  const step = actions.find((candidate) => candidate.kind === 'step' && candidate.channel === 'phone' && candidate.customerId === action.customerId);
  if (!step) return { action, invoiceIds: action.invoiceIds };
  return { action: step, invoiceIds: [...new Set([...step.invoiceIds, ...action.invoiceIds])] };
}
