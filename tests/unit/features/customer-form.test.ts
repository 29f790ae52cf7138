import { describe, expect, it } from 'vitest';
import { checkDraft, contactFieldRenamer, draftFromCustomer, type CustomerDraft } from '../../../src-renderer/features/customers/customer-form';
import { inOverdueRange, type OverdueRange } from '../../../src-renderer/features/invoices/overdue-range';

function draft(change: Partial<CustomerDraft> = {}): CustomerDraft {
  return {
    ...draftFromCustomer(undefined, 'fr'),
    name: 'Garage Éclair SARL',
    contacts: [{ id: 'c1', name: 'Paul Éclair', civility: 'monsieur', role: 'Gérant', email: 'paul@eclair.example.com', phone: '01 99 00 12 34', mobile: '06 39 98 12 34' }],
    preferredContactId: 'c1',
    addressLines: '12 rue des Tanneurs\n\n  Bâtiment B ',
    postcode: '69002',
    city: 'Lyon',
    ...change,
  };
}

describe('checkDraft', () => {
  it('builds the input: trimmed, phones in E.164, blank address lines dropped, blank contacts ignored', () => {
    const { input, errors } = checkDraft(draft({ contacts: [...draft().contacts, { id: 'blank', name: '', civility: '', role: '', email: '', phone: '', mobile: '' }], siret: '732 829 320 00074', tags: [' fidèle', 'fidèle', ''] }));
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      name: 'Garage Éclair SARL',
      siret: '73282932000074',
      contacts: [{ id: 'c1', name: 'Paul Éclair', civility: 'monsieur', role: 'Gérant', email: 'paul@eclair.example.com', phone: '+33199001234', mobile: '+33639981234' }],
      preferredContactId: 'c1',
      address: { lines: ['12 rue des Tanneurs', 'Bâtiment B'], postcode: '69002', city: 'Lyon', country: 'FR' },
      tags: ['fidèle'],
    });
  });

  it.each([
    ['name', { name: '  ' }, 'required'],
    ['siret', { siret: '73282932000075' }, 'siret'],
    ['vatNumber', { vatNumber: 'XX123' }, 'vat'],
    ['postcode', { postcode: '6900' }, 'postcode'],
    ['country', { country: 'France', contacts: [{ ...draft().contacts[0]!, phone: '', mobile: '' }] }, 'country'],
    ['contacts.c1.email', { contacts: [{ ...draft().contacts[0]!, email: 'paul@' }] }, 'email'],
    ['contacts.c1.phone', { contacts: [{ ...draft().contacts[0]!, phone: '12' }] }, 'phone'],
    ['contacts.c1.name', { contacts: [{ ...draft().contacts[0]!, name: '' }] }, 'contactName'],
    ['doNotChaseReason', { doNotChase: true, doNotChaseReason: ' ' }, 'doNotChaseReason'],
  ] as const)('flags %s', (field, change, key) => {
    const { input, errors } = checkDraft(draft(change as Partial<CustomerDraft>));
    expect(input).toBeNull();
    expect(errors).toEqual({ [field]: { key } });
  });

  it('accepts a foreign postcode outside France, and reads phones as numbers of that country', () => {
    const belgian = draft({ country: 'be', postcode: '1000', contacts: [{ ...draft().contacts[0]!, phone: '02 555 12 34', mobile: '' }] });
    const { input, errors } = checkDraft(belgian);
    expect(errors).toEqual({});
    expect(input?.contacts[0]?.phone).toBe('+3225551234');
  });

  it('maps the repository’s contact index back to the form’s contact id', () => {
    const rename = contactFieldRenamer(['c1', 'c2']);
    expect(rename('contacts.1.email')).toBe('contacts.c2.email');
    expect(rename('contacts.5.email')).toBe('contacts.5.email');
    expect(rename('siret')).toBe('siret');
  });
});

describe('inOverdueRange', () => {
  it.each([
    [0, '1-30', false],
    [1, '1-30', true],
    [30, '1-30', true],
    [31, '1-30', false],
    [31, '31-60', true],
    [60, '31-60', true],
    [61, '61-90', true],
    [90, '61-90', true],
    [90, '90+', false],
    [91, '90+', true],
    [400, '90+', true],
  ] as const)('%i days late is in %s: %s', (daysLate, range, expected) => {
    expect(inOverdueRange({ daysLate }, range as OverdueRange)).toBe(expected);
  });
});
