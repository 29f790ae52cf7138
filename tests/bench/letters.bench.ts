import { bench, describe } from 'vitest';
import type { LetterInput } from '../../src-main/contract/letters';
import { renderLetters } from '../../src-main/services/letters/render';
import { formalNotice, letter } from '../unit/letters/fixtures';

/**
 * "Print today's letters": 100 formal notices (two invoices, charges table, SEPA QR code, DejaVu
 * Sans) laid out by @react-pdf/renderer into one PDF, in this process. Target: under 3 s. A single
 * first reminder for scale. (The anchor, pdf-lib drawing the same text without layout, is
 * not installed here.)
 */
const notices: LetterInput[] = Array.from({ length: 100 }, (_, index) => {
  const { input } = formalNotice();
  return { ...input, recipient: { ...input.recipient, name: `Client ${index + 1} — Brasserie Léon Écuyer` } };
});
const single = [letter()];

describe('letters', () => {
  bench('100 formal notices → one PDF', async () => {
    await renderLetters(notices);
  }, { iterations: 3, warmupIterations: 1, time: 0 });

  bench('1 first reminder → PDF', async () => {
    await renderLetters(single);
  }, { iterations: 10, warmupIterations: 2, time: 0 });
});
