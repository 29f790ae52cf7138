import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { getDatabase } from '../../db';
import { os } from '../../os/client';
import { useLedger, useSettings, useToday } from '../../ui/hooks';
import { backupBase64 } from './files';

/** How long after the data appears (or the app opens) the day's backup waits. */
export const BACKUP_DELAY_MS = 20_000;

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
    // A large shop's backup takes seconds of work, in a worker (files.ts), but still reads the whole
    // database: not while the app opens or an import runs, a little later, when the browser is idle.
    const timer = window.setTimeout(() => {
      if (cancelled) return;
      if ('requestIdleCallback' in window) window.requestIdleCallback(() => void run(), { timeout: 30_000 });
      else void run();
    }, BACKUP_DELAY_MS);
    const run = async () => {
      try {
        const db = getDatabase();
        const { backups } = await os.backup.list({});
        if (cancelled || backups.some((b) => b.date === today)) return;
        if ((await db.customers.count()) + (await db.invoices.count()) === 0) return;
        const contentBase64 = await backupBase64(db);
        if (!cancelled) await os.backup.saveDaily({ contentBase64, timeZone });
      } catch (error) {
        notifications.show({ color: 'red', message: t('data.dailyFailed', { message: error instanceof Error ? error.message : String(error) }) });
      }
    };
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [today, timeZone, hasData, t]);
}
