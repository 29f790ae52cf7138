import type { Customer } from '../domain/model';

const built = new WeakMap<readonly Customer[], ReadonlyMap<string, Customer>>();

/**
 * The customers by id, built once per customers array: the live records replace the array when a
 * customer changes, so the map follows. Screens drawing one button per follow-up each looked up
 * their customer in the 10,000 customers of a big shop, or built their own map of them.
 */
export function customersById(customers: readonly Customer[]): ReadonlyMap<string, Customer> {
  let map = built.get(customers);
  if (!map) {
    map = new Map(customers.map((customer) => [customer.id, customer]));
    built.set(customers, map);
  }
  return map;
}
