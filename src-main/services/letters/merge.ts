import { createHash } from 'node:crypto';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
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
  shareIdenticalFontFiles(merged);
  merged.setTitle(title);
  merged.setCreator('Relance');
  merged.setProducer('Relance');
  const pdf = await merged.save();
  return { pdf, pages: merged.getPageCount() };
}

const FONT_FILE_KEYS = ['FontFile', 'FontFile2', 'FontFile3'].map((key) => PDFName.of(key));

/**
 * Keeps one copy of each font file that several letters embed byte for byte: every archive carries
 * the same DejaVu subsets (pdfkit-subset-seed.ts) and mostly the same page-number subset, and
 * copying pages copies them once per letter (about 40 KB each). The font descriptors then point to
 * the one copy; the others are dropped. Font files are only ever read, so sharing them changes no
 * page.
 */
export function shareIdenticalFontFiles(document: PDFDocument): number {
  const kept = new Map<string, PDFRef>();
  const repoints: { descriptor: PDFDict; key: PDFName; file: PDFRef }[] = [];
  for (const [, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    for (const key of FONT_FILE_KEYS) {
      const file = object.get(key);
      const stream = file instanceof PDFRef ? document.context.lookup(file) : undefined;
      if (!(file instanceof PDFRef) || !(stream instanceof PDFRawStream)) continue;
      const fingerprint = `${key.toString()} ${stream.dict.toString()} ${createHash('sha256').update(stream.contents).digest('hex')}`;
      const first = kept.get(fingerprint);
      if (!first) kept.set(fingerprint, file);
      else if (first !== file) repoints.push({ descriptor: object, key, file: first });
    }
  }
  const dropped = new Set<PDFRef>();
  for (const { descriptor, key, file } of repoints) {
    const duplicate = descriptor.get(key) as PDFRef;
    descriptor.set(key, file);
    dropped.add(duplicate);
  }
  for (const duplicate of dropped) document.context.delete(duplicate);
  return dropped.size;
}
