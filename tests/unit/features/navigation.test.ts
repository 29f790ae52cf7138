// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { parseHash, routeHref, type Route } from '../../../src-renderer/stores/navigation';

describe('routes in the address hash', () => {
  it.each<[string, Route]>([
    ['', { screen: 'today' }],
    ['#/nowhere', { screen: 'today' }],
    ['#/invoices', { screen: 'invoices' }],
    ['#/customers/c%2F1', { screen: 'customers', id: 'c/1' }],
    ['#/invoices?overdue=31-60', { screen: 'invoices', query: { overdue: '31-60' } }],
    ['#/invoices?overdue=90%2B&customer=a%20b', { screen: 'invoices', query: { overdue: '90+', customer: 'a b' } }],
    ['#/customers/c1?', { screen: 'customers', id: 'c1' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it.each<Route>([
    { screen: 'dashboard' },
    { screen: 'customers', id: 'éèà/?&' },
    { screen: 'invoices', query: { overdue: '90+', status: 'overdue', customer: 'x&y=z' } },
  ])('reads back what it writes: %j', (route) => {
    expect(parseHash(routeHref(route))).toEqual(route);
  });
});
