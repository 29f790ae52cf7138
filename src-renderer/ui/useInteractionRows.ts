import { useMemo } from 'react';
import type { Interaction } from '../domain/model';
import { useRecords } from './hooks';
import { customersById } from './customers-by-id';

export type InteractionRow = Interaction & { customerName: string };

/**
 * The history entries of one kind (calls, letters) with their customer's name, from the records the
 * app already holds: the logs never read the database themselves. Undefined while loading.
 */
export function useInteractionRows(kind: Interaction['kind']): InteractionRow[] | undefined {
  const records = useRecords();
  return useMemo(() => {
    if (!records) return undefined;
    const customers = customersById(records.customers);
    return records.interactions
      .filter((entry) => entry.kind === kind)
      .map((entry) => ({ ...entry, customerName: customers.get(entry.customerId)?.name ?? '' }));
  }, [records, kind]);
}
