import { describe, expect, it } from 'vitest';
import { renderLetters } from '../../../src-main/services/letters/render';
import { buildLetterInput, type LetterKind } from '../../../src-renderer/domain/letter-input';
import { formatCents } from '../../../src-renderer/domain/money';
import { KNOWN_RATES } from '../../../src-renderer/domain/rates';
import { aCustomer, anInvoice, aPlan } from '../domain/builders';
import { HAS_PDFTOTEXT, pdfPages, shop as fixtureShop } from './fixtures';

/** Letters built from the ledger by buildLetterInput, rendered, and read back with pdftotext. */

const normalised = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const TODAY = '2026-11-22';
const customer = aCustomer('c1', {
  name: 'Garage Lefèvre',
  address: { lines: ['3 avenue Jean Jaurès'], postcode: '69007', city: 'Lyon', country: 'FR' },
  contacts: [{ id: 'k1', name: 'Hélène Lefèvre', civility: 'madame' }],
});
const invoices = [
  anInvoice('i1', 'c1', '2026-09-15', { number: 'F-2026-0101', issueDate: '2026-08-16', totalCents: 1_234_50 }),
  anInvoice('i2', 'c1', '2026-10-20', { number: 'F-2026-0140', issueDate: '2026-09-20', totalCents: 480_00 }),
];
const shop = { ...fixtureShop, signature: 'Jean Dupré' };

function build(kind: LetterKind, extra: object = {}) {
  return buildLetterInput({ kind, customer, invoices, payments: [], shop, today: TODAY, rates: KNOWN_RATES, ...extra });
}

describe.skipIf(!HAS_PDFTOTEXT)('letters built from the ledger, read back with pdftotext', () => {
  it('formal notice: the mention once, the table between the text and the deadline, the charges of latePaymentCharges', async () => {
    const input = build('formal-notice');
    const { pdf } = await renderLetters([input]);
    const text = normalised(pdfPages(pdf).join('\n'));
    expect(text.match(/Lettre recommandée avec accusé de réception/g)).toHaveLength(1);
    const order = ['Bonjour Madame Lefèvre,', 'F-2026-0101 16/08/2026 15/09/2026 1 234,50 €', 'Total dû 1 714,50 €', 'Pénalités de retard', 'au plus tard le 30 novembre 2026', 'Jean Dupré'];
    const positions = order.map((part) => text.indexOf(part));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain(`Pénalités de retard ${normalised(formatCents(input.charges!.penaltyCents, 'fr-FR'))}`);
    expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement 80,00 €');
    expect(text).not.toContain('• Facture');
  });

  it('statement of account: every open invoice with its age', async () => {
    const { pdf } = await renderLetters([build('statement')]);
    const text = normalised(pdfPages(pdf).join('\n'));
    expect(text).toContain('Relevé de compte : 2 factures ouverte(s), 1 714,50 €');
    expect(text).toContain('F-2026-0101 16/08/2026 15/09/2026 68 j 1 234,50 €');
    expect(text).toContain('F-2026-0140 20/09/2026 20/10/2026 33 j 480,00 €');
  });

  it('payment plan agreement: the schedule, the signature boxes and the closing text', async () => {
    const plan = aPlan('pl1', 'c1', ['i1', 'i2'], [['2026-12-01', 857_25, 0], ['2027-01-01', 857_25, 0]]);
    const { pdf } = await renderLetters([build('payment-plan', { plan })]);
    const text = normalised(pdfPages(pdf).join('\n'));
    expect(text).toContain('1er décembre 2026');
    expect(text).toContain('Total des échéances 1 714,50 €');
    expect(text).toContain('Le débiteur');
    expect(text).toContain('daté et signé');
  });

  it('second reminder in English for an English-speaking customer', async () => {
    const { pdf } = await renderLetters([buildLetterInput({ kind: 'second-reminder', customer: { ...customer, language: 'en' }, invoices, payments: [], shop, today: TODAY, rates: KNOWN_RATES })]);
    const text = normalised(pdfPages(pdf).join('\n'));
    expect(text).toContain('Lyon, 22 November 2026');
    expect(text).toContain('Dear Ms Lefèvre,');
    expect(text).toContain('no later than 30 November 2026');
    expect(text).toContain('€1,714.50');
  });
});
