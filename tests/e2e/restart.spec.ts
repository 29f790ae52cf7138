import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppPage } from './pages/app-page';

/** Starts `npm run web`'s host as a user would, and reads the address it prints. */
function startHost(dataDir: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['out/main/web-host.js'], {
      env: { ...process.env, RELANCE_DATA_DIR: dataDir, RELANCE_EXPORT_DIR: join(dataDir, 'exports'), RELANCE_WEB_TOKEN: '', RELANCE_PORT: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[0] });
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

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
