import { expect, type Page } from '@playwright/test';
import type { AppPage } from './app-page';

/** The shop's name, address and IBAN in the settings: what a letter needs to be written. */
export async function fillShopIdentity(page: Page, app: AppPage) {
  await app.goTo('Réglages');
  await page.getByRole('textbox', { name: 'Nom du commerce' }).fill('Quincaillerie Martin');
  await page.getByRole('textbox', { name: 'Adresse', exact: true }).fill('5 rue Mercière');
  await page.getByRole('textbox', { name: 'Code postal' }).fill('69002');
  await page.getByRole('textbox', { name: 'Ville' }).fill('Lyon');
  await page.getByRole('textbox', { name: 'IBAN' }).fill('FR76 3000 6000 0112 3456 7890 189');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('Enregistré', { exact: true })).toBeVisible();
}
