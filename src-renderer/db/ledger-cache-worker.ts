/// <reference lib="webworker" />
import { RelanceDatabase } from './database';
import { writeLedgerCache } from './ledger-cache';
import { serveInWorker } from '../os/run-in-worker';

export interface LedgerCacheRequest {
  databaseName: string;
  /** The cache generation the window read before asking (see cache-generation.ts). */
  generation: number;
}

/**
 * Rebuilds the start-up cache off the main thread: reading 100,000 rows and cloning them into one
 * value takes seconds, which the window must not spend while the shopkeeper works.
 */
serveInWorker(async ({ databaseName, generation }: LedgerCacheRequest) => {
  const db = new RelanceDatabase(databaseName);
  try {
    await writeLedgerCache(db, generation);
  } finally {
    db.close();
  }
});
