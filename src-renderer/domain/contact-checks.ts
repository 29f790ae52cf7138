/**
 * Customer contact details: phone normalisation, email check, the warnings shown on a customer record
 * (missing or invalid email/phone/mobile, incomplete address), and how an imported line finds its
 * customer (SIRET, then email, then name). Pure: no storage, no clock.
 *
 * Warnings are codes, not sentences: the screens turn `{ field: 'email', problem: 'invalid' }` into
 * text through i18n (e.g. key `warnings.email.invalid`).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Contact, Customer, CustomerKind, PostalAddress } from './model';
import { normalizeName } from './text';

// ---------------------------------------------------------------------------------------------------
// Phone numbers

export type PhoneError = 'empty' | 'invalid';

/**
 * "06 12 34 56 78", "+33 6 12 34 56 78", "0033 6…", "06.12.34.56.78" → `{ e164: '+33612345678' }`.
 * A number without an international prefix is read in `defaultCountry` (FR). Not a valid number for
 * its country (too short, unknown prefix, letters, an extension) → `{ error: 'invalid' }`.
 */
export function normalizePhone(raw: string, defaultCountry: string = 'FR'): { e164: string } | { error: PhoneError } {
  const trimmed = raw.trim();
  if (trimmed === '') return { error: 'empty' };
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isValid()) return { error: 'invalid' };
  return { e164: parsed.number };
}

/**
 * French mobile numbers (06, 07): the ones that can receive an SMS or a WhatsApp message. Decided on
 * the E.164 prefix, which keeps the small metadata set of libphonenumber-js (no `getType`).
 */
export function isFrenchMobile(e164: string): boolean {
  return /^\+33[67]\d{8}$/.test(e164);
}

/** The stored form of a typed phone number: E.164 when it can be normalised, otherwise as typed (trimmed). */
export function phoneForStorage(raw: string, defaultCountry: string = 'FR'): string {
  const result = normalizePhone(raw, defaultCountry);
  return 'e164' in result ? result.e164 : raw.trim();
}

// ---------------------------------------------------------------------------------------------------
// Email

/**
 * A pragmatic check, not RFC 5322: one `@`, no spaces, a local part, a domain with at least one dot,
 * labels of letters/digits/hyphens (accented letters accepted), a top-level domain of 2+ letters.
 */
export function isValidEmail(value: string): boolean {
  const email = value.trim();
  if (email.length > 254) return false;
  const match = /^([^\s@]+)@([^\s@]+)$/u.exec(email);
  if (!match) return false;
  const [, local = '', domain = ''] = match;
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  if (!/^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1] ?? '';
  if (!/^\p{L}{2,}$/u.test(tld) && !/^xn--[a-z0-9-]+$/i.test(tld)) return false;
  return labels.every((label) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(label));
}

/** The form used to compare emails: trimmed, lower-case. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------------
// Postal address

export type AddressPart = 'lines' | 'postcode' | 'city';

/** French postcodes are 5 digits (including Corsica, 20xxx, and overseas departments, 97xxx). */
export function isValidFrenchPostcode(postcode: string): boolean {
  return /^\d{5}$/.test(postcode.trim());
}

/** The parts of an address left empty (no non-blank line, no postcode, no city). */
export function missingAddressParts(address: PostalAddress): AddressPart[] {
  const missing: AddressPart[] = [];
  if (!address.lines.some((line) => line.trim() !== '')) missing.push('lines');
  if (address.postcode.trim() === '') missing.push('postcode');
  if (address.city.trim() === '') missing.push('city');
  return missing;
}

// ---------------------------------------------------------------------------------------------------
// Warnings on a customer record

export type WarningField = 'email' | 'phone' | 'mobile' | 'address';

/**
 * - `missing`: nobody has one (email, phone or mobile, address); for `mobile` only reported when the
 *   preferred channel is SMS or WhatsApp.
 * - `invalid`: the value of `contactId` cannot be used (email malformed, phone not a valid number);
 *   for `address`: the postcode is not a French one (`parts: ['postcode']`).
 * - `not-mobile`: the mobile of `contactId` is a valid French number but not a mobile (01-05, 08, 09).
 * - `incomplete`: the address lacks `parts`.
 */
export type WarningProblem = 'missing' | 'invalid' | 'not-mobile' | 'incomplete';

export interface ContactWarning {
  field: WarningField;
  problem: WarningProblem;
  /** The contact holding the faulty value; absent for customer-level warnings (`missing`, address). */
  contactId?: string;
  /** Address parts concerned (`incomplete`, `invalid`). */
  parts?: AddressPart[];
}

export type CheckedCustomer = Pick<Customer, 'contacts' | 'address' | 'preferredChannel'>;

/** What the customer record lacks for the reminders to reach the customer; empty when all is well. */
export function customerWarnings(customer: CheckedCustomer): ContactWarning[] {
  const warnings: ContactWarning[] = [];
  const country = customer.address?.country || 'FR';
  const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

  const contacts = customer.contacts;
  if (!contacts.some((contact) => present(contact.email))) warnings.push({ field: 'email', problem: 'missing' });
  for (const contact of contacts) {
    if (present(contact.email) && !isValidEmail(contact.email)) {
      warnings.push({ field: 'email', problem: 'invalid', contactId: contact.id });
    }
  }

  if (!contacts.some((contact) => present(contact.phone) || present(contact.mobile))) {
    warnings.push({ field: 'phone', problem: 'missing' });
  }
  for (const contact of contacts) {
    if (present(contact.phone) && 'error' in normalizePhone(contact.phone, country)) {
      warnings.push({ field: 'phone', problem: 'invalid', contactId: contact.id });
    }
  }

  const wantsMobile = customer.preferredChannel === 'sms' || customer.preferredChannel === 'whatsapp';
  if (wantsMobile && !contacts.some((contact) => present(contact.mobile))) {
    warnings.push({ field: 'mobile', problem: 'missing' });
  }
  for (const contact of contacts) {
    if (!present(contact.mobile)) continue;
    const result = normalizePhone(contact.mobile, country);
    if ('error' in result) warnings.push({ field: 'mobile', problem: 'invalid', contactId: contact.id });
    else if (result.e164.startsWith('+33') && !isFrenchMobile(result.e164)) {
      warnings.push({ field: 'mobile', problem: 'not-mobile', contactId: contact.id });
    }
  }

  const address = customer.address;
  if (!address || missingAddressParts(address).length === 3) {
    warnings.push({ field: 'address', problem: 'missing' });
  } else {
    const missing = missingAddressParts(address);
    if (missing.length > 0) warnings.push({ field: 'address', problem: 'incomplete', parts: missing });
    if ((address.country || 'FR') === 'FR' && address.postcode.trim() !== '' && !isValidFrenchPostcode(address.postcode)) {
      warnings.push({ field: 'address', problem: 'invalid', parts: ['postcode'] });
    }
  }
  return warnings;
}

// ---------------------------------------------------------------------------------------------------
// Customer kind

/**
 * Legal forms and trade words that mark a company name: SARL, SAS(U), EURL, SA, SCI, SNC, SCP, SELARL,
 * SCOP, EI, EIRL, GAEC, GIE, Ets / Établissements, Cabinet, Société, Cie, and common shop trades
 * (Garage, Boulangerie, Pharmacie, Hôtel, Café…), matched as whole words on the
 * normalised name, dots dropped ("S.A.R.L." counts, "sa" inside "Lisa" does not).
 */
const COMPANY_WORDS = new Set([
  'sarl', 'sas', 'sasu', 'eurl', 'sa', 'sci', 'snc', 'scp', 'scm', 'selarl', 'selas', 'scop', 'sca', 'scs',
  'ei', 'eirl', 'gaec', 'earl', 'gie', 'sem', 'ets', 'etablissements', 'etablissement', 'cabinet', 'societe',
  'ste', 'cie', 'compagnie', 'groupe', 'holding', 'association', 'asso', 'mairie', 'commune', 'ltd', 'gmbh',
  'inc', 'llc', 'sprl', 'srl', 'bv',
  // Trade names a private person is never called: "Garage Lefèvre", "Boulangerie Martin", "Café de la Gare".
  'garage', 'boulangerie', 'patisserie', 'boucherie', 'charcuterie', 'traiteur', 'pharmacie', 'restaurant',
  'hotel', 'cafe', 'brasserie', 'epicerie', 'fromagerie', 'plomberie', 'menuiserie', 'maconnerie', 'electricite',
  'peinture', 'transports', 'imprimerie', 'librairie', 'atelier', 'agence', 'clinique', 'laboratoire', 'creche',
]);

export function looksLikeCompany(name: string): boolean {
  const words = normalizeName(name)
    .replace(/\./g, '') // "S.A.R.L." → "sarl"
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word !== '');
  return words.some((word) => COMPANY_WORDS.has(word));
}

/** `business` when there is a SIRET or the name looks like a company's, `consumer` otherwise. */
export function guessCustomerKind(name: string, siret?: string): CustomerKind {
  return (siret !== undefined && siret.trim() !== '') || looksLikeCompany(name) ? 'business' : 'consumer';
}

// ---------------------------------------------------------------------------------------------------
// Matching an imported line to a customer

/** SIRET without spaces, email lower-case, name normalised (domain/text.ts); absent keys are omitted. */
export interface CustomerKey {
  siret?: string;
  email?: string;
  name: string;
}

export function compactSiret(siret: string): string {
  return siret.replace(/[\s.-]/g, '');
}

export function matchCustomerKey(input: { name: string; siret?: string; email?: string }): CustomerKey {
  const key: CustomerKey = { name: normalizeName(input.name) };
  const siret = input.siret === undefined ? '' : compactSiret(input.siret);
  if (siret !== '') key.siret = siret;
  const email = input.email === undefined ? '' : normalizeEmail(input.email);
  if (email !== '') key.email = email;
  return key;
}

export type MatchableCustomer = Pick<Customer, 'id' | 'name' | 'siret' | 'contacts'> & { normalizedName?: string };

export type MatchedBy = 'siret' | 'email' | 'name';

function customerEmails(customer: { contacts: readonly Pick<Contact, 'email'>[] }): string[] {
  return customer.contacts.flatMap((contact) =>
    contact.email && contact.email.trim() !== '' ? [normalizeEmail(contact.email)] : [],
  );
}

/**
 * Is `customer` the one `key` describes? When both have a SIRET, the SIRETs decide. Otherwise an email
 * of one of its contacts or the normalised name is enough (a customer renamed in the invoicing tool
 * keeps its email, one whose email changed keeps its name).
 */
export function customerMatchesKey(customer: MatchableCustomer, key: CustomerKey): boolean {
  const siret = customer.siret ? compactSiret(customer.siret) : '';
  if (key.siret !== undefined && siret !== '') return key.siret === siret;
  if (key.email !== undefined && customerEmails(customer).includes(key.email)) return true;
  return (customer.normalizedName ?? normalizeName(customer.name)) === key.name;
}

/**
 * Finds customers by SIRET, then email (case-insensitive, any contact), then normalised name.
 * When several customers share a key the first one added wins. `add` makes customers created during
 * an import findable by the next lines.
 */
export class CustomerIndex<C extends MatchableCustomer = MatchableCustomer> {
  private readonly bySiret = new Map<string, C>();
  private readonly byEmail = new Map<string, C>();
  private readonly byName = new Map<string, C>();

  constructor(customers: Iterable<C> = []) {
    for (const customer of customers) this.add(customer);
  }

  add(customer: C): void {
    const siret = customer.siret ? compactSiret(customer.siret) : '';
    if (siret !== '' && !this.bySiret.has(siret)) this.bySiret.set(siret, customer);
    for (const email of customerEmails(customer)) if (!this.byEmail.has(email)) this.byEmail.set(email, customer);
    const name = customer.normalizedName ?? normalizeName(customer.name);
    if (name !== '' && !this.byName.has(name)) this.byName.set(name, customer);
  }

  find(key: CustomerKey): { customer: C; by: MatchedBy } | undefined {
    const bySiret = key.siret === undefined ? undefined : this.bySiret.get(key.siret);
    if (bySiret) return { customer: bySiret, by: 'siret' };
    const byEmail = key.email === undefined ? undefined : this.byEmail.get(key.email);
    // A customer found by email or name but holding ANOTHER SIRET is another establishment: no match.
    if (byEmail && customerMatchesKey(byEmail, { ...key, name: byEmail.normalizedName ?? normalizeName(byEmail.name) })) {
      return { customer: byEmail, by: 'email' };
    }
    const byName = this.byName.get(key.name);
    if (byName && customerMatchesKey(byName, key)) return { customer: byName, by: 'name' };
    return undefined;
  }
}
