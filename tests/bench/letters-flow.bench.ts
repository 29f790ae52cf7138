import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, bench, describe } from 'vitest';
import { LETTER_WORKERS } from '../../src-main/services/letters';
import { createWorkerRenderer, type WorkerRenderer } from '../../src-main/services/letters/worker-client';
import { benchNote, groupName } from './bench-names';
import { noticesOf } from './letter-notices';
import { benchSizes } from './shop';

/**
 * "Print today's letters" as the app runs it, in the built letters worker threads (out/: run
 * `npx electron-vite build` first): 100 formal notices, each laid out alone (its archive), two at a
 * time on the two threads, then the archives merged into the one PDF printed. What the shopkeeper
 * waits for, beside letters.bench.ts's single batch on one thread. Files are not written (the disk
 * is not what is measured). Target: the 100 notices into one PDF under 3 s.
 */
const chunks = join(process.cwd(), 'out', 'main', 'chunks');
const built = existsSync(chunks) ? readdirSync(chunks).find((file) => /^render-worker-.*\.js$/.test(file)) : undefined;
if (!built) benchNote('letters flow: no built worker in out/main/chunks (run npx electron-vite build): not measured');
const notices = noticesOf(100);

// Measured at 100× only (a shop with 100,000 invoices prints about 100 notices a day).
describe.skipIf(!built || !benchSizes().includes(100))(groupName('letters-flow', 100), () => {
  let pool: WorkerRenderer | undefined;
  const threads = () => (pool ??= createWorkerRenderer(join(chunks, built!), { size: LETTER_WORKERS }));
  afterAll(() => pool?.stop());

  bench('anchor: the same 100 notices as one document, laid out once in one thread', async () => {
    await threads().render(notices);
  }, { iterations: 3, warmupIterations: 1 });

  bench(
    'each notice laid out alone for its archive, two at a time, then merged (the app)',
    async () => {
      const files: Uint8Array[] = new Array(notices.length);
      let next = 0;
      const work = async () => {
        while (next < notices.length) {
          const index = next++;
          files[index] = (await threads().render([notices[index]!])).pdf;
        }
      };
      await Promise.all(Array.from({ length: LETTER_WORKERS }, work));
      await threads().merge(files);
    },
    { iterations: 3, warmupIterations: 1 },
  );
});
