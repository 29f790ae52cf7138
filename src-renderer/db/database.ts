/** The Dexie database of the app: the system of record (see ARCHITECTURE.md). */
import Dexie, { type EntityTable } from 'dexie';
import type {
  Customer,
  FollowUpPolicy,
  Interaction,
  Invoice,
  Payment,
  PaymentPlan,
  PromiseToPay,
} from '../domain/model';
import { changeFeedMiddleware } from './change-feed';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';

/** One row of the `settings` table: a key of `SettingsValues` and its value. */
export interface SettingRecord {
  key: string;
  value: unknown;
}

export const DEFAULT_DATABASE_NAME = 'relance';

/** Declares the given versions on a Dexie instance; shared with the upgrade test harness. */
export function declareVersions(db: Dexie, versions: readonly SchemaVersion[]): void {
  for (const { version, stores, upgrade } of versions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
}

export class RelanceDatabase extends Dexie {
  // `declare`: Dexie creates these properties itself; a class field would overwrite them with undefined.
  declare customers: EntityTable<Customer, 'id'>;
  declare invoices: EntityTable<Invoice, 'id'>;
  declare payments: EntityTable<Payment, 'id'>;
  declare interactions: EntityTable<Interaction, 'id'>;
  declare promises: EntityTable<PromiseToPay, 'id'>;
  declare paymentPlans: EntityTable<PaymentPlan, 'id'>;
  declare policies: EntityTable<FollowUpPolicy, 'id'>;
  declare settings: EntityTable<SettingRecord, 'key'>;

  constructor(name: string = DEFAULT_DATABASE_NAME) {
    super(name);
    declareVersions(this, SCHEMA_VERSIONS);
    this.use(changeFeedMiddleware(name));
  }
}

/** A database handle; Dexie opens it lazily on first use, or explicitly here so errors surface early. */
export async function openDatabase(name: string = DEFAULT_DATABASE_NAME): Promise<RelanceDatabase> {
  const db = new RelanceDatabase(name);
  await db.open();
  return db;
}

let appDatabase: RelanceDatabase | undefined;

/** The app's single database (opened lazily by Dexie on first query). */
export function getDatabase(): RelanceDatabase {
  appDatabase ??= new RelanceDatabase(DEFAULT_DATABASE_NAME);
  return appDatabase;
}
