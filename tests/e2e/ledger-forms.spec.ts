import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';

/** Today in the shop's time zone, `YYYY-MM-DD` (the app and the browser both run in Europe/Paris). */
function todayInParis(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "31/12/2026", as the date inputs show it. */
function shortFrench(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** Picks a date in an open Mantine date picker: back month by month, then the day by its label ("3 mars 2026"). */
async function pickDate(page: Page, input: Locator, date: string) {
  await input.click();
  const [ty, tm] = todayInParis().split('-').map(Number) as [number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  for (let i = 0; i < ty * 12 + tm - (y * 12 + m); i += 1) await page.getByRole('button', { name: 'Mois précédent' }).click();
  const label = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  await page.getByRole('button', { name: label, exact: true }).click();
}

async function chooseOption(page: Page, combobox: Locator, search: string, option: string) {
  await combobox.click();
  await combobox.fill(search);
  await page.getByRole('option', { name: option }).click();
}

async function invoiceAction(page: Page, number: string, item: string) {
  await page.getByRole('button', { name: `Actions pour ${number}` }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

test.describe('the ledger forms', () => {
  test('creates a customer and its invoices, fixes the record, disputes, writes off and filters', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/customers');
    const today = todayInParis();

    // A business customer: an invalid SIRET and an unreadable mobile are refused, next to their fields.
    await page.getByRole('button', { name: 'Nouveau client' }).click();
    const form = page.getByRole('dialog', { name: 'Nouveau client' });
    await form.getByRole('textbox', { name: 'Nom', exact: false }).first().fill('Boulangerie Martin SARL');
    await expect(form.getByRole('radio', { name: 'Professionnel' })).toBeChecked();
    await form.getByRole('textbox', { name: 'SIRET' }).fill('732 829 320 00075');
    const contact = form.getByRole('group', { name: 'Contact 1' });
    await contact.getByRole('textbox', { name: 'Nom du contact' }).fill('Claire Martin');
    await contact.getByRole('combobox', { name: 'Civilité' }).selectOption('madame');
    await contact.getByRole('textbox', { name: 'Fonction' }).fill('Gérante');
    await contact.getByRole('textbox', { name: 'E-mail' }).fill('claire@boulangerie-martin.fr');
    await contact.getByRole('textbox', { name: 'Téléphone' }).fill('01 42 68 53 00');
    await contact.getByRole('textbox', { name: 'Mobile' }).fill('06 12 34');
    const tags = form.getByRole('combobox', { name: 'Étiquettes' });
    await tags.fill('VIP');
    await tags.press('Enter');
    await form.getByRole('button', { name: 'Créer le client' }).click();
    await expect(form.getByText(/Ce SIRET n’est pas valide/)).toBeVisible();
    await expect(contact.getByText(/Ce numéro n’est pas valide/)).toBeVisible();

    await form.getByRole('textbox', { name: 'SIRET' }).fill('73282932000074');
    await contact.getByRole('textbox', { name: 'Mobile' }).fill('06 12 34 56 78');
    await form.getByRole('button', { name: 'Créer le client' }).click();
    await expect(page.getByText('Client « Boulangerie Martin SARL » créé.')).toBeVisible();
    await expect(app.heading('Boulangerie Martin SARL')).toBeVisible();
    // Phones are stored in E.164 and shown the French way.
    await expect(page.getByRole('link', { name: '06 12 34 56 78' })).toHaveAttribute('href', 'tel:+33612345678');

    // The record lacks an address: the warning says so and opens the form on it.
    const warnings = page.getByRole('alert', { name: 'Fiche client à compléter' });
    await expect(warnings).toContainText('Aucune adresse postale');
    await warnings.getByRole('button', { name: /^Corriger : Aucune adresse postale/ }).click();
    const edit = page.getByRole('dialog', { name: 'Fiche de Boulangerie Martin SARL' });
    await edit.getByRole('textbox', { name: 'Adresse', exact: true }).fill('12 rue de la Paix');
    await edit.getByRole('textbox', { name: 'Code postal' }).fill('75002');
    await edit.getByRole('textbox', { name: 'Ville' }).fill('Paris');
    await edit.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Fiche de « Boulangerie Martin SARL » enregistrée.')).toBeVisible();
    await expect(warnings).toHaveCount(0);

    // Two invoices from the customer page: the customer is preselected, due in 30 days by default.
    await page.getByRole('button', { name: 'Nouvelle facture' }).click();
    let invoiceForm = page.getByRole('dialog', { name: 'Nouvelle facture' });
    await expect(invoiceForm.getByRole('combobox', { name: 'Client' })).toHaveValue('Boulangerie Martin SARL');
    await expect(invoiceForm.getByText(shortFrench(addDays(today, 30)))).toBeVisible();
    await invoiceForm.getByRole('textbox', { name: 'N° de facture' }).fill('F-2026-001');
    await invoiceForm.getByRole('textbox', { name: 'Montant TTC' }).fill('1 234,50');
    await invoiceForm.getByRole('button', { name: 'Créer la facture' }).click();
    await expect(page.getByText('Facture F-2026-001 créée.')).toBeVisible();

    await page.getByRole('button', { name: 'Nouvelle facture' }).click();
    invoiceForm = page.getByRole('dialog', { name: 'Nouvelle facture' });
    await invoiceForm.getByRole('textbox', { name: 'N° de facture' }).fill('F-2026-001');
    await invoiceForm.getByRole('textbox', { name: 'Montant TTC' }).fill('480,00');
    await invoiceForm.getByRole('button', { name: 'Créer la facture' }).click();
    await expect(invoiceForm.getByText(/Le numéro F-2026-001 est déjà pris par la facture du .* de « Boulangerie Martin SARL »/)).toBeVisible();
    await invoiceForm.getByRole('textbox', { name: 'N° de facture' }).fill('F-2026-002');
    await invoiceForm.getByRole('button', { name: 'Créer la facture' }).click();
    await expect(page.getByText('Facture F-2026-002 créée.')).toBeVisible();

    const customerInvoices = page.getByRole('table', { name: 'Factures' });
    await expect(customerInvoices.getByRole('row', { name: /F-2026-001/ })).toContainText('À échoir');
    await expect(customerInvoices.getByRole('row', { name: /F-2026-002/ })).toContainText('480,00');

    await app.goTo('Factures');
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(2);
    const invoices = app.table('Liste des factures');
    await expect(invoices.getByRole('row', { name: /F-2026-001/ })).toContainText('À échoir');
    await expect(invoices.getByRole('row', { name: /F-2026-002/ })).toContainText('À échoir');

    // A dispute pauses the invoice and lands in the history; ending it brings it back.
    await invoices.getByRole('link', { name: 'Boulangerie Martin SARL' }).first().click();
    await expect(app.heading('Boulangerie Martin SARL')).toBeVisible();
    await invoiceAction(page, 'F-2026-001', 'Marquer comme contestée…');
    const dispute = page.getByRole('dialog', { name: 'Contestation de la facture F-2026-001' });
    await dispute.getByRole('textbox', { name: 'Raison' }).fill('Quantité livrée inférieure à la commande');
    await dispute.getByRole('button', { name: 'Marquer comme contestée' }).click();
    await expect(page.getByText('La facture F-2026-001 est marquée comme contestée.')).toBeVisible();
    await expect(customerInvoices.getByRole('row', { name: /F-2026-001/ })).toContainText('Contestée');
    const history = page.getByRole('region', { name: 'Historique' });
    await expect(history).toContainText('Facture F-2026-001 contestée : Quantité livrée inférieure à la commande');

    await invoiceAction(page, 'F-2026-001', 'Mettre fin à la contestation…');
    await page
      .getByRole('dialog', { name: 'Fin de la contestation de la facture F-2026-001' })
      .getByRole('button', { name: 'Mettre fin à la contestation' })
      .click();
    await expect(page.getByText('La contestation de la facture F-2026-001 est terminée.')).toBeVisible();
    await expect(customerInvoices.getByRole('row', { name: /F-2026-001/ })).toContainText('À échoir');
    await expect(history).toContainText('Fin de la contestation de la facture F-2026-001');

    // The other one is written off.
    await invoiceAction(page, 'F-2026-002', 'Passer en perte…');
    const writeOff = page.getByRole('dialog', { name: 'Passer la facture F-2026-002 en perte' });
    await expect(writeOff).toContainText('480,00');
    await writeOff.getByRole('textbox', { name: 'Raison' }).fill('Montant trop faible pour une procédure');
    await writeOff.getByRole('button', { name: 'Passer en perte' }).click();
    await expect(page.getByText('La facture F-2026-002 est passée en perte.')).toBeVisible();
    await expect(customerInvoices.getByRole('row', { name: /F-2026-002/ })).toContainText('Passée en perte');
    await expect(history).toContainText('Facture F-2026-002 passée en perte');

    // A second customer, with nothing but a name: the list flags the record.
    await app.goTo('Clients');
    await page.getByRole('button', { name: 'Nouveau client' }).click();
    const second = page.getByRole('dialog', { name: 'Nouveau client' });
    await second.getByRole('textbox', { name: 'Nom', exact: false }).first().fill('Jean Dupont');
    // The segmented control draws its radios under their labels: the label is what one clicks.
    await second.getByText('Particulier', { exact: true }).click();
    await expect(second.getByRole('radio', { name: 'Particulier' })).toBeChecked();
    await second.getByRole('button', { name: 'Créer le client' }).click();
    await expect(app.heading('Jean Dupont')).toBeVisible();
    await app.goTo('Clients');
    await expect.poll(() => app.rowCount('Liste des clients')).toBe(2);
    const customers = app.table('Liste des clients');
    await expect(customers.getByRole('row', { name: /Jean Dupont/ }).getByRole('img', { name: 'Fiche incomplète : 3 points à vérifier' })).toBeVisible();
    await expect(customers.getByRole('row', { name: /Boulangerie Martin/ }).getByRole('img')).toHaveCount(0);

    // The tag filter keeps the customers carrying the tag.
    await page.getByRole('combobox', { name: 'Étiquettes' }).click();
    await page.getByRole('option', { name: 'VIP' }).click();
    await expect.poll(() => app.rowCount('Liste des clients')).toBe(1);
    await expect(customers.getByRole('row').nth(1)).toContainText('Boulangerie Martin SARL');
    await page.getByRole('button', { name: 'Effacer le filtre « Étiquettes »' }).click();
    await expect.poll(() => app.rowCount('Liste des clients')).toBe(2);

    // An overdue invoice (issued 75 days ago, so due 45 days ago) and one for the second customer,
    // from the Factures screen, choosing the customer by typing.
    await app.goTo('Factures');
    await page.getByRole('button', { name: 'Nouvelle facture' }).click();
    invoiceForm = page.getByRole('dialog', { name: 'Nouvelle facture' });
    await invoiceForm.getByRole('textbox', { name: 'N° de facture' }).fill('F-2026-000');
    await chooseOption(page, invoiceForm.getByRole('combobox', { name: 'Client' }), 'boulang', 'Boulangerie Martin SARL');
    await pickDate(page, invoiceForm.getByRole('button', { name: 'Date de facture' }), addDays(today, -75));
    await expect(invoiceForm.getByText(shortFrench(addDays(today, -45)))).toBeVisible();
    await invoiceForm.getByRole('textbox', { name: 'Montant TTC' }).fill('90');
    await invoiceForm.getByRole('button', { name: 'Créer la facture' }).click();
    await expect(page.getByText('Facture F-2026-000 créée.')).toBeVisible();

    await page.getByRole('button', { name: 'Nouvelle facture' }).click();
    invoiceForm = page.getByRole('dialog', { name: 'Nouvelle facture' });
    await invoiceForm.getByRole('textbox', { name: 'N° de facture' }).fill('F-2026-003');
    await chooseOption(page, invoiceForm.getByRole('combobox', { name: 'Client' }), 'dupont', 'Jean Dupont');
    await invoiceForm.getByRole('textbox', { name: 'Montant TTC' }).fill('75,20');
    await invoiceForm.getByRole('button', { name: 'Créer la facture' }).click();
    await expect(page.getByText('Facture F-2026-003 créée.')).toBeVisible();
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(4);

    // Search, then the overdue range, the customer, and the status filters together.
    const search = page.getByRole('searchbox', { name: 'Rechercher' });
    await search.fill('F-2026-003');
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(1);
    await expect(invoices.getByRole('row').nth(1)).toContainText('Jean Dupont');
    await search.fill('75,20');
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(1);
    await search.fill('');
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(4);

    await page.getByRole('combobox', { name: 'Retard' }).click();
    await page.getByRole('option', { name: '31 à 60 jours' }).click();
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(1);
    await expect(invoices.getByRole('row').nth(1)).toContainText('F-2026-000');
    await expect(invoices.getByRole('row').nth(1)).toContainText('45 jours de retard');
    await page.getByRole('combobox', { name: 'Retard' }).click();
    await page.getByRole('option', { name: '1 à 30 jours' }).click();
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(0);
    await page.getByRole('button', { name: 'Effacer le filtre « Retard »' }).click();
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(4);

    await chooseOption(page, page.getByRole('combobox', { name: 'Client' }), 'martin', 'Boulangerie Martin SARL');
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(3);
    await page.getByRole('combobox', { name: 'Statut' }).click();
    await page.getByRole('option', { name: 'À échoir' }).click();
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(1);
    await expect(invoices.getByRole('row').nth(1)).toContainText('F-2026-001');
    await page.getByRole('button', { name: 'Effacer le filtre « Client »' }).click();
    await expect.poll(() => app.rowCount('Liste des factures')).toBe(2);

    expect(app.consoleErrors).toEqual([]);
  });
});
