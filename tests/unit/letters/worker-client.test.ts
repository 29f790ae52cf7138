import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerRenderer, type WorkerRenderer } from '../../../src-main/services/letters/worker-client';
import { LETTER_WORKER_ROLE } from '../../../src-main/services/letters/worker-protocol';
import { letter, statement } from './fixtures';

/**
 * A stand-in worker speaking the same protocol: "renders" as many pages as letters, fails on a
 * letter whose subject is "fail", and crashes on "crash".
 */
const FAKE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.role !== ${JSON.stringify(LETTER_WORKER_ROLE)}) throw new Error('wrong role');
parentPort.on('message', ({ id, letters }) => {
  const subject = letters[0].subject;
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

describe.skipIf(!built)('the built letters worker', () => {
  it('renders letters in a worker thread', async () => {
    renderer = createWorkerRenderer(join(chunks, built ?? ''));
    const [one, batch] = await Promise.all([renderer.render([letter()]), renderer.render([letter(), statement(60)])]);
    expect(Buffer.from(one.pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(one.pages).toBe(1);
    expect(batch.pages).toBe(3);
  });
});
