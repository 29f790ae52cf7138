/// <reference lib="webworker" />
import { parseInvoiceCsv, type ColumnMapping } from '../../domain/csv-import';

/**
 * Parses an invoice CSV off the main thread, so that a 100,000-row file never freezes the window.
 */
self.onmessage = (event: MessageEvent<{ bytes: Uint8Array; mapping?: ColumnMapping }>) => {
  try {
    self.postMessage({ ok: true, result: parseInvoiceCsv(event.data.bytes, event.data.mapping) });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
