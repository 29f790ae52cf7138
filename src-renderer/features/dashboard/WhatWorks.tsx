import { useMemo, useState } from 'react';
import { Badge, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { followUpEffectiveness, MIN_REMINDERS_TO_CONCLUDE, PAID_WITHIN_DAYS, type EffectivenessGrouping, type EffectivenessRow, type PaidShare } from '../../domain/effectiveness';
import type { MetricInvoice } from '../../domain/metrics';
import type { FollowUpPolicy, Interaction } from '../../domain/model';
import { policyDisplayName } from '../../domain/policies';
import { useFormat } from '../../ui/format';

/**
 * "What works": for each step, tone or channel, how soon the invoices were paid after the reminder.
 * A table rather than a chart: the shop compares a few rows of figures, and a caution sits on each
 * row whose numbers are too small to conclude from.
 */
export function WhatWorks({
  interactions,
  invoices,
  policies,
  today,
  timeZone,
}: {
  interactions: readonly Interaction[];
  invoices: readonly MetricInvoice[];
  policies: readonly FollowUpPolicy[];
  today: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [grouping, setGrouping] = useState<EffectivenessGrouping>('step');
  const rows = useMemo(() => followUpEffectiveness(interactions, invoices, today, timeZone, grouping), [interactions, invoices, today, timeZone, grouping]);

  const label = (row: EffectivenessRow): string => {
    if (row.tone) return t(`policies.tones.${row.tone}`);
    if (row.channel) return t(`channels.${row.channel}`);
    const policy = policies.find((p) => p.id === row.policyId);
    const index = policy?.steps.findIndex((step) => step.id === row.stepId) ?? -1;
    const step = policy?.steps[index];
    if (!policy || !step) return t('dashboard.whatWorks.unknownStep');
    return t('dashboard.whatWorks.stepLabel', { policy: policyDisplayName(policy, format.language), number: index + 1, channel: t(`channels.${step.channel}`), tone: t(`policies.tones.${step.tone}`) });
  };
  const share = (value: PaidShare) => (value.rate === null ? t('common.none') : t('dashboard.whatWorks.share', { percent: format.percent(value.rate), count: value.measured }));

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="what-works-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="what-works-title">
          {t('dashboard.whatWorks.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('dashboard.whatWorks.hint')}
        </Text>
        <SegmentedControl
          aria-label={t('dashboard.whatWorks.groupBy')}
          value={grouping}
          onChange={(value) => setGrouping(value as EffectivenessGrouping)}
          data={(['step', 'tone', 'channel'] as const).map((value) => ({ value, label: t(`dashboard.whatWorks.by.${value}`) }))}
          style={{ alignSelf: 'flex-start' }}
        />
        {rows.length === 0 ? (
          <Text size="sm">{t('dashboard.whatWorks.none')}</Text>
        ) : (
          <Table striped aria-label={t('dashboard.whatWorks.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`dashboard.whatWorks.by.${grouping}`)}</Table.Th>
                <Table.Th ta="right">{t('dashboard.whatWorks.sent')}</Table.Th>
                {PAID_WITHIN_DAYS.map((days) => (
                  <Table.Th key={days} ta="right">
                    {t('dashboard.whatWorks.paidWithin', { count: days })}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('dashboard.whatWorks.median')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td>
                    {label(row)}{' '}
                    {row.tooFewToConclude && (
                      <Badge size="xs" variant="light" color="gray" tt="none" title={t('dashboard.whatWorks.tooFewHint', { count: MIN_REMINDERS_TO_CONCLUDE })}>
                        {t('dashboard.whatWorks.tooFew')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{format.number(row.sent)}</Table.Td>
                  {PAID_WITHIN_DAYS.map((days) => (
                    <Table.Td key={days} ta="right">
                      {share(row.paidWithin[days])}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{row.medianDaysToPay === null ? t('common.none') : t('common.days', { count: Math.round(row.medianDaysToPay) })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {rows.some((row) => row.tooFewToConclude) && (
          <Text size="xs" c="dimmed">
            {t('dashboard.whatWorks.tooFewHint', { count: MIN_REMINDERS_TO_CONCLUDE })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
