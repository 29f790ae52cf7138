/**
 * tests/bench/shop.ts (the one generator of the benches) loaded from plain Node through Vite's
 * module runner, which compiles the TypeScript and its imports from src-renderer/domain as vitest
 * does. The browser scripts are plain Node because they drive Playwright, not vitest.
 */
import { runnerImport } from 'vite';

export async function loadShopModule() {
  const { module } = await runnerImport('./tests/bench/shop.ts', { configFile: false, logLevel: 'error' });
  return module;
}
