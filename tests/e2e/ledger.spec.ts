import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app-page';

const FIXTURES = 'tests/fixtures/e2e';

async function chooseFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choisir un fichier CSV' }).click();
  await (await chooser).setFiles(path);
}

test.describe('the ledger', () => {
  test('imports a French CSV with three bad lines, then an updated export', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('#/invoices');
    await page.getByRole('button', { name: 'Importer un fichier CSV' }).first().click();
    const wizard = page.getByRole('dialog', { name: 'Importer des factures' });

    // Windows-1252, ";" and French headers: recognised without help.
    await chooseFile(page, `${FIXTURES}/factures-septembre.csv`);
    await expect(wizard.getByText(/factures-septembre\.csv · encodage windows-1252 · séparateur « point-virgule »/)).toBeVisible();
    await expect(wizard.getByRole('combobox', { name: 'N° de facture' })).toHaveValue('N° facture');
    await expect(wizard.getByRole('combobox', { name: 'Échéance' })).toHaveValue('Échéance');
    await wizard.getByRole('button', { name: 'Continuer' }).click();

    // Every refused line, with its line number and reason; nothing imported until the user decides.
    const refusals = wizard.getByRole('table', { name: 'Lignes refusées et leur raison' });
    await expect(refusals.getByRole('row')).toHaveCount(4);
    await expect(refusals.getByRole('row').nth(1)).toContainText('8');
    await expect(refusals.getByRole('row').nth(2)).toContainText('9');
    await expect(refusals.getByRole('row').nth(3)).toContainText('10');
    await expect(refusals.getByRole('row').nth(3)).toContainText('facture FA-1003 déjà présente ligne 4');
    await expect(wizard.getByText('7 factures nouvelles')).toBeVisible();
    await expect(wizard.getByText('5 clients nouveaux')).toBeVisible();
    const importButton = wizard.getByRole('button', { name: 'Importer', exact: true });
    await expect(importButton).toBeDisabled();
    await wizard.getByRole('checkbox', { name: /Importer seulement les 7 lignes valides/ }).check();
    await importButton.click();
    await expect(wizard.getByRole('status')).toContainText('7 créées, 0 mises à jour, 0 inchangées, 3 refusées ; 5 clients créés.');
    await wizard.getByRole('button', { name: 'Fermer', exact: true }).click();

    expect(await app.rowCount('Liste des factures')).toBe(7);
    const invoices = app.table('Liste des factures');
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('FA-1003');
    await expect(invoices.getByRole('row').nth(1)).toContainText('Garage Éclair SARL');
    await expect(invoices.getByRole('row').nth(1)).toContainText('1 400,00');
    await expect(invoices.getByRole('row').nth(1)).toContainText('Payée en partie');

    // A newer export of the same tool: updates what changed, adds what is new, duplicates nothing.
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('');
    await page.getByRole('button', { name: 'Importer un fichier CSV' }).first().click();
    await chooseFile(page, `${FIXTURES}/factures-octobre.csv`);
    await expect(wizard.getByText(/encodage utf-8-bom/)).toBeVisible();
    await wizard.getByRole('button', { name: 'Continuer' }).click();
    await expect(wizard.getByText('1 facture nouvelle')).toBeVisible();
    await expect(wizard.getByText('1 facture mise à jour')).toBeVisible();
    await expect(wizard.getByText('6 factures inchangées')).toBeVisible();
    await wizard.getByRole('button', { name: 'Importer', exact: true }).click();
    await expect(wizard.getByRole('status')).toContainText('1 créées, 1 mises à jour, 6 inchangées, 0 refusées ; 0 clients créés.');
    await wizard.getByRole('button', { name: 'Fermer', exact: true }).click();

    expect(await app.rowCount('Liste des factures')).toBe(8);
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('FA-1001');
    await expect(invoices.getByRole('row').nth(1)).toContainText('Payée');
    await app.goTo('Clients');
    expect(await app.rowCount('Liste des clients')).toBe(5);

    // One transfer settles two invoices, oldest first.
    await page.getByRole('link', { name: 'Garage Éclair SARL' }).click();
    await expect(app.heading('Garage Éclair SARL')).toBeVisible();
    await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paiement reçu de Garage Éclair SARL' });
    await dialog.getByRole('textbox', { name: 'Montant reçu' }).fill('2 012,00');
    await dialog.getByRole('textbox', { name: /Référence/ }).fill('VIR GARAGE ECLAIR NOV');
    const allocation = dialog.getByRole('table', { name: 'Répartition du paiement' });
    await expect(allocation.getByRole('row', { name: /FA-1003/ })).toContainText('1 400,00 €');
    await expect(allocation.getByRole('row', { name: /FA-1005/ })).toContainText('612,00 €');
    await dialog.getByRole('button', { name: 'Enregistrer un paiement' }).click();
    await expect(page.getByText('Paiement de 2 012,00 € enregistré.')).toBeVisible();
    const customerInvoices = page.getByRole('table', { name: 'Factures' });
    await expect(customerInvoices.getByRole('row', { name: /FA-1003/ })).toContainText('Payée');
    await expect(customerInvoices.getByRole('row', { name: /FA-1005/ })).toContainText('Payée');
    await expect(page.getByRole('table', { name: 'Paiements' })).toContainText('FA-1003, FA-1005');
    await expect(page.getByRole('heading', { name: 'Montant dû' }).or(page.getByText('Montant dû'))).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });
});

test.describe('exports and backups', () => {
  test('exports the invoices for French Excel, backs up, erases, and restores everything', async ({ page }) => {
    // The daily backup waits 20 s after the data appears (then for an idle moment): room for it.
    test.setTimeout(150_000);
    const { readFileSync } = await import('node:fs');
    const app = new AppPage(page);
    await app.open('#/settings');
    await app.loadDemo();
    await app.goTo('Factures');
    const invoices = await app.rowCount('Liste des factures');
    await app.goTo('Réglages');

    // CSV for French Excel: BOM, semicolons, decimal commas, one line per invoice.
    await page.getByRole('button', { name: 'Factures', exact: true }).click();
    const saved = page.getByText(/Fichier enregistré : .*factures-\d{4}-\d{2}-\d{2}\.csv/);
    await expect(saved).toBeVisible();
    const csvPath = (await saved.innerText()).replace('Fichier enregistré : ', '').trim();
    const csv = readFileSync(csvPath, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(invoices + 1);
    expect(lines[0]).toContain(';');
    expect(lines.slice(1).every((line) => /;\d+,\d{2};/.test(line))).toBe(true);

    // A full backup to a file, then everything erased, then the file restored.
    await page.getByRole('button', { name: 'Enregistrer une sauvegarde' }).click();
    const backupSaved = page.getByText(/Fichier enregistré : .*relance-sauvegarde-\d{4}-\d{2}-\d{2}\.json/);
    await expect(backupSaved).toBeVisible();
    const backupPath = (await backupSaved.innerText()).replace('Fichier enregistré : ', '').trim();

    await page.getByRole('button', { name: 'Effacer toutes les données' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Effacer toutes les données' }).click();
    await expect(page.getByText('Toutes les données ont été effacées.')).toBeVisible();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Restaurer une sauvegarde…' }).click();
    await (await chooser).setFiles(backupPath);
    const confirm = page.getByRole('dialog', { name: 'Restaurer cette sauvegarde ?' });
    await expect(confirm).toContainText(`${invoices} factures`);
    await confirm.getByRole('button', { name: 'Remplacer mes données' }).click();
    await expect(page.getByText('Sauvegarde restaurée.')).toBeVisible();
    await app.goTo('Factures');
    expect(await app.rowCount('Liste des factures')).toBe(invoices);

    // A file that is not a backup is refused, and nothing changes.
    await app.goTo('Réglages');
    const chooser2 = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Restaurer une sauvegarde…' }).click();
    await (await chooser2).setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":"world"}') });
    await expect(page.getByText(/Ce fichier ne peut pas être restauré : ce n’est pas une sauvegarde Relance/)).toBeVisible();
    await app.goTo('Factures');
    expect(await app.rowCount('Liste des factures')).toBe(invoices);

    // The automatic daily backup is made a little after the data appears (20 s, when the browser is idle).
    await expect
      .poll(
        async () => {
          await app.goTo('Factures');
          await app.goTo('Réglages');
          // The list is asked of main when the section shows: it comes a moment after the screen.
          const table = page.getByRole('table', { name: 'Sauvegardes automatiques' });
          await table.or(page.getByText(/^Aucune sauvegarde automatique/)).waitFor({ timeout: 5_000 });
          return table.getByRole('row').count();
        },
        { timeout: 60_000, intervals: [5_000] },
      )
      .toBe(2);
    expect(app.consoleErrors).toEqual([]);
  });
});
