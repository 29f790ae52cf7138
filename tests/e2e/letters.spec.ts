import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
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

/** The app with the demo data and the shop's identity (what every letter needs), as each test starts. */
async function demoShop(page: Page): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open();
  await app.loadDemo();
  await app.fillShopIdentity();
  return app;
}

test.describe('Courriers', () => {
  test('warms the letter workers once letters are due, without archiving or recording anything', async ({ page }) => {
    const warmUps: unknown[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/call/letters.warmUp')) warmUps.push(response.json());
    });
    const app = await demoShop(page);
    const before = archivedLetters().length;

    await app.goTo('Courriers');
    const due = page.getByRole('table', { name: 'Courriers à imprimer aujourd’hui' });
    await expect(due.getByRole('row').filter({ hasText: 'Boucherie Lambert' })).toContainText('Mise en demeure');
    const archive = page.getByRole('table', { name: 'Courriers archivés' });
    const archivedRows = await archive.getAttribute('aria-rowcount');
    // Asked 2 s after the letters show, answered once both workers laid out their throwaway letter.
    await expect.poll(() => warmUps.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await Promise.all(warmUps)).toContainEqual({ ok: true, result: { warmed: true } });
    await page.waitForTimeout(500);
    expect(warmUps).toHaveLength(1); // once per window, not at every render
    expect(archivedLetters()).toHaveLength(before);
    expect(await archive.getAttribute('aria-rowcount')).toBe(archivedRows);
    await expect(due.getByRole('row').filter({ hasText: 'Boucherie Lambert' })).toContainText('Mise en demeure');
  });

  test('prints today’s letters into one PDF, archives each, marks one as posted, shows it on the customer page', async ({ page }) => {
    const app = await demoShop(page);
    const before = archivedLetters().length;

    await app.goTo('Courriers');
    await expect(app.heading('Courriers')).toBeVisible();
    const due = page.getByRole('table', { name: 'Courriers à imprimer aujourd’hui' });
    const lambert = due.getByRole('row').filter({ hasText: 'Boucherie Lambert' });
    await expect(lambert).toContainText('Mise en demeure');
    const dueCount = (await due.getByRole('row').count()) - 1;
    const blocked = await due.getByRole('row').filter({ hasText: 'Impossible' }).count();
    const printable = dueCount - blocked;
    expect(printable).toBeGreaterThan(0);

    // Browser mode: the PDF opens in a new tab (opened at the click, shown the PDF when ready).
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: `Imprimer les courriers du jour (${printable})` }).click();
    const progress = page.getByRole('dialog', { name: 'Préparation des courriers' });
    // At 0 % the bar's filled section has no width (Playwright calls it hidden) while the first
    // letter renders, which takes seconds on a loaded machine: it must be there, not wide.
    await expect(progress.getByRole('progressbar', { name: 'Avancement de la préparation des courriers' })).toBeAttached();
    await expect(progress).toContainText(printable === 1 ? '1 courrier préparé et archivé.' : `${printable} courriers préparés et archivés.`, { timeout: 30_000 });
    await expect(progress).toContainText('Le PDF est ouvert dans un nouvel onglet');
    const tab = await popup;
    await expect.poll(() => tab.url()).toMatch(/^blob:/);
    await tab.close();
    await progress.getByRole('button', { name: 'Fermer', exact: true }).click();

    // Each letter is its own PDF in the data folder.
    const files = archivedLetters();
    expect(files.length - before).toBe(printable);
    for (const file of files) expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const notice = files.find((file) => file.includes('Mise en demeure - Boucherie Lambert'));
    expect(notice).toBeDefined();
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', notice!, '-'], { encoding: 'utf8' });
    expect(text).toContain('Lettre recommandée avec accusé de réception');
    expect(text).toContain('Quincaillerie Martin');

    // Printed letters are done: they leave the day's list and fill the archive.
    await expect(due.getByRole('row').filter({ hasText: 'Boucherie Lambert' })).toHaveCount(0);
    const archive = page.getByRole('table', { name: 'Courriers archivés' });
    await expect.poll(async () => Number(await archive.getAttribute('aria-rowcount')) - 1).toBe(printable);

    // Mark the formal notice as posted with its recorded-delivery number.
    await archive.getByRole('button', { name: 'Marquer comme posté le courrier à Boucherie Lambert' }).click();
    const posted = page.getByRole('dialog', { name: /Courrier posté/ });
    await posted.getByRole('textbox', { name: 'Numéro de recommandé' }).fill('1A 123 456 7890 1');
    await posted.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Envoi enregistré.')).toBeVisible();
    await expect(archive.getByRole('row').filter({ hasText: 'Boucherie Lambert' })).toContainText('recommandé n° 1A 123 456 7890 1');

    // The archived copy opens again (browser mode: a new tab).
    const reopened = page.waitForEvent('popup');
    await archive.getByRole('button', { name: 'Ouvrir le courrier à Boucherie Lambert' }).click();
    const copy = await reopened;
    await expect.poll(() => copy.url()).toMatch(/^blob:/);
    await copy.close();

    // The filter: only the posted one, then the others.
    const filter = page.getByRole('combobox', { name: 'Afficher' });
    await filter.click();
    await page.getByRole('option', { name: 'Postés' }).click();
    await expect.poll(async () => Number(await archive.getAttribute('aria-rowcount')) - 1).toBe(1);
    await filter.click();
    await page.getByRole('option', { name: 'À poster' }).click();
    await expect.poll(async () => Number(await archive.getAttribute('aria-rowcount')) - 1).toBe(printable - 1);
    await filter.click();
    await page.getByRole('option', { name: 'Tous' }).click();
    await page.getByText('Envoi enregistré.').waitFor({ state: 'hidden' });
    // The README's picture of this screen: the day's letters printed, one of them posted.
    await page.screenshot({ path: 'docs/screenshots/letters.png' });

    // The letter is in the customer's history.
    await archive.getByRole('link', { name: 'Boucherie Lambert' }).click();
    await expect(app.heading('Boucherie Lambert')).toBeVisible();
    await expect(page.getByText('Mise en demeure de payer', { exact: false }).first()).toBeVisible();
    expect(app.consoleErrors).toEqual([]);
  });

  test('Today: a letter printed from its action is archived and leaves the day’s list', async ({ page }) => {
    const app = await demoShop(page);
    await app.goTo('Aujourd’hui');
    const section = page.getByRole('list', { name: /Courriers à imprimer/ });
    const lambert = section.getByRole('listitem', { name: 'Action pour Boucherie Lambert' });
    await expect(lambert).toBeVisible();
    const count = await section.getByRole('listitem').count();
    await expect(page.getByRole('button', { name: `Tout imprimer (${count})` })).toBeVisible();

    const notices = () => archivedLetters().filter((file) => file.includes('Mise en demeure - Boucherie Lambert')).length;
    const before = notices();
    const popup = page.waitForEvent('popup');
    await lambert.getByRole('button', { name: 'Imprimer le courrier' }).click();
    await expect(page.getByText('Mise en demeure pour Boucherie Lambert préparé et archivé.')).toBeVisible();
    const tab = await popup;
    await expect.poll(() => tab.url()).toMatch(/^blob:/);
    await expect(lambert).toHaveCount(0);
    expect(notices()).toBe(before + 1);
  });

  test('a statement of account for any customer from the customer page', async ({ page }) => {
    const app = await demoShop(page);
    await app.goTo('Clients');
    await page.getByRole('link', { name: 'Hôtel des Voyageurs' }).click();
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Préparer un courrier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Préparer un courrier pour Hôtel des Voyageurs' });
    await expect(dialog.getByRole('combobox', { name: 'Type de courrier' })).toHaveValue('Relevé de compte');
    await dialog.getByRole('button', { name: 'Préparer le courrier' }).click();
    await expect(page.getByText('Relevé de compte pour Hôtel des Voyageurs préparé et archivé.')).toBeVisible();
    const tab = await popup;
    await expect.poll(() => tab.url()).toMatch(/^blob:/);
    const statements = archivedLetters().filter((file) => file.includes('Relevé de compte - Hôtel des Voyageurs'));
    expect(statements).toHaveLength(1);
    const statement = statements[0];
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', statement!, '-'], { encoding: 'utf8' })).toContain('Relevé de compte');
  });
});
