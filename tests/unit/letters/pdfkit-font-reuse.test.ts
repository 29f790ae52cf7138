import { readFileSync } from 'node:fs';
import { Font } from '@react-pdf/renderer';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILY, prepareLetterFonts } from '../../../src-main/services/letters/fonts';
import {
  PDFKIT_VERSION_PATCHED,
  fontReuseRefusal,
  installEmbeddedFontReuse,
  installedPdfkitVersion,
} from '../../../src-main/services/letters/pdfkit-font-reuse';

/** The pdfkit document fields the test reads (FontsMixin). */
interface FontsDocument {
  font(src: unknown, family?: unknown, size?: unknown): FontsDocument;
  _font: { font: unknown; id: string };
  _fontSize: number;
  _fontFamily: unknown;
  _fontSource: unknown;
  _fontCount: number;
}

async function loadedFont(fontWeight: number): Promise<object> {
  const source = Font.getFont({ fontFamily: FONT_FAMILY, fontWeight });
  await source.load();
  return source.data as unknown as object;
}

describe("pdfkit's embedded fonts, reused per document", () => {
  it('is installed on the pdfkit the app pins (an upgrade fails here: check pdfkit-font-reuse.ts against the new font())', async () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies.pdfkit).toBe(PDFKIT_VERSION_PATCHED);
    expect(installedPdfkitVersion()).toBe(PDFKIT_VERSION_PATCHED);
    await prepareLetterFonts();
    expect(installEmbeddedFontReuse()).toEqual({ installed: true });
  });

  it('refuses another version, or a document without the methods it wraps', () => {
    const methods = { font() {}, fontSize() {}, initFonts() {} };
    expect(fontReuseRefusal(PDFKIT_VERSION_PATCHED, methods)).toBeUndefined();
    expect(fontReuseRefusal('0.21.0', methods)).toMatch(/0\.21\.0 is not 0\.20\.1/);
    expect(fontReuseRefusal(undefined, methods)).toMatch(/version unknown/);
    expect(fontReuseRefusal(PDFKIT_VERSION_PATCHED, { font() {}, fontSize() {} })).toMatch(/initFonts/);
    // Refused: the prototype is left as it was.
    const prototype = { font() {}, initFonts() {} };
    const before = prototype.font;
    expect(installEmbeddedFontReuse(prototype)).toMatchObject({ installed: false });
    expect(prototype.font).toBe(before);
  });

  it('answers a font object with the embedded font of its first use, as pdfkit would, without spending ids', async () => {
    await prepareLetterFonts();
    const regular = await loadedFont(400);
    const bold = await loadedFont(700);
    const document = new PDFDocument({ autoFirstPage: false }) as unknown as FontsDocument;
    const countBefore = document._fontCount; // Helvetica, pdfkit's default font

    document.font(regular, 10);
    const embeddedRegular = document._font;
    expect(embeddedRegular.font).toBe(regular);
    document.font(bold, 12);
    const embeddedBold = document._font;
    expect(embeddedBold).not.toBe(embeddedRegular);
    document.font('Helvetica');
    document.font(regular, 9);
    expect(document._font).toBe(embeddedRegular);
    expect(document._fontSize).toBe(9);
    expect(document._fontSource).toBe(regular);
    expect(document._fontFamily).toBeNull();
    document.font(bold);
    expect(document._font).toBe(embeddedBold);
    expect(document._fontSize).toBe(9); // no size: kept, as pdfkit does
    expect(document._fontCount).toBe(countBefore + 2);

    // Another document gets its own embedded fonts (each PDF embeds its own subset).
    const other = new PDFDocument({ autoFirstPage: false }) as unknown as FontsDocument;
    other.font(regular, 10);
    expect(other._font).not.toBe(embeddedRegular);
    expect(other._font.font).toBe(regular);
  });
});
