import { useDeferredValue, useMemo, useState } from 'react';
import { Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { routeHref, useNavigation } from '../../stores/navigation';
import { ImportButton } from '../import/ImportButton';
import { useTranslation } from 'react-i18next';
import { clearButtonFor } from './clear-button';
import { useLedger } from '../../ui/hooks';
import { useFormat } from '../../ui/format';
import { EmptyState } from '../../ui/EmptyState';
import { ScreenHeader } from '../../ui/ScreenHeader';
import { StatusTag, statusLabel } from '../../ui/StatusBadge';
import { CellLink, VirtualTable, type Column } from '../../ui/VirtualTable';
import { normalizeName } from '../../domain/text';
import { OPEN_STATUSES, type InvoiceStatus } from '../../domain/invoice-status';
import type { InvoiceRow } from '../../domain/ledger-summary';
import { InvoiceFormDialog } from './InvoiceFormDialog';
import classes from './InvoiceRowActions.module.css';
import { availableActions, InvoiceActionsMenu, type InvoiceListActions } from './InvoiceActions';
import { CallPanel } from '../calls/CallPanel';
import { PaymentDialog } from '../payments/PaymentDialog';
import { isOpenInvoice } from '../../domain/open-invoices';
import type { Invoice } from '../../domain/model';
import { OVERDUE_RANGES, inOverdueRange, type OverdueRange } from './overdue-range';

/** A date column: a whole "31/12/2026" and its header's sort arrow, whatever the window's width. */
const DATE_WIDTH = 'minmax(118px, 1fr)';

const STATUSES: InvoiceStatus[] = ['not-due', 'due', 'overdue', 'partly-paid', 'paid', 'disputed', 'written-off', 'cancelled'];

/** Digits of a typed amount ("1 234,50" or "1234.5") as cents, to search invoices by amount. */
function typedAmountCents(query: string): number | null {
  const cleaned = query.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

export function InvoicesScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const ledger = useLedger();
  // Filters a link opened the list with (`#/invoices?overdue=31-60&customer=<id>&status=overdue`).
  const linked = useNavigation((state) => state.query);
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<string | null>(() => (linked?.status && (STATUSES as string[]).includes(linked.status) ? linked.status : null));
  const [openOnly, setOpenOnly] = useState(() => linked?.open === '1');
  const [range, setRange] = useState<OverdueRange | null>(() => (OVERDUE_RANGES as readonly string[]).includes(linked?.overdue ?? '') ? (linked!.overdue as OverdueRange) : null);
  const [customerId, setCustomerId] = useState<string | null>(() => linked?.customer ?? null);
  const [creating, setCreating] = useState(false);
  // The row actions' dialogs, mounted once for the list (rows stay light: 100,000 of them scroll).
  const [editing, setEditing] = useState<Invoice | null>(null);
  const [calling, setCalling] = useState<Invoice | null>(null);
  const [paying, setPaying] = useState<Invoice | null>(null);
  const deferredQuery = useDeferredValue(query);

  const customerOptions = useMemo(
    () =>
      [...(ledger?.customers ?? [])]
        .sort((a, b) => a.customer.normalizedName.localeCompare(b.customer.normalizedName))
        .map(({ customer }) => ({ value: customer.id, label: customer.name })),
    [ledger],
  );

  const rows = useMemo(() => {
    const needle = normalizeName(deferredQuery);
    const cents = typedAmountCents(deferredQuery);
    return (ledger?.invoices ?? []).filter((row) => {
      if (status && row.status !== status) return false;
      if (openOnly && !OPEN_STATUSES.has(row.status)) return false;
      if (customerId && row.invoice.customerId !== customerId) return false;
      if (range && !inOverdueRange(row, range)) return false;
      if (!needle) return true;
      return (
        normalizeName(row.invoice.number).includes(needle) ||
        normalizeName(row.customerName).includes(needle) ||
        (cents !== null && (row.invoice.totalCents === cents || row.balanceCents === cents))
      );
    });
  }, [ledger, deferredQuery, status, openOnly, customerId, range]);

  const columns: Column<InvoiceRow>[] = [
    { key: 'number', header: t('invoices.number'), width: 'minmax(128px, 1.1fr)', render: (r) => r.invoice.number, sortValue: (r) => r.invoice.number },
    {
      key: 'customer',
      header: t('invoices.customer'),
      width: '2fr',
      render: (r) => (
<CellLink href={routeHref({ screen: 'customers', id: r.invoice.customerId })}>{r.customerName}</CellLink>
      ),
      sortValue: (r) => r.customerName,
    },
    { key: 'issue', header: t('invoices.issueDate'), width: DATE_WIDTH, render: (r) => format.date(r.invoice.issueDate), sortValue: (r) => r.invoice.issueDate },
    { key: 'due', header: t('invoices.dueDate'), width: DATE_WIDTH, render: (r) => format.date(r.invoice.dueDate), sortValue: (r) => r.invoice.dueDate },
    { key: 'total', header: t('invoices.total'), width: 'minmax(120px, 1.25fr)', align: 'right', render: (r) => format.money(r.invoice.totalCents), sortValue: (r) => r.invoice.totalCents },
    { key: 'balance', header: t('invoices.balance'), width: '1fr', align: 'right', render: (r) => format.money(r.balanceCents), sortValue: (r) => r.balanceCents },
    { key: 'status', header: t('invoices.status'), width: '1.4fr', render: (r) => <StatusTag status={r.status} label={statusLabel(t, r.status, r.daysLate)} />, sortValue: (r) => r.daysLate },
    {
      key: 'actions',
      header: t('ledger.actions.column'),
      width: '84px',
      align: 'right',
      render: (r) => (
        <InvoiceRowActions
          row={r}
          callLabel={t('callsPanel.callAbout', { number: r.invoice.number })}
          menuLabel={t('ledger.actions.menu', { number: r.invoice.number })}
          onEdit={setEditing}
          onCall={setCalling}
          onRecordPayment={setPaying}
          customerHref={routeHref({ screen: 'customers', id: r.invoice.customerId })}
        />
      ),
    },
  ];
  const payingCustomer = paying ? ledger?.customers.find((c) => c.customer.id === paying.customerId)?.customer : undefined;
  const payingInvoices = useMemo(
    () => (paying ? (ledger?.invoices ?? []).filter((r) => r.invoice.customerId === paying.customerId && isOpenInvoice(r.invoice)).map((r) => r.invoice) : []),
    [ledger, paying],
  );

  if (!ledger) return <Text>{t('app.loading')}</Text>;
  return (
    <>
      <ScreenHeader title={t('invoices.title')} intro={t('invoices.intro')} />
      <Group mb="md">
        <Button onClick={() => setCreating(true)}>{t('ledger.invoiceForm.newButton')}</Button>
      </Group>
      {creating && <InvoiceFormDialog onClose={() => setCreating(false)} />}
      {editing && <InvoiceFormDialog invoice={editing} onClose={() => setEditing(null)} />}
      {calling && <CallPanel customerId={calling.customerId} invoiceIds={[calling.id]} onClose={() => setCalling(null)} />}
      {payingCustomer && <PaymentDialog customer={payingCustomer} openInvoices={payingInvoices} onClose={() => setPaying(null)} />}
      {ledger.invoices.length === 0 ? (
        <EmptyState title={t('invoices.emptyTitle')} body={t('invoices.emptyBody')} />
      ) : (
        <Stack>
          <Group align="flex-end" justify="space-between">
            <Group align="flex-end">
              <TextInput
                label={t('common.search')}
                placeholder={t('invoices.searchPlaceholder')}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
                w={280}
                type="search"
              />
              <Select
                label={t('invoices.statusFilter')}
                placeholder={t('common.all')}
                data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                value={status}
                onChange={setStatus}
                clearable
                clearButtonProps={clearButtonFor(t('ledger.filters.clear', { filter: t('invoices.statusFilter') }))}
                w={220}
              />
              <Select
                label={t('ledger.filters.overdueRange')}
                placeholder={t('ledger.filters.overdueAny')}
                data={OVERDUE_RANGES.map((r) => ({ value: r, label: t(`ledger.filters.overdueRanges.${r}`) }))}
                value={range}
                onChange={(value) => setRange(value as OverdueRange | null)}
                clearable
                clearButtonProps={clearButtonFor(t('ledger.filters.clear', { filter: t('ledger.filters.overdueRange') }))}
                w={180}
              />
              <Select
                label={t('ledger.filters.customer')}
                placeholder={t('ledger.filters.customerAny')}
                data={customerOptions}
                value={customerId}
                onChange={setCustomerId}
                searchable
                clearable
                clearButtonProps={clearButtonFor(t('ledger.filters.clear', { filter: t('ledger.filters.customer') }))}
                limit={50}
                nothingFoundMessage={t('common.none')}
                w={240}
              />
              <Checkbox label={t('invoices.openOnly')} checked={openOnly} onChange={(e) => setOpenOnly(e.currentTarget.checked)} mb={8} />
            </Group>
            <Group>
              <ImportButton />
            </Group>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('invoices.shown', { shown: format.number(rows.length), total: format.number(ledger.invoices.length) })}
            </Text>
          </Group>
          <VirtualTable
            label={t('invoices.table')}
            rows={rows}
            columns={columns}
            rowKey={(r) => r.invoice.id}
            initialSort={{ key: 'due', direction: 'descending' }}
          />
        </Stack>
      )}
    </>
  );
}

/**
 * The end of an invoice row: a phone button when something is left to pay (the call panel about this
 * invoice) and the "…" menu (record a payment, call, open the customer, edit, PDF copy, dispute…).
 * Rows are drawn by the hundred while scrolling: plain buttons, labels given by the screen, and the
 * menu (a Mantine Menu, a popover with its positioning hooks) mounted only once its button is first
 * clicked. Mounted on every row, Mantine components made scrolling the demo stutter (tasks of
 * 80–200 ms, none without them).
 */
function InvoiceRowActions({
  row,
  onEdit,
  callLabel,
  menuLabel,
  ...listActions
}: { row: InvoiceRow; onEdit: (invoice: Invoice) => void; callLabel: string; menuLabel: string } & InvoiceListActions) {
  // The list reuses a row's elements for other invoices as it scrolls (VirtualTable): the menu is
  // mounted for the invoice it was opened on, and the next invoice shown here starts without it.
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const menuMounted = menuFor === row.invoice.id;
  const canCall = availableActions(row.invoice, row.balanceCents).has('call');
  return (
    <div className={classes.actions}>
      {canCall && listActions.onCall && (
        <button type="button" className={classes.iconButton} onClick={() => listActions.onCall?.(row.invoice)} aria-label={callLabel}>
          <span className={`${classes.icon} ${classes.phoneIcon}`} aria-hidden />
        </button>
      )}
      {menuMounted ? (
        <InvoiceActionsMenu row={row} onEdit={onEdit} {...listActions} defaultOpened />
      ) : (
        <button type="button" className={`${classes.iconButton} ${classes.menuButton}`} aria-label={menuLabel} aria-haspopup="menu" onClick={() => setMenuFor(row.invoice.id)}>
          <span className={`${classes.icon} ${classes.dotsIcon}`} aria-hidden />
        </button>
      )}
    </div>
  );
}
