import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { useSettings } from '../../ui/hooks';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { VirtualTable, type Column } from '../../ui/VirtualTable';
import { DEFAULT_SETTINGS } from '../../domain/model';
import { useInteractionRows, type InteractionRow } from '../../ui/useInteractionRows';

type LetterRow = InteractionRow;

/** The letters sent by post (reminders, formal notices, statements), newest first. */
export function LettersScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const timeZone = useSettings()?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const rows = useInteractionRows('letter');

  const columns: Column<LetterRow>[] = [
    { key: 'at', header: t('letters.when'), width: '1.2fr', render: (r) => format.instant(r.at, timeZone), sortValue: (r) => r.at },
    { key: 'customer', header: t('letters.customer'), width: '1.6fr', render: (r) => r.customerName, sortValue: (r) => r.customerName },
    { key: 'subject', header: t('letters.subject'), width: '3fr', render: (r) => r.subject ?? '' },
  ];

  if (!rows) return <Text>{t('app.loading')}</Text>;
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
