import { getDatabase, saveSettings } from '../../db';
import { i18next } from '../../i18n';
import { os } from '../../os/client';
import type { Language } from '../../domain/model';

/**
 * Switches the whole app to a language: the UI at once, the saved setting for next time, and the
 * main process (menus, notifications).
 */
export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  await saveSettings(getDatabase(), { language });
  await os.app.setLanguage({ language }).catch(() => undefined);
}
