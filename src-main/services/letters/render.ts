import { renderToBuffer } from '@react-pdf/renderer';
import QRCode from 'qrcode';
import type { LetterInput } from '../../contract/letters';
import { EPC_MAX_NAME_LENGTH, EPC_MAX_REMITTANCE_LENGTH, epcQrPayload } from '../../../src-renderer/domain/epc-qr';
import { LettersDocument, amountToPayNow } from './document';
import { registerLetterFonts } from './fonts';

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

/** QR code images of one batch, by payload (a shop often sends the same amount twice). */
type QrCache = Map<string, Promise<string>>;

async function qrImageFor(input: LetterInput, cache: QrCache): Promise<string | undefined> {
  const payload = letterQrPayload(input);
  if (payload === undefined) return undefined;
  let image = cache.get(payload);
  if (!image) {
    // Error correction M, as EPC069-12 asks; a 4-module quiet zone. 4 pixels a module: printed
    // 27 mm wide that is about 300 dpi, and the PNG stays small and quick to encode.
    image = QRCode.toDataURL(payload, { errorCorrectionLevel: 'M', margin: 4, scale: 4 });
    cache.set(payload, image);
  }
  return image;
}

/**
 * Whether a letter may need a second sheet: then the batch is laid out with page numbers at once.
 * Only a shortcut: a letter that overflows without being expected to is caught after rendering.
 */
export function mayNeedSeveralPages(input: LetterInput): boolean {
  const textLength = [...input.paragraphs, ...(input.closing ?? [])].reduce((sum, text) => sum + text.length + 90, 0);
  const rows = input.invoices.length + (input.charges?.lines.length ?? 0) + (input.instalments?.length ?? 0);
  return rows > 12 || textLength > 1_800 || rows * 90 + textLength > 2_400;
}

/** Pages of a PDF written by react-pdf (pdfkit writes page objects uncompressed). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** Every letter in one PDF, in order; each letter's sheets are numbered on their own. */
export async function renderLetters(
  letters: LetterInput[],
  options: { mayNeedSeveralPages?: (input: LetterInput) => boolean } = {},
): Promise<RenderedLetters> {
  const mayOverflow = options.mayNeedSeveralPages ?? mayNeedSeveralPages;
  if (letters.length === 0) throw new Error('renderLetters: no letter to render');
  registerLetterFonts();
  const cache: QrCache = new Map();
  const images = await Promise.all(letters.map((input) => qrImageFor(input, cache)));
  const layOut = async (pageNumbers: boolean): Promise<RenderedLetters> => {
    const prepared = letters.map((input, index) => {
      const qrDataUrl = images[index];
      return qrDataUrl === undefined ? { input, pageNumbers } : { input, qrDataUrl, pageNumbers };
    });
    // Called as a function: its result is the <Document> element renderToBuffer expects.
    const buffer = await renderToBuffer(LettersDocument({ letters: prepared }));
    const pdf = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    return { pdf, pages: countPdfPages(pdf) };
  };

  // Page numbers cost a second pagination of the whole document (react-pdf needs the totals). When
  // every letter should fit on one sheet, lay out without them, and check: one sheet per letter
  // means no letter needed numbers; otherwise lay out again, numbered.
  if (!letters.some(mayOverflow)) {
    const quick = await layOut(false);
    if (quick.pages === letters.length) return quick;
  }
  return layOut(true);
}
