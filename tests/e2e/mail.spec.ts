import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { AppPage } from './pages/app-page';
import { configureSmtp, startSmtp, toOf } from './pages/smtp';
import { startHost, stopHost } from './pages/web-host-process';

/** A region of the page, in page coordinates from the top, so that the fixed header is not drawn over it. */
async function screenshotOf(page: Page, region: Locator, path: string) {
  const clip = await region.evaluate((el) => {
    window.scrollTo(0, 0);
    const rect = el.getBoundingClientRect();
    return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
  });
  await page.screenshot({ path, fullPage: true, clip });
}

/** A loopback port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

test('SMTP set up in the settings, the day’s emails approved in Today, received by the server and shown as sent', async ({ page }) => {
  test.setTimeout(120_000);
  const smtp = await startSmtp();
  const dataDir = mkdtempSync(join(tmpdir(), 'relance-mail-e2e-'));
  const host = await startHost(dataDir);
  const app = new AppPage(page);
  try {
    await page.goto(host.url);
    await expect(app.navigation).toBeVisible();
    await app.loadDemo();

    // Emails wait in Today while sending is not set up.
    await app.goTo('Aujourd’hui');
    const emails = page.getByRole('list', { name: /E-mails à envoyer/ });
    await expect(emails.getByRole('listitem').nth(2)).toBeVisible();

    // A wrong port first: the test email says what is wrong, in plain words.
    await app.goTo('Réglages');
    let section = await configureSmtp(page, await closedPort());
    await section.getByRole('textbox', { name: 'Envoyer un e-mail de test à' }).fill('sophie@boulangerie-martin.fr');
    await section.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
    await expect(section.getByRole('alert')).toContainText('Le serveur refuse la connexion sur ce port : vérifiez le port.');
    await expect(page.getByText('Réglages d’envoi enregistrés.')).toBeHidden();
    section = await configureSmtp(page, smtp.port);
    await section.getByRole('textbox', { name: 'Envoyer un e-mail de test à' }).fill('sophie@boulangerie-martin.fr');
    await section.getByRole('button', { name: 'Envoyer un e-mail de test' }).click();
    await expect(section.getByRole('status')).toContainText('E-mail de test envoyé à sophie@boulangerie-martin.fr');
    const isTest = (m: ParsedMail) => m.subject === 'Relance : e-mail de test';
    expect(smtp.received.filter(isTest).map(toOf)).toEqual([['sophie@boulangerie-martin.fr']]);
    await screenshotOf(page, section, 'docs/screenshots/settings-mail.png');

    // Today: review one email, then approve all the others at once. (Automatic steps may have left on
    // their own if this runs during business hours: the others wait for approval.)
    await app.goTo('Aujourd’hui');
    // Whatever left on its own (automatic steps during business hours) is gone before the server is
    // told to refuse the next message.
    const outbox = page.getByRole('list', { name: 'E-mails de relance' });
    const pending = outbox.getByText(/En attente d’envoi|Envoi en cours|Nouvel essai/);
    await expect(pending).toHaveCount(0, { timeout: 30_000 });
    // The first email still waiting for approval, of a customer who has an address.
    const label = await emails
      .getByRole('listitem')
      .filter({ hasNotText: 'Aucune adresse e-mail' })
      .first()
      .getAttribute('aria-label');
    const customer = label!.replace(/^Action pour /, '');
    const chosen = emails.getByRole('listitem', { name: `Action pour ${customer}` });
    await chosen.getByRole('button', { name: 'Relire et envoyer' }).click();
    const dialog = page.getByRole('dialog', { name: `E-mail à ${customer}` });
    await expect(dialog.getByRole('textbox', { name: 'Message' })).toHaveValue(/Sophie Martin — Boulangerie Martin/);
    await dialog.getByRole('textbox', { name: 'Objet' }).fill(`${customer} : votre facture en attente`);
    smtp.refuseNext();
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(page.getByText(`E-mail à ${customer} mis en envoi.`)).toBeVisible();
    // Refused for good: needs attention with the cause and the server's words, and the step is back.
    const chosenRow = outbox.getByRole('listitem', { name: `E-mail à ${customer}` });
    await expect(chosenRow).toContainText('À vérifier');
    await expect(chosenRow).toContainText('Le serveur a refusé le message.');
    await expect(chosenRow).toContainText('5.7.1 Message refused by local policy');
    await expect(chosen).toBeVisible();
    await chosenRow.getByRole('button', { name: 'Réessayer maintenant' }).click();
    await expect(chosenRow).toContainText(/Envoyé le/);
    await expect(chosen).toHaveCount(0);

    const sendAll = page.getByRole('button', { name: /^Envoyer (les \d+ e-mails|l’e-mail)$/ });
    if ((await sendAll.count()) > 0) {
      await sendAll.click();
      await page.getByRole('dialog', { name: 'Envoyer les e-mails du jour' }).getByRole('button', { name: /^Envoyer/ }).click();
      await expect(page.getByText(/^\d+ e-mails? mis en envoi\.$/)).toBeVisible();
    }

    // Every email is sent; only the customer without an address is left in the list.
    await expect(outbox.getByText(/En attente d’envoi|Envoi en cours|Nouvel essai|À vérifier/)).toHaveCount(0, { timeout: 30_000 });
    const sentRows = outbox.getByRole('listitem');
    const sentCount = await sentRows.count();
    expect(sentCount).toBeGreaterThanOrEqual(3);
    await expect(outbox.getByText(/^Envoyé le/)).toHaveCount(sentCount);
    await expect(emails.getByRole('listitem').filter({ hasNotText: 'Aucune adresse e-mail' })).toHaveCount(0);
    await expect(emails.getByRole('listitem', { name: 'Action pour Jean-Pierre Dupont' })).toBeVisible();

    await screenshotOf(page, page.getByRole('region', { name: 'E-mails de relance' }), 'docs/screenshots/today-emails.png');

    // The server got exactly one message per email shown as sent, to that customer's address.
    await expect.poll(() => smtp.received.length).toBe(sentCount + 1);
    for (const address of await outbox.getByText(/^À /).allTextContents()) {
      expect(smtp.received.filter((m) => toOf(m).includes(address.replace(/^À /, '').trim()))).toHaveLength(1);
    }
    const chosenAddress = (await chosenRow.getByText(/^À /).textContent())!.replace(/^À /, '').trim();
    const toChosen = smtp.received.filter((m) => toOf(m).includes(chosenAddress));
    expect(toChosen).toHaveLength(1);
    expect(toChosen[0]!.subject).toBe(`${customer} : votre facture en attente`);
    expect(toChosen[0]!.text).toContain('Sophie Martin — Boulangerie Martin');
    expect(toChosen[0]!.from?.value[0]?.address).toBe('contact@boulangerie-martin.fr');
    for (const mail of smtp.received.filter((m) => !isTest(m))) {
      expect(mail.text).toMatch(/F-\d{4}-\d+/);
      expect(mail.html || '').toContain('<p>');
      expect(mail.messageId).toMatch(/^<relance\./);
    }
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await stopHost(host.child);
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a firm email carries the statement of account: shown in the review, removable, received attached with the invoices', async ({ page }) => {
  test.setTimeout(120_000);
  const smtp = await startSmtp();
  const dataDir = mkdtempSync(join(tmpdir(), 'relance-mail-statement-e2e-'));
  const host = await startHost(dataDir);
  const app = new AppPage(page);
  try {
    await page.goto(host.url);
    await expect(app.navigation).toBeVisible();
    await app.loadDemo();
    await app.fillShopIdentity();
    await configureSmtp(page, smtp.port);

    // The demo's firm step (D+15 "relance ferme avec relevé de compte") for a customer with an address.
    await app.goTo('Aujourd’hui');
    const emails = page.getByRole('list', { name: /E-mails à envoyer/ });
    const customer = 'Hôtel des Voyageurs';
    await emails.getByRole('listitem', { name: `Action pour ${customer}` }).getByRole('button', { name: 'Relire et envoyer' }).click();
    const dialog = page.getByRole('dialog', { name: `E-mail à ${customer}` });
    const attachments = dialog.getByRole('group', { name: 'Pièces jointes' });
    await expect(attachments).toContainText('Relevé de compte (PDF)');
    // Removed, then attached again: the user decides.
    await attachments.getByRole('button', { name: 'Retirer le relevé de compte' }).click();
    await expect(attachments).toContainText('Le relevé de compte ne sera pas joint.');
    await attachments.getByRole('button', { name: 'Joindre le relevé de compte' }).click();
    await expect(attachments.getByRole('button', { name: 'Retirer le relevé de compte' })).toBeVisible();
    const numbers = ((await dialog.getByRole('textbox', { name: 'Message' }).inputValue()).match(/F-\d{4}-\d+/g) ?? []);
    expect(numbers.length).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Envoyer' }).click();
    await expect(page.getByText(`E-mail à ${customer} mis en envoi.`)).toBeVisible();

    const outbox = page.getByRole('list', { name: 'E-mails de relance' });
    await expect(outbox.getByRole('listitem', { name: `E-mail à ${customer}` })).toContainText(/Envoyé le/, { timeout: 30_000 });
    await expect.poll(() => smtp.received.filter((m) => toOf(m).includes('isabelle@hotel-des-voyageurs.example.com')).length).toBe(1);
    const mail = smtp.received.find((m) => toOf(m).includes('isabelle@hotel-des-voyageurs.example.com'))!;
    const pdfs = mail.attachments.filter((a) => a.contentType === 'application/pdf');
    expect(pdfs.map((a) => a.filename)).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2} Relevé de compte - Hôtel des Voyageurs\.pdf$/)]);
    const pdfPath = join(dataDir, 'attached.pdf');
    writeFileSync(pdfPath, pdfs[0]!.content);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Relevé de compte');
    expect(text).toContain(customer);
    for (const number of numbers) expect(text).toContain(number);

    // The same PDF is the archive the customer's timeline opens from the email.
    await app.goTo('Clients');
    await page.getByRole('link', { name: customer }).first().click();
    await expect(page.getByRole('button', { name: 'Ouvrir le PDF' }).first()).toBeEnabled();
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await stopHost(host.child);
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('SMS and WhatsApp: the message drafted, opened in the phone’s app, marked as sent; no mobile, a warning', async ({ page }) => {
  // What the app asks the system to open (sms:, wa.me) is kept instead of leaving the page.
  await page.addInitScript(() => {
    const opened: string[] = [];
    (window as unknown as { openedLinks: string[] }).openedLinks = opened;
    window.open = (url?: string | URL) => {
      opened.push(String(url));
      return null;
    };
  });
  const app = new AppPage(page);
  await app.open();
  await app.loadDemo();
  // Set-up the screens do not offer yet: two customers follow a policy with an SMS or WhatsApp step,
  // the second one without a mobile number.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('relance');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['policies', 'customers'], 'readwrite');
    const step = (channel: string, templateId: string) => ({ id: `${channel}-1`, offsetDays: 1, channel, tone: 'friendly', templateId, newDeadlineDays: 8, automatic: false });
    tx.objectStore('policies').put({ id: 'e2e-sms', name: 'Par SMS', builtIn: false, steps: [step('sms', 'sms-reminder')] });
    tx.objectStore('policies').put({ id: 'e2e-whatsapp', name: 'Par WhatsApp', builtIn: false, steps: [step('whatsapp', 'whatsapp-reminder')] });
    const customers = tx.objectStore('customers');
    const update = (id: string, change: (customer: Record<string, unknown>) => void) => {
      const request = customers.get(id);
      request.onsuccess = () => {
        const customer = request.result as Record<string, unknown>;
        change(customer);
        customers.put(customer);
      };
    };
    update('demo-customer-16', (c) => (c.policyId = 'e2e-sms'));
    update('demo-customer-19', (c) => {
      c.policyId = 'e2e-whatsapp';
      c.contacts = (c.contacts as Record<string, unknown>[]).map(({ mobile: _mobile, ...contact }) => contact);
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
  await page.reload();

  const messages = page.getByRole('list', { name: /SMS et WhatsApp à envoyer/ });
  const noMobile = messages.getByRole('listitem', { name: 'Action pour Atelier Couture Perrin' });
  await expect(noMobile).toContainText('Pas de numéro de mobile : ajoutez-le sur la fiche du client pour lui écrire.');
  await expect(noMobile.getByRole('button', { name: /Préparer/ })).toHaveCount(0);

  const librairie = messages.getByRole('listitem', { name: 'Action pour Librairie des Halles' });
  await librairie.getByRole('button', { name: 'Préparer le SMS' }).click();
  const dialog = page.getByRole('dialog', { name: 'SMS à Librairie des Halles' });
  const text = dialog.getByRole('textbox', { name: 'Message' });
  await expect(text).toHaveValue(/F-\d{4}-\d+/);
  await text.fill(`${await text.inputValue()} Merci & à bientôt !`);
  const typed = await text.inputValue();
  await dialog.getByRole('button', { name: 'Ouvrir dans Messages' }).click();
  const openedLinks = () => page.evaluate(() => (window as unknown as { openedLinks: string[] }).openedLinks);
  await expect.poll(async () => (await openedLinks()).length).toBe(1);
  const opened = await openedLinks();
  expect(opened[0]).toMatch(/^sms:\+3363998\d{4}\?body=/);
  expect(new URLSearchParams(new URL(opened[0]!).search).get('body')).toBe(typed);

  await dialog.getByRole('button', { name: 'Marquer comme envoyé' }).click();
  await expect(page.getByText('Message à Librairie des Halles enregistré dans l’historique.')).toBeVisible();
  await expect(librairie).toHaveCount(0);
  expect(app.consoleErrors).toEqual([]);
});
