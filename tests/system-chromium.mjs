import { existsSync } from 'node:fs';

/**
 * Debian's Chromium and the flags every test and benchmark starts it with (playwright.config.ts,
 * tests/bench/browser/measures.mjs): browsers are never downloaded here. Plain JavaScript so that
 * the benchmark scripts (plain Node) and the Playwright config share one list.
 */
export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
