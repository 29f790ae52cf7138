import { bumpGeneration } from '../../db/cache-generation';
import type { RelanceDatabase } from '../../db/database';
import {
  applyInvoiceImport,
  previewInvoiceImport,
  type ImportOptions,
  type ImportPreview,
  type ImportResult,
  type InvoiceImportRow,
} from '../../db/import-repo';
import { runInWorker } from '../../os/run-in-worker';

export type ImportWorkerRequest =
  | { kind: 'preview'; databaseName: string; rows: readonly InvoiceImportRow[] }
  | { kind: 'apply'; databaseName: string; rows: readonly InvoiceImportRow[]; options: ImportOptions };

export interface ImportProgress {
  written: number;
  total: number;
}

const startWorker = () => new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });

/** `previewInvoiceImport` in a worker (this thread where none can start): reads only. */
export function previewImportInWorker(db: RelanceDatabase, rows: readonly InvoiceImportRow[]): Promise<ImportPreview> {
  return runInWorker(startWorker, { kind: 'preview', databaseName: db.name, rows } satisfies ImportWorkerRequest, () => previewInvoiceImport(db, rows));
}

/**
 * `applyInvoiceImport` in a worker, with its progress. The worker's writes bump no start-up cache
 * counter (a worker has no localStorage, see cache-generation.ts) and the window hears of them only
 * after they commit, so the window bumps it itself, before (a copy being taken now may miss the
 * import) and after (whatever copy was taken meanwhile).
 */
export async function applyImportInWorker(
  db: RelanceDatabase,
  rows: readonly InvoiceImportRow[],
  options: ImportOptions,
  onProgress?: (written: number, total: number) => void,
): Promise<ImportResult> {
  bumpGeneration(db.name);
  try {
    return await runInWorker<ImportResult, ImportProgress>(
      startWorker,
      { kind: 'apply', databaseName: db.name, rows, options } satisfies ImportWorkerRequest,
      () => applyInvoiceImport(db, rows, options, onProgress),
      (progress) => onProgress?.(progress.written, progress.total),
    );
  } finally {
    bumpGeneration(db.name);
  }
}
