import { describe, expect, it, vi } from 'vitest';
import { runInWorker, type WorkerReply } from '../../../src-renderer/os/run-in-worker';

/** A worker stand-in that answers the one message it gets as scripted, after a tick like a real one. */
function scriptedWorker(answer: { reply: WorkerReply<string> } | { loadError: true }) {
  const worker = {
    onmessage: null as ((event: MessageEvent) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    terminate: vi.fn(),
    received: undefined as unknown,
    postMessage(message: unknown) {
      worker.received = message;
      setTimeout(() => {
        if ('reply' in answer) worker.onmessage?.({ data: answer.reply } as MessageEvent);
        else worker.onerror?.({ preventDefault: () => undefined } as ErrorEvent);
      }, 0);
    },
  };
  return worker;
}

describe('runInWorker', () => {
  it('sends the request and resolves with the worker’s value, then ends the worker', async () => {
    const worker = scriptedWorker({ reply: { ok: true, value: 'from the worker' } });
    const fallback = vi.fn(() => 'from this thread');
    await expect(runInWorker(() => worker as unknown as Worker, { job: 1 }, fallback)).resolves.toBe('from the worker');
    expect(worker.received).toEqual({ job: 1 });
    expect(worker.terminate).toHaveBeenCalledOnce();
    expect(fallback).not.toHaveBeenCalled();
  });

  it('passes on an error the job reports, without running it again here', async () => {
    const worker = scriptedWorker({ reply: { ok: false, message: 'QuotaExceededError' } });
    const fallback = vi.fn(() => 'from this thread');
    await expect(runInWorker(() => worker as unknown as Worker, {}, fallback)).rejects.toThrow('QuotaExceededError');
    expect(fallback).not.toHaveBeenCalled();
    expect(worker.terminate).toHaveBeenCalledOnce();
  });

  it('runs the job on this thread when the worker fails to load', async () => {
    const worker = scriptedWorker({ loadError: true });
    await expect(runInWorker(() => worker as unknown as Worker, {}, () => 'from this thread')).resolves.toBe('from this thread');
    expect(worker.terminate).toHaveBeenCalledOnce();
  });

  it('passes the notes the worker sends before its reply, in order', async () => {
    const worker = {
      onmessage: null as ((event: MessageEvent) => void) | null,
      onerror: null,
      terminate: vi.fn(),
      postMessage() {
        setTimeout(() => {
          for (const data of [{ note: 1 }, { note: 2 }, { ok: true, value: 'done' }]) worker.onmessage?.({ data } as MessageEvent);
        }, 0);
      },
    };
    const notes: number[] = [];
    await expect(runInWorker<string, number>(() => worker as unknown as Worker, {}, () => 'here', (note) => notes.push(note))).resolves.toBe('done');
    expect(notes).toEqual([1, 2]);
    expect(worker.terminate).toHaveBeenCalledOnce();
  });

  it('runs the job on this thread when no worker can start', async () => {
    const start = () => {
      throw new ReferenceError('Worker is not defined');
    };
    await expect(runInWorker(start, {}, async () => 'from this thread')).resolves.toBe('from this thread');
  });
});
