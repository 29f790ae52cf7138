import { describe, expect, it } from 'vitest';
import { draftReminder, htmlAfterEdit, recipientFor, statementAttachedTo, textToHtml, type DraftInput } from '../../../src-renderer/domain/reminder-draft';
import type { Channel, Customer, ShopIdentity } from '../../../src-renderer/domain/model';
import { aCustomer, anInvoice } from './builders';

const SHOP: ShopIdentity = { name: 'Boulangerie Martin', address: { lines: ['12 rue des Lilas'], postcode: '69003', city: 'Lyon', country: 'FR' }, iban: 'FR7630006000011234567890189', signature: 'La boulangerie' };
const HOSTILE = '<img src=x onerror=alert(1)>';
const customer = aCustomer('c1', {
  name: HOSTILE,
  contacts: [
    { id: 'k1', name: 'Sans adresse', mobile: '+33612345678' },
    { id: 'k2', name: 'Élodie Müller', civility: 'madame', email: 'elodie@client.fr' },
  ],
  preferredContactId: 'k1',
});
const invoices = [
  anInvoice('a', 'c1', '2026-11-01', { number: 'F-2026-001', totalCents: 120_000, paidCents: 20_000, pdf: new Blob(['%PDF']) }),
  anInvoice('b', 'c1', '2026-11-10', { number: 'F-2026-002', totalCents: 5_050 }),
  anInvoice('z', 'other', '2026-11-10', { number: 'F-OTHER' }),
];
const input = (extra: Partial<DraftInput> = {}): DraftInput => ({
  action: { channel: 'email', templateId: 'first-reminder', invoiceIds: ['a', 'b', 'z'], newDeadline: '2026-12-01' },
  customer,
  invoices,
  shop: SHOP,
  today: '2026-11-23',
  ...extra,
});

describe('a reminder email drafted from its template', () => {
  const draft = draftReminder(input(), 'sepa-qr@relance');

  it('is addressed to the contact with an email, greeted by name, with accents intact', () => {
    expect(draft.contact?.email).toBe('elodie@client.fr');
    expect(draft.text).toContain('Bonjour Madame Müller,');
    expect(draft.subject).toMatch(/F-2026-001/);
  });

  it('lists the customer’s invoices of the action with what is left to pay, and no one else’s', () => {
    expect(draft.text).toContain('F-2026-001');
    expect(draft.text).toMatch(/1\s000,00\s€ \(22 jours de retard\)/u);
    expect(draft.text).toContain('F-2026-002');
    expect(draft.text).not.toContain('F-OTHER');
    expect(draft.html).toContain('<table');
  });

  it('escapes the customer’s name in the HTML and keeps it as typed in the text', () => {
    const hostile = draftReminder(input({ customer: { ...customer, contacts: [{ id: 'k', name: HOSTILE, email: 'x@client.fr' }] } }));
    expect(hostile.text).toContain(HOSTILE);
    expect(hostile.html).not.toContain('<img src=x');
    expect(hostile.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('shows the SEPA QR code inline for the total due, when the shop has an IBAN', () => {
    expect(draft.qrPayload?.split('\n')).toEqual(expect.arrayContaining(['FR7630006000011234567890189', 'EUR1050.50', 'F-2026-001 F-2026-002']));
    expect(draft.html).toContain('src="cid:sepa-qr@relance"');
    const noIban = draftReminder(input({ shop: { ...SHOP, iban: undefined } }));
    expect(noIban.qrPayload).toBeUndefined();
    expect(noIban.html).not.toContain('cid:');
  });

  it.each([
    ['email', 'courtesy', false],
    ['email', 'friendly', false],
    ['email', undefined, false],
    ['email', 'firm', true],
    ['email', 'formal', true],
    ['sms', 'firm', false],
    ['whatsapp', 'formal', false],
    ['letter', 'firm', false],
  ] as const)('a %s step of tone %s carries the statement of account: %s', (channel, tone, expected) => {
    expect(statementAttachedTo({ channel, ...(tone ? { tone } : {}) })).toBe(expected);
    const drafted = draftReminder(input({ action: { channel, ...(tone ? { tone } : {}), templateId: channel === 'email' ? 'second-reminder' : 'first-reminder', invoiceIds: ['a', 'b'], newDeadline: '2026-12-01' } }));
    expect(drafted.letter).toBe(expected ? 'statement' : undefined);
  });

  it('attaches the invoices whose PDF copy is stored', () => {
    expect(draft.pdfInvoiceIds).toEqual(['a']);
  });

  it('signs with the mail settings’ signature, else the shop’s', () => {
    expect(draft.text).toContain('La boulangerie');
    expect(draftReminder(input({ signature: 'Sophie, au fournil' })).text).toContain('Sophie, au fournil');
  });

  it('is written in the customer’s language', () => {
    const english = draftReminder(input({ customer: { ...customer, language: 'en' } }));
    expect(english.language).toBe('en');
    expect(english.text).toMatch(/^Dear Ms Müller,/);
    expect(english.html).toContain('lang="en"');
  });
});

describe('an edited email', () => {
  const draft = draftReminder(input());
  it.each([
    ['unchanged text keeps the template HTML', draft.text, (html: string) => expect(html).toBe(draft.html)],
    ['edited text becomes escaped paragraphs with the QR code', 'Bonjour <b>vous</b>,\n\nÀ bientôt\nLa boulangerie', (html: string) => {
      expect(html).toContain('<p>Bonjour &lt;b&gt;vous&lt;/b&gt;,</p>');
      expect(html).toContain('<p>À bientôt<br>La boulangerie</p>');
      expect(html).toContain('cid:sepa-qr');
    }],
  ])('%s', (_name, edited, check) => {
    check(htmlAfterEdit(draft, edited));
  });

  it('text to HTML drops empty paragraphs', () => {
    expect(textToHtml('\n\nA & B\r\n\r\n\r\nC\n')).toBe('<p>A &amp; B</p>\n<p>C</p>');
  });
});

describe('short messages and recipients', () => {
  it('an SMS is drafted from the short template, without HTML, to the contact with a mobile', () => {
    const sms = draftReminder(input({ action: { channel: 'sms', templateId: 'sms-reminder', invoiceIds: ['a'], newDeadline: '2026-12-01' } }));
    expect(sms.contact?.id).toBe('k1');
    expect(sms.html).toBe('');
    expect(sms.text).toContain('F-2026-001');
    expect(sms.text.length).toBeLessThan(480);
  });

  it.each([
    ['the preferred contact when it has an email', { preferredContactId: 'k2' }, 'email', 'k2'],
    ['another contact when the preferred one has no email', {}, 'email', 'k2'],
    ['the preferred contact for a mobile', {}, 'sms', 'k1'],
    ['nobody without a mobile', { contacts: [{ id: 'k2', name: 'E', email: 'e@x.fr' }] }, 'whatsapp', undefined],
  ] as [string, Partial<Customer>, Channel, string | undefined][])('%s', (_name, patch, channel, expected) => {
    expect(recipientFor({ ...customer, ...patch }, channel)?.id).toBe(expected);
  });
});
