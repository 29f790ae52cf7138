/// <reference lib="webworker" />
import { exportBackup } from '../../db/backup';
import { RelanceDatabase } from '../../db/database';
import { toBase64 } from '../../os/base64';

export interface BackupRequest {
  databaseName: string;
  nowIso: string;
  appVersion: string;
}

export type BackupReply = { ok: true; contentBase64: string; byteLength: number } | { ok: false; message: string };

/**
 * Exports the whole database off the main thread. At 100,000 invoices the export and its base64
 * encoding take seconds of CPU; on the main thread that froze the window once a day, in the middle
 * of whatever the shopkeeper was doing. IndexedDB is shared with the worker: it opens the same
 * database (Dexie's read transaction gives a consistent snapshot) and hands back the finished text.
 */
self.onmessage = async (event: MessageEvent<BackupRequest>) => {
  const db = new RelanceDatabase(event.data.databaseName);
  try {
    const blob = await exportBackup(db, { nowIso: event.data.nowIso, appVersion: event.data.appVersion });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    const reply: BackupReply = { ok: true, contentBase64: toBase64(bytes), byteLength: bytes.byteLength };
    self.postMessage(reply);
  } catch (error) {
    const reply: BackupReply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    self.postMessage(reply);
  } finally {
    db.close();
  }
};
