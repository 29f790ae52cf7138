import { useDeferredValue, useMemo, useState } from 'react';
import { Anchor, Group, Stack, Text, TextInput } from '@mantine/core';
import { routeHref, useNavigation } from '../../stores/navigation';
import { CustomerPage } from './CustomerPage';
import { useTranslation } from 'react-i18next';
import { useLedger } from '../../ui/hooks';
import { useFormat } from '../../ui/format';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { VirtualTable, type Column } from '../../ui/VirtualTable';
import { normalizeName } from '../../domain/text';
import type { CustomerRow } from '../../domain/ledger-summary';

export function CustomersScreen() {
  const customerId = useNavigation((s) => s.id);
  return customerId ? <CustomerPage customerId={customerId} /> : <CustomerList />;
}

function CustomerList() {
  const { t } = useTranslation();
  const format = useFormat();
  const ledger = useLedger();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);

  const rows = useMemo(() => {
    const all = ledger?.customers ?? [];
    const needle = normalizeName(deferredQuery);
    if (!needle) return all;
    return all.filter(({ customer }) =>
      [customer.normalizedName, customer.address?.city ?? '', ...customer.contacts.map((c) => c.email ?? '')]
        .map(normalizeName)
        .some((text) => text.includes(needle)),
    );
  }, [ledger, deferredQuery]);

  const columns: Column<CustomerRow>[] = [
    {
      key: 'name',
      header: t('customers.name'),
      width: '2.2fr',
      render: (r) => (
        <Anchor href={routeHref({ screen: 'customers', id: r.customer.id })} size="sm">
          {r.customer.name}
        </Anchor>
      ),
      sortValue: (r) => r.customer.normalizedName,
    },
    { key: 'kind', header: t('customers.kind'), width: '1fr', render: (r) => t(`kind.${r.customer.kind}`), sortValue: (r) => r.customer.kind },
    { key: 'city', header: t('customers.city'), width: '1.2fr', render: (r) => r.customer.address?.city ?? t('common.none'), sortValue: (r) => r.customer.address?.city ?? '' },
    { key: 'open', header: t('customers.openInvoices'), width: '1fr', align: 'right', render: (r) => format.number(r.openInvoices), sortValue: (r) => r.openInvoices },
    { key: 'balance', header: t('customers.balance'), width: '1.1fr', align: 'right', render: (r) => format.money(r.balanceCents), sortValue: (r) => r.balanceCents },
    {
      key: 'overdue',
      header: t('customers.overdue'),
      width: '1.1fr',
      align: 'right',
      render: (r) => (r.overdueCents > 0 ? <Text c="red" size="sm" fw={600}>{format.money(r.overdueCents)}</Text> : format.money(0)),
      sortValue: (r) => r.overdueCents,
    },
  ];

  if (!ledger) return <Text>{t('app.loading')}</Text>;
  return (
    <>
      <ScreenHeader title={t('customers.title')} intro={t('customers.intro')} />
      {ledger.customers.length === 0 ? (
        <EmptyState title={t('customers.emptyTitle')} body={t('customers.emptyBody')} />
      ) : (
        <Stack>
          <Group justify="space-between">
            <TextInput
              label={t('common.search')}
              placeholder={t('customers.searchPlaceholder')}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              w={320}
              type="search"
            />
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('customers.shown', { shown: format.number(rows.length), total: format.number(ledger.customers.length) })}
            </Text>
          </Group>
          <VirtualTable
            label={t('customers.table')}
            rows={rows}
            columns={columns}
            rowKey={(r) => r.customer.id}
            initialSort={{ key: 'overdue', direction: 'descending' }}
          />
        </Stack>
      )}
    </>
  );
}
