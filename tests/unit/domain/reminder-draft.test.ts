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

describe('a payment plan’s instalment reminder (rappel d’échéance)', () => {
  const instalment = { planId: 'plan', index: 1, count: 4, dueDate: '2026-11-26', amountCents: 300_00, remainingCents: 250_00 } as const;
  const english = { ...customer, language: 'en' as const };
  it.each<[string, Channel, 'before' | 'missed', Customer, RegExp[]]>([
    ['email before, French', 'email', 'before', customer, [/échéance n° 2 sur 4/, /montant dû de 250,00\s€/u, /à régler le 26 novembre 2026/]],
    ['email after, French', 'email', 'missed', customer, [/échéance n° 2 sur 4 de votre échéancier, prévue le 26 novembre 2026/, /250,00\s€, à régler d’ici le 29 novembre 2026/u, /Si ce rappel a croisé votre règlement/]],
    ['SMS before, French', 'sms', 'before', customer, [/l’échéance n° 2 sur 4 de votre échéancier \(montant dû : 250,00\s€\) est à régler le 26 novembre 2026/u]],
    ['WhatsApp after, English', 'whatsapp', 'missed', english, [/instalment 2 of 4 of 26 November 2026 \(amount due: €250.00\)/, /please pay it by 29 November 2026/]],
    ['email before, English', 'email', 'before', english, [/instalment 2 of 4, an amount due of €250.00, is to be paid on 26 November 2026/]],
  ])('%s: says which instalment, how much and by when', (_label, channel, when, who, expected) => {
    const draft = draftReminder(
      input({
        customer: who,
        action: { channel, templateId: `instalment-${when}-${channel}`, invoiceIds: ['a', 'b'], newDeadline: when === 'before' ? '2026-11-26' : '2026-11-29', instalment: { ...instalment, when } },
      }),
    );
    for (const pattern of expected) expect(draft.text).toMatch(pattern);
    expect(draft.text).not.toMatch(/dette|debt|huissier|bailiff/i);
  });

  it('the QR code asks for what is left on the instalment, not the whole plan', () => {
    const draft = draftReminder(input({ action: { channel: 'email', templateId: 'instalment-before-email', invoiceIds: ['a', 'b'], newDeadline: '2026-11-26', instalment: { ...instalment, when: 'before' } } }));
    expect(draft.qrPayload?.split('\n')).toContain('EUR250.00');
    expect(draft.subject).toBe('Rappel d’échéance : échéance n° 2 sur 4 de votre échéancier le 26 novembre 2026');
  });
});

describe('late-payment charges in a reminder (the shop’s rate tables)', () => {
  // 1,000.00 € due 2026-09-15, 500.00 € paid on 2026-10-15, at 2026-11-23 (second half of 2026: ECB 2.15 % + 10 = 12.15 %).
  const late = anInvoice('l', 'c1', '2026-09-15', { number: 'F-2026-050', totalCents: 100_000, paidCents: 50_000 });
  const payments = [
    { id: 'p', customerId: 'c1', date: '2026-10-15', amountCents: 50_000, method: 'virement' as const, allocations: [{ invoiceId: 'l', amountCents: 50_000 }], invoiceIds: ['l'], createdAt: '2026-10-15T10:00:00Z' },
  ];
  const business = aCustomer('c1', { kind: 'business', contacts: [{ id: 'k', name: 'Élodie Müller', civility: 'madame', email: 'e@client.fr' }] });
  const firm = (extra: Partial<DraftInput>) =>
    draftReminder({
      action: { channel: 'email', templateId: 'second-reminder', invoiceIds: ['l'], newDeadline: '2026-12-01' },
      customer: business,
      invoices: [late],
      shop: SHOP,
      today: '2026-11-23',
      ...extra,
    });
  // 1,000 € × 12.15 % × 30/365 (16 Sep–15 Oct) + 500 € × 12.15 % × 39/365 (16 Oct–23 Nov) = 9.986… + 6.491… = 16.48 €.
  const rates = { ecb: [{ from: '2025-06-11', ratePercent: 2.15 }], legalConsumer: [{ from: '2026-01-01', ratePercent: 6.67 }] };

  it.each([
    ['business, with the shop’s rates: penalties and the 40 € indemnity', business, rates, /À ce jour, elles s’élèvent à 16,48\s€ de pénalités et 40,00\s€ d’indemnité\./u],
    ['another rate in the shop’s table gives other figures (ECB 3 % → 13 %)', business, { ...rates, ecb: [{ from: '2025-06-11', ratePercent: 3 }] }, /elles s’élèvent à 17,63\s€ de pénalités/u],
  ])('%s', (_, customer, table, expected) => {
    const draft = firm({ customer, charges: { rates: table, payments } });
    expect(draft.text).toMatch(expected);
    expect(draft.html).toMatch(expected);
  });

  it.each([
    ['no rate tables given', { customer: business }],
    ['a consumer without formal notice', { customer: { ...business, kind: 'consumer' as const }, charges: { rates, payments } }],
    ['a table missing the rates the period needs: the reminder still goes, without figures', { customer: business, charges: { rates: { ecb: [{ from: '2026-10-01', ratePercent: 2 }], legalConsumer: [] }, payments } }],
  ])('no figures: %s', (_, extra) => {
    const draft = firm(extra);
    expect(draft.text).not.toMatch(/À ce jour/);
    expect(draft.subject).toMatch(/F-2026-050/);
  });

  it('a consumer after a formal notice: the legal rate from the day after it, no indemnity', () => {
    const consumer = { ...business, kind: 'consumer' as const };
    const notice = { id: 'n', customerId: 'c1', kind: 'letter' as const, channel: 'formal-notice' as const, at: '2026-11-02T09:00:00.000Z', invoiceIds: ['l'] };
    const template = { id: 'custom', channel: 'email' as const, tone: 'firm' as const, language: 'fr' as const, subject: 'Rappel', body: 'Intérêts : {{penalties}} ; indemnité : {{indemnity}}', builtIn: false };
    const draft = draftReminder({
      action: { channel: 'email', templateId: 'custom', invoiceIds: ['l'], newDeadline: '2026-12-01' },
      customer: consumer,
      invoices: [late],
      shop: SHOP,
      today: '2026-11-23',
      templates: [template],
      charges: { rates, payments, interactions: [notice], timeZone: 'Europe/Paris' },
    });
    // 500 € × 6.67 % × 21/365 (3–23 Nov) = 1.918… → 1.92 €.
    expect(draft.text).toMatch(/Intérêts : 1,92\s€ ; indemnité : 0,00\s€/u);
  });
});
