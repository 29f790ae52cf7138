import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';

/**
 * axe-core on every main screen with the demo data, and on the dialogs a shopkeeper uses every day:
 * no serious or critical violation of WCAG 2.1 A/AA. Then the keyboard: every screen reachable
 * without a mouse, with a visible focus ring.
 */
async function seriousViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      where,
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")} :: ${(node.any[0]?.message ?? "").slice(0, 160)}`),
    }));
}

test('no serious or critical accessibility violation on the main screens and dialogs', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new AppPage(page);
  await app.open();
  await app.loadDemo();
  await page.getByText(/Données de démonstration chargées/).waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);

  const found: Awaited<ReturnType<typeof seriousViolations>> = [];
  const screens: [string, () => Promise<void>][] = [
    ['Aujourd’hui', () => expect(page.getByRole('heading', { name: 'À faire aujourd’hui' })).toBeVisible()],
    ['Clients', () => expect(app.table('Liste des clients')).toBeVisible()],
    ['Factures', () => expect(app.table('Liste des factures')).toBeVisible()],
    ['Appels', () => expect(app.heading('Appels')).toBeVisible()],
    ['Courriers', () => expect(app.heading('Courriers')).toBeVisible()],
    ['Tableau de bord', () => expect(page.getByRole('heading', { name: 'Retards par ancienneté' })).toBeVisible()],
    ['Réglages', () => expect(page.getByRole('heading', { name: 'Votre commerce' })).toBeVisible()],
  ];
  for (const [link, ready] of screens) {
    await app.goTo(link);
    await ready();
    found.push(...(await seriousViolations(page, link)));
  }

  // A customer's page, and the dialogs opened from the lists.
  await app.goTo('Clients');
  await app.table('Liste des clients').getByRole('link', { name: 'Hôtel des Voyageurs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hôtel des Voyageurs' })).toBeVisible();
  found.push(...(await seriousViolations(page, 'customer page')));

  await app.goTo('Factures');
  await page.getByRole('button', { name: 'Nouvelle facture' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  found.push(...(await seriousViolations(page, 'new invoice dialog')));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  await app.goTo('Clients');
  await page.getByRole('button', { name: 'Nouveau client' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  found.push(...(await seriousViolations(page, 'new customer dialog')));
  await page.keyboard.press('Escape');

  expect(found).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test('every screen is reachable with the keyboard, with a visible focus', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  // The first Tab lands on the skip link, which is shown when focused.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  // From the skip link, Tab reaches the menu; from there on, each screen is opened from the menu.
  await page.keyboard.press('Tab');
  for (const name of ['Réglages', 'Tableau de bord', 'Courriers', 'Appels', 'Factures', 'Clients', 'Aujourd’hui']) {
    const link = app.navigation.getByRole('link', { name });
    // Wherever the focus is after the last screen opened, Shift+Tab walks back to the menu (a bounded
    // number of steps: no keyboard trap).
    const focused = () => link.evaluate((el) => el === document.activeElement);
    for (let step = 0; step < 120 && !(await focused()); step += 1) await page.keyboard.press('Shift+Tab');
    await expect(link).toBeFocused();
    const ring = await link.evaluate((el) => {
      const style = getComputedStyle(el);
      return { outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0, shadow: style.boxShadow !== 'none' };
    });
    expect(ring.outline || ring.shadow, `${name} shows where the focus is`).toBe(true);
    await page.keyboard.press('Enter');
    await expect(app.heading(new RegExp(`^${name}`))).toBeVisible();
  }
});
