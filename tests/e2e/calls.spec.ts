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

test.describe('calls, promises and payment plans', () => {
  test('a call with a promise logged with the keyboard alone, found in the timeline and the log, kept by a payment', async ({ page }) => {
    await page.clock.install({ time: MONDAY });
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();

    // Today: the call due for Fleurs de Lys SARL. From here on, only the keyboard.
    const card = followUp(page, /Appels à passer/, 'Fleurs de Lys SARL');
    await card.getByRole('button', { name: 'Appeler Fleurs de Lys SARL' }).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Appel : Fleurs de Lys SARL' });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('link', { name: /Appeler Camille Rossi au/ }).first()).toHaveAttribute('href', /^tel:\+33/);
    await expect(panel.getByRole('region', { name: 'Script d’appel (Français)' })).toContainText('Le montant dû est de');
    await expect(panel.getByRole('timer')).toContainText(/Durée \d+:\d\d/);

    await page.keyboard.press('3'); // promise to pay: the date field takes the focus
    await expect(panel.getByRole('radio', { name: /Promesse de paiement/ })).toBeChecked();
    const promiseDate = panel.getByRole('textbox', { name: 'Date promise' });
    await expect(promiseDate).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('04/12/2026');
    await page.keyboard.press('Tab'); // the amount: the whole amount due, proposed
    const amount = await panel.getByRole('textbox', { name: 'Montant promis (€)' }).inputValue();
    expect(amount).toMatch(/^\d+,\d\d$/);
    await page.keyboard.press('Tab'); // reason for the delay
    await page.keyboard.type('Tr'); // « Trésorerie difficile »
    await expect(panel.getByRole('combobox', { name: 'Raison du retard' })).toHaveValue('cash-flow');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Règlement à l’échéance du 4 décembre, Mme Rossi s’excuse.');
    await expect(panel.getByRole('textbox', { name: 'Prochaine relance le' })).toHaveValue('04/12/2026');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByText('Appel à Fleurs de Lys SARL enregistré.')).toBeVisible();
    await expect(panel).toHaveCount(0);
    // The call step is done: it leaves Today; the promise is not due yet.
    await expect(card).toHaveCount(0);
    await expect(followUp(page, /Promesses de paiement attendues/, 'Fleurs de Lys SARL')).toHaveCount(0);

    // The timeline of the customer shows the call, its note and the pending promise.
    await page.getByRole('link', { name: 'Fleurs de Lys SARL' }).first().click();
    const timeline = page.getByRole('list', { name: 'Historique' });
    const callItem = timeline.getByRole('listitem').filter({ hasText: 'Appel · Promesse de paiement' });
    await expect(callItem).toContainText('Règlement à l’échéance du 4 décembre');
    await expect(callItem).toContainText('pour le 04/12/2026');
    await expect(callItem).toContainText('en attente');
    await expect(callItem).toContainText('Raison du retard : Trésorerie difficile');
    await page.getByRole('combobox', { name: 'Afficher' }).selectOption('note');
    await expect(timeline).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Afficher' }).selectOption('call');
    await expect(callItem).toBeVisible();

    // The call log finds it without the accents.
    await app.goTo('Appels');
    await page.getByRole('searchbox', { name: 'Rechercher dans les notes' }).fill('ECHEANCE du 4 decembre');
    await expect(page.getByText('1 appel', { exact: true })).toBeVisible();
    await expect(app.table('Journal des appels')).toContainText('Fleurs de Lys SARL');
    await page.getByRole('button', { name: 'Exporter en CSV' }).click();
    await expect(page.getByText(/Journal des appels exporté : .*appels-2026-11-23\.csv/)).toBeVisible();

    // On the promised day, the promise is in Today; the payment received keeps it.
    await moveClockTo(page, '2026-12-04T08:30:00Z');
    await app.goTo('Aujourd’hui');
    const promise = followUp(page, /Promesses de paiement attendues/, 'Fleurs de Lys SARL');
    await expect(promise).toBeVisible();
    await promise.getByRole('button', { name: 'Paiement reçu' }).click();
    const payment = page.getByRole('dialog', { name: 'Paiement reçu de Fleurs de Lys SARL' });
    await payment.getByRole('textbox', { name: 'Montant reçu' }).fill(amount);
    await payment.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await expect(payment).toHaveCount(0);
    await expect(promise).toHaveCount(0);
    await page.getByRole('link', { name: 'Clients' }).click();
    // Paid, it has moved down the list (sorted by amount overdue): found as a shopkeeper would, by name.
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('Fleurs de Lys');
    await page.getByRole('link', { name: 'Fleurs de Lys SARL' }).click();
    await expect(page.getByRole('list', { name: 'Historique' }).getByRole('listitem').filter({ hasText: 'Promesse tenue' })).toBeVisible();
    await expect(callItem).toContainText('tenue');
    expect(app.consoleErrors).toEqual([]);
  });

  test('a half-typed call survives a reload', async ({ page }) => {
    await page.clock.install({ time: MONDAY });
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Café de la Gare' }).click();
    await page.getByRole('button', { name: 'Appeler', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Appel : Café de la Gare' });
    await panel.getByRole('radio', { name: /À rappeler/ }).check();
    await panel.getByRole('textbox', { name: 'Notes' }).fill('Mme Lemoine est en rendez-vous, rappeler après 14 h');
    await page.reload();
    await page.getByRole('button', { name: 'Appeler', exact: true }).click();
    await expect(panel.getByText('Appel en cours repris là où vous l’aviez laissé.')).toBeVisible();
    await expect(panel.getByRole('textbox', { name: 'Notes' })).toHaveValue('Mme Lemoine est en rendez-vous, rappeler après 14 h');
    await expect(panel.getByRole('radio', { name: /À rappeler/ })).toBeChecked();
    await panel.getByRole('button', { name: 'Abandonner cet appel' }).click();
    await page.getByRole('button', { name: 'Appeler', exact: true }).click();
    await expect(panel.getByRole('textbox', { name: 'Notes' })).toHaveValue('');
    expect(app.consoleErrors).toEqual([]);
  });

  test('a payment plan for two invoices: a missed instalment breaks it and the follow-up resumes', async ({ page }) => {
    await page.clock.install({ time: MONDAY });
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Restaurant Le Petit Zinc' }).click();
    await page.getByRole('button', { name: 'Proposer un échéancier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Échéancier pour Restaurant Le Petit Zinc' });
    const boxes = dialog.getByRole('group', { name: 'Factures à étaler' }).getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    for (const box of await boxes.all()) await box.uncheck();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const numbers = await Promise.all([0, 1].map(async (i) => (await boxes.nth(i).evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '')).match(/F-\d{4}-\d{4}/)![0]));
    await dialog.getByRole('textbox', { name: 'Acompte (€)' }).fill('0');
    await dialog.getByRole('textbox', { name: 'Nombre d’échéances' }).fill('2');
    await dialog.getByRole('textbox', { name: 'Première échéance' }).fill('30/11/2026');
    const preview = dialog.getByRole('table', { name: 'Aperçu des échéances' });
    await expect(preview.getByRole('row')).toHaveCount(2);
    await expect(preview).toContainText('30/11/2026');
    await expect(preview).toContainText('30/12/2026');
    await dialog.getByRole('checkbox', { name: 'J’accepte d’accorder un échéancier à ce client' }).check();
    await dialog.getByRole('button', { name: 'Créer l’échéancier' }).click();
    await expect(page.getByText('Échéancier créé : 2 échéances.')).toBeVisible();
    const plan = page.getByRole('region', { name: 'Échéanciers' });
    await expect(plan).toContainText('En cours');

    // The plan's invoices are no longer chased.
    await app.goTo('Aujourd’hui');
    const chased = page.getByRole('listitem', { name: 'Action pour Restaurant Le Petit Zinc' });
    for (const number of numbers) await expect(chased.filter({ hasText: number })).toHaveCount(0);

    // The first instalment (30 November) is not paid: on 4 December, after the grace days, the plan is broken.
    await moveClockTo(page, '2026-12-04T08:30:00Z');
    const broken = followUp(page, /Engagements non tenus/, 'Restaurant Le Petit Zinc');
    await expect(broken).toBeVisible();
    await expect(broken).toContainText('30/11/2026');
    // …and the normal follow-up resumes at once for its invoices.
    for (const number of numbers) await expect(chased.filter({ hasText: number })).toBeVisible();
    await broken.getByRole('link', { name: 'Restaurant Le Petit Zinc' }).click();
    await expect(page.getByRole('region', { name: 'Échéanciers' })).toContainText('Non respecté');
    await expect(page.getByRole('region', { name: 'Échéanciers' })).toContainText('manquée');
    await expect(page.getByRole('list', { name: 'Historique' }).getByRole('listitem').filter({ hasText: 'Échéancier non respecté' })).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });

  test('says paid and wrong number leave their flags; the shop decides who may get a plan', async ({ page }) => {
    await page.clock.install({ time: MONDAY });
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Café de la Gare' }).click();

    const panel = page.getByRole('dialog', { name: 'Appel : Café de la Gare' });
    await page.getByRole('button', { name: 'Appeler', exact: true }).click();
    await panel.getByRole('radio', { name: /Dit avoir payé/ }).check();
    await panel.getByRole('textbox', { name: 'Payé le (selon le client)' }).fill('20/11/2026');
    await panel.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await expect(page.getByText(/Le client dit avoir payé le 20\/11\/2026/)).toBeVisible();

    await page.getByRole('button', { name: 'Appeler', exact: true }).click();
    await panel.getByRole('radio', { name: /Mauvais numéro/ }).check();
    await panel.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await expect(page.getByText(/^Numéro erroné : /)).toBeVisible();

    // Asked to call back this afternoon: the call log lists it to do.
    await page.getByRole('button', { name: 'Appeler', exact: true }).click();
    await panel.getByRole('radio', { name: /À rappeler/ }).check();
    await panel.getByRole('textbox', { name: 'Rappeler le' }).fill('23/11/2026');
    await panel.getByRole('textbox', { name: 'À (heure)' }).fill('14:30');
    await panel.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await expect(panel).toHaveCount(0);
    await app.goTo('Appels');
    const callBacks = page.getByRole('list', { name: 'À rappeler (1)' });
    await expect(callBacks.getByRole('listitem', { name: 'Café de la Gare' })).toContainText('23/11/2026 · 14:30');
    await callBacks.getByRole('button', { name: 'Appeler Café de la Gare' }).click();
    await expect(panel).toBeVisible();
    await page.keyboard.press('Escape');

    // Plans only for customers graded A: this late payer is refused.
    await app.goTo('Réglages');
    await page.getByRole('combobox', { name: 'Qui peut obtenir un échéancier' }).selectOption('A');
    await expect(page.getByText('Réglage des échéanciers enregistré.')).toBeVisible();
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Café de la Gare' }).click();
    await page.getByRole('button', { name: 'Proposer un échéancier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Échéancier pour Café de la Gare' });
    await expect(dialog.getByText(/Votre réglage réserve les échéanciers aux clients notés A ou mieux/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Créer l’échéancier' })).toBeDisabled();
    expect(app.consoleErrors).toEqual([]);
  });
});
