import { exportBackup } from '../../db/backup';
import type { RelanceDatabase } from '../../db';
import { os, toBase64 } from '../../os/client';
import { nowIso } from '../../os/clock';

/** The app's version, asked once from main (it is what the package says). */
let versionPromise: Promise<string> | undefined;
export function appVersion(): Promise<string> {
  versionPromise ??= os.app.info({}).then((info) => info.version, () => '0.0.0');
  return versionPromise;
}

/** A full backup as bytes, ready for `files.saveAs` or `backup.saveDaily`. */
export async function backupBytes(db: RelanceDatabase): Promise<Uint8Array> {
  const blob = await exportBackup(db, { nowIso: nowIso(), appVersion: await appVersion() });
  return new Uint8Array(await blob.arrayBuffer());
}

/** Saves text or bytes where the user chooses (Electron) or in the export folder (browser mode). */
export async function saveFile(suggestedName: string, content: string | Uint8Array, mimeType: string, filterName?: string) {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return os.files.saveAs({ suggestedName, contentBase64: toBase64(bytes), mimeType, ...(filterName ? { filterName } : {}) });
}
