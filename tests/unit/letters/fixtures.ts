import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { letterInputSchema, type LetterInput } from '../../../src-main/contract/letters';
import { chargesFrom } from '../../../src-renderer/domain/templates';
import { latePaymentCharges } from '../../../src-renderer/domain/late-fees';
import { KNOWN_RATES } from '../../../src-renderer/domain/rates';

export const IBAN = 'FR7630006000011234567890189';
/** A 1×1 transparent PNG, enough to exercise the logo path. */
export const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export const shop: LetterInput['shop'] = {
  name: 'Boulangerie Dupré & Fils',
  address: { lines: ['12 rue de la République'], postcode: '69002', city: 'Lyon', country: 'FR' },
  siret: '12345678900012',
  vatNumber: 'FR12123456789',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP',
  email: 'contact@dupre.example',
  phone: '04 78 00 00 00',
  logoDataUrl: LOGO,
};

export const recipient: LetterInput['recipient'] = {
  name: 'Brasserie Léon Écuyer',
  attention: 'Mme Hélène Müller',
  address: { lines: ['3 place Bellecour', 'Bâtiment B'], postcode: '69002', city: 'Lyon', country: 'FR' },
};

export function letter(overrides: Partial<LetterInput> = {}): LetterInput {
  return letterInputSchema.parse({
    kind: 'first-reminder',
    language: 'fr',
    date: '2026-11-22',
    shop,
    recipient,
    subject: 'Facture F-2026-0042 impayée',
    reference: 'Client C-0017 · F-2026-0042',
    paragraphs: [
      'Madame, Monsieur,',
      'Sauf erreur de notre part, la facture ci-dessous reste impayée à ce jour. Nous vous remercions de bien vouloir la régler sous huit jours.',
      'Veuillez agréer, Madame, Monsieur, nos salutations distinguées.',
    ],
    invoices: [{ number: 'F-2026-0042', issueDate: '2026-09-15', dueDate: '2026-10-15', amountDueCents: 123_450 }],
    signature: 'Jean Dupré',
    ...overrides,
  });
}

/** A formal notice to a business customer, its charges computed by the domain's `latePaymentCharges`. */
export function formalNotice(): { input: LetterInput; penaltyCents: number; indemnityCents: number } {
  const invoices = [
    { number: 'F-2026-0042', issueDate: '2026-06-15', dueDate: '2026-07-15', amountDueCents: 123_450 },
    { number: 'F-2026-0057', issueDate: '2026-07-10', dueDate: '2026-08-10', amountDueCents: 48_000 },
  ];
  const results = invoices.map((invoice) =>
    latePaymentCharges(
      { totalCents: invoice.amountDueCents, dueDate: invoice.dueDate, customerKind: 'business', payments: [] },
      '2026-11-22',
      KNOWN_RATES,
    ),
  );
  const charges = chargesFrom(results);
  const input = letter({
    kind: 'formal-notice',
    subject: 'Mise en demeure de payer',
    invoices,
    charges: {
      lines: results.flatMap((result, index) =>
        result.lines.map((line) => ({ invoiceNumber: invoices[index]!.number, ...line })),
      ),
      penaltyCents: charges.penaltyCents,
      indemnityCents: charges.indemnityCents,
    },
    paragraphs: [
      'Madame, Monsieur,',
      'Malgré nos relances, les factures ci-dessous restent impayées. Par la présente, nous vous mettons en demeure de nous régler la somme totale ci-dessous sous huit jours.',
      "À défaut, nous saisirons le tribunal compétent d'une requête en injonction de payer.",
    ],
  });
  return { input, penaltyCents: charges.penaltyCents, indemnityCents: charges.indemnityCents };
}

export function statement(invoiceCount: number): LetterInput {
  const invoices = Array.from({ length: invoiceCount }, (_, index) => {
    const n = index + 1;
    const month = String(1 + (index % 10)).padStart(2, '0');
    return {
      number: `F-2026-${String(n).padStart(4, '0')}`,
      issueDate: `2026-${month}-05`,
      dueDate: `2026-${month}-20`,
      amountDueCents: 10_000 + n * 1_234,
    };
  });
  return letter({ kind: 'statement', subject: 'Relevé de compte', invoices, paragraphs: ['Madame, Monsieur,', 'Voici le relevé de votre compte.'] });
}

function hasBinary(name: string, args: string[]): boolean {
  const result = spawnSync(name, args, { stdio: 'ignore' });
  return result.error === undefined;
}

export const HAS_PDFTOTEXT = hasBinary('pdftotext', ['-v']);
export const HAS_QR_TOOLS = hasBinary('pdftoppm', ['-v']) && hasBinary('zbarimg', ['--version']);
if (!HAS_PDFTOTEXT) console.warn('pdftotext not found (Debian: apt-get install poppler-utils): letter PDF tests skipped');
if (!HAS_QR_TOOLS) console.warn('pdftoppm or zbarimg not found (poppler-utils, zbar-tools): QR code tests skipped');

/** Runs `body` with the PDF written to a temporary folder, which is removed afterwards. */
export function withPdf<T>(pdf: Uint8Array, body: (path: string, folder: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), 'relance-letter-'));
  try {
    const path = join(folder, 'letter.pdf');
    writeFileSync(path, pdf);
    return body(path, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The text of every page (pdftotext -layout), pages split on form feeds. */
export function pdfPages(pdf: Uint8Array): string[] {
  return withPdf(pdf, (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', path, '-'], { encoding: 'utf8' }))
    .split('\f')
    .filter((page, index, all) => index < all.length - 1 || page.trim() !== '');
}

/** Words of the first page with their boxes, in points (pdftotext -bbox). */
export function pdfWords(pdf: Uint8Array, page = 1): { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] {
  const html = withPdf(pdf, (path) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' }),
  );
  const words: { text: string; xMin: number; yMin: number; xMax: number; yMax: number }[] = [];
  for (const match of html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    const [, xMin, yMin, xMax, yMax, text] = match;
    words.push({ text: decodeEntities(text ?? ''), xMin: Number(xMin), yMin: Number(yMin), xMax: Number(xMax), yMax: Number(yMax) });
  }
  return words;
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
}

/** The QR codes zbarimg reads on page `page`, rendered at 200 dpi. */
export function decodeQrCodes(pdf: Uint8Array, page = 1): string[] {
  return withPdf(pdf, (path, folder) => {
    const prefix = join(folder, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '200', '-f', String(page), '-l', String(page), '-singlefile', path, prefix]);
    const result = spawnSync('zbarimg', ['--raw', '-q', '-Sbinary', `${prefix}.png`], { encoding: 'utf8' });
    if (result.status !== 0 && result.status !== 4) throw new Error(`zbarimg failed: ${result.stderr}`);
    return result.stdout === '' ? [] : [result.stdout.replace(/\n$/, '')];
  });
}

export const POINTS_PER_MM = 2.8346;

/** A payment plan agreement: 1 714,50 € in three monthly instalments. */
export function paymentPlan(): LetterInput {
  return letter({
    kind: 'payment-plan',
    subject: 'Échéancier de paiement',
    invoices: [
      { number: 'F-2026-0042', issueDate: '2026-06-15', dueDate: '2026-07-15', amountDueCents: 123_450 },
      { number: 'F-2026-0057', issueDate: '2026-07-10', dueDate: '2026-08-10', amountDueCents: 48_000 },
    ],
    instalments: [
      { dueDate: '2026-12-01', amountCents: 57_150 },
      { dueDate: '2027-01-01', amountCents: 57_150 },
      { dueDate: '2027-02-01', amountCents: 57_150 },
    ],
    paragraphs: ['Madame, Monsieur,', 'Comme convenu, vous réglerez les factures ci-dessous selon l’échéancier suivant.'],
  });
}
