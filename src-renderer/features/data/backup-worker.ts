/// <reference lib="webworker" />
import { exportBackup } from '../../db/backup';
import { gzip } from '../../db/backup-compression';
import { RelanceDatabase } from '../../db/database';
import { toBase64 } from '../../os/base64';
import { serveInWorker } from '../../os/run-in-worker';

export interface BackupRequest {
  databaseName: string;
  nowIso: string;
  appVersion: string;
}

/**
 * Exports the whole database off the main thread, as base64. At 100,000 invoices the export and
 * its encoding take seconds of CPU; on the main thread that froze the window once a day, in the
 * middle of whatever the shopkeeper was doing. IndexedDB is shared with the worker: it opens the
 * same database (Dexie's read transaction gives a consistent snapshot).
 */
serveInWorker(async ({ databaseName, nowIso, appVersion }: BackupRequest) => {
  const db = new RelanceDatabase(databaseName);
  try {
    const blob = await exportBackup(db, { nowIso, appVersion });
    return toBase64(await gzip(blob));
  } finally {
    db.close();
  }
});
