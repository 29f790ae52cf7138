import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { ValidationError } from '../../db/ledger-repo';
import { createPlan, getPlanRule } from '../../db/plans-repo';
import { planEligibility } from '../../domain/calls';
import { parseAmount, toCalendarDate } from '../../domain/csv-values';
import { addMonths, formatDate } from '../../domain/dates';
import type { DisciplineGrade } from '../../domain/metrics';
import type { Customer, Invoice } from '../../domain/model';
import { instalmentSchedule, scheduleProblem, type PlanFrequency } from '../../domain/payment-plans';
import { nowIso } from '../../os/clock';
import { useFormat } from '../../ui/format';
import { useToday } from '../../ui/hooks';

/**
 * Offers a payment plan (échéancier): the invoices to spread, a down payment, the number of
 * instalments, the first date and the rhythm, with the instalments previewed to the cent before
 * anything is saved. The shop's rule (Réglages) says who may get one. The agreement letter comes
 * from the letters feature.
 */
export function PaymentPlanDialog({
  customer,
  invoices,
  grade,
  onClose,
}: {
  customer: Customer;
  /** Open invoices that can go into a plan (not disputed, not in an active plan). */
  invoices: readonly Invoice[];
  grade: DisciplineGrade | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const rule = useLiveQuery(() => getPlanRule(getDatabase()), []);
  const [invoiceIds, setInvoiceIds] = useState<string[]>(() => invoices.map((i) => i.id));
  const [downPayment, setDownPayment] = useState('');
  const [count, setCount] = useState<number | string>(3);
  const [firstDate, setFirstDate] = useState(() => formatDate(addMonths(today, 1), 'fr', 'short'));
  const [frequency, setFrequency] = useState<PlanFrequency>('monthly');
  const [confirmed, setConfirmed] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const totalCents = invoices.filter((i) => invoiceIds.includes(i.id)).reduce((sum, i) => sum + i.totalCents - i.paidCents, 0);
  const down = downPayment.trim() ? parseAmount(downPayment) : ({ ok: true, value: 0 } as const);
  const first = toCalendarDate(firstDate);
  const input = {
    totalCents,
    downPaymentCents: down.ok ? down.value : -1,
    count: typeof count === 'number' ? count : Number.NaN,
    firstDate: first ?? '',
    frequency,
  };
  const problem = scheduleProblem(input);
  const schedule = problem ? [] : instalmentSchedule(input);
  const eligibility = rule ? planEligibility(rule, grade) : 'ask';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (problem || eligibility === 'refused' || (eligibility === 'ask' && !confirmed) || !first) return;
    setSaving(true);
    setError(null);
    try {
      const plan = await createPlan(
        getDatabase(),
        { customerId: customer.id, invoiceIds, downPaymentCents: input.downPaymentCents, count: input.count, firstDate: first, frequency, grade, confirmed },
        nowIso(),
      );
      notifications.show({ color: 'green', message: t('callsPanel.plan.created', { count: plan.instalments.length }) });
      onClose();
    } catch (e) {
      setError(e instanceof ValidationError ? e.issues.map((issue) => issue.message).join(' · ') : e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('callsPanel.plan.title', { customer: customer.name })} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {eligibility === 'refused' && rule?.mode === 'min-grade' && (
            <Alert color="yellow">{t('callsPanel.plan.refused', { grade: rule.minGrade, current: grade ?? '—' })}</Alert>
          )}
          <Checkbox.Group label={t('callsPanel.plan.invoices')} value={invoiceIds} onChange={setInvoiceIds}>
            <Stack gap={4} mt={4}>
              {invoices.map((invoice) => (
                <Checkbox
                  key={invoice.id}
                  value={invoice.id}
                  label={t('callsPanel.invoiceLine', { number: invoice.number, amount: format.money(invoice.totalCents - invoice.paidCents), date: format.date(invoice.dueDate) })}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Text fw={600}>{t('callsPanel.plan.total', { amount: format.money(totalCents) })}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('callsPanel.plan.downPayment')}
              value={downPayment}
              onChange={(e) => setDownPayment(e.currentTarget.value)}
              inputMode="decimal"
              error={problem === 'down-payment-invalid' && downPayment.trim() ? t('callsPanel.plan.problems.down-payment-invalid') : undefined}
            />
            <NumberInput
              label={t('callsPanel.plan.count')}
              value={count}
              onChange={setCount}
              min={1}
              max={120}
              allowDecimal={false}
              error={problem === 'count-invalid' ? t('callsPanel.plan.problems.count-invalid') : undefined}
            />
            <TextInput
              label={t('callsPanel.plan.firstDate')}
              description={t('callsPanel.dateHint')}
              value={firstDate}
              onChange={(e) => setFirstDate(e.currentTarget.value)}
              error={problem === 'first-date-invalid' ? t('callsPanel.plan.problems.first-date-invalid') : undefined}
            />
            <NativeSelect
              label={t('callsPanel.plan.frequency')}
              data={(['monthly', 'weekly'] as const).map((value) => ({ value, label: t(`callsPanel.plan.frequencies.${value}`) }))}
              value={frequency}
              onChange={(e) => setFrequency(e.currentTarget.value as PlanFrequency)}
            />
          </SimpleGrid>
          {problem === 'total-not-positive' && <Text size="sm" c="red">{t('callsPanel.plan.problems.total-not-positive')}</Text>}
          {schedule.length > 0 && (
            <Table withTableBorder aria-label={t('callsPanel.plan.preview')}>
              <Table.Tbody>
                {input.downPaymentCents > 0 && (
                  <Table.Tr>
                    <Table.Td>{t('callsPanel.plan.downPaymentLine')}</Table.Td>
                    <Table.Td>{format.date(today)}</Table.Td>
                    <Table.Td ta="right">{format.money(input.downPaymentCents)}</Table.Td>
                  </Table.Tr>
                )}
                {schedule.map((instalment, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{t('callsPanel.plan.instalmentLine', { index: index + 1 })}</Table.Td>
                    <Table.Td>{format.date(instalment.dueDate)}</Table.Td>
                    <Table.Td ta="right">{format.money(instalment.amountCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {eligibility === 'ask' && (
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('callsPanel.plan.manualRule')}
              </Text>
              <Checkbox label={t('callsPanel.plan.confirm')} checked={confirmed} onChange={(e) => setConfirmed(e.currentTarget.checked)} />
            </Stack>
          )}
          {error && <Alert color="red">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} disabled={problem !== null || eligibility === 'refused' || (eligibility === 'ask' && !confirmed)}>
              {t('callsPanel.plan.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
