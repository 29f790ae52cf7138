import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { bench, describe } from 'vitest';
import type { LetterInput } from '../../src-main/contract/letters';
import { renderLetters } from '../../src-main/services/letters/render';
import { mergePdfs } from '../../src-main/services/letters/merge';
import { createWorkerRenderer } from '../../src-main/services/letters/worker-client';
import { LABELS } from '../../src-main/services/letters/labels';
import { buildLetterInput } from '../../src-renderer/domain/letter-input';
import { formatDate } from '../../src-renderer/domain/dates';
import { formatCents } from '../../src-renderer/domain/money';
import { KNOWN_RATES } from '../../src-renderer/domain/rates';
import { aCustomer, anInvoice } from '../unit/domain/builders';
import { letter, shop } from '../unit/letters/fixtures';

/**
 * "Print today's letters": 100 formal notices built from a ledger by buildLetterInput (two invoices,
 * the template's text, the charges of latePaymentCharges, the SEPA QR code, DejaVu Sans) laid out by
 * @react-pdf/renderer into one PDF, in this process. Target: under 3 s.
 *
 * Anchor (the limit): pdf-lib writing the same text, line after line, with the same DejaVu Sans
 * embedded and subset, one A4 page per notice — no layout (no wrapping, tables, pagination, page
 * numbers) and no QR image. The ratio says what react-pdf's layout costs over just putting the
 * words on pages.
 */
const notices: LetterInput[] = Array.from({ length: 100 }, (_, index) => {
  const customer = aCustomer(`c${index}`, {
    name: `Client ${index + 1} — Brasserie Léon Écuyer`,
    address: { lines: [`${index + 1} place Bellecour`], postcode: '69002', city: 'Lyon', country: 'FR' },
    contacts: [{ id: 'k', name: 'Hélène Müller', civility: 'madame' }],
  });
  const invoices = [
    anInvoice(`a${index}`, customer.id, '2026-07-15', { number: `F-2026-${String(2 * index + 1).padStart(4, '0')}`, issueDate: '2026-06-15', totalCents: 123_450 + index }),
    anInvoice(`b${index}`, customer.id, '2026-08-10', { number: `F-2026-${String(2 * index + 2).padStart(4, '0')}`, issueDate: '2026-07-10', totalCents: 48_000 }),
  ];
  return buildLetterInput({ kind: 'formal-notice', customer, invoices, payments: [], shop, today: '2026-11-22', rates: KNOWN_RATES });
});
const single = [letter()];

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
const noticeLines = notices.map(textLines);

async function pdfLibAnchor(): Promise<Uint8Array> {
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

describe('letters: 100 formal notices → one PDF', () => {
  bench('anchor: pdf-lib, the same text, no layout', async () => {
    await pdfLibAnchor();
  }, { iterations: 3, warmupIterations: 1, time: 0 });

  bench('@react-pdf/renderer, laid out, with QR codes', async () => {
    await renderLetters(notices);
  }, { iterations: 3, warmupIterations: 1, time: 0 });
});

/*
 * "Print today's letters" as the app runs it: every letter laid out alone for its archive, then the
 * batch. Before: the batch was laid out again by react-pdf (each letter twice). Now: the archives
 * are merged by pdf-lib (each letter once), and the service lays letters out in two worker threads
 * (the built worker of out/, as the app runs it; skipped when there is no build).
 */
const chunks = join(process.cwd(), 'out', 'main', 'chunks');
const builtWorker = existsSync(chunks) ? readdirSync(chunks).find((name) => /^render-worker-.*\.js$/.test(name)) : undefined;
const FLOW = { iterations: 2, warmupIterations: 0, time: 0 };

describe('print today’s letters: 100 formal notices, archives then batch', () => {
  bench('before: each laid out alone, then all laid out again into one PDF (one thread)', async () => {
    for (const notice of notices) await renderLetters([notice]);
    await renderLetters(notices);
  }, FLOW);

  bench('now: each laid out once, the archives merged by pdf-lib (one thread)', async () => {
    const archives: Uint8Array[] = [];
    for (const notice of notices) archives.push((await renderLetters([notice])).pdf);
    await mergePdfs(archives);
  }, FLOW);

  if (builtWorker) {
    const pool = createWorkerRenderer(join(chunks, builtWorker), { size: 2 });
    bench('now, as the app runs it: two worker threads, two letters at a time, merged in a worker', async () => {
      const archives: Uint8Array[] = new Array(notices.length);
      let next = 0;
      const lane = async () => {
        while (next < notices.length) {
          const index = next++;
          archives[index] = (await pool.render([notices[index] as LetterInput])).pdf;
        }
      };
      await Promise.all([lane(), lane()]);
      await pool.merge(archives);
    }, { ...FLOW, warmupIterations: 1 });
  }
});

describe('letters: one letter', () => {
  bench('1 first reminder → PDF', async () => {
    await renderLetters(single);
  }, { iterations: 10, warmupIterations: 2, time: 0 });
});
