import { PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../../src-main/services/letters/labels';
import { numberLetterPages } from '../../../src-main/services/letters/page-numbers';
import { renderLetters } from '../../../src-main/services/letters/render';
import { HAS_PDFTOTEXT, pdfPages, pdfWords, POINTS_PER_MM, statement } from './fixtures';

/** The font names a PDF embeds a file for (subset tag removed). */
async function embeddedFonts(pdf: Uint8Array): Promise<string[]> {
  const document = await PDFDocument.load(pdf);
  const names: string[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')) {
      names.push(String(object.get(PDFName.of('FontName'))).replace(/^\/([A-Z]{6}\+)?/, ''));
    }
  }
  return names.sort();
}

/** The "Page n / N" words of `page`, right edge in mm from the left. */
function numberRightEdge(pdf: Uint8Array, page: number): number {
  const words = pdfWords(pdf, page).filter((word) => word.yMin / POINTS_PER_MM > 280);
  return Math.max(...words.map((word) => word.xMax)) / POINTS_PER_MM;
}

describe.skipIf(!HAS_PDFTOTEXT)('page numbers', () => {
  it("are written with the letter's own DejaVu, right-aligned 20 mm from the edge, without embedding a font again", async () => {
    const { pdf, pages } = await renderLetters([statement(60)]);
    expect(pages).toBe(2);
    expect(await embeddedFonts(pdf)).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    const texts = pdfPages(pdf);
    expect(texts[0]).toMatch(/Page 1 \/ 2\s*$/);
    expect(texts[1]).toMatch(/Page 2 \/ 2\s*$/);
    for (const page of [1, 2]) expect(numberRightEdge(pdf, page)).toBeCloseTo(190, 0);
  });

  it('embed DejaVu for themselves on pages written without it', async () => {
    const document = await PDFDocument.create();
    const helvetica = await document.embedFont(StandardFonts.Helvetica);
    for (const line of ['First sheet', 'Second sheet']) document.addPage([595.28, 841.89]).drawText(line, { x: 72, y: 700, font: helvetica, size: 12 });
    const pdf = await numberLetterPages(await document.save({ useObjectStreams: false }), [LABELS.en.page], 2);
    expect(await embeddedFonts(pdf)).toEqual(['DejaVuSans-2000']);
    expect(pdfPages(pdf)[1]).toMatch(/Page 2 \/ 2/);
    expect(numberRightEdge(pdf, 2)).toBeCloseTo(190, 0);
  });
});
