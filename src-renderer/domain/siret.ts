/**
 * French company identifiers. A SIREN (9 digits) and a SIRET (14 digits = SIREN + 5-digit
 * establishment number) both pass the Luhn check (La Poste's establishments excepted, see below).
 */

/** Luhn (mod 10) check over a string of digits. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The digit to append to `payload` so that the whole passes the Luhn check. */
export function luhnCheckDigit(payload: string): string {
  for (let digit = 0; digit <= 9; digit += 1) {
    if (isLuhnValid(`${payload}${digit}`)) return String(digit);
  }
  throw new Error(`Not a string of digits: "${payload}"`);
}

const LA_POSTE_SIREN = '356000000';

/** 14 digits, Luhn-valid; La Poste's SIRETs use another rule (sum of digits multiple of 5). */
export function isValidSiret(siret: string): boolean {
  const compact = siret.replace(/\s/g, '');
  if (!/^\d{14}$/.test(compact)) return false;
  if (compact.startsWith(LA_POSTE_SIREN)) {
    return [...compact].reduce((sum, d) => sum + Number(d), 0) % 5 === 0;
  }
  return isLuhnValid(compact);
}

/** Intra-EU VAT number of a French company: "FR" + 2-digit key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
export function frenchVatNumber(siren: string): string {
  if (!/^\d{9}$/.test(siren)) throw new Error(`A SIREN has 9 digits: "${siren}"`);
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

/** VAT numbers of the EU (VIES prefixes, EL for Greece, XI for Northern Ireland), Switzerland and the UK. */
const VAT_NUMBER = /^(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI|CHE|GB)[0-9A-Z]{2,13}$/;
/** French ones: FR + 2-character key + SIREN. */
const FRENCH_VAT_NUMBER = /^FR[0-9A-Z]{2}\d{9}$/;

/** The shape of a VAT number (spaces and case ignored); the key itself is not checked. */
export function isValidVatNumber(vat: string): boolean {
  const compact = vat.replace(/\s/g, '').toUpperCase();
  return compact.startsWith('FR') ? FRENCH_VAT_NUMBER.test(compact) : VAT_NUMBER.test(compact);
}
