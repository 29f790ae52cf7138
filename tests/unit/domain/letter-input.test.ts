import { describe, expect, it } from 'vitest';
import { archivedLetterId, letterInputSchema, letterMethods } from '../../../src-main/contract/letters';
import {
  buildLetterInput,
  letterArchiveName,
  LetterInputError,
  letterKindForStep,
  type LetterKind,
  type LetterRequest,
} from '../../../src-renderer/domain/letter-input';
import { latePaymentCharges } from '../../../src-renderer/domain/late-fees';
import type { Payment, ShopIdentity } from '../../../src-renderer/domain/model';
import { KNOWN_RATES } from '../../../src-renderer/domain/rates';
import { aCustomer, anInteraction, anInvoice, aPlan } from './builders';

const TODAY = '2026-11-22';

const shop: ShopIdentity = {
  name: 'Quincaillerie Dupré',
  address: { lines: ['12 rue de la République'], postcode: '69002', city: 'Lyon', country: 'FR' },
  siret: '12345678900012',
  vatNumber: 'FR12123456789',
  iban: 'fr76 3000 6000 0112 3456 7890 189',
  bic: 'agrifrpp',
  phone: '04 78 00 00 00',
  email: 'contact@dupre.example',
  signature: 'Jean Dupré, gérant',
};

const customer = aCustomer('c1', {
  name: 'Garage Lefèvre',
  kind: 'business',
  address: { lines: ['3 avenue Jean Jaurès'], postcode: '69007', city: 'Lyon', country: 'FR' },
  contacts: [{ id: 'k1', name: 'Hélène Lefèvre', civility: 'madame' }],
  preferredContactId: 'k1',
});

const invoices = [
  anInvoice('i1', 'c1', '2026-09-15', { number: 'F-2026-0101', issueDate: '2026-08-16', totalCents: 1_234_50 }),
  anInvoice('i2', 'c1', '2026-10-20', { number: 'F-2026-0140', issueDate: '2026-09-20', totalCents: 600_00, paidCents: 200_00 }),
  anInvoice('i3', 'c1', '2026-12-10', { number: 'F-2026-0190', issueDate: '2026-11-10', totalCents: 90_00 }),
  anInvoice('i4', 'c1', '2026-10-01', { number: 'F-2026-0120', issueDate: '2026-09-01', totalCents: 50_00, dispute: { reason: 'cassé', since: '2026-10-05' } }),
  anInvoice('i5', 'c1', '2026-08-01', { number: 'F-2026-0080', issueDate: '2026-07-01', totalCents: 70_00, paidCents: 70_00 }),
  anInvoice('other', 'c2', '2026-08-01', { number: 'F-2026-0999', totalCents: 70_00 }),
];

const payments: Payment[] = [
  {
    id: 'p1',
    customerId: 'c1',
    date: '2026-11-02',
    amountCents: 200_00,
    method: 'virement',
    allocations: [{ invoiceId: 'i2', amountCents: 200_00 }],
    invoiceIds: ['i2'],
    createdAt: '2026-11-02T10:00:00.000Z',
  },
];

function request(kind: LetterKind, extra: Partial<LetterRequest> = {}): LetterRequest {
  return { kind, customer, invoices, payments, shop, today: TODAY, rates: KNOWN_RATES, ...extra };
}

const numbers = (kind: LetterKind, extra: Partial<LetterRequest> = {}) => buildLetterInput(request(kind, extra)).invoices.map((i) => i.number);

describe('buildLetterInput: which invoices a letter lists', () => {
  it.each<[LetterKind, Partial<LetterRequest>, string[]]>([
    // Late and not disputed, oldest first; the amount is what is left (600 − 200).
    ['first-reminder', {}, ['F-2026-0101', 'F-2026-0140']],
    ['second-reminder', {}, ['F-2026-0101', 'F-2026-0140']],
    ['formal-notice', {}, ['F-2026-0101', 'F-2026-0140']],
    // The planner's action names one invoice: only it.
    ['formal-notice', { invoiceIds: ['i2'] }, ['F-2026-0140']],
    // A paid or disputed invoice named by an old action is not claimed.
    ['first-reminder', { invoiceIds: ['i4', 'i5', 'i1'] }, ['F-2026-0101']],
    // Every open invoice, the disputed and the not yet due ones included.
    ['statement', {}, ['F-2026-0101', 'F-2026-0120', 'F-2026-0140', 'F-2026-0190']],
    ['payment-plan', { plan: aPlan('pl1', 'c1', ['i1', 'i2'], [['2026-12-01', 500_00, 0], ['2027-01-01', 534_50, 0]]) }, ['F-2026-0101', 'F-2026-0140']],
  ])('%s %j → %j', (kind, extra, expected) => {
    expect(numbers(kind, extra)).toEqual(expected);
  });

  it('gives what is left to pay on each invoice', () => {
    const input = buildLetterInput(request('first-reminder'));
    expect(input.invoices).toEqual([
      { number: 'F-2026-0101', issueDate: '2026-08-16', dueDate: '2026-09-15', amountDueCents: 1_234_50 },
      { number: 'F-2026-0140', issueDate: '2026-09-20', dueDate: '2026-10-20', amountDueCents: 400_00 },
    ]);
  });
});

describe('buildLetterInput: what the letter says', () => {
  it.each<[LetterKind, string, string]>([
    ['first-reminder', 'Rappel de règlement (réf. F-2026-0101, F-2026-0140)', 'le relevé ci-dessous fait apparaître un montant dû de 1 634,50 €'],
    ['second-reminder', 'Deuxième rappel : montant dû de 1 634,50 € (réf. F-2026-0101, F-2026-0140)', 'Malgré notre précédent rappel'],
    ['formal-notice', 'Mise en demeure de payer (réf. F-2026-0101, F-2026-0140)', 'les sommes suivantes restent impayées'],
    ['statement', 'Relevé de compte : 4 factures ouverte(s), 1 774,50 €', 'le relevé de votre compte'],
  ])('%s: subject and text from the template in French', (kind, subject, text) => {
    const input = buildLetterInput(request(kind));
    const flat = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
    expect(input.kind).toBe(kind);
    expect(input.language).toBe('fr');
    expect(flat(input.subject)).toBe(subject);
    expect(input.paragraphs[0]).toBe('Bonjour Madame Lefèvre,');
    expect(flat(input.paragraphs.join('\n'))).toContain(text);
    // The invoice list is the PDF's table, not a paragraph.
    expect([...input.paragraphs, ...(input.closing ?? [])].join('\n')).not.toContain('• Facture');
    expect(letterInputSchema.parse(input)).toEqual(input);
  });

  it('puts the deadline (8 days by default), the IBAN and the signature after the table', () => {
    const input = buildLetterInput(request('first-reminder'));
    const closing = (input.closing ?? []).join('\n');
    expect(closing).toContain('au plus tard le 30 novembre 2026');
    expect(closing).toContain('IBAN : FR76 3000 6000 0112 3456 7890 189');
    expect(closing).toContain('Si ce rappel a croisé votre règlement, merci de ne pas en tenir compte.');
    expect(closing).toContain('Jean Dupré, gérant');
    expect(buildLetterInput(request('first-reminder', { deadlineDays: 15 })).closing?.join('\n')).toContain('le 7 décembre 2026');
  });

  it('writes in the customer’s language', () => {
    const input = buildLetterInput(request('second-reminder', { customer: { ...customer, language: 'en' } }));
    expect(input.language).toBe('en');
    expect(input.subject).toMatch(/^Second reminder: amount due £?€?1,634\.50/);
    expect(input.paragraphs[0]).toBe('Dear Ms Lefèvre,');
    expect(input.recipient.attention).toBe('Ms Hélène Lefèvre');
  });

  it('addresses the customer with the contact, the place and the date of the shop', () => {
    const input = buildLetterInput(request('statement'));
    expect(input.recipient).toEqual({
      name: 'Garage Lefèvre',
      attention: 'Mme Hélène Lefèvre',
      address: { lines: ['3 avenue Jean Jaurès'], postcode: '69007', city: 'Lyon', country: 'FR' },
    });
    expect(input.place).toBe('Lyon');
    expect(input.date).toBe(TODAY);
  });

  it('carries the shop’s IBAN and BIC (the QR code is drawn from them), and drops an invalid IBAN', () => {
    expect(buildLetterInput(request('statement')).shop).toMatchObject({ iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', siret: '12345678900012' });
    const without = buildLetterInput(request('statement', { shop: { ...shop, iban: 'FR76 0000 0000 0000', bic: 'AGRIFRPP' } }));
    expect(without.shop.iban).toBeUndefined();
    expect(without.shop.bic).toBeUndefined();
    expect(without.closing?.join('\n') ?? '').not.toContain('IBAN');
  });
});

describe('buildLetterInput: the formal notice', () => {
  it('business: the penalties and the 40 € indemnity of each invoice, equal to latePaymentCharges', () => {
    const input = buildLetterInput(request('formal-notice'));
    const first = latePaymentCharges({ totalCents: 1_234_50, dueDate: '2026-09-15', customerKind: 'business', payments: [] }, TODAY, KNOWN_RATES);
    const second = latePaymentCharges(
      { totalCents: 600_00, dueDate: '2026-10-20', customerKind: 'business', payments: [{ date: '2026-11-02', amountCents: 200_00 }] },
      TODAY,
      KNOWN_RATES,
    );
    expect(input.charges?.indemnityCents).toBe(80_00);
    expect(input.charges?.penaltyCents).toBe(first.penaltyCents + second.penaltyCents);
    expect(input.charges?.penaltyCents).toBeGreaterThan(0);
    expect(input.charges?.lines).toEqual([
      ...first.lines.map((line) => ({ invoiceNumber: 'F-2026-0101', ...line })),
      ...second.lines.map((line) => ({ invoiceNumber: 'F-2026-0140', ...line })),
    ]);
    // The second invoice's base drops after the payment of 2 November.
    expect(input.charges?.lines.filter((line) => line.invoiceNumber === 'F-2026-0140').map((line) => line.baseCents)).toEqual([600_00, 400_00]);
    const text = [...input.paragraphs, ...(input.closing ?? [])].join('\n').replace(/[\u202f\u00a0]/g, ' ');
    expect(text).toContain('L441-10 et D441-5');
    expect(text).toContain('indemnité forfaitaire à 80,00 €');
    expect(text).toContain('au plus tard le 30 novembre 2026');
    expect(text).toContain('procédure d’injonction de payer');
    // The layout prints "Lettre recommandée avec accusé de réception" itself (once).
    expect(text).not.toContain('Lettre recommandée');
  });

  it('consumer, first notice: no charges, the legal interest runs from this notice', () => {
    const input = buildLetterInput(request('formal-notice', { customer: { ...customer, kind: 'consumer' } }));
    expect(input.charges).toBeUndefined();
    expect(input.closing?.join('\n')).toContain('intérêts au taux légal à compter de la présente mise en demeure');
    expect(input.closing?.join('\n')).not.toContain('indemnité forfaitaire');
  });

  it('consumer, a later notice: the legal interest since the first one, no indemnity', () => {
    const first = anInteraction(['i1'], { customerId: 'c1', kind: 'letter', channel: 'formal-notice', at: '2026-10-21T23:30:00.000Z', status: undefined }); // 22 October in Paris
    const input = buildLetterInput(request('formal-notice', { customer: { ...customer, kind: 'consumer' }, interactions: [first] }));
    expect(input.charges?.indemnityCents).toBe(0);
    expect(input.charges?.lines[0]).toMatchObject({ invoiceNumber: 'F-2026-0101', from: '2026-10-23', to: TODAY, days: 31 });
    expect(input.charges?.penaltyCents).toBeGreaterThan(0);
  });
});

describe('buildLetterInput: the payment plan agreement', () => {
  it('prints the schedule (the QR asks for the first instalment) and keeps the layout’s signature boxes', () => {
    const plan = aPlan('pl1', 'c1', ['i1', 'i2'], [['2026-12-01', 817_25, 0], ['2027-01-01', 817_25, 0]]);
    const input = buildLetterInput(request('payment-plan', { plan }));
    expect(input.instalments).toEqual([
      { dueDate: '2026-12-01', amountCents: 817_25 },
      { dueDate: '2027-01-01', amountCents: 817_25 },
    ]);
    expect(input.subject).toBe('Échéancier de paiement (réf. F-2026-0101, F-2026-0140)');
    expect(input.closing?.join('\n')).toContain('daté et signé');
    expect(letterInputSchema.parse(input).kind).toBe('payment-plan');
  });
});

describe('buildLetterInput: refusals', () => {
  it.each<[string, Partial<LetterRequest>, string]>([
    ['no customer address', { customer: { ...customer, address: undefined } }, 'no-address'],
    ['an empty customer address', { customer: { ...customer, address: { lines: [''], postcode: '', city: '', country: 'FR' } } }, 'no-address'],
    ['no shop name', { shop: { ...shop, name: ' ' } }, 'no-shop-name'],
    ['no shop address', { shop: { ...shop, address: { lines: [], postcode: '', city: '', country: 'FR' } } }, 'no-shop-address'],
    ['nothing late', { invoiceIds: ['i3'] }, 'no-invoices'],
  ])('%s → %s', (_, extra, problem) => {
    expect(() => buildLetterInput(request('first-reminder', extra))).toThrow(LetterInputError);
    try {
      buildLetterInput(request('first-reminder', extra));
    } catch (error) {
      expect((error as LetterInputError).problem).toBe(problem);
    }
  });

  it('a payment plan agreement needs the plan', () => {
    expect(() => buildLetterInput(request('payment-plan'))).toThrow(expect.objectContaining({ problem: 'no-plan' }));
  });
});

describe('letterKindForStep', () => {
  it.each<[Parameters<typeof letterKindForStep>[0], LetterKind | undefined]>([
    [{ channel: 'formal-notice', templateId: 'formal-notice', tone: 'formal' }, 'formal-notice'],
    [{ channel: 'letter', templateId: 'reminder-letter', tone: 'firm' }, 'first-reminder'],
    [{ channel: 'letter', templateId: 'second-reminder-letter', tone: 'friendly' }, 'second-reminder'],
    [{ channel: 'letter', templateId: 'statement-letter', tone: 'friendly' }, 'statement'],
    [{ channel: 'letter', templateId: 'second-reminder', tone: 'firm' }, 'second-reminder'],
    [{ channel: 'letter', templateId: 'first-reminder', tone: 'friendly' }, 'first-reminder'],
    [{ channel: 'email', templateId: 'first-reminder', tone: 'friendly' }, undefined],
  ])('%j → %s', (step, kind) => {
    expect(letterKindForStep(step)).toBe(kind);
  });
});

describe('letterArchiveName', () => {
  it('dates the file and keeps the customer’s name, without folder characters', () => {
    expect(letterArchiveName({ date: TODAY, recipient: { name: 'SARL A/B: "Test"', address: { lines: [], postcode: '', city: '', country: 'FR' } } }, 'Mise en demeure')).toBe(
      '2026-11-22 Mise en demeure - SARL A-B- -Test-',
    );
  });

  it.each(['Garage\u0007 Lefèvre', '../../etc', 'Bar\ttabac', 'A:B*C?'])('always makes a name whose archive id the contract accepts: %j', (name) => {
    const file = letterArchiveName({ date: TODAY, recipient: { name, address: { lines: [], postcode: '', city: '', country: 'FR' } } }, 'Relevé de compte');
    expect(letterMethods['letters.archive'].args.shape.name.safeParse(file).success).toBe(true);
    expect(archivedLetterId.safeParse(`letters/2026/${file}.pdf`).success).toBe(true);
  });
});
