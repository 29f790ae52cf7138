import 'fake-indexeddb/auto';
import { afterEach } from 'vitest';
import { RelanceDatabase } from '../../../src-renderer/db/database';

let counter = 0;

/** A fresh database with a unique name, so tests never see each other's rows. */
export async function freshDatabase(prefix = 'test'): Promise<RelanceDatabase> {
  counter += 1;
  const db = new RelanceDatabase(`${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`);
  await db.open();
  return db;
}

/**
 * `database()` gives a fresh database for the test; every one it gave is closed and deleted after each
 * test. Call once at the top of a test file.
 */
export function freshDatabasesFor(prefix: string): () => Promise<RelanceDatabase> {
  const opened: RelanceDatabase[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) {
      db.close();
      await db.delete();
    }
  });
  return async () => {
    const db = await freshDatabase(prefix);
    opened.push(db);
    return db;
  };
}
