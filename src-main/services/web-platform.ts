import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { homedir } from 'node:os';
import { join, parse } from 'node:path';
import { fileSecretBox, type Platform } from './platform';

/**
 * The platform of the browser mode. A browser page cannot show a native save dialog for the host, so
 * files are saved into an export folder (the user's Downloads/Relance, or the data folder when there
 * is no Downloads) under a name that never overwrites an existing file, and the UI shows the path.
 * Notifications and external links are left to the renderer (browser APIs).
 */
export function createWebPlatform(options: { dataDir: string; appVersion: string; exportDir?: string }): Platform {
  const exportDirPromise = (async () => {
    if (options.exportDir) return options.exportDir;
    const downloads = join(homedir(), 'Downloads');
    try {
      await access(downloads, constants.W_OK);
      return join(downloads, 'Relance');
    } catch {
      return join(options.dataDir, 'exports');
    }
  })();

  return {
    shell: 'web',
    appVersion: options.appVersion,
    dataDir: options.dataDir,
    async chooseSavePath({ suggestedName }) {
      const dir = await exportDirPromise;
      await mkdir(dir, { recursive: true });
      return uniquePath(dir, suggestedName);
    },
    async showNotification() {
      return false;
    },
    async openDocument() {
      return false;
    },
    async printDocument() {
      // The browser tab prints with its own PDF viewer.
      return false;
    },
    async openExternal() {
      return false;
    },
    languageChanged() {
      // No menu in the browser mode.
    },
    // A browser tab has no tray and no login item: `app.setBackgroundMode` is refused (not-allowed).
    supportsBackgroundMode: false,
    supportsDocumentViewer: false,
    applyBackgroundMode() {
      // Never called: the service refuses before.
    },
    // No keychain reachable from a plain Node host: the password file's mode (0600) protects it.
    secrets: fileSecretBox,
  };
}

/** `relevé.csv`, then `relevé (2).csv`, `relevé (3).csv`… */
export async function uniquePath(dir: string, fileName: string): Promise<string> {
  const { name, ext } = parse(fileName);
  for (let attempt = 1; attempt < 10_000; attempt += 1) {
    const candidate = join(dir, attempt === 1 ? fileName : `${name} (${attempt})${ext}`);
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
  throw new Error(`Too many files named ${fileName} in ${dir}`);
}
