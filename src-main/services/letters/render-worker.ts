import { parentPort, workerData } from 'node:worker_threads';
import { renderLetters, type RenderedLetters } from './render';
import { mergePdfs } from './merge';
import { warmUpLetters } from './warm-up';
import { LETTER_WORKER_ROLE, type LetterWorkerReply, type LetterWorkerRequest } from './worker-protocol';

/**
 * A letters worker thread: lays letters out (and merges finished ones) off the main thread, so that
 * a batch of a hundred letters never freezes the window (Electron's main process also runs its menus
 * and IPC). Built by electron-vite as its own chunk (`worker-path.ts`) and driven by
 * `worker-client.ts`, which may run two of them.
 */

const port = parentPort;

function failure(id: number, error: unknown): LetterWorkerReply {
  return { id, ok: false, message: error instanceof Error ? error.message : String(error) };
}

if (port && (workerData as { role?: unknown } | null)?.role === LETTER_WORKER_ROLE) {
  port.on('message', (request: LetterWorkerRequest) => {
    if (request.op === 'warm') {
      warmUpLetters().then(
        (pages) => port.postMessage({ id: request.id, ok: true, warmed: pages } satisfies LetterWorkerReply),
        (error: unknown) => port.postMessage(failure(request.id, error)),
      );
      return;
    }
    const work: Promise<RenderedLetters> = request.op === 'merge' ? mergePdfs(request.pdfs) : renderLetters(request.letters);
    work.then(
      ({ pdf, pages }) => {
        // Hand the bytes over rather than copying them when they own their whole buffer.
        const owned = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength;
        const bytes = owned ? pdf : pdf.slice();
        const reply: LetterWorkerReply = { id: request.id, ok: true, pdf: bytes, pages };
        port.postMessage(reply, [bytes.buffer as ArrayBuffer]);
      },
      (error: unknown) => port.postMessage(failure(request.id, error)),
    );
  });
}
