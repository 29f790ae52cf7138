/// <reference lib="webworker" />
import { parseInvoiceCsv, type ColumnMapping } from '../../domain/csv-import';
import { serveInWorker } from '../../os/run-in-worker';

/**
 * Parses an invoice CSV off the main thread, so that a 100,000-row file never freezes the window.
 */
serveInWorker(({ bytes, mapping }: { bytes: Uint8Array; mapping?: ColumnMapping }) => parseInvoiceCsv(bytes, mapping));
