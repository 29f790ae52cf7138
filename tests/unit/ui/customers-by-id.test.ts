import { describe, expect, it } from 'vitest';
import { customersById } from '../../../src-renderer/ui/customers-by-id';
import { aCustomer } from '../domain/builders';

describe('customersById', () => {
  it('finds each customer by id, and builds the map once per customers array', () => {
    const customers = [aCustomer('c1', { name: 'Boulangerie Petit' }), aCustomer('c2', { name: 'Garage Lefèvre' })];
    const map = customersById(customers);
    expect(map.get('c2')?.name).toBe('Garage Lefèvre');
    expect(map.get('c3')).toBeUndefined();
    expect(customersById(customers)).toBe(map);
  });

  it('follows a new array (the live records replace it when a customer changes)', () => {
    const before = [aCustomer('c1', { name: 'Boulangerie Petit' })];
    const after = [aCustomer('c1', { name: 'Boulangerie Petit et fils' })];
    expect(customersById(before).get('c1')?.name).toBe('Boulangerie Petit');
    expect(customersById(after).get('c1')?.name).toBe('Boulangerie Petit et fils');
  });
});
