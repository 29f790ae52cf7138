import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { degrees, drawLinesOfText, PDFArray, PDFDict, PDFDocument, type PDFFont, PDFName, type PDFPage, PDFRef, PDFString, PDFHexString, rgb } from 'pdf-lib';
import { findFontsFolder } from './fonts';
import { letterPageFont, type LetterPageFont } from './page-number-font';
import { mm } from './units';

/**
 * "Page n / N" stamped with pdf-lib on the sheets of the letters that run onto more than one, after
 * react-pdf laid them out. react-pdf can number pages itself, but only through a `render` prop that
 * makes it lay out every page of the document again once the totals are known, and a letter of one
 * sheet needs no number at all. So the letters are laid out once, without numbers, and only a PDF
 * that has a letter of several sheets (a long statement, a formal notice with its charges) is opened
 * again here: about 0.2 s for 191 sheets.
 *
 * The number is drawn where react-pdf drew it before (document.tsx's former `pageNumber` style):
 * DejaVu Sans 7.5 pt, #444444, right-aligned 20 mm from the right edge, its line box ending 5 mm
 * above the bottom edge.
 */

const FONT_SIZE = 7.5;
const RIGHT = mm(20);
const BOTTOM = mm(5);
const COLOR = rgb(0x44 / 255, 0x44 / 255, 0x44 / 255);

/** How a letter's language writes "Page n / N" (labels.ts). */
export type PageLabel = (number: number, total: number) => string;

/**
 * The named destination on the first sheet of the letter at `index` of a batch (document.tsx puts
 * it on the letter's header): how the sheets of one PDF are told apart letter by letter once
 * react-pdf has laid them out. Invisible to the reader.
 */
export const letterAnchor = (index: number): string => `relance-letter-${index + 1}`;

let fontBytes: Uint8Array | undefined;

/** DejaVu Sans, read once per process: the font the rest of the letter is written in. */
function regularFontBytes(): Uint8Array {
  fontBytes ??= readFileSync(join(findFontsFolder(), 'DejaVuSans.ttf'));
  return fontBytes;
}

/**
 * pdf-lib parses the font it embeds at every `embedFont` (`fontkit.create` of 700 KB of DejaVu):
 * once per multi-page letter, which made rendering letters one by one (each archived on its own)
 * cost several times a batch of them. The parsed font is kept for the worker's life; each document
 * still gets its own subset (`createSubset`), and the bytes written are the same.
 */
let parsedFont: ReturnType<typeof fontkit.create> | undefined;

const fontkitKeepingDejaVu: typeof fontkit = {
  ...fontkit,
  create: (data, postscriptName) => {
    if (data !== regularFontBytes()) return fontkit.create(data, postscriptName);
    parsedFont ??= fontkit.create(data, postscriptName);
    return parsedFont;
  },
};

let baseline: number | undefined;

/**
 * Where the baseline goes, above the bottom edge, so that the line box ends `BOTTOM` above it as in
 * react-pdf, which sizes a line without lineHeight from the font's ascent to its descent (DejaVu has
 * no line gap): the descent below the baseline. Read from the font once.
 */
function baselineAboveBottom(): number {
  if (baseline === undefined) {
    const font = fontkitKeepingDejaVu.create(regularFontBytes());
    baseline = BOTTOM + (Math.abs(font.descent) / font.unitsPerEm) * FONT_SIZE;
  }
  return baseline;
}

/** Named destinations of the PDF: name → the page object it points to (pdfkit writes one flat tree). */
function namedDestinations(document: PDFDocument): Map<string, PDFRef> {
  const found = new Map<string, PDFRef>();
  const names = document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const visit = (node: PDFDict | undefined) => {
    if (!node) return;
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; pairs && i + 1 < pairs.size(); i += 2) {
      const key = pairs.lookup(i);
      const destination = pairs.lookup(i + 1);
      const target = destination instanceof PDFArray ? destination.get(0) : undefined;
      if ((key instanceof PDFString || key instanceof PDFHexString) && target instanceof PDFRef) found.set(key.decodeText(), target);
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i += 1) visit(kids.lookupMaybe(i, PDFDict));
  };
  visit(names?.lookupMaybe(PDFName.of('Dests'), PDFDict));
  return found;
}

/** How many sheets each letter of the batch has, from the anchors on their first sheets. */
function sheetsPerLetter(document: PDFDocument, letters: number): number[] {
  const total = document.getPageCount();
  if (letters === 1) return [total];
  const pageIndex = new Map(document.getPages().map((page, index) => [page.ref.toString(), index]));
  const destinations = namedDestinations(document);
  const firsts = Array.from({ length: letters }, (_, index) => {
    const ref = destinations.get(letterAnchor(index));
    const first = ref === undefined ? undefined : pageIndex.get(ref.toString());
    if (first === undefined) throw new Error(`numberLetterPages: no first sheet found for letter ${index + 1}`);
    return first;
  });
  return firsts.map((first, index) => {
    const next = firsts[index + 1] ?? total;
    if (next <= first) throw new Error(`numberLetterPages: letter ${index + 1} has no sheet of its own`);
    return next - first;
  });
}

/**
 * Draws the number with the DejaVu Sans the page's letter is already written in, when its subset
 * holds every glyph of the number (always, for a subset seeded by pdfkit-subset-seed.ts): what
 * pdf-lib's drawText writes, with that font's resource name and glyph ids. Embedding DejaVu again
 * for the numbers (a subset encoded and deflated per letter) was the dearest step left. False when
 * the page's font cannot write it: the caller embeds DejaVu as before.
 */
function drawWithPageFont(page: PDFPage, font: LetterPageFont | undefined, text: string, y: number): boolean {
  const encoded = font?.encode(text);
  if (!font || !encoded) return false;
  const x = page.getWidth() - RIGHT - (encoded.width * FONT_SIZE) / 1000;
  const options = { color: COLOR, font: font.key, size: FONT_SIZE, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0), x, y, lineHeight: PDF_LIB_LINE_HEIGHT };
  page.pushOperators(...drawLinesOfText([PDFHexString.of(encoded.hex)], options));
  return true;
}

/** pdf-lib's default line height (PDFPage), which its drawText writes as `TL`: kept the same. */
const PDF_LIB_LINE_HEIGHT = 24;

/**
 * Numbers the sheets of every letter of the PDF (one label per letter, in the PDF's order) that
 * has more than one, and answers the new bytes; `pdf` itself when no letter has.
 */
export async function numberLetterPages(pdf: Uint8Array, labels: readonly PageLabel[], pageCount: number): Promise<Uint8Array> {
  if (pageCount <= labels.length) return pdf; // one sheet each: nothing to number
  // Keep react-pdf's title, author, creator, producer and dates: the file is the same letter.
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const sheets = sheetsPerLetter(document, labels.length);
  const y = baselineAboveBottom();
  let embedded: PDFFont | undefined;
  const embeddedFont = async () => {
    if (!embedded) {
      document.registerFontkit(fontkitKeepingDejaVu);
      embedded = await document.embedFont(regularFontBytes(), { subset: true });
    }
    return embedded;
  };
  let index = 0;
  for (const [letter, count] of sheets.entries()) {
    const label = labels[letter] as PageLabel;
    for (let number = 1; number <= count; number += 1, index += 1) {
      if (count === 1) continue;
      const page = document.getPage(index);
      const text = label(number, count);
      if (drawWithPageFont(page, letterPageFont(document, page), text, y)) continue;
      const font = await embeddedFont();
      const x = page.getWidth() - RIGHT - font.widthOfTextAtSize(text, FONT_SIZE);
      page.drawText(text, { x, y, size: FONT_SIZE, font, color: COLOR });
    }
  }
  // Without object streams, as react-pdf writes: page objects stay readable (render.ts counts them).
  return document.save({ useObjectStreams: false });
}
