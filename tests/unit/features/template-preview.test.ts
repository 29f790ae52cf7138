import { describe, expect, it } from 'vitest';
import type { MessageTemplate, ShopIdentity } from '../../../src-renderer/domain/model';
import { originalTemplate } from '../../../src-renderer/domain/template-overrides';
import { previewInvoiceIds, previewTemplate, type PreviewInput } from '../../../src-renderer/features/templates/template-preview';
import { aCustomer, anInvoice } from '../domain/builders';

const TODAY = '2026-11-23';
const SHOP: ShopIdentity = { name: 'Quincaillerie Dupré', address: { lines: ['12 rue de la République'], postcode: '69002', city: 'Lyon', country: 'FR' }, iban: 'FR7630006000011234567890189' };
const customer = aCustomer('c1', {
  name: 'Garage Lefèvre',
  language: 'en',
  address: { lines: ['3 avenue Jean Jaurès'], postcode: '69007', city: 'Lyon', country: 'FR' },
  contacts: [{ id: 'k1', name: 'Hélène Lefèvre', civility: 'madame', email: 'helene@garage.fr', mobile: '+33612345678' }],
  preferredContactId: 'k1',
});
const invoices = [
  anInvoice('late', 'c1', '2026-11-01', { number: 'F-LATE', totalCents: 100_00 }),
  anInvoice('later', 'c1', '2026-11-15', { number: 'F-LATER', totalCents: 50_00 }),
  anInvoice('soon', 'c1', '2026-11-26', { number: 'F-SOON', totalCents: 30_00 }),
  anInvoice('disputed', 'c1', '2026-10-01', { number: 'F-DISPUTED', totalCents: 70_00, dispute: { reason: 'cassé', since: '2026-10-05' } }),
];
const template = (id: string, patch: Partial<MessageTemplate> = {}): MessageTemplate => ({ ...(originalTemplate(id, 'fr') as MessageTemplate), ...patch });
const input = (t: MessageTemplate, extra: Partial<PreviewInput> = {}): PreviewInput => ({
  template: t,
  customer,
  invoices,
  payments: [],
  interactions: [],
  plans: [],
  shop: SHOP,
  timeZone: 'Europe/Paris',
  today: TODAY,
  ...extra,
});

describe('the invoices a preview lists', () => {
  it.each([
    ['a reminder: the late ones, oldest first, never the disputed one', 'first-reminder', ['late', 'later']],
    ['a courtesy message: those not due yet', 'courtesy-email', ['soon']],
  ])('%s', (_, id, expected) => {
    expect(previewInvoiceIds(template(id), customer, invoices, TODAY)).toEqual(expected);
  });

  it('falls back to any open invoice when none is late', () => {
    expect(previewInvoiceIds(template('first-reminder'), customer, [invoices[2]!], TODAY)).toEqual(['soon']);
  });
});

describe('previewTemplate', () => {
  it('waits while the template has issues', () => {
    expect(previewTemplate(input(template('first-reminder', { body: '{{oops}}' })))).toEqual({ kind: 'invalid' });
  });

  it('an email in the template’s language (French for an English customer), without the QR code block', () => {
    const preview = previewTemplate(input(template('first-reminder')));
    expect(preview.kind).toBe('email');
    if (preview.kind !== 'email') return;
    expect(preview.subject).toBe('Rappel : règlement en attente (réf. F-LATE, F-LATER)');
    expect(preview.text).toContain('Bonjour Madame Lefèvre,');
    expect(preview.html).toContain('<table');
    expect(preview.html).not.toContain('cid:');
  });

  it('uses Today’s planned step of the customer when there is one', () => {
    const preview = previewTemplate(input(template('first-reminder'), { planned: { invoiceIds: ['later'], newDeadline: '2026-12-04' } }));
    expect(preview.kind === 'email' && preview.subject).toBe('Rappel : règlement en attente (réf. F-LATER)');
    expect(preview.kind === 'email' && preview.text).toContain('4 décembre 2026');
  });

  it('an SMS with its length', () => {
    const preview = previewTemplate(input(template('sms-reminder', { body: 'Bonjour, {{amountDueTotal}} dus' })));
    expect(preview).toEqual({ kind: 'short', text: 'Bonjour, 150,00\u00a0€ dus', length: { characters: 21, encoding: 'unicode', segments: 1 } });
  });

  it('a statement letter: its blocks around the invoice table', () => {
    const preview = previewTemplate(input(template('statement-letter')));
    expect(preview.kind).toBe('letter');
    if (preview.kind !== 'letter') return;
    expect(preview.subject).toMatch(/^Relevé de compte/);
    expect(preview.paragraphs[0]).toBe('Bonjour Madame Lefèvre,');
    expect(preview.invoiceCount).toBe(4);
    expect(preview.closing.at(-1)).toBe('Quincaillerie Dupré');
  });

  it('a letter that cannot be printed yet says why, with its text', () => {
    const preview = previewTemplate(input(template('formal-notice'), { shop: { ...SHOP, address: { lines: [], postcode: '', city: '', country: 'FR' } } }));
    expect(preview).toMatchObject({ kind: 'letter-text', problem: 'no-shop-address', subject: 'Mise en demeure de payer (réf. F-LATE, F-LATER)' });
    expect(preview.kind === 'letter-text' && preview.text).toContain('Par la présente, nous vous mettons en demeure');
  });
});
