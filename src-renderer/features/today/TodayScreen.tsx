import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Figure } from '../../ui/Figure';
import { FollowUpList } from './FollowUpList';
import { OutboxPanel } from '../mail/OutboxPanel';
import { useFollowUps } from './useFollowUps';
import { routeHref } from '../../stores/navigation';
import { useLedger, useSettings, useToday } from '../../ui/hooks';
import { useFormat } from '../../ui/format';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { customersToFollowUp } from '../../domain/ledger-summary';
import { DEFAULT_SETTINGS } from '../../domain/model';


/**
 * The morning screen: what is owed, what is late, and the customers to follow up, most urgent first.
 * The follow-up engine will replace the plain "overdue" rule by the planned actions of each policy.
 */
/** The overview stays short at any size: the full list is the Clients screen, sorted by overdue. */
const WORKLIST_ROWS = 50;
const BADGES_PER_ROW = 5;

export function TodayScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const ledger = useLedger();
  const followUps = useFollowUps();
  const today = useToday();
  const timeZone = useSettings()?.timeZone ?? DEFAULT_SETTINGS.timeZone;

  if (!ledger) return <Text>{t('app.loading')}</Text>;
  if (ledger.invoices.length === 0) {
    return (
      <>
        <ScreenHeader title={t('today.title')} intro={t('today.intro')} />
        <EmptyState title={t('today.emptyTitle')} body={t('today.emptyBody')} />
      </>
    );
  }

  const toFollowUp = customersToFollowUp(ledger, today);
  return (
    <>
      <ScreenHeader title={`${t('today.title')} · ${format.longDate(today)}`} intro={t('today.intro')} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Figure label={t('today.outstanding')} value={format.money(ledger.outstandingCents)} />
          <Figure label={t('today.overdue')} value={format.money(ledger.overdueCents)} />
          <Figure
            label={t('today.overdueInvoices', { count: ledger.overdueInvoiceCount })}
            value={t('today.customersToContact', { count: toFollowUp.length })}
          />
        </SimpleGrid>
        <section aria-labelledby="today-followups">
          <Title order={2} size="h4" id="today-followups" mb="sm">
            {t('followUps.title')}
          </Title>
          {followUps ? <FollowUpList actions={followUps.actions} customers={followUps.input.customers} /> : <Text>{t('app.loading')}</Text>}
        </section>
        <OutboxPanel />
        <section aria-labelledby="today-worklist">
          <Title order={2} size="h4" id="today-worklist">
            {t('today.worklist')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('today.worklistHint')}
          </Text>
          {toFollowUp.length === 0 ? (
            <Text>{t('today.nothingOverdue')}</Text>
          ) : (
            <Table striped highlightOnHover withTableBorder aria-labelledby="today-worklist">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('customers.name')}</Table.Th>
                  <Table.Th>{t('nav.invoices')}</Table.Th>
                  <Table.Th ta="right">{t('customers.overdue')}</Table.Th>
                  <Table.Th>{t('today.oldestLate')}</Table.Th>
                  <Table.Th>{t('today.lastContact')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {toFollowUp.slice(0, WORKLIST_ROWS).map((row) => {
                  const contact = row.customer.contacts.find((c) => c.id === row.customer.preferredContactId) ?? row.customer.contacts[0];
                  const phone = contact?.mobile ?? contact?.phone;
                  return (
                    <Table.Tr key={row.customer.id}>
                      <Table.Td>
                        <Stack gap={0}>
                          <Anchor href={routeHref({ screen: 'customers', id: row.customer.id })} fw={600} size="sm">
                            {row.customer.name}
                          </Anchor>
                          {phone && (
                            <Anchor href={`tel:${phone}`} size="xs">
                              {format.phone(phone)}
                            </Anchor>
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {row.overdueInvoices.slice(0, BADGES_PER_ROW).map((invoice) => (
                            <Badge key={invoice.invoice.id} variant="outline" color="red" radius="sm" tt="none">
                              {invoice.invoice.number}
                            </Badge>
                          ))}
                          {row.overdueInvoices.length > BADGES_PER_ROW && (
                            <Text size="xs" c="dimmed">
                              {t('today.moreInvoices', { count: row.overdueInvoices.length - BADGES_PER_ROW })}
                            </Text>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {format.money(row.overdueCents)}
                      </Table.Td>
                      <Table.Td>{t('status.daysLate', { count: row.oldestDaysLate })}</Table.Td>
                      <Table.Td>{row.lastInteractionAt ? format.instant(row.lastInteractionAt, timeZone) : t('today.never')}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )}
          {toFollowUp.length > WORKLIST_ROWS && (
            <Anchor href={routeHref({ screen: 'customers' })} size="sm" mt="xs" display="block">
              {t('today.moreCustomers', { count: toFollowUp.length - WORKLIST_ROWS })}
            </Anchor>
          )}
        </section>
      </Stack>
    </>
  );
}
