import type { App, Event, IpcMainInvokeEvent, Session, Shell, WebContents } from 'electron';
import { checkExternalUrl } from '../services/external-links';

/**
 * The Electron shell's defences, in the spirit of actualbudget's `security.ts` and the Electron
 * security checklist. The page can only ever show the app's own files:
 * - no navigation or redirect away from the app's URL;
 * - no new windows: `window.open` / `target="_blank"` links are denied, and the allow-listed ones
 *   (https — wa.me included —, mailto:, tel:, sms:) are handed to the system with `shell.openExternal`;
 * - no `<webview>`;
 * - every permission request (camera, geolocation, notifications…) denied;
 * - IPC only from the app's window, top frame, showing the app's page.
 */

/**
 * True when `url` is the app's own page. In production the app is a file (`file:///…/index.html`):
 * the same file, whatever its query or hash (the renderer's routes). In development it is the Vite
 * dev server: the same origin.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') {
    return target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname;
  }
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false;
  return target.origin === app.origin;
}

/** `checkExternalUrl` as a yes/no: the normalised URL when it may leave the app, else null. */
export function allowedExternalUrl(url: string): string | null {
  try {
    return checkExternalUrl(url);
  } catch {
    return null;
  }
}

export interface HardenOptions {
  /** The app's own page (see `isAppUrl`). */
  appUrl: string;
  log?: (message: string) => void;
}

type HardenedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Applies the navigation, window and webview rules to one webContents. */
export function hardenContents(
  contents: HardenedContents,
  shell: Pick<Shell, 'openExternal'>,
  { appUrl, log = console.warn }: HardenOptions,
): void {
  const openOutside = (url: string): void => {
    const allowed = allowedExternalUrl(url);
    if (allowed === null) {
      log(`[relance] blocked a link to ${url.slice(0, 120)}`);
      return;
    }
    shell.openExternal(allowed).catch((error: unknown) => log(`[relance] could not open ${allowed}: ${String(error)}`));
  };

  contents.on('will-navigate', (event: Event, url: string) => {
    if (isAppUrl(url, appUrl)) return;
    event.preventDefault();
    // A plain link (no target) to a web page or a mailto: goes to the system, like a new window would.
    openOutside(url);
  });

  contents.on('will-redirect', (event: Event, url: string) => {
    if (isAppUrl(url, appUrl)) return;
    event.preventDefault();
    log(`[relance] blocked a redirect to ${url.slice(0, 120)}`);
  });

  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event: Event) => {
    event.preventDefault();
    log('[relance] blocked a <webview>');
  });
}

/** Hardens every webContents the app creates, now and later. Call before the first window. */
export function hardenWebContents(
  app: Pick<App, 'on'>,
  shell: Pick<Shell, 'openExternal'>,
  options: HardenOptions,
): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, shell, options));
}

/** Denies every permission request and check (the app needs none: notifications come from main). */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Sends the renderer's CSP as a response header too (the meta tag of index.html carries it as well;
 * only the header can carry `frame-ancestors`). Any CSP header already there is replaced.
 */
export function applyContentSecurityPolicy(session: Pick<Session, 'webRequest'>, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [policy];
    callback({ responseHeaders });
  });
}

/**
 * The IPC sender check: the call must come from the app's window (`trusted`), from its top frame
 * (not an iframe, not a fenced frame), and that frame must show the app's page.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  trusted: WebContents | null | undefined,
  appUrl: string,
): boolean {
  if (!trusted || event.sender !== trusted) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || frame.detached) return false;
  if (frame.frameTreeNodeId !== trusted.mainFrame.frameTreeNodeId) return false;
  return isAppUrl(frame.url, appUrl);
}
