import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * The renderer's index.html carries the strict CSP used in production (Electron and the web host).
 * Vite's dev server needs an inline React Refresh preamble and a websocket, so in `electron-vite dev`
 * only we relax the policy; built files always keep the strict one.
 */
function devCspRelaxation(): Plugin {
  return {
    name: 'relance-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*");
    },
  };
}

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // The Electron entry and the plain-Node web host are built together: they share the
          // contract, the dispatcher and the services.
          index: resolve(root, 'src-main/electron/index.ts'),
          'web-host': resolve(root, 'src-main/web-host-cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // The sandboxed preload cannot require() node_modules: bundle everything it uses.
      externalizeDeps: false,
      outDir: 'out/preload',
      lib: { entry: resolve(root, 'src-main/preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: 'index.cjs' } },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), devCspRelaxation()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
