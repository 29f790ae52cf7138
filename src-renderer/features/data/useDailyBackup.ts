import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { getDatabase } from '../../db';
import { os, toBase64 } from '../../os/client';
import { useLedger, useSettings, useToday } from '../../ui/hooks';
import { backupBytes } from './files';

/**
 * Once a day (at start-up, and when the day changes while the app stays open), a full backup goes to
 * the data folder; main keeps the last 14. Nothing is saved for an empty database, so a fresh install
 * never pushes out real backups.
 */
export function useDailyBackup(): void {
  const { t } = useTranslation();
  const today = useToday();
  const timeZone = useSettings()?.timeZone;
  // Checked again when the first records arrive (demo data, an import, a restore).
  const hasData = (useLedger()?.invoices.length ?? 0) > 0;
  useEffect(() => {
    if (!timeZone || !hasData) return;
    let cancelled = false;
    void (async () => {
      try {
        const db = getDatabase();
        const { backups } = await os.backup.list({});
        if (cancelled || backups.some((b) => b.date === today)) return;
        if ((await db.customers.count()) + (await db.invoices.count()) === 0) return;
        const bytes = await backupBytes(db);
        if (!cancelled) await os.backup.saveDaily({ contentBase64: toBase64(bytes), timeZone });
      } catch (error) {
        notifications.show({ color: 'red', message: t('data.dailyFailed', { message: error instanceof Error ? error.message : String(error) }) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [today, timeZone, hasData, t]);
}
