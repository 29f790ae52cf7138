import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppPage } from './pages/app-page';
import { startHost, stopHost as stop } from './pages/web-host-process';

test('the data survives a restart of the web host (same port, new token)', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'relance-restart-'));
  const first = await startHost(dataDir);
  const app = new AppPage(page);
  try {
    await page.goto(first.url);
    await app.loadDemo();
    await app.goTo('Factures');
    const invoices = await app.rowCount('Liste des factures');
    expect(invoices).toBeGreaterThan(300);
    await stop(first.child);

    const second = await startHost(dataDir);
    try {
      const firstUrl = new URL(first.url);
      const secondUrl = new URL(second.url);
      // The host reuses its port, so the browser's data (kept per origin) is still there...
      expect(secondUrl.port).toBe(firstUrl.port);
      expect(JSON.parse(readFileSync(join(dataDir, 'web-host.json'), 'utf8')).port).toBe(Number(secondUrl.port));
      // ...but the token is new: the old one no longer opens the API.
      expect(secondUrl.searchParams.get('token')).not.toBe(firstUrl.searchParams.get('token'));
      await page.goto(second.url + '#/invoices');
      await expect.poll(() => app.rowCount('Liste des factures')).toBe(invoices);
    } finally {
      await stop(second.child);
    }
  } finally {
    if (first.child.exitCode === null) await stop(first.child);
  }
});
