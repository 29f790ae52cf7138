import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildTrayTemplate, createTrayController, trayIconPath, trayTooltip } from '../../../src-main/electron/tray';
import { createFakeElectron } from './fake-electron';

function actions() {
  return { open: vi.fn(), today: vi.fn(), quit: vi.fn() };
}

const labels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label ?? `(${item.type})`);
const click = (template: MenuItemConstructorOptions[], id: string) =>
  template.find((item) => item.id === id)?.click?.({} as never, undefined, {} as never);

describe('the tray menu', () => {
  it('is in French, with the summary as a disabled line', () => {
    const template = buildTrayTemplate('fr', actions(), { summary: '3 relances à faire' });
    expect(labels(template)).toEqual(['Ouvrir Relance', "Aujourd'hui", '(separator)', '3 relances à faire', '(separator)', 'Quitter']);
    expect(template.find((item) => item.id === 'tray-summary')?.enabled).toBe(false);
  });

  it('is in English, and has no summary line when there is none', () => {
    expect(labels(buildTrayTemplate('en', actions(), { summary: null }))).toEqual(['Open Relance', 'Today', '(separator)', 'Quit']);
    expect(labels(buildTrayTemplate('en', actions(), { summary: '   ' }))).toEqual(['Open Relance', 'Today', '(separator)', 'Quit']);
  });

  it('calls the right action for each item', () => {
    const a = actions();
    const template = buildTrayTemplate('fr', a, { summary: 'x' });
    click(template, 'tray-open');
    expect(a.open).toHaveBeenCalledTimes(1);
    click(template, 'tray-today');
    expect(a.today).toHaveBeenCalledTimes(1);
    click(template, 'tray-quit');
    expect(a.quit).toHaveBeenCalledTimes(1);
    expect(a.open).toHaveBeenCalledTimes(1);
  });

  it('keeps a long summary to one line, in the menu and the tooltip', () => {
    const long = `12 relances\nà faire ${'très '.repeat(40)}`;
    const line = buildTrayTemplate('fr', actions(), { summary: long }).find((item) => item.id === 'tray-summary');
    expect(line?.label).toHaveLength(80);
    expect(line?.label).toMatch(/^12 relances à faire très.*…$/);
    expect(trayTooltip({ summary: '3 relances à faire' })).toBe('Relance — 3 relances à faire');
    expect(trayTooltip({ summary: null })).toBe('Relance');
  });

  it('finds its icon in the resources folder of the app', () => {
    expect(trayIconPath('/opt/relance').replaceAll('\\', '/')).toBe('/opt/relance/resources/icons/tray.png');
  });
});

describe('the tray controller', () => {
  function setup(openOnClick = true) {
    const fake = createFakeElectron({ appData: '/data' });
    const a = actions();
    const tray = createTrayController({
      Tray: fake.Tray as never,
      Menu: fake.Menu as never,
      nativeImage: fake.nativeImage as never,
      iconPath: '/opt/relance/resources/icons/tray.png',
      actions: a,
      language: 'fr',
      openOnClick,
    });
    const lastTemplate = () => fake.Menu.buildFromTemplate.mock.calls.at(-1)?.[0] as MenuItemConstructorOptions[];
    return { fake, a, tray, lastTemplate };
  }

  it('shows one icon with its menu, and removes it', () => {
    const { fake, tray, lastTemplate } = setup();
    expect(fake.Tray.instances).toHaveLength(0);
    tray.enable();
    tray.enable();
    expect(fake.Tray.instances).toHaveLength(1);
    expect(fake.nativeImage.createFromPath).toHaveBeenCalledWith('/opt/relance/resources/icons/tray.png');
    const icon = fake.Tray.instances[0]!;
    expect(icon.setToolTip).toHaveBeenCalledWith('Relance');
    expect(icon.setContextMenu).toHaveBeenCalledTimes(1);
    expect(labels(lastTemplate())).toContain('Ouvrir Relance');
    expect(tray.enabled).toBe(true);

    tray.disable();
    expect(icon.destroy).toHaveBeenCalledTimes(1);
    expect(tray.enabled).toBe(false);
    tray.enable();
    expect(fake.Tray.instances).toHaveLength(2);
  });

  it('follows the language and the summary, and remembers them while hidden', () => {
    const { fake, tray, lastTemplate } = setup();
    tray.setSummary('3 relances à faire');
    tray.setLanguage('en');
    expect(fake.Menu.buildFromTemplate).not.toHaveBeenCalled();
    tray.enable();
    expect(labels(lastTemplate())).toEqual(['Open Relance', 'Today', '(separator)', '3 relances à faire', '(separator)', 'Quit']);
    tray.setLanguage('fr');
    expect(labels(lastTemplate())[0]).toBe('Ouvrir Relance');
    tray.setSummary(null);
    expect(labels(lastTemplate())).toEqual(['Ouvrir Relance', "Aujourd'hui", '(separator)', 'Quitter']);
    expect(fake.Tray.instances[0]!.setToolTip).toHaveBeenLastCalledWith('Relance');
  });

  it('opens the window on a click of the icon, except where a click opens the menu (macOS)', () => {
    const windows = setup(true);
    windows.tray.enable();
    windows.fake.Tray.instances[0]!.emit('click');
    expect(windows.a.open).toHaveBeenCalledTimes(1);

    const mac = setup(false);
    mac.tray.enable();
    mac.fake.Tray.instances[0]!.emit('click');
    expect(mac.a.open).not.toHaveBeenCalled();
  });
});
