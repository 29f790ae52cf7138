import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { useSettings } from '../../ui/hooks';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { VirtualTable, type Column } from '../../ui/VirtualTable';
import { DEFAULT_SETTINGS } from '../../domain/model';
import { useInteractionRows, type InteractionRow } from '../../ui/useInteractionRows';

type CallRow = InteractionRow;

/** The call log: every call with its outcome and notes, newest first. */
export function CallsScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const timeZone = useSettings()?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const rows = useInteractionRows('call');

  const columns: Column<CallRow>[] = [
    { key: 'at', header: t('calls.when'), width: '1.3fr', render: (r) => format.instant(r.at, timeZone), sortValue: (r) => r.at },
    { key: 'customer', header: t('calls.customer'), width: '1.6fr', render: (r) => r.customerName, sortValue: (r) => r.customerName },
    {
      key: 'outcome',
      header: t('calls.outcome'),
      width: '1.4fr',
      render: (r) => (r.callOutcome ? t(`calls.outcomes.${r.callOutcome}`) : t('common.none')),
      sortValue: (r) => r.callOutcome ?? '',
    },
    { key: 'notes', header: t('calls.notes'), width: '3fr', render: (r) => <span title={r.notes}>{r.notes ?? ''}</span> },
  ];

  if (!rows) return <Text>{t('app.loading')}</Text>;
  return (
    <>
      <ScreenHeader title={t('calls.title')} intro={t('calls.intro')} />
      {rows.length === 0 ? (
        <EmptyState title={t('calls.emptyTitle')} body={t('calls.emptyBody')} />
      ) : (
        <VirtualTable label={t('calls.table')} rows={rows} columns={columns} rowKey={(r) => r.id} initialSort={{ key: 'at', direction: 'descending' }} />
      )}
    </>
  );
}
