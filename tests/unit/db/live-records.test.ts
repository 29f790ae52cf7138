import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onDatabaseChange, type DatabaseChange } from '../../../src-renderer/db/change-feed';
import { currentGeneration } from '../../../src-renderer/db/cache-generation';
import { readLedgerCache, writeLedgerCache } from '../../../src-renderer/db/ledger-cache';
import type { RelanceDatabase } from '../../../src-renderer/db/database';
import { LiveRecordsStore } from '../../../src-renderer/ui/live-records';
import { aCustomer, anInteraction, anInvoice } from '../domain/builders';
import { freshDatabasesFor } from './helpers';

/**
 * The live ledger at start and after each write: the change feed's keys, the start-up cache and
 * when it may be trusted, and the store that patches only the rows a write touched. Real Dexie on
 * fake-indexeddb; localStorage (the cache generation's home in the window) is a Map-backed shim.
 */

class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

beforeEach(() => {
  (globalThis as { localStorage?: Storage }).localStorage = new MemoryStorage();
});
afterEach(() => {
  delete (globalThis as { localStorage?: Storage }).localStorage;
});

const database = freshDatabasesFor('live-records');

function changesOf(db: RelanceDatabase): { changes: DatabaseChange[]; stop: () => void } {
  const changes: DatabaseChange[] = [];
  const stop = onDatabaseChange((change) => {
    if (change.database === db.name) changes.push(change);
  });
  return { changes, stop };
}

const sortedKeys = (change: DatabaseChange | undefined, table: string) => {
  const entry = change?.tables[table];
  return entry && 'keys' in entry ? [...entry.keys].sort() : entry;
};

type Write = (db: RelanceDatabase) => Promise<unknown>;

describe('change feed', () => {
  it.each<[string, Write, Record<string, string[] | { all: true }>]>([
    ['add', (db) => db.invoices.add(anInvoice('i9', 'c1', '2026-10-01')), { invoices: ['i9'] }],
    ['bulkPut', (db) => db.invoices.bulkPut([anInvoice('i1', 'c1', '2026-10-01', { totalCents: 5 }), anInvoice('i2', 'c1', '2026-10-02')]), { invoices: ['i1', 'i2'] }],
    ['update', (db) => db.invoices.update('i1', { totalCents: 7 }), { invoices: ['i1'] }],
    ['delete', (db) => db.invoices.delete('i2'), { invoices: ['i2'] }],
    ['clear', (db) => db.invoices.clear(), { invoices: { all: true } }],
    [
      'a transaction over two tables',
      (db) =>
        db.transaction('rw', db.invoices, db.interactions, async () => {
          await db.invoices.update('i1', { paidCents: 100 });
          await db.interactions.add(anInteraction(['i1'], { id: 'n1', customerId: 'c1' }));
        }),
      { invoices: ['i1'], interactions: ['n1'] },
    ],
  ])('%s: one change after commit, with the keys per table', async (_name, write, expected) => {
    const db = await database();
    await db.invoices.bulkAdd([anInvoice('i1', 'c1', '2026-10-01'), anInvoice('i2', 'c1', '2026-10-02')]);
    const { changes, stop } = changesOf(db);
    await write(db);
    stop();
    expect(changes).toHaveLength(1);
    for (const [table, keys] of Object.entries(expected)) expect(sortedKeys(changes[0], table)).toEqual(keys);
    expect(Object.keys(changes[0]!.tables).sort()).toEqual(Object.keys(expected).sort());
  });

  it('says nothing of an aborted transaction, but still moves the cache generation on', async () => {
    const db = await database();
    const before = currentGeneration(db.name)!;
    const { changes, stop } = changesOf(db);
    await expect(
      db.transaction('rw', db.invoices, async () => {
        await db.invoices.add(anInvoice('i1', 'c1', '2026-10-01'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    stop();
    expect(changes).toEqual([]);
    expect(await db.invoices.count()).toBe(0);
    expect(currentGeneration(db.name)).toBeGreaterThan(before);
  });
});

describe('start-up cache', () => {
  it('is trusted only at the generation it was taken at', async () => {
    const db = await database();
    await db.invoices.bulkAdd([anInvoice('i1', 'c1', '2026-10-01'), anInvoice('i2', 'c1', '2026-10-02')]);
    await writeLedgerCache(db, currentGeneration(db.name)!);
    expect((await readLedgerCache(db.name))?.invoices.map((i) => i.id).sort()).toEqual(['i1', 'i2']);

    await db.payments.clear(); // any write, even one that changes no row
    expect(await readLedgerCache(db.name)).toBeUndefined();
  });

  it('taken at a generation read before a write it may miss, is never trusted after that write', async () => {
    const db = await database();
    await db.invoices.add(anInvoice('i1', 'c1', '2026-10-01'));
    const stamp = currentGeneration(db.name)!;
    await db.invoices.add(anInvoice('i2', 'c1', '2026-10-02'));
    await writeLedgerCache(db, stamp); // holds i2, but stamped before it: conservative, not wrong
    expect(await readLedgerCache(db.name)).toBeUndefined();
  });

  it('when stale, is known so from its stamp alone: the copied tables are not read', async () => {
    const db = await database();
    await db.invoices.add(anInvoice('i1', 'c1', '2026-10-01'));
    await writeLedgerCache(db, currentGeneration(db.name)!);
    // Every Dexie table shares the prototype holding bulkGet, the cache's tables included.
    const tablePrototype = Object.getPrototypeOf(Object.getPrototypeOf(db.invoices)) as { bulkGet: (...args: unknown[]) => unknown };
    const bulkGet = vi.spyOn(tablePrototype, 'bulkGet');
    try {
      expect(await readLedgerCache(db.name)).toBeDefined();
      expect(bulkGet).toHaveBeenCalledTimes(1); // current: the three tables, in one read
      await db.invoices.add(anInvoice('i2', 'c1', '2026-10-02'));
      expect(await readLedgerCache(db.name)).toBeUndefined();
      expect(bulkGet).toHaveBeenCalledTimes(1); // stale: only the stamp was read
    } finally {
      bulkGet.mockRestore();
    }
  });

  it('is not used without a durable generation (no localStorage, as in a worker)', async () => {
    const db = await database();
    await db.invoices.add(anInvoice('i1', 'c1', '2026-10-01'));
    await writeLedgerCache(db, currentGeneration(db.name)!);
    delete (globalThis as { localStorage?: Storage }).localStorage;
    expect(await readLedgerCache(db.name)).toBeUndefined();
  });
});

describe('live records store', () => {
  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id).sort();

  async function seeded() {
    const db = await database();
    await db.customers.bulkAdd([aCustomer('c1'), aCustomer('c2')]);
    await db.invoices.bulkAdd([anInvoice('i1', 'c1', '2026-10-01'), anInvoice('i2', 'c2', '2026-10-02'), anInvoice('i3', 'c2', '2026-10-03')]);
    return db;
  }

  function storeOf(db: RelanceDatabase, rebuilt: number[] = []) {
    const store = new LiveRecordsStore(db, {
      rebuildCache: async (generation) => {
        rebuilt.push(generation);
        await writeLedgerCache(db, generation);
      },
      cacheDelayMs: 0,
      onError: (error) => {
        throw error;
      },
    });
    return store;
  }

  async function settle(store: LiveRecordsStore) {
    // The feed publishes on commit; the store applies it asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return store.ready();
  }

  it('reads everything at start, then rebuilds the cache; the next start reads the cache, with the same rows', async () => {
    const db = await seeded();
    const rebuilt: number[] = [];
    const first = storeOf(db, rebuilt);
    const fromTables = await first.ready();
    await settle(first);
    first.stop();
    expect(rebuilt).toEqual([currentGeneration(db.name)]);
    expect(await readLedgerCache(db.name)).toBeDefined();

    const second = storeOf(db);
    const fromCache = await second.ready();
    second.stop();
    expect(ids(fromCache.invoices)).toEqual(ids(fromTables.invoices));
    expect(ids(fromCache.customers)).toEqual(['c1', 'c2']);
  });

  it.each<[string, Write, string[]]>([
    ['a new row is added', (db: RelanceDatabase) => db.invoices.add(anInvoice('i4', 'c1', '2026-10-04')), ['i1', 'i2', 'i3', 'i4']],
    ['a changed row is replaced', (db: RelanceDatabase) => db.invoices.update('i2', { totalCents: 4242 }), ['i1', 'i2', 'i3']],
    ['a deleted row goes', (db: RelanceDatabase) => db.invoices.delete('i3'), ['i1', 'i2']],
    ['a cleared table empties', (db: RelanceDatabase) => db.invoices.clear(), []],
  ])('after a write, %s, and the untouched tables keep their arrays', async (_name, write, expected) => {
    const db = await seeded();
    const store = storeOf(db);
    const before = await store.ready();
    let notified = 0;
    store.subscribe(() => (notified += 1));
    await write(db);
    const after = await settle(store);
    store.stop();
    expect(notified).toBeGreaterThan(0);
    expect(after).not.toBe(before);
    expect(ids(after.invoices)).toEqual(expected);
    expect(after.customers).toBe(before.customers);
    if (expected.includes('i2')) expect(after.invoices.find((i) => i.id === 'i2')!.totalCents).toBe((await db.invoices.get('i2'))!.totalCents);
  });

  it('applies a write made during the first read', async () => {
    const db = await seeded();
    const store = storeOf(db);
    store.subscribe(() => undefined);
    await db.invoices.add(anInvoice('i5', 'c1', '2026-10-05'));
    const records = await settle(store);
    store.stop();
    expect(ids(records.invoices)).toContain('i5');
  });

  it('reads tables bigger than a page whole, at start and after a write of many rows', async () => {
    const db = await database();
    const many = (from: number, count: number) => Array.from({ length: count }, (_, i) => anInvoice(`m${String(from + i).padStart(6, '0')}`, 'c1', '2026-10-01'));
    await db.invoices.bulkAdd(many(0, 4_500)); // two full pages and a part
    const store = storeOf(db);
    const first = await store.ready();
    expect(new Set(first.invoices.map((i) => i.id)).size).toBe(4_500);
    await db.invoices.bulkAdd(many(4_500, 6_000)); // more keys than are worth fetching one by one
    const after = await settle(store);
    store.stop();
    expect(new Set(after.invoices.map((i) => i.id)).size).toBe(10_500);
  });

  it('rebuilds the cache only once the wait before it ends, at the generation current then', async () => {
    const db = await seeded();
    const rebuilt: number[] = [];
    let release: () => void = () => undefined;
    const waits: Promise<void>[] = [];
    const store = new LiveRecordsStore(db, {
      rebuildCache: async (generation) => {
        rebuilt.push(generation);
        await writeLedgerCache(db, generation);
      },
      cacheDelayMs: 0,
      // The user is scrolling until `release` is called.
      beforeCacheRebuild: () => {
        const wait = new Promise<void>((resolve) => (release = resolve));
        waits.push(wait);
        return wait;
      },
    });
    await settle(store);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the rebuild's timer
    expect(waits).toHaveLength(1);
    expect(rebuilt).toEqual([]);
    // A write while waiting: the generation moves on, and the rebuild after the wait is stamped with it.
    await db.invoices.add(anInvoice('i6', 'c1', '2026-10-06'));
    await settle(store);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    store.stop();
    expect(rebuilt).toEqual([currentGeneration(db.name)]);
    expect(ids((await readLedgerCache(db.name))!.invoices)).toContain('i6');
  });

  it('follows the settings', async () => {
    const db = await seeded();
    const store = storeOf(db);
    await store.ready();
    await db.settings.put({ key: 'timeZone', value: 'Europe/Brussels' });
    const records = await settle(store);
    store.stop();
    expect(records.settings.timeZone).toBe('Europe/Brussels');
  });
});
