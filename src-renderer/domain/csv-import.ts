/**
 * Invoice import from a CSV export (issue "Ledger", part 5): pure parsing and validation. Storing the
 * rows (matching customers, creating invoices) is the import service's job, not this module's.
 *
 * `parseInvoiceCsv(data, mapping?)`:
 * 1. Bytes are decoded by the detected encoding (`text-encoding.ts`: UTF-8 with or without BOM,
 *    else Windows-1252). A string is taken as already decoded; a leading U+FEFF is dropped and
 *    reported as `utf-8-bom`, otherwise the encoding is reported as `utf-8`.
 * 2. The delimiter is chosen among `;`, `,` and tab by counting each one outside quotes in the header
 *    and in the next records (up to 20): the candidate found in the header whose count is the same in
 *    the most records wins; ties go to the larger header count, then to `;`, tab, `,` in this order.
 * 3. Papa Parse splits the records (quotes, doubled quotes, line breaks inside quoted fields).
 *    Each record's `line` is the file's physical line where it starts, 1-based, the header being
 *    line 1 (line breaks inside quoted fields are counted; CR LF, LF and lone CR all end a line).
 * 4. The header row is mapped to fields (`autoMapColumns`) unless a mapping is passed, in which case
 *    the passed mapping replaces the automatic one entirely (start from `result.mapping` to edit it).
 *    Missing required columns (or a mapped name that is not in the file) → errors on the header's
 *    line and no rows; `missingFields` and `unmappedHeaders` tell a wizard what to ask.
 * 5. Every record is validated; a record with any error is left out of `rows`, and all its errors
 *    are listed (one per problem, with the header name of the column as written in the file), so
 *    a line may have several errors. Errors come in line order. Record-level problems (wrong number
 *    of fields, malformed quotes) have no column and hide the cell checks of that record. When a
 *    misplaced quote made one record of several lines (often up to the end of the file), the error
 *    names those lines (`quotes-swallow-lines`), since none of them is imported.
 *    Invoice numbers are compared exactly (after trimming); the first occurrence counts even when it
 *    was itself rejected, so neither copy of a duplicated number is imported.
 *
 * The header is the first non-empty record (normally line 1).
 *
 * `ColumnMapping` maps a field to a header name as written in the file (trimmed). A name is looked
 * up exactly first, then by its normalised form (case, accents and punctuation ignored), so a
 * mapping remembered for a layout still applies when only the case changed. When two columns have
 * the same name, the first one is used.
 *
 * Values are trimmed. Empty records (nothing but delimiters and spaces) are skipped silently.
 * Amounts and dates: see `csv-values.ts`. A file may give the amount paid, or the balance still due
 * (paid = total − balance), or neither (paid = 0); when it gives both, the amount paid is used and
 * the balance ignored. An empty "paid" cell means 0; an empty balance cell is an error (it could mean
 * "nothing left" or "unknown").
 *
 * Limits (the bad-input corpus, tests/fixtures/bad-input): a file over `MAX_IMPORT_BYTES` is refused
 * before anything is decoded (`file-too-large`, on line 1): a 50 MB export took 19 s and about 1 GB of
 * memory to parse, ten times the largest shop we plan for; a mapped cell longer than
 * `MAX_CELL_CHARS` refuses its record (`value-too-long`, naming the column): a 1 MB "customer name"
 * is a broken export, not a name, and would fail later in letters and emails.
 *
 * Formulas: a text cell starting with `=`, `+`, `-` or `@` (customer "=HYPERLINK(…)") is kept as
 * text, unchanged: the import never evaluates anything, and CSV injection is neutralised where it
 * matters, when Relance writes CSV files (export). Amount and date cells must be numbers and dates:
 * `=1+2` in an amount column is an unparseable amount.
 */
import Papa from 'papaparse';
import type { CalendarDate, Cents } from './model';
import { compareDates } from './dates';
import { normalizeName } from './text';
import { amountToCents, toCalendarDate, unparseableDateMessage } from './csv-values';
import { decodeText, type TextEncodingName } from './text-encoding';

export type ImportField =
  | 'number'
  | 'customerName'
  | 'issueDate'
  | 'dueDate'
  | 'total'
  | 'paid'
  | 'balance'
  | 'email'
  | 'phone'
  | 'siret';

/** All fields, in the order a wizard should show them. */
export const IMPORT_FIELDS: readonly ImportField[] = [
  'number',
  'customerName',
  'issueDate',
  'dueDate',
  'total',
  'paid',
  'balance',
  'email',
  'phone',
  'siret',
];

export const REQUIRED_FIELDS: readonly ImportField[] = ['number', 'customerName', 'issueDate', 'dueDate', 'total'];

/** English names used in error messages (the UI translates fields by their key). */
export const FIELD_LABELS: Readonly<Record<ImportField, string>> = {
  number: 'invoice number',
  customerName: 'customer',
  issueDate: 'issue date',
  dueDate: 'due date',
  total: 'total',
  paid: 'amount paid',
  balance: 'balance',
  email: 'email',
  phone: 'phone',
  siret: 'SIRET',
};

/** Files above this size are refused (see the module comment): about 350,000 invoice lines. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Longest value a mapped cell may hold (names, emails, numbers...). */
export const MAX_CELL_CHARS = 1_000;

/** Field → header name as written in the file (see the module comment). Unmapped fields are absent. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

export type CsvDelimiter = ';' | ',' | '\t';

export interface InvoiceImportRow {
  /** Physical line of the file where the record starts (header = line 1). */
  line: number;
  number: string;
  customerName: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  totalCents: Cents;
  /** 0 when the file has no paid or balance column; total − balance when only a balance is given. */
  paidCents: Cents;
  email?: string;
  phone?: string;
  /** As written, spaces removed; not checked (see `isValidSiret`). */
  siret?: string;
}

/** Why a line was refused, for the UI to say it in the user's language (`message` says it in English). */
export type CsvErrorCode =
  | 'empty-file'
  | 'mapped-column-not-found'
  | 'missing-columns'
  | 'bad-quotes'
  | 'field-count'
  | 'missing-value'
  | 'unparseable-date'
  | 'unparseable-amount'
  | 'negative-amount'
  | 'paid-above-total'
  | 'balance-above-total'
  | 'duplicate-number'
  | 'due-before-issue'
  | 'file-too-large'
  | 'value-too-long'
  | 'quotes-swallow-lines';

export interface CsvImportError {
  line: number;
  /** Header name as written in the file, when the error is about one cell. */
  column?: string;
  code: CsvErrorCode;
  /** Values to put in the translated message (the cell's text, the first line of a duplicate...). */
  params: Record<string, string | number>;
  message: string;
}

export interface CsvImportResult {
  rows: InvoiceImportRow[];
  errors: CsvImportError[];
  /** The mapping used: the one passed in, or the automatic one. */
  mapping: ColumnMapping;
  encoding: TextEncodingName;
  delimiter: CsvDelimiter;
  /** Header names as written in the file (trimmed). */
  headers: string[];
  /** Non-empty headers no field is mapped to, for the wizard to offer. */
  unmappedHeaders: string[];
  /** Required fields without a column (unmapped, or mapped to a name not in the file): when not empty, `rows` is empty. */
  missingFields: ImportField[];
  /** `layoutSignature(headers)`, the key under which to remember a mapping. */
  layoutSignature: string;
}

/** Dots are dropped rather than turned into spaces, so that "T.T.C." reads "ttc". */
const DOTS = /\./g;
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g;
const CURRENCY_WORD = / (?:eur|euro|euros)$/;

/**
 * "N° Facture" → "n facture", "Date d'échéance" → "date d echeance", "Montant T.T.C. (€)" → "montant ttc":
 * lower case, no accents, dots dropped, other punctuation as spaces, a trailing currency word dropped.
 */
export function normalizeHeader(header: string): string {
  const words = normalizeName(header).replace(DOTS, '').replace(NOT_ALPHANUMERIC, ' ').trim();
  const withoutCurrency = words.replace(CURRENCY_WORD, '');
  return withoutCurrency === '' ? words : withoutCurrency;
}

/** Normalised header names for each field, most specific first (a better rank wins a conflict). */
const SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
  number: [
    'numero de facture', 'numero facture', 'n de facture', 'n facture', 'no facture', 'num facture',
    'facture n', 'facture no', 'reference facture', 'ref facture', 'invoice number', 'invoice no',
    'invoice n', 'invoice id', 'invoice', 'numero', 'n', 'no', 'facture', 'number', 'reference', 'ref',
  ],
  customerName: [
    'raison sociale', 'nom du client', 'nom client', 'client', 'customer name', 'client name', 'customer',
    'societe', 'company', 'tiers',
  ],
  issueDate: [
    'date d emission', 'date emission', 'date de facture', 'date facture', 'date de facturation',
    'issue date', 'invoice date', 'date of issue', 'date',
  ],
  dueDate: [
    'date d echeance', 'date echeance', 'date de l echeance', 'echeance', 'date limite de paiement',
    'due date', 'payment due date', 'date due', 'due',
  ],
  total: [
    'montant ttc', 'total ttc', 'montant total ttc', 'ttc', 'total facture', 'invoice total',
    'total amount', 'amount incl tax', 'total incl tax', 'total incl vat', 'total', 'amount', 'montant',
  ],
  paid: [
    'montant paye', 'montant regle', 'deja paye', 'total paye', 'paye', 'regle', 'reglement', 'reglements',
    'encaisse', 'amount paid', 'paid amount', 'paid',
  ],
  balance: [
    'reste a payer', 'reste a regler', 'reste du', 'restant du', 'montant du', 'solde du', 'solde',
    'balance due', 'amount due', 'outstanding', 'balance',
  ],
  email: [
    'email', 'e mail', 'courriel', 'adresse email', 'adresse e mail', 'adresse mail', 'mail',
    'email address', 'e mail address',
  ],
  phone: [
    'telephone', 'tel', 'numero de telephone', 'n de telephone', 'n telephone', 'phone', 'phone number',
    'portable', 'mobile', 'tel portable',
  ],
  siret: ['siret', 'n siret', 'numero siret', 'siret client'],
};

const SYNONYM_INDEX = new Map<string, { field: ImportField; rank: number }>();
for (const field of IMPORT_FIELDS) {
  SYNONYMS[field].forEach((name, rank) => {
    if (SYNONYM_INDEX.has(name)) throw new Error(`Header synonym "${name}" is listed twice`);
    SYNONYM_INDEX.set(name, { field, rank });
  });
}

/** Maps headers to fields by their names (French or English, any case, with or without accents). */
export function autoMapColumns(headers: readonly string[]): ColumnMapping {
  const best = new Map<ImportField, { rank: number; header: string }>();
  for (const raw of headers) {
    const header = raw.trim();
    const hit = SYNONYM_INDEX.get(normalizeHeader(header));
    if (!hit) continue;
    const current = best.get(hit.field);
    if (!current || hit.rank < current.rank) best.set(hit.field, { rank: hit.rank, header });
  }
  const mapping: ColumnMapping = {};
  for (const field of IMPORT_FIELDS) {
    const chosen = best.get(field);
    if (chosen) mapping[field] = chosen.header;
  }
  return mapping;
}

/** A stable key for "the mapping the user chose for files laid out like this one". */
export function layoutSignature(headers: readonly string[]): string {
  return headers.map(normalizeHeader).join('|');
}

/** Index of the column `name` designates (exact name first, then normalised), or -1. */
export function findColumn(headers: readonly string[], name: string): number {
  const wanted = name.trim();
  const exact = headers.findIndex((header) => header.trim() === wanted);
  if (exact >= 0) return exact;
  const normalized = normalizeHeader(wanted);
  return headers.findIndex((header) => normalizeHeader(header) === normalized);
}

/** Non-empty headers that no field of `mapping` designates. */
export function unmappedHeaders(headers: readonly string[], mapping: ColumnMapping): string[] {
  const used = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const name = mapping[field];
    if (name !== undefined) used.add(findColumn(headers, name));
  }
  return headers.map((header) => header.trim()).filter((header, index) => header !== '' && !used.has(index));
}

const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ','];
const SAMPLE_RECORDS = 21;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Delimiter count per non-empty record (outside quotes) for the first records. A quote opens a
 * quoted field only at the start of a field, as in Papa Parse.
 */
function countDelimiters(text: string, delimiter: string): number[] {
  const delimiterCode = delimiter.charCodeAt(0);
  const counts: number[] = [];
  let count = 0;
  let fieldStart = true;
  let inQuotes = false;
  let hasContent = false;
  for (let i = 0; i < text.length && counts.length < SAMPLE_RECORDS; i += 1) {
    const code = text.charCodeAt(i);
    if (inQuotes) {
      if (code === QUOTE) {
        if (text.charCodeAt(i + 1) === QUOTE) i += 1;
        else inQuotes = false;
      }
      continue;
    }
    if (code === LF || code === CR) {
      if (hasContent) counts.push(count);
      count = 0;
      hasContent = false;
      fieldStart = true;
      continue;
    }
    hasContent = true;
    if (code === delimiterCode) {
      count += 1;
      fieldStart = true;
    } else if (code === QUOTE && fieldStart) {
      inQuotes = true;
    } else {
      fieldStart = false;
    }
  }
  if (hasContent && counts.length < SAMPLE_RECORDS) counts.push(count);
  return counts;
}

/** `;`, `,` or tab (see the module comment); `;` when none appears in the header. */
export function detectDelimiter(text: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; agreeing: number; header: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = countDelimiters(text, delimiter);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    let agreeing = 0;
    for (let i = 1; i < counts.length; i += 1) if (counts[i] === header) agreeing += 1;
    if (!best || agreeing > best.agreeing || (agreeing === best.agreeing && header > best.header)) {
      best = { delimiter, agreeing, header };
    }
  }
  return best?.delimiter ?? ';';
}

const LINE_BREAKS = /\r\n?/g;
const WHITESPACE = /\s+/g;

function lineBreaksIn(row: readonly string[]): number {
  let breaks = 0;
  for (const field of row) {
    let at = field.indexOf('\n');
    while (at >= 0) {
      breaks += 1;
      at = field.indexOf('\n', at + 1);
    }
  }
  return breaks;
}

function isEmptyRecord(row: readonly string[]): boolean {
  for (const field of row) if (field.trim() !== '') return false;
  return true;
}

function quoteMessage(code: string): string {
  return code === 'MissingQuotes'
    ? 'Quoted field is never closed: the rest of the file was read as one value'
    : 'Malformed quotes: a closing quote is followed by other characters';
}

function decode(data: Uint8Array | string): { text: string; encoding: TextEncodingName } {
  if (typeof data !== 'string') return decodeText(data);
  if (data.charCodeAt(0) === 0xfeff) return { text: data.slice(1), encoding: 'utf-8-bom' };
  return { text: data, encoding: 'utf-8' };
}

/** Column indexes of the mapped fields (-1 when unmapped). */
type Columns = Record<ImportField, number>;

/** Parses and validates an invoice CSV export (see the module comment). */
export function parseInvoiceCsv(data: Uint8Array | string, mapping?: ColumnMapping): CsvImportResult {
  const size = typeof data === 'string' ? data.length : data.byteLength;
  if (size > MAX_IMPORT_BYTES) return tooLarge(size, mapping);
  const { text: decoded, encoding } = decode(data);
  // One kind of line break, so that line counting and Papa Parse agree (also inside quoted fields).
  const text = decoded.indexOf('\r') >= 0 ? decoded.replace(LINE_BREAKS, '\n') : decoded;
  const delimiter = detectDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: '\n', quoteChar: '"', skipEmptyLines: false });
  const records = parsed.data;

  const quoteErrors = new Map<number, string>();
  for (const error of parsed.errors) {
    if (error.type === 'Quotes' && error.row !== undefined && !quoteErrors.has(error.row)) {
      quoteErrors.set(error.row, quoteMessage(error.code));
    }
  }

  const errors: CsvImportError[] = [];
  const rows: InvoiceImportRow[] = [];

  // The header is the first non-empty record.
  let line = 1;
  let index = 0;
  while (index < records.length && isEmptyRecord(records[index] as string[])) {
    line += 1 + lineBreaksIn(records[index] as string[]);
    index += 1;
  }
  const headerRecord = records[index];
  if (!headerRecord) {
    return {
      rows,
      errors: [{ line: 1, code: 'empty-file', params: {}, message: 'The file is empty' }],
      mapping: mapping ?? {},
      encoding,
      delimiter,
      headers: [],
      unmappedHeaders: [],
      missingFields: [...REQUIRED_FIELDS],
      layoutSignature: '',
    };
  }
  const headerLine = line;
  const headers = headerRecord.map((header) => header.trim());
  line += 1 + lineBreaksIn(headerRecord);
  index += 1;

  const effective = mapping ?? autoMapColumns(headers);
  const columns = {} as Columns;
  const missingFields: ImportField[] = [];
  const unmappedRequired: ImportField[] = [];
  for (const field of IMPORT_FIELDS) {
    const name = effective[field];
    columns[field] = name === undefined ? -1 : findColumn(headers, name);
    if (columns[field] < 0 && REQUIRED_FIELDS.includes(field)) missingFields.push(field);
    if (name === undefined) {
      if (REQUIRED_FIELDS.includes(field)) unmappedRequired.push(field);
    } else if (columns[field] < 0) {
      errors.push({
        line: headerLine,
        code: 'mapped-column-not-found',
        params: { column: name, field },
        message: `Column "${name}" (mapped to ${FIELD_LABELS[field]}) is not in the file`,
      });
    }
  }
  if (unmappedRequired.length > 0) {
    const names = unmappedRequired.map((field) => FIELD_LABELS[field]).join(', ');
    errors.push({
      line: headerLine,
      code: 'missing-columns',
      params: { fields: unmappedRequired.join(',') },
      message: `Missing required column${unmappedRequired.length > 1 ? 's' : ''}: ${names}`,
    });
  }
  const result: CsvImportResult = {
    rows,
    errors,
    mapping: effective,
    encoding,
    delimiter,
    headers,
    unmappedHeaders: unmappedHeaders(headers, effective),
    missingFields,
    layoutSignature: layoutSignature(headers),
  };
  if (errors.length > 0) return result;

  const firstLineOfNumber = new Map<string, number>();
  const validate = new RowValidator(headers, columns, errors);
  // Without line breaks inside fields, every record is one line: no need to look inside the fields.
  const embeddedBreaks = countLineBreaks(text) !== records.length - 1;

  for (; index < records.length; index += 1) {
    const record = records[index] as string[];
    const recordLine = line;
    line += embeddedBreaks ? 1 + lineBreaksIn(record) : 1;
    if (isEmptyRecord(record)) continue;

    const quoteError = quoteErrors.get(index);
    if (quoteError) {
      // A stray quote can open a field that runs over the next lines (up to the end of the file):
      // say which lines went into it, or they would vanish without a word (bad-input corpus).
      // (The file's final line break, swallowed too, does not start a line.)
      const lastLine = Math.min(line - 1, countLineBreaks(text) + (text.endsWith('\n') ? 0 : 1));
      if (lastLine > recordLine) {
        errors.push({
          line: recordLine,
          code: 'quotes-swallow-lines',
          params: { line: recordLine, lastLine },
          message: `Misplaced quote: lines ${recordLine} to ${lastLine} were read as one value, none of them is imported`,
        });
      } else {
        errors.push({ line: recordLine, code: 'bad-quotes', params: {}, message: quoteError });
      }
      continue;
    }
    if (record.length !== headers.length) {
      errors.push({
        line: recordLine,
        code: 'field-count',
        params: { found: record.length, expected: headers.length },
        message: `Row has ${record.length} fields, expected ${headers.length}`,
      });
      continue;
    }
    const row = validate.row(record, recordLine, firstLineOfNumber);
    if (row) rows.push(row);
  }
  return result;
}

const megabytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);

function tooLarge(size: number, mapping: ColumnMapping | undefined): CsvImportResult {
  const limit = megabytes(MAX_IMPORT_BYTES);
  return {
    rows: [],
    errors: [
      {
        line: 1,
        code: 'file-too-large',
        params: { size: megabytes(size), limit },
        message: `The file is ${megabytes(size)} MB, more than the ${limit} MB an import reads at once: export a shorter period`,
      },
    ],
    mapping: mapping ?? {},
    encoding: 'utf-8',
    delimiter: ';',
    headers: [],
    unmappedHeaders: [],
    // Nothing was read: no column is known to be missing (the wizard would otherwise ask for them).
    missingFields: [],
    layoutSignature: '',
  };
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Checks one record against the mapped columns; pushes its errors, returns the row when it has none. */
class RowValidator {
  private record: readonly string[] = [];
  private line = 0;
  private failed = false;

  constructor(
    private readonly headers: readonly string[],
    private readonly columns: Columns,
    private readonly errors: CsvImportError[],
  ) {}

  private fail(field: ImportField, code: CsvErrorCode, message: string, params: Record<string, string | number> = {}): void {
    this.failed = true;
    this.errors.push({ line: this.line, column: this.headers[this.columns[field]] as string, code, params, message });
  }

  /** An amount the parser could not read (`amountToCents` returned its English reason). */
  private failAmount(field: ImportField, text: string, reason: string): void {
    if (text === '') this.fail(field, 'missing-value', reason);
    else this.fail(field, 'unparseable-amount', reason, { value: text });
  }

  private cell(field: ImportField): string {
    const column = this.columns[field];
    return column < 0 ? '' : (this.record[column] as string).trim();
  }

  private date(field: 'issueDate' | 'dueDate', missing: string): CalendarDate | null {
    const text = this.cell(field);
    if (text === '') {
      this.fail(field, 'missing-value', missing);
      return null;
    }
    const date = toCalendarDate(text);
    if (date === null) this.fail(field, 'unparseable-date', unparseableDateMessage(text), { value: text });
    return date;
  }

  /** Amount paid, from the paid column, or total − balance, or 0; null when invalid. */
  private paid(totalText: string, totalCents: number | null): number | null {
    if (this.columns.paid >= 0) {
      const paidText = this.cell('paid');
      const paid = paidText === '' ? 0 : amountToCents(paidText);
      if (typeof paid === 'string') this.failAmount('paid', paidText, paid);
      else if (paid < 0) this.fail('paid', 'negative-amount', `Negative amount paid "${paidText}"`, { value: paidText });
      else if (totalCents !== null && paid > totalCents) {
        this.fail('paid', 'paid-above-total', `Amount paid "${paidText}" is more than the total "${totalText}"`, {
          paid: paidText,
          total: totalText,
        });
      } else return paid;
      return null;
    }
    if (this.columns.balance >= 0) {
      const balanceText = this.cell('balance');
      const balance = balanceText === '' ? 'Missing balance' : amountToCents(balanceText);
      if (typeof balance === 'string') this.failAmount('balance', balanceText, balance);
      else if (balance < 0) {
        this.fail(
          'balance',
          'negative-amount',
          `Negative balance "${balanceText}": the amount paid would be more than the total "${totalText}"`,
          { value: balanceText },
        );
      } else if (totalCents !== null && balance > totalCents) {
        this.fail('balance', 'balance-above-total', `Balance "${balanceText}" is more than the total "${totalText}"`, {
          balance: balanceText,
          total: totalText,
        });
      } else if (totalCents !== null) return totalCents - balance;
      return null;
    }
    return 0;
  }

  row(record: readonly string[], line: number, firstLineOfNumber: Map<string, number>): InvoiceImportRow | null {
    this.record = record;
    this.line = line;
    this.failed = false;

    // An overlong cell makes the whole record suspect (a broken export): no other check is run on it.
    for (const field of IMPORT_FIELDS) {
      const column = this.columns[field];
      const length = column < 0 ? 0 : (record[column] as string).trim().length;
      if (length > MAX_CELL_CHARS) {
        this.fail(field, 'value-too-long', `Value of ${length} characters, more than ${MAX_CELL_CHARS}`, {
          length,
          limit: MAX_CELL_CHARS,
        });
      }
    }
    if (this.failed) return null;

    const number = this.cell('number');
    if (number === '') {
      this.fail('number', 'missing-value', 'Missing invoice number');
    } else {
      const first = firstLineOfNumber.get(number);
      if (first === undefined) firstLineOfNumber.set(number, line);
      else {
        this.fail('number', 'duplicate-number', `Duplicate invoice number "${number}" (first on line ${first})`, {
          number,
          firstLine: first,
        });
      }
    }

    const customerName = this.cell('customerName');
    if (customerName === '') this.fail('customerName', 'missing-value', 'Missing customer name');

    const issueDate = this.date('issueDate', 'Missing issue date');
    const dueDate = this.date('dueDate', 'Missing due date');
    if (issueDate !== null && dueDate !== null && compareDates(dueDate, issueDate) < 0) {
      this.fail('dueDate', 'due-before-issue', `Due date ${dueDate} is before the issue date ${issueDate}`, { dueDate, issueDate });
    }

    const totalText = this.cell('total');
    const total = totalText === '' ? 'Missing total' : amountToCents(totalText);
    let totalCents: number | null = null;
    if (typeof total === 'string') this.failAmount('total', totalText, total);
    else if (total < 0) {
      this.fail('total', 'negative-amount', `Negative total "${totalText}" (credit notes are not imported this way)`, { value: totalText });
    }
    else totalCents = total;

    const paidCents = this.paid(totalText, totalCents);
    if (this.failed || totalCents === null || paidCents === null || issueDate === null || dueDate === null) return null;

    const row: InvoiceImportRow = { line, number, customerName, issueDate, dueDate, totalCents, paidCents };
    const email = this.cell('email');
    if (email !== '') row.email = email;
    const phone = this.cell('phone');
    if (phone !== '') row.phone = phone;
    const siret = this.cell('siret').replace(WHITESPACE, '');
    if (siret !== '') row.siret = siret;
    return row;
  }
}
