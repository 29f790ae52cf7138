import type { LetterInput } from '../../contract/letters';
import { mergePdfs } from './merge';
import { renderLetters } from './render';

/**
 * A letters worker's first batch costs several times the next ones (modules loaded, DejaVu parsed,
 * code compiled: 7.8 s against 2.7 s for 100 notices in the lead's measure). Warming a worker lays
 * this throwaway letter out and merges it, in the worker, before the user asks for anything; the
 * bytes are dropped there: nothing is archived, nothing recorded.
 *
 * A formal notice of two sheets, with charges, a QR code and a logo-less header: every path of a
 * real batch (shaping, both weights, the QR vector, page numbers with pdf-lib, the merge).
 */
const WARM_UP_INVOICES = Array.from({ length: 24 }, (_, index) => ({
  number: `W-${String(index + 1).padStart(4, '0')}`,
  issueDate: '2026-01-05',
  dueDate: '2026-02-04',
  amountDueCents: 12_345 + index * 1_000,
}));

export const WARM_UP_LETTER: LetterInput = {
  kind: 'formal-notice',
  language: 'fr',
  date: '2026-11-22',
  shop: {
    name: 'Préchauffage',
    address: { lines: ['1 rue Exemple'], postcode: '69002', city: 'Lyon', country: 'FR' },
    siret: '12345678900012',
    vatNumber: 'FR12123456789',
    iban: 'FR7630006000011234567890189',
  },
  recipient: { name: 'Client Écuyer', attention: 'Mme Hélène Müller', address: { lines: ['3 place Bellecour'], postcode: '69002', city: 'Lyon', country: 'FR' } },
  subject: 'Mise en demeure de payer',
  reference: 'W-0001',
  paragraphs: ['Madame, Monsieur,', 'Malgré nos relances, les factures ci-dessous restent impayées : 1 234,50 € ≥ 40 €.'],
  closing: ['Veuillez agréer, Madame, Monsieur, nos salutations distinguées.'],
  invoices: WARM_UP_INVOICES,
  charges: {
    lines: WARM_UP_INVOICES.map((invoice) => ({ invoiceNumber: invoice.number, from: '2026-02-05', to: '2026-06-30', days: 146, baseCents: invoice.amountDueCents, ratePercent: 12.15, amountCents: 600 })),
    penaltyCents: 600 * WARM_UP_INVOICES.length,
    indemnityCents: 4_000 * WARM_UP_INVOICES.length,
  },
  signature: 'Relance',
};

/** Lays the throwaway letter out and merges it (render-worker.ts's `warm`); answers its page count. */
export async function warmUpLetters(): Promise<number> {
  const { pdf } = await renderLetters([WARM_UP_LETTER]);
  return (await mergePdfs([pdf])).pages;
}
