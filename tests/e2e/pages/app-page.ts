import { expect, type Page } from '@playwright/test';

/**
 * Chromium's complaint when Playwright's trace snapshotter (trace: 'retain-on-failure') tries to run
 * its script in a frame sandboxed without scripts — the email preview of Settings › Message templates.
 * The app runs no script there; without tracing the message never appears.
 */
const TOOL_MESSAGES = /^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/;

/** The app as a user sees it: navigation by link names, screens by their headings. */
export class AppPage {
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error' && !TOOL_MESSAGES.test(message.text())) this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(error.message));
  }

  static token(): string {
    const token = process.env.RELANCE_WEB_TOKEN;
    if (!token) throw new Error('RELANCE_WEB_TOKEN is not set (playwright.config.ts sets it)');
    return token;
  }

  async open(hash = ''): Promise<void> {
    await this.page.goto(`/?token=${encodeURIComponent(AppPage.token())}${hash}`);
    await expect(this.navigation).toBeVisible();
  }

  get navigation() {
    return this.page.getByRole('navigation');
  }

  async goTo(linkName: string | RegExp): Promise<void> {
    await this.navigation.getByRole('link', { name: linkName }).click();
  }

  heading(name: string | RegExp) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** Loads the demo data from the first screen and waits until it is in the lists. */
  async loadDemo(): Promise<void> {
    await this.page.getByRole('button', { name: /Charger les données de démonstration|Load the demo data/ }).first().click();
    await expect(this.page.getByText(/Données de démonstration chargées|Demo data loaded/)).toBeVisible();
  }

  /** The shop's name, address and IBAN in the settings: what every letter needs (letters, attached statements). */
  async fillShopIdentity(): Promise<void> {
    const page = this.page;
    await this.goTo('Réglages');
    await page.getByRole('textbox', { name: 'Nom du commerce' }).fill('Quincaillerie Martin');
    await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('5 rue Mercière');
    await page.getByRole('textbox', { name: 'Code postal' }).fill('69002');
    await page.getByRole('textbox', { name: 'Ville' }).fill('Lyon');
    await page.getByRole('textbox', { name: 'IBAN' }).fill('FR76 3000 6000 0112 3456 7890 189');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByText('Enregistré', { exact: true })).toBeVisible();
  }

  table(name: string | RegExp) {
    return this.page.getByRole('table', { name });
  }

  /** The number of data rows a virtualised table holds (not only those drawn). */
  async rowCount(name: string | RegExp): Promise<number> {
    const count = await this.table(name).getAttribute('aria-rowcount');
    return Number(count) - 1;
  }
}
