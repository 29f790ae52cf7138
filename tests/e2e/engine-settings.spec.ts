import { expect, test, type Locator, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';

/**
 * The follow-up engine's settings: the policy editor (duplicate Standard, a refused step with its
 * reason, fixed, assigned to a customer, and Today following it), the sending hours with the live
 * "next possible sending time", and the late-payment rate tables with their coverage warning.
 *
 * The page's clock is fixed at Monday 23 November 2026, 10:30 in Paris (the demo data is dated from
 * it), so the sending-time figures are the same on every run.
 */
const MONDAY_MORNING = new Date('2026-11-23T09:30:00Z');

async function openSettings(page: Page): Promise<AppPage> {
  await page.clock.setFixedTime(MONDAY_MORNING);
  const app = new AppPage(page);
  await app.open();
  return app;
}

function section(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title });
}

function followUp(page: Page, list: RegExp, customer: string): Locator {
  return page.getByRole('list', { name: list }).getByRole('listitem', { name: `Action pour ${customer}` });
}

async function choose(page: Page, combobox: Locator, option: string): Promise<void> {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test.describe('Follow-up engine settings', () => {
  test('a policy duplicated from Standard, refused with its reason, fixed, assigned to a customer: Today follows it', async ({ page }) => {
    const app = await openSettings(page);
    await app.loadDemo();
    // Before: the invoice 12 days late of Fleurs de Lys is at step 3 of Standard, a call.
    await expect(followUp(page, /Appels à passer/, 'Fleurs de Lys SARL')).toContainText('étape 3 sur 6 du scénario « Standard »');

    await app.goTo('Réglages');
    const policies = section(page, 'Scénarios de relance');
    await expect(policies.getByText('Scénario fourni avec Relance : dupliquez-le pour l’adapter.')).toBeVisible();
    await policies.getByRole('button', { name: 'Dupliquer ce scénario' }).click();
    const editor = page.getByRole('dialog', { name: 'Nouveau scénario de relance' });
    await editor.getByRole('textbox', { name: 'Nom du scénario' }).fill('Standard avec courrier');

    // Step 3 (the call at D+8) becomes a letter; step 4 is moved before it by mistake.
    const step3 = editor.getByRole('group', { name: 'Étape 3' });
    await choose(page, step3.getByRole('combobox', { name: 'Canal' }), 'Courrier');
    await expect(step3.getByRole('combobox', { name: 'Modèle de message' })).toHaveValue('Relevé de compte');
    await choose(page, step3.getByRole('combobox', { name: 'Modèle de message' }), 'Lettre de rappel');
    const step4 = editor.getByRole('group', { name: 'Étape 4' });
    await step4.getByRole('textbox', { name: 'Jour par rapport à l’échéance' }).fill('5');
    await editor.getByRole('button', { name: 'Enregistrer le scénario' }).click();
    await expect(step4.getByRole('alert')).toHaveText('Cette étape doit venir après la précédente (J+8) : choisissez un jour plus tardif.');
    await expect(page.getByText('Le scénario n’est pas enregistré : corrigez les points signalés.')).toBeVisible();

    // Removing the first reminder leaves the formal notice with one reminder before it: refused too.
    await step4.getByRole('textbox', { name: 'Jour par rapport à l’échéance' }).fill('15');
    await expect(step4.getByRole('alert')).toHaveCount(0);
    await editor.getByRole('button', { name: 'Supprimer l’étape 2' }).click();
    await editor.getByRole('button', { name: 'Supprimer l’étape 2' }).click();
    await expect(editor.getByRole('group', { name: 'Étape 3' }).getByRole('alert')).toHaveText(
      'Il faut au moins 2 relances avant une mise en demeure ou une action en justice ; il n’y en a que 1 avant cette étape.',
    );
    await editor.getByRole('button', { name: 'Annuler' }).click();
    await expect(editor).toHaveCount(0);

    // Again, properly this time.
    await policies.getByRole('button', { name: 'Dupliquer ce scénario' }).click();
    await editor.getByRole('textbox', { name: 'Nom du scénario' }).fill('Standard avec courrier');
    await choose(page, editor.getByRole('group', { name: 'Étape 3' }).getByRole('combobox', { name: 'Canal' }), 'Courrier');
    await choose(page, editor.getByRole('group', { name: 'Étape 3' }).getByRole('combobox', { name: 'Modèle de message' }), 'Lettre de rappel');
    await editor.getByRole('button', { name: 'Enregistrer le scénario' }).click();
    await expect(page.getByText('Scénario « Standard avec courrier » enregistré.')).toBeVisible();
    await expect(editor).toHaveCount(0);
    await expect(policies.getByRole('table', { name: 'Étapes du scénario « Standard avec courrier »' })).toContainText('Courrier');

    // Assigned to Fleurs de Lys: the step 3 of its late invoice is now a letter to print.
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Fleurs de Lys SARL' }).click();
    await page.getByRole('button', { name: 'Modifier la fiche' }).click();
    const form = page.getByRole('dialog', { name: 'Fiche de Fleurs de Lys SARL' });
    await choose(page, form.getByRole('combobox', { name: 'Scénario de relance' }), 'Standard avec courrier');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form).toHaveCount(0);
    await app.goTo('Aujourd’hui');
    await expect(followUp(page, /Courriers à imprimer/, 'Fleurs de Lys SARL')).toContainText('étape 3 sur 6 du scénario « Standard avec courrier »');
    await expect(followUp(page, /Appels à passer/, 'Fleurs de Lys SARL')).toHaveCount(0);

    // The policy in use cannot go without saying who follows it; they go back to the shop's default.
    await app.goTo('Réglages');
    await choose(page, policies.getByRole('combobox', { name: 'Voir le scénario' }), 'Standard avec courrier');
    await expect(policies.getByRole('button', { name: 'Dupliquer ce scénario' })).toBeVisible();
    await policies.getByRole('button', { name: 'Supprimer ce scénario' }).click();
    const confirm = page.getByRole('dialog', { name: 'Supprimer le scénario « Standard avec courrier »' });
    await expect(confirm).toContainText('Ce scénario est suivi par 1 client : Fleurs de Lys SARL.');
    await expect(confirm).toContainText('Ils suivront le scénario par défaut de la boutique (« Standard »).');
    await confirm.getByRole('button', { name: 'Supprimer et passer au scénario par défaut' }).click();
    await expect(page.getByText('Scénario « Standard avec courrier » supprimé.')).toBeVisible();
    await app.goTo('Aujourd’hui');
    await expect(followUp(page, /Appels à passer/, 'Fleurs de Lys SARL')).toContainText('étape 3 sur 6 du scénario « Standard »');
    expect(app.consoleErrors).toEqual([]);
  });

  test('sending hours: the next possible sending time follows the days, slots and closures; overlapping slots are refused', async ({ page }) => {
    const app = await openSettings(page);
    await app.goTo('Réglages');
    const hours = section(page, 'Heures d’envoi');
    // Monday 10:30, inside 09:00–12:00: now.
    await expect(hours.getByRole('status')).toHaveText('Prochain envoi possible : maintenant (lundi 23 novembre 2026 à 10:30)');

    // Closed from today to Friday: next Monday morning.
    await hours.getByLabel('Fermé du').fill('2026-11-23');
    await hours.getByLabel('au (inclus)').fill('2026-11-27');
    await hours.getByRole('button', { name: 'Ajouter la fermeture' }).click();
    await expect(hours.getByText('Du 23 novembre 2026 au 27 novembre 2026')).toBeVisible();
    await expect(hours.getByRole('status')).toHaveText('Prochain envoi possible : lundi 30 novembre 2026 à 09:00');

    // Saturday mornings too: Saturday 28th.
    await hours.getByRole('checkbox', { name: 'Samedi' }).check();
    await expect(hours.getByRole('status')).toHaveText('Prochain envoi possible : samedi 28 novembre 2026 à 09:00');

    // A second slot overlapping the first is refused with a clear message, then fixed.
    await hours.getByRole('textbox', { name: 'Début du créneau 2' }).fill('11:00');
    await expect(hours.getByText('Ce créneau chevauche le créneau 1.')).toBeVisible();
    await hours.getByRole('button', { name: 'Enregistrer les heures d’envoi' }).click();
    await expect(page.getByText('Les heures d’envoi ne sont pas enregistrées : corrigez les points signalés.')).toBeVisible();
    await hours.getByRole('textbox', { name: 'Début du créneau 2' }).fill('14:00');
    await hours.getByRole('textbox', { name: 'Début du créneau 1' }).fill('10:00');
    await expect(hours.getByText('Ce créneau chevauche le créneau 1.')).toHaveCount(0);
    await expect(hours.getByRole('status')).toHaveText('Prochain envoi possible : samedi 28 novembre 2026 à 10:00');
    await hours.getByRole('button', { name: 'Enregistrer les heures d’envoi' }).click();
    await expect(page.getByText('Heures d’envoi enregistrées.')).toBeVisible();

    // Saved: still there after a reload.
    await page.reload();
    await expect(app.navigation).toBeVisible();
    await app.goTo('Réglages');
    await expect(hours.getByRole('checkbox', { name: 'Samedi' })).toBeChecked();
    await expect(hours.getByRole('status')).toHaveText('Prochain envoi possible : samedi 28 novembre 2026 à 10:00');
    expect(app.consoleErrors).toEqual([]);
  });

  test('rates: the missing half-year is flagged until it is added; a rate can be corrected', async ({ page }) => {
    const app = await openSettings(page);
    await app.goTo('Réglages');
    const rates = section(page, 'Taux des pénalités de retard');
    await expect(rates.getByText('Les taux du semestre en cours (depuis le 1 juillet 2026) manquent', { exact: false })).toBeVisible();

    const half = rates.getByRole('region', { name: 'Ajouter un semestre' });
    await expect(half.getByText('Semestre commençant le 1 juillet 2026')).toBeVisible();
    // The ECB rate proposed is the one in force on 1 July (2.15 % since 11 June 2025).
    await expect(half.getByRole('textbox', { name: 'Taux BCE en vigueur le 1 juillet 2026 (%)' })).toHaveValue('2,15');
    await half.getByRole('textbox', { name: 'Taux de l’intérêt légal pour les particuliers (%)' }).fill('abc');
    await half.getByRole('button', { name: 'Ajouter le semestre' }).click();
    await expect(half.getByText('Écrivez un taux entre 0 et 100, par exemple 6,67.')).toBeVisible();
    await half.getByRole('textbox', { name: 'Taux de l’intérêt légal pour les particuliers (%)' }).fill('6,5');
    await half.getByRole('button', { name: 'Ajouter le semestre' }).click();
    await expect(page.getByText('Taux du semestre commençant le 1 juillet 2026 ajoutés.')).toBeVisible();
    await expect(rates.getByText(/manquent/)).toHaveCount(0);
    await expect(rates.getByText('Taux connus jusqu’au 31 décembre 2026.')).toBeVisible();
    const legal = rates.getByRole('table', { name: 'Taux de l’intérêt légal, créances des particuliers' });
    await expect(legal.getByRole('row').nth(1)).toContainText('6,5 %');

    // A typo corrected: the entry keeps its date.
    await legal.getByRole('button', { name: 'Corriger le taux du 01/07/2026' }).click();
    const dialog = page.getByRole('dialog', { name: 'Corriger le taux en vigueur depuis le 01/07/2026' });
    await dialog.getByRole('textbox', { name: 'Taux (%)' }).fill('6,45');
    await dialog.getByRole('textbox', { name: 'En vigueur depuis le (AAAA-MM-JJ)' }).fill('2026-07-02');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog.getByText('Le taux légal change le 1er janvier et le 1er juillet : choisissez l’une de ces dates.')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'En vigueur depuis le (AAAA-MM-JJ)' }).fill('2026-07-01');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(legal.getByRole('row').nth(1)).toContainText('6,45 %');
    expect(app.consoleErrors).toEqual([]);
  });
});
