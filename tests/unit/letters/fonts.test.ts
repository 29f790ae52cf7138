import { join } from 'node:path';
import { Font } from '@react-pdf/renderer';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILY, findFontsFolder, prepareLetterFonts } from '../../../src-main/services/letters/fonts';

/** What fontkit's `layout` answers (the fields react-pdf's textkit reads). */
interface Shaped {
  glyphs: { id: number; codePoints: number[] }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
}
type Shape = (text: string, ...rest: unknown[]) => Shaped;

async function loadedLayout(fontFamily: string, fontWeight: number): Promise<Shape> {
  const source = Font.getFont({ fontFamily, fontWeight });
  await source.load();
  const font = source.data as unknown as { layout: Shape };
  return font.layout.bind(font);
}

describe('DejaVu Sans for letters', () => {
  it('shapes like fontkit itself with the memo, and shapes a repeated run only once', async () => {
    await prepareLetterFonts();
    await prepareLetterFonts(); // a second call wraps nothing twice
    // The same file under another family: loaded by react-pdf's font store, not memoised.
    const folder = findFontsFolder();
    Font.register({ family: 'Reference DejaVu', fonts: [{ src: join(folder, 'DejaVuSans.ttf') }, { src: join(folder, 'DejaVuSans-Bold.ttf'), fontWeight: 'bold' }] });
    const texts = ['Mise en demeure de payer', '1\u202f714,50\u00a0€', 'Pénalités de retard', 'office ffi', 'Lyon, le 22 novembre 2026', 'Total réclamé'];
    for (const weight of [400, 700]) {
      const memoised = await loadedLayout(FONT_FAMILY, weight);
      const reference = await loadedLayout('Reference DejaVu', weight);
      for (const text of texts) {
        for (const rest of [[], [undefined, undefined, undefined, 'ltr'], [['liga'], undefined, undefined, 'ltr']]) {
          const shaped = memoised(text, ...rest);
          const expected = reference(text, ...rest);
          expect(shaped.glyphs.map((glyph) => glyph.id)).toEqual(expected.glyphs.map((glyph) => glyph.id));
          expect(shaped.positions).toEqual(expected.positions);
          expect(memoised(text, ...rest)).toBe(shaped);
        }
      }
      // Other features or direction: shaped on their own, not answered from another entry.
      expect(memoised('office', ['liga'])).not.toBe(memoised('office', []));
    }
  });

  it('answers glyph presence and units per em as fontkit does, memoised', async () => {
    await prepareLetterFonts();
    const folder = findFontsFolder();
    Font.register({ family: 'Reference DejaVu', fonts: [{ src: join(folder, 'DejaVuSans.ttf') }, { src: join(folder, 'DejaVuSans-Bold.ttf'), fontWeight: 'bold' }] });
    type Characters = { unitsPerEm: number; hasGlyphForCodePoint(codePoint: number): boolean };
    for (const fontWeight of [400, 700]) {
      const memoised = Font.getFont({ fontFamily: FONT_FAMILY, fontWeight });
      const reference = Font.getFont({ fontFamily: 'Reference DejaVu', fontWeight });
      await reference.load();
      const [font, expected] = [memoised.data, reference.data] as unknown as Characters[];
      expect(Object.getOwnPropertyDescriptor(font, 'unitsPerEm')?.value).toBe(expected!.unitsPerEm);
      for (const codePoint of [0x41, 0xe9, 0x20ac, 0x202f, 0x2265, 0x3a3, 0x4e2d, 0x1f600, 0x1f600, 0xe9]) {
        expect(font!.hasGlyphForCodePoint(codePoint)).toBe(expected!.hasGlyphForCodePoint(codePoint));
      }
    }
  });
});
