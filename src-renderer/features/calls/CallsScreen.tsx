import { useMemo, useState } from 'react';
import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../ui/format';
import { useRecords, useSettings, useToday } from '../../ui/hooks';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { VirtualTable, type Column } from '../../ui/VirtualTable';
import { DEFAULT_SETTINGS, type CallOutcome } from '../../domain/model';
import { CALL_OUTCOMES } from '../../domain/calls';
import { callsTable, dueCallBacks, filterCalls, isLoggedCall } from '../../domain/call-log';
import { toCsv } from '../../domain/csv-export';
import { useInteractionRows, type InteractionRow } from '../../ui/useInteractionRows';
import { saveFile } from '../data/files';
import { CallPanel } from './CallPanel';

type CallRow = InteractionRow;

/** The call log: every call with its outcome and notes, newest first; filtered, searched, exported. */
export function CallsScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const timeZone = useSettings()?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const records = useRecords();
  const rows = useInteractionRows('call');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [query, setQuery] = useState('');
  const [calling, setCalling] = useState<string | null>(null);

  const calls = useMemo(() => rows?.filter(isLoggedCall), [rows]);
  const callBacks = useMemo(() => (calls ? dueCallBacks(calls, today) : []), [calls, today]);
  const shown = useMemo(
    () => (calls ? filterCalls(calls, { from, to, customerId, outcome, query }, timeZone) : undefined),
    [calls, from, to, customerId, outcome, query, timeZone],
  );
  const customerOptions = useMemo(() => {
    const seen = new Map<string, string>();
    for (const call of calls ?? []) seen.set(call.customerId, call.customerName);
    return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  }, [calls]);

  const exportCsv = async () => {
    if (!shown || !records) return;
    const names = new Map(records.customers.map((c) => [c.id, c.name]));
    const numbers = new Map(records.invoices.map((i) => [i.id, i.number]));
    const csv = toCsv(callsTable(shown, names, numbers, format.language, timeZone), { dialect: 'excel-fr' });
    try {
      const result = await saveFile(`${format.language === 'fr' ? 'appels' : 'calls'}-${today}.csv`, csv, 'text/csv', 'CSV');
      if (result.status === 'saved') notifications.show({ color: 'green', message: t('callsPanel.log.exported', { path: result.path }) });
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: error instanceof Error ? error.message : String(error) }) });
    }
  };

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

  if (!shown || !calls) return <Text>{t('app.loading')}</Text>;
  return (
    <>
      <ScreenHeader title={t('calls.title')} intro={t('calls.intro')} />
      {calls.length === 0 ? (
        <EmptyState title={t('calls.emptyTitle')} body={t('calls.emptyBody')} />
      ) : (
        <>
          {callBacks.length > 0 && (
            <Paper withBorder p="md" radius="md" mb="md" component="section" aria-labelledby="calls-back">
              <Title order={2} size="h4" id="calls-back" mb="xs">
                {t('callsPanel.log.callBacks', { count: callBacks.length })}
              </Title>
              <Stack gap="xs" role="list" aria-labelledby="calls-back">
                {callBacks.map((call) => (
                  <Group key={call.id} justify="space-between" role="listitem" aria-label={call.customerName} wrap="nowrap">
                    <Stack gap={0}>
                      <Text size="sm" fw={600}>
                        {call.customerName} · {format.date(String(call.details?.callBackOn))}
                        {typeof call.details?.callBackAt === 'string' ? ` · ${call.details.callBackAt}` : ''}
                      </Text>
                      {call.notes && (
                        <Text size="sm" c="dimmed" lineClamp={2}>
                          {call.notes}
                        </Text>
                      )}
                    </Stack>
                    <Button size="xs" onClick={() => setCalling(call.customerId)} aria-label={t('callsPanel.openFor', { customer: call.customerName })}>
                      {t('callsPanel.open')}
                    </Button>
                  </Group>
                ))}
              </Stack>
            </Paper>
          )}
          {calling && <CallPanel customerId={calling} onClose={() => setCalling(null)} />}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} mb="sm">
            <DatePickerInput label={t('callsPanel.log.from')} value={from} onChange={setFrom} valueFormat="DD/MM/YYYY" clearable />
            <DatePickerInput label={t('callsPanel.log.to')} value={to} onChange={setTo} valueFormat="DD/MM/YYYY" clearable />
            <Select
              label={t('callsPanel.log.customer')}
              placeholder={t('callsPanel.log.allCustomers')}
              data={customerOptions}
              value={customerId}
              onChange={setCustomerId}
              searchable
              clearable
            />
            <Select
              label={t('callsPanel.log.outcome')}
              placeholder={t('callsPanel.log.allOutcomes')}
              data={CALL_OUTCOMES.map((value) => ({ value, label: t(`calls.outcomes.${value}`) }))}
              value={outcome}
              onChange={(value) => setOutcome(value as CallOutcome | null)}
              clearable
            />
            <TextInput label={t('callsPanel.log.search')} type="search" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
          </SimpleGrid>
          <Group justify="space-between" mb="xs">
            <Text size="sm" aria-live="polite">
              {t('callsPanel.log.count', { count: shown.length })}
            </Text>
            <Button variant="default" size="xs" onClick={() => void exportCsv()} disabled={shown.length === 0}>
              {t('callsPanel.log.export')}
            </Button>
          </Group>
          {shown.length === 0 ? (
            <Text>{t('callsPanel.log.noMatch')}</Text>
          ) : (
            <VirtualTable label={t('calls.table')} rows={shown} columns={columns} rowKey={(r) => r.id} initialSort={{ key: 'at', direction: 'descending' }} />
          )}
        </>
      )}
    </>
  );
}
