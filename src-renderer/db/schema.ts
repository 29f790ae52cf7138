/**
 * The Dexie schema as data: one entry per version, never edited once shipped. To change the schema,
 * append a version with its `stores` (the full set of tables, as Dexie wants) and, when existing rows
 * must change, an `upgrade`. Each version is tested by tests/unit/db/upgrade.test.ts, which seeds a
 * database at the previous version and opens it with the current one.
 *
 * Index syntax: first key is the primary key; `&` unique, `*` multi-entry (one entry per array item),
 * `[a+b]` compound. Only fields that screens filter or sort on are indexed: every index costs on write.
 */
import type { Transaction } from 'dexie';

export type TableName =
  | 'customers'
  | 'invoices'
  | 'payments'
  | 'interactions'
  | 'promises'
  | 'paymentPlans'
  | 'policies'
  | 'settings';

export interface SchemaVersion {
  version: number;
  /** Why this version exists, for the next engineer. */
  description: string;
  stores: Record<TableName, string>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Version 1 (2026-11): the ledger, the timeline, plans, promises, policies and settings. */
export const SCHEMA_V1: SchemaVersion = {
  version: 1,
  description: 'Initial schema',
  stores: {
    customers: 'id, normalizedName, siret, kind, *tags, policyId',
    invoices: 'id, &number, customerId, issueDate, dueDate, [customerId+dueDate], totalCents, paidCents',
    payments: 'id, customerId, date, *invoiceIds',
    // idempotencyKey is unique; IndexedDB leaves rows without one out of the index, so notes and calls
    // (which have none) never collide (checked in tests/unit/db/schema.test.ts).
    interactions: 'id, customerId, kind, at, [customerId+at], *invoiceIds, &idempotencyKey',
    promises: 'id, customerId, promisedDate, status',
    paymentPlans: 'id, customerId, status, *invoiceIds',
    policies: 'id, name',
    settings: 'key',
  },
};

/**
 * Version 2 (2026-11-23): interactions indexed by kind and status. The outbox driver looked for its
 * waiting emails among every email ever sent (reading and deserialising each one, 40,000 at 100× a
 * big shop, at every start, every queued email and every 30-second recheck); it now reads only
 * those queued, sending or waiting for a retry. An index only: rows are unchanged, no upgrade runs,
 * and a version-1 backup restores as it is (see `sameRowsSince`).
 */
export const SCHEMA_V2: SchemaVersion = {
  version: 2,
  description: 'Index interactions by [kind+status] for the outbox',
  stores: {
    ...SCHEMA_V1.stores,
    interactions: `${SCHEMA_V1.stores.interactions}, [kind+status]`,
  },
};

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [SCHEMA_V1, SCHEMA_V2];

export const CURRENT_SCHEMA = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!;

export const TABLE_NAMES = Object.keys(CURRENT_SCHEMA.stores) as TableName[];

/** The tables holding the shop's records, as opposed to its configuration (policies, settings). */
export const DATA_TABLES: readonly TableName[] = [
  'customers',
  'invoices',
  'payments',
  'interactions',
  'promises',
  'paymentPlans',
];

/**
 * Whether rows written under `version` are still valid rows of the current schema: true when no
 * later version converts rows (an `upgrade`), only adds tables' indexes. A backup of such a version
 * restores as it is; IndexedDB builds the indexes as the rows are written.
 */
export function sameRowsSince(version: number): boolean {
  if (!SCHEMA_VERSIONS.some((entry) => entry.version === version)) return false;
  return SCHEMA_VERSIONS.every((entry) => entry.version <= version || entry.upgrade === undefined);
}
