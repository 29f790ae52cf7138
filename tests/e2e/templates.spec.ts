import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';

/** The archived PDFs in the web host's data folder (RELANCE_E2E_DATA, set by playwright.config.ts). */
function archivedLetters(): string[] {
  const root = join(process.env.RELANCE_E2E_DATA ?? '', 'letters');
  let years: string[];
  try {
    years = readdirSync(root);
  } catch {
    return [];
  }
  return years.flatMap((year) => readdirSync(join(root, year)).filter((name) => name.endsWith('.pdf')).map((name) => join(root, year, name)));
}

async function fillShopIdentity(page: Page, app: AppPage) {
  await app.goTo('Réglages');
  await page.getByRole('textbox', { name: 'Nom du commerce' }).fill('Quincaillerie Martin');
  await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('5 rue Mercière');
  await page.getByRole('textbox', { name: 'Code postal' }).fill('69002');
  await page.getByRole('textbox', { name: 'Ville' }).fill('Lyon');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('Enregistré', { exact: true })).toBeVisible();
}

/** An amount as Today prints it ("667,20 €", with no-break spaces) as a pattern that ignores the kind of space. */
function amountPattern(amount: string): RegExp {
  return new RegExp(amount.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s/g, '\\s'));
}

const TYPO_BODY = [
  '{{salutation}}',
  '',
  'Petit mot de la boutique : il reste {{amountDueTotl}} à régler, merci d’avance.',
  '',
  '{{invoiceList}}',
  '',
  'Si ce rappel a croisé votre règlement, merci de ne pas en tenir compte.',
  '',
  '{{shopSignature}}',
].join('\n');

test.describe('Modèles de messages', () => {
  // Two demo loads, a PDF rendered in a worker: slow on a shared, busy machine.
  test.describe.configure({ timeout: 180_000 });

  test('the D+1 email edited in French: a misspelt field blocks saving, the preview uses a real customer, Today’s draft uses the new text', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    await fillShopIdentity(page, app);

    // A customer whose D+1 friendly email (step 2 of Standard) waits in Today, with its amount due.
    await app.goTo('Aujourd’hui');
    const emails = page.getByRole('list', { name: /E-mails à envoyer/ });
    const firstReminder = emails.getByRole('listitem').filter({ hasText: 'étape 2 sur 6' }).filter({ hasNotText: 'Aucune adresse e-mail' }).first();
    await expect(firstReminder).toBeVisible();
    const customer = (await firstReminder.getAttribute('aria-label'))!.replace(/^Action pour /, '');
    const amount = /Montant dû : ([^·]+?) ·/.exec(await firstReminder.innerText())?.[1];
    expect(amount).toBeDefined();

    await app.goTo('Réglages');
    const section = page.getByRole('region', { name: 'Modèles de messages' });
    await expect(section.getByRole('combobox', { name: 'Modèle', exact: true })).toHaveValue('Premier rappel, ton amical (J+1)');
    await expect(section.getByRole('radio', { name: 'Français' })).toBeChecked();
    await expect(section.getByText('Texte d’origine', { exact: true })).toBeVisible();
    await section.getByRole('combobox', { name: 'Client de l’aperçu' }).click();
    await page.getByRole('option', { name: customer, exact: true }).click();

    // A misspelt field: flagged with its line and column, the preview waits, saving is refused.
    await section.getByRole('textbox', { name: 'Objet' }).fill('Petit rappel pour {{customerName}}');
    const body = section.getByRole('textbox', { name: 'Texte', exact: true });
    await body.fill(TYPO_BODY);
    const issues = section.getByRole('alert').filter({ hasText: 'À corriger avant d’enregistrer' });
    await expect(issues).toContainText('Texte, ligne 3, colonne 37 : le champ {{amountDueTotl}} n’existe pas. Vouliez-vous dire {{amountDueTotal}} ?');
    const save = section.getByRole('button', { name: 'Enregistrer le modèle' });
    await expect(save).toBeDisabled();
    await expect(section.getByText('L’aperçu reprendra dès que les points signalés seront corrigés.')).toBeVisible();

    // Fixed with the suggestion: the preview shows the customer's name and amount, in an inert frame.
    await issues.getByRole('button', { name: 'Remplacer par {{amountDueTotal}}' }).click();
    await expect(body).toHaveValue(/il reste \{\{amountDueTotal\}\} à régler/);
    await expect(issues).toHaveCount(0);
    await expect(section.getByText(`Objet : Petit rappel pour ${customer}`)).toBeVisible();
    await expect(section.getByLabel('Texte du message')).toContainText(amountPattern(amount!));
    await section.getByRole('tab', { name: 'Mise en page' }).click();
    const frame = section.getByTitle('Aperçu de l’e-mail');
    await expect(frame).toHaveAttribute('sandbox', '');
    // Read from the frame's srcdoc: querying inside a frame without scripts makes Chromium log
    // "Blocked script execution" for the test tool's own probes.
    await expect(frame).toHaveAttribute('srcdoc', new RegExp(`Petit mot de la boutique : il reste ${amountPattern(amount!).source} à régler`));
    await expect(frame).toHaveAttribute('srcdoc', /<table/);

    // Threatening words are pointed out, not refused.
    await body.fill(`${TYPO_BODY.replace('amountDueTotl', 'amountDueTotal')}\nVotre dette doit être réglée.`);
    await expect(section.getByText('« dette » (Texte, ligne 10) peut sembler menaçant')).toBeVisible();
    await expect(save).toBeEnabled();
    await body.fill(TYPO_BODY.replace('amountDueTotl', 'amountDueTotal'));
    await expect(section.getByText(/peut sembler menaçant/)).toHaveCount(0);
    await section.getByText(/Si ce rappel a croisé/).first().waitFor();
    await section.evaluate((element) => {
      element.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -90);
    });
    await page.screenshot({ path: 'docs/screenshots/templates.png' });

    await save.click();
    await expect(page.getByText('Modèle enregistré : il servira pour les prochaines relances.')).toBeVisible();
    await expect(section.getByText('Modifié par vous', { exact: true })).toBeVisible();

    // Today's draft for that customer is written from the shop's text.
    await app.goTo('Aujourd’hui');
    await emails.getByRole('listitem', { name: `Action pour ${customer}` }).getByRole('button', { name: 'Relire et envoyer' }).click();
    const dialog = page.getByRole('dialog', { name: `E-mail à ${customer}` });
    await expect(dialog.getByRole('textbox', { name: 'Objet' })).toHaveValue(`Petit rappel pour ${customer}`);
    await expect(dialog.getByRole('textbox', { name: 'Message' })).toHaveValue(/Petit mot de la boutique : il reste/);
    await expect(dialog.getByRole('textbox', { name: 'Message' })).toHaveValue(amountPattern(amount!));
    await expect(dialog.getByRole('textbox', { name: 'Message' })).not.toHaveValue(/Il s’agit sans doute d’un simple oubli/);
    expect(app.consoleErrors).toEqual([]);
  });

  test('a letter template edited: the archived PDF prints the new text; back to the original', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.loadDemo();
    await fillShopIdentity(page, app);

    const section = page.getByRole('region', { name: 'Modèles de messages' });
    await section.getByRole('combobox', { name: 'Modèle', exact: true }).click();
    await page.getByRole('option', { name: 'Relevé de compte' }).click();
    await expect(section.getByRole('textbox', { name: 'Objet' })).toHaveValue(/Relevé de compte/);
    await section.getByRole('combobox', { name: 'Client de l’aperçu' }).click();
    await page.getByRole('option', { name: 'Hôtel des Voyageurs', exact: true }).click();
    const body = section.getByRole('textbox', { name: 'Texte', exact: true });
    const original = await body.inputValue();
    const sentence = 'Merci de comparer ce relevé avec votre comptabilité du mois.';
    await body.fill(original.replace('{{salutation}}\n', `{{salutation}}\n\n${sentence}\n`));
    // The preview shows the letter's blocks for the chosen customer.
    await expect(section.getByRole('group', { name: 'Texte de la lettre' })).toContainText(sentence);
    await expect(section.getByRole('group', { name: 'Texte de la lettre' })).toContainText(/\[Tableau de \d+ factures?\]/);
    await section.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await expect(page.getByText('Modèle enregistré : il servira pour les prochaines relances.')).toBeVisible();

    // Other specs archive statements for this customer too (the same data folder): only the file
    // this letter adds is read.
    const before = new Set(archivedLetters());
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Hôtel des Voyageurs' }).click();
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Préparer un courrier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Préparer un courrier pour Hôtel des Voyageurs' });
    await expect(dialog.getByRole('combobox', { name: 'Type de courrier' })).toHaveValue('Relevé de compte');
    await dialog.getByRole('button', { name: 'Préparer le courrier' }).click();
    await expect(page.getByText('Relevé de compte pour Hôtel des Voyageurs préparé et archivé.')).toBeVisible({ timeout: 30_000 });
    (await popup).close().catch(() => undefined);
    const statements = archivedLetters().filter((file) => !before.has(file) && file.includes('Relevé de compte - Hôtel des Voyageurs'));
    expect(statements).toHaveLength(1);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', statements[0]!, '-'], { encoding: 'utf8' });
    // pdftotext breaks long lines where the PDF wraps them.
    expect(text.replace(/\s+/g, ' ')).toContain(sentence);

    // Back to the original text: confirmed, then the shipped wording again.
    await app.goTo('Réglages');
    await section.getByRole('combobox', { name: 'Modèle', exact: true }).click();
    await page.getByRole('option', { name: 'Relevé de compte' }).click();
    await expect(section.getByText('Modifié par vous', { exact: true })).toBeVisible();
    await section.getByRole('button', { name: 'Revenir au texte d’origine' }).click();
    await page.getByRole('dialog', { name: 'Revenir au texte d’origine ?' }).getByRole('button', { name: 'Revenir au texte d’origine' }).click();
    await expect(page.getByText('Texte d’origine rétabli.')).toBeVisible();
    await expect(body).toHaveValue(original);
    await expect(section.getByText('Texte d’origine', { exact: true })).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });
});
