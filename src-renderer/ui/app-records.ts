import { getDatabase } from '../db';
import { writeLedgerCache } from '../db/ledger-cache';
import type { LedgerCacheRequest } from '../db/ledger-cache-worker';
import { runInWorker } from '../os/run-in-worker';
import { LiveRecordsStore } from './live-records';
import { afterUserPause } from './user-pause';

let store: LiveRecordsStore | undefined;

/** The live records of the app's database, shared by every screen (see LedgerProvider). */
export function appRecordsStore(): LiveRecordsStore {
  store ??= new LiveRecordsStore(getDatabase(), {
    rebuildCache: (generation) => {
      const db = getDatabase();
      const request: LedgerCacheRequest = { databaseName: db.name, generation };
      return runInWorker(
        () => new Worker(new URL('../db/ledger-cache-worker.ts', import.meta.url), { type: 'module' }),
        request,
        () => writeLedgerCache(db, generation),
      );
    },
    beforeCacheRebuild: () => afterUserPause(),
    onError: (error) => console.error('Relance: live records', error),
  });
  return store;
}
