/** What the app's workers answer: their result, or the message of what went wrong. */
export type WorkerReply<Value> = { ok: true; value: Value } | { ok: false; message: string };

/**
 * Runs one job in a fresh module worker and ends it: heavy work (parsing a 100,000-row file,
 * exporting the database) off the main thread, so the window never freezes. Falls back to
 * `onThisThread` where a worker cannot start or fails to load (same result, the window just
 * pauses meanwhile); an error the job itself reports is passed on, not retried.
 *
 * `start` must contain the `new Worker(new URL('./x.ts', import.meta.url), { type: 'module' })`
 * expression itself: that literal form is how Vite finds and bundles the worker.
 */
export function runInWorker<Value>(start: () => Worker, message: unknown, onThisThread: () => Promise<Value> | Value): Promise<Value> {
  let worker: Worker;
  try {
    worker = start();
  } catch {
    return Promise.resolve().then(onThisThread);
  }
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerReply<Value>>) => {
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

/** The worker side: answers each message with the job's result, or its error message. */
export function serveInWorker<Request, Value>(job: (request: Request) => Promise<Value> | Value): void {
  self.onmessage = async (event: MessageEvent<Request>) => {
    let reply: WorkerReply<Value>;
    try {
      reply = { ok: true, value: await job(event.data) };
    } catch (error) {
      reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    self.postMessage(reply);
  };
}
