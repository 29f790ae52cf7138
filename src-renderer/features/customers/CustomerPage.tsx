import { useMemo, useState } from 'react';
import { PaymentDialog } from '../payments/PaymentDialog';
import { InvoiceFormDialog } from '../invoices/InvoiceFormDialog';
import { InvoiceActionsMenu } from '../invoices/InvoiceActions';
import { CustomerFormDialog, type CustomerFormFocus } from './CustomerFormDialog';
import { CustomerWarningsAlert } from './CustomerWarnings';
import { CustomerDisciplineCard } from '../dashboard/CustomerDisciplineCard';
import { CustomerLetterButton, openArchivedLetter } from '../letters';
import { CustomerTimeline } from './CustomerTimeline';
import { CustomerPlans } from './CustomerPlans';
import { PaymentPlanDialog } from './PaymentPlanDialog';
import { CallPanel } from '../calls/CallPanel';
import { customerDiscipline, toMetricInvoices } from '../../domain/metrics';
import { unverifiedPaymentClaim } from '../../domain/calls';
import { isOpenInvoice } from '../../domain/open-invoices';
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Figure } from '../../ui/Figure';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDatabase, listInteractionsForCustomer, listInvoicesForCustomer, listPaymentsForCustomer } from '../../db';
import { useFormat } from '../../ui/format';
import { useSettings, useToday } from '../../ui/hooks';
import { StatusBadge } from '../../ui/StatusBadge';
import { useNavigation } from '../../stores/navigation';
import { summarizeLedger } from '../../domain/ledger-summary';
import { DEFAULT_SETTINGS, type Invoice } from '../../domain/model';


/** One customer: who to contact, what is owed, and everything that happened. */
export function CustomerPage({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const today = useToday();
  const timeZone = useSettings()?.timeZone ?? DEFAULT_SETTINGS.timeZone;
  const navigate = useNavigation((s) => s.navigate);
  const [paying, setPaying] = useState(false);
  /** The call panel, open for some invoices (from an invoice's row) or all the open ones. */
  const [calling, setCalling] = useState<{ invoiceIds?: string[] } | null>(null);
  const [planning, setPlanning] = useState(false);
  /** The customer form, open (with the field to fix, if it opened from a warning) or not. */
  const [editing, setEditing] = useState<{ focus?: CustomerFormFocus } | null>(null);
  /** The invoice form: `{}` for a new invoice of this customer, `{ invoice }` to edit one. */
  const [invoiceForm, setInvoiceForm] = useState<{ invoice?: Invoice } | null>(null);

  const data = useLiveQuery(async () => {
    const db = getDatabase();
    const customer = await db.customers.get(customerId);
    if (!customer) return { customer: null } as const;
    const [invoices, payments, timeline, promises, plans] = await Promise.all([
      listInvoicesForCustomer(db, customerId),
      listPaymentsForCustomer(db, customerId),
      listInteractionsForCustomer(db, customerId),
      db.promises.where('customerId').equals(customerId).toArray(),
      db.paymentPlans.where('customerId').equals(customerId).toArray(),
    ]);
    return { customer, invoices, payments, timeline, promises, plans } as const;
  }, [customerId]);

  const summary = useMemo(
    () => (data?.customer ? summarizeLedger([data.customer], data.invoices, data.timeline, today) : null),
    [data, today],
  );
  const grade = useMemo(
    () => (data?.customer ? customerDiscipline(toMetricInvoices(data.invoices, data.payments), today).get(data.customer.id)?.grade : undefined),
    [data, today],
  );

  if (!data) return <Text>{t('app.loading')}</Text>;
  const back = (
    <Button variant="subtle" px={0} w="fit-content" onClick={() => navigate('customers')}>
      ← {t('customer.back')}
    </Button>
  );
  if (!data.customer || !summary) {
    return (
      <Stack>
        {back}
        <Alert color="yellow">{t('customer.notFound')}</Alert>
      </Stack>
    );
  }

  const { customer, payments, timeline } = data;
  const row = summary.customers[0]!;
  const invoiceNumbers = new Map(data.invoices.map((i) => [i.id, i.number]));
  const credit = payments.reduce((sum, p) => sum + p.amountCents - p.allocations.reduce((s, a) => s + a.amountCents, 0), 0);

  const openInvoices = data.invoices.filter(isOpenInvoice);
  const inActivePlan = new Set(data.plans.filter((p) => p.status === 'active').flatMap((p) => p.invoiceIds));
  const plannable = openInvoices.filter((i) => !i.dispute && !inActivePlan.has(i.id));
  const claim = unverifiedPaymentClaim(timeline, payments);

  return (
    <Stack gap="lg">
      {back}
      <Stack gap={4}>
        <Title order={1} size="h2">
          {customer.name}
        </Title>
        <Group gap="xs">
          <Badge variant="light" tt="none">
            {t(`kind.${customer.kind}`)}
          </Badge>
          {customer.siret && <Text size="sm" c="dimmed">{t('customer.siret', { siret: customer.siret })}</Text>}
          <Text size="sm" c="dimmed">
            {t('customer.language', { language: t(`languages.${customer.language}`) })} · {t('customer.channel', { channel: t(`channels.${customer.preferredChannel}`) })}
          </Text>
          {customer.tags.map((tag) => (
            <Badge key={tag} variant="outline" color="gray" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      </Stack>
      <Group>
        <Button onClick={() => setPaying(true)}>{t('payment.record')}</Button>
        <Button variant="default" onClick={() => setCalling({})}>
          {t('callsPanel.open')}
        </Button>
        {plannable.length > 0 && (
          <Button variant="default" onClick={() => setPlanning(true)}>
            {t('callsPanel.plan.open')}
          </Button>
        )}
        <Button variant="default" onClick={() => setInvoiceForm({})}>
          {t('ledger.invoiceForm.newButton')}
        </Button>
        <Button variant="default" onClick={() => setEditing({})}>
          {t('ledger.customerForm.editButton')}
        </Button>
        <CustomerLetterButton customer={customer} />
      </Group>
      <CustomerWarningsAlert customer={customer} onFix={(focus) => setEditing({ focus })} />
      {editing && <CustomerFormDialog customer={customer} {...(editing.focus ? { focus: editing.focus } : {})} onClose={() => setEditing(null)} />}
      {invoiceForm && (
        <InvoiceFormDialog
          {...(invoiceForm.invoice ? { invoice: invoiceForm.invoice } : { customerId: customer.id })}
          onClose={() => setInvoiceForm(null)}
        />
      )}
      {paying && (
        <PaymentDialog
          customer={customer}
          openInvoices={openInvoices}
          onClose={() => setPaying(false)}
        />
      )}
      {calling && <CallPanel customerId={customer.id} {...(calling.invoiceIds ? { invoiceIds: calling.invoiceIds } : {})} onClose={() => setCalling(null)} />}
      {planning && <PaymentPlanDialog customer={customer} invoices={plannable} grade={grade} onClose={() => setPlanning(false)} />}
      {claim && typeof claim.details?.saysPaidOn === 'string' && (
        <Alert color="yellow">{t('callsPanel.saysPaidAlert', { date: format.date(claim.details.saysPaidOn), call: format.instant(claim.at, timeZone) })}</Alert>
      )}
      {customer.doNotChase && <Alert color="red">{t('customer.doNotChase', { reason: customer.doNotChase.reason })}</Alert>}
      {customer.pausedUntil && customer.pausedUntil >= today && (
        <Alert color="yellow">{t('customer.pausedUntil', { date: format.longDate(customer.pausedUntil) })}</Alert>
      )}

      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure size="lg" label={t('customer.balance')} value={format.money(row.balanceCents)} />
        <Figure size="lg" label={t('customer.overdue')} value={format.money(row.overdueCents)} color={row.overdueCents > 0 ? 'red' : undefined} />
        <Figure size="lg" label={t('customer.credit')} value={format.money(credit)} />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="customer-contacts">
          <Title order={2} size="h4" id="customer-contacts" mb="xs">
            {t('customer.contacts')}
          </Title>
          {customer.contacts.length === 0 ? (
            <Text size="sm">{t('customer.noContact')}</Text>
          ) : (
            <Stack gap="xs">
              {customer.contacts.map((contact) => (
                <Stack key={contact.id} gap={0}>
                  <Text fw={600} size="sm">
                    {contact.name}
                    {contact.role ? ` · ${contact.role}` : ''}
                    {contact.id === customer.preferredContactId ? ` · ${t('customer.preferred')}` : ''}
                  </Text>
                  <Group gap="md">
                    {contact.email && <Anchor href={`mailto:${contact.email}`} size="sm">{contact.email}</Anchor>}
                    {contact.phone && <Anchor href={`tel:${contact.phone}`} size="sm">{format.phone(contact.phone)}</Anchor>}
                    {contact.mobile && <Anchor href={`tel:${contact.mobile}`} size="sm">{format.phone(contact.mobile)}</Anchor>}
                    {contact.wrongNumber && [contact.phone, contact.mobile].includes(contact.wrongNumber.phone) && (
                      <Badge color="red" variant="light" tt="none">
                        {t('callsPanel.wrongNumberOn', { phone: format.phone(contact.wrongNumber.phone) })}
                      </Badge>
                    )}
                  </Group>
                </Stack>
              ))}
            </Stack>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="customer-address">
          <Title order={2} size="h4" id="customer-address" mb="xs">
            {t('customer.address')}
          </Title>
          {customer.address ? (
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {[...customer.address.lines, `${customer.address.postcode} ${customer.address.city}`, customer.address.country === 'FR' ? '' : customer.address.country]
                .filter(Boolean)
                .join('\n')}
            </Text>
          ) : (
            // The warnings above say what is missing and offer to fix it: no second yellow box here.
            <Text size="sm" c="dimmed">
              {t('customer.noAddress')}
            </Text>
          )}
        </Paper>
      </SimpleGrid>

      <CustomerDisciplineCard customer={customer} />

      <section aria-labelledby="customer-invoices">
        <Title order={2} size="h4" id="customer-invoices" mb="xs">
          {t('customer.invoices')}
        </Title>
        <Table striped withTableBorder aria-labelledby="customer-invoices">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('invoices.number')}</Table.Th>
              <Table.Th>{t('invoices.issueDate')}</Table.Th>
              <Table.Th>{t('invoices.dueDate')}</Table.Th>
              <Table.Th ta="right">{t('invoices.total')}</Table.Th>
              <Table.Th ta="right">{t('invoices.balance')}</Table.Th>
              <Table.Th>{t('invoices.status')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('ledger.actions.column')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...summary.invoices]
              .sort((a, b) => b.invoice.dueDate.localeCompare(a.invoice.dueDate))
              .map((r) => (
                <Table.Tr key={r.invoice.id}>
                  <Table.Td>{r.invoice.number}</Table.Td>
                  <Table.Td>{format.date(r.invoice.issueDate)}</Table.Td>
                  <Table.Td>{format.date(r.invoice.dueDate)}</Table.Td>
                  <Table.Td ta="right">{format.money(r.invoice.totalCents)}</Table.Td>
                  <Table.Td ta="right">{format.money(r.balanceCents)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} daysLate={r.daysLate} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {r.balanceCents > 0 && r.invoice.kind === 'invoice' && !r.invoice.cancelled && !r.invoice.writeOff && (
                        <Button size="compact-xs" variant="subtle" onClick={() => setCalling({ invoiceIds: [r.invoice.id] })} aria-label={t('callsPanel.callAbout', { number: r.invoice.number })}>
                          {t('callsPanel.open')}
                        </Button>
                      )}
                      <InvoiceActionsMenu row={r} onEdit={(invoice) => setInvoiceForm({ invoice })} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </section>

      <CustomerPlans plans={data.plans} invoices={data.invoices} payments={payments} />

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <section aria-labelledby="customer-payments">
          <Title order={2} size="h4" id="customer-payments" mb="xs">
            {t('customer.payments')}
          </Title>
          {payments.length === 0 ? (
            <Text size="sm">{t('customer.noPayments')}</Text>
          ) : (
            <Table withTableBorder aria-labelledby="customer-payments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('customer.paymentDate')}</Table.Th>
                  <Table.Th>{t('customer.paymentMethod')}</Table.Th>
                  <Table.Th>{t('nav.invoices')}</Table.Th>
                  <Table.Th ta="right">{t('customer.paymentAmount')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {payments.map((payment) => (
                  <Table.Tr key={payment.id}>
                    <Table.Td>{format.date(payment.date)}</Table.Td>
                    <Table.Td>{t(`paymentMethods.${payment.method}`)}</Table.Td>
                    <Table.Td>{payment.allocations.map((a) => invoiceNumbers.get(a.invoiceId) ?? '?').join(', ')}</Table.Td>
                    <Table.Td ta="right">{format.money(payment.amountCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </section>
        <CustomerTimeline
          customerId={customer.id}
          entries={timeline}
          invoices={data.invoices}
          payments={payments}
          promises={data.promises}
          plans={data.plans}
          timeZone={timeZone}
          openDocument={(entry) => void openArchivedLetter(entry)}
        />
      </SimpleGrid>
    </Stack>
  );
}
