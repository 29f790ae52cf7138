/**
 * The customer form's state and its checks before saving: what the user typed (`CustomerDraft`),
 * turned into the repository's `CustomerFormInput` with phones in E.164, or into field errors.
 * The repository checks again (and is the judge for a SIRET already used by another customer).
 */
import { compactSiret, isValidEmail, isValidFrenchPostcode, normalizePhone } from '../../domain/contact-checks';
import { isValidSiret, isValidVatNumber } from '../../domain/siret';
import type { Channel, Customer, CustomerKind, Language } from '../../domain/model';
import type { CustomerFormInput } from '../../db/ledger-repo';
import type { FieldErrors } from '../invoices/ledger-errors';
import { formatPhone } from '../../ui/format';

export const FORM_CHANNELS: Channel[] = ['email', 'sms', 'whatsapp', 'phone', 'letter'];

export interface ContactDraft {
  id: string;
  name: string;
  civility: '' | 'madame' | 'monsieur';
  role: string;
  email: string;
  phone: string;
  mobile: string;
}

export interface CustomerDraft {
  name: string;
  kind: CustomerKind;
  siret: string;
  vatNumber: string;
  contacts: ContactDraft[];
  preferredContactId: string | null;
  addressLines: string;
  postcode: string;
  city: string;
  country: string;
  preferredChannel: Channel;
  language: Language;
  tags: string[];
  notes: string;
  doNotChase: boolean;
  doNotChaseReason: string;
  /** The follow-up policy chosen for this customer; null = the shop's default. */
  policyId: string | null;
}

export function emptyContact(): ContactDraft {
  return { id: crypto.randomUUID(), name: '', civility: '', role: '', email: '', phone: '', mobile: '' };
}

export function draftFromCustomer(customer: Customer | undefined, language: Language): CustomerDraft {
  if (!customer) {
    return {
      name: '',
      kind: 'business',
      siret: '',
      vatNumber: '',
      contacts: [emptyContact()],
      preferredContactId: null,
      addressLines: '',
      postcode: '',
      city: '',
      country: 'FR',
      preferredChannel: 'email',
      language,
      tags: [],
      notes: '',
      doNotChase: false,
      doNotChaseReason: '',
      policyId: null,
    };
  }
  return {
    name: customer.name,
    kind: customer.kind,
    siret: customer.siret ?? '',
    vatNumber: customer.vatNumber ?? '',
    contacts: customer.contacts.map((contact) => ({
      id: contact.id,
      name: contact.name,
      civility: contact.civility ?? '',
      role: contact.role ?? '',
      email: contact.email ?? '',
      // Stored in E.164, shown as people write them ("06 12 34 56 78"); saving normalises them again.
      phone: contact.phone ? formatPhone(contact.phone) : '',
      mobile: contact.mobile ? formatPhone(contact.mobile) : '',
    })),
    preferredContactId: customer.preferredContactId ?? null,
    addressLines: customer.address?.lines.join('\n') ?? '',
    postcode: customer.address?.postcode ?? '',
    city: customer.address?.city ?? '',
    country: customer.address?.country || 'FR',
    preferredChannel: customer.preferredChannel,
    language: customer.language,
    tags: [...customer.tags],
    notes: customer.notes ?? '',
    doNotChase: customer.doNotChase !== undefined,
    doNotChaseReason: customer.doNotChase?.reason ?? '',
    policyId: customer.policyId ?? null,
  };
}

function isBlankContact(contact: ContactDraft): boolean {
  return [contact.name, contact.role, contact.email, contact.phone, contact.mobile].every((value) => value.trim() === '');
}


export interface CheckedDraft {
  /** What to send to `saveCustomer`, when the draft has no error. */
  input: CustomerFormInput | null;
  errors: FieldErrors;
  /** The ids of the contacts sent, in order: `contacts.<i>.…` of a repository error is `contactIds[i]`. */
  contactIds: string[];
}

/**
 * Checks the draft and builds the input. Blank contact rows are dropped; phones are normalised to
 * E.164 (an unreadable one is an error here, although the repository would store it as typed);
 * fields the form does not show (`pausedUntil`) are kept from `existing`.
 */
export function checkDraft(draft: CustomerDraft, existing?: Customer): CheckedDraft {
  const errors: FieldErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = { key: 'required' };

  const siret = compactSiret(draft.siret);
  if (siret !== '' && !isValidSiret(siret)) errors.siret = { key: 'siret' };
  const vat = draft.vatNumber.replace(/[\s.-]/g, '').toUpperCase();
  if (vat !== '' && !isValidVatNumber(vat)) errors.vatNumber = { key: 'vat' };

  const country = draft.country.trim().toUpperCase() || 'FR';
  if (!/^[A-Z]{2}$/.test(country)) errors.country = { key: 'country' };
  const postcode = draft.postcode.trim();
  if (country === 'FR' && postcode !== '' && !isValidFrenchPostcode(postcode)) errors.postcode = { key: 'postcode' };

  const kept = draft.contacts.filter((contact) => !isBlankContact(contact));
  const contacts: CustomerFormInput['contacts'] = kept.map((contact) => {
    const key = `contacts.${contact.id}`;
    const clean: CustomerFormInput['contacts'][number] = { id: contact.id, name: contact.name.trim() };
    if (clean.name === '') errors[`${key}.name`] = { key: 'contactName' };
    if (contact.civility) clean.civility = contact.civility;
    if (contact.role.trim()) clean.role = contact.role.trim();
    const email = contact.email.trim();
    if (email !== '') {
      if (!isValidEmail(email)) errors[`${key}.email`] = { key: 'email' };
      clean.email = email;
    }
    for (const field of ['phone', 'mobile'] as const) {
      if (contact[field].trim() === '') continue;
      const result = normalizePhone(contact[field], country);
      if ('e164' in result) clean[field] = result.e164;
      else errors[`${key}.${field}`] = { key: 'phone' };
    }
    return clean;
  });

  if (draft.doNotChase && draft.doNotChaseReason.trim() === '') errors.doNotChaseReason = { key: 'doNotChaseReason' };

  const contactIds = kept.map((contact) => contact.id);
  if (Object.keys(errors).length > 0) return { input: null, errors, contactIds };

  const preferred = draft.preferredContactId && contactIds.includes(draft.preferredContactId) ? draft.preferredContactId : contactIds[0];
  const lines = draft.addressLines
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const city = draft.city.trim();
  const input: CustomerFormInput = {
    name,
    kind: draft.kind,
    contacts,
    preferredChannel: draft.preferredChannel,
    language: draft.language,
    tags: [...new Set(draft.tags.map((tag) => tag.trim()).filter((tag) => tag !== ''))],
  };
  if (existing) {
    input.id = existing.id;
    if (existing.pausedUntil !== undefined) input.pausedUntil = existing.pausedUntil;
  }
  if (draft.policyId) input.policyId = draft.policyId;
  if (siret !== '') input.siret = siret;
  if (vat !== '') input.vatNumber = vat;
  if (preferred !== undefined) input.preferredContactId = preferred;
  if (lines.length > 0 || postcode !== '' || city !== '') input.address = { lines, postcode, city, country };
  if (draft.notes.trim() !== '') input.notes = draft.notes.trim();
  return { input, errors, contactIds };
}

/** `contacts.0.email` (the repository's index) → `contacts.<id>.email` (the form's key). */
export function contactFieldRenamer(contactIds: string[]): (field: string) => string {
  return (field) => {
    const match = /^contacts\.(\d+)\.(.+)$/.exec(field);
    if (!match) return field;
    const id = contactIds[Number(match[1])];
    return id === undefined ? field : `contacts.${id}.${match[2]}`;
  };
}
