import { expect, test, type Locator } from '@playwright/test';
import { AppPage } from './pages/app-page';

/**
 * The README shows each main screen as these tests see it, with the demo data. Courriers is taken by
 * letters.spec.ts, once the day's letters are printed and one is posted.
 */
test('screenshots of each main screen for the README', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.loadDemo();
  await page.getByText(/Données de démonstration chargées/).waitFor({ state: 'hidden', timeout: 15_000 }).catch(() => undefined);

  const screens: [string, string, () => Locator][] = [
    ['Aujourd’hui', 'today', () => page.getByRole('table', { name: 'Clients à relancer' })],
    ['Clients', 'customers', () => page.getByRole('table', { name: 'Liste des clients' })],
    ['Factures', 'invoices', () => page.getByRole('table', { name: 'Liste des factures' })],
    ['Appels', 'calls', () => page.getByRole('table', { name: 'Journal des appels' })],
    ['Tableau de bord', 'dashboard', () => page.getByRole('heading', { name: 'Retards par ancienneté' })],
    ['Réglages', 'settings', () => page.getByRole('heading', { name: 'Votre commerce' })],
  ];
  for (const [link, file, landmark] of screens) {
    await app.goTo(link);
    await expect(landmark()).toBeVisible();
    // Let charts finish their entry animation.
    await page.waitForTimeout(600);
    // The dashboard is read by scrolling: show all of it.
    await page.screenshot({ path: `docs/screenshots/${file}.png`, fullPage: file === 'dashboard' });
  }
  await app.goTo('Clients');
  await page.getByRole('link', { name: 'Hôtel des Voyageurs' }).click();
  await expect(page.getByRole('heading', { name: 'Historique' })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/customer.png', fullPage: true });
  expect(app.consoleErrors).toEqual([]);
});
