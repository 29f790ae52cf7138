import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFPage, PDFRawStream, PDFRef } from 'pdf-lib';

/**
 * The DejaVu Sans (regular) a letter's page is already written in, as page-numbers.ts needs it to
 * write "Page n / N" with it: its resource name on the page, and for a text its glyph ids (from the
 * font's ToUnicode map, as pdfkit writes it: `<first> <last> [<code points>…]` ranges) and its
 * width (from the `/W` widths). A font, or a text, that cannot be read this way answers undefined,
 * and the caller embeds DejaVu as before.
 */
export interface LetterPageFont {
  /** The font's name in the page's resources (`/F3`). */
  key: PDFName;
  /** The text as glyph ids in hex, and its width in thousandths of the font size; undefined when a glyph is missing. */
  encode(text: string): { hex: string; width: number } | undefined;
}

/** pdfkit names an embedded subset `<six letters>+<PostScript name>`. */
const REGULAR_DEJAVU = /^\/[A-Z]{6}\+DejaVuSans$/;

const readFonts = new WeakMap<PDFDocument, Map<string, LetterPageFont | null>>();

export function letterPageFont(document: PDFDocument, page: PDFPage): LetterPageFont | undefined {
  const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  if (!fonts) return undefined;
  let known = readFonts.get(document);
  if (!known) readFonts.set(document, (known = new Map()));
  for (const [key, value] of fonts.entries()) {
    const font = value instanceof PDFRef ? document.context.lookup(value) : value;
    if (!(font instanceof PDFDict)) continue;
    const baseFont = font.get(PDFName.of('BaseFont'));
    if (!(baseFont instanceof PDFName) || !REGULAR_DEJAVU.test(baseFont.asString())) continue;
    const id = value.toString();
    if (!known.has(id)) known.set(id, readFont(document, key, font) ?? null);
    const read = known.get(id);
    if (read) return read;
  }
  return undefined;
}

function streamText(document: PDFDocument, reference: unknown): string | undefined {
  const stream = reference instanceof PDFRef ? document.context.lookup(reference) : reference;
  if (!(stream instanceof PDFRawStream)) return undefined;
  const filter = stream.dict.get(PDFName.of('Filter'));
  if (filter !== undefined && filter !== PDFName.of('FlateDecode')) return undefined;
  const bytes = filter === undefined ? stream.contents : inflateSync(stream.contents);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Code point → glyph id, from `<first> <last> [<hex>…]` ranges (one UTF-16 code point per entry kept). */
function glyphsByCodePoint(cmap: string): Map<number, number> {
  const glyphs = new Map<number, number>();
  for (const range of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>\s*\[([^\]]*)\]/g)) {
    const first = Number.parseInt(range[1]!, 16);
    [...range[3]!.matchAll(/<([0-9a-fA-F ]*)>/g)].forEach((entry, offset) => {
      const units = entry[1]!.trim().split(/\s+/).map((unit) => Number.parseInt(unit, 16));
      if (units.length === 1 && Number.isFinite(units[0]) && !glyphs.has(units[0]!)) glyphs.set(units[0]!, first + offset);
    });
  }
  return glyphs;
}

/** Glyph id → width, from a CID font's `/W` array (`c [w…]` and `c_first c_last w` forms). */
function widthsOf(w: PDFArray): Map<number, number> {
  const widths = new Map<number, number>();
  for (let i = 0; i < w.size(); ) {
    const first = w.get(i);
    const next = w.get(i + 1);
    if (!(first instanceof PDFNumber)) break;
    if (next instanceof PDFArray) {
      for (let j = 0; j < next.size(); j += 1) {
        const width = next.get(j);
        if (width instanceof PDFNumber) widths.set(first.asNumber() + j, width.asNumber());
      }
      i += 2;
    } else {
      const width = w.get(i + 2);
      if (!(next instanceof PDFNumber) || !(width instanceof PDFNumber)) break;
      for (let cid = first.asNumber(); cid <= next.asNumber(); cid += 1) widths.set(cid, width.asNumber());
      i += 3;
    }
  }
  return widths;
}

function readFont(document: PDFDocument, key: PDFName, font: PDFDict): LetterPageFont | undefined {
  if (font.get(PDFName.of('Encoding')) !== PDFName.of('Identity-H')) return undefined;
  const cmap = streamText(document, font.get(PDFName.of('ToUnicode')));
  const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict);
  const w = descendant?.lookupMaybe(PDFName.of('W'), PDFArray);
  if (cmap === undefined || !w || descendant?.get(PDFName.of('CIDToGIDMap')) !== PDFName.of('Identity')) return undefined;
  const glyphs = glyphsByCodePoint(cmap);
  const widths = widthsOf(w);
  return {
    key,
    encode(text) {
      let hex = '';
      let width = 0;
      for (const character of text) {
        const glyph = glyphs.get(character.codePointAt(0)!);
        const advance = glyph === undefined ? undefined : widths.get(glyph);
        if (glyph === undefined || advance === undefined || glyph > 0xffff) return undefined;
        hex += glyph.toString(16).padStart(4, '0');
        width += advance;
      }
      return { hex, width };
    },
  };
}
