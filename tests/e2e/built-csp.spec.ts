import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { AppPage } from './pages/app-page';

/**
 * The CSP of the BUILT renderer (out/renderer/index.html, what Electron and the web host serve),
 * not only of the source: a build step that inlined a script or added a remote origin would show
 * here. Then, in the page, an inline script and a remote script are really refused.
 */
test('the built page forbids inline and remote scripts', async ({ page }) => {
  const html = readFileSync('out/renderer/index.html', 'utf8');
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  expect(policy).toBeDefined();
  const scriptSrc = policy!.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  expect(scriptSrc).toBe("script-src 'self'");
  expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
  // No inline script in the built page itself: every <script> has a same-origin src.
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/src="\/?(\.\/)?assets\//);

  const app = new AppPage(page);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/.test(message.text())) violations.push(message.text());
  });
  await app.open();
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { inlineRan?: boolean; remoteRan?: boolean };
    const inline = document.createElement('script');
    inline.textContent = 'window.inlineRan = true;';
    document.body.append(inline);
    const remote = document.createElement('script');
    remote.src = 'https://example.com/evil.js';
    const settled = new Promise((resolve) => {
      remote.onload = resolve;
      remote.onerror = resolve;
    });
    document.body.append(remote);
    await settled;
    return { inline: w.inlineRan === true, remote: w.remoteRan === true };
  });
  expect(ran).toEqual({ inline: false, remote: false });
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
});
