import { Worker } from 'node:worker_threads';
import type { LetterInput } from '../../contract/letters';
import type { RenderedLetters } from './render';
import { LETTER_WORKER_ROLE, type LetterWorkerReply, type LetterWorkerRequest } from './worker-protocol';

export interface WorkerRenderer {
  render(letters: LetterInput[]): Promise<RenderedLetters>;
  /** Finished PDFs one after the other in one (merge.ts, run in a worker too). */
  merge(pdfs: Uint8Array[]): Promise<RenderedLetters>;
  /**
   * Starts every worker not started yet and has each lay out and merge a throwaway letter once
   * (warm-up.ts), so that the first real batch does not pay for loading and compiling. Nothing is
   * written. Resolves when all are warm; a worker already warm (or warming) is not asked again.
   */
  warm(): Promise<void>;
  /** Ends the workers; pending requests fail. */
  stop(): Promise<void>;
}

/**
 * The young generation of a letters worker, in MB (V8 starts it at 1 MB and grows it to 16–32). A
 * letter's layout makes many short-lived objects (textkit runs, yoga nodes, PDF strings); a larger
 * nursery scavenges less often and promotes less: 2–5 % off each letter, measured A/B letter by
 * letter (tests/bench/letters-phases.mjs --versus-young-mb). It is a ceiling, not an allocation.
 */
export const LETTER_WORKER_YOUNG_GENERATION_MB = 64;

interface Pending {
  resolve(result: RenderedLetters | void): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Requests this worker has not answered yet. */
  pending: Map<number, Pending>;
  /** Its warm-up, once asked (never twice for one worker). */
  warming?: Promise<void>;
}

/**
 * Renders letters in up to `size` worker threads (one by default), each started on first need and
 * kept for the next requests (fonts stay registered, modules stay loaded). A request goes to an idle
 * worker, else to a new one while there are fewer than `size`, else to the least busy (requests
 * queue in a worker in order). With two workers, the letters of "print today's letters", archived
 * two at a time by the renderer, are laid out on two cores. A crashed worker fails the requests it
 * had and is replaced on the next call. Workers keep the process alive only while they have work.
 *
 * `script` is the worker's file; `eval` runs `script` as code instead (tests); `youngGenerationMb`
 * replaces LETTER_WORKER_YOUNG_GENERATION_MB, 0 leaving V8's own sizing (benchmarks).
 */
export function createWorkerRenderer(script: string | URL, options: { eval?: boolean; size?: number; youngGenerationMb?: number } = {}): WorkerRenderer {
  const size = Math.max(1, options.size ?? 1);
  const slots: Slot[] = [];
  let nextId = 1;

  const failAll = (slot: Slot, error: Error) => {
    for (const { reject } of slot.pending.values()) reject(error);
    slot.pending.clear();
  };
  const forget = (slot: Slot) => {
    const index = slots.indexOf(slot);
    if (index >= 0) slots.splice(index, 1);
  };

  const start = (): Slot => {
    const worker = new Worker(script, {
      eval: options.eval ?? false,
      workerData: { role: LETTER_WORKER_ROLE },
      // React picks its development build (slower, extra checks) unless told otherwise; a packaged
      // app often has no NODE_ENV at all.
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
      // 0: V8's own sizing (benchmarks compare against it).
      ...(options.youngGenerationMb === 0 ? {} : { resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? LETTER_WORKER_YOUNG_GENERATION_MB } }),
    });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (reply: LetterWorkerReply) => {
      const waiting = slot.pending.get(reply.id);
      if (!waiting) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if (!reply.ok) waiting.reject(new Error(reply.message));
      else if ('warmed' in reply) waiting.resolve();
      else waiting.resolve({ pdf: reply.pdf, pages: reply.pages });
    });
    worker.on('error', (error) => {
      forget(slot);
      failAll(slot, new Error(`The letters worker failed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      forget(slot);
      if (slot.pending.size > 0) failAll(slot, new Error(`The letters worker stopped (exit code ${code})`));
    });
    worker.unref();
    slots.push(slot);
    return slot;
  };

  const pick = (): Slot => {
    const idle = slots.find((slot) => slot.pending.size === 0);
    if (idle) return idle;
    if (slots.length < size) return start();
    return slots.reduce((least, slot) => (slot.pending.size < least.pending.size ? slot : least));
  };

  type Request = { op?: 'render'; letters: LetterInput[] } | { op: 'merge'; pdfs: Uint8Array[] } | { op: 'warm' };
  const sendTo = <Result extends RenderedLetters | void>(slot: Slot, request: Request): Promise<Result> => {
    const id = nextId++;
    return new Promise<Result>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      slot.worker.ref();
      const message: LetterWorkerRequest = { ...request, id };
      slot.worker.postMessage(message);
    });
  };
  const send = (request: Request): Promise<RenderedLetters> => sendTo<RenderedLetters>(pick(), request);

  return {
    render: (letters) => send({ letters }),
    merge: (pdfs) => send({ op: 'merge', pdfs }),
    async warm() {
      while (slots.length < size) start();
      // A worker that fails its warm-up is asked again next time (a crashed one is replaced anyway).
      const warmUps = slots.map((slot) => (slot.warming ??= sendTo<void>(slot, { op: 'warm' }).catch((error: unknown) => {
        slot.warming = undefined;
        throw error;
      })));
      await Promise.all(warmUps);
    },
    async stop() {
      const stopping = slots.splice(0);
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
      for (const slot of stopping) failAll(slot, new Error('The letters worker was stopped'));
    },
  };
}
