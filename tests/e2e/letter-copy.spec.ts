import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { ParsedMail } from 'mailparser';
import { AppPage } from './pages/app-page';
import { configureSmtp, startSmtp, toOf } from './pages/smtp';
import { startHost, stopHost } from './pages/web-host-process';

/**
 * A letter's PDF also sent by email: a policy whose formal notice step has « Envoyer aussi une copie
 * par e-mail », the day's letters printed from Courriers (the dialog says how many copies go and who
 * has no address), the copy received by a real SMTP server with the archived PDF attached byte for
 * byte and shown sent in the customer's history; then an archived letter sent on demand from the
 * archive after its review. Its own web host and SMTP server: the SMTP settings stay in this test.
 */

async function choose(page: Page, combobox: Locator, option: string): Promise<void> {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The archived PDF of a customer's formal notice in the host's data folder. */
function archivedNotice(dataDir: string, customer: string): string {
  const root = join(dataDir, 'letters');
  const files = readdirSync(root).flatMap((year) => readdirSync(join(root, year)).map((name) => join(root, year, name)));
  const found = files.filter((file) => file.endsWith(`Mise en demeure - ${customer}.pdf`));
  expect(found).toHaveLength(1);
  return found[0]!;
}

function pdfText(dataDir: string, bytes: Buffer): string {
  const path = join(dataDir, 'received.pdf');
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', path, '-'], { encoding: 'utf8' });
}

const pdfOf = (mail: ParsedMail) => mail.attachments.filter((a) => a.contentType === 'application/pdf');

/** Réglages: a copy of Standard whose formal notice also goes by email (the option is for letters only). */
async function policyWithCopy(page: Page): Promise<void> {
  const policies = page.getByRole('region', { name: 'Scénarios de relance' });
  await policies.getByRole('button', { name: 'Dupliquer ce scénario' }).click();
  const editor = page.getByRole('dialog', { name: 'Nouveau scénario de relance' });
  await editor.getByRole('textbox', { name: 'Nom du scénario' }).fill('Standard avec copie');
  await expect(editor.getByRole('group', { name: 'Étape 4' }).getByRole('checkbox', { name: 'Envoyer aussi une copie par e-mail' })).toBeDisabled();
  const notice = editor.getByRole('group', { name: 'Étape 5' });
  await expect(notice.getByRole('combobox', { name: 'Canal' })).toHaveValue('Mise en demeure');
  await notice.getByRole('checkbox', { name: 'Envoyer aussi une copie par e-mail' }).check();
  await editor.getByRole('button', { name: 'Enregistrer le scénario' }).click();
  await expect(page.getByText('Scénario « Standard avec copie » enregistré.')).toBeVisible();
  await expect(policies.getByRole('table', { name: 'Étapes du scénario « Standard avec copie »' })).toContainText('Mise en demeure + copie par e-mail');
}

/** A customer due for a formal notice moved to that policy (and, with `clearEmails`, left without an email address). */
async function follow(page: Page, app: AppPage, customer: string, { clearEmails = false } = {}): Promise<void> {
  await app.goTo('Clients');
  await page.getByRole('link', { name: customer }).first().click();
  await page.getByRole('button', { name: 'Modifier la fiche' }).click();
  const form = page.getByRole('dialog', { name: `Fiche de ${customer}` });
  await choose(page, form.getByRole('combobox', { name: 'Scénario de relance' }), 'Standard avec copie');
  if (clearEmails) for (const email of await form.getByRole('textbox', { name: 'E-mail' }).all()) await email.fill('');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(form).toHaveCount(0);
}

/** A fresh shop: its own web host and SMTP server, the demo data, the shop's identity, sending set up. */
async function openShop(page: Page, prefix: string) {
  const smtp = await startSmtp();
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const host = await startHost(dataDir);
  const app = new AppPage(page);
  const close = async () => {
    await stopHost(host.child);
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await page.goto(host.url);
    await expect(app.navigation).toBeVisible();
    await app.loadDemo();
    await app.fillShopIdentity();
    await configureSmtp(page, smtp.port);
  } catch (error) {
    await close();
    throw error;
  }
  return { smtp, dataDir, app, close };
}

test('a formal notice also sent by email: announced before printing, received with the printed PDF, sent on demand from the archive', async ({ page }) => {
  test.setTimeout(180_000);
  const { smtp, dataDir, app, close } = await openShop(page, 'relance-letter-copy-e2e-');
  try {

    await policyWithCopy(page);
    await follow(page, app, 'Boucherie Lambert');
    await follow(page, app, 'Garage Lefèvre SARL', { clearEmails: true });

    // Courriers: the print dialog says one copy goes by email and warns for the customer without address.
    await app.goTo('Courriers');
    const due = page.getByRole('table', { name: 'Courriers à imprimer aujourd’hui' });
    const lambertRow = due.getByRole('row').filter({ hasText: 'Boucherie Lambert' });
    await expect(lambertRow).toContainText('Mise en demeure + copie par e-mail');
    const numbers = ((await lambertRow.getByRole('cell').nth(2).textContent()) ?? '').match(/F-\d{4}-\d+/g) ?? [];
    expect(numbers.length).toBeGreaterThan(0);
    const printable = (await due.getByRole('row').count()) - 1 - (await due.getByRole('row').filter({ hasText: 'Impossible' }).count());
    await page.getByRole('button', { name: `Imprimer les courriers du jour (${printable})` }).click();
    const confirm = page.getByRole('dialog', { name: 'Imprimer les courriers du jour' });
    await expect(confirm).toContainText('1 courrier partira aussi par e-mail : le PDF imprimé, avec un message d’accompagnement.');
    await expect(confirm.getByRole('alert')).toContainText('Pas d’adresse e-mail pour Garage Lefèvre SARL : ce courrier partira par la poste seulement.');
    await expect(confirm.getByRole('checkbox', { name: 'Envoyer aussi la copie par e-mail' })).toBeChecked();
    const popup = page.waitForEvent('popup');
    await confirm.getByRole('button', { name: 'Imprimer' }).click();
    const progress = page.getByRole('dialog', { name: 'Préparation des courriers' });
    await expect(progress).toContainText(`${printable} courriers préparés et archivés.`, { timeout: 60_000 });
    await expect(progress).toContainText('1 copie mise en envoi par e-mail.');
    await expect(progress).toContainText('Copie non envoyée à Garage Lefèvre SARL : pas d’adresse e-mail.');
    await (await popup).close();
    await progress.getByRole('button', { name: 'Fermer', exact: true }).click();

    // The copy arrives once, the very PDF archived (and printed), with the letter's text.
    const toLambert = () => smtp.received.filter((m) => toOf(m).includes('gilles@boucherie-lambert.example.org'));
    await expect.poll(() => toLambert().length, { timeout: 30_000 }).toBe(1);
    const mail = toLambert()[0]!;
    expect(mail.subject).toMatch(/^Copie de notre courrier : montant dû de [\d\s\u202f]+,\d{2}\s€ \(réf\. F-\d{4}-\d+/u);
    expect(mail.text).toContain('Bonjour Monsieur Lambert,');
    expect(mail.text).toContain('Veuillez trouver ci-joint copie du courrier que nous vous adressons par voie postale');
    const lambertPdf = archivedNotice(dataDir, 'Boucherie Lambert');
    const [attached] = pdfOf(mail);
    expect(attached?.filename).toMatch(/^\d{4}-\d{2}-\d{2} Mise en demeure - Boucherie Lambert\.pdf$/);
    expect(Buffer.compare(attached!.content, readFileSync(lambertPdf))).toBe(0);
    const text = pdfText(dataDir, attached!.content);
    expect(text).toContain('Boucherie Lambert');
    expect(text).toContain('Lettre recommandée avec accusé de réception');
    for (const number of numbers) expect(text).toContain(number);
    expect(text).toMatch(/\d+,\d{2}\s€/u);

    // The archive says the copy went; the customer's history has the email, sent.
    const archive = page.getByRole('table', { name: 'Courriers archivés' });
    await expect(archive.getByRole('row').filter({ hasText: 'Boucherie Lambert' })).toContainText('Copie par e-mail : envoyée', { timeout: 30_000 });
    // Sent already: asking again says so, and nothing goes a second time.
    await archive.getByRole('button', { name: 'Envoyer par e-mail le courrier à Boucherie Lambert' }).click();
    let dialog = page.getByRole('dialog', { name: 'Envoyer le courrier par e-mail à Boucherie Lambert' });
    await expect(dialog).toContainText('Une copie de ce courrier a déjà été envoyée par e-mail (envoyée) : elle ne part pas une deuxième fois.');
    await expect(dialog.getByRole('button', { name: 'Envoyer', exact: true })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    // On demand: the notice of the customer without address, reviewed, sent to the address typed.
    await archive.getByRole('button', { name: 'Envoyer par e-mail le courrier à Garage Lefèvre SARL' }).click();
    dialog = page.getByRole('dialog', { name: 'Envoyer le courrier par e-mail à Garage Lefèvre SARL' });
    await expect(dialog).toContainText('Ce client n’a pas d’adresse e-mail : saisissez celle à laquelle envoyer la copie.');
    await expect(dialog).toContainText(/Pièce jointe : \d{4}-\d{2}-\d{2} Mise en demeure - Garage Lefèvre SARL\.pdf/);
    const send = dialog.getByRole('button', { name: 'Envoyer', exact: true });
    await expect(send).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Destinataire' }).fill('compta@garage-lefevre');
    await expect(dialog).toContainText('Cette adresse e-mail n’est pas valide.');
    await dialog.getByRole('textbox', { name: 'Destinataire' }).fill('sandrine@garage-lefevre.example.com');
    await expect(dialog.getByRole('textbox', { name: 'Message' })).toHaveValue(/Veuillez trouver ci-joint copie du courrier/);
    await dialog.getByRole('textbox', { name: 'Objet' }).fill('Garage Lefèvre : copie de notre mise en demeure');
    await send.click();
    await expect(page.getByText('Copie du courrier mise en envoi à sandrine@garage-lefevre.example.com.')).toBeVisible();
    const toGarage = () => smtp.received.filter((m) => toOf(m).includes('sandrine@garage-lefevre.example.com'));
    await expect.poll(() => toGarage().length, { timeout: 30_000 }).toBe(1);
    expect(toGarage()[0]!.subject).toBe('Garage Lefèvre : copie de notre mise en demeure');
    const [onDemand] = pdfOf(toGarage()[0]!);
    expect(Buffer.compare(onDemand!.content, readFileSync(archivedNotice(dataDir, 'Garage Lefèvre SARL')))).toBe(0);
    await expect(archive.getByRole('row').filter({ hasText: 'Garage Lefèvre SARL' })).toContainText('Copie par e-mail : envoyée', { timeout: 30_000 });

    // The customer's history: the copy, sent, next to the letter.
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Boucherie Lambert' }).first().click();
    const history = page.getByRole('list', { name: 'Historique' });
    const copy = history.getByRole('listitem').filter({ hasText: 'Copie de notre courrier' });
    await expect(copy).toHaveCount(1);
    await expect(copy).toContainText('envoyée');
    await expect(copy.getByRole('button', { name: 'Ouvrir le PDF' })).toBeEnabled();
    expect(smtp.received.filter((m) => pdfOf(m).length > 0 && m.subject?.includes('courrier')).length).toBeGreaterThanOrEqual(1);
    expect(toLambert()).toHaveLength(1);
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await close();
  }
});

test('from Today, the copy can be declined before printing; the letter then goes by email on demand, to the customer’s address', async ({ page }) => {
  test.setTimeout(180_000);
  const { smtp, dataDir, app, close } = await openShop(page, 'relance-letter-copy-today-e2e-');
  try {
    await policyWithCopy(page);
    await follow(page, app, 'Boucherie Lambert');
    await app.goTo('Aujourd’hui');
    const action = page.getByRole('list', { name: /Courriers à imprimer/ }).getByRole('listitem', { name: 'Action pour Boucherie Lambert' });
    await action.getByRole('button', { name: 'Imprimer le courrier' }).click();
    const confirm = page.getByRole('dialog', { name: 'Courrier pour Boucherie Lambert' });
    await expect(confirm).toContainText('1 courrier partira aussi par e-mail');
    await confirm.getByRole('checkbox', { name: 'Envoyer aussi la copie par e-mail' }).uncheck();
    const popup = page.waitForEvent('popup');
    await confirm.getByRole('button', { name: 'Imprimer' }).click();
    await expect(page.getByText('Mise en demeure pour Boucherie Lambert préparé et archivé.')).toBeVisible({ timeout: 60_000 });
    await (await popup).close();
    await expect(page.getByText('La copie part aussi par e-mail à Boucherie Lambert.')).toHaveCount(0);

    // Declined: no copy in the archive; sent later on demand, to the address the customer has.
    await app.goTo('Courriers');
    const archive = page.getByRole('table', { name: 'Courriers archivés' });
    const row = archive.getByRole('row').filter({ hasText: 'Boucherie Lambert' });
    await expect(row).not.toContainText('Copie par e-mail');
    await row.getByRole('button', { name: 'Envoyer par e-mail le courrier à Boucherie Lambert' }).click();
    const dialog = page.getByRole('dialog', { name: 'Envoyer le courrier par e-mail à Boucherie Lambert' });
    await expect(dialog.getByRole('textbox', { name: 'Destinataire' })).toHaveValue('gilles@boucherie-lambert.example.org');
    await dialog.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await expect(page.getByText('Copie du courrier mise en envoi à gilles@boucherie-lambert.example.org.')).toBeVisible();
    const toLambert = () => smtp.received.filter((m) => toOf(m).includes('gilles@boucherie-lambert.example.org'));
    await expect.poll(() => toLambert().length, { timeout: 30_000 }).toBe(1);
    const [attached] = pdfOf(toLambert()[0]!);
    expect(Buffer.compare(attached!.content, readFileSync(archivedNotice(dataDir, 'Boucherie Lambert')))).toBe(0);
    await expect(row).toContainText('Copie par e-mail : envoyée', { timeout: 30_000 });
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await close();
  }
});
