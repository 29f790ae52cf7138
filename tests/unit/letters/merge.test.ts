import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { mergePdfs } from '../../../src-main/services/letters/merge';
import { renderLetters } from '../../../src-main/services/letters/render';
import { HAS_PDFTOTEXT, letter, pdfPages, recipient, statement } from './fixtures';

/** The font files of a PDF: how many descriptors point to one, and how many distinct files there are. */
async function fontFileUse(pdf: Uint8Array): Promise<{ descriptors: number; files: number }> {
  const document = await PDFDocument.load(pdf);
  let descriptors = 0;
  const files = new Set<string>();
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const file = object.get(PDFName.of('FontFile2'));
    if (file && document.context.lookup(file) instanceof PDFRawStream) {
      descriptors += 1;
      files.add(file.toString());
    }
  }
  return { descriptors, files: files.size };
}

describe('merging archived letters', () => {
  it('keeps one copy of a font file the letters share, and every page as it was', async () => {
    const archives = await Promise.all(
      [letter({ subject: 'Première' }), letter({ subject: 'Deuxième', recipient: { ...recipient, attention: 'Mme Σοφία' } }), statement(60)].map(
        async (input) => (await renderLetters([input])).pdf,
      ),
    );
    const merged = await mergePdfs(archives);
    expect(merged.pages).toBe(4);
    const use = await fontFileUse(merged.pdf);
    // Regular and bold in each letter (page numbers are written with the letter's regular).
    expect(use.descriptors).toBe(6);
    // The Greek name makes the second letter's regular subset its own: regular ×2, bold.
    expect(use.files).toBe(3);
    if (HAS_PDFTOTEXT) {
      const pages = pdfPages(merged.pdf);
      expect(pages[0]).toContain('Première');
      expect(pages[1]).toContain('Deuxième');
      expect(pages[1]).toContain('Mme Σοφία');
      expect(pages[3]).toMatch(/Page 2 \/ 2/);
    }
  });
});
