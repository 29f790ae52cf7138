import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost } from '../../../src-main/web-host';
import { createWebPlatform } from '../../../src-main/services/web-platform';
import { buildBridge } from '../../../src-main/preload/bridge';
import { createHttpTransport } from '../../../src-renderer/os/http-transport';
import type { RelanceBridge } from '../../../src-main/contract/methods';
import { defineContractSuite } from './contract-suite';

defineContractSuite('HTTP (web host)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'relance-http-'));
  const rendererDir = join(dir, 'renderer');
  await writeFile(join(dir, 'placeholder'), '');
  const platform = createWebPlatform({ dataDir: join(dir, 'data'), appVersion: '0.1.0', exportDir: join(dir, 'exports') });
  const host = await startWebHost({ platform, rendererDir });
  const transport = createHttpTransport({ baseUrl: host.url, token: host.token });
  return {
    bridge: buildBridge(transport) as RelanceBridge,
    transport,
    expectedShell: 'web',
    teardown: async () => {
      await host.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
