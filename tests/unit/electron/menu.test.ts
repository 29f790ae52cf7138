import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import {
  aboutText,
  buildMenuTemplate,
  createMenuController,
  menuLanguageFromLocale,
  type MenuActions,
} from '../../../src-main/electron/menu';
import { EventHub } from '../../../src-main/services/platform';
import type { EventPayload } from '../../../src-main/contract/methods';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function byId(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = flatten(items).find((item) => item.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function click(item: MenuItemConstructorOptions): void {
  if (!item.click) throw new Error(`${item.id ?? item.label} has no click`);
  item.click({} as never, undefined, {} as never);
}

/** Menu actions wired to a real EventHub, so that payloads are checked against the contract. */
function hubActions() {
  const hub = new EventHub();
  const received: EventPayload<'app.command'>[] = [];
  hub.subscribe((event, payload) => {
    if (event === 'app.command') received.push(payload as EventPayload<'app.command'>);
  });
  const actions: MenuActions = { command: (payload) => hub.emit('app.command', payload), about: vi.fn() };
  return { actions, received };
}

const topLabels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label);

describe('the application menu', () => {
  it('is in French', () => {
    const template = buildMenuTemplate('fr', hubActions().actions, false);
    expect(topLabels(template)).toEqual(['&Fichier', '&Édition', '&Affichage', '&Langue', 'Aid&e']);
    expect(byId(template, 'navigate-settings')).toMatchObject({ label: 'Réglages…', accelerator: 'CmdOrCtrl+,' });
    expect(byId(template, 'quit')).toMatchObject({ role: 'quit', label: 'Quitter' });
    expect(byId(template, 'about').label).toBe('À propos de Relance');
    const view = flatten(template).filter((item) => item.id?.startsWith('navigate-') && item.id !== 'navigate-settings');
    expect(view.map((item) => item.label)).toEqual([
      "Aujourd'hui",
      'Clients',
      'Factures',
      'Appels',
      'Courriers',
      'Tableau de bord',
    ]);
    expect(flatten(template).find((item) => item.role === 'copy')?.label).toBe('Copier');
  });

  it('is in English', () => {
    const template = buildMenuTemplate('en', hubActions().actions, false);
    expect(topLabels(template)).toEqual(['&File', '&Edit', '&View', '&Language', '&Help']);
    expect(byId(template, 'navigate-settings').label).toBe('Settings…');
    expect(byId(template, 'quit').label).toBe('Quit');
    expect(byId(template, 'about').label).toBe('About Relance');
    const view = flatten(template).filter((item) => item.id?.startsWith('navigate-') && item.id !== 'navigate-settings');
    expect(view.map((item) => item.label)).toEqual(['Today', 'Customers', 'Invoices', 'Calls', 'Letters', 'Dashboard']);
  });

  it('sends app.command navigate for every screen, with Ctrl+1…6', () => {
    const { actions, received } = hubActions();
    const template = buildMenuTemplate('fr', actions, false);
    const screens = ['today', 'customers', 'invoices', 'calls', 'letters', 'dashboard'] as const;
    screens.forEach((to, index) => {
      const item = byId(template, `navigate-${to}`);
      expect(item.accelerator).toBe(`CmdOrCtrl+${index + 1}`);
      click(item);
    });
    click(byId(template, 'navigate-settings'));
    expect(received).toEqual([
      ...screens.map((to) => ({ command: 'navigate', to })),
      { command: 'navigate', to: 'settings' },
    ]);
  });

  it('has Français / English radio items, the current language checked, that send set-language', () => {
    const { actions, received } = hubActions();
    for (const language of ['fr', 'en'] as const) {
      const template = buildMenuTemplate(language, actions, false);
      const fr = byId(template, 'language-fr');
      const en = byId(template, 'language-en');
      expect([fr.label, en.label]).toEqual(['Français', 'English']);
      expect(fr.type).toBe('radio');
      expect(en.type).toBe('radio');
      expect(fr.checked).toBe(language === 'fr');
      expect(en.checked).toBe(language === 'en');
    }
    click(byId(buildMenuTemplate('fr', actions, false), 'language-en'));
    click(byId(buildMenuTemplate('en', actions, false), 'language-fr'));
    expect(received).toEqual([
      { command: 'set-language', language: 'en' },
      { command: 'set-language', language: 'fr' },
    ]);
  });

  it('offers the developer tools only when not packaged', () => {
    const roles = (packaged: boolean) =>
      flatten(buildMenuTemplate('en', hubActions().actions, false, { packaged })).map((item) => item.role);
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(flatten(buildMenuTemplate('en', hubActions().actions, false)).map((i) => i.role)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
  });

  it('uses the macOS layout: application menu first with Settings and Quit, no mnemonics', () => {
    const template = buildMenuTemplate('fr', hubActions().actions, true);
    expect(template[0]?.label).toBe('Relance');
    const appMenu = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(appMenu.map((item) => item.id).filter(Boolean)).toEqual(['about', 'navigate-settings', 'quit']);
    expect(template.some((item) => item.label?.includes('&'))).toBe(false);
  });

  it('shows About through the action', () => {
    const { actions } = hubActions();
    click(byId(buildMenuTemplate('fr', actions, false), 'about'));
    expect(actions.about).toHaveBeenCalledTimes(1);
    expect(aboutText('fr', '1.2.3').detail).toContain('Version 1.2.3');
  });

  it('follows the OS locale: French for any fr-*, English otherwise', () => {
    expect(menuLanguageFromLocale('fr')).toBe('fr');
    expect(menuLanguageFromLocale('fr-BE')).toBe('fr');
    expect(menuLanguageFromLocale('FR-ca')).toBe('fr');
    expect(menuLanguageFromLocale('en-GB')).toBe('en');
    expect(menuLanguageFromLocale('de')).toBe('en');
  });

  it('applyMenu installs a menu built in the requested language', () => {
    const Menu = { buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => ({ template })), setApplicationMenu: vi.fn() };
    const controller = createMenuController({ Menu: Menu as never, actions: hubActions().actions, isMac: false, packaged: true });
    controller.applyMenu('en');
    controller.applyMenu('fr');
    expect(controller.language).toBe('fr');
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(2);
    const installed = Menu.setApplicationMenu.mock.calls[1]?.[0] as { template: MenuItemConstructorOptions[] };
    expect(byId(installed.template, 'navigate-dashboard').label).toBe('Tableau de bord');
    expect(byId(installed.template, 'language-fr').checked).toBe(true);
  });
});
