import Papa from 'papaparse';
import { bench, describe } from 'vitest';
import { parseInvoiceCsv } from '../../src-renderer/domain/csv-import';
import { groupName, OPTIONS } from './bench-names';
import { benchSizes, shopAt, toFrenchCsv } from './shop';

/**
 * Importing the shop's invoice export: `parseInvoiceCsv` on the file's bytes (decoding, delimiter
 * detection, splitting, header mapping, validation of every cell). Anchor: the floor of any CSV
 * parsing, `TextDecoder` then `Papa.parse` of the same bytes with the delimiter given and no
 * validation. The file is tests/bench/shop.ts's `toFrenchCsv` (the one the browser run imports).
 */
for (const factor of benchSizes()) {
  const shop = shopAt(factor);
  const { text, rows } = toFrenchCsv(shop);
  const bytes = new TextEncoder().encode(text);
  // Outside the timings: the file must be one the parser accepts entirely, or the bench measures errors.
  const check = parseInvoiceCsv(bytes);
  if (check.errors.length > 0 || check.rows.length !== rows) {
    throw new Error(`generated file rejected: ${check.rows.length} rows, first error ${JSON.stringify(check.errors[0])}`);
  }
  describe(groupName('import-parse', factor), () => {
    bench('anchor: TextDecoder + Papa.parse, no validation', () => {
      const decoded = new TextDecoder('utf-8').decode(bytes);
      const parsed = Papa.parse<string[]>(decoded, { delimiter: ';', newline: '\r\n', skipEmptyLines: true });
      if (parsed.data.length !== rows + 1) throw new Error('unreachable');
    }, OPTIONS);
    bench('parseInvoiceCsv', () => {
      const result = parseInvoiceCsv(bytes);
      if (result.rows.length !== rows) throw new Error('unreachable');
    }, OPTIONS);
  });
}
