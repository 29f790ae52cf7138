/**
 * Amounts and dates as French (and English) spreadsheets write them, turned into integer cents and
 * `YYYY-MM-DD` calendar dates. Pure; every regular expression is compiled once at module load.
 *
 * Amounts (`parseAmount`):
 * - optional sign `-`, `+` or `−` (U+2212), before or after an optional currency `€` / `EUR`
 *   placed before or after the number: `1234,56 €`, `-€20.00`, `EUR 12`;
 * - thousands grouped by spaces (space, no-break space U+00A0, narrow no-break space U+202F, thin
 *   space U+2009, figure space U+2007), by `.` (French `1.234,56`) or by `,` (English `1,234.56`); groups after the first
 *   must have exactly three digits (`12 34,56` is refused);
 * - decimal separator `,` or `.`: when both appear, the last one is the decimal separator; when only
 *   one appears several times it groups thousands (`1.234.567`); when it appears once it is the
 *   decimal separator (`12,5`, `1234.56`) — except when it is followed by exactly three digits and
 *   nothing else tells (`1.234`, `1,234`; but `0.125` or `1234.500` are decimals): that is refused as ambiguous (1 234 € or 1,234 €?), since
 *   a silent factor of 1 000 on an amount owed is worse than asking the user to fix one cell;
 * - at most two decimals, unless the extra ones are zeros (`12,5000` → 1250);
 * - converted from the digit strings, never through a floating-point euro amount;
 * - anything else (`12 €50`, `1e3`, `=SUM(A1)`, an empty cell) is refused.
 *
 * Dates (`parseDate`), always day first — month-first US dates are not recognised:
 * - `31/12/2026`, `31.12.2026`, `31-12-2026`, one-digit day or month allowed (`1/2/2026`);
 * - ISO `2026-12-31`;
 * - two-digit years `31/12/26` are read as 2000–2099 (invoices from the last century are not
 *   imported into a tool started in 2026; Excel re-saves French dates this way when the column is
 *   formatted short);
 * - an optional time of day without time zone (`31/12/2026 00:00`, `2026-12-31T00:00:00`) is
 *   ignored; a time with a zone (`…Z`, `+01:00`) is refused, as the calendar day would depend on it;
 * - impossible dates (`31/02/2026`, `29/02/2027`) are refused.
 */
import type { CalendarDate, Cents } from './model';

export type ValueResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** 13 digits of euros are about 10^13 €: cents stay exact integers (2^53 ≈ 9·10^15). */
const MAX_INTEGER_DIGITS = 13;

function unparseable(text: string, why?: string): string {
  return why ? `Unparseable amount "${text}": ${why}` : `Unparseable amount "${text}"`;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
/** Space, no-break space, figure space, thin space, narrow no-break space. */
const isGroupSpace = (code: number): boolean =>
  code === 0x20 || code === 0xa0 || code === 0x2007 || code === 0x2009 || code === 0x202f;

function stripSign(value: string): { rest: string; negative: boolean } | null {
  const first = value[0];
  if (first === '-' || first === '−' || first === '+') {
    return { rest: value.slice(1).trimStart(), negative: first !== '+' };
  }
  return null;
}

function stripCurrency(value: string): string {
  let rest = value;
  if (rest.endsWith('€')) rest = rest.slice(0, -1).trimEnd();
  else if (rest.length > 3 && rest.slice(-3).toLowerCase() === 'eur') rest = rest.slice(0, -3).trimEnd();
  if (rest.startsWith('€')) rest = rest.slice(1).trimStart();
  else if (rest.length > 3 && rest.slice(0, 3).toLowerCase() === 'eur') rest = rest.slice(3).trimStart();
  return rest;
}

/**
 * The digits of an integer part grouped by thousands separators (any of `.`, `,`, spaces): first
 * group of 1–3 digits, then groups of exactly 3. Null when the grouping is wrong.
 */
function groupedDigits(part: string): string | null {
  let digits = '';
  let group = 0;
  let groups = 0;
  for (let i = 0; i < part.length; i += 1) {
    const code = part.charCodeAt(i);
    if (isDigit(code)) {
      digits += part[i];
      group += 1;
    } else {
      if (groups === 0 ? group < 1 || group > 3 : group !== 3) return null;
      groups += 1;
      group = 0;
    }
  }
  return group === 3 ? digits : null;
}

/** Parses an amount as a shop's export writes it into integer cents (see the module comment). */
export function parseAmount(text: string): ValueResult<Cents> {
  const result = amountToCents(text);
  return typeof result === 'number' ? { ok: true, value: result } : { ok: false, message: result };
}

/**
 * `parseAmount` without the result object, for bulk imports: integer cents, or the error message
 * (a string). Allocates nothing for the common amounts.
 */
export function amountToCents(text: string): Cents | string {
  const original = text.trim();
  if (original === '') return 'Missing amount';

  let value = original;
  let negative = false;
  let signed = stripSign(value);
  if (signed) ({ rest: value, negative } = signed);
  value = stripCurrency(value);
  if (!signed) {
    signed = stripSign(value);
    if (signed) ({ rest: value, negative } = signed);
  }
  if (value === '' || !isDigit(value.charCodeAt(0)) || !isDigit(value.charCodeAt(value.length - 1))) {
    return unparseable(original);
  }

  let dots = 0;
  let commas = 0;
  let spaces = 0;
  let lastDot = -1;
  let lastComma = -1;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (isDigit(code)) continue;
    if (code === 46) {
      dots += 1;
      lastDot = i;
    } else if (code === 44) {
      commas += 1;
      lastComma = i;
    } else if (isGroupSpace(code)) {
      spaces += 1;
    } else {
      return unparseable(original);
    }
  }

  let decimalAt = -1;
  if (dots > 0 && commas > 0) {
    decimalAt = Math.max(lastDot, lastComma);
    if ((decimalAt === lastDot ? dots : commas) > 1) return unparseable(original);
  } else if (dots + commas === 1) {
    decimalAt = Math.max(lastDot, lastComma);
    const decimals = value.length - decimalAt - 1;
    const code = value.charCodeAt(0);
    // "1.234" / "1,234": 1 234 € or 1,234 €? (A first group cannot start with 0 nor be longer than 3.)
    if (decimals === 3 && spaces === 0 && decimalAt <= 3 && code !== 48) {
      return unparseable(original, 'ambiguous thousands separator or three decimals; write it with two decimals');
    }
  }
  // else: no separator, or one kind repeated (thousands only).

  const integerPart = decimalAt < 0 ? value : value.slice(0, decimalAt);
  const fraction = decimalAt < 0 ? '' : value.slice(decimalAt + 1);
  for (let i = 0; i < fraction.length; i += 1) {
    if (!isDigit(fraction.charCodeAt(i))) return unparseable(original);
  }

  let integerDigits: string | null = integerPart;
  if (dots + commas + spaces > (decimalAt < 0 ? 0 : 1)) {
    integerDigits = groupedDigits(integerPart);
    if (integerDigits === null) return unparseable(original, 'misplaced thousands separator');
  }
  let significant = 0;
  while (significant < integerDigits.length - 1 && integerDigits.charCodeAt(significant) === 48) significant += 1;
  if (integerDigits.length - significant > MAX_INTEGER_DIGITS) return unparseable(original, 'too large');

  let cents2 = fraction;
  if (fraction.length > 2) {
    for (let i = 2; i < fraction.length; i += 1) {
      if (fraction.charCodeAt(i) !== 48) return unparseable(original, 'more than two decimals');
    }
    cents2 = fraction.slice(0, 2);
  }
  const cents = Number(integerDigits) * 100 + (cents2 === '' ? 0 : cents2.length === 1 ? Number(cents2) * 10 : Number(cents2));
  return negative && cents !== 0 ? -cents : cents;
}

const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function validTime(hours: string | undefined, minutes: string | undefined, seconds: string | undefined): boolean {
  if (hours === undefined) return true;
  return Number(hours) < 24 && Number(minutes) < 60 && (seconds === undefined || Number(seconds) < 60);
}

function calendarDate(year: number, month: number, day: number): CalendarDate | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The number written by `count` digits at `index`, or -1 when one of them is not a digit. */
function digitsAt(text: string, index: number, count: number): number {
  let value = 0;
  for (let i = index; i < index + count; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return -1;
    value = value * 10 + (code - 48);
  }
  return value;
}

/**
 * `DD/MM/YYYY` and `YYYY-MM-DD`, the forms of nearly every cell, read without a regular expression;
 * undefined for any other form.
 */
function fastDate(value: string): CalendarDate | null | undefined {
  if (value.length !== 10) return undefined;
  let day: number;
  let month: number;
  let year: number;
  if (value.charCodeAt(2) === 47 && value.charCodeAt(5) === 47) {
    day = digitsAt(value, 0, 2);
    month = digitsAt(value, 3, 2);
    year = digitsAt(value, 6, 4);
  } else if (value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    year = digitsAt(value, 0, 4);
    month = digitsAt(value, 5, 2);
    day = digitsAt(value, 8, 2);
  } else {
    return undefined;
  }
  if (day < 0 || month < 0 || year < 0) return undefined;
  return calendarDate(year, month, day);
}

/** `parseDate` without the result object, for bulk imports: the date, or null. */
export function toCalendarDate(text: string): CalendarDate | null {
  const value = text.trim();
  const fast = fastDate(value);
  if (fast !== undefined) return fast;
  const dayFirst = DAY_FIRST.exec(value);
  if (dayFirst) {
    const [, d, , m, y, hh, mm, ss] = dayFirst;
    const year = (y as string).length === 2 ? 2000 + Number(y) : Number(y);
    return validTime(hh, mm, ss) ? calendarDate(year, Number(m), Number(d)) : null;
  }
  const iso = ISO.exec(value);
  if (iso) {
    const [, y, m, d, hh, mm, ss] = iso;
    return validTime(hh, mm, ss) ? calendarDate(Number(y), Number(m), Number(d)) : null;
  }
  return null;
}

export function unparseableDateMessage(text: string): string {
  return `Unparseable date "${text.trim()}": expected DD/MM/YYYY or YYYY-MM-DD`;
}

/** Parses a day-first or ISO date into `YYYY-MM-DD` (see the module comment). */
export function parseDate(text: string): ValueResult<CalendarDate> {
  if (text.trim() === '') return { ok: false, message: 'Missing date' };
  const date = toCalendarDate(text);
  return date === null ? { ok: false, message: unparseableDateMessage(text) } : { ok: true, value: date };
}
