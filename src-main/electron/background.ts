import type { App, BrowserWindow } from 'electron';
import type { BackgroundMode } from '../services/background-mode';
import type { TrayController } from './tray';

/**
 * What "keep running in the background" means for the window and the app:
 * - with `keepRunningInTray`, closing the window hides it (the renderer keeps running, so its planner
 *   and the scheduler's wake-ups keep working) and the tray icon shows; quitting from the tray, the
 *   menu (role `quit`, Cmd+Q), or the session ending really quits;
 * - without it, closing the window quits as before (macOS keeps the app in the Dock);
 * - started by the session (`--hidden`), the window is created hidden and the tray shows until the
 *   window is first shown, whatever `keepRunningInTray` says (otherwise it could not be reached).
 */
export interface BackgroundController {
  /** Applies a mode: tray shown or not; the login item is updated when `launchAtLogin` changed. */
  apply(mode: BackgroundMode): void;
  /** Makes a close of this window hide it while the mode says so. */
  attachWindow(window: Pick<BrowserWindow, 'on' | 'hide'>): void;
  /** Quits for real. */
  quit(): void;
  readonly mode: BackgroundMode;
  /** True while the window was started hidden and has not been shown yet. */
  readonly hiddenStart: boolean;
}

export interface BackgroundDeps {
  app: Pick<App, 'on' | 'quit'>;
  tray: Pick<TrayController, 'enable' | 'disable'>;
  /** Registers or removes the login item. */
  setLoginItem(openAtLogin: boolean): void;
  /** What `<data>/background.json` said at start-up. */
  initial: BackgroundMode;
  startHidden: boolean;
}

export function createBackgroundController(deps: BackgroundDeps): BackgroundController {
  let mode = { ...deps.initial };
  let hiddenStart = deps.startHidden;
  let quitting = false;

  deps.app.on('before-quit', () => {
    quitting = true;
  });

  const refreshTray = () => {
    if (mode.keepRunningInTray || hiddenStart) deps.tray.enable();
    else deps.tray.disable();
  };

  refreshTray();
  // Registered again at each start when on: an update may have moved the executable.
  if (mode.launchAtLogin) deps.setLoginItem(true);

  return {
    apply(next) {
      const loginChanged = next.launchAtLogin !== mode.launchAtLogin;
      mode = { ...next };
      refreshTray();
      if (loginChanged) deps.setLoginItem(mode.launchAtLogin);
    },
    attachWindow(window) {
      window.on('close', (event) => {
        if (quitting || !mode.keepRunningInTray) return;
        event.preventDefault();
        window.hide();
      });
      window.on('show', () => {
        if (!hiddenStart) return;
        hiddenStart = false;
        refreshTray();
      });
      // Windows sends no 'before-quit' when the session ends: a prevented close would block it.
      window.on('session-end', () => {
        quitting = true;
      });
    },
    quit() {
      quitting = true;
      deps.app.quit();
    },
    get mode() {
      return { ...mode };
    },
    get hiddenStart() {
      return hiddenStart;
    },
  };
}
