import 'fake-indexeddb/auto';
import { RelanceDatabase } from '../../../src-renderer/db/database';

let counter = 0;

/** A fresh database with a unique name, so tests never see each other's rows. */
export async function freshDatabase(prefix = 'test'): Promise<RelanceDatabase> {
  counter += 1;
  const db = new RelanceDatabase(`${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`);
  await db.open();
  return db;
}
