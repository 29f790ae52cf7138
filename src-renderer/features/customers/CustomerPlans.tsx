import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { cancelPlan } from '../../db/plans-repo';
import type { Invoice, Payment, PaymentPlan } from '../../domain/model';
import { planView, type PlanState } from '../../domain/payment-plans';
import { paidTowardsSince } from '../../domain/payments-since';
import { owedOnCommitment } from '../../domain/open-invoices';
import { DEFAULT_PROMISE_GRACE_DAYS } from '../../domain/planner';
import { nowIso } from '../../os/clock';
import { useFormat } from '../../ui/format';
import { useToday } from '../../ui/hooks';

const STATE_COLORS: Record<PlanState, string> = { active: 'blue', completed: 'green', broken: 'red', cancelled: 'gray' };

/** The customer's payment plans: state, instalments paid or missed (from the payments), cancel. */
export function CustomerPlans({ plans, invoices, payments }: { plans: readonly PaymentPlan[]; invoices: readonly Invoice[]; payments: readonly Payment[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  if (plans.length === 0) return null;
  const numbers = new Map(invoices.map((i) => [i.id, i.number]));

  const cancel = async (plan: PaymentPlan) => {
    try {
      await cancelPlan(getDatabase(), plan.id, '', nowIso());
      notifications.show({ color: 'green', message: t('callsPanel.plan.cancelled') });
    } catch (error) {
      notifications.show({ color: 'red', message: t('common.error', { message: error instanceof Error ? error.message : String(error) }) });
    }
  };

  return (
    <section aria-labelledby="customer-plans">
      <Title order={2} size="h4" id="customer-plans" mb="xs">
        {t('callsPanel.plan.section')}
      </Title>
      <Stack gap="sm">
        {[...plans]
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .map((plan) => {
            const view = planView(plan, paidTowardsSince(plan.invoiceIds, payments, plan.createdAt), owedOnCommitment(plan.invoiceIds, invoices), today, DEFAULT_PROMISE_GRACE_DAYS);
            const label = plan.invoiceIds.map((id) => numbers.get(id) ?? '?').join(', ');
            return (
              <Paper key={plan.id} withBorder p="sm" radius="md" aria-label={`${t('callsPanel.timeline.planOther')} ${label}`}>
                <Group justify="space-between" mb={4}>
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {label}
                    </Text>
                    <Badge color={STATE_COLORS[view.state]} variant="light">
                      {t(`callsPanel.plan.states.${view.state}`)}
                    </Badge>
                  </Group>
                  {(view.state === 'active' || view.state === 'broken') && (
                    <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void cancel(plan)}>
                      {t('callsPanel.plan.cancel')}
                    </Button>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {t('callsPanel.plan.summary', {
                    count: plan.instalments.length,
                    first: format.date(plan.instalments[0]?.dueDate ?? today),
                    last: format.date(plan.instalments[plan.instalments.length - 1]?.dueDate ?? today),
                    paid: format.money(view.paidCents),
                    total: format.money(view.totalCents),
                  })}
                </Text>
                <Table mt={4} fz="sm">
                  <Table.Tbody>
                    {view.instalments.map((instalment, index) => (
                      <Table.Tr key={index}>
                        <Table.Td>{t('callsPanel.plan.instalmentLine', { index: index + 1 })}</Table.Td>
                        <Table.Td>{format.date(instalment.dueDate)}</Table.Td>
                        <Table.Td ta="right">{format.money(instalment.amountCents)}</Table.Td>
                        <Table.Td>{t(`callsPanel.plan.instalmentState.${instalment.state}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            );
          })}
      </Stack>
    </section>
  );
}
