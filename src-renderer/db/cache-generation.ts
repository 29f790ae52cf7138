/**
 * A counter per database, bumped before every write (change-feed.ts) and kept in localStorage,
 * which every window of the origin shares synchronously and which survives a crash. A cached copy
 * of the tables records the counter read just before its read transaction started; the copy is
 * current only while the counter still has that value (ledger-cache.ts). Bumping before the write
 * errs on the safe side: a write that then fails only costs one full read.
 *
 * Without localStorage (a worker, storage disabled) there is no durable counter: `undefined`, and
 * no cache is ever trusted. A window learns of a worker's writes through the change feed's
 * broadcast and bumps its own counter then.
 */
function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // access denied
  }
}

const keyOf = (database: string) => `relance:cache-generation:${database}`;

export function currentGeneration(database: string): number | undefined {
  const store = storage();
  if (!store) return undefined;
  const stored = store.getItem(keyOf(database));
  if (stored === null) return 0;
  const value = Number(stored);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function bumpGeneration(database: string): void {
  const store = storage();
  if (!store) return;
  try {
    store.setItem(keyOf(database), String((currentGeneration(database) ?? 0) + 1));
  } catch {
    // Storage full or refused: an unreadable counter trusts no cache (see currentGeneration).
    try {
      store.setItem(keyOf(database), 'unknown');
    } catch {
      store.removeItem(keyOf(database));
    }
  }
}
