import { useDeferredValue, useMemo, useState } from 'react';
import { Button, Group, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { routeHref, useNavigation } from '../../stores/navigation';
import { CustomerPage } from './CustomerPage';
import { useTranslation } from 'react-i18next';
import { clearButtonFor } from '../invoices/clear-button';
import { useLedger } from '../../ui/hooks';
import { useFormat } from '../../ui/format';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { CellLink, VirtualTable, type Column } from '../../ui/VirtualTable';
import { normalizeName } from '../../domain/text';
import type { CustomerRow } from '../../domain/ledger-summary';
import { customerWarnings } from '../../domain/contact-checks';
import { CustomerFormDialog } from './CustomerFormDialog';
import { WarningMarker } from './CustomerWarnings';

export function CustomersScreen() {
  const customerId = useNavigation((s) => s.id);
  return customerId ? <CustomerPage customerId={customerId} /> : <CustomerList />;
}

function CustomerList() {
  const { t } = useTranslation();
  const format = useFormat();
  const ledger = useLedger();
  const navigate = useNavigation((s) => s.navigate);
  const [query, setQuery] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  const deferredQuery = useDeferredValue(query);

  const allTags = useMemo(
    () => [...new Set((ledger?.customers ?? []).flatMap((row) => row.customer.tags))].sort((a, b) => a.localeCompare(b)),
    [ledger],
  );
  /** Number of warnings per customer id: computed once per change of the ledger, not per drawn row. */
  const warningCounts = useMemo(
    () => new Map((ledger?.customers ?? []).map(({ customer }) => [customer.id, customerWarnings(customer).length])),
    [ledger],
  );

  const rows = useMemo(() => {
    const all = ledger?.customers ?? [];
    const needle = normalizeName(deferredQuery);
    if (!needle && tags.length === 0) return all;
    return all.filter(({ customer }) => {
      // A customer must carry every selected tag: each tag narrows the list.
      if (!tags.every((tag) => customer.tags.includes(tag))) return false;
      if (!needle) return true;
      return [customer.normalizedName, customer.address?.city ?? '', ...customer.contacts.map((c) => c.email ?? '')]
        .map(normalizeName)
        .some((text) => text.includes(needle));
    });
  }, [ledger, deferredQuery, tags]);

  const columns: Column<CustomerRow>[] = [
    {
      key: 'name',
      header: t('customers.name'),
      width: '2.2fr',
      render: (r) => (
        <Group gap={6} wrap="nowrap">
          <CellLink href={routeHref({ screen: 'customers', id: r.customer.id })}>{r.customer.name}</CellLink>
          <WarningMarker count={warningCounts.get(r.customer.id) ?? 0} />
        </Group>
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
      <Group mb="md">
        <Button onClick={() => setCreating(true)}>{t('ledger.customerForm.newButton')}</Button>
      </Group>
      {creating && <CustomerFormDialog onClose={() => setCreating(false)} onSaved={(customer) => navigate('customers', customer.id)} />}
      {ledger.customers.length === 0 ? (
        <EmptyState title={t('customers.emptyTitle')} body={t('customers.emptyBody')} />
      ) : (
        <Stack>
          <Group justify="space-between" align="flex-end">
            <Group align="flex-end">
              <TextInput
                label={t('common.search')}
                placeholder={t('customers.searchPlaceholder')}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
                w={320}
                type="search"
              />
              {(allTags.length > 0 || tags.length > 0) && (
                <MultiSelect
                  label={t('ledger.filters.tags')}
                  placeholder={tags.length === 0 ? t('ledger.filters.tagsAny') : undefined}
                  data={allTags}
                  value={tags}
                  onChange={setTags}
                  searchable
                  clearable
                  clearButtonProps={clearButtonFor(t('ledger.filters.clear', { filter: t('ledger.filters.tags') }))}
                  w={280}
                />
              )}
            </Group>
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
