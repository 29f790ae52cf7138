/**
 * Test harness for schema upgrades: seed a database at an older version, open it with the current
 * RelanceDatabase (which runs the upgrades), and read everything back. Used by
 * tests/unit/db/upgrade.test.ts; needs an IndexedDB (fake-indexeddb in tests).
 */
import Dexie from 'dexie';
import { declareVersions, RelanceDatabase } from '../database';
import { SCHEMA_VERSIONS, type TableName } from '../schema';

export type TableRows = Partial<Record<TableName, unknown[]>>;

export interface UpgradeResult {
  /** The version the reopened database reports. */
  version: number;
  /** Every row of every current table, in primary-key order. */
  rows: Record<TableName, unknown[]>;
}

/**
 * Creates `name` at `fromVersion` with only the schema versions ≤ `fromVersion` (a plain Dexie, as the
 * app shipped then), writes `seed` into it, closes it, then opens it with the current class.
 */
export async function seedAndUpgrade(name: string, fromVersion: number, seed: TableRows): Promise<UpgradeResult> {
  const oldVersions = SCHEMA_VERSIONS.filter((entry) => entry.version <= fromVersion);
  if (oldVersions.length === 0) throw new Error(`No schema version ≤ ${fromVersion}`);
  const old = new Dexie(name);
  declareVersions(old, oldVersions);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(seed)) {
      if (rows && rows.length > 0) await old.table(table).bulkAdd(rows);
    }
  });
  old.close();

  const current = new RelanceDatabase(name);
  await current.open();
  try {
    const rows = {} as Record<TableName, unknown[]>;
    for (const table of current.tables) rows[table.name as TableName] = await table.toArray();
    return { version: current.verno, rows };
  } finally {
    current.close();
  }
}
