import { useState } from 'react';
import { Alert, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase, saveSettings } from '../../db';
import { ratesCoverage, type LateFeeRates, type RateEntry } from '../../domain/rates';
import {
  checkRateEntry,
  halfYearStart,
  lateFeeRatesOf,
  nextHalfYearStart,
  parsePercent,
  rateInForce,
  withHalfYear,
  withoutRate,
  withRate,
  type RateProblem,
  type RateTable,
} from '../../domain/rate-tables';
import { useFormat } from '../../ui/format';
import { useSettings, useToday } from '../../ui/hooks';

function saveRates(rates: LateFeeRates) {
  return saveSettings(getDatabase(), { lateFeeRates: rates });
}

/**
 * The late-payment rate tables (ECB and legal rate for consumers): how far they are known, a warning
 * when the current half-year is missing, adding a half-year, correcting or deleting an entry. The
 * tables are the shop's settings row `lateFeeRates` (the shipped KNOWN_RATES until first saved).
 */
export function RatesSection() {
  const { t } = useTranslation();
  const settings = useSettings();
  const today = useToday();
  const format = useFormat();
  const [editing, setEditing] = useState<{ table: RateTable; entry?: RateEntry } | null>(null);
  if (!settings) return <Text>{t('app.loading')}</Text>;
  const rates = lateFeeRatesOf(settings);
  const coverage = ratesCoverage(rates, today);
  const percent = (value: number) => t('engine.rates.percent', { value: format.number(value) });

  const remove = (table: RateTable, from: string) =>
    void saveRates(withoutRate(rates, table, from)).then(() => notifications.show({ color: 'green', message: t('engine.rates.saved') }));

  const tableOf = (table: RateTable, title: string) => (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      <Table withTableBorder striped aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('engine.rates.from')}</Table.Th>
            <Table.Th>{t('engine.rates.rate')}</Table.Th>
            <Table.Th>{t('engine.rates.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...rates[table]].reverse().map((entry) => (
            <Table.Tr key={entry.from}>
              <Table.Td>{format.date(entry.from)}</Table.Td>
              <Table.Td>{percent(entry.ratePercent)}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  <Button size="compact-sm" variant="subtle" aria-label={t('engine.rates.correctLabel', { date: format.date(entry.from) })} onClick={() => setEditing({ table, entry })}>
                    {t('engine.rates.correct')}
                  </Button>
                  <Button size="compact-sm" variant="subtle" color="red" aria-label={t('engine.rates.removeLabel', { date: format.date(entry.from) })} onClick={() => remove(table, entry.from)}>
                    {t('engine.rates.remove')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );

  return (
    <Stack>
      {coverage.currentHalfYearMissing ? (
        <Alert color="yellow" title={coverage.knownUntil ? t('engine.rates.knownUntil', { date: format.longDate(coverage.knownUntil) }) : undefined}>
          {t('engine.rates.missing', { date: format.longDate(halfYearStart(today)) })}
        </Alert>
      ) : (
        <Text size="sm">{t('engine.rates.knownUntil', { date: format.longDate(coverage.knownUntil) })}</Text>
      )}
      <HalfYearForm key={coverage.knownUntil} rates={rates} start={nextHalfYearStart(coverage.knownUntil, today)} />
      {tableOf('ecb', t('engine.rates.ecbTable'))}
      <Group>
        <Button variant="default" onClick={() => setEditing({ table: 'ecb' })}>
          {t('engine.rates.addEcb')}
        </Button>
      </Group>
      {tableOf('legalConsumer', t('engine.rates.legalTable'))}
      {editing && <RateDialog rates={rates} table={editing.table} entry={editing.entry} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** The rates of the next half-year to add: the ECB rate on its first day (proposed: the one in force) and the legal rate. */
function HalfYearForm({ rates, start }: { rates: LateFeeRates; start: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const inForce = rateInForce(rates.ecb, start);
  const [ecb, setEcb] = useState(inForce === undefined ? '' : format.number(inForce));
  const [legal, setLegal] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const ecbPercent = parsePercent(ecb);
  const legalPercent = parsePercent(legal);
  const error = (value: number | undefined) => (submitted && value === undefined ? t('engine.rates.problems.bad-rate') : undefined);

  const add = async () => {
    setSubmitted(true);
    if (ecbPercent === undefined || legalPercent === undefined) return;
    await saveRates(withHalfYear(rates, { start, ecbPercent, legalConsumerPercent: legalPercent }));
    notifications.show({ color: 'green', message: t('engine.rates.added', { date: format.longDate(start) }) });
  };

  return (
    <Paper withBorder p="md" component="section" aria-label={t('engine.rates.addHalfYear')}>
      <Stack gap="sm">
        <Text fw={500}>{t('engine.rates.halfYear', { date: format.longDate(start) })}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('engine.rates.ecbOn', { date: format.longDate(start) })} value={ecb} onChange={(e) => setEcb(e.currentTarget.value)} error={error(ecbPercent)} inputMode="decimal" />
          <TextInput label={t('engine.rates.legalFor')} value={legal} onChange={(e) => setLegal(e.currentTarget.value)} error={error(legalPercent)} inputMode="decimal" />
        </SimpleGrid>
        <Group>
          <Button onClick={() => void add()}>{t('engine.rates.add')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Correcting an entry (its date or rate), or adding an ECB change. */
function RateDialog({ rates, table, entry, onClose }: { rates: LateFeeRates; table: RateTable; entry?: RateEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [from, setFrom] = useState(entry?.from ?? '');
  const [rate, setRate] = useState(entry ? format.number(entry.ratePercent) : '');
  const [problem, setProblem] = useState<RateProblem>();
  const title = entry ? t('engine.rates.correctTitle', { date: format.date(entry.from) }) : t('engine.rates.addEcbTitle');

  const save = async () => {
    const ratePercent = parsePercent(rate);
    const candidate = { from: from.trim(), ratePercent: ratePercent ?? Number.NaN };
    const found = checkRateEntry(rates, table, candidate, entry?.from);
    setProblem(found);
    if (found) return;
    await saveRates(withRate(rates, table, candidate, entry?.from));
    notifications.show({ color: 'green', message: t('engine.rates.saved') });
    onClose();
  };

  const dateProblem = problem === 'bad-date' || problem === 'not-half-year-start' || problem === 'date-taken' ? t(`engine.rates.problems.${problem}`) : undefined;
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack>
        <TextInput label={t('engine.rates.dateLabel')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={dateProblem} placeholder="2026-07-01" />
        <TextInput label={t('engine.rates.rateLabel')} value={rate} onChange={(e) => setRate(e.currentTarget.value)} error={problem === 'bad-rate' ? t('engine.rates.problems.bad-rate') : undefined} inputMode="decimal" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void save()}>{t('common.save')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
