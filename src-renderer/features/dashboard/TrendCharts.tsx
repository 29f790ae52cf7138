import { Bar, Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { MonthPoint } from '../../domain/metrics';
import { useFormat } from '../../ui/format';
import { ChartPanel } from './ChartPanel';
import { axisEuros, canvasText, CHART_COLORS } from './chart-setup';

/** What every month-by-month chart shares: month labels, the table's month cell, options, a days axis. */
function useMonthlyChart(points: readonly MonthPoint[]) {
  const { t } = useTranslation();
  const format = useFormat();
  return {
    t,
    format,
    labels: points.map((point) => format.month(point.month)),
    monthCell: (point: MonthPoint) => format.month(point.month, 'long'),
    options: { maintainAspectRatio: false, locale: format.locale },
    daysAxis: { y: { beginAtZero: true, ticks: { callback: (value: string | number) => t('common.days', { count: Number(value) }) } } },
  };
}

/** Days sales outstanding at each month end over the last 12 months. */
export function DsoTrendChart({ points }: { points: (MonthPoint & { dso: number | null })[] }) {
  const { t, format, labels, monthCell, options, daysAxis } = useMonthlyChart(points);
  const days = (value: number | null) => (value === null ? t('dashboard.dsoNone') : t('dashboard.dsoDays', { days: format.number(Math.round(value)) }));
  return (
    <ChartPanel
      id="dso-trend-title"
      title={t('dashboard.dsoTrend')}
      hint={t('dashboard.dsoTrendHint')}
      chart={
        <Line
          data={{
            labels,
            datasets: [{ data: points.map((point) => (point.dso === null ? null : Math.round(point.dso))), borderColor: CHART_COLORS.trend, backgroundColor: `${CHART_COLORS.trend}22`, fill: true, tension: 0.25, spanGaps: true }],
          }}
          options={{
            ...options,
            plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => days(Number(item.raw)) } } },
            scales: daysAxis,
          }}
        />
      }
      table={{
        label: t('dashboard.dsoTrendTable'),
        headers: [t('dashboard.month'), t('dashboard.dsoAtMonthEnd')],
        rows: points.map((point) => ({ key: point.month, cells: [monthCell(point), days(point.dso)] })),
      }}
    />
  );
}

/** What was invoiced and what came in, month by month: the gap between them is the money still out. */
export function InvoicedCollectedChart({ points }: { points: (MonthPoint & { invoicedCents: number; collectedCents: number })[] }) {
  const { t, format, labels, monthCell, options } = useMonthlyChart(points);
  return (
    <ChartPanel
      id="invoiced-collected-title"
      title={t('dashboard.invoicedCollected')}
      hint={t('dashboard.invoicedCollectedHint')}
      chart={
        <Bar
          data={{
            labels,
            datasets: [
              { label: t('dashboard.invoiced'), data: points.map((point) => point.invoicedCents / 100), backgroundColor: CHART_COLORS.invoiced, borderRadius: 3 },
              { label: t('dashboard.collected'), data: points.map((point) => point.collectedCents / 100), backgroundColor: CHART_COLORS.collected, borderRadius: 3 },
            ],
          }}
          options={{
            ...options,
            plugins: {
              legend: { position: 'bottom' },
              tooltip: { callbacks: { label: (item) => canvasText(t('dashboard.tooltipLine', { label: item.dataset.label ?? '', value: format.money(Math.round(Number(item.raw) * 100)) })) } },
            },
            scales: { y: { ticks: { callback: (value) => axisEuros(Number(value), format.locale) } } },
          }}
        />
      }
      table={{
        label: t('dashboard.invoicedCollectedTable'),
        headers: [t('dashboard.month'), t('dashboard.invoiced'), t('dashboard.collected')],
        rows: points.map((point) => ({ key: point.month, cells: [monthCell(point), format.money(point.invoicedCents), format.money(point.collectedCents)] })),
      }}
    />
  );
}

/** One customer's amount-weighted days late, month by month (gaps where nothing was paid). */
export function DaysLateTrendChart({ points, customerName }: { points: (MonthPoint & { daysLate: number | null })[]; customerName: string }) {
  const { t, labels, monthCell, options, daysAxis } = useMonthlyChart(points);
  const days = (value: number | null) => (value === null ? t('dashboard.noPaymentThatMonth') : t('common.days', { count: Math.round(value) }));
  return (
    <ChartPanel
      id="days-late-trend-title"
      title={t('dashboard.daysLateTrend')}
      height={200}
      chart={
        <Line
          data={{
            labels,
            datasets: [{ data: points.map((point) => (point.daysLate === null ? null : Math.round(point.daysLate))), borderColor: CHART_COLORS.collected, backgroundColor: CHART_COLORS.collected, tension: 0.25, spanGaps: false }],
          }}
          options={{
            ...options,
            plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => days(Number(item.raw)) } } },
            scales: daysAxis,
          }}
        />
      }
      table={{
        label: t('dashboard.daysLateTrendTable', { customer: customerName }),
        headers: [t('dashboard.month'), t('dashboard.averageDaysLate')],
        rows: points.map((point) => ({ key: point.month, cells: [monthCell(point), days(point.daysLate)] })),
      }}
    />
  );
}
