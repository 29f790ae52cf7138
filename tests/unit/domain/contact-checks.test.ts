import { describe, expect, it } from 'vitest';
import {
  CustomerIndex,
  customerMatchesKey,
  customerWarnings,
  guessCustomerKind,
  isFrenchMobile,
  isValidEmail,
  looksLikeCompany,
  matchCustomerKey,
  normalizePhone,
  phoneForStorage,
  type CheckedCustomer,
} from '../../../src-renderer/domain/contact-checks';
import type { Customer } from '../../../src-renderer/domain/model';

describe('normalizePhone', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['01 23 45 67 89', '+33123456789'],
    ['  07 98 76 54 32 ', '+33798765432'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+32 2 555 12 12', '+3225551212'],
  ])('%j → %s', (raw, e164) => {
    expect(normalizePhone(raw)).toEqual({ e164 });
  });

  it.each([
    ['06 12 34 56', 'invalid'],
    ['12', 'invalid'],
    ['abc', 'invalid'],
    ['06 12 34 56 78 90 12', 'invalid'],
    ['0612345678 poste 12', 'invalid'],
    ['', 'empty'],
    ['   ', 'empty'],
  ])('%j → error %s', (raw, error) => {
    expect(normalizePhone(raw)).toEqual({ error });
  });

  it('reads national numbers in the given country', () => {
    expect(normalizePhone('02 555 12 12', 'BE')).toEqual({ e164: '+3225551212' });
    expect(normalizePhone('020 7946 0958', 'gb')).toEqual({ e164: '+442079460958' });
  });

  it('tells French mobiles and keeps unparseable numbers as typed for storage', () => {
    expect(isFrenchMobile('+33612345678')).toBe(true);
    expect(isFrenchMobile('+33798765432')).toBe(true);
    expect(isFrenchMobile('+33123456789')).toBe(false);
    expect(phoneForStorage('06 12 34 56 78')).toBe('+33612345678');
    expect(phoneForStorage(' 06 12 34 ')).toBe('06 12 34');
  });
});

describe('isValidEmail', () => {
  it.each(['claire.martin@boulangerie-martin.fr', 'a+relance@example.com', 'Compta@Garage.FR', 'élodie@café.fr', ' x@y.co '])(
    'accepts %j',
    (email) => expect(isValidEmail(email)).toBe(true),
  );
  it.each(['', 'claire', 'claire@', '@example.com', 'claire@example', 'claire martin@example.com', 'a@b@c.fr', 'a..b@example.com', 'a@-example.com', 'a@example.c', 'a@example..com'])(
    'refuses %j',
    (email) => expect(isValidEmail(email)).toBe(false),
  );
});

describe('customerWarnings', () => {
  const complete: CheckedCustomer = {
    preferredChannel: 'email',
    contacts: [{ id: 'k1', name: 'Claire Martin', email: 'claire@martin.fr', phone: '+33123456789', mobile: '+33612345678' }],
    address: { lines: ['12 rue des Tanneurs'], postcode: '75003', city: 'Paris', country: 'FR' },
  };

  it('says nothing about a complete record', () => {
    expect(customerWarnings(complete)).toEqual([]);
  });

  it('reports what is missing', () => {
    expect(customerWarnings({ preferredChannel: 'sms', contacts: [] })).toEqual([
      { field: 'email', problem: 'missing' },
      { field: 'phone', problem: 'missing' },
      { field: 'mobile', problem: 'missing' },
      { field: 'address', problem: 'missing' },
    ]);
  });

  it('reports invalid values with the contact holding them', () => {
    const warnings = customerWarnings({
      ...complete,
      contacts: [
        { id: 'k1', name: 'A', email: 'claire@', phone: '12' },
        { id: 'k2', name: 'B', email: 'b@b.fr', mobile: '01 23 45 67 89' },
        { id: 'k3', name: 'C', mobile: 'n/a' },
      ],
    });
    expect(warnings).toEqual([
      { field: 'email', problem: 'invalid', contactId: 'k1' },
      { field: 'phone', problem: 'invalid', contactId: 'k1' },
      { field: 'mobile', problem: 'not-mobile', contactId: 'k2' },
      { field: 'mobile', problem: 'invalid', contactId: 'k3' },
    ]);
  });

  it('reports an incomplete address and a postcode that is not French', () => {
    expect(customerWarnings({ ...complete, address: { lines: [' '], postcode: '7500', city: '', country: 'FR' } })).toEqual([
      { field: 'address', problem: 'incomplete', parts: ['lines', 'city'] },
      { field: 'address', problem: 'invalid', parts: ['postcode'] },
    ]);
    // Foreign postcodes are not checked.
    expect(customerWarnings({ ...complete, address: { lines: ['Rue Haute 1'], postcode: '1000', city: 'Bruxelles', country: 'BE' } })).toEqual([]);
  });
});

describe('customer kind', () => {
  it.each([
    ['SARL Peinture Garnier', true],
    ['Plomberie Girard SAS', true],
    ['Ets Morel', true],
    ['Établissements Durand', true],
    ['Cabinet Dubois & Associés', true],
    ['S.A.R.L. Dupont', true],
    ['Ets. Morel & Fils', true],
    ['J.C. Martin', false],
    ['SCI Les Tilleuls', true],
    ['Lisa Martin', false],
    ['Sophie Laurent', false],
    ['Boulangerie Martin', true],
    ['Café de la Gare', true],
    ['Marc Garagiste', false],
  ])('%j looks like a company: %s', (name, expected) => {
    expect(looksLikeCompany(name)).toBe(expected);
  });

  it('is business with a SIRET', () => {
    expect(guessCustomerKind('Jean Martin', '732 829 320 00074')).toBe('business');
    expect(guessCustomerKind('Sophie Laurent')).toBe('consumer');
    expect(guessCustomerKind('EURL Roux')).toBe('business');
  });
});

describe('matching customers', () => {
  const customer = (id: string, name: string, extra: Partial<Customer> = {}) => ({ id, name, contacts: [], ...extra });
  const index = new CustomerIndex([
    customer('a', 'Boulangerie Élodie', { siret: '73282932000074' }),
    customer('b', 'Garage Lefèvre', { contacts: [{ id: 'k', name: '', email: 'Compta@Garage-Lefevre.fr' }] }),
    customer('c', 'Café de la Gare'),
    customer('d', 'Hôtel du Port', { siret: '44306184100047' }),
  ]);

  it('builds keys: compact SIRET, lower-case email, normalised name', () => {
    expect(matchCustomerKey({ name: '  CAFÉ  de la gare ', siret: '732 829 320 00074', email: ' X@Y.FR ' })).toEqual({
      name: 'cafe de la gare',
      siret: '73282932000074',
      email: 'x@y.fr',
    });
    expect(matchCustomerKey({ name: 'A', siret: '', email: '' })).toEqual({ name: 'a' });
  });

  it('matches by SIRET first, whatever the name', () => {
    expect(index.find(matchCustomerKey({ name: 'Autre nom', siret: '732 829 320 00074' }))).toMatchObject({ customer: { id: 'a' }, by: 'siret' });
  });

  it('then by email, case-insensitively', () => {
    expect(index.find(matchCustomerKey({ name: 'Lefèvre Automobiles', email: 'compta@garage-lefevre.FR' }))).toMatchObject({
      customer: { id: 'b' },
      by: 'email',
    });
  });

  it('then by name, accents and case aside', () => {
    expect(index.find(matchCustomerKey({ name: 'CAFE DE LA GARE' }))).toMatchObject({ customer: { id: 'c' }, by: 'name' });
    expect(index.find(matchCustomerKey({ name: 'boulangerie elodie' }))).toMatchObject({ customer: { id: 'a' }, by: 'name' });
  });

  it('does not match a namesake holding another SIRET', () => {
    expect(index.find(matchCustomerKey({ name: 'Hôtel du Port', siret: '73282932000082' }))).toBeUndefined();
    expect(index.find(matchCustomerKey({ name: 'Inconnu' }))).toBeUndefined();
  });

  it('finds customers added later', () => {
    const local = new CustomerIndex();
    local.add(customer('n', 'Nouveau Client'));
    expect(local.find(matchCustomerKey({ name: 'nouveau client' }))?.customer.id).toBe('n');
  });

  it('customerMatchesKey: SIRETs decide when both have one, else email or name', () => {
    const hotel = customer('d', 'Hôtel du Port', { siret: '44306184100047' });
    expect(customerMatchesKey(hotel, matchCustomerKey({ name: 'Hotel du Port', siret: '44306184100048' }))).toBe(false);
    expect(customerMatchesKey(hotel, matchCustomerKey({ name: 'Renamed', siret: '443 061 841 00047' }))).toBe(true);
    expect(customerMatchesKey(hotel, matchCustomerKey({ name: 'hotel du port' }))).toBe(true);
    expect(customerMatchesKey(hotel, matchCustomerKey({ name: 'Someone else' }))).toBe(false);
  });
});
