/** What the app's workers answer: their result, or the message of what went wrong. */
export type WorkerReply<Value> = { ok: true; value: Value } | { ok: false; message: string };

/** What a worker may say before its reply (an import's progress). */
export interface WorkerNote<Note> {
  note: Note;
}

/**
 * Runs one job in a fresh module worker and ends it: heavy work (parsing a 100,000-row file,
 * exporting the database) off the main thread, so the window never freezes. Falls back to
 * `onThisThread` where a worker cannot start or fails to load (same result, the window just
 * pauses meanwhile); an error the job itself reports is passed on, not retried.
 *
 * `start` must contain the `new Worker(new URL('./x.ts', import.meta.url), { type: 'module' })`
 * expression itself: that literal form is how Vite finds and bundles the worker.
 */
export function runInWorker<Value, Note = never>(
  start: () => Worker,
  message: unknown,
  onThisThread: () => Promise<Value> | Value,
  onNote?: (note: Note) => void,
): Promise<Value> {
  let worker: Worker;
  try {
    worker = start();
  } catch {
    return Promise.resolve().then(onThisThread);
  }
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerReply<Value> | WorkerNote<Note>>) => {
      if ('note' in event.data) {
        onNote?.(event.data.note);
        return;
      }
      worker.terminate();
      if (event.data.ok) resolve(event.data.value);
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      event.preventDefault();
      Promise.resolve().then(onThisThread).then(resolve, reject);
    };
    worker.postMessage(message);
  });
}

/**
 * The worker side: answers each message with the job's result, or its error message. `notify`
 * passes notes (progress) to the caller's `onNote` before the reply.
 */
export function serveInWorker<Request, Value, Note = never>(job: (request: Request, notify: (note: Note) => void) => Promise<Value> | Value): void {
  const notify = (note: Note) => self.postMessage({ note } satisfies WorkerNote<Note>);
  self.onmessage = async (event: MessageEvent<Request>) => {
    let reply: WorkerReply<Value>;
    try {
      reply = { ok: true, value: await job(event.data, notify) };
    } catch (error) {
      reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    self.postMessage(reply);
  };
}
