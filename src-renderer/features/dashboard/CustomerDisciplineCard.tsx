import { useMemo } from 'react';
import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { agingBuckets, behaviourChangeDetails, customerDiscipline, monthlyDaysLate, toMetricInvoices } from '../../domain/metrics';
import type { Customer } from '../../domain/model';
import { useFormat } from '../../ui/format';
import { useRecords, useToday } from '../../ui/hooks';
import { recordsOfCustomer } from '../../ui/records-by-customer';
import { Figure } from '../../ui/Figure';
import './chart-setup';
import { AgingChart } from './AgingChart';
import { DaysLateTrendChart } from './TrendCharts';
import { GRADE_COLORS } from './grades';

/**
 * The customer's payment discipline on their page: grade, days late, on-time rate, a banner when
 * they have started paying later, the 12-month trend and what they owe by age. The same metrics as
 * the dashboard, over this customer's invoices only.
 */
export function CustomerDisciplineCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const records = useRecords();
  const payments = useLiveQuery(() => getDatabase().payments.where('customerId').equals(customer.id).toArray(), [customer.id]);

  const figures = useMemo(() => {
    if (!records || !payments) return null;
    const invoices = toMetricInvoices(
      recordsOfCustomer(records, customer.id).invoices,
      payments,
    );
    return {
      discipline: customerDiscipline(invoices, today).get(customer.id),
      change: behaviourChangeDetails(invoices, today)[0],
      trend: monthlyDaysLate(invoices, today),
      aging: agingBuckets(invoices, today),
    };
  }, [records, payments, customer.id, today]);

  if (!figures) return <Text>{t('app.loading')}</Text>;
  const { discipline, change } = figures;
  if (!discipline) return null;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="discipline-title">
      <Stack gap="sm">
        <Group gap="sm">
          <Title order={2} size="h4" id="discipline-title">
            {t('dashboard.gradesTitle')}
          </Title>
          <Badge size="lg" color={GRADE_COLORS[discipline.grade]} variant="light" aria-label={t('dashboard.gradeIs', { grade: discipline.grade })}>
            {discipline.grade}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t(`dashboard.gradeMeaning.${discipline.grade}`)}
        </Text>
        {change && (
          <Alert color="orange" title={t('dashboard.changedBanner')}>
            {t('dashboard.changedLine', { recent: format.number(Math.round(change.recentDaysLate)), previous: format.number(Math.round(change.previousDaysLate)) })}
          </Alert>
        )}
        {/* What the customer owes is at the top of their page already; the card adds how they pay. */}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Figure label={t('dashboard.averageDaysLate')} value={discipline.averageDaysLate === null ? t('dashboard.noHistory') : t('common.days', { count: Math.round(discipline.averageDaysLate) })} />
          <Figure label={t('dashboard.onTimeRate')} value={discipline.onTimeRate === null ? t('dashboard.noHistory') : format.percent(discipline.onTimeRate)} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <DaysLateTrendChart points={figures.trend} customerName={customer.name} />
          <AgingChart aging={figures.aging} customerName={customer.name} />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
