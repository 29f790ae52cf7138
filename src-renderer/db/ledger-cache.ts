import Dexie, { type EntityTable } from 'dexie';
import type { Interaction, Invoice, Payment } from '../domain/model';
import { currentGeneration } from './cache-generation';
import type { RelanceDatabase } from './database';

/**
 * A copy of the three big tables, each stored as ONE IndexedDB value, to start fast.
 *
 * Reading 100,000 invoices row by row (`getAll`) costs seconds in Chromium (2–5 s here), most of
 * it per row; the same rows stored as one array come back in a tenth of that (structured clone,
 * Blobs included, measured in docs/benchmarks.md). The copy is disposable: it lives in its own
 * database (never in backups), and it is used only when it is current — taken at the cache
 * generation that is still current (cache-generation.ts) — otherwise the tables are read as before
 * and the copy is rebuilt in a worker (ledger-cache-worker.ts).
 */
export const CACHED_TABLES = ['invoices', 'payments', 'interactions'] as const;
export type CachedTable = (typeof CACHED_TABLES)[number];

export interface CachedRows {
  invoices: Invoice[];
  payments: Payment[];
  interactions: Interaction[];
}

interface CacheEntry {
  /** A cached table, or `stamp`: the copy's generation alone, small, read first. */
  table: CachedTable | typeof STAMP;
  generation: number;
  rows: unknown[];
}

/** Written with the tables, in the same transaction: a stale copy is known without reading it. */
const STAMP = 'stamp';

class LedgerCacheDatabase extends Dexie {
  declare entries: EntityTable<CacheEntry, 'table'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ entries: 'table' });
  }
}

export const cacheDatabaseName = (database: string) => `${database}-cache`;

function openCache(database: string): LedgerCacheDatabase {
  return new LedgerCacheDatabase(cacheDatabaseName(database));
}

/** The cached rows when the copy is current, otherwise undefined (the caller reads the tables). */
export async function readLedgerCache(database: string): Promise<CachedRows | undefined> {
  const generation = currentGeneration(database);
  // 0: nothing ever written through this app, so nothing to trust a copy against.
  if (generation === undefined || generation === 0) return undefined;
  const cache = openCache(database);
  try {
    // Reading the three values costs hundreds of milliseconds at 100,000 invoices: not for a stale copy.
    if ((await cache.entries.get(STAMP))?.generation !== generation) return undefined;
    const entries = await cache.entries.bulkGet([...CACHED_TABLES]);
    if (entries.some((entry) => entry?.generation !== generation)) return undefined;
    const [invoices, payments, interactions] = entries as CacheEntry[];
    return { invoices: invoices!.rows as Invoice[], payments: payments!.rows as Payment[], interactions: interactions!.rows as Interaction[] };
  } catch {
    return undefined; // a damaged or blocked cache is only a slower start
  } finally {
    cache.close();
  }
}

/**
 * Copies the big tables into the cache, stamped with `generation`: the counter the caller read
 * BEFORE this function opens its read transaction (so a write after that stamp makes it stale).
 */
export async function writeLedgerCache(db: RelanceDatabase, generation: number): Promise<void> {
  const rows = await db.transaction('r', [db.invoices, db.payments, db.interactions], () =>
    Promise.all([db.invoices.toArray(), db.payments.toArray(), db.interactions.toArray()]),
  );
  const cache = openCache(db.name);
  try {
    await cache.entries.bulkPut([...CACHED_TABLES.map((table, index) => ({ table, generation, rows: rows[index]! })), { table: STAMP, generation, rows: [] }]);
  } finally {
    cache.close();
  }
}

/** Forgets the copy (after a restore, or when the user erases everything). */
export async function clearLedgerCache(database: string): Promise<void> {
  await Dexie.delete(cacheDatabaseName(database));
}
