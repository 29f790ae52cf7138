import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import {
  MIN_HEIGHT,
  MIN_WIDTH,
  createWindowStateSaver,
  fitToDisplays,
  loadWindowState,
  type WindowState,
  type WindowStateSaver,
} from './window-state';

/** The folder of the built main bundle (out/main), or of this file under vitest. Main is ESM. */
const here = fileURLToPath(new URL('.', import.meta.url));

/** The sandboxed preload, bundled as CommonJS by electron-vite. */
export const PRELOAD_PATH = join(here, '../preload/index.cjs');
/** The built renderer. */
export const RENDERER_FILE = join(here, '../renderer/index.html');

/**
 * Where the window's page comes from: the Vite dev server in `electron-vite dev`, the built file
 * otherwise. A packaged app never follows ELECTRON_RENDERER_URL: an environment variable must not be
 * able to point a window that holds the IPC bridge at another site.
 */
export type RendererSource = { kind: 'url'; url: string } | { kind: 'file'; path: string; url: string };

export function rendererSource(env: NodeJS.ProcessEnv, packaged: boolean): RendererSource {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (!packaged && devUrl) return { kind: 'url', url: devUrl };
  return { kind: 'file', path: RENDERER_FILE, url: pathToFileURL(RENDERER_FILE).href };
}

/** The window's options: the security settings are not negotiable. */
export function mainWindowOptions(state: WindowState, preloadPath: string = PRELOAD_PATH): BrowserWindowConstructorOptions {
  return {
    title: 'Relance',
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}

export interface MainWindow {
  window: BrowserWindow;
  /** Writes the window's place now (before quitting). */
  saveState(): Promise<void>;
}

/** Creates the main window where it was last left, loads the app's page, and keeps its place saved. */
export async function createMainWindow(options: {
  dataDir: string;
  source: RendererSource;
  saver?: WindowStateSaver;
  /** Create it hidden (launched at login): it is shown from the tray, a notification or a new launch. */
  hidden?: boolean;
  log?: (message: string) => void;
}): Promise<MainWindow> {
  const saved = await loadWindowState(options.dataDir);
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const state = fitToDisplays(saved, displays);

  const window = new BrowserWindow(mainWindowOptions(state));
  if (options.hidden) {
    // Started by the session: the page loads and runs, the window stays hidden until asked for.
    // (Maximising would show it on Windows: that waits for the first show.)
    if (state.maximized) window.once('show', () => window.maximize());
  } else {
    window.once('ready-to-show', () => {
      if (state.maximized) window.maximize();
      window.show();
    });
  }

  const saver = options.saver ?? createWindowStateSaver(options.dataDir);
  const currentState = (): WindowState => {
    // The normal bounds, so that a maximised window still remembers its size when restored.
    const bounds = window.getNormalBounds();
    return { ...bounds, maximized: window.isMaximized() };
  };
  const remember = () => {
    if (!window.isDestroyed() && !window.isMinimized() && !window.isFullScreen()) saver.schedule(currentState());
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) {
    window.on(event as 'resize', remember);
  }
  window.on('close', () => {
    if (!window.isDestroyed()) saver.schedule(currentState());
    void saver.flush();
  });

  // Not awaited: the caller keeps the window even when the page fails to load (it can be reloaded).
  const loading = options.source.kind === 'url' ? window.loadURL(options.source.url) : window.loadFile(options.source.path);
  loading.catch((error: unknown) => (options.log ?? console.error)(`[relance] the page did not load: ${String(error)}`));

  return { window, saveState: () => saver.flush() };
}
