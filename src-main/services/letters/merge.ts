import { PDFDocument } from 'pdf-lib';
import type { RenderedLetters } from './render';

/**
 * Letters already rendered (their archives), one after the other in one PDF, with pdf-lib: "print
 * today's letters" prints the very files it archived instead of laying every letter out a second
 * time. Pages are copied as they are (text, fonts, QR images): nothing is laid out again, so the
 * printed letter is the archived one, byte for byte in its content streams.
 */
export async function mergePdfs(pdfs: readonly Uint8Array[], title = 'Relance'): Promise<RenderedLetters> {
  if (pdfs.length === 0) throw new Error('mergePdfs: no PDF to merge');
  const merged = await PDFDocument.create();
  for (const bytes of pdfs) {
    const source = await PDFDocument.load(bytes);
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  merged.setTitle(title);
  merged.setCreator('Relance');
  merged.setProducer('Relance');
  const pdf = await merged.save();
  return { pdf, pages: merged.getPageCount() };
}
