import { DEFAULT_SETTINGS, type SettingsValues } from '../domain/model';
import { parseTemplateOverrides } from '../domain/template-overrides';
import type { RelanceDatabase } from './database';

type SettingKey = keyof SettingsValues;

/** Keys that have no default value in DEFAULT_SETTINGS but are read all the same. */
const OPTIONAL_KEYS: ReadonlySet<string> = new Set<SettingKey>(['defaultPolicyId', 'lateFeeRates', 'businessCalendar']);

/**
 * The settings, one row per key of SettingsValues (so saving the time zone does not rewrite the
 * logo), over DEFAULT_SETTINGS for the keys never saved.
 */
export async function getSettings(db: RelanceDatabase): Promise<SettingsValues> {
  const rows = await db.settings.toArray();
  const settings: SettingsValues = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (row.key in DEFAULT_SETTINGS || OPTIONAL_KEYS.has(row.key)) {
      (settings as unknown as Record<string, unknown>)[row.key] = row.value;
    } else if (row.key === 'templateOverrides') {
      settings.templateOverrides = parseTemplateOverrides(row.value);
    }
  }
  return settings;
}

/** Saves the keys present in `partial`; a key set to `undefined` goes back to its default. */
export function saveSettings(db: RelanceDatabase, partial: Partial<SettingsValues>): Promise<void> {
  return db.transaction('rw', db.settings, async () => {
    for (const key of Object.keys(partial) as SettingKey[]) {
      const value = partial[key];
      if (value === undefined) await db.settings.delete(key);
      else await db.settings.put({ key, value });
    }
  });
}
