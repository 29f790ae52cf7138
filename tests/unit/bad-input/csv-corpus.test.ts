import 'fake-indexeddb/auto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadDemoData, TABLE_NAMES, type RelanceDatabase } from '../../../src-renderer/db';
import { applyInvoiceImport, previewInvoiceImport, type InvoiceImportRow } from '../../../src-renderer/db/import-repo';
import {
  MAX_CELL_CHARS,
  MAX_IMPORT_BYTES,
  parseInvoiceCsv,
  type CsvErrorCode,
  type CsvImportResult,
} from '../../../src-renderer/domain/csv-import';
import { customersTable, invoicesTable, toCsv, type CsvDialect } from '../../../src-renderer/domain/csv-export';
import { importGate } from '../../../src-renderer/features/import/import-gate';
import { freshDatabasesFor } from '../db/helpers';

/**
 * The bad-input corpus (tests/fixtures/bad-input, described in its README.md): every file goes
 * through the parser, then the database import, the way the import wizard chains them. Large inputs
 * are generated here, not committed.
 */

const FIXTURES = join(__dirname, '../../fixtures/bad-input');
const NOW = '2026-11-23T08:30:00.000Z';
const TODAY = '2026-11-23';
const HEADER = 'N° facture;Client;Date facture;Échéance;Montant TTC;Montant payé';
const database = freshDatabasesFor('bad-input');

afterEach(() => {
  vi.restoreAllMocks();
});

interface Refusal {
  line: number;
  /** Header of the refused cell; absent for problems of the whole record or file. */
  column?: string;
  code: CsvErrorCode;
}

interface Expectation {
  /** Invoice numbers the parser must accept, in file order; everything else must be refused. */
  accepted: string[];
  refused: Refusal[];
}

const cells = (from: number, to: number, column: string, code: CsvErrorCode): Refusal[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ line: from + i, column, code }));

const DUE = 'Échéance';
const ISSUE = 'Date facture';
const TOTAL = 'Montant TTC';
const PAID = 'Montant payé';
const NO_HEADER: Refusal[] = [{ line: 1, code: 'missing-columns' }];

/** What each committed file must give. The README of the folder says the same in words. */
const EXPECTED: Record<string, Expectation> = {
  'empty.csv': { accepted: [], refused: [{ line: 1, code: 'empty-file' }] },
  'blank-lines-only.csv': { accepted: [], refused: [{ line: 1, code: 'empty-file' }] },
  'binary-png.csv': { accepted: [], refused: NO_HEADER },
  'binary-random.csv': { accepted: [], refused: NO_HEADER },
  'no-header-only-data.csv': { accepted: [], refused: NO_HEADER },
  'missing-columns.csv': { accepted: [], refused: NO_HEADER },
  'mixed-encodings.csv': { accepted: ['F-101', 'F-102', 'F-103', 'F-104'], refused: [] },
  'formulas.csv': {
    accepted: ['F-201', 'F-202', 'F-203', 'F-204', '=HYPERLINK("http://x","y")'],
    refused: [
      { line: 6, column: TOTAL, code: 'unparseable-amount' },
      { line: 7, column: ISSUE, code: 'unparseable-date' },
      { line: 8, column: PAID, code: 'unparseable-amount' },
    ],
  },
  'invalid-dates.csv': {
    accepted: ['F-500'],
    refused: [
      ...cells(2, 5, DUE, 'unparseable-date'),
      { line: 6, column: DUE, code: 'missing-value' },
      ...cells(7, 17, DUE, 'unparseable-date'),
      { line: 18, column: ISSUE, code: 'unparseable-date' },
      { line: 19, column: ISSUE, code: 'missing-value' },
      { line: 20, column: ISSUE, code: 'unparseable-date' },
      { line: 21, column: DUE, code: 'due-before-issue' },
    ],
  },
  'invalid-amounts.csv': {
    accepted: ['F-699'],
    refused: [
      ...cells(2, 5, TOTAL, 'unparseable-amount'),
      { line: 6, column: TOTAL, code: 'negative-amount' },
      ...cells(7, 13, TOTAL, 'unparseable-amount'),
      { line: 14, column: TOTAL, code: 'missing-value' },
      ...cells(15, 24, TOTAL, 'unparseable-amount'),
      { line: 25, column: PAID, code: 'negative-amount' },
      { line: 26, column: PAID, code: 'unparseable-amount' },
      { line: 27, column: PAID, code: 'paid-above-total' },
      { line: 28, column: PAID, code: 'unparseable-amount' },
    ],
  },
  'bad-quotes.csv': { accepted: [], refused: [{ line: 2, code: 'quotes-swallow-lines' }] },
  'bad-quote-last-line.csv': { accepted: ['F-711', 'F-712'], refused: [{ line: 4, code: 'bad-quotes' }] },
  'field-count.csv': {
    accepted: ['F-804'],
    refused: [2, 3, 4, 6].map((line) => ({ line, code: 'field-count' as const })),
  },
  'payloads.csv': {
    accepted: Array.from({ length: 17 }, (_, i) => `F-${901 + i}`),
    refused: [],
  },
  'payload-emails.csv': {
    accepted: ['F-951', 'F-953'],
    refused: [3, 4].map((line) => ({ line, code: 'field-count' as const })),
  },
};

/** Tallies for the closing line, computed as the tests run. */
const tally = { inputs: 0, dataLines: 0, accepted: 0, refused: 0, wronglyAccepted: 0, lost: 0, exportedCells: 0 };

afterAll(() => {
  console.log(
    `bad-input corpus: ${tally.inputs} inputs tried, ${tally.dataLines} data lines: ${tally.accepted} accepted as expected, ` +
      `${tally.refused} refused with their line (and column when one cell was at fault); ` +
      `${tally.wronglyAccepted} wrongly accepted, ${tally.lost} lost; ${tally.exportedCells} exported text cells checked against CSV injection`,
  );
});

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

/** Physical lines after the header that hold anything but delimiters and spaces (the records to account for). */
function dataLines(text: string): number[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const found: number[] = [];
  lines.forEach((content, index) => {
    if (index > 0 && content.replace(/[;,\t\s]/g, '') !== '') found.push(index + 1);
  });
  return found;
}

/**
 * Every data line is either in an accepted row or in a refusal (a record may cover several lines: a
 * quoted field running over them). `lost`: the lines that are neither, data dropped without a word.
 */
function account(result: CsvImportResult, lines: readonly number[]): { accepted: number; refused: number; lost: number[] } {
  const covered = new Set<number>();
  for (const row of result.rows) {
    // A quoted value may hold line breaks: its record covers the lines they start.
    const breaks = [row.number, row.customerName, row.email ?? '', row.phone ?? ''].join('').split('\n').length - 1;
    for (let line = row.line; line <= row.line + breaks; line += 1) covered.add(line);
  }
  const accepted = lines.filter((line) => covered.has(line)).length;
  // A header-level refusal (empty file, missing columns) refuses the whole file.
  if (result.errors.some((error) => error.line === 1 && error.column === undefined)) {
    return { accepted, refused: lines.length - accepted, lost: [] };
  }
  const refused = new Set<number>();
  for (const error of result.errors) {
    const last = typeof error.params.lastLine === 'number' ? error.params.lastLine : error.line;
    for (let line = error.line; line <= last; line += 1) if (!covered.has(line)) refused.add(line);
  }
  return { accepted, refused: lines.filter((line) => refused.has(line)).length, lost: lines.filter((line) => !covered.has(line) && !refused.has(line)) };
}

async function snapshot(db: RelanceDatabase): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const name of TABLE_NAMES) tables[name] = await db.table(name).toArray();
  return tables;
}

/** A shop with data (the demo), so that "nothing changed" is checked against real rows. */
async function seeded(): Promise<RelanceDatabase> {
  const db = await database();
  await loadDemoData(db, TODAY, NOW);
  return db;
}

function expectEveryRecordKept(before: Record<string, unknown[]>, after: Record<string, unknown[]>, except: string[]): void {
  for (const name of TABLE_NAMES) {
    if (except.includes(name)) continue;
    expect(after[name], name).toEqual(before[name]);
  }
  // Tables the import adds to: every record there before is still there, unchanged.
  for (const name of except) {
    const kept = new Map((after[name] as { id: string }[]).map((record) => [record.id, record]));
    for (const record of before[name] as { id: string }[]) expect(kept.get(record.id), `${name} ${record.id}`).toEqual(record);
  }
}

describe('bad-input corpus: every committed file', () => {
  const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.csv')).sort();

  it('has an expectation for every file, and a file for every expectation', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    const readme = readFileSync(join(FIXTURES, 'README.md'), 'utf8');
    for (const name of files) expect(readme, `README.md describes ${name}`).toContain(`\`${name}\``);
  });

  it.each(files)('%s: the parser refuses each bad line with its line and column, and loses none', (name) => {
    const bytes = fixture(name);
    const result = parseInvoiceCsv(bytes);
    tally.inputs += 1;
    const expected = EXPECTED[name]!;

    const refused = result.errors.map((error) => ({
      line: error.line,
      ...(error.column !== undefined ? { column: error.column } : {}),
      code: error.code,
    }));
    expect(refused).toEqual(expected.refused);
    for (const error of result.errors) {
      expect(error.message.length).toBeGreaterThan(5);
      if (error.column !== undefined) expect(result.headers).toContain(error.column);
    }
    const numbers = result.rows.map((row) => row.number);
    const wrong = numbers.filter((number) => !expected.accepted.includes(number));
    tally.wronglyAccepted += wrong.length;
    expect(wrong).toEqual([]);
    expect(numbers).toEqual(expected.accepted);

    const lines = dataLines(result.encoding === 'windows-1252' ? Buffer.from(bytes).toString('latin1') : Buffer.from(bytes).toString('utf8'));
    const { accepted, refused: refusedLines, lost } = account(result, lines);
    tally.lost += lost.length;
    expect(lost).toEqual([]);
    tally.dataLines += lines.length;
    tally.accepted += accepted;
    tally.refused += refusedLines;
  });

  it.each(files)('%s: a refused batch writes nothing; "valid lines only" writes exactly the valid ones', async (name) => {
    const result = parseInvoiceCsv(fixture(name));
    const db = await seeded();
    const before = await snapshot(db);

    const preview = result.rows.length > 0 ? await previewInvoiceImport(db, result.rows) : null;
    expect(await snapshot(db)).toEqual(before); // the preview only reads
    const rejectedByDatabase = preview?.rejected.length ?? 0;
    const gate = importGate({ parseErrors: result.errors.length, rows: result.rows.length, rejectedByDatabase, validOnly: false });
    // All or nothing: the wizard imports a file with a refused line only when asked for the valid lines.
    expect(gate.canImport).toBe(result.errors.length === 0 && rejectedByDatabase === 0 && result.rows.length > 0);

    const validOnly = importGate({ parseErrors: result.errors.length, rows: result.rows.length, rejectedByDatabase, validOnly: true });
    if (!validOnly.canImport) {
      expect(result.rows.length - rejectedByDatabase).toBe(0);
      return;
    }
    const outcome = await applyInvoiceImport(db, result.rows, { nowIso: NOW, today: TODAY, fileName: name });
    expect(outcome.rejected).toEqual(preview?.rejected ?? []);
    expect(outcome.created + outcome.updated + outcome.unchanged).toBe(validOnly.importable);
    const after = await snapshot(db);
    expectEveryRecordKept(before, after, ['customers', 'invoices', 'payments', 'interactions']);
    expect(after.invoices!.length).toBe(before.invoices!.length + outcome.created);

    // Every accepted row is stored as read: number, customer name (exactly as typed), amounts.
    const customers = new Map((after.customers as { id: string; name: string }[]).map((customer) => [customer.id, customer]));
    const invoices = new Map(
      (after.invoices as { number: string; customerId: string; totalCents: number; paidCents: number }[]).map((invoice) => [invoice.number, invoice]),
    );
    for (const row of result.rows) {
      const stored = invoices.get(row.number);
      expect(stored, row.number).toBeDefined();
      expect(customers.get(stored!.customerId)?.name).toBe(row.customerName);
      expect([stored!.totalCents, stored!.paidCents]).toEqual([row.totalCents, row.paidCents]);
    }
  });

  it.each(files.filter((name) => EXPECTED[name]!.accepted.length > 0))(
    '%s: a write that fails midway leaves every table as it was',
    async (name) => {
      const result = parseInvoiceCsv(fixture(name));
      const db = await seeded();
      const before = await snapshot(db);
      // Customers are written first; the invoices' write then fails (a full disk, a quota).
      vi.spyOn(db.invoices, 'bulkAdd').mockImplementation(() => {
        throw new Error('QuotaExceededError: disk full');
      });
      await expect(applyInvoiceImport(db, result.rows, { nowIso: NOW, today: TODAY, fileName: name })).rejects.toThrow(/disk full/);
      vi.restoreAllMocks();
      expect(await snapshot(db)).toEqual(before);
    },
  );
});

describe('bad-input corpus: payloads are stored as inert text, and defused on export', () => {
  const PAYLOADS = ['payloads.csv', 'formulas.csv', 'payload-emails.csv', 'mixed-encodings.csv'];

  it.each(PAYLOADS)('%s: names kept exactly as typed, formulas neutralised in both CSV dialects', async (name) => {
    const result = parseInvoiceCsv(fixture(name));
    const db = await database();
    await applyInvoiceImport(db, result.rows, { nowIso: NOW, today: TODAY, fileName: name });
    const customers = await db.customers.toArray();
    const invoices = await db.invoices.toArray();
    const names = new Set(result.rows.map((row) => row.customerName));
    expect(new Set(customers.map((customer) => customer.name))).toEqual(names);
    for (const row of result.rows) {
      const customer = customers.find((candidate) => candidate.name === row.customerName)!;
      if (row.email) expect(customer.contacts[0]?.email).toBe(row.email);
    }

    for (const dialect of ['excel-fr', 'plain'] as CsvDialect[]) {
      const delimiter = dialect === 'excel-fr' ? ';' : ',';
      const tables = [
        toCsv(customersTable(customers, invoices, TODAY, 'fr'), { dialect }),
        toCsv(invoicesTable(invoices, new Map(customers.map((customer) => [customer.id, customer])), TODAY, 'fr'), { dialect }),
      ];
      for (const csv of tables) {
        const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter, skipEmptyLines: true });
        expect(parsed.errors).toEqual([]);
        const exportedNames = parsed.data.slice(1).map((record) => record[csv === tables[0] ? 0 : 2]!);
        for (const exported of exportedNames) {
          const original = /^[=+\-@\t\r]/.test(exported.slice(1)) && exported.startsWith("'") ? exported.slice(1) : exported;
          expect(names.has(original), `${exported} is one of the imported names`).toBe(true);
          if (/^[=+\-@\t\r]/.test(original)) expect(exported).toBe(`'${original}`);
          else expect(exported).toBe(original);
        }
        // No text cell of the whole export starts a formula (amounts are typed cells and may be negative).
        for (const record of parsed.data.slice(1)) {
          for (const cell of record) {
            tally.exportedCells += 1;
            if (/^[=+@\t\r]/.test(cell)) throw new Error(`A cell starts a formula in the ${dialect} export: ${cell}`);
            if (cell.startsWith('-')) expect(cell, 'only amounts may start with "-"').toMatch(/^-\d+[.,]\d{2}$/);
          }
        }
      }
    }
  });
});

describe('bad-input corpus: large inputs, generated at run time', () => {
  function row(number: string, customer: string): string {
    return `${number};${customer};01/09/2026;01/10/2026;100,00;0`;
  }

  it('a 50 MB file is refused at once, with the limit in the message, without reading it', () => {
    const line = new TextEncoder().encode(`${row('F-1', 'Client de test')}\n`);
    const bytes = new Uint8Array(50 * 1024 * 1024);
    for (let at = 0; at + line.length <= bytes.length; at += line.length) bytes.set(line, at);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = parseInvoiceCsv(bytes);
    const elapsed = performance.now() - started;
    tally.inputs += 1;
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 1, code: 'file-too-large', params: { size: '50.0', limit: '20.0' } }),
    ]);
    expect(result.errors[0]!.message).toContain('20.0 MB');
    expect(result.missingFields).toEqual([]);
    // Parsing it used to take 19 s and about 1 GB; refusing it costs nothing.
    expect(elapsed).toBeLessThan(100);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(16 * 1024 * 1024);
    // The same limit for text already decoded.
    expect(parseInvoiceCsv('x'.repeat(MAX_IMPORT_BYTES + 1)).errors[0]?.code).toBe('file-too-large');
  });

  it('a 1 MB line in the customer column refuses that line, naming the column; the others go through', () => {
    const huge = 'A'.repeat(1024 * 1024);
    const result = parseInvoiceCsv([HEADER, row('F-1', 'Garage Martin'), row('F-2', huge), row('F-3', 'Atelier Roux'), ''].join('\n'));
    tally.inputs += 1;
    tally.dataLines += 3;
    tally.accepted += 2;
    tally.refused += 1;
    expect(result.rows.map((accepted) => accepted.number)).toEqual(['F-1', 'F-3']);
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 3, column: 'Client', code: 'value-too-long', params: { length: huge.length, limit: MAX_CELL_CHARS } }),
    ]);
    expect(JSON.stringify(result.errors).length).toBeLessThan(2_000); // the message does not carry the megabyte
  });

  it('a 1 MB header line is a file without the required columns', () => {
    const result = parseInvoiceCsv(`${'N° facture'.repeat(100_000)}\n${row('F-1', 'Garage Martin')}\n`);
    tally.inputs += 1;
    tally.dataLines += 1;
    tally.refused += 1;
    expect(result.rows).toEqual([]);
    expect(result.errors.map((error) => error.code)).toEqual(['missing-columns']);
  });

  it('a 10,000-character name: refused by the import with its line and column; stored exactly if it ever reaches the database', async () => {
    const name = `=${'Établissements Dupont & Fils '.repeat(400)}`.slice(0, 10_000).trim();
    const result = parseInvoiceCsv([HEADER, row('F-1', `"${name}"`), ''].join('\n'));
    tally.inputs += 1;
    tally.dataLines += 1;
    tally.refused += 1;
    expect(result.errors).toEqual([expect.objectContaining({ line: 2, column: 'Client', code: 'value-too-long' })]);

    // The database layer does not truncate nor evaluate: a row handed to it directly is kept as is.
    const db = await database();
    const direct: InvoiceImportRow = {
      line: 2,
      number: 'F-1',
      customerName: name,
      issueDate: '2026-09-01',
      dueDate: '2026-10-01',
      totalCents: 10_000,
      paidCents: 0,
    };
    await applyInvoiceImport(db, [direct], { nowIso: NOW, today: TODAY, fileName: 'direct' });
    const [customer] = await db.customers.toArray();
    expect(customer!.name).toBe(name);
    const csv = toCsv(customersTable([customer!], await db.invoices.toArray(), TODAY, 'fr'), { dialect: 'excel-fr' });
    expect(csv.split('\r\n')[1]!.startsWith(`'${name}`)).toBe(true);
  });
});
