import { Worker } from 'node:worker_threads';
import type { LetterInput } from '../../contract/letters';
import type { RenderedLetters } from './render';
import { LETTER_WORKER_ROLE, type LetterWorkerReply, type LetterWorkerRequest } from './worker-protocol';

export interface WorkerRenderer {
  render(letters: LetterInput[]): Promise<RenderedLetters>;
  /** Ends the worker; pending renders fail. */
  stop(): Promise<void>;
}

interface Pending {
  resolve(result: RenderedLetters): void;
  reject(error: Error): void;
}

/**
 * Renders letters in one worker thread, started on first use and kept for the next ones (fonts stay
 * registered, modules stay loaded). Requests queue in the worker in order. A crashed worker fails
 * the renders it had and is started again on the next call. The worker keeps the process alive only
 * while it has work.
 *
 * `script` is the worker's file; `eval` runs `script` as code instead (tests).
 */
export function createWorkerRenderer(script: string | URL, options: { eval?: boolean } = {}): WorkerRenderer {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    const started = new Worker(script, {
      eval: options.eval ?? false,
      workerData: { role: LETTER_WORKER_ROLE },
      // React picks its development build (slower, extra checks) unless told otherwise; a packaged
      // app often has no NODE_ENV at all.
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
    });
    started.on('message', (reply: LetterWorkerReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (pending.size === 0) started.unref();
      if (reply.ok) waiting.resolve({ pdf: reply.pdf, pages: reply.pages });
      else waiting.reject(new Error(reply.message));
    });
    started.on('error', (error) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`The letters worker failed: ${error.message}`));
    });
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      if (pending.size > 0) failAll(new Error(`The letters worker stopped (exit code ${code})`));
    });
    started.unref();
    return started;
  };

  return {
    render(letters) {
      worker ??= start();
      const current = worker;
      const id = nextId++;
      return new Promise<RenderedLetters>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        current.ref();
        const request: LetterWorkerRequest = { id, letters };
        current.postMessage(request);
      });
    },
    async stop() {
      const current = worker;
      worker = undefined;
      if (current) await current.terminate();
      failAll(new Error('The letters worker was stopped'));
    },
  };
}
