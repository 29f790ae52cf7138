import type { ColumnMapping } from '../domain/csv-import';
import type { RelanceDatabase } from './database';

/**
 * The column mapping the user chose for a file layout, remembered so that next month's export of the
 * same tool imports without asking again. Kept in the settings table under `importMapping:<layout>`.
 */
const keyOf = (layoutSignature: string) => `importMapping:${layoutSignature}`;

export async function getImportMapping(db: RelanceDatabase, layoutSignature: string): Promise<ColumnMapping | undefined> {
  const row = await db.settings.get(keyOf(layoutSignature));
  return row?.value as ColumnMapping | undefined;
}

export function saveImportMapping(db: RelanceDatabase, layoutSignature: string, mapping: ColumnMapping): Promise<void> {
  return db.transaction('rw', db.settings, async () => {
    await db.settings.put({ key: keyOf(layoutSignature), value: mapping });
  });
}
