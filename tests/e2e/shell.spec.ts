import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page';

test.describe('the app shell', () => {
  test('opens in French, without console errors, with every screen reachable', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(app.heading('Aujourd’hui')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Bienvenue dans Relance' })).toBeVisible();

    const screens: [string, string][] = [
      ['Clients', 'Aucun client pour l’instant'],
      ['Factures', 'Aucune facture pour l’instant'],
      ['Appels', 'Aucun appel noté pour l’instant'],
      ['Courriers', 'Aucun courrier pour l’instant'],
      ['Tableau de bord', 'Pas encore de chiffres'],
    ];
    for (const [link, emptyTitle] of screens) {
      await app.goTo(link);
      await expect(app.heading(link)).toBeVisible();
      // An empty screen says what it is for and offers the first step.
      await expect(page.getByRole('heading', { name: emptyTitle })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Charger les données de démonstration' })).toBeVisible();
    }
    await app.goTo('Réglages');
    await expect(app.heading('Réglages')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Nom du commerce' })).toBeVisible();
    await expect(page.getByText(/Version \d+\.\d+\.\d+/)).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });

  test('switching to English translates the shell, and the choice is kept', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/settings');
    // The app's language (the template editor has a language switch of its own further down).
    await page.getByRole('radiogroup', { name: /^(Langue|Language)$/ }).getByText('English', { exact: true }).click();
    await expect(app.heading('Settings')).toBeVisible();
    for (const link of ['Today', 'Customers', 'Invoices', 'Calls', 'Letters', 'Dashboard', 'Settings']) {
      await expect(app.navigation.getByRole('link', { name: link })).toBeVisible();
    }
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(app.navigation.getByRole('link', { name: 'Customers' })).toBeVisible();
    await page.getByRole('radiogroup', { name: 'Language', exact: true }).getByText('Français', { exact: true }).click();
    await expect(app.heading('Réglages')).toBeVisible();
  });

  test('the shop identity is checked and saved', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/settings');
    await page.getByRole('textbox', { name: 'Nom du commerce' }).fill('Quincaillerie Martin');
    await page.getByRole('textbox', { name: 'Code postal' }).fill('6900');
    await page.getByRole('textbox', { name: 'IBAN' }).fill('FR76 3000 6000 0112 3456 7890 188');
    await page.getByRole('textbox', { name: 'SIRET' }).fill('73282932000075');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByText('Un code postal français compte 5 chiffres')).toBeVisible();
    await expect(page.getByText('Cet IBAN n’est pas valide (vérifiez les chiffres et la clé)')).toBeVisible();
    await expect(page.getByText('Le SIRET doit compter 14 chiffres et sa clé de contrôle doit être juste')).toBeVisible();

    await page.getByRole('textbox', { name: 'Code postal' }).fill('69002');
    await page.getByRole('textbox', { name: 'IBAN' }).fill('FR76 3000 6000 0112 3456 7890 189');
    await page.getByRole('textbox', { name: 'SIRET' }).fill('732 829 320 00074');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByText('Enregistré', { exact: true })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Nom du commerce' })).toHaveValue('Quincaillerie Martin');
    await expect(page.getByRole('textbox', { name: 'IBAN' })).toHaveValue('FR7630006000011234567890189');
    await expect(page.getByRole('textbox', { name: 'SIRET' })).toHaveValue('73282932000074');
  });

  test('text typed by the user is shown as text, never run', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/settings');
    const payload = '<img src=x onerror="window.__pwned=1">Boulangerie';
    await page.getByRole('textbox', { name: 'Nom du commerce' }).fill(payload);
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByText('Enregistré', { exact: true })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Nom du commerce' })).toHaveValue(payload);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

test.describe('the web host', () => {
  test('refuses an API call without the token, and one from a foreign origin', async ({ request, baseURL }) => {
    const url = `${baseURL}api/call/app.info`;
    const noToken = await request.post(url, { data: {}, headers: { 'Content-Type': 'application/json' } });
    expect(noToken.status()).toBe(401);
    const foreign = await request.post(url, {
      data: {},
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${AppPage.token()}`, Origin: 'https://evil.example' },
    });
    expect(foreign.status()).toBe(403);
    const good = await request.post(url, {
      data: {},
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${AppPage.token()}` },
    });
    expect(good.status()).toBe(200);
  });

  test('a page opened without the token says what to do', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('alert')).toContainText('npm run web');
  });
});
