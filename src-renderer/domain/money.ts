/**
 * Money is integer cents everywhere (see model.ts); this module turns cents into text and adds them up.
 * Parsing typed amounts lives elsewhere (import / forms issue).
 */
import type { Cents } from './model';

const formatters = new Map<string, Intl.NumberFormat>();

/** Intl.NumberFormat is costly to build and lists format thousands of amounts: keep one per locale+currency. */
function currencyFormatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats cents as a currency amount for display.
 *
 * French output uses the characters ICU gives: U+202F (narrow no-break space) between thousands and
 * U+00A0 (no-break space) before the euro sign, e.g. `formatCents(123450, 'fr')` → "1 234,50 €".
 * PDF fonts must be able to draw both (see ARCHITECTURE.md, DejaVu Sans).
 */
export function formatCents(cents: Cents, locale: string, currency = 'EUR'): string {
  if (!Number.isInteger(cents)) throw new Error(`formatCents expects integer cents, got ${cents}`);
  return currencyFormatter(locale, currency).format(cents / 100);
}

/** Sum of integer cents; throws on a non-integer so a stray euro amount is caught early. */
export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const value of values) {
    if (!Number.isInteger(value)) throw new Error(`sumCents expects integer cents, got ${value}`);
    total += value;
  }
  return total;
}
