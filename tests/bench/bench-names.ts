import { appendFileSync } from 'node:fs';
import type { SizeFactor } from './shop';

/**
 * How a vitest bench tells tests/bench/run.mjs which row and which size it measures: the group
 * (`describe`) is "<measure id> | <factor>×" and its first bench, named "anchor: …", is the anchor.
 * The entry script reads them back from vitest's --outputJson.
 */
export const groupName = (measure: string, factor: SizeFactor): string => `${measure} | ${factor}×`;

/** A line printed now and, under `npm run bench`, listed under the table (RELANCE_BENCH_NOTES). */
export function benchNote(text: string): void {
  console.log(text);
  const file = process.env.RELANCE_BENCH_NOTES;
  if (file) appendFileSync(file, `${JSON.stringify(text)}\n`);
}

/** Enough samples to read a median on a busy machine, without making the 100× run last minutes. */
export const OPTIONS = { time: 1_000, warmupIterations: 2, warmupTime: 0, iterations: 3 };
