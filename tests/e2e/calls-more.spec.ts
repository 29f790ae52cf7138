import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';

/** Monday 23 November 2026, 09:30 in Paris: the demo data is dated from this day. */
const MONDAY = new Date('2026-11-23T08:30:00Z');

function followUp(page: Page, section: RegExp, customer: string) {
  return page.getByRole('list', { name: section }).getByRole('listitem', { name: `Action pour ${customer}` });
}

/** Moves the app's clock to another day and lets the screens notice (they check the day every minute). */
async function moveClockTo(page: Page, instant: string) {
  await page.clock.setSystemTime(new Date(instant));
  await page.clock.runFor(61_000);
}

test.describe('calls back, instalment reminders and the Invoices list', () => {
  test('"call back tomorrow at 14:30", logged with the keyboard, is in Today tomorrow, by time, until the call is made', async ({ page }) => {
    await page.clock.install({ time: MONDAY });
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();

    // Today's call to Fleurs de Lys SARL: the customer asks to be called back tomorrow at 14:30.
    const card = followUp(page, /Appels à passer/, 'Fleurs de Lys SARL');
    await card.getByRole('button', { name: 'Appeler Fleurs de Lys SARL' }).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Appel : Fleurs de Lys SARL' });
    await expect(panel).toBeVisible();
    await page.keyboard.press('8'); // call back: the date takes the focus
    await expect(panel.getByRole('radio', { name: /À rappeler/ })).toBeChecked();
    await expect(panel.getByRole('textbox', { name: 'Rappeler le' })).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('24/11/2026');
    await page.keyboard.press('Tab');
    await expect(panel.getByRole('textbox', { name: 'À (heure)' })).toBeFocused();
    await page.keyboard.type('14:30');
    await page.keyboard.press('Tab'); // reason for the delay
    await page.keyboard.press('Tab');
    await page.keyboard.type('En réunion, rappeler après le déjeuner');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByText('Appel à Fleurs de Lys SARL enregistré.')).toBeVisible();
    await expect(card).toHaveCount(0);

    // Another customer asks to be called back tomorrow morning (from their page, with the mouse).
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Café de la Gare' }).click();
    await page.getByRole('button', { name: 'Appeler', exact: true }).click();
    const cafe = page.getByRole('dialog', { name: 'Appel : Café de la Gare' });
    await cafe.getByRole('radio', { name: /À rappeler/ }).check();
    await cafe.getByRole('textbox', { name: 'Rappeler le' }).fill('24/11/2026');
    await cafe.getByRole('textbox', { name: 'À (heure)' }).fill('10:00');
    await cafe.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await expect(cafe).toHaveCount(0);

    // Not today.
    await app.goTo('Aujourd’hui');
    await expect(page.getByRole('listitem').filter({ hasText: /Rappeler .* à 14:30/ })).toHaveCount(0);

    // Tomorrow: both calls back in the calls section, by the time asked, with the call button.
    await moveClockTo(page, '2026-11-24T08:30:00Z');
    const calls = page.getByRole('list', { name: /Appels à passer/ });
    const callBack = calls.getByRole('listitem', { name: 'Action pour Fleurs de Lys SARL' }).filter({ hasText: 'Rappeler Mme Rossi à 14:30 — demandé le 23/11/2026' });
    await expect(callBack).toBeVisible();
    await expect(callBack).toContainText('En réunion, rappeler après le déjeuner');
    const texts = await calls.getByRole('listitem').allTextContents();
    const at10 = texts.findIndex((text) => text.includes('Rappeler Mme Lemoine à 10:00'));
    const at1430 = texts.findIndex((text) => text.includes('Rappeler Mme Rossi à 14:30'));
    expect(at10).toBeGreaterThanOrEqual(0);
    expect(at1430).toBeGreaterThan(at10);

    // The call is made: the call back leaves Today.
    await callBack.getByRole('button', { name: 'Appeler Fleurs de Lys SARL' }).click();
    await expect(panel).toBeVisible();
    await page.keyboard.press('1'); // no answer
    await page.keyboard.press('Control+Enter');
    await expect(panel).toHaveCount(0);
    await expect(callBack).toHaveCount(0);
    await expect(calls.getByRole('listitem').filter({ hasText: 'Rappeler Mme Lemoine à 10:00' })).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });

  test('the Invoices list: call about an invoice, record a payment, open the customer from its row', async ({ page }) => {
    await page.clock.install({ time: MONDAY });
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    await app.goTo('Factures');
    await page.getByRole('checkbox', { name: 'Seulement les factures non réglées' }).check();
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('Fleurs de Lys');
    const table = app.table('Liste des factures');
    const row = table.getByRole('row').filter({ hasText: 'Fleurs de Lys SARL' }).first();
    const number = (await row.getByRole('cell').first().textContent())!.trim();

    // The phone button: the call panel about that invoice.
    await row.getByRole('button', { name: `Appeler au sujet de ${number}` }).click();
    const panel = page.getByRole('dialog', { name: 'Appel : Fleurs de Lys SARL' });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('checkbox', { name: new RegExp(number) })).toBeChecked();
    await panel.getByRole('button', { name: 'Abandonner cet appel' }).click();
    await expect(panel).toHaveCount(0);

    // The menu: call, record a payment, open the customer (with the invoice's own actions).
    // The menu with the keyboard: Enter opens it, Escape closes it and gives the focus back.
    await row.getByRole('button', { name: `Actions pour ${number}` }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Enregistrer un paiement…' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menuitem', { name: 'Enregistrer un paiement…' })).toHaveCount(0);
    await expect(row.getByRole('button', { name: `Actions pour ${number}` })).toBeFocused();

    // Dispute and end the dispute from the row.
    await row.getByRole('button', { name: `Actions pour ${number}` }).click();
    await page.getByRole('menuitem', { name: 'Marquer comme contestée…' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Raison' }).fill('Bouquet livré fané');
    await page.getByRole('dialog').getByRole('button', { name: 'Marquer comme contestée' }).click();
    await expect(page.getByText(`La facture ${number} est marquée comme contestée.`)).toBeVisible();
    await expect(row).toContainText('Contestée');
    await row.getByRole('button', { name: `Actions pour ${number}` }).click();
    await page.getByRole('menuitem', { name: 'Mettre fin à la contestation…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mettre fin à la contestation' }).click();
    await expect(page.getByText(`La contestation de la facture ${number} est terminée.`)).toBeVisible();

    await row.getByRole('button', { name: `Actions pour ${number}` }).click();
    await page.getByRole('menuitem', { name: 'Appeler le client…' }).click();
    await expect(panel).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);

    await row.getByRole('button', { name: `Actions pour ${number}` }).click();
    await page.getByRole('menuitem', { name: 'Enregistrer un paiement…' }).click();
    const payment = page.getByRole('dialog', { name: 'Paiement reçu de Fleurs de Lys SARL' });
    await expect(payment.getByRole('table', { name: 'Répartition du paiement' })).toContainText(number);
    await payment.getByRole('button', { name: 'Annuler' }).click();
    await expect(payment).toHaveCount(0);

    await row.getByRole('button', { name: `Actions pour ${number}` }).click();
    await page.getByRole('menuitem', { name: 'Ouvrir la fiche du client' }).click();
    await expect(app.heading('Fleurs de Lys SARL')).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });

  test('a payment plan: a reminder 3 days before the instalment, once, and another the day after it is missed', async ({ page }) => {
    await page.clock.install({ time: MONDAY });
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Restaurant Le Petit Zinc' }).click();
    await page.getByRole('button', { name: 'Proposer un échéancier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Échéancier pour Restaurant Le Petit Zinc' });
    const boxes = dialog.getByRole('group', { name: 'Factures à étaler' }).getByRole('checkbox');
    for (const box of await boxes.all()) await box.uncheck();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await dialog.getByRole('textbox', { name: 'Acompte (€)' }).fill('0');
    await dialog.getByRole('textbox', { name: 'Nombre d’échéances' }).fill('2');
    await dialog.getByRole('textbox', { name: 'Première échéance' }).fill('30/11/2026');
    await dialog.getByRole('checkbox', { name: 'J’accepte d’accorder un échéancier à ce client' }).check();
    await dialog.getByRole('button', { name: 'Créer l’échéancier' }).click();
    await expect(page.getByText('Échéancier créé : 2 échéances.')).toBeVisible();

    // A week before the instalment: nothing yet.
    await app.goTo('Aujourd’hui');
    const reminder = page.getByRole('listitem', { name: 'Action pour Restaurant Le Petit Zinc' }).filter({ hasText: 'Rappel d’échéance' });
    await expect(page.getByRole('heading', { name: /Appels à passer/ })).toBeVisible();
    await expect(reminder).toHaveCount(0);

    // Friday 27, 3 days before: the reminder, by phone (the customer's preferred channel).
    await moveClockTo(page, '2026-11-27T08:30:00Z');
    const call = followUp(page, /Appels à passer/, 'Restaurant Le Petit Zinc').filter({ hasText: 'Rappel d’échéance : échéance 1 sur 2 de l’échéancier le 30/11/2026' });
    await expect(call).toBeVisible();
    await call.getByRole('button', { name: 'Appeler Restaurant Le Petit Zinc' }).click();
    const panel = page.getByRole('dialog', { name: 'Appel : Restaurant Le Petit Zinc' });
    await page.keyboard.press('2'); // voicemail left
    await page.keyboard.press('Control+Enter');
    await expect(panel).toHaveCount(0);
    await expect(call).toHaveCount(0);

    // Once only: the next day it does not come back.
    await moveClockTo(page, '2026-11-28T08:30:00Z');
    await expect(page.getByRole('heading', { name: /Appels à passer|Échéances de paiement attendues|E-mails à envoyer/ }).first()).toBeVisible();
    await expect(reminder).toHaveCount(0);

    // Tuesday 1 December: the instalment did not come in; a friendly reminder before the plan breaks.
    await moveClockTo(page, '2026-12-01T08:30:00Z');
    await expect(followUp(page, /Appels à passer/, 'Restaurant Le Petit Zinc').filter({ hasText: 'Échéance 1 sur 2 du 30/11/2026 non reçue' })).toBeVisible();
    await expect(followUp(page, /Échéances de paiement attendues/, 'Restaurant Le Petit Zinc')).toBeVisible();
    await expect(followUp(page, /Engagements non tenus/, 'Restaurant Le Petit Zinc')).toHaveCount(0);
    expect(app.consoleErrors).toEqual([]);
  });

  test('a payment for a promised invoice while an older one is open goes to the promised one first and keeps the promise', async ({ page }) => {
    await page.clock.install({ time: MONDAY });
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Fleurs de Lys SARL' }).click();

    // The customer promises to pay the newest open invoice only.
    await page.getByRole('button', { name: 'Appeler', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Appel : Fleurs de Lys SARL' });
    const invoices = panel.getByRole('group', { name: /Factures concernées/ }).getByRole('checkbox');
    const count = await invoices.count();
    expect(count).toBeGreaterThanOrEqual(2);
    for (const box of await invoices.all()) await box.uncheck();
    const promised = invoices.nth(count - 1);
    await promised.check();
    const label = (await promised.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? ''))!;
    const number = label.match(/F-\d{4}-\d{4}/)![0];
    await panel.getByRole('radio', { name: /Promesse de paiement/ }).check();
    const amount = await panel.getByRole('textbox', { name: 'Montant promis (€)' }).inputValue();
    await panel.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await expect(panel).toHaveCount(0);

    // The payment of exactly that amount: the dialog proposes the promised invoice first.
    await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    const payment = page.getByRole('dialog', { name: 'Paiement reçu de Fleurs de Lys SARL' });
    await payment.getByRole('textbox', { name: 'Montant reçu' }).fill(amount);
    await expect(payment.getByText(new RegExp(`Le client a promis .* \\(${number}\\)`))).toBeVisible();
    const first = payment.getByRole('checkbox', { name: 'Affecter ce paiement d’abord aux factures promises' });
    await expect(first).toBeChecked();
    await expect(payment.getByText('Ainsi, ce paiement tient la promesse.')).toBeVisible();
    const promisedRow = payment.getByRole('table', { name: 'Répartition du paiement' }).getByRole('row').filter({ hasText: number });
    await expect(promisedRow).toContainText(`${amount}`);
    // Oldest first instead: the dialog says the promise would not be kept.
    await first.uncheck();
    await expect(payment.getByText('Affecté aux factures les plus anciennes, ce paiement ne tiendrait pas la promesse.')).toBeVisible();
    await first.check();
    await payment.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await expect(payment).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Historique' }).getByRole('listitem').filter({ hasText: 'Promesse tenue' })).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });
});
