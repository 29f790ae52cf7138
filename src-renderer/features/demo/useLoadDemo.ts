import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import { getDatabase, getSettings, loadDemoData } from '../../db';
import { todayIn } from '../../domain/dates';
import { nowIso } from '../../os/clock';

/** One click to a realistic shop: the demo data set, dated relative to today. */
export function useLoadDemo() {
  const { t } = useTranslation();
  const [loading, setLoading] = useState(false);
  const loadDemo = async () => {
    setLoading(true);
    try {
      const db = getDatabase();
      const settings = await getSettings(db);
      const now = nowIso();
      const counts = await loadDemoData(db, todayIn(settings.timeZone, now), now);
      notifications.show({ color: 'green', message: t('common.demoLoaded', counts) });
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setLoading(false);
    }
  };
  return { loadDemo, loading };
}
