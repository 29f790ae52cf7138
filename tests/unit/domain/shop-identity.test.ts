import { describe, expect, it } from 'vitest';
import { validateShopIdentity } from '../../../src-renderer/domain/shop-identity';
import type { ShopIdentity } from '../../../src-renderer/domain/model';

const valid: ShopIdentity = {
  name: 'Quincaillerie Martin',
  address: { lines: ['12 rue des Tanneurs'], postcode: '69002', city: 'Lyon', country: 'FR' },
  siret: '73282932000074',
  vatNumber: 'FR44732829320',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP',
  email: 'contact@quincaillerie-martin.fr',
};

describe('validateShopIdentity', () => {
  it('accepts a complete, correct identity (spaces in the IBAN are fine)', () => {
    expect(validateShopIdentity(valid)).toEqual({});
  });

  it('accepts an identity with only a name', () => {
    expect(validateShopIdentity({ name: 'Chez Paul', address: { lines: [], postcode: '', city: '', country: 'FR' } })).toEqual({});
  });

  it.each([
    ['name', { name: '  ' }, 'required'],
    ['postcode', { address: { ...valid.address, postcode: '6900' } }, 'postcode'],
    ['siret', { siret: '73282932000075' }, 'siret'],
    ['siret', { siret: '1234' }, 'siret'],
    ['vatNumber', { vatNumber: 'FR4473282932' }, 'vat'],
    ['vatNumber', { vatNumber: 'hello' }, 'vat'],
    ['iban', { iban: 'FR76 3000 6000 0112 3456 7890 188' }, 'iban'],
    ['bic', { bic: 'AGRI' }, 'bic'],
    ['email', { email: 'contact@martin' }, 'email'],
    ['email', { email: '<script>@x.fr' }, 'email'],
    ['logo', { logoDataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }, 'logoType'],
    ['logo', { logoDataUrl: `data:image/png;base64,${'A'.repeat(700_000)}` }, 'logoSize'],
  ] as const)('flags %s in %j as %s', (field, change, error) => {
    expect(validateShopIdentity({ ...valid, ...change })).toEqual({ [field]: error });
  });

  it('accepts a Belgian postcode when the country is not France', () => {
    expect(validateShopIdentity({ ...valid, address: { ...valid.address, postcode: '1000', country: 'BE' } })).toEqual({});
  });
});
