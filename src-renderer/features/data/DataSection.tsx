import { useEffect, useState } from 'react';
import { Button, FileButton, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { inspectBackup, restoreBackup, type BackupSummary } from '../../db/backup';
import {
  customersTable,
  interactionsTable,
  invoicesTable,
  paymentsTable,
  toCsv,
  type CsvDialect,
  type CsvTable,
} from '../../domain/csv-export';
import { DEFAULT_SETTINGS } from '../../domain/model';
import { os } from '../../os/client';
import type { MethodResult } from '../../../src-main/contract/methods';
import { useFormat } from '../../ui/format';
import { useSettings, useToday } from '../../ui/hooks';
import { backupBase64, saveBase64File, saveFile } from './files';

type ExportKind = 'invoices' | 'customers' | 'payments' | 'history';
const EXPORT_LABELS: Record<ExportKind, 'data.exportInvoices' | 'data.exportCustomers' | 'data.exportPayments' | 'data.exportHistory'> = {
  invoices: 'data.exportInvoices',
  customers: 'data.exportCustomers',
  payments: 'data.exportPayments',
  history: 'data.exportHistory',
};
const FILE_NAMES: Record<ExportKind, { fr: string; en: string }> = {
  invoices: { fr: 'factures', en: 'invoices' },
  customers: { fr: 'clients', en: 'customers' },
  payments: { fr: 'paiements', en: 'payments' },
  history: { fr: 'historique', en: 'history' },
};

function base64ToBlob(base64: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'application/json' });
}

/** Exports to CSV, full backups to a file of the user's, the daily backups, and restoring any of them. */
export function DataSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const timeZone = useSettings()?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const [dialect, setDialect] = useState<CsvDialect>('excel-fr');
  const [busy, setBusy] = useState<string | null>(null);
  const [daily, setDaily] = useState<MethodResult<'backup.list'>['backups']>();
  // The list lives in main's data folder, not in IndexedDB: read it again after each operation.
  useEffect(() => {
    if (busy) return;
    let active = true;
    void os.backup.list({}).then(
      (r) => active && setDaily(r.backups),
      () => active && setDaily([]),
    );
    return () => {
      active = false;
    };
  }, [busy]);

  const showError = (error: unknown) =>
    notifications.show({ color: 'red', message: t('common.error', { message: error instanceof Error ? error.message : String(error) }) });

  const run = async (key: string, task: () => Promise<void>) => {
    setBusy(key);
    try {
      await task();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  const exportCsv = (kind: ExportKind) =>
    run(kind, async () => {
      const db = getDatabase();
      const [customers, invoices, payments, interactions] = await Promise.all([
        db.customers.toArray(),
        db.invoices.toArray(),
        db.payments.toArray(),
        kind === 'history' ? db.interactions.toArray() : Promise.resolve([]),
      ]);
      const customersById = new Map(customers.map((c) => [c.id, c]));
      const invoicesById = new Map(invoices.map((i) => [i.id, i]));
      const tables: Record<ExportKind, () => CsvTable> = {
        invoices: () => invoicesTable(invoices, customersById, today, format.language),
        customers: () => customersTable(customers, invoices, today, format.language),
        payments: () => paymentsTable(payments, customersById, invoicesById, format.language),
        history: () => interactionsTable(interactions, customersById, invoicesById, format.language, timeZone),
      };
      const csv = toCsv(tables[kind](), { dialect });
      const result = await saveFile(`${FILE_NAMES[kind][format.language]}-${today}.csv`, csv, 'text/csv', 'CSV');
      if (result.status === 'saved') notifications.show({ color: 'green', message: t('data.savedTo', { path: result.path }) });
    });

  const backupNow = () =>
    run('backup', async () => {
      const result = await saveBase64File(`relance-sauvegarde-${today}.json.gz`, await backupBase64(getDatabase()), 'application/gzip', 'Relance');
      if (result.status === 'saved') notifications.show({ color: 'green', message: t('data.savedTo', { path: result.path }) });
    });

  /** Checks the file first; only a valid backup is offered for restoring, after the user confirms. */
  const offerRestore = async (blob: Blob) => {
    const inspection = await inspectBackup(blob);
    if (!inspection.ok) {
      notifications.show({ color: 'red', autoClose: false, message: t('data.refused', { reason: t(`data.refusals.${inspection.reason}`) }) });
      return;
    }
    const summary: BackupSummary = inspection.summary;
    modals.openConfirmModal({
      title: t('data.restoreTitle'),
      children: (
        <Stack gap="xs">
          <Text size="sm">
            {t('data.restoreBody', { date: summary.exportedAt ? format.instant(summary.exportedAt, timeZone) : t('data.restoreUnknownDate') })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('data.restoreSafety')}
          </Text>
          <List size="sm">
            {Object.entries(summary.tables)
              .filter(([table]) => table !== 'settings')
              .map(([table, count]) => (
                <List.Item key={table}>
                  {format.number(count)} {t(`data.tables.${table as 'customers'}`)}
                </List.Item>
              ))}
          </List>
        </Stack>
      ),
      labels: { confirm: t('data.restoreConfirm'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        void run('restore', async () => {
          const db = getDatabase();
          // The data about to be replaced is kept first: restoring the wrong file can be undone.
          await os.backup.saveBeforeRestore({ contentBase64: await backupBase64(db) });
          const result = await restoreBackup(db, blob);
          if (result.ok) notifications.show({ color: 'green', message: t('data.restored') });
          else notifications.show({ color: 'red', autoClose: false, message: t('data.refused', { reason: t(`data.refusals.${result.reason}`) }) });
        }),
    });
  };

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('data.exportTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('data.exportHint')}
        </Text>
        <Select
          label={t('data.format')}
          data={(['excel-fr', 'plain'] as const).map((d) => ({ value: d, label: t(`data.formats.${d}`) }))}
          value={dialect}
          onChange={(v) => v && setDialect(v as CsvDialect)}
          allowDeselect={false}
          w={380}
        />
        <Group>
          {(Object.keys(EXPORT_LABELS) as ExportKind[]).map((kind) => (
            <Button key={kind} variant="default" loading={busy === kind} onClick={() => void exportCsv(kind)}>
              {t(EXPORT_LABELS[kind])}
            </Button>
          ))}
        </Group>
      </Stack>

      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('data.backupTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('data.backupHint')}
        </Text>
        <Group>
          <Button loading={busy === 'backup'} onClick={() => void backupNow()}>
            {t('data.backupNow')}
          </Button>
          <FileButton onChange={(file) => file && void offerRestore(file).catch(showError)} accept=".json,.gz,application/json,application/gzip">
            {(props) => (
              <Button variant="default" {...props} loading={busy === 'restore'}>
                {t('data.restore')}
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>

      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('data.dailyTitle')}
        </Title>
        {/* Nothing while main's list is on its way: "no backup yet" would be wrong for a moment. */}
        {daily === undefined ? null : daily.length === 0 ? (
          <Text size="sm">{t('data.dailyNone')}</Text>
        ) : (
          <Table withTableBorder aria-label={t('data.dailyTable')} maw={520}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('data.dailyDate')}</Table.Th>
                <Table.Th ta="right">{t('data.dailySize')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {daily.map((backup) => (
                <Table.Tr key={backup.fileName}>
                  <Table.Td>{format.longDate(backup.date)}</Table.Td>
                  <Table.Td ta="right">{new Intl.NumberFormat(format.locale, { style: 'unit', unit: 'kilobyte' }).format(Math.ceil(backup.bytes / 1024))}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() =>
                        void os.backup
                          .read({ fileName: backup.fileName })
                          .then((file) => offerRestore(base64ToBlob(file.contentBase64)))
                          .catch(showError)
                      }
                    >
                      {t('data.dailyRestore')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}
