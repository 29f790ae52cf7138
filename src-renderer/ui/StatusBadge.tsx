import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { InvoiceStatus } from '../domain/invoice-status';
import classes from './StatusBadge.module.css';

const COLORS: Record<InvoiceStatus, string> = {
  'not-due': 'gray',
  due: 'yellow',
  overdue: 'red',
  'partly-paid': 'orange',
  paid: 'green',
  disputed: 'grape',
  'written-off': 'dark',
  cancelled: 'gray',
};

/** "En retard · 12 jours" for an overdue invoice, the status alone otherwise. */
export function statusLabel(t: TFunction, status: InvoiceStatus, daysLate: number): string {
  return (status === 'overdue' || status === 'partly-paid') && daysLate > 0
    ? `${t(`status.${status}`)} · ${t('status.daysLate', { count: daysLate })}`
    : t(`status.${status}`);
}

/** The status as a coloured label, given its text: for long lists, which translate once per row. */
export function StatusTag({ status, label }: { status: InvoiceStatus; label: string }) {
  const color = COLORS[status];
  return (
    <span className={classes.badge} style={{ background: `var(--mantine-color-${color}-light)`, color: `var(--mantine-color-${color}-light-color)` }}>
      {label}
    </span>
  );
}

export function StatusBadge({ status, daysLate }: { status: InvoiceStatus; daysLate: number }) {
  const { t } = useTranslation();
  return <StatusTag status={status} label={statusLabel(t, status, daysLate)} />;
}
