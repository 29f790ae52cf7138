import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { letterQrPayload, renderLetters } from '../../../src-main/services/letters/render';
import { epcQrPayload } from '../../../src-renderer/domain/epc-qr';
import { formatCents } from '../../../src-renderer/domain/money';
import {
  HAS_PDFTOTEXT,
  HAS_QR_TOOLS,
  IBAN,
  POINTS_PER_MM,
  decodeQrCodes,
  formalNotice,
  letter,
  paymentPlan,
  pdfPages,
  pdfWords,
  recipient,
  shop,
  statement,
  withPdf,
} from './fixtures';

/** pdftotext writes U+202F and U+00A0 as plain spaces: compare amounts on single-spaced text. */
function normalised(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');
}
const all = (pages: string[]) => normalised(pages.join('\n'));
const pdfInfoPages = (pdf: Uint8Array) =>
  Number(/Pages:\s+(\d+)/.exec(withPdf(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' })))?.[1]);

describe.skipIf(!HAS_PDFTOTEXT)('letters read back with pdftotext', () => {
  it('first reminder (fr): names with accents, invoice, French amount, place and date, footer, no page number', async () => {
    const { pdf, pages } = await renderLetters([letter()]);
    expect(pages).toBe(1);
    expect(pdfInfoPages(pdf)).toBe(1);
    const text = all(pdfPages(pdf));
    for (const expected of [
      'Boulangerie Dupré & Fils',
      'Brasserie Léon Écuyer',
      "À l'attention de Mme Hélène Müller",
      'Bâtiment B',
      'Lyon, le 22 novembre 2026',
      'Objet : Facture F-2026-0042 impayée',
      'F-2026-0042 15/09/2026 15/10/2026 1 234,50 €',
      'Total dû 1 234,50 €',
      'SIRET 12345678900012',
      'TVA intracommunautaire',
      'FR12123456789',
      'IBAN FR76 3000 6000 0112 3456 7890 189',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/Page \d/);
    expect(text).not.toContain('Lettre recommandée');
  });

  it('keeps the narrow no-break space and the no-break space: the font maps them to U+202F and U+00A0', async () => {
    const { pdf } = await renderLetters([letter()]);
    // pdftotext prints both as spaces; the real characters are in the text layer's ToUnicode map.
    expect(formatCents(123_450, 'fr-FR')).toBe('1\u202f234,50\u00a0€');
    const raw = pdfPages(pdf).join('\n');
    expect(raw).toMatch(/1 234,50 €/);
    expect(raw).not.toMatch(/1234,50|1\?234|1�234/);
    const { inflateSync } = await import('node:zlib');
    const bytes = Buffer.from(pdf);
    const cmaps: string[] = [];
    for (const match of bytes.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
      try {
        const inflated = inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1');
        if (inflated.includes('begincmap')) cmaps.push(inflated);
      } catch {
        // not a deflated stream
      }
    }
    expect(cmaps.join('\n')).toMatch(/<202f>/i);
    expect(cmaps.join('\n')).toMatch(/<00a0>/i);
    expect(cmaps.join('\n')).toMatch(/<20ac>/i);
  });

  it('second reminder in English', async () => {
    const { pdf } = await renderLetters([
      letter({ kind: 'second-reminder', language: 'en', subject: 'Invoice F-2026-0042 still unpaid', reference: undefined, paragraphs: ['Dear Sir or Madam,'] }),
    ]);
    const text = all(pdfPages(pdf));
    expect(text).toContain('Lyon, 22 November 2026');
    expect(text).toContain('Subject: Invoice F-2026-0042 still unpaid');
    expect(text).toContain('F-2026-0042 15/09/2026 15/10/2026 €1,234.50');
    expect(text).toContain('Total due €1,234.50');
    expect(text).toContain('VAT number FR12123456789');
  });

  it('formal notice: registered-mail mention, charges equal to latePaymentCharges, total claimed', async () => {
    const { input, penaltyCents, indemnityCents } = formalNotice();
    const { pdf } = await renderLetters([input]);
    const text = all(pdfPages(pdf));
    expect(text).toContain('Lettre recommandée avec accusé de réception');
    expect(text).toContain('Objet : Mise en demeure de payer');
    expect(indemnityCents).toBe(8_000);
    expect(text).toContain(`Pénalités de retard ${normalised(formatCents(penaltyCents, 'fr-FR'))}`);
    expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement 80,00 €');
    expect(text).toContain('Total dû 1 714,50 €');
    const claimed = 123_450 + 48_000 + penaltyCents + indemnityCents;
    expect(text).toContain(`Total réclamé ${normalised(formatCents(claimed, 'fr-FR'))}`);
    for (const line of input.charges?.lines ?? []) {
      expect(text).toContain(`${line.invoiceNumber} `);
      expect(text).toContain(`${line.days} ${normalised(new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4 }).format(line.ratePercent))} %`);
      expect(text).toContain(normalised(formatCents(Math.round(line.amountCents), 'fr-FR')));
    }
  });

  it('a 60-invoice statement paginates with the table header repeated and "Page n / N" on every page', async () => {
    const input = statement(60);
    const { pdf, pages } = await renderLetters([input]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pdfInfoPages(pdf)).toBe(pages);
    const texts = pdfPages(pdf).map(normalised);
    expect(texts).toHaveLength(pages);
    texts.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} / ${pages}`);
      if (index < pages - 1 || /F-2026-\d{4} \d\d\//.test(page)) {
        expect(page).toMatch(/Facture Date Échéance Retard Reste dû/);
      }
    });
    const text = texts.join('\n');
    for (const invoice of input.invoices) {
      expect(text.split(`${invoice.number} `)).toHaveLength(2); // each invoice listed once
    }
    // Age column: F-2026-0010 was due on 2026-10-20, 33 days before the letter.
    expect(text).toContain('F-2026-0010 05/10/2026 20/10/2026 33 j 223,40 €');
  });

  it('a batch is one PDF whose letters are numbered each on their own', async () => {
    const { pdf, pages } = await renderLetters([letter(), statement(60), formalNotice().input]);
    const texts = pdfPages(pdf).map(normalised);
    expect(pdfInfoPages(pdf)).toBe(pages);
    expect(texts).toHaveLength(pages);
    expect(texts[0]).not.toMatch(/Page \d/);
    expect(texts[1]).toContain('Page 1 / 2');
    expect(texts[2]).toContain('Page 2 / 2');
    expect(texts.slice(3).join('\n')).toContain('Lettre recommandée avec accusé de réception');
  });

  it("puts the recipient's address inside the DL envelope window (100–190 mm × 45–90 mm)", async () => {
    const { pdf } = await renderLetters([letter()]);
    const words = pdfWords(pdf);
    // Every word in the top right of the first page is the recipient block, and nothing else.
    const block = words.filter((word) => word.xMin >= 95 * POINTS_PER_MM && word.yMax <= 95 * POINTS_PER_MM);
    const expected = [recipient.name, `À l'attention de ${recipient.attention}`, ...recipient.address.lines, '69002 Lyon']
      .join(' ')
      .split(' ');
    expect(block.map((word) => word.text).sort()).toEqual([...expected].sort());
    for (const word of block) {
      expect(word.xMin / POINTS_PER_MM).toBeGreaterThanOrEqual(100);
      expect(word.xMax / POINTS_PER_MM).toBeLessThanOrEqual(190);
      expect(word.yMin / POINTS_PER_MM).toBeGreaterThanOrEqual(45);
      expect(word.yMax / POINTS_PER_MM).toBeLessThanOrEqual(90);
    }
  });
});

describe.skipIf(!HAS_QR_TOOLS)('SEPA QR code', () => {
  it('decodes to the EPC payload of the shop, the total due and the invoice numbers', async () => {
    const input = letter();
    const { pdf } = await renderLetters([input]);
    const expected = epcQrPayload({ name: shop.name, iban: IBAN, bic: 'AGRIFRPP', amountCents: 123_450, remittance: 'F-2026-0042' });
    expect(letterQrPayload(input)).toBe(expected);
    expect(decodeQrCodes(pdf)).toEqual([expected]);
  });

  it('on a formal notice asks for the total claimed, charges included', async () => {
    const { input, penaltyCents, indemnityCents } = formalNotice();
    const { pdf, pages } = await renderLetters([input]);
    const expected = epcQrPayload({
      name: shop.name,
      iban: IBAN,
      bic: 'AGRIFRPP',
      amountCents: 123_450 + 48_000 + penaltyCents + indemnityCents,
      remittance: 'F-2026-0042 F-2026-0057',
    });
    const found = Array.from({ length: pages }, (_, index) => decodeQrCodes(pdf, index + 1)).flat();
    expect(found).toEqual([expected]);
  });

  it('is left out when the shop has no IBAN', async () => {
    const input = letter({ shop: { ...shop, iban: undefined, bic: undefined } });
    const { pdf } = await renderLetters([input]);
    expect(letterQrPayload(input)).toBeUndefined();
    expect(decodeQrCodes(pdf)).toEqual([]);
    if (HAS_PDFTOTEXT) expect(all(pdfPages(pdf))).not.toContain('IBAN');
  });
});

describe.skipIf(!HAS_PDFTOTEXT)('page numbers stamped after the layout', () => {
  it('numbers each letter of several sheets on its own, wherever it is in the batch, and no one-sheet letter', async () => {
    const { pdf, pages } = await renderLetters([statement(60), letter(), formalNotice().input, statement(60), letter()]);
    const texts = pdfPages(pdf).map(normalised);
    expect(pages).toBe(7);
    expect(pdfInfoPages(pdf)).toBe(7);
    expect(texts.map((text) => /Page (\d+) \/ (\d+)/.exec(text)?.slice(1).join('/') ?? '-')).toEqual(['1/2', '2/2', '-', '-', '1/2', '2/2', '-']);
    expect(texts[2]).toContain('Facture F-2026-0042 impayée');
    expect(texts[3]).toContain('Lettre recommandée avec accusé de réception');
  });

  it('prints the number where the layout printed it: bottom right, below the footer, in DejaVu Sans', async () => {
    const { pdf } = await renderLetters([statement(60)]);
    const words = pdfWords(pdf, 2);
    const number = words.filter((word) => ['Page', '2', '/'].includes(word.text) && word.yMin > 280 * POINTS_PER_MM);
    expect(number.map((word) => word.text)).toEqual(['Page', '2', '/', '2']);
    const right = Math.max(...number.map((word) => word.xMax)) / POINTS_PER_MM;
    expect(right).toBeGreaterThan(188);
    expect(right).toBeLessThanOrEqual(190.01);
    const bottom = Math.max(...number.map((word) => word.yMax)) / POINTS_PER_MM;
    expect(bottom).toBeGreaterThan(290);
    expect(bottom).toBeLessThanOrEqual(292.01);
    const fonts = withPdf(pdf, (path) => execFileSync('pdffonts', [path], { encoding: 'utf8' }));
    expect(fonts).not.toMatch(/Helvetica|Times|Courier/);
  });

  it('a batch of one-sheet letters has no page number at all', async () => {
    const { pdf, pages } = await renderLetters([formalNotice().input, letter(), letter({ kind: 'second-reminder' })]);
    expect(pages).toBe(3);
    expect(all(pdfPages(pdf))).not.toMatch(/Page \d/);
  });
});

describe.skipIf(!HAS_PDFTOTEXT)('formal notice to a consumer', () => {
  it('has legal interest from the notice and no fixed indemnity line', async () => {
    const { input } = formalNotice();
    const consumer = {
      ...input,
      charges: { lines: [], penaltyCents: 0, indemnityCents: 0 },
    };
    const text = all(pdfPages((await renderLetters([consumer])).pdf));
    expect(text).toContain('Lettre recommandée avec accusé de réception');
    expect(text).toContain('Pénalités de retard 0,00 €');
    expect(text).not.toContain('Indemnité forfaitaire');
    expect(text).toContain('Total réclamé 1 714,50 €');
  });
});

describe.skipIf(!HAS_PDFTOTEXT)('payment plan agreement', () => {
  it('lists the instalments, their total and two signature boxes', async () => {
    const text = all(pdfPages((await renderLetters([paymentPlan()])).pdf));
    expect(text).toContain('Échéancier de paiement');
    expect(text).toContain('1 1er décembre 2026 571,50 €');
    expect(text).toContain('3 1er février 2027 571,50 €');
    expect(text).toContain('Total des échéances 1 714,50 €');
    expect(text).toContain('Le créancier');
    expect(text).toContain('Le débiteur');
    expect(text).toContain('Brasserie Léon Écuyer');
    expect(text).toContain('« Lu et approuvé »');
  });
});

describe.skipIf(!HAS_QR_TOOLS)('SEPA QR code of a payment plan', () => {
  it('asks for the first instalment', async () => {
    const input = paymentPlan();
    const expected = epcQrPayload({ name: shop.name, iban: IBAN, bic: 'AGRIFRPP', amountCents: 57_150, remittance: 'F-2026-0042 F-2026-0057' });
    const { pdf, pages } = await renderLetters([input]);
    const found = Array.from({ length: pages }, (_, index) => decodeQrCodes(pdf, index + 1)).flat();
    expect(found).toEqual([expected]);
  });
});
