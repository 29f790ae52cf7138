import { useTranslation } from 'react-i18next';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { formatCents } from '../domain/money';
import { formatDate } from '../domain/dates';
import { LOCALES } from '../i18n';
import type { CalendarDate, Language } from '../domain/model';

/**
 * Intl formatters cost far more to build than to use, and lists format thousands of cells: one per
 * set of options, built on first use.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = dateTimeFormats.get(key);
  if (!formatter) dateTimeFormats.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter;
}
function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = numberFormats.get(key);
  if (!formatter) numberFormats.set(key, (formatter = new Intl.NumberFormat(locale, options)));
  return formatter;
}

/** Amounts and dates in the user's language, never concatenated by hand. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'fr';
  const locale = LOCALES[language];
  return {
    language,
    locale,
    money: (cents: number) => formatCents(cents, locale),
    date: (date: CalendarDate) => formatDate(date, language, 'short'),
    longDate: (date: CalendarDate) => formatDate(date, language, 'long'),
    instant: (iso: string, timeZone: string) =>
      dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso)),
    number: (n: number) => numberFormat(locale).format(n),
    /** A share between 0 and 1 as a whole percentage ("43 %"). */
    percent: (rate: number) => numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(rate),
    /** A `YYYY-MM` month as "nov. 2026" (short) or "novembre 2026" (long). */
    month: (month: string, style: 'short' | 'long' = 'short') => {
      const [year, monthNumber] = month.split('-').map(Number);
      return dateTimeFormat(locale, { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year!, monthNumber! - 1, 1)));
    },
    phone: formatPhone,
  };
}

/** Phone numbers are stored E.164; French ones read as "06 12 34 56 78", foreign ones internationally. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === 'FR' ? parsed.formatNational() : parsed.formatInternational();
}
