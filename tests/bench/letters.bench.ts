import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { bench, describe } from 'vitest';
import type { LetterInput } from '../../src-main/contract/letters';
import { LABELS } from '../../src-main/services/letters/labels';
import { renderLetters } from '../../src-main/services/letters/render';
import { formatDate } from '../../src-renderer/domain/dates';
import { formatCents } from '../../src-renderer/domain/money';
import { benchNote, groupName } from './bench-names';
import { noticesOf } from './letter-notices';
import { benchSizes } from './shop';

/**
 * "Print today's letters": formal notices built by buildLetterInput from the generated shop's ledger
 * (the customers with late invoices, the built-in template's text, the charges of
 * latePaymentCharges, the SEPA QR code, DejaVu Sans) laid out by @react-pdf/renderer into one PDF,
 * in this process. A shop's letters of the day grow with its size: one notice per 1,000 invoices
 * (1 at 1×, 10 at 10×, 100 at 100×). Target: 100 notices under 3 s.
 *
 * Anchor (the limit): pdf-lib writing the same text, line after line, with the same DejaVu Sans
 * embedded and subset, one A4 page per notice — no layout (no wrapping, tables, pagination, page
 * numbers) and no QR image. The ratio says what react-pdf's layout costs over just putting the
 * words on pages.
 */

/** Every line of text a notice prints, in reading order (what the anchor draws). */
function textLines(input: LetterInput): string[] {
  const labels = LABELS[input.language];
  const money = (cents: number) => formatCents(Math.round(cents), 'fr-FR');
  const date = (value: string) => formatDate(value, 'fr', 'short');
  const address = (a: LetterInput['shop']['address']) => [...a.lines, `${a.postcode} ${a.city}`];
  return [
    input.shop.name,
    ...address(input.shop.address),
    input.recipient.name,
    ...(input.recipient.attention ? [`${labels.attention} ${input.recipient.attention}`] : []),
    ...address(input.recipient.address),
    labels.placeAndDate(input.place ?? input.shop.address.city, input.date),
    labels.registeredMail,
    `${labels.subject} ${input.subject}`,
    ...input.paragraphs.flatMap((paragraph) => paragraph.split('\n')),
    ...input.invoices.map((invoice) => `${invoice.number}  ${date(invoice.issueDate)}  ${date(invoice.dueDate)}  ${money(invoice.amountDueCents)}`),
    ...(input.charges?.lines ?? []).map((line) => `${line.invoiceNumber}  ${date(line.from)} – ${date(line.to)}  ${line.days}  ${line.ratePercent} %  ${money(line.amountCents)}`),
    `${labels.penalty} ${money(input.charges?.penaltyCents ?? 0)}`,
    `${labels.indemnity} ${money(input.charges?.indemnityCents ?? 0)}`,
    ...(input.closing ?? []).flatMap((paragraph) => paragraph.split('\n')),
    `${input.shop.name} · SIRET ${input.shop.siret ?? ''} · ${labels.vat} ${input.shop.vatNumber ?? ''}`,
  ];
}

const fontBytes = readFileSync(join(process.cwd(), 'resources', 'fonts', 'DejaVuSans.ttf'));

async function pdfLibAnchor(noticeLines: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(fontBytes, { subset: true });
  for (const lines of noticeLines) {
    const page = pdf.addPage([595.28, 841.89]);
    let y = 800;
    for (const text of lines) {
      page.drawText(text, { x: 56, y, size: 9, font });
      y -= 11;
    }
  }
  return pdf.save();
}

// The app lays letters out in worker threads started with NODE_ENV=production (worker-client.ts),
// where React (react-pdf's reconciler, and the JSX of document.tsx) runs its production build.
// Under vitest's default NODE_ENV=test, React's development build (a debug stack captured per
// element) made the same layout 1.3 to 1.45 times slower. `npm run bench` runs the benches with
// NODE_ENV=production; run this file alone as `NODE_ENV=production npx vitest bench --run …`.
if (process.env.NODE_ENV !== 'production') {
  benchNote(`letters: NODE_ENV=${process.env.NODE_ENV ?? ''}, React's development build is measured (the app runs its production build)`);
}

for (const factor of benchSizes()) {
  const notices = noticesOf(factor);
  const noticeLines = notices.map(textLines);
  // 100 notices take seconds each run: one measured run there, three below, each after a warm-up
  // run (fonts parsed, code compiled: a letters worker of the app stays up between batches). The
  // first, cold run of a fresh process is about twice as slow: see docs/benchmarks.md.
  const options = factor === 100 ? { iterations: 1, warmupIterations: 1, warmupTime: 0, time: 0 } : { iterations: 3, warmupIterations: 1, warmupTime: 0, time: 0 };
  describe(groupName('letters', factor), () => {
    bench('anchor: pdf-lib, the same text, no layout', async () => {
      await pdfLibAnchor(noticeLines);
    }, options);
    bench('@react-pdf/renderer, laid out, with QR codes', async () => {
      await renderLetters(notices);
    }, options);
  });
}
