import Papa from 'papaparse';
import { bench, describe } from 'vitest';
import { parseInvoiceCsv } from '../../src-renderer/domain/csv-import';

/**
 * Importing an invoice CSV export: `parseInvoiceCsv` on the file's bytes (decoding, delimiter
 * detection, splitting, header mapping, validation of every cell). Anchor: the floor of any CSV
 * parsing, `TextDecoder` then `Papa.parse` of the same text with the delimiter given and no
 * validation. Both start from the bytes, so decoding is in both. Sizes: 1 000, 10 000 and 100 000
 * rows of a French export (UTF-8, `;`, CR LF, dates dd/mm/yyyy, amounts like "1 234,56 €").
 */
const HEADER = 'N° facture;Client;Date;Échéance;Montant TTC;Payé;Email';
const CUSTOMERS = ['Boulangerie Élodie', 'Garage Lefèvre', 'Café de la Gare', 'Pâtisserie Hélène', 'Œuvres & Fils'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** "1 234,56 €" for 123456 cents: French thousands space and decimal comma. */
function euros(cents: number): string {
  const units = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+$)/g, ' ');
  return `${units},${pad(cents % 100)} €`;
}

function frenchExport(size: number): Uint8Array {
  const lines = [HEADER];
  for (let i = 0; i < size; i += 1) {
    const day = pad((i % 28) + 1);
    const month = pad((i % 12) + 1);
    const total = 1_000 + ((i * 7_919) % 500_000);
    const paid = i % 3 === 0 ? total : i % 3 === 1 ? 0 : Math.floor(total / 2);
    const customer = `${CUSTOMERS[i % CUSTOMERS.length]} ${i % 997}`;
    lines.push(
      `F2026-${i};${customer};${day}/${month}/2026;${day}/${month}/2027;${euros(total)};${euros(paid)};c${i}@exemple.fr`,
    );
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

for (const size of [1_000, 10_000, 100_000]) {
  const bytes = frenchExport(size);
  // Outside the timings: the file must be one the parser accepts entirely, or the bench measures errors.
  const check = parseInvoiceCsv(bytes);
  if (check.errors.length > 0 || check.rows.length !== size) {
    throw new Error(`generated file rejected: ${check.rows.length} rows, first error ${JSON.stringify(check.errors[0])}`);
  }
  describe(`CSV import, ${size.toLocaleString('en')} French rows (${(bytes.length / 1e6).toFixed(1)} MB)`, () => {
    bench('anchor: TextDecoder + Papa.parse, no validation', () => {
      const text = new TextDecoder('utf-8').decode(bytes);
      const parsed = Papa.parse<string[]>(text, { delimiter: ';', newline: '\r\n', skipEmptyLines: true });
      if (parsed.data.length !== size + 1) throw new Error('unreachable');
    });
    bench('parseInvoiceCsv', () => {
      const result = parseInvoiceCsv(bytes);
      if (result.rows.length !== size) throw new Error('unreachable');
    });
  });
}
