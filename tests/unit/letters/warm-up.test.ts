import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { letterInputSchema, letterMethods } from '../../../src-main/contract/letters';
import { createLetterService, LETTER_WORKERS } from '../../../src-main/services/letters';
import type { Platform } from '../../../src-main/services/platform';
import { WARM_UP_LETTER, warmUpLetters } from '../../../src-main/services/letters/warm-up';
import { createWorkerRenderer, type WorkerRenderer } from '../../../src-main/services/letters/worker-client';
import { letter } from './fixtures';

let dataDir: string;
let workers: WorkerRenderer | undefined;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relance-warm-up-'));
});
afterEach(async () => {
  await workers?.stop();
  workers = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

async function warmUp(options: Parameters<typeof createLetterService>[2] = {}) {
  const { handlers } = await createLetterService({ dataDir } as Platform, { emit: () => undefined }, options);
  const args = letterMethods['letters.warmUp'].args.parse({});
  return letterMethods['letters.warmUp'].result.parse(await handlers['letters.warmUp'](args));
}

/** The worker electron-vite built (`npx electron-vite build`), when there is one. */
const chunks = join(process.cwd(), 'out', 'main', 'chunks');
const built = existsSync(chunks) ? readdirSync(chunks).find((name) => /^render-worker-.*\.js$/.test(name)) : undefined;

describe('warming the letters up', () => {
  it('lays out a valid throwaway letter of several sheets, merged', async () => {
    expect(letterInputSchema.parse(WARM_UP_LETTER)).toEqual(WARM_UP_LETTER);
    expect(await warmUpLetters()).toBeGreaterThanOrEqual(2);
  });

  it('takes no arguments', () => {
    expect(letterMethods['letters.warmUp'].args.safeParse({ letters: [] }).success).toBe(false);
  });

  it('does nothing where letters are rendered in this process (no worker), and writes nothing', async () => {
    expect(await warmUp()).toEqual({ warmed: false });
    expect(await readdir(dataDir)).toEqual([]);
  });

  it.skipIf(!built)('warms both built workers, writes nothing, and the next letters come from warm workers', async () => {
    workers = createWorkerRenderer(join(chunks, built ?? ''), { size: LETTER_WORKERS });
    expect(await warmUp({ workers })).toEqual({ warmed: true });
    expect(await readdir(dataDir)).toEqual([]); // no archive, no print copy: nothing in the data folder
    const started = performance.now();
    const [one, two] = await Promise.all([workers.render([letter()]), workers.render([letter()])]);
    // Cold, a worker takes seconds for its first letter (modules, fonts, compiling); warm, well under one.
    expect(performance.now() - started).toBeLessThan(2500);
    expect(one.pages + two.pages).toBe(2);
    expect(await warmUp({ workers })).toEqual({ warmed: true }); // asked again: answered at once
  });
});
