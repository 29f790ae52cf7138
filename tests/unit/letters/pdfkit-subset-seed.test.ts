import { Font } from '@react-pdf/renderer';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILY, prepareLetterFonts } from '../../../src-main/services/letters/fonts';
import { SEED_TEXT, seedGlyphsOf } from '../../../src-main/services/letters/pdfkit-subset-seed';
import { renderLetters } from '../../../src-main/services/letters/render';
import { HAS_PDFTOTEXT, letter, pdfPages, recipient } from './fixtures';

interface CharacterFont {
  characterSet: number[];
  glyphForCodePoint(codePoint: number): { id: number };
  layout(text: string): { glyphs: { id: number; advanceWidth: number; codePoints: number[] }[] };
}

async function loadedFont(fontWeight: number): Promise<CharacterFont> {
  await prepareLetterFonts();
  const source = Font.getFont({ fontFamily: FONT_FAMILY, fontWeight });
  await source.load();
  return source.data as unknown as CharacterFont;
}

/** The embedded font files of a PDF (still compressed), by font name without the subset tag. */
async function fontFiles(pdf: Uint8Array): Promise<Map<string, Uint8Array>> {
  const document = await PDFDocument.load(pdf);
  const files = new Map<string, Uint8Array>();
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const file = object.lookup(PDFName.of('FontFile2'));
    const name = object.get(PDFName.of('FontName'))?.toString().replace(/^\/[A-Z]{6}\+/, '');
    if (file instanceof PDFRawStream && name) files.set(name, file.contents);
  }
  return files;
}

describe('DejaVu subsets seeded with the glyphs every letter shares', () => {
  it('seeds every character of the seed, and no glyph that another character shares (text extraction stays exact)', async () => {
    for (const weight of [400, 700]) {
      const font = await loadedFont(weight);
      const seeded = seedGlyphsOf(font);
      const seededIds = new Set(seeded.map((glyph) => glyph.id));
      for (const character of SEED_TEXT.join('')) expect(seededIds.has(font.glyphForCodePoint(character.codePointAt(0)!).id)).toBe(true);
      expect(seeded.some((glyph) => glyph.codePoints.length > 1)).toBe(true); // fi, fl… ligatures
      const codePointsByGlyph = new Map<number, number[]>();
      for (const codePoint of font.characterSet) {
        const id = font.glyphForCodePoint(codePoint).id;
        if (seededIds.has(id)) codePointsByGlyph.set(id, [...(codePointsByGlyph.get(id) ?? []), codePoint]);
      }
      for (const glyph of seeded) {
        if (glyph.codePoints.length === 1) expect(codePointsByGlyph.get(glyph.id)).toEqual(glyph.codePoints);
      }
    }
  });

  it('embeds the same font files in letters of different texts, and a subset of its own for a glyph outside the seed', async () => {
    const first = await renderLetters([letter()]);
    const second = await renderLetters([letter({ subject: 'Relevé de compte — « dernière » relance', signature: 'Zoé Lefèvre' })]);
    const firstFiles = await fontFiles(first.pdf);
    const secondFiles = await fontFiles(second.pdf);
    expect([...firstFiles.keys()].sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    for (const [name, file] of firstFiles) expect(Buffer.from(secondFiles.get(name)!).equals(Buffer.from(file))).toBe(true);
    // The stream handed over compressed is a real zlib stream of a TrueType file (fontkit tags it 'true').
    expect(inflateSync(firstFiles.get('DejaVuSans')!).subarray(0, 4).toString('latin1')).toBe('true');

    const greek = await renderLetters([letter({ recipient: { ...recipient, attention: 'Mme Σοφία Παπαδοπούλου' } })]);
    const greekFiles = await fontFiles(greek.pdf);
    const regular = greekFiles.get('DejaVuSans')!;
    expect(Buffer.from(regular).equals(Buffer.from(firstFiles.get('DejaVuSans')!))).toBe(false);
    expect(inflateSync(regular).length).toBeGreaterThan(inflateSync(firstFiles.get('DejaVuSans')!).length);
    if (HAS_PDFTOTEXT) {
      const text = pdfPages(greek.pdf).join('\n');
      expect(text).toContain('Mme Σοφία');
      expect(text).toContain('Παπαδοπούλου');
      expect(pdfPages(second.pdf).join('\n')).toContain('Relevé de compte — « dernière » relance');
    }
  });
});
