import { useMemo } from 'react';
import { Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Figure } from '../../ui/Figure';
import { BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { useFormat } from '../../ui/format';
import { useLedger, useRecords, useToday } from '../../ui/hooks';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { AGING_BUCKET_KEYS, agingBuckets, behaviourChangeDetails, collectedBetween, customerDiscipline, dso, toMetricInvoices } from '../../domain/metrics';
import { Anchor, Badge } from '@mantine/core';
import { routeHref } from '../../stores/navigation';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip);

const GRADE_COLORS: Record<string, string> = { A: 'green', B: 'teal', C: 'yellow', D: 'orange', E: 'red' };

const BUCKET_COLORS = ['#adb5bd', '#fab005', '#fd7e14', '#f03e3e', '#c92a2a'];


/** The portfolio at a glance: what is owed, what is late by age, what came in this month. */
export function DashboardScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
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
    const collected = collectedBetween(data.payments, `${today.slice(0, 7)}-01`, today);
    const open = summary.invoices.filter((r) => r.balanceCents > 0 && r.invoice.kind === 'invoice').length;
    return { summary, aging, collected, open, discipline, changed, daysSalesOutstanding };
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
  const labels = AGING_BUCKET_KEYS.map((key) => t(`dashboard.buckets.${key}`));
  const values = AGING_BUCKET_KEYS.map((key) => figures.aging[key] / 100);
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
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="sm" id="aging-title">
            {t('dashboard.aging')}
          </Title>
          <div style={{ height: 280 }}>
            <Bar
              aria-hidden="true"
              data={{ labels, datasets: [{ data: values, backgroundColor: BUCKET_COLORS, borderRadius: 4 }] }}
              options={{
                maintainAspectRatio: false,
                locale: format.locale,
                plugins: {
                  legend: { display: false },
                  tooltip: { callbacks: { label: (item) => format.money(Math.round(Number(item.raw) * 100)) } },
                },
                scales: { y: { ticks: { callback: (value) => format.money(Math.round(Number(value) * 100)) } } },
              }}
            />
          </div>
          {/* The same figures as a table, for screen readers. */}
          <VisuallyHidden>
            <Table aria-label={t('dashboard.agingTable')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.bucket')}</Table.Th>
                  <Table.Th>{t('dashboard.amount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {AGING_BUCKET_KEYS.map((key, index) => (
                  <Table.Tr key={key}>
                    <Table.Td>{labels[index]}</Table.Td>
                    <Table.Td>{format.money(figures.aging[key])}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </VisuallyHidden>
        </Paper>
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
      </Stack>
    </>
  );
}
