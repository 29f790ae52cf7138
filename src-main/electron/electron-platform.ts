import { join } from 'node:path';
import { app, BrowserWindow, dialog, Notification, safeStorage, shell, type SaveDialogOptions } from 'electron';
import type { Platform } from '../services/platform';
import type { BackgroundMode } from '../services/background-mode';
import type { MenuLanguage } from './menu';

/**
 * The Platform of the Electron shell: native save dialog, desktop notifications, the system's
 * handler for links. The services stay plain Node; this is the only place they meet `electron`.
 */
export interface ElectronPlatformOptions {
  dataDir: string;
  appVersion: string;
  /** The main window, when there is one (the dialog is modal to it). */
  getWindow(): BrowserWindow | null;
  /** Brings the window forward (a notification was clicked). */
  focusWindow(): void;
  /** The renderer's language changed: rebuild the menu (and the tray's). */
  applyMenu(language: MenuLanguage): void;
  /** The background mode was saved: show or hide the tray, update the login item. */
  applyBackgroundMode(mode: BackgroundMode): void;
}

export function createElectronPlatform(options: ElectronPlatformOptions): Platform {
  // Notifications that are still on screen: without a reference they can be garbage-collected,
  // and a click on them would then do nothing.
  const live = new Set<Notification>();

  return {
    shell: 'electron',
    appVersion: options.appVersion,
    dataDir: options.dataDir,

    async chooseSavePath({ suggestedName, filterName, extension }) {
      const dialogOptions: SaveDialogOptions = {
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: extension ? [{ name: filterName ?? extension.toUpperCase(), extensions: [extension] }] : [],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = options.getWindow();
      const result =
        window && !window.isDestroyed()
          ? await dialog.showSaveDialog(window, dialogOptions)
          : await dialog.showSaveDialog(dialogOptions);
      return result.canceled || !result.filePath ? null : result.filePath;
    },

    async showNotification({ title, body }) {
      if (!Notification.isSupported()) return false;
      const notification = new Notification({ title, body });
      live.add(notification);
      const forget = () => live.delete(notification);
      notification.on('click', () => {
        forget();
        options.focusWindow();
      });
      notification.on('close', forget);
      notification.on('failed', forget);
      notification.show();
      return true;
    },

    async openDocument(path) {
      // openPath answers an error message, or '' when the system's viewer took the file.
      return (await shell.openPath(path)) === '';
    },

    async printDocument(path) {
      return printPdf(path);
    },

    async openExternal(url) {
      // The service has already checked the URL against the allow-list (checkExternalUrl).
      await shell.openExternal(url);
      return true;
    },

    languageChanged(language) {
      options.applyMenu(language);
    },

    supportsBackgroundMode: true,
    supportsDocumentViewer: true,
    applyBackgroundMode(mode) {
      options.applyBackgroundMode(mode);
    },

    // safeStorage is read lazily: it only works once the app is ready, and only with a keychain
    // (Keychain, DPAPI, libsecret/kwallet). Without one the mail service falls back to a 0600 file.
    secrets: {
      kind: 'os',
      get available() {
        return safeStorage.isEncryptionAvailable();
      },
      encrypt: (text) => safeStorage.encryptString(text),
      decrypt: (bytes) => safeStorage.decryptString(bytes),
    },
  };
}

/** How long to wait for the PDF viewer to say it is ready before printing anyway. */
export const PDF_READY_TIMEOUT_MS = 3_000;

/**
 * Opens the system's print dialog on a PDF: a hidden window shows it with Chromium's PDF viewer and
 * `webContents.print` prints that (Electron ≥ 32 prints the PDF itself, not a blank page). The
 * window has its own in-memory session, so the app's CSP header (which forbids plugins) does not
 * apply to the viewer, and nothing of the app's session is shared. It closes once the dialog is done
 * (printed or cancelled). `false` when the PDF could not be loaded.
 *
 * `did-finish-load` comes before the viewer has drawn the PDF (printing then gives blank pages):
 * Electron emits `-pdf-ready-to-print` when it has (undocumented, added for its own tests, Electron
 * PR 43436), so the print waits for it, or for PDF_READY_TIMEOUT_MS should it never come.
 */
export async function printPdf(path: string): Promise<boolean> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, partition: 'relance-print' },
  });
  const close = () => {
    if (!window.isDestroyed()) window.destroy();
  };
  const contents = window.webContents as unknown as NodeJS.EventEmitter;
  const ready = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, PDF_READY_TIMEOUT_MS);
    contents.once('-pdf-ready-to-print', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    await window.loadFile(path);
  } catch {
    close();
    return false;
  }
  await ready;
  if (window.isDestroyed()) return false;
  window.webContents.print({ silent: false, printBackground: true }, () => close());
  return true;
}
