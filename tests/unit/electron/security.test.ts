import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  applyContentSecurityPolicy,
  denyAllPermissions,
  hardenContents,
  hardenWebContents,
  isAppUrl,
  isTrustedSender,
} from '../../../src-main/electron/security';
import { emitCancellable, FakeWebContents } from './fake-electron';

const APP_FILE = 'file:///opt/Relance/resources/app.asar/out/renderer/index.html';
const DEV_URL = 'http://localhost:5173';

function hardened(appUrl = APP_FILE) {
  const app = new EventEmitter();
  const shell = { openExternal: vi.fn(async () => undefined) };
  const log = vi.fn();
  hardenWebContents(app as never, shell, { appUrl, log });
  const contents = new FakeWebContents();
  app.emit('web-contents-created', {}, contents);
  return { contents, shell, log };
}

describe('isAppUrl', () => {
  it.each([
    [APP_FILE, true],
    [`${APP_FILE}#/invoices/42`, true],
    [`${APP_FILE}?lang=en`, true],
    ['file:///opt/Relance/resources/app.asar/out/renderer/other.html', false],
    ['file:///etc/passwd', false],
    ['https://relance.example/index.html', false],
    ['not a url', false],
  ])('production file: %s → %s', (url, expected) => {
    expect(isAppUrl(url, APP_FILE)).toBe(expected);
  });

  it.each([
    ['http://localhost:5173/', true],
    ['http://localhost:5173/src/main.tsx', true],
    ['http://localhost:5174/', false],
    ['http://127.0.0.1:5173/', false],
    ['https://localhost:5173/', false],
    ['file:///etc/passwd', false],
  ])('dev server: %s → %s', (url, expected) => {
    expect(isAppUrl(url, DEV_URL)).toBe(expected);
  });
});

describe('hardenWebContents', () => {
  it('prevents navigation to a foreign URL and allows the app URL', () => {
    const { contents } = hardened();
    expect(emitCancellable(contents, 'will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(emitCancellable(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(emitCancellable(contents, 'will-navigate', APP_FILE)).toBe(false);
    expect(emitCancellable(contents, 'will-navigate', `${APP_FILE}#/today`)).toBe(false);
  });

  it('prevents redirects away from the app, and never opens them outside', () => {
    const { contents, shell } = hardened(DEV_URL);
    expect(emitCancellable(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
    expect(emitCancellable(contents, 'will-redirect', 'http://localhost:5173/index.html')).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('hands a plain link to an allowed site to the system instead of navigating', () => {
    const { contents, shell } = hardened();
    expect(emitCancellable(contents, 'will-navigate', 'https://www.service-public.fr/')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.service-public.fr/');
  });

  it.each(['https://wa.me/33612345678', 'mailto:compta@example.fr?subject=Facture%2042', 'tel:+33612345678', 'sms:+33612345678'])(
    'denies window.open(%s) and opens it with the system',
    (url) => {
      const { contents, shell } = hardened();
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(shell.openExternal).toHaveBeenCalledTimes(1);
      expect(shell.openExternal).toHaveBeenCalledWith(new URL(url).toString());
    },
  );

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'http://example.com', 'smb://server/share', 'https://user:pw@example.com/', 'nonsense'])(
    'denies window.open(%s) and does not open it',
    (url) => {
      const { contents, shell, log } = hardened();
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(emitCancellable(contents, 'will-navigate', url)).toBe(true);
      expect(shell.openExternal).not.toHaveBeenCalled();
      expect(log).toHaveBeenCalled();
    },
  );

  it('denies opening even the app itself in a new window', () => {
    const { contents, shell } = hardened();
    expect(contents.windowOpenHandler?.({ url: APP_FILE })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('prevents attaching a webview', () => {
    const { contents } = hardened();
    expect(emitCancellable(contents, 'will-attach-webview', {}, { src: 'https://evil.example' })).toBe(true);
  });

  it('does not throw when the system cannot open a link', async () => {
    const contents = new FakeWebContents();
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no handler'))) };
    const log = vi.fn();
    hardenContents(contents as never, shell, { appUrl: APP_FILE, log });
    contents.windowOpenHandler?.({ url: 'tel:+33612345678' });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('could not open')));
  });
});

describe('session policies', () => {
  it('denies every permission request and check', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    denyAllPermissions(session as never);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (w: unknown, p: string, cb: (ok: boolean) => void) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (w: unknown, p: string) => boolean;
    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen', 'clipboard-read']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(check({}, permission)).toBe(false);
    }
  });

  it('sets the CSP response header', () => {
    const session = { webRequest: { onHeadersReceived: vi.fn() } };
    applyContentSecurityPolicy(session as never, "default-src 'none'");
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (d: unknown, cb: (r: unknown) => void) => void;
    const callback = vi.fn();
    listener({ responseHeaders: { 'Content-Security-Policy': ['default-src *'], 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] },
    });
    const bare = vi.fn();
    listener({}, bare);
    expect(bare).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': ["default-src 'none'"] } });
  });
});

describe('isTrustedSender', () => {
  const trusted = () => {
    const contents = new FakeWebContents();
    contents.mainFrame.url = `${APP_FILE}#/today`;
    return contents;
  };

  it("accepts the window's top frame on the app's page", () => {
    const contents = trusted();
    expect(isTrustedSender({ sender: contents, senderFrame: contents.mainFrame } as never, contents as never, APP_FILE)).toBe(true);
  });

  it('refuses another webContents, a sub-frame, a detached or missing frame, a foreign page, no window', () => {
    const contents = trusted();
    const top = contents.mainFrame;
    const event = (sender: unknown, senderFrame: unknown) => ({ sender, senderFrame }) as never;
    expect(isTrustedSender(event(new FakeWebContents(), top), contents as never, APP_FILE)).toBe(false);
    expect(isTrustedSender(event(contents, { ...top, frameTreeNodeId: 77, parent: top }), contents as never, APP_FILE)).toBe(false);
    // A fenced frame has no parent but is not the main frame.
    expect(isTrustedSender(event(contents, { ...top, frameTreeNodeId: 78 }), contents as never, APP_FILE)).toBe(false);
    expect(isTrustedSender(event(contents, { ...top, detached: true }), contents as never, APP_FILE)).toBe(false);
    expect(isTrustedSender(event(contents, null), contents as never, APP_FILE)).toBe(false);
    expect(isTrustedSender(event(contents, { ...top, url: 'https://evil.example/' }), contents as never, APP_FILE)).toBe(false);
    expect(isTrustedSender(event(contents, top), null, APP_FILE)).toBe(false);
  });
});
