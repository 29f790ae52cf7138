import { join } from 'node:path';
import type {
  Menu as ElectronMenu,
  MenuItemConstructorOptions,
  NativeImage,
  Tray as ElectronTray,
  nativeImage as ElectronNativeImage,
} from 'electron';
import type { MenuLanguage } from './menu';

/**
 * The icon in the notification area (Windows, Linux) or the menu bar (macOS), shown while Relance
 * keeps running with its window closed. Its menu opens the window, goes to Today, shows the last
 * known summary from the scheduler ("3 relances à faire") and really quits.
 */
export interface TrayActions {
  /** Shows the window. */
  open(): void;
  /** Shows the window on the Today screen. */
  today(): void;
  /** Quits for real (closing the window only hides it in this mode). */
  quit(): void;
}

export interface TrayState {
  /** The scheduler's latest `reason`, or null when there is none. */
  summary: string | null;
}

const LABELS = {
  fr: { open: 'Ouvrir Relance', today: "Aujourd'hui", quit: 'Quitter' },
  en: { open: 'Open Relance', today: 'Today', quit: 'Quit' },
} as const satisfies Record<MenuLanguage, Record<string, string>>;

/** Menus and tooltips are one line: a long reason is cut. */
const MAX_SUMMARY_LENGTH = 80;

function shortSummary(summary: string | null): string | null {
  const text = summary?.replace(/\s+/g, ' ').trim() ?? '';
  if (!text) return null;
  return text.length > MAX_SUMMARY_LENGTH ? `${text.slice(0, MAX_SUMMARY_LENGTH - 1)}…` : text;
}

/**
 * The icon's file. electron-vite copies nothing from `resources/`: the path is resolved from the
 * app's folder (`app.getAppPath()`: the project in `electron-vite dev/preview`, `app.asar` once
 * packaged, where `resources/` must be listed among the packaged files). `tray@2x.png` beside it is
 * picked up on high-density screens.
 */
export function trayIconPath(appPath: string): string {
  return join(appPath, 'resources', 'icons', 'tray.png');
}

export function buildTrayTemplate(language: MenuLanguage, actions: TrayActions, state: TrayState): MenuItemConstructorOptions[] {
  const t = LABELS[language];
  const summary = shortSummary(state.summary);
  return [
    { id: 'tray-open', label: t.open, click: () => actions.open() },
    { id: 'tray-today', label: t.today, click: () => actions.today() },
    ...(summary
      ? ([{ type: 'separator' }, { id: 'tray-summary', label: summary, enabled: false }] as MenuItemConstructorOptions[])
      : []),
    { type: 'separator' },
    { id: 'tray-quit', label: t.quit, click: () => actions.quit() },
  ];
}

export function trayTooltip(state: TrayState): string {
  const summary = shortSummary(state.summary);
  return summary ? `Relance — ${summary}` : 'Relance';
}

export interface TrayController {
  /** Shows the icon (once; calling again does nothing). */
  enable(): void;
  /** Removes the icon. */
  disable(): void;
  setLanguage(language: MenuLanguage): void;
  setSummary(summary: string | null): void;
  readonly enabled: boolean;
}

export interface TrayDeps {
  Tray: new (image: NativeImage) => Pick<ElectronTray, 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
  Menu: Pick<typeof ElectronMenu, 'buildFromTemplate'>;
  nativeImage: Pick<typeof ElectronNativeImage, 'createFromPath'>;
  iconPath: string;
  actions: TrayActions;
  language?: MenuLanguage;
  /** A click on the icon opens the window (Windows, Linux); on macOS a click opens the menu. */
  openOnClick?: boolean;
  log?: (message: string) => void;
}

export function createTrayController(deps: TrayDeps): TrayController {
  let language: MenuLanguage = deps.language ?? 'fr';
  let state: TrayState = { summary: null };
  let tray: InstanceType<TrayDeps['Tray']> | null = null;

  const refresh = () => {
    if (!tray) return;
    tray.setToolTip(trayTooltip(state));
    tray.setContextMenu(deps.Menu.buildFromTemplate(buildTrayTemplate(language, deps.actions, state)));
  };

  return {
    enable() {
      if (tray) return;
      const image = deps.nativeImage.createFromPath(deps.iconPath);
      if (image.isEmpty()) (deps.log ?? console.warn)(`[relance] the tray icon is missing: ${deps.iconPath}`);
      tray = new deps.Tray(image);
      if (deps.openOnClick) tray.on('click', () => deps.actions.open());
      refresh();
    },
    disable() {
      tray?.destroy();
      tray = null;
    },
    setLanguage(next) {
      language = next;
      refresh();
    },
    setSummary(summary) {
      state = { summary };
      refresh();
    },
    get enabled() {
      return tray !== null;
    },
  };
}
