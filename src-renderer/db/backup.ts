/**
 * Full backups of the database, and their restoration.
 *
 * File format: the JSON of dexie-export-import (`formatName: "dexie"`, `formatVersion: 1`, every table
 * with its schema, row count and rows, special values such as an invoice's PDF `Blob` encoded by the
 * library's Typeson), with one more member written FIRST:
 *
 *   {"relance":{"format":"relance-backup","formatVersion":1,"app":"Relance","appVersion":"0.1.0",
 *               "exportedAt":"2026-11-22T08:00:00.000Z","databaseVersion":1},
 *    "formatName":"dexie","formatVersion":1,"data":{"databaseName":"relance","databaseVersion":1,
 *    "tables":[{"name":"customers","schema":"id,normalizedName,…","rowCount":40},…],
 *    "data":[{"tableName":"customers","inbound":true,"rows":[…]},…]}}
 *
 * The library ignores the extra member, so a backup stays readable by any dexie-export-import tool;
 * the `relance` member is how Relance recognises its own files (a plain Dexie export of another app
 * is refused) and what the restore screen shows (date, app version) before anything is touched.
 * Every table is included: the records, and the shop's configuration (settings, follow-up policies).
 *
 * Restoring is all or nothing:
 * 1. the whole file is read, parsed and checked first (JSON complete, Relance metadata, same schema
 *    version, exactly our tables, declared row counts equal to the rows present, every row sane);
 *    a refused file never reaches the database;
 * 2. then the tables are cleared and the rows added inside ONE Dexie read-write transaction over all
 *    tables, with `importInto(..., { noTransaction: true })` fed an already-parsed stream: if anything
 *    fails midway (a duplicate invoice number, a quota error), IndexedDB aborts the transaction and
 *    the previous data is back, untouched.
 *    The parsed stream matters: given a Blob, the library reads it with FileReader between writes,
 *    which lets IndexedDB commit the transaction while it waits (it would then need `Dexie.waitFor`,
 *    and `clearTablesBeforeImport` clears the tables outside the import's own transaction).
 *
 * Node (tests): the library reads `self` when it loads and reads Blobs with `FileReader` (even an
 * export without Blob values calls it once, in a `finally`); Node 20 has neither, so the unit tests
 * install `globalThis.self = globalThis` and a small FileReader over `Blob.arrayBuffer()` (see
 * tests/unit/db/backup.test.ts). The renderer (Chromium) has both.
 */
import { exportDB, importInto } from 'dexie-export-import';
import { backupBytes } from './backup-compression';
import { z } from 'zod';
import type { RelanceDatabase } from './database';
import { CURRENT_SCHEMA, sameRowsSince, TABLE_NAMES, type TableName } from './schema';

export const BACKUP_FORMAT = 'relance-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupMetadata {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  app: 'Relance';
  appVersion: string;
  exportedAt: string;
  databaseVersion: number;
}

export interface BackupSummary {
  /** Rows per table, as found in the file. */
  tables: Record<string, number>;
  exportedAt?: string;
  appVersion?: string;
  databaseVersion: number;
}

export type BackupRefusal =
  /** Empty, binary, or not JSON at all. */
  | 'not-json'
  /** Valid JSON, but not a Relance backup (another app's export, a settings file...). */
  | 'not-a-relance-backup'
  /** Starts like a Relance backup but stops short: an interrupted copy or download. */
  | 'truncated'
  /** Made by a newer Relance (newer file format or database schema): update the app first. */
  | 'newer-version'
  /** Made with an older database schema whose rows this version cannot convert (none exists yet: versions so far only added indexes). */
  | 'older-version'
  /** A Relance backup whose content is damaged or inconsistent (bad rows, wrong counts, unknown tables). */
  | 'invalid-data';

export type BackupInspection =
  | { ok: true; summary: BackupSummary }
  | { ok: false; reason: BackupRefusal; message: string };

export type RestoreResult =
  | { ok: true; summary: BackupSummary }
  | { ok: false; reason: BackupRefusal | 'import-failed'; message: string };

/** The file's bytes as a Blob, with the Relance metadata first (see the module comment for the layout). */
export async function exportBackup(
  db: RelanceDatabase,
  meta: { nowIso: string; appVersion: string },
): Promise<Blob> {
  // One read transaction over every table (the library's default): a consistent snapshot.
  const dexieExport = await exportDB(db, { prettyJson: false });
  const opening = await dexieExport.slice(0, 1).text();
  if (opening !== '{') throw new Error('Unexpected dexie-export-import output: not a JSON object');
  const metadata: BackupMetadata = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    app: 'Relance',
    appVersion: meta.appVersion,
    exportedAt: meta.nowIso,
    databaseVersion: db.verno,
  };
  // Slices of a Blob are not copied: a large export is not held twice in memory.
  return new Blob(['{"relance":', JSON.stringify(metadata), ',', dexieExport.slice(1)], { type: 'application/json' });
}

/** What a file holds, without touching the database: for the restore screen's preview. */
export async function inspectBackup(blob: Blob): Promise<BackupInspection> {
  const parsed = await parseBackup(blob);
  return parsed.ok ? { ok: true, summary: parsed.summary } : parsed;
}

/**
 * Replaces every table with the backup's content, or leaves the database exactly as it was and says
 * why (see the module comment).
 */
export async function restoreBackup(db: RelanceDatabase, blob: Blob): Promise<RestoreResult> {
  const parsed = await parseBackup(blob);
  if (!parsed.ok) return parsed;
  // An older backup whose rows are still valid (later versions only added indexes) restores as it is.
  if (db.verno !== parsed.summary.databaseVersion && !(parsed.summary.databaseVersion < db.verno && sameRowsSince(parsed.summary.databaseVersion))) {
    return refuse(
      parsed.summary.databaseVersion > db.verno ? 'newer-version' : 'older-version',
      `The backup has database version ${parsed.summary.databaseVersion}, the open database ${db.verno}.`,
    );
  }
  try {
    await db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) await table.clear();
      await importInto(db, parsedStream(parsed.file), {
        noTransaction: true,
        // The file may come from another profile or a test database; the checks above are ours,
        // the version's included.
        acceptNameDiff: true,
        acceptVersionDiff: true,
      });
    });
  } catch (error) {
    const full = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const detail = full.length > 300 ? `${full.slice(0, 300)}…` : full;
    return refuse(
      'import-failed',
      `The backup could not be restored (${detail}). Nothing was changed: your data is as it was.`,
    );
  }
  return { ok: true, summary: parsed.summary };
}

// ---------------------------------------------------------------------------------------------------
// Reading and checking a file.

interface DexieTableExport {
  tableName: string;
  inbound: boolean;
  rows: unknown[];
}

interface DexieFile {
  formatName: 'dexie';
  formatVersion: 1;
  data: {
    databaseName: string;
    databaseVersion: number;
    tables: { name: string; schema: string; rowCount: number }[];
    data: DexieTableExport[];
  };
}

type Parsed = { ok: true; summary: BackupSummary; file: DexieFile } | { ok: false; reason: BackupRefusal; message: string };

function refuse<R extends BackupRefusal | 'import-failed'>(reason: R, message: string) {
  return { ok: false as const, reason, message };
}

const metadataSchema = z.looseObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  appVersion: z.string().optional(),
  exportedAt: z.string().optional(),
  databaseVersion: z.number().int().positive().optional(),
});

const dexieFileSchema = z.object({
  formatName: z.literal('dexie'),
  formatVersion: z.literal(1),
  data: z.object({
    databaseName: z.string(),
    databaseVersion: z.number().int().positive(),
    tables: z.array(z.object({ name: z.string(), schema: z.string(), rowCount: z.number().int().nonnegative() })),
    data: z.array(z.object({ tableName: z.string(), inbound: z.boolean(), rows: z.array(z.unknown()) })),
  }),
});

const id = z.string().min(1);
const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date');
const cents = z.number().int();
const idList = z.array(z.string());
/**
 * Enough to refuse a damaged or hand-edited file, loose enough never to refuse a file the app wrote:
 * extra fields pass, and the open lists (kinds, statuses, methods, channels) are checked as strings so
 * that adding a value later does not make older backups unreadable.
 */
const ROW_SCHEMAS: Record<TableName, z.ZodType> = {
  customers: z.looseObject({
    id,
    name: z.string(),
    normalizedName: z.string(),
    kind: z.string(),
    contacts: z.array(z.looseObject({ id, name: z.string() })),
    preferredChannel: z.string(),
    language: z.string(),
    tags: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  invoices: z.looseObject({
    id,
    number: z.string().min(1),
    kind: z.enum(['invoice', 'credit-note']),
    customerId: id,
    issueDate: calendarDate,
    dueDate: calendarDate,
    totalCents: cents,
    paidCents: cents,
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  payments: z.looseObject({
    id,
    customerId: id,
    date: calendarDate,
    amountCents: cents,
    method: z.string(),
    allocations: z.array(z.looseObject({ invoiceId: id, amountCents: cents })),
    invoiceIds: idList,
    createdAt: z.string(),
  }),
  interactions: z.looseObject({ id, customerId: id, kind: z.string(), at: z.string(), invoiceIds: idList }),
  promises: z.looseObject({
    id,
    customerId: id,
    invoiceIds: idList,
    promisedDate: calendarDate,
    amountCents: cents,
    status: z.string(),
    createdAt: z.string(),
  }),
  paymentPlans: z.looseObject({
    id,
    customerId: id,
    invoiceIds: idList,
    downPaymentCents: cents,
    frequency: z.string(),
    instalments: z.array(z.looseObject({ dueDate: calendarDate, amountCents: cents, paidCents: cents })),
    status: z.string(),
    createdAt: z.string(),
  }),
  policies: z.looseObject({ id, name: z.string(), builtIn: z.boolean(), steps: z.array(z.looseObject({ id })) }),
  settings: z.looseObject({ key: z.string().min(1) }),
};

const MAX_ISSUES_REPORTED = 5;

async function parseBackup(blob: Blob): Promise<Parsed> {
  if (blob.size === 0) return refuse('not-json', 'The file is empty.');
  let bytes: Uint8Array;
  try {
    bytes = await backupBytes(blob);
  } catch {
    return refuse(
      'truncated',
      `The backup is damaged (${blob.size} bytes, a compressed file that cannot be read to its end): it was probably copied or downloaded only in part. Use another copy.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse('not-json', 'The file is not a text file: it cannot be a Relance backup.');
  }
  // A BOM left by an editor is harmless.
  if (text.startsWith('\uFEFF')) text = text.slice(1);

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return looksLikeBackupStart(text)
      ? refuse(
          'truncated',
          `The backup is incomplete (${blob.size} bytes, cut off before its end): it was probably copied or downloaded only in part. Use another copy.`,
        )
      : refuse('not-json', 'The file is not a Relance backup (it is not JSON).');
  }

  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return refuse('not-a-relance-backup', 'The file is JSON but not a Relance backup.');
  }
  const record = json as Record<string, unknown>;
  const metadata = metadataSchema.safeParse(record.relance);
  if (!metadata.success) {
    return refuse(
      'not-a-relance-backup',
      record.formatName === 'dexie'
        ? 'The file is a database export, but not one made by Relance.'
        : 'The file is JSON but not a Relance backup.',
    );
  }
  if (metadata.data.formatVersion > BACKUP_FORMAT_VERSION) {
    return refuse(
      'newer-version',
      `The backup was made by a newer version of Relance (${metadata.data.appVersion ?? 'unknown'}): update Relance to restore it.`,
    );
  }
  const file = dexieFileSchema.safeParse(record);
  if (!file.success) {
    return refuse('invalid-data', `The backup is damaged: ${describeIssues(file.error)}.`);
  }
  const data = file.data.data;
  if (data.databaseVersion > CURRENT_SCHEMA.version) {
    return refuse(
      'newer-version',
      `The backup holds a database of version ${data.databaseVersion}, newer than this Relance (${CURRENT_SCHEMA.version}): update Relance to restore it.`,
    );
  }
  if (data.databaseVersion < CURRENT_SCHEMA.version && !sameRowsSince(data.databaseVersion)) {
    return refuse(
      'older-version',
      `The backup holds a database of version ${data.databaseVersion}, which this Relance cannot convert.`,
    );
  }

  const checked = checkTables(file.data as DexieFile);
  if (checked !== null) return refuse('invalid-data', checked);

  const tables: Record<string, number> = {};
  for (const table of data.data) tables[table.tableName] = table.rows.length;
  return {
    ok: true,
    file: file.data as DexieFile,
    summary: {
      tables,
      databaseVersion: data.databaseVersion,
      ...(metadata.data.exportedAt !== undefined ? { exportedAt: metadata.data.exportedAt } : {}),
      ...(metadata.data.appVersion !== undefined ? { appVersion: metadata.data.appVersion } : {}),
    },
  };
}

/** The start of a Relance backup (or a Dexie export), whatever follows. */
function looksLikeBackupStart(text: string): boolean {
  return /^\s*\{\s*"(relance|formatName)"\s*:/.test(text);
}

/** `null` when every table is ours, complete and sane; otherwise what is wrong, for the user. */
function checkTables(file: DexieFile): string | null {
  const declared = new Map(file.data.tables.map((table) => [table.name, table]));
  const expected = new Set<string>(TABLE_NAMES);
  const unknown = [...declared.keys()].filter((name) => !expected.has(name));
  if (unknown.length > 0) return `The backup has tables this Relance does not know: ${unknown.join(', ')}.`;
  const missing = TABLE_NAMES.filter((name) => !declared.has(name));
  if (missing.length > 0) return `The backup lacks tables: ${missing.join(', ')}.`;

  const seen = new Set<string>();
  for (const table of file.data.data) {
    const name = table.tableName as TableName;
    const declaration = declared.get(name);
    if (!declaration || !expected.has(name)) return `The backup has rows for an unknown table "${table.tableName}".`;
    if (seen.has(name)) return `The backup lists the table "${name}" twice.`;
    seen.add(name);
    const ourPrimaryKey = CURRENT_SCHEMA.stores[name].split(',')[0]!.trim();
    if (declaration.schema.split(',')[0]!.trim() !== ourPrimaryKey || !table.inbound) {
      return `The table "${name}" of the backup is not keyed like Relance's.`;
    }
    if (table.rows.length !== declaration.rowCount) {
      return `The table "${name}" should hold ${declaration.rowCount} rows but holds ${table.rows.length}: the file was altered or damaged.`;
    }
    const schema = ROW_SCHEMAS[name];
    for (let index = 0; index < table.rows.length; index += 1) {
      const row = table.rows[index];
      const result = schema.safeParse(withoutUndefinedMarkers(row));
      if (!result.success) {
        const rowId = typeof row === 'object' && row !== null ? (row as Record<string, unknown>).id : undefined;
        const which = typeof rowId === 'string' ? ` (id "${rowId}")` : '';
        return `Row ${index + 1} of "${name}"${which} is not valid: ${describeIssues(result.error)}.`;
      }
    }
  }
  const absent = TABLE_NAMES.filter((name) => !seen.has(name) && (declared.get(name)?.rowCount ?? 0) > 0);
  if (absent.length > 0) return `The backup announces rows for ${absent.join(', ')} but holds none.`;
  return null;
}

/**
 * Typeson writes an own property holding `undefined` as `0` with `$types: { key: 'undef' }`; it is
 * revived as `undefined`, so it is checked as absent (a required field set to `undefined` must fail).
 */
function withoutUndefinedMarkers(row: unknown): unknown {
  if (typeof row !== 'object' || row === null) return row;
  const types = (row as { $types?: unknown }).$types;
  if (typeof types !== 'object' || types === null) return row;
  const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const [path, type] of Object.entries(types)) {
    const isUndefined = type === 'undef' || (Array.isArray(type) && type.includes('undef'));
    if (isUndefined && !path.includes('.')) delete copy[path];
  }
  return copy;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, MAX_ISSUES_REPORTED)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The already-parsed file in the shape of the library's JsonStream (its documented alternative to a
 * Blob): fully read, so `importInto` never waits on I/O inside our transaction.
 */
function parsedStream(file: DexieFile): Parameters<typeof importInto>[1] {
  return {
    result: file,
    pullAsync: () => Promise.resolve(file),
    pullSync: () => file,
    done: () => true,
    eof: () => true,
  };
}
