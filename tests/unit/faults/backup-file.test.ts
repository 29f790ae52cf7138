import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';

// Installs `self` and FileReader for dexie-export-import under Node, before backup.ts loads.
import '../db/dexie-export-node';
import { loadDemoData, saveSettings, type RelanceDatabase } from '../../../src-renderer/db';
import { exportBackup, inspectBackup, restoreBackup } from '../../../src-renderer/db/backup';
import { TABLE_NAMES } from '../../../src-renderer/db/schema';
import { freshDatabasesFor } from '../db/helpers';

/**
 * A backup file cut short or edited by hand is refused by the restore, and the data in the database
 * stays exactly as it was. Completes tests/unit/db/backup.test.ts (which covers three cut points, a
 * bad invoice total, a missing invoice number / customer / date, a row removed, a table removed and
 * an import failing midway) with: cuts at many points, the metadata removed or altered, a row count
 * edited, a wrong type in a row of every table, tables duplicated or unknown, and files that are not
 * a backup at all.
 */

const NOW = '2026-11-23T08:30:00.000Z';
const TODAY = '2026-11-23';
const database = freshDatabasesFor('faults-backup');

type Json = Record<string, unknown>;
interface FileShape {
  relance?: unknown;
  data: { databaseVersion: number; tables: { name: string; rowCount: unknown }[]; data: { tableName: string; rows: Json[] }[] };
}

async function seeded(): Promise<RelanceDatabase> {
  const db = await database();
  await loadDemoData(db, TODAY, NOW);
  await saveSettings(db, {
    shop: { name: 'Quincaillerie Martin', address: { lines: ['12 rue des Lilas'], postcode: '69003', city: 'Lyon', country: 'FR' } },
    timeZone: 'Europe/Paris',
  });
  await db.policies.put({ id: 'default', name: 'Standard', builtIn: true, steps: [] });
  return db;
}

async function snapshot(db: RelanceDatabase): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const name of TABLE_NAMES) tables[name] = await db.table(name).toArray();
  return tables;
}

/** The demo's backup as text (the file a shop would hold). */
async function backupText(db: RelanceDatabase): Promise<string> {
  return (await exportBackup(db, { nowIso: NOW, appVersion: '0.1.0' })).text();
}

/** Restores `content` over `db` and checks it was refused for `reason`, with nothing changed. */
async function expectRefused(db: RelanceDatabase, content: Blob, reasons: readonly string[]): Promise<string> {
  const before = await snapshot(db);
  const inspected = await inspectBackup(content);
  const restored = await restoreBackup(db, content);
  expect(restored.ok).toBe(false);
  if (restored.ok || inspected.ok) throw new Error('accepted');
  expect(reasons).toContain(restored.reason);
  expect(inspected).toEqual(restored); // the preview says the same before anything is touched
  expect(restored.message.length).toBeGreaterThan(10);
  expect(await snapshot(db)).toEqual(before);
  return restored.message;
}

const blob = (content: string | Uint8Array<ArrayBuffer>) => new Blob([content], { type: 'application/json' });

function edited(text: string, edit: (file: FileShape & Json) => void): Blob {
  const file = JSON.parse(text) as FileShape & Json;
  edit(file);
  return blob(JSON.stringify(file));
}

function rowsOf(file: FileShape, table: string): Json[] {
  const found = file.data.data.find((entry) => entry.tableName === table);
  if (!found || found.rows.length === 0) throw new Error(`the seeded backup has no ${table}`);
  return found.rows;
}

describe('a backup cut short is refused, the data untouched', () => {
  it('at 30 points from the first byte to the last', async () => {
    const db = await seeded();
    const text = await backupText(db);
    const bytes = new TextEncoder().encode(text);
    const cuts = new Set([1, 2, 10, 12, 64, bytes.length - 2, bytes.length - 1]);
    for (let i = 1; i < 24; i += 1) cuts.add(Math.floor((bytes.length * i) / 24));
    let truncated = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      const message = await expectRefused(db, blob(bytes.slice(0, cut)), ['truncated', 'not-json']);
      if (cut >= 64) expect(message, `cut at ${cut}`).toMatch(/incomplete/);
      if (/incomplete/.test(message)) truncated += 1;
    }
    expect(cuts.size).toBeGreaterThanOrEqual(28);
    expect(truncated).toBeGreaterThanOrEqual(cuts.size - 4);
  });
});

describe('a backup edited by hand is refused, the data untouched', () => {
  it.each<[string, (file: FileShape & Json) => void, string]>([
    ['the Relance metadata removed', (file) => delete file.relance, 'not-a-relance-backup'],
    ['the metadata set to null', (file) => (file.relance = null), 'not-a-relance-backup'],
    ['the metadata of another format', (file) => ((file.relance as Json).format = 'other-app'), 'not-a-relance-backup'],
    ['the metadata format version as text', (file) => ((file.relance as Json).formatVersion = '1'), 'not-a-relance-backup'],
    ['a row count raised by one', (file) => (file.data.tables[0]!.rowCount = (file.data.tables[0]!.rowCount as number) + 1), 'invalid-data'],
    ['a row count lowered by one', (file) => {
      const table = file.data.tables.find((entry) => entry.name === 'invoices')!;
      table.rowCount = (table.rowCount as number) - 1;
    }, 'invalid-data'],
    ['a row count as text', (file) => (file.data.tables[0]!.rowCount = String(file.data.tables[0]!.rowCount)), 'invalid-data'],
    ['a row count negative', (file) => (file.data.tables[0]!.rowCount = -1), 'invalid-data'],
    ['a customer name as a number', (file) => (rowsOf(file, 'customers')[0]!.name = 42), 'invalid-data'],
    ['a customer’s contacts as text', (file) => (rowsOf(file, 'customers')[1]!.contacts = 'none'), 'invalid-data'],
    ['an invoice kind unknown', (file) => (rowsOf(file, 'invoices')[0]!.kind = 'avoir'), 'invalid-data'],
    ['an invoice amount paid null', (file) => (rowsOf(file, 'invoices')[2]!.paidCents = null), 'invalid-data'],
    ['an invoice total as French text', (file) => (rowsOf(file, 'invoices')[2]!.totalCents = '120,00'), 'invalid-data'],
    ['a payment amount as text', (file) => (rowsOf(file, 'payments')[0]!.amountCents = '12,50'), 'invalid-data'],
    ['a payment allocation in fractions of a cent', (file) => {
      ((rowsOf(file, 'payments')[0]!.allocations as Json[])[0] as Json).amountCents = 1.5;
    }, 'invalid-data'],
    ['an interaction’s invoices as text', (file) => (rowsOf(file, 'interactions')[0]!.invoiceIds = 'F-2026-0001'), 'invalid-data'],
    ['an interaction without customer', (file) => delete rowsOf(file, 'interactions')[0]!.customerId, 'invalid-data'],
    ['a policy marked built-in with "yes"', (file) => (rowsOf(file, 'policies')[0]!.builtIn = 'yes'), 'invalid-data'],
    ['a setting without key', (file) => (rowsOf(file, 'settings')[0]!.key = ''), 'invalid-data'],
    ['a row that is not an object', (file) => (rowsOf(file, 'invoices')[0] = 'F-2026-0001' as unknown as Json), 'invalid-data'],
    ['a table listed twice', (file) => {
      file.data.data.push({ ...file.data.data.find((entry) => entry.tableName === 'invoices')! });
    }, 'invalid-data'],
    ['a table Relance does not have', (file) => {
      file.data.tables.push({ name: 'scripts', rowCount: 1 });
      file.data.data.push({ tableName: 'scripts', rows: [{ id: 'x', code: 'alert(1)' }] });
    }, 'invalid-data'],
    ['the tables as an object', (file) => (file.data.data = {} as unknown as FileShape['data']['data']), 'invalid-data'],
    ['the database version as text', (file) => (file.data.databaseVersion = '1' as unknown as number), 'invalid-data'],
  ])('%s', async (_label, edit, reason) => {
    const db = await seeded();
    await expectRefused(db, edited(await backupText(db), edit), [reason]);
  });

  it.each([
    ['an empty file', ''],
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['a JSON string', '"relance"'],
    ['another app’s JSON', '{"customers":[{"name":"Dupont"}]}'],
    ['a CSV export', 'N° facture;Client\nF-1;Dupont\n'],
  ])('%s', async (_label, text) => {
    const db = await seeded();
    await expectRefused(db, blob(text), ['not-json', 'not-a-relance-backup']);
  });

  it('binary bytes (a PNG renamed .json)', async () => {
    const db = await seeded();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]);
    await expectRefused(db, blob(png), ['not-json']);
  });
});
