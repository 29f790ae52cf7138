import { renderToBuffer } from '@react-pdf/renderer';
import type { LetterInput } from '../../contract/letters';
import { EPC_MAX_NAME_LENGTH, EPC_MAX_REMITTANCE_LENGTH, epcQrPayload } from '../../../src-renderer/domain/epc-qr';
import { LettersDocument, amountToPayNow, type PreparedLetter } from './document';
import { LABELS } from './labels';
import { letterAnchor, numberLetterPages } from './page-numbers';
import { prepareLetterFonts } from './fonts';
import { qrVector, type QrVector } from './qr-vector';

/**
 * Renders letters to PDF bytes with @react-pdf/renderer. Plain Node (no Electron): the service, the
 * worker thread and the tests all call this module.
 */

export interface RenderedLetters {
  pdf: Uint8Array;
  pages: number;
}

/** Invoice numbers for the QR code's remittance, cut to the 140 characters EPC allows ("… " marks the cut). */
export function remittanceFor(invoiceNumbers: string[]): string {
  const all = invoiceNumbers.join(' ');
  if ([...all].length <= EPC_MAX_REMITTANCE_LENGTH) return all;
  let kept = '';
  for (const number of invoiceNumbers) {
    const next = kept === '' ? number : `${kept} ${number}`;
    if ([...next].length > EPC_MAX_REMITTANCE_LENGTH - 2) break;
    kept = next;
  }
  return kept === '' ? [...all].slice(0, EPC_MAX_REMITTANCE_LENGTH).join('') : `${kept} …`;
}

/** The EPC069-12 payload a letter's QR code carries, or `undefined` when the shop has no IBAN. */
export function letterQrPayload(input: LetterInput): string | undefined {
  if (!input.shop.iban) return undefined;
  const amountCents = amountToPayNow(input);
  return epcQrPayload({
    name: [...input.shop.name.trim()].slice(0, EPC_MAX_NAME_LENGTH).join(''),
    iban: input.shop.iban,
    ...(input.shop.bic ? { bic: input.shop.bic } : {}),
    ...(amountCents > 0 ? { amountCents } : {}),
    remittance: remittanceFor(input.invoices.map((invoice) => invoice.number)),
  });
}

/** QR codes of one batch, by payload (a shop often sends the same amount twice). */
type QrCache = Map<string, QrVector>;

function qrFor(input: LetterInput, cache: QrCache): QrVector | undefined {
  const payload = letterQrPayload(input);
  if (payload === undefined) return undefined;
  let qr = cache.get(payload);
  if (!qr) {
    qr = qrVector(payload);
    cache.set(payload, qr);
  }
  return qr;
}

/** Pages of a PDF written by react-pdf (pdfkit writes page objects uncompressed). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/**
 * Every letter in one PDF, in order, laid out once; the sheets of each letter that has several are
 * numbered on their own ("Page n / N", stamped by page-numbers.ts after the layout).
 */
export async function renderLetters(letters: LetterInput[]): Promise<RenderedLetters> {
  if (letters.length === 0) throw new Error('renderLetters: no letter to render');
  await prepareLetterFonts();
  const cache: QrCache = new Map();
  const prepared: PreparedLetter[] = letters.map((input, index) => {
    const qr = qrFor(input, cache);
    return qr === undefined ? { input, anchor: letterAnchor(index) } : { input, qr, anchor: letterAnchor(index) };
  });
  // Called as a function: its result is the <Document> element renderToBuffer expects.
  const buffer = await renderToBuffer(LettersDocument({ letters: prepared }));
  const laidOut = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const pages = countPdfPages(laidOut);
  const pdf = await numberLetterPages(laidOut, letters.map((input) => LABELS[input.language].page), pages);
  return { pdf, pages };
}
