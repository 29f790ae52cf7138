import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  autoMapColumns,
  detectDelimiter,
  findColumn,
  layoutSignature,
  normalizeHeader,
  parseInvoiceCsv,
  unmappedHeaders,
  type ColumnMapping,
  type CsvErrorCode,
  type ImportField,
  type InvoiceImportRow,
} from '../../../src-renderer/domain/csv-import';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/csv/${name}`, import.meta.url))));

/** An error's `params`, as `CsvImportError` types them. */
type Params = Record<string, string | number>;

const HEADER = 'N° facture;Client;Date;Échéance;Montant TTC';
/** Header + rows, `;`-separated, LF line ends. */
const csv = (...lines: string[]): string => [HEADER, ...lines].join('\n');
const row = (line: number, fields: Partial<InvoiceImportRow> = {}): InvoiceImportRow => ({
  line,
  number: 'F1',
  customerName: 'Dupont',
  issueDate: '2026-01-10',
  dueDate: '2026-02-09',
  totalCents: 10000,
  paidCents: 0,
  ...fields,
});

describe('autoMapColumns: header synonyms', () => {
  it.each<[string, ImportField]>([
    ['N° facture', 'number'],
    ['n° FACTURE', 'number'],
    ['Nº facture', 'number'],
    ['No. facture', 'number'],
    ['Numéro', 'number'],
    ['NUMERO', 'number'],
    ['Numéro de facture', 'number'],
    ['Facture', 'number'],
    ['facture n°', 'number'],
    ['Invoice number', 'number'],
    ['Invoice No.', 'number'],
    ['INVOICE NUMBER', 'number'],
    ['Client', 'customerName'],
    ['CLIENT', 'customerName'],
    ['Raison sociale', 'customerName'],
    ['raison  sociale ', 'customerName'],
    ['Customer', 'customerName'],
    ['Customer name', 'customerName'],
    ['Date', 'issueDate'],
    ['Date facture', 'issueDate'],
    ["Date d'émission", 'issueDate'],
    ['Date d’emission', 'issueDate'],
    ['DATE D EMISSION', 'issueDate'],
    ['Issue date', 'issueDate'],
    ['Issue Date', 'issueDate'],
    ['Échéance', 'dueDate'],
    ['echeance', 'dueDate'],
    ['ÉCHÉANCE', 'dueDate'],
    ["Date d'échéance", 'dueDate'],
    ['Date d’echeance', 'dueDate'],
    ['Due date', 'dueDate'],
    ['DUE DATE', 'dueDate'],
    ['Montant TTC', 'total'],
    ['montant t.t.c.', 'total'],
    ['Montant TTC (€)', 'total'],
    ['Montant TTC EUR', 'total'],
    ['Total TTC', 'total'],
    ['Total', 'total'],
    ['Amount', 'total'],
    ['Payé', 'paid'],
    ['paye', 'paid'],
    ['Montant payé', 'paid'],
    ['Règlement', 'paid'],
    ['reglement', 'paid'],
    ['Paid', 'paid'],
    ['Reste à payer', 'balance'],
    ['reste a payer', 'balance'],
    ['Reste dû', 'balance'],
    ['Solde', 'balance'],
    ['Balance', 'balance'],
    ['Email', 'email'],
    ['E-mail', 'email'],
    ['e-mail', 'email'],
    ['Courriel', 'email'],
    ['Téléphone', 'phone'],
    ['telephone', 'phone'],
    ['Tél', 'phone'],
    ['Tél.', 'phone'],
    ['Phone', 'phone'],
    ['SIRET', 'siret'],
    ['N° SIRET', 'siret'],
  ])('%j → %s', (header, field) => {
    expect(autoMapColumns(['Unrelated', header])).toEqual({ [field]: header.trim() });
  });

  it.each(['Montant HT', 'Total HT', 'TVA', 'Commentaire', 'Adresse', ''])('leaves %j unmapped', (header) => {
    expect(autoMapColumns([header])).toEqual({});
  });

  it('maps a whole French header and lists what is left', () => {
    const headers = ['N° facture', 'Client', 'Date', 'Échéance', 'Montant HT', 'Montant TTC', 'Payé', 'Commentaire', ''];
    const mapping = autoMapColumns(headers);
    expect(mapping).toEqual({
      number: 'N° facture',
      customerName: 'Client',
      issueDate: 'Date',
      dueDate: 'Échéance',
      total: 'Montant TTC',
      paid: 'Payé',
    });
    expect(unmappedHeaders(headers, mapping)).toEqual(['Montant HT', 'Commentaire']);
  });

  it('prefers the more specific header when two name the same field', () => {
    expect(autoMapColumns(['Date', 'Date facture', 'Total', 'Total TTC', 'Montant'])).toEqual({
      issueDate: 'Date facture',
      total: 'Total TTC',
    });
    // Same rank: the first column wins.
    expect(autoMapColumns(['Client', 'CLIENT'])).toEqual({ customerName: 'Client' });
  });
});

describe('normalizeHeader, findColumn, layoutSignature', () => {
  it.each([
    ['N° Facture', 'n facture'],
    ["  Date d'Échéance ", 'date d echeance'],
    ['Montant TTC (€)', 'montant ttc'],
    ['Tél.', 'tel'],
    ['E-mail', 'e mail'],
    ['Œuvre', 'oeuvre'],
    ['EUR', 'eur'],
  ])('%j → %j', (header, normalized) => {
    expect(normalizeHeader(header)).toBe(normalized);
  });

  it('finds a column by its exact name first, then by its normalised name', () => {
    const headers = ['Echeance', 'Échéance'];
    expect(findColumn(headers, 'Échéance')).toBe(1);
    expect(findColumn(headers, 'ÉCHÉANCE')).toBe(0);
    expect(findColumn(headers, 'Solde')).toBe(-1);
  });

  it('gives the same signature to the same layout, whatever the case and accents', () => {
    expect(layoutSignature(['N° facture', 'Échéance', 'Montant TTC'])).toBe('n facture|echeance|montant ttc');
    expect(layoutSignature(['N° FACTURE', 'Echeance', ' montant ttc '])).toBe('n facture|echeance|montant ttc');
    expect(layoutSignature(['Échéance', 'N° facture', 'Montant TTC'])).not.toBe(
      layoutSignature(['N° facture', 'Échéance', 'Montant TTC']),
    );
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a;b;c\n1;2;3', ';'],
    ['a,b,c\n1,2,3', ','],
    ['a\tb\tc\n1\t2\t3', '\t'],
    // French amounts hold commas, but not in the header: still `;`.
    ['Client;Montant\nDupont, SA;1234,56\nMartin;12,50', ';'],
    // A comma inside quotes in the header does not count.
    ['"Client, nom";Montant;Date\nA;1;2', ';'],
    // Semicolons inside quoted English fields do not count; the consistent count decides.
    ['Invoice,Customer,Amount\nI1,"A; B",12.00\nI2,"C; D",13.00', ','],
    ['single column\nvalue', ';'],
  ])('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('chooses the delimiter whose count is consistent over the first records', () => {
    // The header has one `;` and one `,`; only `,` gives the same count in the records.
    expect(detectDelimiter('a;x,b\n1,2\n3,4\n5,6')).toBe(',');
    expect(detectDelimiter('a;x,b\n1;2\n3;4\n5;6')).toBe(';');
  });
});

describe('parseInvoiceCsv: delimiters and encodings', () => {
  const header = ['Numéro', 'Client', 'Date', 'Échéance', 'Montant TTC'];
  const record = ['F1', 'Café Hélène', '10/01/2026', '09/02/2026', '1 250,00 €'];
  const expected = row(2, { customerName: 'Café Hélène', totalCents: 125000 });

  it.each([
    [';', ';'],
    [',', ','],
    ['\t', '\t'],
  ])('delimiter %j', (delimiter) => {
    const fields = delimiter === ',' ? record.map((field) => (field.includes(',') ? `"${field}"` : field)) : record;
    const result = parseInvoiceCsv([header.join(delimiter), fields.join(delimiter)].join('\r\n'));
    expect(result.delimiter).toBe(delimiter);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([expected]);
  });

  const text = [header.join(';'), record.join(';')].join('\r\n');
  it.each([
    ['utf-8', iconv.encode(text, 'utf-8')],
    ['utf-8-bom', iconv.encode(text, 'utf-8', { addBOM: true })],
    ['windows-1252', iconv.encode(text, 'win1252')],
  ])('encoding %s, from bytes', (encoding, bytes) => {
    const result = parseInvoiceCsv(new Uint8Array(bytes));
    expect(result.encoding).toBe(encoding);
    expect(result.headers).toEqual(header);
    expect(result.rows).toEqual([expected]);
  });

  it('reads € and é written as explicit Windows-1252 bytes', () => {
    // "Client;Date;Echeance;Facture;Total\r\nF\xe9e;..." built byte by byte: é = 0xE9, € = 0x80.
    const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
    const bytes = new Uint8Array([
      ...ascii('Facture;Client;Date;Ech'), 0xe9, ...ascii('ance;Total\r\n'),
      ...ascii('F9;Caf'), 0xe9, ...ascii(';01/01/2026;31/01/2026;12,00 '), 0x80, ...ascii('\r\n'),
    ]);
    const result = parseInvoiceCsv(bytes);
    expect(result.encoding).toBe('windows-1252');
    expect(result.headers).toEqual(['Facture', 'Client', 'Date', 'Echéance', 'Total']);
    expect(result.rows).toEqual([
      { line: 2, number: 'F9', customerName: 'Café', issueDate: '2026-01-01', dueDate: '2026-01-31', totalCents: 1200, paidCents: 0 },
    ]);
  });

  it('takes a string as decoded text; a leading BOM character is dropped and reported', () => {
    expect(parseInvoiceCsv(text).encoding).toBe('utf-8');
    const withBom = parseInvoiceCsv(`\ufeff${text}`);
    expect(withBom.encoding).toBe('utf-8-bom');
    expect(withBom.headers[0]).toBe('Numéro');
    expect(withBom.rows).toEqual([expected]);
  });
});

describe('parseInvoiceCsv: values', () => {
  it.each([
    ['1 234,56', 123456],
    ['1\u00a0234,56', 123456],
    ['1\u202f234,56', 123456],
    ['1234,56 €', 123456],
    ['1234.56', 123456],
    ['1.234,56', 123456],
    ['0,00', 0],
  ])('amount %j → %i cents', (amount, cents) => {
    const result = parseInvoiceCsv(csv(`F1;Dupont;10/01/2026;09/02/2026;${amount}`));
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.totalCents).toBe(cents);
  });

  it.each([
    ['31/12/2026', '2026-12-31'],
    ['31.12.2026', '2026-12-31'],
    ['2026-12-31', '2026-12-31'],
    ['31/12/26', '2026-12-31'],
    ['1/2/2026', '2026-02-01'],
  ])('date %j → %s', (date, calendar) => {
    const result = parseInvoiceCsv(csv(`F1;Dupont;${date};${date};10`));
    expect(result.errors).toEqual([]);
    expect(result.rows[0]).toMatchObject({ issueDate: calendar, dueDate: calendar });
  });

  it('trims values', () => {
    const result = parseInvoiceCsv(csv('  F1 ;  Dupont  ; 10/01/2026 ;09/02/2026 ;  100,00  '));
    expect(result.rows).toEqual([row(2)]);
  });

  it.each([
    ['=HYPERLINK("http://x")'],
    ['+33 Boutique'],
    ['-Les Halles-'],
    ['@Martin'],
  ])('keeps a formula-like customer name %j as text', (name) => {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const result = parseInvoiceCsv(csv(`F1;${quoted};10/01/2026;09/02/2026;100`));
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.customerName).toBe(name);
  });

  it('carries email, phone and SIRET when present, and leaves them out when empty', () => {
    const result = parseInvoiceCsv(
      [
        'Facture;Client;Date;Échéance;Total;E-mail;Tél.;SIRET',
        'F1;Dupont;10/01/2026;09/02/2026;100;dupont@example.fr;01 23 45 67 89;732 829 320 00074',
        'F2;Martin;10/01/2026;09/02/2026;100;;;',
      ].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      row(2, { email: 'dupont@example.fr', phone: '01 23 45 67 89', siret: '73282932000074' }),
      row(3, { number: 'F2', customerName: 'Martin' }),
    ]);
  });
});

describe('parseInvoiceCsv: paid and balance', () => {
  it.each([
    // [extra header, cell, expected paid cents]
    ['Payé', '40,00', 4000],
    ['Payé', '', 0],
    ['Payé', '100,00', 10000],
    ['Reste à payer', '60,00', 4000],
    ['Reste à payer', '0', 10000],
    ['Reste à payer', '100,00', 0],
    ['Solde', '0,01', 9999],
    ['Balance', '12.34', 8766],
  ])('%s = %j → paid %i cents (total 100,00)', (header, cell, paid) => {
    const result = parseInvoiceCsv(`${HEADER};${header}\nF1;Dupont;10/01/2026;09/02/2026;100,00;${cell}`);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([row(2, { paidCents: paid })]);
  });

  it('uses the amount paid and ignores the balance when both are given', () => {
    const result = parseInvoiceCsv(`${HEADER};Payé;Solde\nF1;Dupont;10/01/2026;09/02/2026;100,00;30,00;99,00`);
    expect(result.rows).toEqual([row(2, { paidCents: 3000 })]);
  });
});

describe('parseInvoiceCsv: rejected rows', () => {
  const good = 'F0;Martin;10/01/2026;09/02/2026;100';
  it.each<[string, string, string, CsvErrorCode, Params, string]>([
    // [reason, record, column, code, params, message]
    ['missing number', ';Dupont;10/01/2026;09/02/2026;100', 'N° facture', 'missing-value', {}, 'Missing invoice number'],
    ['missing customer', 'F1; ;10/01/2026;09/02/2026;100', 'Client', 'missing-value', {}, 'Missing customer name'],
    ['missing issue date', 'F1;Dupont;;09/02/2026;100', 'Date', 'missing-value', {}, 'Missing issue date'],
    ['missing due date', 'F1;Dupont;10/01/2026;;100', 'Échéance', 'missing-value', {}, 'Missing due date'],
    ['missing total', 'F1;Dupont;10/01/2026;09/02/2026;', 'Montant TTC', 'missing-value', {}, 'Missing total'],
    [
      'unparseable issue date',
      'F1;Dupont;2026/01/10;09/02/2026;100',
      'Date',
      'unparseable-date',
      { value: '2026/01/10' },
      'Unparseable date "2026/01/10": expected DD/MM/YYYY or YYYY-MM-DD',
    ],
    [
      'impossible due date',
      'F1;Dupont;10/01/2026;31/02/2026;100',
      'Échéance',
      'unparseable-date',
      { value: '31/02/2026' },
      'Unparseable date "31/02/2026": expected DD/MM/YYYY or YYYY-MM-DD',
    ],
    [
      'unparseable amount',
      'F1;Dupont;10/01/2026;09/02/2026;cent euros',
      'Montant TTC',
      'unparseable-amount',
      { value: 'cent euros' },
      'Unparseable amount "cent euros"',
    ],
    [
      'formula as amount',
      'F1;Dupont;10/01/2026;09/02/2026;=1+2',
      'Montant TTC',
      'unparseable-amount',
      { value: '=1+2' },
      'Unparseable amount "=1+2"',
    ],
    [
      'due date before issue date',
      'F1;Dupont;10/02/2026;09/02/2026;100',
      'Échéance',
      'due-before-issue',
      { dueDate: '2026-02-09', issueDate: '2026-02-10' },
      'Due date 2026-02-09 is before the issue date 2026-02-10',
    ],
    [
      'negative total',
      'F1;Dupont;10/01/2026;09/02/2026;-12,00',
      'Montant TTC',
      'negative-amount',
      { value: '-12,00' },
      'Negative total "-12,00" (credit notes are not imported this way)',
    ],
  ])('%s', (_reason, line, column, code, params, message) => {
    const result = parseInvoiceCsv(csv(good, line));
    expect(result.errors).toEqual([{ line: 3, column, code, params, message }]);
    expect(result.rows).toEqual([row(2, { number: 'F0', customerName: 'Martin' })]);
  });

  it.each<[string, string, string, CsvErrorCode, Params, string]>([
    // [extra header, cell, column, code, params, message]
    [
      'Payé',
      '150,00',
      'Payé',
      'paid-above-total',
      { paid: '150,00', total: '100,00' },
      'Amount paid "150,00" is more than the total "100,00"',
    ],
    ['Payé', '-1,00', 'Payé', 'negative-amount', { value: '-1,00' }, 'Negative amount paid "-1,00"'],
    ['Payé', 'rien', 'Payé', 'unparseable-amount', { value: 'rien' }, 'Unparseable amount "rien"'],
    [
      'Solde',
      '-50,00',
      'Solde',
      'negative-amount',
      { value: '-50,00' },
      'Negative balance "-50,00": the amount paid would be more than the total "100,00"',
    ],
    [
      'Solde',
      '100,01',
      'Solde',
      'balance-above-total',
      { balance: '100,01', total: '100,00' },
      'Balance "100,01" is more than the total "100,00"',
    ],
    ['Solde', '', 'Solde', 'missing-value', {}, 'Missing balance'],
  ])('%s = %j is rejected', (header, cell, column, code, params, message) => {
    const result = parseInvoiceCsv(`${HEADER};${header}\nF1;Dupont;10/01/2026;09/02/2026;100,00;${cell}`);
    expect(result.errors).toEqual([{ line: 2, column, code, params, message }]);
    expect(result.rows).toEqual([]);
  });

  it('rejects the second occurrence of a number and names the first line', () => {
    const result = parseInvoiceCsv(
      csv('F1;Dupont;10/01/2026;09/02/2026;100', 'F2;Martin;10/01/2026;09/02/2026;100', 'F1;Durand;10/01/2026;09/02/2026;5'),
    );
    expect(result.errors).toEqual([
      {
        line: 4,
        column: 'N° facture',
        code: 'duplicate-number',
        params: { number: 'F1', firstLine: 2 },
        message: 'Duplicate invoice number "F1" (first on line 2)',
      },
    ]);
    expect(result.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('counts a rejected first occurrence too: neither copy is imported', () => {
    const result = parseInvoiceCsv(csv('F1;Dupont;10/01/2026;09/02/2026;abc', 'F1;Dupont;10/01/2026;09/02/2026;100'));
    expect(result.errors).toEqual([
      {
        line: 2,
        column: 'Montant TTC',
        code: 'unparseable-amount',
        params: { value: 'abc' },
        message: 'Unparseable amount "abc"',
      },
      {
        line: 3,
        column: 'N° facture',
        code: 'duplicate-number',
        params: { number: 'F1', firstLine: 2 },
        message: 'Duplicate invoice number "F1" (first on line 2)',
      },
    ]);
    expect(result.rows).toEqual([]);
  });

  it.each([
    ['too few fields', 'F1;Dupont;10/01/2026;09/02/2026', 4, 'Row has 4 fields, expected 5'],
    ['too many fields', 'F1;Dupont;10/01/2026;09/02/2026;100;extra', 6, 'Row has 6 fields, expected 5'],
  ])('%s', (_label, line, found, message) => {
    const result = parseInvoiceCsv(csv(line, 'F2;Martin;10/01/2026;09/02/2026;100'));
    expect(result.errors).toEqual([{ line: 2, code: 'field-count', params: { found, expected: 5 }, message }]);
    expect(result.rows).toEqual([row(3, { number: 'F2', customerName: 'Martin' })]);
  });

  it('lists every problem of one row', () => {
    const result = parseInvoiceCsv(csv(';;32/01/2026;x;-5'));
    expect(result.errors).toEqual([
      { line: 2, column: 'N° facture', code: 'missing-value', params: {}, message: 'Missing invoice number' },
      { line: 2, column: 'Client', code: 'missing-value', params: {}, message: 'Missing customer name' },
      {
        line: 2,
        column: 'Date',
        code: 'unparseable-date',
        params: { value: '32/01/2026' },
        message: 'Unparseable date "32/01/2026": expected DD/MM/YYYY or YYYY-MM-DD',
      },
      {
        line: 2,
        column: 'Échéance',
        code: 'unparseable-date',
        params: { value: 'x' },
        message: 'Unparseable date "x": expected DD/MM/YYYY or YYYY-MM-DD',
      },
      {
        line: 2,
        column: 'Montant TTC',
        code: 'negative-amount',
        params: { value: '-5' },
        message: 'Negative total "-5" (credit notes are not imported this way)',
      },
    ]);
  });

  it('reports malformed quotes on the line where the record starts', () => {
    const result = parseInvoiceCsv(csv('F1;Dupont;10/01/2026;09/02/2026;100', 'F2;"Mar"tin;10/01/2026;09/02/2026;100'));
    expect(result.errors[0]).toEqual({
      line: 3,
      code: 'bad-quotes',
      params: {},
      message: 'Malformed quotes: a closing quote is followed by other characters',
    });
    expect(result.rows).toEqual([row(2)]);
  });
});

describe('parseInvoiceCsv: line numbers', () => {
  it('counts the lines of a quoted multi-line field, empty lines and blank records', () => {
    const text = [
      HEADER, // 1
      'F1;"Dupont', // 2
      'Bâtiment B', // 3
      '"; 10/01/2026;09/02/2026;100', // 4
      '', // 5
      ';;;;', // 6
      'F2;Martin;10/01/2026;09/02/2026;abc', // 7
      'F3;"Durand ""et fils""";10/01/2026;09/02/2026;100', // 8
      '', // trailing line end
    ].join('\r\n');
    const result = parseInvoiceCsv(text);
    expect(result.errors).toEqual([
      { line: 7, column: 'Montant TTC', code: 'unparseable-amount', params: { value: 'abc' }, message: 'Unparseable amount "abc"' },
    ]);
    expect(result.rows).toEqual([
      row(2, { customerName: 'Dupont\nBâtiment B' }),
      row(8, { number: 'F3', customerName: 'Durand "et fils"' }),
    ]);
  });

  it.each([
    ['LF', '\n'],
    ['CR LF', '\r\n'],
    ['CR', '\r'],
  ])('with %s line ends', (_label, eol) => {
    const text = [HEADER, 'F1;"A', 'B";10/01/2026;09/02/2026;100', 'F2;C;10/01/2026;09/02/2026;x'].join(eol);
    const result = parseInvoiceCsv(text);
    expect(result.rows.map((r) => r.line)).toEqual([2]);
    expect(result.errors.map((e) => e.line)).toEqual([4]);
  });

  it('numbers from the first line even when the header comes after empty lines', () => {
    const result = parseInvoiceCsv(`\n\n${csv('F1;Dupont;10/01/2026;09/02/2026;x')}`);
    expect(result.headers).toHaveLength(5);
    expect(result.errors).toEqual([
      { line: 4, column: 'Montant TTC', code: 'unparseable-amount', params: { value: 'x' }, message: 'Unparseable amount "x"' },
    ]);
  });
});

describe('parseInvoiceCsv: columns and mapping', () => {
  it.each<[string, string, ImportField[]]>([
    ['Client;Date;Échéance;Montant TTC', 'Missing required column: invoice number', ['number']],
    ['Numéro;Date;Montant TTC', 'Missing required columns: customer, due date', ['customerName', 'dueDate']],
    ['A;B', 'Missing required columns: invoice number, customer, issue date, due date, total', [
      'number', 'customerName', 'issueDate', 'dueDate', 'total',
    ]],
  ])('header %j → one error at line 1 and no rows', (header, message, missing) => {
    const result = parseInvoiceCsv(`${header}\nF1;Dupont;10/01/2026;09/02/2026;100`);
    // Every required field is unmapped here, so `params.fields` lists the same fields as `missingFields`.
    expect(result.errors).toEqual([{ line: 1, code: 'missing-columns', params: { fields: missing.join(',') }, message }]);
    expect(result.missingFields).toEqual(missing);
    expect(result.rows).toEqual([]);
  });

  it('reports an empty file', () => {
    expect(parseInvoiceCsv('').errors).toEqual([{ line: 1, code: 'empty-file', params: {}, message: 'The file is empty' }]);
    expect(parseInvoiceCsv(new Uint8Array([0xef, 0xbb, 0xbf, 0x0d, 0x0a])).errors).toEqual([
      { line: 1, code: 'empty-file', params: {}, message: 'The file is empty' },
    ]);
  });

  const layout = 'Réf;Nom;Émise le;Payable le;Net à payer;Divers';
  const data = 'A-1;Dupont;10/01/2026;09/02/2026;100;x';

  it('returns the automatic mapping, the unmapped headers and the layout signature', () => {
    const result = parseInvoiceCsv(`${layout}\n${data}`);
    expect(result.mapping).toEqual({ number: 'Réf' });
    expect(result.unmappedHeaders).toEqual(['Nom', 'Émise le', 'Payable le', 'Net à payer', 'Divers']);
    expect(result.missingFields).toEqual(['customerName', 'issueDate', 'dueDate', 'total']);
    expect(result.layoutSignature).toBe('ref|nom|emise le|payable le|net a payer|divers');
  });

  it('uses an explicit mapping instead of the automatic one', () => {
    const mapping: ColumnMapping = {
      number: 'Réf',
      customerName: 'Nom',
      issueDate: 'émise le', // normalised match
      dueDate: 'Payable le',
      total: 'Net à payer',
    };
    const result = parseInvoiceCsv(`${layout}\n${data}`, mapping);
    expect(result.errors).toEqual([]);
    expect(result.mapping).toBe(mapping);
    expect(result.unmappedHeaders).toEqual(['Divers']);
    expect(result.rows).toEqual([row(2, { number: 'A-1' })]);
  });

  it('an explicit mapping replaces the automatic one entirely', () => {
    // The automatic mapping uses "Montant TTC" and "Payé"; this one takes "Total TTC" and leaves
    // "Payé" out, so nothing is paid.
    const text = `${HEADER};Payé;Total TTC\nF1;Dupont;10/01/2026;09/02/2026;100;20;999`;
    const mapping: ColumnMapping = { ...autoMapColumns(text.split('\n')[0]!.split(';')), total: 'Total TTC' };
    delete mapping.paid;
    expect(parseInvoiceCsv(text).rows).toEqual([row(2, { paidCents: 2000 })]);
    expect(parseInvoiceCsv(text, mapping).rows).toEqual([row(2, { totalCents: 99900 })]);
  });

  it('reports a mapped column that is not in the file', () => {
    const result = parseInvoiceCsv(csv('F1;Dupont;10/01/2026;09/02/2026;100'), {
      number: 'N° facture',
      customerName: 'Client',
      issueDate: 'Date',
      dueDate: 'Date limite',
      total: 'Montant TTC',
      email: 'Mail',
    });
    expect(result.errors).toEqual([
      {
        line: 1,
        code: 'mapped-column-not-found',
        params: { column: 'Date limite', field: 'dueDate' },
        message: 'Column "Date limite" (mapped to due date) is not in the file',
      },
      {
        line: 1,
        code: 'mapped-column-not-found',
        params: { column: 'Mail', field: 'email' },
        message: 'Column "Mail" (mapped to email) is not in the file',
      },
    ]);
    expect(result.missingFields).toEqual(['dueDate']);
    expect(result.rows).toEqual([]);
  });
});

describe('fixtures, end to end', () => {
  it('UTF-8 with BOM, `;`, CR LF, balance column', () => {
    const result = parseInvoiceCsv(fixture('utf8-bom-semicolon.csv'));
    expect(result).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';', errors: [], unmappedHeaders: [] });
    expect(result.mapping).toEqual({
      number: 'N° facture',
      customerName: 'Client',
      issueDate: 'Date',
      dueDate: 'Échéance',
      total: 'Montant TTC',
      balance: 'Reste à payer',
      email: 'Email',
      phone: 'Téléphone',
    });
    expect(result.rows).toEqual([
      {
        line: 2, number: 'F2026-001', customerName: 'Boulangerie Élodie', issueDate: '2026-01-05', dueDate: '2026-02-04',
        totalCents: 123456, paidCents: 0, email: 'elodie@boulangerie-elodie.fr', phone: '01 42 00 00 01',
      },
      {
        line: 3, number: 'F2026-002', customerName: 'Garage Lefèvre; Fils', issueDate: '2026-01-12', dueDate: '2026-02-11',
        totalCents: 48000, paidCents: 48000, email: 'contact@garage-lefevre.fr',
      },
      {
        line: 4, number: 'F2026-003', customerName: 'Café de la Gare', issueDate: '2026-01-20', dueDate: '2026-02-19',
        totalCents: 9650, paidCents: 5000, phone: '06 12 34 56 78',
      },
    ]);
  });

  it('Windows-1252, `;`, € and accents, paid and SIRET columns', () => {
    const result = parseInvoiceCsv(fixture('windows-1252-semicolon.csv'));
    expect(result).toMatchObject({ encoding: 'windows-1252', delimiter: ';', errors: [] });
    expect(result.headers).toEqual([
      'Numéro', 'Raison sociale', "Date d'émission", "Date d'échéance", 'Total TTC', 'Payé', 'SIRET',
    ]);
    expect(result.rows).toEqual([
      {
        line: 2, number: 'FA-118', customerName: 'Pâtisserie Hélène', issueDate: '2025-11-03', dueDate: '2025-12-03',
        totalCents: 125000, paidCents: 25000, siret: '73282932000074',
      },
      {
        line: 3, number: 'FA-119', customerName: 'Société Générale de Nettoyage', issueDate: '2025-11-15',
        dueDate: '2025-12-15', totalCents: 8990, paidCents: 0,
      },
      {
        line: 4, number: 'FA-120', customerName: 'Œuvres & Fils', issueDate: '2025-11-28', dueDate: '2025-12-28',
        totalCents: 240000, paidCents: 240000,
      },
    ]);
  });

  it('English, `,`, quoted amounts with thousands commas', () => {
    const result = parseInvoiceCsv(fixture('english-comma.csv'));
    expect(result).toMatchObject({ encoding: 'utf-8', delimiter: ',', errors: [] });
    expect(result.rows).toEqual([
      {
        line: 2, number: 'INV-1001', customerName: 'Acme Ltd', issueDate: '2026-03-01', dueDate: '2026-03-31',
        totalCents: 123456, paidCents: 23456, email: 'billing@acme.example', phone: '+44 20 7946 0000',
      },
      {
        line: 3, number: 'INV-1002', customerName: 'Smith, Jones & Co', issueDate: '2026-03-15', dueDate: '2026-04-14',
        totalCents: 9900, paidCents: 0,
      },
    ]);
  });

  it('tab-separated, dotted dates, balance column', () => {
    const result = parseInvoiceCsv(fixture('tab-separated.tsv'));
    expect(result).toMatchObject({ encoding: 'utf-8', delimiter: '\t', errors: [] });
    expect(result.mapping).toEqual({
      number: 'Facture',
      customerName: 'Client',
      issueDate: 'Date facture',
      dueDate: "Date d'échéance",
      total: 'Total',
      balance: 'Solde',
      email: 'Courriel',
      phone: 'Tél.',
    });
    expect(result.rows).toEqual([
      {
        line: 2, number: '2026-0042', customerName: 'Maison Durand', issueDate: '2025-12-31', dueDate: '2026-01-30',
        totalCents: 123456, paidCents: 0, email: 'durand@example.fr', phone: '0612345678',
      },
      {
        line: 3, number: '2026-0043', customerName: 'Épicerie du Coin', issueDate: '2026-01-02', dueDate: '2026-02-01',
        totalCents: 1500, paidCents: 1000,
      },
    ]);
  });

  it('three bad rows among good ones, with a multi-line field and an empty line', () => {
    const result = parseInvoiceCsv(fixture('three-bad-rows.csv'));
    expect(result.errors).toEqual([
      {
        line: 3,
        column: 'Échéance',
        code: 'unparseable-date',
        params: { value: '31/02/2026' },
        message: 'Unparseable date "31/02/2026": expected DD/MM/YYYY or YYYY-MM-DD',
      },
      {
        line: 5,
        column: 'Montant TTC',
        code: 'unparseable-amount',
        params: { value: 'douze' },
        message: 'Unparseable amount "douze"',
      },
      {
        line: 7,
        column: 'N° facture',
        code: 'duplicate-number',
        params: { number: 'F-01', firstLine: 2 },
        message: 'Duplicate invoice number "F-01" (first on line 2)',
      },
    ]);
    expect(result.rows).toEqual([
      {
        line: 2, number: 'F-01', customerName: 'Fleurs & Co', issueDate: '2026-03-01', dueDate: '2026-03-31',
        totalCents: 12000, paidCents: 0,
      },
      {
        line: 8, number: 'F-04', customerName: 'Atelier Vélo', issueDate: '2026-03-06', dueDate: '2026-04-05',
        totalCents: 4550, paidCents: 4550,
      },
    ]);
  });
});

describe('large files', () => {
  // Speed is measured by tests/bench/csv-import.bench.ts, not asserted here.
  it('parses 100 000 rows, all valid, with the right line numbers and amounts', () => {
    const lines = [`${HEADER};Payé;Email`];
    for (let i = 0; i < 100_000; i += 1) {
      const day = String((i % 28) + 1).padStart(2, '0');
      lines.push(`F${i};"Client ${i % 997}";${day}/01/2026;${day}/02/2026;1 234,56 €;${i % 100},00;c${i}@example.fr`);
    }
    const bytes = new TextEncoder().encode(lines.join('\r\n'));
    const result = parseInvoiceCsv(bytes);
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(100_000);
    expect(result.rows[99_999]).toMatchObject({ line: 100_001, number: 'F99999', paidCents: 9900 });
  });
});
