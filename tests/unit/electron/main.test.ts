import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { IPC_CALL_CHANNEL } from '../../../src-main/contract/names';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/security-policy';
import { createFakeElectron, emitCancellable, FakeWebContents, type FakeElectron } from './fake-electron';
import type * as ElectronEntry from '../../../src-main/electron/index';

/**
 * The Electron entry and window, wired against a fake `electron` module: what the window is given,
 * what happens to a second instance, which IPC senders are served, what the menu and the power
 * monitor do.
 */
const fake = vi.hoisted(() => ({ current: null as unknown as FakeElectron }));

vi.mock('electron', () => {
  const names = ['app', 'BrowserWindow', 'Notification', 'ipcMain', 'session', 'powerMonitor', 'screen', 'Menu', 'shell', 'dialog'];
  const module: Record<string, unknown> = {};
  for (const name of names) {
    Object.defineProperty(module, name, { enumerable: true, get: () => (fake.current as Record<string, unknown>)[name] });
  }
  // Getters, not copies: the factory runs once, and each test installs a fresh fake.
  Object.defineProperty(module, 'default', { enumerable: true, get: () => fake.current });
  return module;
});

type RelanceApp = NonNullable<Awaited<(typeof ElectronEntry)['startup']>>;

let appData: string;
let started: RelanceApp | null = null;

async function startApp(): Promise<RelanceApp | null> {
  vi.resetModules();
  const { startup } = await import('../../../src-main/electron/index');
  started = await startup;
  return started;
}

function theWindow() {
  const window = fake.current.BrowserWindow.instances[0];
  if (!window) throw new Error('no window was created');
  return window;
}

function ipcCall(sender: FakeWebContents, frame: unknown, method: string, args: unknown = {}) {
  const handler = fake.current.ipcMain.handlers.get(IPC_CALL_CHANNEL);
  if (!handler) throw new Error('no IPC handler');
  return handler({ sender, senderFrame: frame }, method, args) as Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>;
}

function lastMenuTemplate(): MenuItemConstructorOptions[] {
  const calls = fake.current.Menu.buildFromTemplate.mock.calls;
  const last = calls[calls.length - 1];
  if (!last) throw new Error('no menu was built');
  return last[0] as MenuItemConstructorOptions[];
}

function findItem(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  for (const item of template) {
    if (item.id === id) return item;
    if (Array.isArray(item.submenu)) {
      try {
        return findItem(item.submenu, id);
      } catch {
        // not in this submenu
      }
    }
  }
  throw new Error(`no menu item ${id}`);
}

beforeEach(async () => {
  appData = await mkdtemp(join(tmpdir(), 'relance-electron-'));
  fake.current = createFakeElectron({ appData });
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.stubEnv('RELANCE_DATA_DIR', '');
});

afterEach(async () => {
  started?.services.stop();
  started = null;
  vi.unstubAllEnvs();
  await rm(appData, { recursive: true, force: true });
});

describe('the Electron entry', () => {
  it('quits at once when another instance holds the lock, without creating anything', async () => {
    fake.current.app.lock = false;
    const result = await startApp();
    expect(result).toBeNull();
    expect(fake.current.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.current.BrowserWindow.instances).toHaveLength(0);
    expect(fake.current.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('names the app and keeps its data in the same folder as the web host, before taking the lock', async () => {
    await startApp();
    expect(fake.current.app.setName).toHaveBeenCalledWith('Relance');
    expect(fake.current.app.setPath).toHaveBeenCalledWith('userData', join(appData, 'Relance'));
    const setPathOrder = fake.current.app.setPath.mock.invocationCallOrder[0] ?? Infinity;
    const lockOrder = fake.current.app.requestSingleInstanceLock.mock.invocationCallOrder[0] ?? -1;
    expect(setPathOrder).toBeLessThan(lockOrder);
    expect(fake.current.app.quit).not.toHaveBeenCalled();
  });

  it('creates a sandboxed, isolated window with the CommonJS preload, shown when ready', async () => {
    await startApp();
    const window = theWindow();
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(true);
    expect(String(prefs.preload).replaceAll('\\', '/')).toMatch(/\/preload\/index\.cjs$/);
    expect(window.options.show).toBe(false);
    expect(window.options.width).toBe(1280);
    expect(window.options.height).toBe(800);
    expect(window.options).not.toHaveProperty('x');

    expect(window.loadFile).toHaveBeenCalledTimes(1);
    expect(String(window.loadFile.mock.calls[0]?.[0]).replaceAll('\\', '/')).toMatch(/\/renderer\/index\.html$/);
    expect(window.loadURL).not.toHaveBeenCalled();
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('loads the dev server in development, but never when packaged', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    await startApp();
    expect(theWindow().loadURL).toHaveBeenCalledWith('http://localhost:5173');
    started?.services.stop();

    fake.current = createFakeElectron({ appData });
    fake.current.app.isPackaged = true;
    await startApp();
    expect(theWindow().loadURL).not.toHaveBeenCalled();
    expect(theWindow().loadFile).toHaveBeenCalledTimes(1);
  });

  it('denies every permission request and check', async () => {
    await startApp();
    const { setPermissionRequestHandler, setPermissionCheckHandler } = fake.current.session.defaultSession;
    expect(setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    const requestHandler = setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, p: string, cb: (granted: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      requestHandler(theWindow().webContents, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const checkHandler = setPermissionCheckHandler.mock.calls[0]?.[0] as (wc: unknown, p: string) => boolean;
    expect(checkHandler(theWindow().webContents, 'media')).toBe(false);
    expect(checkHandler(null, 'notifications')).toBe(false);
  });

  it('sends the CSP as a response header, replacing any other', async () => {
    await startApp();
    const onHeaders = fake.current.session.defaultSession.webRequest.onHeadersReceived;
    const listener = onHeaders.mock.calls[0]?.[0] as (details: unknown, cb: (r: unknown) => void) => void;
    const callback = vi.fn();
    listener({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it("hardens the window's contents: no foreign navigation, no new window, no webview", async () => {
    await startApp();
    const contents = theWindow().webContents;
    expect(emitCancellable(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(emitCancellable(contents, 'will-navigate', contents.mainFrame.url + '#/invoices')).toBe(false);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(emitCancellable(contents, 'will-attach-webview', {}, {})).toBe(true);
  });

  it("serves IPC only to the window's top frame showing the app's page", async () => {
    await startApp();
    const contents = theWindow().webContents;
    const top = contents.mainFrame;

    const reply = await ipcCall(contents, top, 'app.info');
    expect(reply.ok).toBe(true);
    expect(reply.result).toMatchObject({ name: 'Relance', shell: 'electron', dataDir: join(appData, 'Relance') });

    const child = { frameTreeNodeId: 99, parent: top, detached: false, url: top.url };
    expect(await ipcCall(contents, child, 'app.info')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipcCall(new FakeWebContents(), top, 'app.info')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ipcCall(contents, null, 'app.info')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    top.url = 'https://evil.example/';
    expect(await ipcCall(contents, top, 'app.info')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('builds the menu in the OS language, rebuilds it when the renderer changes language, and forwards its commands', async () => {
    fake.current.app.locale = 'fr-CA';
    await startApp();
    expect(fake.current.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(findItem(lastMenuTemplate(), 'navigate-today').label).toBe("Aujourd'hui");

    const contents = theWindow().webContents;
    const reply = await ipcCall(contents, contents.mainFrame, 'app.setLanguage', { language: 'en' });
    expect(reply).toMatchObject({ ok: true, result: { language: 'en' } });
    expect(fake.current.Menu.setApplicationMenu).toHaveBeenCalledTimes(2);
    expect(findItem(lastMenuTemplate(), 'navigate-today').label).toBe('Today');

    findItem(lastMenuTemplate(), 'navigate-invoices').click?.({} as never, undefined, {} as never);
    expect(contents.send).toHaveBeenCalledWith('relance:event:app.command', { command: 'navigate', to: 'invoices' });
  });

  it('uses English menus when the OS is not in French', async () => {
    fake.current.app.locale = 'de-DE';
    await startApp();
    expect(findItem(lastMenuTemplate(), 'navigate-customers').label).toBe('Customers');
  });

  it('wakes the scheduler when the computer resumes', async () => {
    const app = await startApp();
    if (!app) throw new Error('not started');
    const resume = vi.spyOn(app.services.scheduler, 'resume');
    fake.current.powerMonitor.emit('resume');
    expect(resume).toHaveBeenCalledTimes(1);
  });

  it('brings the window back when a second instance starts', async () => {
    await startApp();
    const window = theWindow();
    window.minimized = true;
    fake.current.app.emit('second-instance', {}, [], '/');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(1);
    expect(fake.current.BrowserWindow.instances).toHaveLength(1);
  });

  it('quits when the last window closes (not on macOS)', async () => {
    await startApp();
    fake.current.app.emit('window-all-closed');
    if (process.platform === 'darwin') expect(fake.current.app.quit).not.toHaveBeenCalled();
    else expect(fake.current.app.quit).toHaveBeenCalledTimes(1);
  });

  it("saves the window's place when it closes, and reopens it there", async () => {
    await startApp();
    const window = theWindow();
    window.normalBounds = { x: 100, y: 50, width: 1000, height: 700 };
    window.emit('close', {});
    const file = join(appData, 'Relance', 'window-state.json');
    await vi.waitFor(async () => {
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: false });
    });
    started?.services.stop();

    fake.current = createFakeElectron({ appData });
    await startApp();
    expect(theWindow().options).toMatchObject({ x: 100, y: 50, width: 1000, height: 700 });
  });
});
