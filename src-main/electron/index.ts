import { join } from 'node:path';
import { app, type BrowserWindow, dialog, ipcMain, Menu, nativeImage, powerMonitor, session, shell, Tray } from 'electron';
import { createDispatcher } from '../dispatch';
import { createServices, type Services } from '../services';
import { EventHub } from '../services/platform';
import { CONTENT_SECURITY_POLICY } from '../security-policy';
import { forwardEvents, registerIpc } from './ipc';
import { createElectronPlatform } from './electron-platform';
import { aboutText, createMenuController, menuLanguageFromLocale, type MenuController } from './menu';
import { applyContentSecurityPolicy, denyAllPermissions, hardenWebContents, isTrustedSender } from './security';
import { createMainWindow, rendererSource } from './window';
import { createWindowStateSaver } from './window-state';
import { createTrayController, trayIconPath, type TrayController } from './tray';
import { createBackgroundController, type BackgroundController } from './background';
import { applyLoginItem, HIDDEN_ARG, shouldStartHidden } from './login-item';

/**
 * The Electron entry: app lifecycle and wiring only. Everything that can be tested without Electron
 * lives in plain functions (window-state, menu, security) or in the services.
 */
export interface RelanceApp {
  services: Services;
  hub: EventHub;
  menu: MenuController;
  tray: TrayController;
  background: BackgroundController;
  getWindow(): BrowserWindow | null;
}

const isMac = process.platform === 'darwin';

async function start(): Promise<RelanceApp | null> {
  app.setName('Relance');
  // The same data folder as the web host (services/data-dir.ts): Chromium keeps IndexedDB there, the
  // services their journals and archives. Set before the single-instance lock, which lives in it.
  app.setPath('userData', process.env.RELANCE_DATA_DIR || join(app.getPath('appData'), 'Relance'));

  if (!app.requestSingleInstanceLock()) {
    // Another Relance is running: it gets the 'second-instance' event and comes forward.
    app.quit();
    return null;
  }
  if (process.platform === 'win32') app.setAppUserModelId('fr.relance.app');
  app.enableSandbox();

  const source = rendererSource(process.env, app.isPackaged);
  hardenWebContents(app, shell, { appUrl: source.url });

  let mainWindow: BrowserWindow | null = null;
  let opening: Promise<BrowserWindow> | null = null;
  let openWindow: (() => Promise<BrowserWindow>) | null = null;

  /** Brings the window forward, creating it again on macOS when it was closed. */
  const showWindow = async (): Promise<void> => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
    } else if (openWindow) {
      await openWindow();
    }
  };

  app.on('second-instance', (_event, argv: string[]) => {
    // A second launch by the session (`--hidden`) must not bring the window up; a launch by the user does.
    if (!argv.includes(HIDDEN_ARG)) void showWindow();
  });
  app.on('window-all-closed', () => {
    // On macOS the app stays in the Dock with its window closed.
    if (!isMac) app.quit();
  });

  await app.whenReady();
  const dataDir = app.getPath('userData');

  denyAllPermissions(session.defaultSession);
  // In `electron-vite dev` the dev server needs a looser policy (see electron.vite.config.ts).
  if (source.kind === 'file') applyContentSecurityPolicy(session.defaultSession, CONTENT_SECURITY_POLICY);

  const hub = new EventHub();
  const menu = createMenuController({
    Menu,
    isMac,
    packaged: app.isPackaged,
    actions: {
      command: (payload) => {
        void showWindow();
        hub.emit('app.command', payload);
      },
      about: () => {
        const text = aboutText(menu.language ?? 'fr', app.getVersion());
        const options = { type: 'info' as const, buttons: ['OK'], ...text };
        void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
      },
    },
  });
  menu.applyMenu(menuLanguageFromLocale(app.getLocale()));

  const platform = createElectronPlatform({
    dataDir,
    appVersion: app.getVersion(),
    getWindow: () => mainWindow,
    focusWindow: () => void showWindow(),
    applyMenu: (language) => {
      menu.applyMenu(language);
      tray.setLanguage(language);
    },
    applyBackgroundMode: (mode) => background.apply(mode),
  });
  const services = await createServices(platform, hub);

  // The tray and the background mode (read from <data>/background.json by the services, before any window).
  const tray = createTrayController({
    Tray,
    Menu,
    nativeImage,
    iconPath: trayIconPath(app.getAppPath()),
    language: menu.language ?? 'fr',
    openOnClick: !isMac,
    actions: {
      open: () => void showWindow(),
      today: () => {
        void showWindow();
        hub.emit('app.command', { command: 'navigate', to: 'today' });
      },
      quit: () => background.quit(),
    },
  });
  tray.setSummary(services.scheduler.nextWake.reason);
  services.scheduler.onChange(({ reason }) => tray.setSummary(reason));
  const background = createBackgroundController({
    app,
    tray,
    initial: services.backgroundMode.current,
    startHidden: shouldStartHidden(process.argv, isMac && app.getLoginItemSettings().wasOpenedAtLogin),
    setLoginItem: (openAtLogin) =>
      applyLoginItem(openAtLogin, { app, platform: process.platform, execPath: process.execPath, env: process.env }),
  });

  // IPC is served before the page loads, and only to the main window's top frame on the app's page.
  registerIpc({
    ipcMain,
    dispatch: createDispatcher(services.handlers),
    isTrustedSender: (event) =>
      isTrustedSender(event, mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null, source.url),
  });
  forwardEvents(hub, () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null));
  powerMonitor.on('resume', () => services.scheduler.resume());
  // Linux and macOS: the computer shuts down; a window that only hides must not hold it up.
  powerMonitor.on('shutdown', () => background.quit());

  const saver = createWindowStateSaver(dataDir);
  openWindow = () => {
    opening ??= createMainWindow({ dataDir, source, saver, hidden: background.hiddenStart }).then(({ window }) => {
      mainWindow = window;
      background.attachWindow(window);
      window.on('closed', () => {
        if (mainWindow === window) mainWindow = null;
      });
      return window;
    });
    return opening.finally(() => {
      opening = null;
    });
  };
  await openWindow();

  app.on('activate', () => void showWindow());

  let cleanedUp = false;
  app.on('will-quit', (event) => {
    if (cleanedUp) return;
    // Let the window's place be written and the timers stop before the process ends.
    event.preventDefault();
    cleanedUp = true;
    void saver.flush().finally(() => {
      services.stop();
      app.quit();
    });
  });

  return { services, hub, menu, tray, background, getWindow: () => mainWindow };
}

/** Resolves when the app has started (null when another instance was already running). */
export const startup: Promise<RelanceApp | null> = start().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(`[relance] could not start: ${message}`);
  dialog.showErrorBox('Relance', `Relance n'a pas pu démarrer / could not start:\n${error instanceof Error ? error.message : message}`);
  app.exit(1);
  return null;
});
