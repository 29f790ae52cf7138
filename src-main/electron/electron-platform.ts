import { join } from 'node:path';
import { app, type BrowserWindow, dialog, Notification, safeStorage, shell, type SaveDialogOptions } from 'electron';
import { printPdf } from './print-pdf';
import type { Platform } from '../services/platform';
import type { BackgroundMode } from '../services/background-mode';
import type { MenuLanguage } from './menu';

/**
 * The Platform of the Electron shell: native save dialog, desktop notifications, the system's
 * handler for links. The services stay plain Node; this is the only place they meet `electron`.
 */
export { PDF_READY_TIMEOUT_MS, PDF_LOAD_TIMEOUT_MS } from './print-pdf';

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
      const outcome = await printPdf(path);
      if (outcome === 'printed' || outcome === 'cancelled') return true;
      // No PDF viewer in Electron, or the print failed: the system's viewer, where the user prints.
      return (await shell.openPath(path)) === '';
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
