import { defineConfig, devices } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from './tests/system-chromium.mjs';

/**
 * End-to-end tests drive the real renderer in a real Chromium, against the real web host (the same
 * services as Electron). Debian's Chromium is used when present (browser downloads are impossible on
 * the build machines); elsewhere Playwright's own.
 *
 * The token and data folder are made once here; workers inherit them through the environment.
 */
process.env.RELANCE_E2E_PORT ??= '47811';
process.env.RELANCE_WEB_TOKEN ??= randomBytes(24).toString('base64url');
process.env.RELANCE_E2E_DATA ??= mkdtempSync(join(tmpdir(), 'relance-e2e-'));

if (!existsSync('out/renderer/index.html') || !existsSync('out/main/web-host.js')) {
  execSync('npx electron-vite build', { stdio: 'inherit' });
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${process.env.RELANCE_E2E_PORT}/`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: SYSTEM_CHROMIUM
          ? {
              executablePath: SYSTEM_CHROMIUM,
              args: CHROMIUM_ARGS,
            }
          : {},
      },
    },
  ],
  webServer: {
    command: 'node out/main/web-host.js',
    url: `http://127.0.0.1:${process.env.RELANCE_E2E_PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    env: {
      RELANCE_PORT: process.env.RELANCE_E2E_PORT,
      RELANCE_DATA_DIR: process.env.RELANCE_E2E_DATA,
      RELANCE_EXPORT_DIR: join(process.env.RELANCE_E2E_DATA, 'exports'),
      RELANCE_WEB_TOKEN: process.env.RELANCE_WEB_TOKEN,
    },
  },
});
