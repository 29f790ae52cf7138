import { Anchor, Group, Text } from '@mantine/core';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { AGING_BUCKET_KEYS, type AgingBuckets } from '../../domain/metrics';
import { routeHref, type Route } from '../../stores/navigation';
import { useFormat } from '../../ui/format';
import { ChartPanel } from './ChartPanel';
import { axisEuros, canvasText, CHART_COLORS } from './chart-setup';

/** The invoices list filtered on one bucket: where a click on its bar leads. */
export const BUCKET_ROUTES: Record<keyof AgingBuckets, Route> = {
  notDue: { screen: 'invoices', query: { status: 'not-due' } },
  d1to30: { screen: 'invoices', query: { overdue: '1-30' } },
  d31to60: { screen: 'invoices', query: { overdue: '31-60' } },
  d61to90: { screen: 'invoices', query: { overdue: '61-90' } },
  over90: { screen: 'invoices', query: { overdue: '90+' } },
};

/** Outstanding by days past due; a bar (or its row in the table) opens the matching invoices. */
export function AgingChart({ aging, customerName }: { aging: AgingBuckets; customerName?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = AGING_BUCKET_KEYS.map((key) => t(`dashboard.buckets.${key}`));
  const open = (index: number) => {
    const key = AGING_BUCKET_KEYS[index];
    if (key) window.location.hash = routeHref(BUCKET_ROUTES[key]);
  };
  return (
    <ChartPanel
      id={customerName ? 'customer-aging-title' : 'aging-title'}
      title={customerName ? t('dashboard.customerAging') : t('dashboard.aging')}
      hint={customerName ? undefined : t('dashboard.agingHint')}
      height={customerName ? 200 : 260}
      chart={
        <Bar
          data={{ labels, datasets: [{ data: AGING_BUCKET_KEYS.map((key) => aging[key] / 100), backgroundColor: [...CHART_COLORS.buckets], borderRadius: 4 }] }}
          options={{
            maintainAspectRatio: false,
            locale: format.locale,
            onClick: customerName ? undefined : (_event, elements) => elements[0] && open(elements[0].index),
            onHover: customerName ? undefined : (event, elements) => {
              const target = event.native?.target as HTMLElement | undefined;
              if (target) target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
            },
            plugins: {
              legend: { display: false },
              tooltip: { callbacks: { label: (item) => canvasText(format.money(Math.round(Number(item.raw) * 100))) } },
            },
            scales: { y: { ticks: { callback: (value) => axisEuros(Number(value), format.locale) } } },
          }}
        />
      }
      table={{
        label: customerName ? t('dashboard.customerAgingTable', { customer: customerName }) : t('dashboard.agingTable'),
        headers: [t('dashboard.bucket'), t('dashboard.amount')],
        rows: AGING_BUCKET_KEYS.map((key, index) => ({
          key,
          cells: [labels[index], format.money(aging[key])],
        })),
      }}
      footer={
        customerName ? undefined : (
          <Group gap="md" mt="xs" component="nav" aria-label={t('dashboard.agingLinks')}>
            <Text size="sm" c="dimmed">
              {t('dashboard.seeInvoices')}
            </Text>
            {AGING_BUCKET_KEYS.map((key, index) => (
              <Anchor key={key} href={routeHref(BUCKET_ROUTES[key])} size="sm">
                {labels[index]}
              </Anchor>
            ))}
          </Group>
        )
      }
    />
  );
}
