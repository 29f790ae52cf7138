import { BrowserWindow, type Event, type WebContents } from 'electron';

/**
 * Printing a PDF file from Electron: the system print dialog on Chromium's PDF viewer, in a hidden
 * window. What Electron's maintainers say about it, and what this does about each point:
 *
 * - `webContents.print()` on a loaded PDF printed blank pages until Electron 30–32 fixed it (PR 43309,
 *   issue 30947: the print used the page's frame instead of the PDF plugin's). Relance ships a later
 *   Electron.
 * - `did-finish-load` comes before the viewer has drawn the PDF, and printing then still gives blank
 *   pages. Electron emits `-pdf-ready-to-print` once it has drawn (PR 43436), but only *for its own
 *   tests*: undocumented, it may change. So the print waits for it, or PDF_READY_TIMEOUT_MS after
 *   `did-finish-load` should it never come.
 * - Where the PDF viewer is missing or broken (it has been in several Electron versions, issues
 *   12337, 13928), loading a PDF starts a download ("Save as…" dialog) instead: the window's own
 *   session cancels it and the caller falls back to the system's PDF viewer (`shell.openPath`).
 * - The window has its own in-memory session (`partition` without `persist:`): the app's CSP header
 *   forbids plugins, hence the viewer, and nothing of the app's session is shared. Sandboxed,
 *   without Node, hidden; `backgroundThrottling: false` so that a hidden viewer still draws.
 * - The dialog's answer is `webContents.print`'s callback `(success, failureReason)`: printed, or
 *   "Print job canceled" (the user's choice), or a failure ("Invalid printer settings", "Print job
 *   failed"), which the caller also answers with the system viewer. The window goes in every case.
 */

/** How long to wait, after `did-finish-load`, for the viewer to say it has drawn the PDF. */
export const PDF_READY_TIMEOUT_MS = 3_000;
/** How long the PDF may take to load at all before giving up (a stuck viewer, a lost load). */
export const PDF_LOAD_TIMEOUT_MS = 20_000;

export type PrintOutcome = 'printed' | 'cancelled' | 'failed' | 'no-viewer';

/** Electron's net error for a load that was replaced (by a download, or another navigation). */
const ERR_ABORTED = -3;

export function printPdf(path: string): Promise<PrintOutcome> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, partition: 'relance-print', backgroundThrottling: false },
  });
  const contents = window.webContents;
  const session = contents.session;

  return new Promise<PrintOutcome>((resolve) => {
    let printing = false;
    let settled = false;
    let readyTimer: ReturnType<typeof setTimeout> | undefined;

    const onDownload = (event: Event, _item: unknown, source: WebContents) => {
      if (source !== contents) return;
      // No viewer took the PDF: no "Save as…" dialog for a file the app already has.
      event.preventDefault();
      finish('no-viewer');
    };
    const finish = (outcome: PrintOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(loadTimer);
      clearTimeout(readyTimer);
      session.removeListener('will-download', onDownload);
      if (!window.isDestroyed()) window.destroy();
      resolve(outcome);
    };
    const print = () => {
      if (printing || settled || window.isDestroyed()) return;
      printing = true;
      clearTimeout(loadTimer);
      clearTimeout(readyTimer);
      contents.print({ silent: false, printBackground: true }, (success, failureReason) => {
        finish(success ? 'printed' : /cancel/i.test(failureReason) ? 'cancelled' : 'failed');
      });
    };

    const loadTimer = setTimeout(() => finish('failed'), PDF_LOAD_TIMEOUT_MS);
    session.on('will-download', onDownload);
    // `-pdf-ready-to-print` is not in Electron's typed events (see above): listened to as a plain emitter.
    (contents as unknown as NodeJS.EventEmitter).once('-pdf-ready-to-print', print);
    contents.once('did-finish-load', () => {
      readyTimer = setTimeout(print, PDF_READY_TIMEOUT_MS);
    });
    contents.on('did-fail-load', (_event, errorCode, _description, _url, isMainFrame) => {
      if (isMainFrame && errorCode !== ERR_ABORTED) finish('failed');
    });
    window.loadFile(path).catch((error: unknown) => {
      // An aborted load is a download taking over (handled above) or the viewer replacing the page.
      const code = (error as { errno?: unknown; code?: unknown }).errno ?? (error as { code?: unknown }).code;
      if (code === ERR_ABORTED || /ERR_ABORTED/.test(String(error))) return;
      finish('failed');
    });
  });
}
