import { parentPort, workerData } from 'node:worker_threads';
import { renderLetters } from './render';
import { LETTER_WORKER_ROLE, type LetterWorkerReply, type LetterWorkerRequest } from './worker-protocol';

/**
 * The letters worker thread: lays letters out off the main thread, so that a batch of a hundred
 * letters never freezes the window (Electron's main process also runs its menus and IPC). Built by
 * electron-vite as its own chunk (`worker-path.ts`) and driven by `worker-client.ts`.
 */

const port = parentPort;
if (port && (workerData as { role?: unknown } | null)?.role === LETTER_WORKER_ROLE) {
  port.on('message', (request: LetterWorkerRequest) => {
    renderLetters(request.letters).then(
      ({ pdf, pages }) => {
        // Hand the bytes over rather than copying them when they own their whole buffer.
        const owned = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
        const bytes = owned ? pdf : pdf.slice();
        const reply: LetterWorkerReply = { id: request.id, ok: true, pdf: bytes, pages };
        port.postMessage(reply, [bytes.buffer as ArrayBuffer]);
      },
      (error: unknown) => {
        const reply: LetterWorkerReply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
        port.postMessage(reply);
      },
    );
  });
}
