import type { LetterInput } from '../../contract/letters';

/** Messages between the letters service and its worker thread (render-worker.ts, worker-client.ts). */
export const LETTER_WORKER_ROLE = 'relance-letters';

export interface LetterWorkerRequest {
  id: number;
  letters: LetterInput[];
}

export type LetterWorkerReply =
  | { id: number; ok: true; pdf: Uint8Array; pages: number }
  | { id: number; ok: false; message: string };
