import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeElectron, type FakeElectron } from './fake-electron';

const fake = vi.hoisted(() => ({ current: null as unknown as FakeElectron }));

vi.mock('electron', () => {
  const module: Record<string, unknown> = {};
  for (const name of ['app', 'BrowserWindow', 'dialog', 'Notification', 'safeStorage', 'shell']) {
    Object.defineProperty(module, name, { enumerable: true, get: () => (fake.current as Record<string, unknown>)[name] });
  }
  return module;
});

const { createElectronPlatform, PDF_READY_TIMEOUT_MS, PDF_LOAD_TIMEOUT_MS } = await import('../../../src-main/electron/electron-platform');

function makePlatform(window: unknown = null) {
  const focusWindow = vi.fn();
  const applyMenu = vi.fn();
  const applyBackgroundMode = vi.fn();
  const platform = createElectronPlatform({
    dataDir: '/data/Relance',
    appVersion: '0.1.0',
    getWindow: () => window as never,
    focusWindow,
    applyMenu,
    applyBackgroundMode,
  });
  return { platform, focusWindow, applyMenu, applyBackgroundMode };
}

beforeEach(() => {
  fake.current = createFakeElectron({ appData: '/data' });
});

describe('the Electron platform', () => {
  it('asks where to save in the Documents folder, with a filter for the extension, modal to the window', async () => {
    const window = { isDestroyed: () => false };
    fake.current.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/test/Documents/relevé.csv' });
    const { platform } = makePlatform(window);
    const path = await platform.chooseSavePath({ suggestedName: 'relevé.csv', extension: 'csv', filterName: 'CSV' });
    expect(path).toBe('/home/test/Documents/relevé.csv');
    expect(fake.current.dialog.showSaveDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({
        defaultPath: join('/home/test/Documents', 'relevé.csv'),
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      }),
    );
  });

  it('returns null when the user cancels', async () => {
    const { platform } = makePlatform();
    expect(await platform.chooseSavePath({ suggestedName: 'sauvegarde.json', extension: 'json' })).toBeNull();
    expect(fake.current.dialog.showSaveDialog.mock.calls[0]?.[0]).toMatchObject({ filters: [{ name: 'JSON', extensions: ['json'] }] });
  });

  it('shows a notification that brings the window forward when clicked', async () => {
    const { platform, focusWindow } = makePlatform();
    expect(await platform.showNotification({ title: '3 relances', body: 'à faire aujourd’hui' })).toBe(true);
    const shown = fake.current.Notification.instances[0];
    expect(shown?.options).toEqual({ title: '3 relances', body: 'à faire aujourd’hui' });
    expect(shown?.show).toHaveBeenCalledTimes(1);
    shown?.emit('click');
    expect(focusWindow).toHaveBeenCalledTimes(1);
  });

  it('reports that it has no notifications when the system has none', async () => {
    fake.current.Notification.supported = false;
    const { platform } = makePlatform();
    expect(await platform.showNotification({ title: 't', body: 'b' })).toBe(false);
    expect(fake.current.Notification.instances).toHaveLength(0);
  });

  it('opens links with the system and rebuilds the menu when the language changes', async () => {
    const { platform, applyMenu } = makePlatform();
    expect(await platform.openExternal('https://wa.me/33612345678')).toBe(true);
    expect(fake.current.shell.openExternal).toHaveBeenCalledWith('https://wa.me/33612345678');
    platform.languageChanged('en');
    expect(applyMenu).toHaveBeenCalledWith('en');
    expect(platform.shell).toBe('electron');
  });

  it('opens a document with the system viewer and says when the system could not', async () => {
    const { platform } = makePlatform();
    expect(platform.supportsDocumentViewer).toBe(true);
    expect(await platform.openDocument('/data/documents/viewed/F-1.pdf')).toBe(true);
    expect(fake.current.shell.openPath).toHaveBeenCalledWith('/data/documents/viewed/F-1.pdf');
    fake.current.shell.openPath.mockResolvedValueOnce('No application is associated with this file');
    expect(await platform.openDocument('/data/documents/viewed/F-1.pdf')).toBe(false);
  });

  it('prints a PDF through the system print dialog of a hidden window, once the viewer has drawn it, and closes it after the dialog', async () => {
    const { platform } = makePlatform();
    const printing = platform.printDocument('/data/Relance/documents/print/courriers-du-jour.pdf');
    const [window] = fake.current.BrowserWindow.instances;
    await vi.waitFor(() => expect(window?.loadFile).toHaveBeenCalled());
    // Loaded is not drawn: nothing is printed before the viewer says it is ready.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(window?.webContents.print).not.toHaveBeenCalled();
    window?.webContents.emit('-pdf-ready-to-print');
    expect(window?.options).toMatchObject({
      show: false,
      // Its own session: the app's CSP (no plugins) must not stop the PDF viewer, nothing is shared.
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, partition: 'relance-print', backgroundThrottling: false },
    });
    expect(window?.loadFile).toHaveBeenCalledWith('/data/Relance/documents/print/courriers-du-jour.pdf');
    expect(window?.visible).toBe(false);
    expect(window?.webContents.print).toHaveBeenCalledWith({ silent: false, printBackground: true }, expect.any(Function));
    // The answer waits for the dialog; a second ready event prints nothing more.
    window?.webContents.emit('-pdf-ready-to-print');
    expect(window?.webContents.print).toHaveBeenCalledTimes(1);
    expect(window?.isDestroyed()).toBe(false);
    window?.webContents.printCallback?.(true, '');
    expect(await printing).toBe(true);
    expect(window?.isDestroyed()).toBe(true);
    expect(fake.current.shell.openPath).not.toHaveBeenCalled();
  });

  it('a print the user cancels is their choice: nothing else opens', async () => {
    const { platform } = makePlatform();
    const printing = platform.printDocument('/data/Relance/documents/print/courriers-du-jour.pdf');
    const [window] = fake.current.BrowserWindow.instances;
    await vi.waitFor(() => expect(window?.loadFile).toHaveBeenCalled());
    window?.webContents.emit('-pdf-ready-to-print');
    window?.webContents.printCallback?.(false, 'Print job canceled');
    expect(await printing).toBe(true);
    expect(fake.current.shell.openPath).not.toHaveBeenCalled();
    expect(window?.isDestroyed()).toBe(true);
  });

  it('a failed print opens the PDF in the system viewer instead', async () => {
    const { platform } = makePlatform();
    const printing = platform.printDocument('/data/Relance/documents/print/courriers-du-jour.pdf');
    const [window] = fake.current.BrowserWindow.instances;
    await vi.waitFor(() => expect(window?.loadFile).toHaveBeenCalled());
    window?.webContents.emit('-pdf-ready-to-print');
    window?.webContents.printCallback?.(false, 'Invalid printer settings');
    expect(await printing).toBe(true);
    expect(fake.current.shell.openPath).toHaveBeenCalledWith('/data/Relance/documents/print/courriers-du-jour.pdf');
    expect(window?.isDestroyed()).toBe(true);
  });

  it('without a PDF viewer (the PDF offered as a download), cancels the download and opens the system viewer', async () => {
    fake.current.BrowserWindow.downloadInstead = true;
    const { platform } = makePlatform();
    expect(await platform.printDocument('/data/Relance/documents/print/courriers-du-jour.pdf')).toBe(true);
    expect(fake.current.BrowserWindow.downloadsPrevented).toBe(1);
    const [window] = fake.current.BrowserWindow.instances;
    expect(window?.webContents.print).not.toHaveBeenCalled();
    expect(window?.isDestroyed()).toBe(true);
    expect(window?.webContents.session.listenerCount('will-download')).toBe(0);
    expect(fake.current.shell.openPath).toHaveBeenCalledWith('/data/Relance/documents/print/courriers-du-jour.pdf');
    // And when the system has no viewer either, the renderer is told.
    fake.current.shell.openPath.mockResolvedValueOnce('No application is associated with this file');
    expect(await platform.printDocument('/data/Relance/documents/print/courriers-du-jour.pdf')).toBe(false);
  });

  it('prints anyway when the viewer never says it is ready, PDF_READY_TIMEOUT_MS after the load', async () => {
    vi.useFakeTimers();
    try {
      const { platform } = makePlatform();
      const printing = platform.printDocument('/data/Relance/documents/print/courriers-du-jour.pdf');
      await vi.advanceTimersByTimeAsync(PDF_READY_TIMEOUT_MS - 1);
      const [window] = fake.current.BrowserWindow.instances;
      expect(window?.webContents.print).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(window?.webContents.print).toHaveBeenCalledTimes(1);
      // The dialog may stay open long: no load timeout closes it meanwhile.
      await vi.advanceTimersByTimeAsync(PDF_LOAD_TIMEOUT_MS * 2);
      expect(window?.isDestroyed()).toBe(false);
      window?.webContents.printCallback?.(true, '');
      expect(await printing).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up when the PDF never finishes loading, leaving no window, and opens the system viewer', async () => {
    vi.useFakeTimers();
    try {
      fake.current.BrowserWindow.hangLoads = true;
      const { platform } = makePlatform();
      const pending = platform.printDocument('/data/Relance/documents/print/courriers-du-jour.pdf');
      const [window] = fake.current.BrowserWindow.instances;
      await vi.advanceTimersByTimeAsync(PDF_LOAD_TIMEOUT_MS);
      expect(await pending).toBe(true);
      expect(window?.webContents.print).not.toHaveBeenCalled();
      expect(window?.isDestroyed()).toBe(true);
      expect(fake.current.shell.openPath).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says it could not print when the PDF does not load nor open in the system viewer, and leaves no window behind', async () => {
    const { platform } = makePlatform();
    fake.current.BrowserWindow.failLoads = new Error('ERR_FILE_NOT_FOUND');
    fake.current.shell.openPath.mockResolvedValueOnce('The file does not exist');
    expect(await platform.printDocument('/nowhere.pdf')).toBe(false);
    const [window] = fake.current.BrowserWindow.instances;
    expect(window?.webContents.print).not.toHaveBeenCalled();
    expect(window?.isDestroyed()).toBe(true);
  });

  it('supports the background mode and hands a new one to the shell', () => {
    const { platform, applyBackgroundMode } = makePlatform();
    expect(platform.supportsBackgroundMode).toBe(true);
    platform.applyBackgroundMode({ keepRunningInTray: true, launchAtLogin: false });
    expect(applyBackgroundMode).toHaveBeenCalledWith({ keepRunningInTray: true, launchAtLogin: false });
  });
});

describe('the Electron platform’s secrets', () => {
  it('encrypts with safeStorage, read only when used (it works once the app is ready)', () => {
    const safeStorage = {
      isEncryptionAvailable: vi.fn(() => true),
      encryptString: vi.fn((text: string) => Buffer.from(`os:${text}`)),
      decryptString: vi.fn((bytes: Buffer) => bytes.toString().replace(/^os:/, '')),
    };
    const { platform } = makePlatform();
    expect(platform.secrets.kind).toBe('os');
    Object.assign(fake.current, { safeStorage });
    expect(platform.secrets.available).toBe(true);
    const bytes = platform.secrets.encrypt('mot de passe');
    expect(bytes.toString()).toBe('os:mot de passe');
    expect(platform.secrets.decrypt(bytes)).toBe('mot de passe');
    safeStorage.isEncryptionAvailable.mockReturnValue(false);
    expect(platform.secrets.available).toBe(false);
  });
});
