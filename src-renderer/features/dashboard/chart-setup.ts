import { BarElement, CategoryScale, Chart as ChartJS, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';

/** chart.js is tree-shaken: the dashboard's bar and line charts need these pieces, registered once. */
ChartJS.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Filler, Legend, Tooltip);

/** Colours readable on white and by the colour-blind (blue / orange pairs, greys for "not yet"). */
export const CHART_COLORS = {
  invoiced: '#1c7ed6',
  collected: '#f08c00',
  trend: '#1c7ed6',
  buckets: ['#adb5bd', '#fab005', '#fd7e14', '#f03e3e', '#c92a2a'],
} as const;


/**
 * Whole euros for a chart axis ("25 000 €"). The canvas font has no narrow no-break space (the
 * French thousands separator Intl uses), which would draw "25000": a plain no-break space instead.
 */
export function axisEuros(euros: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(euros).replace(/\u202f/g, '\u00a0');
}

/** Text drawn on the canvas (tooltips): the same no-break space fix as `axisEuros`. */
export function canvasText(text: string): string {
  return text.replace(/\u202f/g, '\u00a0');
}
