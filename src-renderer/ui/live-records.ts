import type { Table } from 'dexie';
import { getSettings, type RelanceDatabase } from '../db';
import { onDatabaseChange, type DatabaseChange, type TableChange } from '../db/change-feed';
import { bumpGeneration, currentGeneration } from '../db/cache-generation';
import { readLedgerCache } from '../db/ledger-cache';
import type { Interaction, Invoice, Payment } from '../domain/model';
import type { LiveRecords } from './hooks';
import { shareStringsInSlices } from './shared-strings';

type RowTable = Exclude<keyof LiveRecords, 'settings'>;
const ROW_TABLES: readonly RowTable[] = ['customers', 'invoices', 'interactions', 'payments', 'promises', 'paymentPlans', 'policies'];
/** The tables read by the hundred thousand, whose repeated strings are worth sharing (shared-strings.ts). */
const BIG_TABLES: ReadonlySet<string> = new Set<RowTable>(['invoices', 'payments', 'interactions']);

/** Past this many changed keys in one table, reading the table is cheaper than fetching each key. */
const KEYED_READ_LIMIT = 5_000;
/** Rows per read: each page is deserialised in one task, so a page must stay well under 50 ms. */
const PAGE_SIZE = 2_000;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A whole table, read by pages of primary keys with a pause between pages: `toArray` on 100,000
 * rows deserialised them in one task of seconds (the window froze after an import). Rows written
 * between two pages are in the result or come with the next change (the store listens first).
 */
async function readInPages<Row extends { id: string }>(table: Table): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | undefined;
  for (;;) {
    const page: Row[] = await (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(PAGE_SIZE).toArray();
    for (const row of page) rows.push(row);
    if (page.length < PAGE_SIZE) return rows;
    after = page[page.length - 1]!.id;
    await nextTask();
  }
}

export interface LiveRecordsOptions {
  /** Rebuilds the start-up cache at this generation (in a worker in the app; see ledger-cache.ts). */
  rebuildCache: (generation: number) => Promise<void>;
  /** Quiet time after the last change before the cache is rebuilt. */
  cacheDelayMs?: number;
  /** Then waits for this too (in the app: a pause in the user's input, see user-pause.ts). */
  beforeCacheRebuild?: () => Promise<void>;
  onError?: (error: unknown) => void;
}

/**
 * Every record the app-wide views derive from, read once and then kept current row by row.
 *
 * Start: the three big tables come from the start-up cache when it is current (one value per
 * table instead of 100,000 rows), the small ones from their tables. Then each committed write
 * arrives from the change feed with its keys, and only those rows are read again: the arrays of
 * the changed tables are replaced (new arrays, a new records object, so React and the WeakMap
 * caches keyed on them see the change), the others are kept as they are.
 */
export class LiveRecordsStore {
  private records: LiveRecords | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly positions = new Map<RowTable, Map<string, number>>();
  private pending: Record<string, TableChange> = {};
  private started = false;
  private loaded = false;
  private flushing: Promise<void> | undefined;
  private cacheTimer: ReturnType<typeof setTimeout> | undefined;
  private stopFeed: (() => void) | undefined;

  constructor(
    private readonly db: RelanceDatabase,
    private readonly options: LiveRecordsOptions,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.started) this.start();
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LiveRecords | undefined => this.records;

  /** Resolves once the records are loaded (tests, and the bench's "interactive" mark). */
  async ready(): Promise<LiveRecords> {
    if (!this.started) this.start();
    while (!this.loaded || this.flushing) await (this.flushing ?? new Promise((resolve) => setTimeout(resolve, 5)));
    return this.records!;
  }

  stop(): void {
    this.stopFeed?.();
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = undefined;
    this.listeners.clear();
  }

  private start(): void {
    this.started = true;
    // Listen first: a write committed while the first read runs is then applied after it.
    this.stopFeed = onDatabaseChange((change) => this.onChange(change));
    this.flushing = this.load().finally(() => {
      this.flushing = undefined;
      this.loaded = true;
      this.scheduleFlush();
    });
  }

  private async load(): Promise<void> {
    const db = this.db;
    const cached = await readLedgerCache(db.name);
    const [customers, promises, paymentPlans, policies, settings, big] = await Promise.all([
      db.customers.toArray(),
      db.promises.toArray(),
      db.paymentPlans.toArray(),
      db.policies.toArray(),
      getSettings(db),
      cached ??
        (async () => ({
          invoices: await readInPages<Invoice>(db.invoices),
          payments: await readInPages<Payment>(db.payments),
          interactions: await readInPages<Interaction>(db.interactions),
        }))(),
    ]);
    this.records = { customers, promises, paymentPlans, policies, settings, ...big };
    for (const table of ROW_TABLES) this.positions.delete(table);
    this.emit();
    if (!cached) this.scheduleCacheRebuild();
    this.shareStrings();
  }

  /**
   * Shares the repeated strings of the big tables just read (shared-strings.ts), in slices after
   * the records are shown: the rows are only updated in place, nothing is emitted.
   */
  private shareStrings(): void {
    const { invoices, payments, interactions } = this.records!;
    void shareStringsInSlices({ invoices, payments, interactions }, nextTask).catch((error: unknown) => this.options.onError?.(error));
  }

  private onChange(change: DatabaseChange): void {
    if (change.database !== this.db.name) return;
    for (const [table, tableChange] of Object.entries(change.tables)) {
      const previous = this.pending[table];
      if ('all' in tableChange || (previous && 'all' in previous)) this.pending[table] = { all: true };
      else this.pending[table] = { keys: previous ? [...previous.keys, ...tableChange.keys] : tableChange.keys };
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (!this.loaded || this.flushing || Object.keys(this.pending).length === 0) return;
    const changes = this.pending;
    this.pending = {};
    this.flushing = this.apply(changes)
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.flushing = undefined;
        this.scheduleFlush(); // what arrived meanwhile
      });
  }

  private async apply(changes: Record<string, TableChange>): Promise<void> {
    const db = this.db;
    const next: LiveRecords = { ...this.records! };
    let changed = false;
    let rereadBigTable = false;
    for (const [table, change] of Object.entries(changes)) {
      if (table === 'settings') {
        next.settings = await getSettings(db);
        changed = true;
      } else if ((ROW_TABLES as readonly string[]).includes(table)) {
        const name = table as RowTable;
        const dexieTable = db.table(name);
        if ('all' in change || change.keys.length > KEYED_READ_LIMIT) {
          (next as unknown as Record<RowTable, unknown[]>)[name] = await readInPages(dexieTable);
          this.positions.delete(name);
          if (BIG_TABLES.has(name)) rereadBigTable = true;
        } else {
          const keys = [...new Set(change.keys)];
          const rows: ({ id: string } | undefined)[] = [];
          for (let at = 0; at < keys.length; at += PAGE_SIZE) {
            if (at > 0) await nextTask();
            rows.push(...((await dexieTable.bulkGet(keys.slice(at, at + PAGE_SIZE))) as ({ id: string } | undefined)[]));
          }
          (next as unknown as Record<RowTable, unknown[]>)[name] = this.patched(name, next[name] as unknown as { id: string }[], keys, rows);
        }
        changed = true;
      }
    }
    if (!changed) return;
    this.records = next;
    this.emit();
    this.scheduleCacheRebuild();
    // After an import, a big table comes back whole, with its own copies of every string again.
    if (rereadBigTable) this.shareStrings();
  }

  /** `rows` with the rows at `keys` replaced, added or (when now missing) removed. */
  private patched(table: RowTable, rows: readonly { id: string }[], keys: readonly string[], fresh: readonly ({ id: string } | undefined)[]) {
    let positions = this.positions.get(table);
    if (!positions) {
      positions = new Map(rows.map((row, index) => [row.id, index]));
      this.positions.set(table, positions);
    }
    const result = rows.slice();
    let removed = false;
    keys.forEach((key, index) => {
      const row = fresh[index];
      const at = positions.get(key);
      if (row && at !== undefined) result[at] = row;
      else if (row) positions.set(key, result.push(row) - 1);
      else if (at !== undefined) removed = true;
    });
    if (!removed) return result;
    const gone = new Set(keys.filter((_, index) => fresh[index] === undefined));
    this.positions.delete(table); // positions shift: rebuilt on the next patch
    return result.filter((row) => !gone.has(row.id));
  }

  private scheduleCacheRebuild(): void {
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    const scheduled = (this.cacheTimer = setTimeout(() => {
      void (this.options.beforeCacheRebuild?.() ?? Promise.resolve()).then(() => {
        // A newer change rescheduled the rebuild meanwhile, or the store stopped: that one runs.
        if (this.cacheTimer !== scheduled) return;
        this.cacheTimer = undefined;
        // A database last written before this cache existed is at 0: move it on (always safe).
        if (currentGeneration(this.db.name) === 0) bumpGeneration(this.db.name);
        // Read now, just before the copy's read starts: a write after this makes the copy stale.
        const generation = currentGeneration(this.db.name);
        if (generation === undefined || generation === 0) return;
        this.options.rebuildCache(generation).catch((error: unknown) => this.options.onError?.(error));
      });
    }, this.options.cacheDelayMs ?? 3_000));
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
