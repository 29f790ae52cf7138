import { useMemo } from 'react';
import { letterKindForStep, type LetterProblem } from '../../domain/letter-input';
import type { Customer, ShopIdentity } from '../../domain/model';
import type { PlannedAction, StepAction } from '../../domain/planner';
import { useRecords } from '../../ui/hooks';
import { useFollowUps } from '../today/useFollowUps';
import type { LetterOrder } from './letter-production';
import { customersById } from '../../ui/customers-by-id';

/** A letter the planner says is due today (a follow-up step on paper). */
export interface DueLetter {
  action: StepAction;
  order: LetterOrder;
  customer: Customer | undefined;
  amountCents: number;
  /** Why it cannot be written as things stand (checked again when it is). */
  blocker: LetterProblem | undefined;
}

/** Whether the shop's identity is enough to write a letter (its name and address are on every one). */
export function shopProblem(shop: ShopIdentity): LetterProblem | undefined {
  if (shop.name.trim() === '') return 'no-shop-name';
  if (shop.address.city.trim() === '' || shop.address.lines.every((line) => line.trim() === '')) return 'no-shop-address';
  return undefined;
}

/** The order of a planner action that is a letter, or undefined for any other action. */
export function letterOrderOf(action: PlannedAction): LetterOrder | undefined {
  if (action.kind !== 'step') return undefined;
  const kind = letterKindForStep(action);
  return kind ? { kind, customerId: action.customerId, step: action } : undefined;
}

/** What stops a letter before it is built: the shop's identity, the customer's address. */
export function letterBlocker(shop: ShopIdentity, customer: Customer | undefined): LetterProblem | undefined {
  const address = customer?.address;
  return shopProblem(shop) ?? (!address || address.city.trim() === '' || address.lines.every((line) => line.trim() === '') ? 'no-address' : undefined);
}

/** Today's letters, in the planner's order (undefined while the records load). */
export function useDueLetters(): DueLetter[] | undefined {
  const followUps = useFollowUps();
  const records = useRecords();
  return useMemo(() => {
    if (!followUps || !records) return undefined;
    const customers = customersById(records.customers);
    return followUps.actions.flatMap((action) => {
      const order = letterOrderOf(action);
      if (!order || !order.step) return [];
      const customer = customers.get(action.customerId);
      return [
        {
          action: order.step,
          order,
          customer,
          amountCents: order.step.reasons.reduce((sum, reason) => sum + reason.balanceCents, 0),
          blocker: letterBlocker(records.settings.shop, customer),
        },
      ];
    });
  }, [followUps, records]);
}

const PROBLEMS: readonly string[] = ['no-shop-name', 'no-shop-address', 'no-address', 'no-invoices', 'no-plan'];

/** A `LetterInputError`'s problem when `reason` is one, for translation; else undefined (show the message). */
export function asLetterProblem(reason: string | undefined): LetterProblem | undefined {
  return reason !== undefined && PROBLEMS.includes(reason) ? (reason as LetterProblem) : undefined;
}
