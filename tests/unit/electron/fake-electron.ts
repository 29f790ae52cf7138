import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { vi } from 'vitest';

/**
 * A small stand-in for the `electron` module (its binary cannot be installed here). Only what the
 * shell uses, recording what it is given, so that tests can check the wiring and drive events.
 */

export interface FakeFrame {
  frameTreeNodeId: number;
  parent: FakeFrame | null;
  detached: boolean;
  url: string;
}

let nextFrameId = 1;

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeFrame = { frameTreeNodeId: nextFrameId++, parent: null, detached: false, url: '' };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  readonly send = vi.fn();
  /** The window's session (only its `will-download` event is used). */
  readonly session = new EventEmitter();
  /** Like Electron: the callback runs when the print dialog closes (the test calls it). */
  printCallback: ((success: boolean, failureReason: string) => void) | null = null;
  readonly print = vi.fn((_options: Record<string, unknown>, callback?: (success: boolean, failureReason: string) => void) => {
    this.printCallback = callback ?? null;
  });
  isDestroyed(): boolean {
    return false;
  }
}

/** Emits a cancellable Electron-style event and tells whether a listener prevented it. */
export function emitCancellable(target: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  const event = { preventDefault: () => (prevented = true) };
  target.emit(name, event, ...args);
  return prevented;
}

export function createFakeElectron(options: { appData: string }) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    lock: true,
    locale: 'fr-FR',
    paths: new Map<string, string>([
      ['appData', options.appData],
      ['documents', '/home/test/Documents'],
    ]),
    setName: vi.fn(),
    setPath: vi.fn((name: string, value: string) => {
      app.paths.set(name, value);
    }),
    getPath: vi.fn((name: string) => {
      const value = app.paths.get(name);
      if (!value) throw new Error(`no path ${name}`);
      return value;
    }),
    requestSingleInstanceLock: vi.fn(() => app.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(),
    setAppUserModelId: vi.fn(),
    getLocale: vi.fn(() => app.locale),
    getVersion: vi.fn(() => '0.1.0'),
    whenReady: vi.fn(() => Promise.resolve()),
    appPath: '/opt/relance',
    getAppPath: vi.fn(() => app.appPath),
    wasOpenedAtLogin: false,
    setLoginItemSettings: vi.fn((_settings: { openAtLogin?: boolean; path?: string; args?: string[] }) => undefined),
    getLoginItemSettings: vi.fn(() => ({ openAtLogin: false, wasOpenedAtLogin: app.wasOpenedAtLogin })),
  });

  class BrowserWindow extends EventEmitter {
    static instances: BrowserWindow[] = [];
    /** Set to make loading a PDF start a download (no PDF viewer), as Electron does. */
    static downloadInstead = false;
    static downloadsPrevented = 0;
    /** Set to make loads never finish (a stuck viewer). */
    static hangLoads = false;
    /** Set to make every load fail like a missing file. */
    static failLoads: Error | null = null;
    readonly webContents = new FakeWebContents();
    minimized = false;
    maximized = false;
    destroyed = false;
    normalBounds = { x: 0, y: 0, width: 1280, height: 800 };
    visible = false;
    readonly show = vi.fn(() => {
      const wasVisible = this.visible;
      this.visible = true;
      if (!wasVisible) this.emit('show');
    });
    readonly hide = vi.fn(() => {
      this.visible = false;
    });
    /** Like a click on the close box: 'close' (cancellable), then 'closed' unless prevented. */
    readonly close = vi.fn(() => {
      if (emitCancellable(this, 'close')) return false;
      this.destroyed = true;
      this.visible = false;
      this.emit('closed');
      return true;
    });
    readonly focus = vi.fn();
    readonly destroy = vi.fn(() => {
      this.destroyed = true;
      this.visible = false;
      this.emit('closed');
    });
    readonly restore = vi.fn(() => {
      this.minimized = false;
    });
    readonly maximize = vi.fn(() => {
      this.maximized = true;
    });
    readonly loadURL = vi.fn(async (url: string) => {
      this.webContents.mainFrame.url = url;
    });
    readonly loadFile = vi.fn(async (path: string) => {
      if (BrowserWindow.failLoads) throw BrowserWindow.failLoads;
      if (BrowserWindow.hangLoads) return new Promise<void>(() => undefined);
      if (BrowserWindow.downloadInstead) {
        // Like Electron without a working PDF viewer: the file is offered as a download, the load aborted.
        const prevented = emitCancellable(this.webContents.session, 'will-download', { getFilename: () => path }, this.webContents);
        BrowserWindow.downloadsPrevented += prevented ? 1 : 0;
        throw Object.assign(new Error(`ERR_ABORTED (-3) loading '${pathToFileURL(path).href}'`), { errno: -3, code: 'ERR_ABORTED' });
      }
      this.webContents.mainFrame.url = pathToFileURL(path).href;
      this.webContents.emit('did-finish-load');
    });

    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.instances.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    isMinimized() {
      return this.minimized;
    }
    isMaximized() {
      return this.maximized;
    }
    isFullScreen() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    isVisible() {
      return this.visible;
    }
    getNormalBounds() {
      return { ...this.normalBounds };
    }
  }

  class Notification extends EventEmitter {
    static supported = true;
    static instances: Notification[] = [];
    static isSupported() {
      return Notification.supported;
    }
    readonly show = vi.fn();
    constructor(readonly options: { title: string; body: string }) {
      super();
      Notification.instances.push(this);
    }
  }

  class Tray extends EventEmitter {
    static instances: Tray[] = [];
    readonly setToolTip = vi.fn();
    readonly setContextMenu = vi.fn();
    destroyed = false;
    readonly destroy = vi.fn(() => {
      this.destroyed = true;
    });
    constructor(readonly image: { path: string }) {
      super();
      Tray.instances.push(this);
    }
  }

  const nativeImage = {
    createFromPath: vi.fn((path: string) => ({ path, isEmpty: () => false })),
  };

  const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>();
  const ipcMain = {
    handlers: ipcHandlers,
    handle: vi.fn((channel: string, handler: (...args: unknown[]) => unknown) => {
      ipcHandlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
  };

  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };

  const display = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };

  const module = {
    app,
    BrowserWindow,
    Notification,
    Tray,
    nativeImage,
    ipcMain,
    session: { defaultSession },
    powerMonitor: new EventEmitter(),
    screen: { getPrimaryDisplay: vi.fn(() => display), getAllDisplays: vi.fn(() => [display]) },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    shell: {
      openExternal: vi.fn(async (_url: string): Promise<void> => undefined),
      /** Like Electron: '' when the system's handler took the file, an error message otherwise. */
      openPath: vi.fn(async (_path: string): Promise<string> => ''),
    },
    dialog: {
      showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath: string }> => ({ canceled: true, filePath: '' })),
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })),
      showErrorBox: vi.fn(),
    },
  };
  return module;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
