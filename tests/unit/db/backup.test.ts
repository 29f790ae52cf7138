import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';

// Installs `self` and FileReader for dexie-export-import under Node, before backup.ts loads.
import './dexie-export-node';
import { clearAllData, loadDemoData, saveSettings, type RelanceDatabase } from '../../../src-renderer/db';
import { exportBackup, inspectBackup, restoreBackup } from '../../../src-renderer/db/backup';
import { gzip, isGzip } from '../../../src-renderer/db/backup-compression';
import { CURRENT_SCHEMA, SCHEMA_V1, sameRowsSince, TABLE_NAMES } from '../../../src-renderer/db/schema';
import type { FollowUpPolicy } from '../../../src-renderer/domain/model';
import { freshDatabasesFor } from './helpers';

const NOW = '2026-11-23T08:30:00.000Z';
const TODAY = '2026-11-23';
const database = freshDatabasesFor('backup');

const POLICY: FollowUpPolicy = {
  id: 'default',
  name: 'Standard',
  builtIn: true,
  steps: [
    {
      id: 'courtesy-email',
      offsetDays: -3,
      channel: 'email',
      tone: 'courtesy',
      templateId: 'courtesy',
      newDeadlineDays: 0,
      automatic: true,
    },
  ],
};

/** A database with the demo data, a shop identity and one policy. */
async function seeded(): Promise<RelanceDatabase> {
  const db = await database();
  await loadDemoData(db, TODAY, NOW);
  await saveSettings(db, {
    shop: {
      name: 'Quincaillerie Martin',
      address: { lines: ['12 rue des Lilas'], postcode: '69003', city: 'Lyon', country: 'FR' },
      iban: 'FR7630006000011234567890189',
    },
    timeZone: 'Europe/Paris',
  });
  await db.policies.put(POLICY);
  return db;
}

async function snapshot(db: RelanceDatabase): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const name of TABLE_NAMES) tables[name] = await db.table(name).toArray();
  return tables;
}

async function counts(db: RelanceDatabase): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const name of TABLE_NAMES) result[name] = await db.table(name).count();
  return result;
}

async function backupJson(db: RelanceDatabase): Promise<Record<string, unknown>> {
  const blob = await exportBackup(db, { nowIso: NOW, appVersion: '0.1.0' });
  return JSON.parse(await blob.text()) as Record<string, unknown>;
}

function blobOf(value: unknown): Blob {
  return new Blob([typeof value === 'string' ? value : JSON.stringify(value)], { type: 'application/json' });
}

interface FileShape {
  data: { tables: { name: string; rowCount: number }[]; data: { tableName: string; rows: Record<string, unknown>[] }[] };
}

function rowsOf(file: Record<string, unknown>, table: string): Record<string, unknown>[] {
  const found = (file as unknown as FileShape).data.data.find((entry) => entry.tableName === table);
  if (!found) throw new Error(`no table ${table}`);
  return found.rows;
}

describe('exportBackup / restoreBackup', () => {
  it('gives every table back, deep-equal, after the data was erased', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    expect(before.invoices!.length).toBeGreaterThan(300);
    expect(before.settings!.length).toBeGreaterThan(0);

    const blob = await exportBackup(db, { nowIso: NOW, appVersion: '0.1.0' });
    await clearAllData(db, { includeConfiguration: true });
    expect((await counts(db)).invoices).toBe(0);

    const result = await restoreBackup(db, blob);
    expect(result).toMatchObject({ ok: true });
    expect(await snapshot(db)).toEqual(before);
  });

  it('restores a gzip-compressed backup (what the app writes) as well as a plain one, and it is much smaller', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    const plain = await exportBackup(db, { nowIso: NOW, appVersion: '0.1.0' });
    const compressed = await gzip(plain);
    expect(isGzip(compressed)).toBe(true);
    expect(compressed.byteLength).toBeLessThan(plain.size / 4);
    expect(await inspectBackup(new Blob([compressed]))).toMatchObject({ ok: true });

    await clearAllData(db, { includeConfiguration: true });
    expect(await restoreBackup(db, new Blob([compressed]))).toMatchObject({ ok: true });
    expect(await snapshot(db)).toEqual(before);
  });

  it('replaces what the database holds at restore time (rows added after the backup go away)', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    const blob = await exportBackup(db, { nowIso: NOW, appVersion: '0.1.0' });
    await db.policies.put({ ...POLICY, id: 'added-later', name: 'Après' });
    await db.customers.delete('demo-customer-01');

    expect(await restoreBackup(db, blob)).toMatchObject({ ok: true });
    expect(await snapshot(db)).toEqual(before);
  });

  it('restores a backup made before the outbox index (database version 1): every row back, the index working', async () => {
    const db = await seeded();
    const before = await snapshot(db);
    // A version-1 file: the same rows, version 1 in both headers, version 1's table definitions.
    const file = await backupJson(db);
    (file.relance as Record<string, unknown>).databaseVersion = 1;
    const data = (file as unknown as { data: { databaseVersion: number; tables: { name: string; schema: string }[] } }).data;
    data.databaseVersion = 1;
    for (const table of data.tables) table.schema = SCHEMA_V1.stores[table.name as keyof typeof SCHEMA_V1.stores];
    await clearAllData(db, { includeConfiguration: true });

    expect(await inspectBackup(blobOf(file))).toMatchObject({ ok: true, summary: { databaseVersion: 1 } });
    expect(await restoreBackup(db, blobOf(file))).toMatchObject({ ok: true });
    expect(await snapshot(db)).toEqual(before);
    const reminders = before.interactions!.filter((row) => (row as { kind: string }).kind === 'reminder');
    const sent = reminders.filter((row) => (row as { status?: string }).status === 'sent');
    expect(sent.length).toBeGreaterThan(0);
    expect(await db.interactions.where('[kind+status]').equals(['reminder', 'sent']).count()).toBe(sent.length);
  });

  it.each([
    [1, true],
    [2, true],
    [0, false],
    [CURRENT_SCHEMA.version + 1, false],
  ])('rows of database version %i are rows of the current one: %s', (version, same) => {
    expect(sameRowsSince(version)).toBe(same);
  });

  it('writes the Relance metadata first, then the dexie-export-import format', async () => {
    const db = await seeded();
    const blob = await exportBackup(db, { nowIso: NOW, appVersion: '0.1.0' });
    const text = await blob.text();
    expect(text.startsWith('{"relance":{"format":"relance-backup"')).toBe(true);
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(file.relance).toEqual({
      format: 'relance-backup',
      formatVersion: 1,
      app: 'Relance',
      appVersion: '0.1.0',
      exportedAt: NOW,
      databaseVersion: CURRENT_SCHEMA.version,
    });
    expect(file.formatName).toBe('dexie');
    expect(file.formatVersion).toBe(1);
    const tableNames = (file as unknown as FileShape).data.tables.map((table) => table.name).sort();
    expect(tableNames).toEqual([...TABLE_NAMES].sort());
  });

  it('keeps an invoice PDF (a Blob) across a backup', async () => {
    const db = await seeded();
    const invoice = (await db.invoices.toCollection().first())!;
    const pdfBytes = new TextEncoder().encode('%PDF-1.7 fake');
    await db.invoices.put({ ...invoice, pdf: new Blob([pdfBytes], { type: 'application/pdf' }) });
    const blob = await exportBackup(db, { nowIso: NOW, appVersion: '0.1.0' });
    await clearAllData(db, { includeConfiguration: true });

    expect(await restoreBackup(db, blob)).toMatchObject({ ok: true });
    const restored = (await db.invoices.get(invoice.id))!;
    expect(restored.pdf).toBeInstanceOf(Blob);
    expect(restored.pdf!.type).toBe('application/pdf');
    expect(new Uint8Array(await restored.pdf!.arrayBuffer())).toEqual(pdfBytes);
  });
});

describe('inspectBackup', () => {
  it('counts the rows of every table and reads the metadata, without touching the database', async () => {
    const db = await seeded();
    const expected = await counts(db);
    const blob = await exportBackup(db, { nowIso: NOW, appVersion: '0.1.0' });
    await db.customers.clear();

    expect(await inspectBackup(blob)).toEqual({
      ok: true,
      summary: { tables: expected, exportedAt: NOW, appVersion: '0.1.0', databaseVersion: CURRENT_SCHEMA.version },
    });
    expect(await db.customers.count()).toBe(0);
  });

  it.each([
    ['an empty file', '', 'not-json'],
    ['a text file', 'Bonjour', 'not-json'],
    ['a CSV file', 'Numéro;Client\r\nF-1;Martin\r\n', 'not-json'],
    ['a JSON array', '[1, 2, 3]', 'not-a-relance-backup'],
    ['a settings file', '{"port": 4312}', 'not-a-relance-backup'],
    ['another app’s Dexie export', '{"formatName":"dexie","formatVersion":1,"data":{}}', 'not-a-relance-backup'],
  ])('refuses %s', async (_name, content, reason) => {
    expect(await inspectBackup(blobOf(content))).toMatchObject({ ok: false, reason });
  });

  it('refuses bytes that are not text', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00, 0x81]);
    expect(await inspectBackup(new Blob([bytes]))).toMatchObject({ ok: false, reason: 'not-json' });
  });

  it('refuses a backup from a newer Relance (file format or database version)', async () => {
    const db = await seeded();
    const newerFormat = await backupJson(db);
    (newerFormat.relance as Record<string, unknown>).formatVersion = 2;
    expect(await inspectBackup(blobOf(newerFormat))).toMatchObject({ ok: false, reason: 'newer-version' });

    const newerSchema = await backupJson(db);
    (newerSchema as unknown as { data: { databaseVersion: number } }).data.databaseVersion = 7;
    expect(await inspectBackup(blobOf(newerSchema))).toMatchObject({ ok: false, reason: 'newer-version' });
  });
});

describe('restoreBackup refuses a bad file and leaves the data untouched', () => {
  async function expectRefused(content: Blob, reason: string): Promise<string> {
    const db = await seeded();
    const before = await snapshot(db);
    const result = await restoreBackup(db, content);
    expect(result).toMatchObject({ ok: false, reason });
    expect(await snapshot(db)).toEqual(before);
    return result.ok ? '' : result.message;
  }

  it('a truncated file (an interrupted copy)', async () => {
    const source = await seeded();
    const blob = await exportBackup(source, { nowIso: NOW, appVersion: '0.1.0' });
    for (const fraction of [0.1, 0.5, 0.999]) {
      const cut = blob.slice(0, Math.floor(blob.size * fraction));
      const message = await expectRefused(cut, 'truncated');
      expect(message).toMatch(/incomplete/);
    }
  });

  it('a truncated compressed file', async () => {
    const source = await seeded();
    const compressed = await gzip(await exportBackup(source, { nowIso: NOW, appVersion: '0.1.0' }));
    for (const fraction of [0.1, 0.5, 0.99]) {
      const message = await expectRefused(new Blob([compressed.slice(0, Math.floor(compressed.byteLength * fraction))]), 'truncated');
      expect(message).toMatch(/damaged/);
    }
  });

  it('a JSON file that is not a backup', async () => {
    await expectRefused(blobOf({ customers: [] }), 'not-a-relance-backup');
  });

  it('a backup with a bad row (invoice total not in integer cents)', async () => {
    const source = await seeded();
    const file = await backupJson(source);
    const invoice = rowsOf(file, 'invoices')[3]!;
    invoice.totalCents = 123.45;
    const message = await expectRefused(blobOf(file), 'invalid-data');
    expect(message).toContain('invoices');
    expect(message).toContain(String(invoice.id));
    expect(message).toContain('totalCents');
  });

  it.each([
    ['an invoice without a number', (row: Record<string, unknown>) => delete row.number],
    ['an invoice without a customer', (row: Record<string, unknown>) => (row.customerId = '')],
    ['an invoice with a malformed due date', (row: Record<string, unknown>) => (row.dueDate = '31/12/2026')],
  ])('a backup with %s', async (_name, damage) => {
    const source = await seeded();
    const file = await backupJson(source);
    damage(rowsOf(file, 'invoices')[0]!);
    await expectRefused(blobOf(file), 'invalid-data');
  });

  it('a backup whose row counts do not match its rows', async () => {
    const source = await seeded();
    const file = await backupJson(source);
    rowsOf(file, 'payments').pop();
    await expectRefused(blobOf(file), 'invalid-data');
  });

  it('a backup that lacks a table', async () => {
    const source = await seeded();
    const file = await backupJson(source) as unknown as FileShape;
    file.data.tables = file.data.tables.filter((table) => table.name !== 'settings');
    file.data.data = file.data.data.filter((table) => table.tableName !== 'settings');
    await expectRefused(blobOf(file), 'invalid-data');
  });

  it('an import that fails midway (two invoices with the same number): rolled back', async () => {
    const source = await seeded();
    const file = await backupJson(source);
    const invoices = rowsOf(file, 'invoices');
    // Passes the row checks; the unique index on `number` fails inside the import's transaction,
    // after the tables were cleared and other rows were added.
    invoices[invoices.length - 1]!.number = invoices[0]!.number;
    const message = await expectRefused(blobOf(file), 'import-failed');
    expect(message).toMatch(/Nothing was changed/);
  });
});
