import type { LetterInput } from '../../contract/letters';

/** Messages between the letters service and its worker threads (render-worker.ts, worker-client.ts). */
export const LETTER_WORKER_ROLE = 'relance-letters';

/**
 * Lay letters out into one PDF (`op` absent), put finished PDFs one after the other (`merge`), or
 * lay out and merge a throwaway letter so that the next real ones run warm (`warm`, warm-up.ts).
 */
export type LetterWorkerRequest =
  | { id: number; op?: 'render'; letters: LetterInput[] }
  | { id: number; op: 'merge'; pdfs: Uint8Array[] }
  | { id: number; op: 'warm' };

/** `warmed`: the answer to `warm`, with the throwaway letter's page count (its bytes stay in the worker). */
export type LetterWorkerReply =
  | { id: number; ok: true; pdf: Uint8Array; pages: number }
  | { id: number; ok: true; warmed: number }
  | { id: number; ok: false; message: string };
