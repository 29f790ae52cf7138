import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InvoiceStatus } from '../domain/invoice-status';

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

export function StatusBadge({ status, daysLate }: { status: InvoiceStatus; daysLate: number }) {
  const { t } = useTranslation();
  const label =
    (status === 'overdue' || status === 'partly-paid') && daysLate > 0
      ? `${t(`status.${status}`)} · ${t('status.daysLate', { count: daysLate })}`
      : t(`status.${status}`);
  return (
    <Badge color={COLORS[status]} variant="light" radius="sm" tt="none">
      {label}
    </Badge>
  );
}
