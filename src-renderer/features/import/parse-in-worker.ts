import { parseInvoiceCsv, type ColumnMapping, type CsvImportResult } from '../../domain/csv-import';
import { runInWorker } from '../../os/run-in-worker';

/**
 * Runs the pure parser in a worker; falls back to the main thread where workers cannot start
 * (the result is the same, only the window may pause on a huge file).
 */
export function parseInWorker(bytes: Uint8Array, mapping?: ColumnMapping): Promise<CsvImportResult> {
  // A copy is sent: the caller keeps its bytes to parse again with another mapping.
  return runInWorker(
    () => new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module' }),
    { bytes, mapping },
    () => parseInvoiceCsv(bytes, mapping),
  );
}
