import type { Menu as ElectronMenu, MenuItemConstructorOptions } from 'electron';
import type { EventPayload } from '../contract/methods';

/**
 * The application menu, in French or English. The main process has no i18next: the few labels live
 * in the table below. Menu items do not act on the page themselves; they send the renderer an
 * `app.command` event (navigate, set-language) through the contract, like the tray would.
 */
export type MenuLanguage = 'fr' | 'en';
export type AppCommand = EventPayload<'app.command'>;
export type NavigationTarget = Extract<AppCommand, { command: 'navigate' }>['to'];

export interface MenuActions {
  /** Sends an `app.command` event to the renderer (and brings the window forward). */
  command(payload: AppCommand): void;
  /** Shows the "About Relance" box. */
  about(): void;
}

export interface MenuOptions {
  /** Packaged builds have no developer tools item. */
  packaged: boolean;
}

const LABELS = {
  fr: {
    file: '&Fichier',
    settings: 'Réglages…',
    quit: 'Quitter',
    edit: '&Édition',
    undo: 'Annuler',
    redo: 'Rétablir',
    cut: 'Couper',
    copy: 'Copier',
    paste: 'Coller',
    selectAll: 'Tout sélectionner',
    view: '&Affichage',
    today: "Aujourd'hui",
    customers: 'Clients',
    invoices: 'Factures',
    calls: 'Appels',
    letters: 'Courriers',
    dashboard: 'Tableau de bord',
    reload: 'Recharger',
    devTools: 'Outils de développement',
    resetZoom: 'Taille réelle',
    zoomIn: 'Zoom avant',
    zoomOut: 'Zoom arrière',
    fullScreen: 'Plein écran',
    language: '&Langue',
    help: 'Aid&e',
    about: 'À propos de Relance',
    aboutDetail: 'Relancer les factures impayées sans perdre le client.',
    version: 'Version',
    hide: 'Masquer Relance',
    hideOthers: 'Masquer les autres',
    unhide: 'Tout afficher',
    services: 'Services',
    window: 'Fenêtre',
    minimize: 'Réduire',
    close: 'Fermer la fenêtre',
  },
  en: {
    file: '&File',
    settings: 'Settings…',
    quit: 'Quit',
    edit: '&Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: '&View',
    today: 'Today',
    customers: 'Customers',
    invoices: 'Invoices',
    calls: 'Calls',
    letters: 'Letters',
    dashboard: 'Dashboard',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    language: '&Language',
    help: '&Help',
    about: 'About Relance',
    aboutDetail: 'Get unpaid invoices paid without losing the customer.',
    version: 'Version',
    hide: 'Hide Relance',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    services: 'Services',
    window: 'Window',
    minimize: 'Minimize',
    close: 'Close Window',
  },
} as const satisfies Record<MenuLanguage, Record<string, string>>;

/** The screens of the View menu, in order: Ctrl+1 … Ctrl+6. */
export const NAVIGATION_ITEMS = [
  { to: 'today', label: 'today' },
  { to: 'customers', label: 'customers' },
  { to: 'invoices', label: 'invoices' },
  { to: 'calls', label: 'calls' },
  { to: 'letters', label: 'letters' },
  { to: 'dashboard', label: 'dashboard' },
] as const satisfies readonly { to: NavigationTarget; label: keyof (typeof LABELS)['fr'] }[];

/** Each language is named in its own language, whatever the menu's language. */
const LANGUAGE_NAMES: Record<MenuLanguage, string> = { fr: 'Français', en: 'English' };

/** The text of the "About Relance" box. */
export function aboutText(language: MenuLanguage, version: string): { title: string; message: string; detail: string } {
  const t = LABELS[language];
  return { title: t.about, message: 'Relance', detail: `${t.version} ${version}\n\n${t.aboutDetail}` };
}

export function menuLanguageFromLocale(locale: string): MenuLanguage {
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function buildMenuTemplate(
  language: MenuLanguage,
  actions: MenuActions,
  isMac: boolean,
  options: MenuOptions = { packaged: true },
): MenuItemConstructorOptions[] {
  const t = LABELS[language];
  // On macOS the ampersand mnemonics are shown as is: drop them.
  const top = (label: string) => (isMac ? label.replace('&', '') : label);

  const settings: MenuItemConstructorOptions = {
    id: 'navigate-settings',
    label: t.settings,
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.command({ command: 'navigate', to: 'settings' }),
  };
  const about: MenuItemConstructorOptions = { id: 'about', label: t.about, click: () => actions.about() };

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: 'Relance',
      submenu: [
        about,
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'services', label: t.services },
        { type: 'separator' },
        { role: 'hide', label: t.hide },
        { role: 'hideOthers', label: t.hideOthers },
        { role: 'unhide', label: t.unhide },
        { type: 'separator' },
        { id: 'quit', role: 'quit', label: t.quit },
      ],
    });
  } else {
    template.push({
      label: top(t.file),
      submenu: [settings, { type: 'separator' }, { id: 'quit', role: 'quit', label: t.quit }],
    });
  }

  template.push({
    label: top(t.edit),
    submenu: [
      { role: 'undo', label: t.undo },
      { role: 'redo', label: t.redo },
      { type: 'separator' },
      { role: 'cut', label: t.cut },
      { role: 'copy', label: t.copy },
      { role: 'paste', label: t.paste },
      { type: 'separator' },
      { role: 'selectAll', label: t.selectAll },
    ],
  });

  template.push({
    label: top(t.view),
    submenu: [
      ...NAVIGATION_ITEMS.map(
        (item, index): MenuItemConstructorOptions => ({
          id: `navigate-${item.to}`,
          label: t[item.label],
          accelerator: `CmdOrCtrl+${index + 1}`,
          click: () => actions.command({ command: 'navigate', to: item.to }),
        }),
      ),
      { type: 'separator' },
      { role: 'reload', label: t.reload },
      ...(options.packaged ? [] : [{ id: 'devtools', role: 'toggleDevTools', label: t.devTools } as const]),
      { type: 'separator' },
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t.fullScreen },
    ],
  });

  template.push({
    label: top(t.language),
    submenu: (['fr', 'en'] as const).map(
      (code): MenuItemConstructorOptions => ({
        id: `language-${code}`,
        label: LANGUAGE_NAMES[code],
        type: 'radio',
        checked: code === language,
        click: () => actions.command({ command: 'set-language', language: code }),
      }),
    ),
  });

  if (isMac) {
    template.push({
      role: 'windowMenu',
      label: t.window,
      submenu: [{ role: 'minimize', label: t.minimize }, { role: 'close', label: t.close }],
    });
  }

  template.push({ role: 'help', label: top(t.help), submenu: [about] });
  return template;
}

export interface MenuController {
  /** Builds the menu in this language and installs it as the application menu. */
  applyMenu(language: MenuLanguage): void;
  readonly language: MenuLanguage | null;
}

export function createMenuController(deps: {
  Menu: Pick<typeof ElectronMenu, 'buildFromTemplate' | 'setApplicationMenu'>;
  actions: MenuActions;
  isMac: boolean;
  packaged: boolean;
}): MenuController {
  let current: MenuLanguage | null = null;
  return {
    applyMenu(language) {
      current = language;
      deps.Menu.setApplicationMenu(
        deps.Menu.buildFromTemplate(buildMenuTemplate(language, deps.actions, deps.isMac, { packaged: deps.packaged })),
      );
    },
    get language() {
      return current;
    },
  };
}
