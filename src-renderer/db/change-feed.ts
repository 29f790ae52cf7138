import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { bumpGeneration } from './cache-generation';

/** What one committed transaction changed in a table: these primary keys, or possibly anything. */
export type TableChange = { keys: string[] } | { all: true };

/** One committed read-write transaction of a database: what it changed, per table. */
export interface DatabaseChange {
  database: string;
  tables: Record<string, TableChange>;
}

type Listener = (change: DatabaseChange) => void;

const listeners = new Set<Listener>();
const CHANNEL_NAME = 'relance-database-changes';
let channel: BroadcastChannel | undefined | null;

/**
 * Calls `listener` after each committed write to any Relance database, in this window or in another
 * context of the same origin (a second tab, a worker), with the primary keys each table got.
 *
 * Why not Dexie's live queries: they re-run a query whenever its tables change, and the ledger is
 * one query over every table, so recording one payment re-read 100,000 invoices (seconds). With
 * the keys, the live ledger re-reads only the rows that changed (see ui/live-records.ts).
 */
export function onDatabaseChange(listener: Listener): () => void {
  listeners.add(listener);
  broadcastChannel();
  return () => listeners.delete(listener);
}

function publish(change: DatabaseChange, fromHere: boolean): void {
  for (const listener of listeners) listener(change);
  if (fromHere) broadcastChannel()?.postMessage(change);
}

function broadcastChannel(): BroadcastChannel | undefined {
  if (channel === undefined) {
    channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
    if (channel) {
      channel.onmessage = (event: MessageEvent<DatabaseChange>) => {
        // A write made elsewhere (a worker has no localStorage): the caches of this origin are stale.
        bumpGeneration(event.data.database);
        publish(event.data, false);
      };
    }
  }
  return channel ?? undefined;
}

/**
 * The Dexie middleware that feeds `onDatabaseChange`: it notes the keys of every add, put and
 * delete per transaction and publishes them once the transaction has committed (an aborted one
 * changed nothing and says nothing). Before any write reaches IndexedDB it also bumps the
 * database's cache generation, so a cached copy of the tables can never be taken for current
 * after a write it does not contain (see ledger-cache.ts).
 */
export function changeFeedMiddleware(database: string): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'relance-change-feed',
    create(down) {
      const pending = new WeakMap<DBCoreTransaction, Record<string, TableChange>>();

      const noteChange = (trans: DBCoreTransaction, table: string, change: TableChange) => {
        const tables = pending.get(trans);
        if (!tables) return; // not a transaction this middleware opened (cannot happen in practice)
        const previous = tables[table];
        if ('all' in change || (previous && 'all' in previous)) tables[table] = { all: true };
        else tables[table] = { keys: previous ? [...previous.keys, ...change.keys] : change.keys };
      };

      return {
        ...down,
        transaction(stores, mode, options) {
          const trans = down.transaction(stores, mode, options);
          if (mode === 'readwrite') {
            const tables: Record<string, TableChange> = {};
            pending.set(trans, tables);
            const target = trans as unknown as EventTarget;
            if (typeof target.addEventListener === 'function') {
              target.addEventListener('complete', () => {
                if (Object.keys(tables).length > 0) publish({ database, tables }, true);
              });
            }
          }
          return trans;
        },
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            // `.then`, not async/await: Dexie keeps its transaction zone across its own promise
            // chain; a native await here left Chromium's transaction waiting forever.
            mutate(request: DBCoreMutateRequest) {
              bumpGeneration(database);
              return table.mutate(request).then((response) => {
                noteChange(request.trans, name, changeOf(request, response.results));
                return response;
              });
            },
          } satisfies DBCoreTable;
        },
      };
    },
  };
}

function changeOf(request: DBCoreMutateRequest, results: readonly unknown[] | undefined): TableChange {
  switch (request.type) {
    case 'add':
    case 'put':
      return results ? { keys: results.filter((key): key is string => typeof key === 'string') } : { all: true };
    case 'delete':
      return { keys: request.keys.filter((key): key is string => typeof key === 'string') };
    case 'deleteRange':
      return { all: true };
  }
}
