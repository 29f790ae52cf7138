import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
  const names = [
    'app',
    'BrowserWindow',
    'Notification',
    'Tray',
    'nativeImage',
    'ipcMain',
    'session',
    'powerMonitor',
    'screen',
    'Menu',
    'shell',
    'dialog',
  ];
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

describe('running in the background', () => {
  const dataDir = () => join(appData, 'Relance');

  // Each close writes the window's place (window.ts): let those writes end before the folder goes.
  afterEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  async function storeMode(mode: { keepRunningInTray: boolean; launchAtLogin: boolean }) {
    await mkdir(dataDir(), { recursive: true });
    await writeFile(join(dataDir(), 'background.json'), JSON.stringify(mode));
  }

  function theTray() {
    const tray = fake.current.Tray.instances.at(-1);
    if (!tray || tray.destroyed) throw new Error('no tray is shown');
    return tray;
  }

  function trayTemplate(): MenuItemConstructorOptions[] {
    const calls = theTray().setContextMenu.mock.calls;
    return (calls.at(-1)?.[0] as { template: MenuItemConstructorOptions[] }).template;
  }

  function clickTray(id: string) {
    findItem(trayTemplate(), id).click?.({} as never, undefined, {} as never);
  }

  function withArgv(extra: string[]) {
    const original = process.argv;
    process.argv = [...original, ...extra];
    return () => {
      process.argv = original;
    };
  }

  it('is off by default: no tray, and closing the window closes it (then the app quits, not on macOS)', async () => {
    await startApp();
    expect(fake.current.Tray.instances).toHaveLength(0);
    const window = theWindow();
    window.emit('ready-to-show');
    expect(window.close()).toBe(true);
    expect(window.hide).not.toHaveBeenCalled();
    expect(started?.getWindow()).toBeNull();
    fake.current.app.emit('window-all-closed');
    expect(fake.current.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });

  it('reads background.json before the window: closing then hides the window, the tray shows, the app keeps running', async () => {
    await storeMode({ keepRunningInTray: true, launchAtLogin: false });
    await startApp();
    const window = theWindow();
    // The tray is up before the window is made (the window's screen lookup comes after).
    expect(fake.current.Tray.instances).toHaveLength(1);
    const trayOrder = fake.current.nativeImage.createFromPath.mock.invocationCallOrder[0] ?? Infinity;
    expect(trayOrder).toBeLessThan(fake.current.screen.getPrimaryDisplay.mock.invocationCallOrder[0] ?? -1);
    expect(String(fake.current.nativeImage.createFromPath.mock.calls[0]?.[0]).replaceAll('\\', '/')).toBe(
      '/opt/relance/resources/icons/tray.png',
    );
    window.emit('ready-to-show');
    expect(theTray().setToolTip).toHaveBeenCalledWith('Relance');
    expect(findItem(trayTemplate(), 'tray-open').label).toBe('Ouvrir Relance');

    expect(window.close()).toBe(false);
    expect(window.hide).toHaveBeenCalledTimes(1);
    expect(window.isDestroyed()).toBe(false);
    expect(started?.getWindow()).toBe(window);
    expect(fake.current.app.quit).not.toHaveBeenCalled();

    // The tray brings it back.
    window.show.mockClear();
    clickTray('tray-open');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it("quits for real from the tray's Quit, and from the menu's (before-quit)", async () => {
    await storeMode({ keepRunningInTray: true, launchAtLogin: false });
    await startApp();
    const window = theWindow();
    clickTray('tray-quit');
    expect(fake.current.app.quit).toHaveBeenCalledTimes(1);
    // Electron then closes the windows: that close is not turned into a hide.
    expect(window.close()).toBe(true);
    expect(window.hide).not.toHaveBeenCalled();
    started?.services.stop();

    fake.current = createFakeElectron({ appData });
    await startApp();
    fake.current.app.emit('before-quit', { preventDefault: () => undefined });
    expect(theWindow().close()).toBe(true);
  });

  it('turns the mode on and off from the renderer: tray shown then removed, closing follows', async () => {
    await startApp();
    const window = theWindow();
    const contents = window.webContents;
    const on = await ipcCall(contents, contents.mainFrame, 'app.setBackgroundMode', { keepRunningInTray: true, launchAtLogin: false });
    expect(on).toEqual({ ok: true, result: { supported: true, keepRunningInTray: true, launchAtLogin: false } });
    expect(JSON.parse(await readFile(join(dataDir(), 'background.json'), 'utf8'))).toEqual({
      keepRunningInTray: true,
      launchAtLogin: false,
    });
    const tray = theTray();
    expect(window.close()).toBe(false);

    await ipcCall(contents, contents.mainFrame, 'app.setBackgroundMode', { keepRunningInTray: false, launchAtLogin: false });
    expect(tray.destroy).toHaveBeenCalledTimes(1);
    expect(window.close()).toBe(true);
    // Nothing changed for the session's start-up.
    expect(fake.current.app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('the tray follows the language, shows the scheduler\'s summary and goes to Today', async () => {
    await storeMode({ keepRunningInTray: true, launchAtLogin: false });
    await startApp();
    const contents = theWindow().webContents;
    const at = new Date(Date.now() + 3_600_000).toISOString();
    await ipcCall(contents, contents.mainFrame, 'scheduler.setNextWake', { at, reason: '3 relances à faire' });
    expect(findItem(trayTemplate(), 'tray-summary')).toMatchObject({ label: '3 relances à faire', enabled: false });
    expect(theTray().setToolTip).toHaveBeenLastCalledWith('Relance — 3 relances à faire');

    await ipcCall(contents, contents.mainFrame, 'app.setLanguage', { language: 'en' });
    expect(findItem(trayTemplate(), 'tray-open').label).toBe('Open Relance');

    clickTray('tray-today');
    expect(contents.send).toHaveBeenCalledWith('relance:event:app.command', { command: 'navigate', to: 'today' });
  });

  it('starts hidden with --hidden, the tray shown; the tray or a notification shows the window', async () => {
    const restore = withArgv(['--hidden']);
    try {
      await startApp();
    } finally {
      restore();
    }
    const window = theWindow();
    window.emit('ready-to-show');
    expect(window.show).not.toHaveBeenCalled();
    expect(window.loadFile).toHaveBeenCalledTimes(1);
    const tray = theTray();

    // The scheduler's notification, clicked, brings the window up.
    const contents = window.webContents;
    await ipcCall(contents, contents.mainFrame, 'notify.show', { title: '3 relances', body: 'à faire' });
    fake.current.Notification.instances[0]?.emit('click');
    expect(window.show).toHaveBeenCalledTimes(1);
    // The mode is off: once the window is shown, the tray goes and closing closes.
    expect(tray.destroy).toHaveBeenCalledTimes(1);
    expect(window.close()).toBe(true);
  });

  it('a second launch by the session does not bring the window up; one by the user does', async () => {
    await storeMode({ keepRunningInTray: true, launchAtLogin: true });
    await startApp();
    const window = theWindow();
    fake.current.app.emit('second-instance', {}, ['/opt/relance/relance', '--hidden'], '/');
    expect(window.show).not.toHaveBeenCalled();
    fake.current.app.emit('second-instance', {}, ['/opt/relance/relance'], '/');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('starts hidden when macOS opened it at login', async () => {
    if (process.platform !== 'darwin') {
      // wasOpenedAtLogin is only read on macOS: elsewhere it says nothing and the window shows.
      fake.current.app.wasOpenedAtLogin = true;
      await startApp();
      theWindow().emit('ready-to-show');
      expect(theWindow().show).toHaveBeenCalledTimes(1);
      return;
    }
    fake.current.app.wasOpenedAtLogin = true;
    await startApp();
    theWindow().emit('ready-to-show');
    expect(theWindow().show).not.toHaveBeenCalled();
  });

  it('registers the login item with --hidden (Windows), and removes it with the same values', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'win32', configurable: true });
    try {
      fake.current.app.isPackaged = true;
      await startApp();
      const contents = theWindow().webContents;
      const reply = await ipcCall(contents, contents.mainFrame, 'app.setBackgroundMode', { keepRunningInTray: false, launchAtLogin: true });
      expect(reply).toEqual({ ok: true, result: { supported: true, keepRunningInTray: false, launchAtLogin: true } });
      expect(fake.current.app.setLoginItemSettings).toHaveBeenCalledTimes(1);
      expect(fake.current.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
      await ipcCall(contents, contents.mainFrame, 'app.setBackgroundMode', { keepRunningInTray: false, launchAtLogin: false });
      expect(fake.current.app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, args: ['--hidden'] });
      started?.services.stop();

      // At the next start the entry is refreshed only when it is on (an update may have moved the app).
      fake.current = createFakeElectron({ appData });
      fake.current.app.isPackaged = true;
      await storeMode({ keepRunningInTray: false, launchAtLogin: true });
      await startApp();
      expect(fake.current.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
  });

  it('writes an autostart entry on Linux instead', async () => {
    if (process.platform !== 'linux') return;
    vi.stubEnv('XDG_CONFIG_HOME', join(appData, 'config'));
    fake.current.app.isPackaged = true;
    await startApp();
    const contents = theWindow().webContents;
    await ipcCall(contents, contents.mainFrame, 'app.setBackgroundMode', { keepRunningInTray: true, launchAtLogin: true });
    expect(fake.current.app.setLoginItemSettings).not.toHaveBeenCalled();
    const entry = await readFile(join(appData, 'config', 'autostart', 'relance.desktop'), 'utf8');
    expect(entry).toMatch(/^Exec=.* --hidden$/m);
  });
});
