/**
 * Checks the shop's identity before it is saved: what is printed on every letter and email must be
 * right (a wrong IBAN on a letter sends the customer's money nowhere). Pure; returns one error key
 * per wrong field, translated by the screen.
 */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { isValidSiret, isValidVatNumber } from './siret';
import type { ShopIdentity } from './model';

export type ShopField = 'name' | 'postcode' | 'siret' | 'vatNumber' | 'iban' | 'bic' | 'email' | 'logo';
export type ShopErrorKey = 'required' | 'postcode' | 'siret' | 'vat' | 'iban' | 'bic' | 'email' | 'logoType' | 'logoSize';

/** Generous on purpose: the mail server is the real judge; this catches typos like a missing "@". */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;
export const MAX_LOGO_BYTES = 500 * 1024;

export function normalizeIban(iban: string): string {
  return electronicFormatIBAN(iban) ?? iban.replace(/\s/g, '').toUpperCase();
}

export function validateShopIdentity(shop: ShopIdentity): Partial<Record<ShopField, ShopErrorKey>> {
  const errors: Partial<Record<ShopField, ShopErrorKey>> = {};
  if (!shop.name.trim()) errors.name = 'required';
  const postcode = shop.address.postcode.trim();
  if (postcode && shop.address.country === 'FR' && !/^\d{5}$/.test(postcode)) errors.postcode = 'postcode';
  if (shop.siret?.trim() && !isValidSiret(shop.siret)) errors.siret = 'siret';
  if (shop.vatNumber?.trim() && !isValidVatNumber(shop.vatNumber)) errors.vatNumber = 'vat';
  if (shop.iban?.trim() && !isValidIBAN(normalizeIban(shop.iban))) errors.iban = 'iban';
  if (shop.bic?.trim() && !isValidBIC(shop.bic.replace(/\s/g, '').toUpperCase())) errors.bic = 'bic';
  if (shop.email?.trim() && !EMAIL.test(shop.email.trim())) errors.email = 'email';
  if (shop.logoDataUrl) {
    const match = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/=]+)$/.exec(shop.logoDataUrl);
    if (!match) errors.logo = 'logoType';
    else if (Math.floor(((match[2] ?? '').length * 3) / 4) > MAX_LOGO_BYTES) errors.logo = 'logoSize';
  }
  return errors;
}
