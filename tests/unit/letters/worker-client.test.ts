import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerRenderer, LETTER_WORKER_YOUNG_GENERATION_MB, type WorkerRenderer } from '../../../src-main/services/letters/worker-client';
import { LETTER_WORKER_ROLE } from '../../../src-main/services/letters/worker-protocol';
import { letter, statement } from './fixtures';

/**
 * A stand-in worker speaking the same protocol: "renders" as many pages as letters, fails on a
 * letter whose subject is "fail", and crashes on "crash"; counts its warm-ups, which a letter whose
 * subject is "warm-ups" reads back.
 */
const FAKE_WORKER = `
const { parentPort, workerData, threadId, resourceLimits } = require('node:worker_threads');
if (workerData.role !== ${JSON.stringify(LETTER_WORKER_ROLE)}) throw new Error('wrong role');
let warmUps = 0;
parentPort.on('message', ({ id, op, letters }) => {
  if (op === 'warm') { warmUps += 1; return setTimeout(() => parentPort.postMessage({ id, ok: true, warmed: 2 }), 5); }
  if (letters[0].subject === 'young') return parentPort.postMessage({ id, ok: true, pdf: new TextEncoder().encode(String(resourceLimits.maxYoungGenerationSizeMb)), pages: 1 });
  const subject = letters[0].subject === 'thread' ? 'thread ' + threadId : letters[0].subject === 'warm-ups' ? 'thread ' + threadId + ' warmed ' + warmUps : letters[0].subject;
  if (subject === 'crash') process.exit(3);
  if (subject === 'fail') return parentPort.postMessage({ id, ok: false, message: 'layout failed' });
  const pdf = new TextEncoder().encode('%PDF-' + subject);
  setTimeout(() => parentPort.postMessage({ id, ok: true, pdf, pages: letters.length }, [pdf.buffer]), 5);
});
`;

let renderer: WorkerRenderer | undefined;
afterEach(async () => {
  await renderer?.stop();
  renderer = undefined;
});

describe('createWorkerRenderer', () => {
  it('answers every request with its own result', async () => {
    renderer = createWorkerRenderer(FAKE_WORKER, { eval: true });
    const results = await Promise.all([
      renderer.render([letter({ subject: 'one' })]),
      renderer.render([letter({ subject: 'two' }), letter({ subject: 'two' })]),
    ]);
    expect(results.map((result) => [new TextDecoder().decode(result.pdf), result.pages])).toEqual([
      ['%PDF-one', 1],
      ['%PDF-two', 2],
    ]);
  });

  it("passes the worker's error on", async () => {
    renderer = createWorkerRenderer(FAKE_WORKER, { eval: true });
    await expect(renderer.render([letter({ subject: 'fail' })])).rejects.toThrow('layout failed');
  });

  it('fails the renders of a crashed worker and starts a new one for the next', async () => {
    renderer = createWorkerRenderer(FAKE_WORKER, { eval: true });
    await expect(renderer.render([letter({ subject: 'crash' })])).rejects.toThrow(/exit code 3/);
    const after = await renderer.render([letter({ subject: 'again' })]);
    expect(new TextDecoder().decode(after.pdf)).toBe('%PDF-again');
  });
});

/** The worker electron-vite built (`npx electron-vite build`), when there is one. */
const chunks = join(process.cwd(), 'out', 'main', 'chunks');
const built = existsSync(chunks) ? readdirSync(chunks).find((name) => /^render-worker-.*\.js$/.test(name)) : undefined;
if (!built) console.warn('No built letters worker (run `npx electron-vite build`): the real worker test is skipped');

describe("the letters workers' young generation", () => {
  const youngOf = async (options: { youngGenerationMb?: number }) => {
    renderer = createWorkerRenderer(FAKE_WORKER, { eval: true, ...options });
    const size = Number(new TextDecoder().decode((await renderer.render([letter({ subject: 'young' })])).pdf));
    await renderer.stop();
    return size;
  };

  it('is LETTER_WORKER_YOUNG_GENERATION_MB unless told otherwise, and V8\'s own with 0', async () => {
    expect(await youngOf({})).toBe(LETTER_WORKER_YOUNG_GENERATION_MB);
    expect(await youngOf({ youngGenerationMb: 24 })).toBe(24);
    expect(await youngOf({ youngGenerationMb: 0 })).not.toBe(LETTER_WORKER_YOUNG_GENERATION_MB);
  });
});

describe('createWorkerRenderer with two workers', () => {
  const threadsOf = async (size: number) => {
    renderer = createWorkerRenderer(FAKE_WORKER, { eval: true, size });
    const results = await Promise.all([1, 2, 3, 4].map(() => renderer!.render([letter({ subject: 'thread' })])));
    return new Set(results.map((result) => new TextDecoder().decode(result.pdf)));
  };

  it('lays out concurrent letters in two threads', async () => {
    expect((await threadsOf(2)).size).toBe(2);
  });

  it('keeps to one thread when asked for one, and starts the second only when two letters wait', async () => {
    expect((await threadsOf(1)).size).toBe(1);
    await renderer?.stop();
    renderer = createWorkerRenderer(FAKE_WORKER, { eval: true, size: 2 });
    const one = await renderer.render([letter({ subject: 'thread' })]);
    const two = await renderer.render([letter({ subject: 'thread' })]);
    expect(new TextDecoder().decode(two.pdf)).toBe(new TextDecoder().decode(one.pdf));
  });
});

describe('warming the letter workers', () => {
  const warmUpsOf = async () => {
    const results = await Promise.all([1, 2].map(() => renderer!.render([letter({ subject: 'warm-ups' })])));
    return results.map((result) => new TextDecoder().decode(result.pdf).replace(/^%PDF-thread \d+ /, '')).sort();
  };

  it('starts every worker and warms each once, however often it is asked', async () => {
    renderer = createWorkerRenderer(FAKE_WORKER, { eval: true, size: 2 });
    await Promise.all([renderer.warm(), renderer.warm()]);
    await renderer.warm();
    expect(await warmUpsOf()).toEqual(['warmed 1', 'warmed 1']);
  });

  it("warms the worker that replaced a crashed one", async () => {
    renderer = createWorkerRenderer(FAKE_WORKER, { eval: true, size: 1 });
    await expect(renderer.render([letter({ subject: 'crash' })])).rejects.toThrow(/exit code 3/);
    await renderer.warm(); // the crashed worker was replaced: the new one is warmed
    expect(new TextDecoder().decode((await renderer.render([letter({ subject: 'warm-ups' })])).pdf)).toMatch(/warmed 1$/);
  });
});

describe.skipIf(!built)('the built letters worker', () => {
  it('renders letters in a worker thread', async () => {
    renderer = createWorkerRenderer(join(chunks, built ?? ''));
    const [one, batch] = await Promise.all([renderer.render([letter()]), renderer.render([letter(), statement(60)])]);
    expect(Buffer.from(one.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(one.pages).toBe(1);
    expect(batch.pages).toBe(3);
    // And merges finished PDFs (print today's letters from their archives).
    const merged = await renderer.merge([one.pdf.slice(), batch.pdf.slice()]);
    expect(merged.pages).toBe(4);
  });
});
