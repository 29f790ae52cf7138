import { useMemo } from 'react';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase } from '../../db';
import { useFormat } from '../../ui/format';
import { useSettings } from '../../ui/hooks';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { VirtualTable, type Column } from '../../ui/VirtualTable';
import { DEFAULT_SETTINGS, type Interaction } from '../../domain/model';

type LetterRow = Interaction & { customerName: string };

/** The letters sent by post (reminders, formal notices, statements), newest first. */
export function LettersScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const timeZone = useSettings()?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const data = useLiveQuery(async () => {
    const db = getDatabase();
    const letters = await db.interactions.where('kind').equals('letter').toArray();
    const customers = await db.customers.bulkGet([...new Set(letters.map((c) => c.customerId))]);
    return { letters, customers };
  }, []);

  const rows = useMemo<LetterRow[]>(() => {
    if (!data) return [];
    const names = new Map(data.customers.filter((c) => c !== undefined).map((c) => [c.id, c.name]));
    return data.letters.map((letter) => ({ ...letter, customerName: names.get(letter.customerId) ?? '' }));
  }, [data]);

  const columns: Column<LetterRow>[] = [
    { key: 'at', header: t('letters.when'), width: '1.2fr', render: (r) => format.instant(r.at, timeZone), sortValue: (r) => r.at },
    { key: 'customer', header: t('letters.customer'), width: '1.6fr', render: (r) => r.customerName, sortValue: (r) => r.customerName },
    { key: 'subject', header: t('letters.subject'), width: '3fr', render: (r) => r.subject ?? '' },
  ];

  if (!data) return <Text>{t('app.loading')}</Text>;
  return (
    <>
      <ScreenHeader title={t('letters.title')} intro={t('letters.intro')} />
      {rows.length === 0 ? (
        <EmptyState title={t('letters.emptyTitle')} body={t('letters.emptyBody')} />
      ) : (
        <VirtualTable label={t('letters.table')} rows={rows} columns={columns} rowKey={(r) => r.id} initialSort={{ key: 'at', direction: 'descending' }} />
      )}
    </>
  );
}
