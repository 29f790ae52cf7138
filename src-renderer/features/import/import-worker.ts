/// <reference lib="webworker" />
import { RelanceDatabase } from '../../db/database';
import { applyInvoiceImport, previewInvoiceImport } from '../../db/import-repo';
import { serveInWorker } from '../../os/run-in-worker';
import type { ImportProgress, ImportWorkerRequest } from './import-in-worker';

/**
 * Checks and writes an import off the main thread. Matching 100,000 rows against the ledger (the
 * import plan) takes seconds of pure computation INSIDE the write transaction — it must see the
 * ledger as the transaction does, so it cannot be split from it — and the window would freeze
 * meanwhile. Here it runs with the worker's own connection to the same database; the change feed
 * tells the window what changed (db/change-feed.ts).
 */
serveInWorker<ImportWorkerRequest, unknown, ImportProgress>(async (request, notify) => {
  const db = new RelanceDatabase(request.databaseName);
  try {
    if (request.kind === 'preview') return await previewInvoiceImport(db, request.rows);
    return await applyInvoiceImport(db, request.rows, request.options, (written, total) => notify({ written, total }));
  } finally {
    db.close();
  }
});
