import { useMemo } from 'react';
import { Anchor, Badge, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Figure } from '../../ui/Figure';
import { useFormat } from '../../ui/format';
import { useLedger, useRecords, useToday } from '../../ui/hooks';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import {
  agingBuckets,
  behaviourChangeDetails,
  collectedBetween,
  customerDiscipline,
  dso,
  dsoTrend,
  monthlyInvoicedAndCollected,
  toMetricInvoices,
} from '../../domain/metrics';
import { routeHref } from '../../stores/navigation';
import { usePolicies } from '../settings/usePolicies';
import './chart-setup';
import { AgingChart } from './AgingChart';
import { DsoTrendChart, InvoicedCollectedChart } from './TrendCharts';
import { WhatWorks } from './WhatWorks';
import { GRADE_COLORS } from './grades';


/** The portfolio at a glance: what is owed, what is late by age, what came in this month. */
export function DashboardScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const policies = usePolicies();
  // Customers, invoices, payments and their summary are read once app-wide (useRecords).
  const records = useRecords();
  const summary = useLedger();
  const payments = records?.payments;
  const data = useMemo(
    () => (records && payments ? { customers: records.customers, invoices: records.invoices, payments } : undefined),
    [records, payments],
  );

  const figures = useMemo(() => {
    if (!data || !summary) return null;
    const metricInvoices = toMetricInvoices(data.invoices, data.payments);
    const aging = agingBuckets(metricInvoices, today);
    const discipline = customerDiscipline(metricInvoices, today);
    const changed = behaviourChangeDetails(metricInvoices, today);
    const daysSalesOutstanding = dso(metricInvoices, today);
    const trend = dsoTrend(metricInvoices, today);
    const monthly = monthlyInvoicedAndCollected(metricInvoices, today);
    const collected = collectedBetween(data.payments, `${today.slice(0, 7)}-01`, today);
    const open = summary.invoices.filter((r) => r.balanceCents > 0 && r.invoice.kind === 'invoice').length;
    return { summary, metricInvoices, aging, collected, open, discipline, changed, daysSalesOutstanding, trend, monthly };
  }, [data, summary, today]);

  if (!data || !figures) return <Text>{t('app.loading')}</Text>;
  if (data.invoices.length === 0) {
    return (
      <>
        <ScreenHeader title={t('dashboard.title')} intro={t('dashboard.intro')} />
        <EmptyState title={t('dashboard.emptyTitle')} body={t('dashboard.emptyBody')} />
      </>
    );
  }

  const names = new Map(data.customers.map((c) => [c.id, c.name]));
  const topOverdue = [...figures.discipline.entries()]
    .filter(([, d]) => d.overdueCents > 0)
    .sort((a, b) => b[1].overdueCents - a[1].overdueCents)
    .slice(0, 10);
  return (
    <>
      <ScreenHeader title={t('dashboard.title')} intro={t('dashboard.intro')} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          <Figure label={t('dashboard.outstanding')} value={format.money(figures.summary.outstandingCents)} />
          <Figure label={t('dashboard.overdue')} value={format.money(figures.summary.overdueCents)} />
          <Figure label={t('dashboard.collectedThisMonth')} value={format.money(figures.collected)} />
          <Figure label={t('dashboard.invoicesOpen')} value={format.number(figures.open)} />
          <Figure
            label={t('dashboard.dso')}
            value={figures.daysSalesOutstanding === null ? t('dashboard.dsoNone') : t('dashboard.dsoDays', { days: format.number(Math.round(figures.daysSalesOutstanding)) })}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <AgingChart aging={figures.aging} />
          <DsoTrendChart points={figures.trend} />
        </SimpleGrid>
        <InvoicedCollectedChart points={figures.monthly} />
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="changed-title">
            <Title order={2} size="h4" id="changed-title">
              {t('dashboard.changedTitle')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('dashboard.changedHint')}
            </Text>
            {figures.changed.length === 0 ? (
              <Text size="sm">{t('dashboard.changedNone')}</Text>
            ) : (
              <Stack gap="xs" role="list" aria-labelledby="changed-title">
                {figures.changed.map((change) => (
                  <Stack key={change.customerId} gap={0} role="listitem">
                    <Anchor href={routeHref({ screen: 'customers', id: change.customerId })} fw={600} size="sm">
                      {names.get(change.customerId) ?? change.customerId}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {t('dashboard.changedLine', { recent: format.number(Math.round(change.recentDaysLate)), previous: format.number(Math.round(change.previousDaysLate)) })}
                    </Text>
                  </Stack>
                ))}
              </Stack>
            )}
          </Paper>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="top-overdue-title">
            <Title order={2} size="h4" id="top-overdue-title" mb="sm">
              {t('dashboard.topOverdueTitle')}
            </Title>
            <Table aria-labelledby="top-overdue-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.customer')}</Table.Th>
                  <Table.Th>{t('dashboard.grade')}</Table.Th>
                  <Table.Th ta="right">{t('dashboard.averageDaysLate')}</Table.Th>
                  <Table.Th ta="right">{t('dashboard.overdueAmount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {topOverdue.map(([customerId, d]) => (
                  <Table.Tr key={customerId}>
                    <Table.Td>
                      <Anchor href={routeHref({ screen: 'customers', id: customerId })} size="sm">
                        {names.get(customerId) ?? customerId}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={GRADE_COLORS[d.grade]} variant="light" aria-label={`${t('dashboard.grade')} ${d.grade}`}>
                        {d.grade}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{d.averageDaysLate === null ? '—' : t('common.days', { count: Math.round(d.averageDaysLate) })}</Table.Td>
                    <Table.Td ta="right">{format.money(d.overdueCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </SimpleGrid>
        {policies && records && (
          <WhatWorks interactions={records.interactions} invoices={figures.metricInvoices} policies={policies} today={today} timeZone={records.settings.timeZone} />
        )}
      </Stack>
    </>
  );
}
