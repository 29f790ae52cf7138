import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyLoginItem,
  autostartEntry,
  loginCommand,
  quoteExecArg,
  shouldStartHidden,
} from '../../../src-main/electron/login-item';
import { createBackgroundController } from '../../../src-main/electron/background';
import { createFakeElectron, emitCancellable } from './fake-electron';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relance-login-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fakeApp(isPackaged: boolean) {
  return { setLoginItemSettings: vi.fn(), getAppPath: () => '/home/dev/relance', isPackaged };
}

describe('the login item', () => {
  it('asks Windows and macOS to start the packaged app hidden', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const app = fakeApp(true);
      applyLoginItem(true, { app, platform, execPath: 'C:\\Relance\\Relance.exe', env: {} });
      expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
      applyLoginItem(false, { app, platform, execPath: 'C:\\Relance\\Relance.exe', env: {} });
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false, args: ['--hidden'] });
    }
  });

  it('passes the app folder when running unpackaged (electron .)', () => {
    const app = fakeApp(false);
    applyLoginItem(true, { app, platform: 'win32', execPath: 'C:\\dev\\electron.exe', env: {} });
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({
      openAtLogin: true,
      path: 'C:\\dev\\electron.exe',
      args: ['/home/dev/relance', '--hidden'],
    });
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const app = fakeApp(true);
    const env = { XDG_CONFIG_HOME: dir, APPIMAGE: '/home/ana/Applications/Relance 0.1.0.AppImage' };
    applyLoginItem(true, { app, platform: 'linux', execPath: '/tmp/.mount_Relance/relance', env });
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
    const file = join(dir, 'autostart', 'relance.desktop');
    const entry = await readFile(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Relance\n');
    expect(entry).toContain('Exec="/home/ana/Applications/Relance 0.1.0.AppImage" --hidden\n');
    applyLoginItem(false, { app, platform: 'linux', execPath: '/tmp/.mount_Relance/relance', env });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    // Removing it twice is fine.
    applyLoginItem(false, { app, platform: 'linux', execPath: '/x', env });
  });

  it('logs instead of throwing when the entry cannot be written', async () => {
    const log = vi.fn();
    applyLoginItem(true, {
      app: fakeApp(true),
      platform: 'linux',
      execPath: '/opt/relance/relance',
      env: { XDG_CONFIG_HOME: '/dev/null/not-a-folder' },
      log,
    });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/could not add the login item/));
  });

  it('quotes Exec arguments as the desktop entry spec says', () => {
    expect(quoteExecArg('/opt/relance/relance')).toBe('/opt/relance/relance');
    expect(quoteExecArg('--hidden')).toBe('--hidden');
    expect(quoteExecArg('/home/a b/app')).toBe('"/home/a b/app"');
    expect(quoteExecArg('/x/$HOME`"')).toBe('"/x/\\\\$HOME\\\\`\\\\""');
    expect(quoteExecArg('/x/100%')).toBe('/x/100%%');
    expect(autostartEntry(loginCommand({ app: fakeApp(false), platform: 'linux', execPath: '/e/electron', env: {} }))).toContain(
      'Exec=/e/electron /home/dev/relance --hidden\n',
    );
  });

  it('starts hidden with --hidden, or when macOS opened it at login', () => {
    expect(shouldStartHidden(['/opt/relance/relance', '--hidden'], false)).toBe(true);
    expect(shouldStartHidden(['/opt/relance/relance'], true)).toBe(true);
    expect(shouldStartHidden(['/opt/relance/relance'], false)).toBe(false);
  });
});

describe('the background controller', () => {
  function setup(initial = { keepRunningInTray: false, launchAtLogin: false }, startHidden = false) {
    const fake = createFakeElectron({ appData: dir });
    const tray = { enable: vi.fn(), disable: vi.fn() };
    const setLoginItem = vi.fn();
    const background = createBackgroundController({ app: fake.app as never, tray, setLoginItem, initial, startHidden });
    const window = new fake.BrowserWindow({});
    background.attachWindow(window as never);
    return { fake, tray, setLoginItem, background, window };
  }

  it('lets the window close when the mode is off, and hides it when on', () => {
    const { background, window, tray } = setup();
    expect(tray.disable).toHaveBeenCalled();
    expect(emitCancellable(window, 'close')).toBe(false);
    background.apply({ keepRunningInTray: true, launchAtLogin: false });
    expect(tray.enable).toHaveBeenCalledTimes(1);
    expect(emitCancellable(window, 'close')).toBe(true);
    expect(window.hide).toHaveBeenCalledTimes(1);
  });

  it('lets the window close once the app quits, or the session ends', () => {
    const quitting = setup({ keepRunningInTray: true, launchAtLogin: false });
    quitting.fake.app.emit('before-quit', { preventDefault: () => undefined });
    expect(emitCancellable(quitting.window, 'close')).toBe(false);

    const ending = setup({ keepRunningInTray: true, launchAtLogin: false });
    ending.window.emit('session-end');
    expect(emitCancellable(ending.window, 'close')).toBe(false);

    const fromTray = setup({ keepRunningInTray: true, launchAtLogin: false });
    fromTray.background.quit();
    expect(fromTray.fake.app.quit).toHaveBeenCalledTimes(1);
    expect(emitCancellable(fromTray.window, 'close')).toBe(false);
  });

  it('updates the login item only when that choice changes, and again at start when on', () => {
    const off = setup();
    expect(off.setLoginItem).not.toHaveBeenCalled();
    off.background.apply({ keepRunningInTray: true, launchAtLogin: false });
    expect(off.setLoginItem).not.toHaveBeenCalled();
    off.background.apply({ keepRunningInTray: true, launchAtLogin: true });
    expect(off.setLoginItem).toHaveBeenLastCalledWith(true);
    off.background.apply({ keepRunningInTray: false, launchAtLogin: false });
    expect(off.setLoginItem).toHaveBeenLastCalledWith(false);
    expect(off.setLoginItem).toHaveBeenCalledTimes(2);

    const on = setup({ keepRunningInTray: false, launchAtLogin: true });
    expect(on.setLoginItem).toHaveBeenCalledWith(true);
  });

  it('shows the tray while a hidden start has not shown the window, whatever the mode', () => {
    const { tray, window, background } = setup({ keepRunningInTray: false, launchAtLogin: true }, true);
    expect(background.hiddenStart).toBe(true);
    expect(tray.enable).toHaveBeenCalledTimes(1);
    window.show();
    expect(background.hiddenStart).toBe(false);
    expect(tray.disable).toHaveBeenCalledTimes(1);
    // Once shown, closing follows the mode (off: it closes).
    expect(emitCancellable(window, 'close')).toBe(false);
  });
});
