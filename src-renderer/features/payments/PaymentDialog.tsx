import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { getDatabase } from '../../db';
import { recordCustomerPayment } from '../../db/ledger-repo';
import { allocateOldestFirst } from '../../domain/allocation';
import { DEFAULT_PROMISE_GRACE_DAYS } from '../../domain/planner';
import { activePromises, promiseAllocationProposal, type ActivePromise } from '../../domain/promise-allocation';
import { parseAmount } from '../../domain/csv-values';
import type { Customer, Invoice, PaymentMethod } from '../../domain/model';
import { useFormat } from '../../ui/format';
import { useRecords, useToday } from '../../ui/hooks';
import { nowIso } from '../../os/clock';

const METHODS: PaymentMethod[] = ['virement', 'cheque', 'carte', 'especes', 'prelevement'];

/**
 * Records a payment received from a customer: the amount, how it was paid, and which invoices it
 * settles — the oldest first unless the user spreads it by hand. What is not allocated stays as a
 * credit. One transaction: the invoices, the payment and the history change together.
 * A customer with a promise to pay still to keep: the promised invoices first, said in plain words
 * (domain/promise-allocation.ts), so that paying what was promised keeps the promise.
 */
export function PaymentDialog({ customer, openInvoices, onClose }: { customer: Customer; openInvoices: Invoice[]; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const [amountText, setAmountText] = useState('');
  const [date, setDate] = useState<string | null>(today);
  const [method, setMethod] = useState<PaymentMethod>('virement');
  const [reference, setReference] = useState('');
  const [automatic, setAutomatic] = useState(true);
  const [manual, setManual] = useState<Record<string, number>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [promisedFirst, setPromisedFirst] = useState(true);
  const records = useRecords();

  const amount = useMemo(() => (amountText.trim() ? parseAmount(amountText) : null), [amountText]);
  const amountCents = amount?.ok && amount.value > 0 ? amount.value : 0;
  const eligible = useMemo(() => openInvoices.filter((i) => !i.dispute), [openInvoices]);
  const promises = useMemo(
    () => (records ? activePromises(customer.id, records.promises, records.payments, records.invoices, today, DEFAULT_PROMISE_GRACE_DAYS) : []),
    [records, customer.id, today],
  );
  const promiseProposal = useMemo(() => (promises.length > 0 ? promiseAllocationProposal(eligible, amountCents, promises) : null), [promises, eligible, amountCents]);
  const proposal = useMemo(
    () => (promiseProposal ? (promisedFirst ? promiseProposal.promisedFirst : promiseProposal.oldestFirst) : allocateOldestFirst(eligible, amountCents)),
    [promiseProposal, promisedFirst, eligible, amountCents],
  );
  const allocations = automatic
    ? proposal.allocations
    : eligible
        .map((invoice) => ({ invoiceId: invoice.id, amountCents: Math.round((manual[invoice.id] ?? 0) * 100) }))
        .filter((a) => a.amountCents > 0);
  const numbers = useMemo(() => new Map(openInvoices.map((invoice) => [invoice.id, invoice.number])), [openInvoices]);
  const allocatedCents = allocations.reduce((sum, a) => sum + a.amountCents, 0);
  const creditCents = amountCents - allocatedCents;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!amount?.ok || amountCents <= 0 || !date || creditCents < 0) return;
    setSaving(true);
    setError(null);
    try {
      await recordCustomerPayment(
        getDatabase(),
        { customerId: customer.id, date, amountCents, method, ...(reference.trim() ? { reference: reference.trim() } : {}) },
        allocations,
        nowIso(),
      );
      notifications.show({ color: 'green', message: t('payment.saved', { amount: format.money(amountCents) }) });
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('payment.title', { customer: customer.name })} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('payment.amount')}
              description={t('payment.amountHint')}
              value={amountText}
              onChange={(e) => setAmountText(e.currentTarget.value)}
              error={amount && !amount.ok ? t('payment.invalidAmount') : undefined}
              inputMode="decimal"
              required
              data-autofocus
            />
            <DatePickerInput label={t('payment.date')} value={date} onChange={setDate} valueFormat="DD/MM/YYYY" maxDate={today} required />
            <Select
              label={t('payment.method')}
              data={METHODS.map((m) => ({ value: m, label: t(`paymentMethods.${m}`) }))}
              value={method}
              onChange={(v) => v && setMethod(v as PaymentMethod)}
              allowDeselect={false}
            />
            <TextInput label={t('payment.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
          </SimpleGrid>
          <Checkbox label={t('payment.automatic')} checked={automatic} onChange={(e) => setAutomatic(e.currentTarget.checked)} />
          {automatic && promiseProposal && (
            <PromiseFirstChoice
              promises={promises}
              numbers={numbers}
              checked={promisedFirst}
              onChange={setPromisedFirst}
              keeps={promisedFirst ? promiseProposal.keptOnlyPromisedFirst.length > 0 : false}
              wouldBreak={!promisedFirst && promiseProposal.keptOnlyPromisedFirst.length > 0}
            />
          )}
          {eligible.length === 0 ? (
            <Text size="sm">{t('payment.noOpenInvoice')}</Text>
          ) : (
            <Table withTableBorder aria-label={t('payment.allocationTable')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('invoices.number')}</Table.Th>
                  <Table.Th>{t('invoices.dueDate')}</Table.Th>
                  <Table.Th ta="right">{t('invoices.balance')}</Table.Th>
                  <Table.Th ta="right">{t('payment.allocated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {eligible.map((invoice) => {
                  const allocated = allocations.find((a) => a.invoiceId === invoice.id)?.amountCents ?? 0;
                  return (
                    <Table.Tr key={invoice.id}>
                      <Table.Td>{invoice.number}</Table.Td>
                      <Table.Td>{format.date(invoice.dueDate)}</Table.Td>
                      <Table.Td ta="right">{format.money(invoice.totalCents - invoice.paidCents)}</Table.Td>
                      <Table.Td ta="right">
                        {automatic ? (
                          format.money(allocated)
                        ) : (
                          <NumberInput
                            aria-label={`${t('payment.allocated')} ${invoice.number}`}
                            value={manual[invoice.id] ?? 0}
                            onChange={(v) => setManual((m) => ({ ...m, [invoice.id]: Number(v) || 0 }))}
                            min={0}
                            max={(invoice.totalCents - invoice.paidCents) / 100}
                            decimalScale={2}
                            decimalSeparator={format.language === 'fr' ? ',' : '.'}
                            thousandSeparator={format.language === 'fr' ? ' ' : ','}
                            size="xs"
                            w={130}
                          />
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          {creditCents > 0 && <Text size="sm">{t('payment.credit', { amount: format.money(creditCents) })}</Text>}
          {creditCents < 0 && (
            <Alert color="red" role="alert">
              {t('payment.tooMuch', { amount: format.money(amountCents) })}
            </Alert>
          )}
          {error && (
            <Alert color="red" role="alert">
              {t('common.error', { message: error })}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} disabled={amountCents <= 0 || !date || creditCents < 0}>
              {t('payment.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The sentence and the choice shown when the customer promised to pay some invoices: the payment goes
 * to the promised invoices first (checked by default), and whether that keeps the promise.
 */
function PromiseFirstChoice({
  promises,
  numbers,
  checked,
  onChange,
  keeps,
  wouldBreak,
}: {
  promises: ActivePromise[];
  numbers: ReadonlyMap<string, string>;
  checked: boolean;
  onChange: (checked: boolean) => void;
  keeps: boolean;
  wouldBreak: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Alert color="blue" title={t('callsPanel.promisePayment.title')}>
      <Stack gap="xs">
        {promises.map(({ promise }) => (
          <Text key={promise.id} size="sm">
            {t('callsPanel.promisePayment.promise', {
              amount: format.money(promise.amountCents),
              date: format.date(promise.promisedDate),
              numbers: promise.invoiceIds.map((id) => numbers.get(id) ?? id).join(', '),
            })}
          </Text>
        ))}
        <Checkbox label={t('callsPanel.promisePayment.first')} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
        {keeps && <Text size="sm">{t('callsPanel.promisePayment.keeps')}</Text>}
        {wouldBreak && (
          <Text size="sm" c="orange.8">
            {t('callsPanel.promisePayment.oldestFirst')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
