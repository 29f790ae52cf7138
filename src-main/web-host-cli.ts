import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebHost } from './web-host';
import { createWebPlatform } from './services/web-platform';
import { defaultDataDir } from './services/data-dir';
import { writeFileAtomic } from './services/files';

/**
 * `npm run web`: serves the built renderer and the main-process services on 127.0.0.1.
 *
 * The browser keeps the shop's data (IndexedDB) per origin, and the origin includes the port: the
 * host therefore reuses the port it used last time (kept in the data folder), so that the data is
 * still there after a restart. RELANCE_PORT forces a port; RELANCE_DATA_DIR the data folder.
 * RELANCE_WEB_TOKEN is for test automation only: by default the token is random for every run.
 */
async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = resolve(here, '../renderer');
  const dataDir = defaultDataDir();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const stateFile = join(dataDir, 'web-host.json');
  const remembered = await readFile(stateFile, 'utf8')
    .then((text) => Number((JSON.parse(text) as { port?: unknown }).port))
    .catch(() => NaN);
  const requested = process.env.RELANCE_PORT ? Number(process.env.RELANCE_PORT) : remembered;
  const version = await readFile(resolve(here, '../../package.json'), 'utf8')
    .then((text) => String((JSON.parse(text) as { version?: unknown }).version))
    .catch(() => '0.0.0');
  const platform = createWebPlatform({ dataDir, appVersion: version, exportDir: process.env.RELANCE_EXPORT_DIR });
  const token = process.env.RELANCE_WEB_TOKEN || undefined;

  let host;
  try {
    host = await startWebHost({ platform, rendererDir, port: Number.isInteger(requested) ? requested : 0, token });
  } catch (error) {
    if (process.env.RELANCE_PORT) throw error;
    console.warn(
      `Port ${requested} is busy: using another one. The data typed in the browser at the old address stays there.`,
    );
    host = await startWebHost({ platform, rendererDir, port: 0, token });
  }
  await writeFileAtomic(stateFile, new TextEncoder().encode(JSON.stringify({ port: host.port })));

  console.log(`Relance (mode navigateur) est prêt / is ready:\n\n  ${host.openUrl}\n`);
  console.log(`Données / data folder: ${dataDir}`);
  console.log('Ctrl+C pour arrêter / to stop.');

  const shutdown = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`Relance web host could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
