import { parseInvoiceCsv, type ColumnMapping, type CsvImportResult } from '../../domain/csv-import';

/**
 * Runs the pure parser in a worker; falls back to the main thread where workers cannot start
 * (the result is the same, only the window may pause on a huge file).
 */
export function parseInWorker(bytes: Uint8Array, mapping?: ColumnMapping): Promise<CsvImportResult> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(parseInvoiceCsv(bytes, mapping));
  }
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ ok: true; result: CsvImportResult } | { ok: false; message: string }>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.result);
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      event.preventDefault();
      resolve(parseInvoiceCsv(bytes, mapping));
    };
    // A copy is sent: the caller keeps its bytes to parse again with another mapping.
    worker.postMessage({ bytes, mapping });
  });
}
