import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page';

test.describe('the demo data', () => {
  test('one click fills every list, and it survives a reload', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();

    await expect(page.getByRole('heading', { name: 'Clients à relancer' })).toBeVisible();
    const worklist = page.getByRole('table', { name: 'Clients à relancer' });
    await expect(worklist.getByRole('row').nth(1)).toBeVisible();
    const followUps = (await worklist.getByRole('row').count()) - 1;
    expect(followUps).toBeGreaterThanOrEqual(5);

    await app.goTo('Clients');
    await expect(app.table('Liste des clients')).toBeVisible();
    const customers = await app.rowCount('Liste des clients');
    expect(customers).toBeGreaterThanOrEqual(35);
    expect(customers).toBeLessThanOrEqual(45);

    await app.goTo('Factures');
    const invoices = await app.rowCount('Liste des factures');
    expect(invoices).toBeGreaterThanOrEqual(350);
    expect(invoices).toBeLessThanOrEqual(450);
    // Amounts are French-formatted ("1 234,50 €", with the no-break spaces Intl puts in).
    const amount = app.table('Liste des factures').getByRole('cell', { name: /^\d{1,3}( \d{3})*,\d{2} €$/ }).first();
    await expect(amount).toBeVisible();
    expect(await amount.textContent()).toMatch(/^\d{1,3}(\u202f\d{3})*,\d{2}\u00a0€$/);

    await app.goTo('Appels');
    expect(await app.rowCount('Journal des appels')).toBeGreaterThan(0);

    await app.goTo('Tableau de bord');
    await expect(page.getByRole('heading', { name: 'Retards par ancienneté' })).toBeVisible();

    await page.reload();
    await app.goTo('Factures');
    expect(await app.rowCount('Liste des factures')).toBe(invoices);
    await app.goTo('Clients');
    expect(await app.rowCount('Liste des clients')).toBe(customers);
    expect(app.consoleErrors).toEqual([]);
  });

  test('the invoice list filters by status and searches by number, customer and amount', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/invoices');
    await app.loadDemo();
    const total = await app.rowCount('Liste des factures');

    await page.getByRole('combobox', { name: 'Statut' }).click();
    await page.getByRole('option', { name: 'Contestée' }).click();
    const disputed = await app.rowCount('Liste des factures');
    expect(disputed).toBeGreaterThanOrEqual(1);
    expect(disputed).toBeLessThan(total);
    await expect(app.table('Liste des factures').getByText('Contestée').first()).toBeVisible();

    const number = await app.table('Liste des factures').getByRole('row').nth(1).getByRole('cell').first().innerText();
    await page.getByRole('combobox', { name: 'Statut' }).click();
    await page.getByRole('option', { name: 'Contestée' }).click(); // deselect
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill(number);
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(1);
  });

  test('the invoice list scrolls to its end and back, each drawn row showing its own invoice, focus not carried along', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/invoices');
    await app.loadDemo();
    const table = app.table('Liste des factures');
    const total = await app.rowCount('Liste des factures');
    const body = table.getByRole('rowgroup').nth(1);
    const drawnNumbers = async () => (await body.getByRole('row').evaluateAll((rows) => rows.map((row) => row.querySelector('[role="cell"]')?.textContent ?? '')));

    const firstRow = body.locator('[aria-rowindex="2"]');
    const firstNumber = await firstRow.getByRole('cell').first().innerText();
    // Rows are reused for other invoices as the list scrolls: a focused link must not go along.
    const link = firstRow.getByRole('link').first();
    await link.focus();
    await expect(link).toBeFocused();

    await body.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await expect(body.locator(`[aria-rowindex="${total + 1}"]`)).toBeVisible();
    await expect(firstRow).toHaveCount(0);
    expect(await page.evaluate(() => document.activeElement?.closest('[role="row"]') ?? null)).toBeNull();
    const atEnd = await drawnNumbers();
    expect(new Set(atEnd).size).toBe(atEnd.length);

    await body.evaluate((element) => {
      element.scrollTop = 0;
    });
    await expect(firstRow.getByRole('cell').first()).toHaveText(firstNumber);
    const atStart = await drawnNumbers();
    expect(new Set(atStart).size).toBe(atStart.length);
    expect(atStart.some((number) => atEnd.includes(number))).toBe(false);
    expect(app.consoleErrors).toEqual([]);
  });

  test('loading the demo twice is refused, nothing is duplicated', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/settings');
    await page.getByRole('button', { name: 'Charger les données de démonstration' }).click();
    await expect(page.getByText(/Données de démonstration chargées/)).toBeVisible();
    await page.getByRole('button', { name: 'Charger les données de démonstration' }).click();
    await expect(page.getByText(/Une erreur est survenue/)).toBeVisible();
    await app.goTo('Clients');
    const customers = await app.rowCount('Liste des clients');
    expect(customers).toBeLessThanOrEqual(45);
  });

  test('erasing all data asks first, then empties every list', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/settings');
    await app.loadDemo();
    await page.getByRole('button', { name: 'Effacer toutes les données' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Effacer définitivement');
    await dialog.getByRole('button', { name: 'Effacer toutes les données' }).click();
    await expect(page.getByText('Toutes les données ont été effacées.')).toBeVisible();
    await app.goTo('Clients');
    await expect(page.getByRole('heading', { name: 'Aucun client pour l’instant' })).toBeVisible();
  });
});

test.describe('the customer page', () => {
  test('opens from Today and shows contacts, invoices, payments and the history', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    await page.getByRole('table', { name: 'Clients à relancer' }).getByRole('link', { name: 'Hôtel des Voyageurs' }).click();
    await expect(app.heading('Hôtel des Voyageurs')).toBeVisible();
    await expect(page).toHaveURL(/#\/customers\/demo-customer-13$/);
    await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible();
    const invoices = page.getByRole('table', { name: 'Factures' });
    await expect(invoices.getByText(/Payée en partie/).first()).toBeVisible();
    await expect(page.getByRole('table', { name: 'Paiements' }).getByRole('row')).not.toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Historique' })).toBeVisible();
    // The page survives a reload (the address holds the customer).
    await page.reload();
    await expect(app.heading('Hôtel des Voyageurs')).toBeVisible();
    await page.getByRole('button', { name: /Retour aux clients/ }).click();
    await expect(app.heading('Clients')).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('the dashboard', () => {
  test('shows the customer who turned late, and grades reliable and late payers apart', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/dashboard');
    await app.loadDemo();
    const changed = page.getByRole('list', { name: 'Clients dont le comportement a changé' });
    await expect(changed.getByRole('link', { name: 'Garage Lefèvre SARL' })).toBeVisible();
    const top = page.getByRole('table', { name: 'Les 10 clients les plus en retard' });
    await expect(top.getByRole('row', { name: /Restaurant Le Petit Zinc/ }).getByLabel(/Note [DE]/)).toBeVisible();
    await expect(page.getByText(/Délai moyen d’encaissement \(DSO\)/)).toBeVisible();

    // The charts' figures, as tables for screen readers: 12 months each, French month names.
    const trend = page.getByRole('table', { name: 'Délai moyen d’encaissement à chaque fin de mois' });
    await expect(trend.getByRole('row')).toHaveCount(13);
    await expect(trend.getByRole('row', { name: /novembre 2026/ })).toContainText(/\d+ jours/);
    const monthly = page.getByRole('table', { name: 'Montants facturés et encaissés par mois' });
    await expect(monthly.getByRole('row')).toHaveCount(13);
    await expect(monthly.getByRole('row', { name: /octobre 2026/ })).toContainText(/\d,\d{2}\u00a0€.*\d,\d{2}\u00a0€/);

    // What works: the demo's reminders, by step, then by tone.
    const whatWorks = page.getByRole('table', { name: 'Efficacité des relances' });
    await expect(whatWorks.getByRole('row').nth(1)).toContainText(/étape \d/);
    // With the keyboard, as the grouping switch is a radio group: from "Étape", the next is "Ton".
    await page.getByRole('radio', { name: 'Étape' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: 'Ton' })).toBeChecked();
    await expect(whatWorks.getByRole('row', { name: /Amical/ })).toContainText(/\d+\s%/);

    // A bucket of the aging chart opens the invoices late by that many days.
    await page.getByRole('navigation', { name: 'Factures par ancienneté' }).getByRole('link', { name: '31 à 60 jours' }).click();
    await expect(page).toHaveURL(/#\/invoices\?overdue=31-60$/);
    await expect(page.getByRole('combobox', { name: 'Retard' })).toHaveValue('31 à 60 jours');
    const rows = app.table('Liste des factures').getByRole('row');
    await expect(rows.nth(1)).toContainText(/(3[1-9]|[45]\d|60) jours de retard/);
    expect(app.consoleErrors).toEqual([]);
  });

  test('the customer page shows each customer\'s payment discipline', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/customers');
    await app.loadDemo();
    const gradeOf = async (name: string) => {
      await app.goTo('Clients');
      await app.table('Liste des clients').getByRole('link', { name }).click();
      const card = page.getByRole('region', { name: 'Discipline de paiement' });
      await expect(card).toBeVisible();
      return card;
    };
    const reliable = await gradeOf('Boulangerie Martin');
    await expect(reliable.getByLabel('Note A')).toBeVisible();
    await expect(reliable.getByText('Ce client paie plus tard qu’avant')).toHaveCount(0);
    await expect(reliable.getByRole('table', { name: 'Retard moyen de Boulangerie Martin, mois par mois' }).getByRole('row')).toHaveCount(13);

    const late = await gradeOf('Restaurant Le Petit Zinc');
    await expect(late.getByLabel(/Note [DE]/)).toBeVisible();

    const turned = await gradeOf('Garage Lefèvre SARL');
    await expect(turned.getByText('Ce client paie plus tard qu’avant')).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });
});
