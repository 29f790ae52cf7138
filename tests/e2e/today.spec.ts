import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';

/** The follow-up card of a customer in a section of Today ("Appels à passer", "E-mails à envoyer"…). */
function followUp(page: Page, section: RegExp, customer: string) {
  return page.getByRole('list', { name: section }).getByRole('listitem', { name: `Action pour ${customer}` });
}

test.describe('Today', () => {
  test('lists the day’s follow-ups; done, paid and disputed ones leave the list', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    await expect(page.getByRole('heading', { name: 'À faire aujourd’hui' })).toBeVisible();

    // The call due at D+8 for the invoice 12 days late, with its reason.
    const call = followUp(page, /Appels à passer/, 'Fleurs de Lys SARL');
    await expect(call).toContainText(/12 jours de retard, étape 3 sur 6 du scénario « Standard »/);
    // A formal notice waits to be printed for the invoice 35 days late.
    await expect(followUp(page, /Courriers à imprimer/, 'Boucherie Lambert')).toBeVisible();
    // An email is due for a customer who has no email address: the action says so.
    await expect(followUp(page, /E-mails à envoyer/, 'Jean-Pierre Dupont')).toContainText(
      'Aucune adresse e-mail : les relances par e-mail ne peuvent pas partir.',
    );
    // Disputed, promised, paused and written-off invoices are not chased.
    for (const quiet of ['Plomberie Girard SAS', 'Auto-École Bernard', 'Fromagerie Rousseau', 'Damien Leroy']) {
      await expect(page.getByRole('listitem', { name: `Action pour ${quiet}` })).toHaveCount(0);
    }

    // The call is made: it leaves Today and lands in the customer's history.
    await call.getByRole('button', { name: 'Fait' }).click();
    const done = page.getByRole('dialog', { name: 'Marquer comme fait' });
    await done.getByRole('textbox', { name: 'Note (facultatif)' }).fill('Règlement prévu vendredi, chèque envoyé');
    await done.getByRole('button', { name: 'Fait' }).click();
    await expect(page.getByText('Enregistré dans l’historique de Fleurs de Lys SARL.')).toBeVisible();
    await expect(call).toHaveCount(0);

    // A payment that settles the invoice removes its reminder.
    const hotel = followUp(page, /E-mails à envoyer/, 'Hôtel des Voyageurs');
    await expect(hotel).toBeVisible();
    await hotel.getByRole('link', { name: 'Hôtel des Voyageurs' }).click();
    await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    const payment = page.getByRole('dialog', { name: 'Paiement reçu de Hôtel des Voyageurs' });
    await payment.getByRole('textbox', { name: 'Montant reçu' }).fill('1 540,00');
    await payment.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await expect(page.getByText('Paiement de 1 540,00 € enregistré.')).toBeVisible();
    await app.goTo('Aujourd’hui');
    await expect(page.getByRole('heading', { name: 'À faire aujourd’hui' })).toBeVisible();
    await expect(page.getByRole('listitem', { name: 'Action pour Hôtel des Voyageurs' })).toHaveCount(0);

    // A dispute pauses the invoice: the formal notice is no longer due.
    const letter = followUp(page, /Courriers à imprimer/, 'Boucherie Lambert');
    const number = (await letter.innerText()).match(/F-\d{4}-\d{4}/)?.[0];
    expect(number).toBeTruthy();
    await letter.getByRole('link', { name: 'Boucherie Lambert' }).click();
    await page.getByRole('button', { name: `Actions pour ${number}` }).click();
    await page.getByRole('menuitem', { name: 'Marquer comme contestée…' }).click();
    const dispute = page.getByRole('dialog', { name: `Contestation de la facture ${number}` });
    await dispute.getByRole('textbox', { name: 'Raison' }).fill('Viande livrée hors délai');
    await dispute.getByRole('button', { name: 'Marquer comme contestée' }).click();
    await app.goTo('Aujourd’hui');
    await expect(page.getByRole('heading', { name: 'À faire aujourd’hui' })).toBeVisible();
    await expect(followUp(page, /Courriers à imprimer/, 'Boucherie Lambert')).toHaveCount(0);
    expect(app.consoleErrors).toEqual([]);
  });

  test('snoozing a customer moves their follow-ups to the chosen day', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    const card = followUp(page, /Courriers à imprimer/, 'Garage Lefèvre SARL');
    await card.getByRole('button', { name: 'Reporter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reporter les relances de Garage Lefèvre SARL' });
    await dialog.getByRole('textbox', { name: 'Raison (facultatif)' }).fill('Le gérant rappelle lundi');
    await dialog.getByRole('button', { name: 'Reporter' }).click();
    await expect(page.getByRole('listitem', { name: 'Action pour Garage Lefèvre SARL' })).toHaveCount(0);
    // The pause shows on the customer, with the day the follow-ups resume.
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Garage Lefèvre SARL' }).click();
    await expect(page.getByText(/Relances en pause jusqu’au/)).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('follow-up policies', () => {
  test('the shop’s default and a customer’s own policy decide what Today plans', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/settings');
    await app.loadDemo();

    // The default policy's steps, and choosing another one.
    await expect(page.getByRole('table', { name: 'Étapes du scénario « Standard »' })).toContainText('30 jours après l’échéance');
    await page.getByRole('combobox', { name: 'Scénario par défaut' }).click();
    await page.getByRole('option', { name: 'Strict' }).click();
    await expect(page.getByText('Scénario par défaut : Strict.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Étapes du scénario « Strict »' })).toContainText('15 jours après l’échéance');
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Scénario par défaut' })).toHaveValue('Strict');

    // A loyal customer gets the gentle policy: Today says so in the reason of its follow-up.
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Fleurs de Lys SARL' }).click();
    await page.getByRole('button', { name: 'Modifier la fiche' }).click();
    const form = page.getByRole('dialog', { name: 'Fiche de Fleurs de Lys SARL' });
    await form.getByRole('combobox', { name: 'Scénario de relance' }).click();
    await page.getByRole('option', { name: 'Client fidèle' }).click();
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form).toHaveCount(0);
    await app.goTo('Aujourd’hui');
    await expect(followUp(page, /Appels à passer/, 'Fleurs de Lys SARL')).toContainText('du scénario « Client fidèle »');
    expect(app.consoleErrors).toEqual([]);
  });
});
