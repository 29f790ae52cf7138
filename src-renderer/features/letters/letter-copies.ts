import { copyRecipient, policiesWithBuiltIns, stepSendsCopy } from '../../domain/letter-copy';
import type { Customer, FollowUpPolicy } from '../../domain/model';
import type { LetterOrder } from './letter-production';

/**
 * Which of the letters about to be printed also go by email (their step's "Envoyer aussi une copie
 * par e-mail"), split by whether the customer has an address: the print dialog says how many copies
 * will go and warns for the others before anything is printed.
 */
export interface CopyPlan {
  /** Orders whose step asks for a copy and whose customer has an email address. */
  withAddress: LetterOrder[];
  /** Orders whose step asks for a copy but whose customer has no email address: by post only. */
  withoutAddress: LetterOrder[];
}

export function copyPlanOf(orders: readonly LetterOrder[], storedPolicies: readonly FollowUpPolicy[], customers: ReadonlyMap<string, Customer>): CopyPlan {
  const policies = policiesWithBuiltIns(storedPolicies);
  const plan: CopyPlan = { withAddress: [], withoutAddress: [] };
  for (const order of orders) {
    if (!order.step || !stepSendsCopy(order.step, policies)) continue;
    const customer = customers.get(order.customerId);
    (customer && copyRecipient(customer) ? plan.withAddress : plan.withoutAddress).push(order);
  }
  return plan;
}

/**
 * The orders to print, those whose step asks for a copy marked to send it when `send` is kept. The
 * ones without an address are marked too: `produceLetter` looks at the address again when it queues
 * (it may have been added or removed meanwhile) and reports `no-address` for the printing's summary.
 */
export function withCopies(orders: readonly LetterOrder[], plan: CopyPlan, send: boolean): LetterOrder[] {
  if (!send) return [...orders];
  const copied = new Set([...plan.withAddress, ...plan.withoutAddress]);
  return orders.map((order) => (copied.has(order) ? { ...order, emailCopy: true } : order));
}
