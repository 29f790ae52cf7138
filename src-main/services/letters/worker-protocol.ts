import type { LetterInput } from '../../contract/letters';

/** Messages between the letters service and its worker threads (render-worker.ts, worker-client.ts). */
export const LETTER_WORKER_ROLE = 'relance-letters';

/** Lay letters out into one PDF (`op` absent), or put finished PDFs one after the other (`merge`). */
export type LetterWorkerRequest = { id: number; op?: 'render'; letters: LetterInput[] } | { id: number; op: 'merge'; pdfs: Uint8Array[] };

export type LetterWorkerReply =
  | { id: number; ok: true; pdf: Uint8Array; pages: number }
  | { id: number; ok: false; message: string };
