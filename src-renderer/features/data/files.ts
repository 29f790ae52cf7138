import { exportBackup } from '../../db/backup';
import { gzip } from '../../db/backup-compression';
import type { RelanceDatabase } from '../../db';
import { os, toBase64 } from '../../os/client';
import { nowIso } from '../../os/clock';
import type { BackupRequest } from './backup-worker';
import { runInWorker } from '../../os/run-in-worker';

/** The app's version, asked once from main (it is what the package says). */
let versionPromise: Promise<string> | undefined;
export function appVersion(): Promise<string> {
  versionPromise ??= os.app.info({}).then((info) => info.version, () => '0.0.0');
  return versionPromise;
}

/**
 * A full backup, gzip-compressed (backup-compression.ts), as base64, ready for `files.saveAs` or `backup.saveDaily`. Made in a worker (see
 * backup-worker.ts); on the main thread only where a worker cannot start (the file is the same,
 * the window just pauses meanwhile).
 */
export async function backupBase64(db: RelanceDatabase): Promise<string> {
  const request: BackupRequest = { databaseName: db.name, nowIso: nowIso(), appVersion: await appVersion() };
  return runInWorker(
    () => new Worker(new URL('./backup-worker.ts', import.meta.url), { type: 'module' }),
    request,
    () => backupOnThisThread(db, request),
  );
}

async function backupOnThisThread(db: RelanceDatabase, request: BackupRequest): Promise<string> {
  const blob = await exportBackup(db, { nowIso: request.nowIso, appVersion: request.appVersion });
  return toBase64(await gzip(blob));
}

/** Saves text or bytes where the user chooses (Electron) or in the export folder (browser mode). */
export async function saveFile(suggestedName: string, content: string | Uint8Array, mimeType: string, filterName?: string) {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return saveBase64File(suggestedName, toBase64(bytes), mimeType, filterName);
}

export async function saveBase64File(suggestedName: string, contentBase64: string, mimeType: string, filterName?: string) {
  return os.files.saveAs({ suggestedName, contentBase64, mimeType, ...(filterName ? { filterName } : {}) });
}
