import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA, SCHEMA_VERSIONS, TABLE_NAMES, type TableName } from '../../../src-renderer/db/schema';
import { seedAndUpgrade, type TableRows } from '../../../src-renderer/db/testing/upgrade-harness';
import { generateDemoData } from '../../../src-renderer/domain/demo-data';

const demo = generateDemoData('2026-11-23', '2026-11-23T08:30:00.000Z');

/** Rows of every table as a version-1 database holds them: the demo set plus configuration. */
const V1_ROWS: TableRows = {
  ...demo,
  policies: [{ id: 'default', name: 'Relance standard', builtIn: true, steps: [] }],
  settings: [
    { key: 'language', value: 'fr' },
    { key: 'timeZone', value: 'Europe/Paris' },
  ],
};

function byPrimaryKey(rows: unknown[] = []): unknown[] {
  const key = (row: unknown) => String((row as { id?: string; key?: string }).id ?? (row as { key: string }).key);
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)));
}

interface UpgradeCase {
  name: string;
  fromVersion: number;
  seed: TableRows;
  /** What every table must hold after the upgrade (tables not listed must be empty). */
  expected: TableRows;
}

/**
 * One entry per upgrade path. When version 2 ships, add e.g.
 *   { name: 'v1 → v2 adds …', fromVersion: 1, seed: V1_ROWS, expected: { ...V1_ROWS, invoices: V1_ROWS.invoices.map(toV2) } }
 */
const CASES: UpgradeCase[] = [
  { name: 'v1 → v2 (an index on interactions) keeps every row', fromVersion: 1, seed: V1_ROWS, expected: V1_ROWS },
  { name: 'v2 reopened by the current schema keeps every row', fromVersion: 2, seed: V1_ROWS, expected: V1_ROWS },
];

describe('schema upgrades', () => {
  // Issue 9: "a database from every earlier schema version opened by the current one". A version
  // added to SCHEMA_VERSIONS without its case here fails this test, not a shop's data.
  it('has a case for a database of every schema version, the current one included', () => {
    expect(new Set(CASES.map((c) => c.fromVersion))).toEqual(new Set(SCHEMA_VERSIONS.map((v) => v.version)));
  });

  it.each(CASES)('$name', async ({ fromVersion, seed, expected }) => {
    const name = `upgrade-${fromVersion}-${Math.random().toString(36).slice(2)}`;
    const result = await seedAndUpgrade(name, fromVersion, seed);
    expect(result.version).toBe(CURRENT_SCHEMA.version);
    expect(Object.keys(result.rows).sort()).toEqual([...TABLE_NAMES].sort());
    for (const table of TABLE_NAMES as TableName[]) {
      expect(byPrimaryKey(result.rows[table]), table).toEqual(byPrimaryKey(expected[table]));
    }
    expect(result.rows.invoices.length).toBeGreaterThan(300);
  });
});
