import { bench, describe } from 'vitest';
import { invoiceStatus } from '../../src-renderer/domain/invoice-status';
import { planFollowUps, type PlannerInput } from '../../src-renderer/domain/planner';
import { builtInPolicies } from '../../src-renderer/domain/policies';
import { benchNote, groupName, OPTIONS } from './bench-names';
import { benchSizes, shopAt } from './shop';

/**
 * What Today computes on every change and at every wake-up: the follow-ups of the whole ledger
 * (reminders, calls, letters, promises and plans included). Anchor: one loop deriving the status of
 * every invoice (the least the planner must do). Target at 100×: under 100 ms.
 */
for (const factor of benchSizes()) {
  const shop = shopAt(factor);
  const input: PlannerInput = { ...shop, policies: builtInPolicies() };
  const actions = planFollowUps(input);
  benchNote(
    `planner at ${factor}×: ${shop.customers.length} customers, ${shop.invoices.length} invoices, ${shop.interactions.length} interactions, ${shop.promises.length} promises, ${shop.paymentPlans.length} plans → ${actions.length} follow-ups`,
  );
  describe(groupName('planner', factor), () => {
    bench('anchor: invoiceStatus of every invoice', () => {
      let open = 0;
      for (const invoice of shop.invoices) if (invoiceStatus(invoice, shop.today).balanceCents > 0) open += 1;
      if (open < 0) throw new Error('unreachable');
    }, OPTIONS);
    bench('planFollowUps', () => {
      planFollowUps(input);
    }, OPTIONS);
  });
}
