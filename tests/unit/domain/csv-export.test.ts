import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  CSV_LABELS,
  customersTable,
  instant,
  interactionsTable,
  invoicesTable,
  money,
  paymentsTable,
  toCsv,
  type CsvCell,
  type CsvDialect,
  type CsvTable,
} from '../../../src-renderer/domain/csv-export';
import { generateDemoData } from '../../../src-renderer/domain/demo-data';
import type { Interaction, Invoice, Payment } from '../../../src-renderer/domain/model';
import { aCustomer as customer } from './builders';

const TODAY = '2026-11-23';
const NOW = '2026-11-23T08:30:00.000Z';
const BOM = '\uFEFF';

const one = (cell: CsvCell, dialect: CsvDialect): string => {
  const csv = toCsv({ headers: ['h'], rows: [[cell]] }, { dialect });
  const eol = dialect === 'excel-fr' ? '\r\n' : '\n';
  const bom = dialect === 'excel-fr' ? BOM : '';
  expect(csv.startsWith(`${bom}h${eol}`)).toBe(true);
  expect(csv.endsWith(eol)).toBe(true);
  return csv.slice(`${bom}h${eol}`.length, -eol.length);
};

describe('toCsv: dialects', () => {
  const table: CsvTable = {
    headers: ['Numéro', 'Montant', 'Échéance'],
    rows: [
      ['F-2026-001', money(123450), calendarDate('2026-11-22')],
      ['F-2026-002', money(-5), calendarDate('2027-01-05')],
    ],
  };

  it('excel-fr: BOM, semicolons, CRLF, decimal comma, JJ/MM/AAAA', () => {
    expect(toCsv(table, { dialect: 'excel-fr' })).toBe(
      `${BOM}Numéro;Montant;Échéance\r\nF-2026-001;1234,50;22/11/2026\r\nF-2026-002;-0,05;05/01/2027\r\n`,
    );
  });

  it('plain: no BOM, commas, LF, dot decimals, ISO dates', () => {
    expect(toCsv(table, { dialect: 'plain' })).toBe(
      'Numéro,Montant,Échéance\nF-2026-001,1234.50,2026-11-22\nF-2026-002,-0.05,2027-01-05\n',
    );
  });

  it('refuses a row that does not have one cell per header', () => {
    expect(() => toCsv({ headers: ['a', 'b'], rows: [['only one']] }, { dialect: 'plain' })).toThrow(/row 1/);
  });
});

describe('toCsv: cells', () => {
  it.each<[string, CsvCell, string, string]>([
    // name, cell, excel-fr, plain
    ['plain text', 'Boulangerie Élodie', 'Boulangerie Élodie', 'Boulangerie Élodie'],
    ['empty cell', null, '', ''],
    ['empty string', '', '', ''],
    ['integer', 42, '42', '42'],
    ['negative number (not text: never prefixed)', -3, '-3', '-3'],
    ['decimal number', 2.5, '2,5', '2.5'],
    ['amount', money(123450), '1234,50', '1234.50'],
    ['amount under one euro', money(7), '0,07', '0.07'],
    ['zero amount', money(0), '0,00', '0.00'],
    ['negative amount (a credit)', money(-125050), '-1250,50', '-1250.50'],
    ['big amount: no thousands separator', money(123456789), '1234567,89', '1234567.89'],
    ['date', calendarDate('2026-03-09'), '09/03/2026', '2026-03-09'],
    ['instant in Paris (winter)', instant('2026-11-22T23:30:00.000Z', 'Europe/Paris'), '23/11/2026 00:30', '2026-11-22T23:30:00.000Z'],
    ['instant in Paris (summer)', instant('2026-07-01T08:05:00Z', 'Europe/Paris'), '01/07/2026 10:05', '2026-07-01T08:05:00Z'],
    // RFC 4180 quoting
    ['semicolon', 'Dupont; fils', '"Dupont; fils"', 'Dupont; fils'],
    ['comma', 'Dupont, fils', 'Dupont, fils', '"Dupont, fils"'],
    ['quotes', 'Le "Petit" Bistrot', '"Le ""Petit"" Bistrot"', '"Le ""Petit"" Bistrot"'],
    ['newline', 'ligne 1\nligne 2', '"ligne 1\nligne 2"', '"ligne 1\nligne 2"'],
    ['CRLF inside', 'ligne 1\r\nligne 2', '"ligne 1\r\nligne 2"', '"ligne 1\r\nligne 2"'],
    ['leading and trailing spaces kept', '  espace  ', '  espace  ', '  espace  '],
    // CSV injection: text starting with = + - @ tab CR is prefixed with '
    ['formula', '=1+1', "'=1+1", "'=1+1"],
    ['HYPERLINK', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`, `"'=HYPERLINK(""http://x"",""y"")"`],
    ['plus', '+33 6 12 34 56 78', "'+33 6 12 34 56 78", "'+33 6 12 34 56 78"],
    ['minus', '-2+3', "'-2+3", "'-2+3"],
    ['minus that looks like a number, as text', '-12,50', "'-12,50", `"'-12,50"`],
    ['at', '@SUM(A1:A2)', "'@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ['tab', '\t=1+1', "'\t=1+1", "'\t=1+1"],
    ['carriage return', '\r=1+1', `"'\r=1+1"`, `"'\r=1+1"`],
    ['equals in the middle is harmless', 'a=b', 'a=b', 'a=b'],
    ['semicolon formula (prefixed, then quoted)', '=A1;B1', `"'=A1;B1"`, "'=A1;B1"],
  ])('%s', (_name, cell, excelFr, plain) => {
    expect(one(cell, 'excel-fr')).toBe(excelFr);
    expect(one(cell, 'plain')).toBe(plain);
  });

  it('refuses amounts that are not integer cents, and non-finite numbers', () => {
    expect(() => one(money(12.5), 'plain')).toThrow(/integer cents/);
    expect(() => one(Number.NaN, 'plain')).toThrow(/finite/);
    expect(() => one(calendarDate('22/11/2026'), 'plain')).toThrow(/calendar date/);
  });
});

describe('toCsv: round trip through papaparse', () => {
  const table: CsvTable = {
    headers: ['Nom', 'Note', 'Montant', 'Date', 'Jours'],
    rows: [
      ['Le "Petit" Bistrot; Lyon', 'ligne 1\r\nligne 2', money(123450), calendarDate('2026-11-22'), 12],
      ['Café, Tabac', 'dit "payé"\nhier', money(-99), calendarDate('2026-01-01'), 0],
      ['=cmd|"/c calc"!A1', null, money(0), calendarDate('2026-12-31'), -1],
      ['Ünïcødé ✓ 😀', '', money(1), calendarDate('2026-02-28'), 2.5],
    ],
  };
  // The cells as text, per dialect: what a spreadsheet shows.
  const expected: Record<CsvDialect, string[][]> = {
    'excel-fr': [
      ['Nom', 'Note', 'Montant', 'Date', 'Jours'],
      ['Le "Petit" Bistrot; Lyon', 'ligne 1\r\nligne 2', '1234,50', '22/11/2026', '12'],
      ['Café, Tabac', 'dit "payé"\nhier', '-0,99', '01/01/2026', '0'],
      [`'=cmd|"/c calc"!A1`, '', '0,00', '31/12/2026', '-1'],
      ['Ünïcødé ✓ 😀', '', '0,01', '28/02/2026', '2,5'],
    ],
    plain: [
      ['Nom', 'Note', 'Montant', 'Date', 'Jours'],
      ['Le "Petit" Bistrot; Lyon', 'ligne 1\r\nligne 2', '1234.50', '2026-11-22', '12'],
      ['Café, Tabac', 'dit "payé"\nhier', '-0.99', '2026-01-01', '0'],
      [`'=cmd|"/c calc"!A1`, '', '0.00', '2026-12-31', '-1'],
      ['Ünïcødé ✓ 😀', '', '0.01', '2026-02-28', '2.5'],
    ],
  };

  it.each<[CsvDialect, string, '\r\n' | '\n']>([
    ['excel-fr', ';', '\r\n'],
    ['plain', ',', '\n'],
  ])('%s gives the same cells back', (dialect, delimiter, newline) => {
    const csv = toCsv(table, { dialect });
    const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter, newline, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual(expected[dialect]);
  });
});

// ---------------------------------------------------------------------------------------------------


function invoice(id: string, customerId: string, extra: Partial<Invoice> = {}): Invoice {
  return {
    id,
    number: `F-${id}`,
    kind: 'invoice',
    customerId,
    issueDate: '2026-09-01',
    dueDate: '2026-10-01',
    totalCents: 100_000,
    paidCents: 0,
    createdAt: '2026-09-01T00:00:00Z',
    updatedAt: '2026-09-01T00:00:00Z',
    ...extra,
  };
}

const customers = [
  customer('a', {
    name: '=HYPERLINK("http://evil","Cliquez")',
    normalizedName: 'hyperlink',
    siret: '73282932000074',
    contacts: [
      { id: 'c1', name: 'Jeanne Martin', email: 'jeanne@example.fr', phone: '+33478000000' },
      { id: 'c2', name: 'Paul Martin', mobile: '+33612345678' },
    ],
    preferredContactId: 'c2',
    address: { lines: ['12 rue des Lilas', 'Bât. B'], postcode: '69003', city: 'Lyon', country: 'FR' },
    tags: ['fidèle', 'b2b'],
    pausedUntil: '2026-12-01',
  }),
  customer('b', {
    name: 'Boulangerie Élodie',
    normalizedName: 'boulangerie elodie',
    kind: 'consumer',
    language: 'en',
    contacts: [{ id: 'c3', name: 'Elodie Smith', phone: '+442071234567' }],
  }),
];
const customersById = new Map(customers.map((entry) => [entry.id, entry]));
const invoices = [
  invoice('2', 'a', { issueDate: '2026-09-15', totalCents: 50_000, paidCents: 20_000 }),
  invoice('1', 'a', { totalCents: 123_450 }),
  invoice('3', 'b', { dueDate: '2026-12-31', totalCents: 1_000 }),
  invoice('4', 'b', { kind: 'credit-note', totalCents: 250, dueDate: '2026-12-31' }),
  invoice('5', 'b', { cancelled: { reason: 'erreur de saisie', date: '2026-09-02' } }),
];
const invoicesById = new Map(invoices.map((entry) => [entry.id, entry]));

describe('invoicesTable', () => {
  it.each<['fr' | 'en', string[]]>([
    ['fr', ['Numéro', 'Type', 'Client', 'Date d’émission', 'Échéance', 'Montant TTC', 'Payé', 'Reste dû', 'Statut', 'Jours de retard', 'Motif']],
    ['en', ['Number', 'Type', 'Customer', 'Issue date', 'Due date', 'Total incl. tax', 'Paid', 'Balance due', 'Status', 'Days late', 'Reason']],
  ])('headers in %s', (language, headers) => {
    expect(invoicesTable(invoices, customersById, TODAY, language).headers).toEqual(headers);
  });

  it('one row per invoice, by issue date then number, status derived on today', () => {
    const table = invoicesTable(invoices, customersById, TODAY, 'fr');
    expect(toCsv(table, { dialect: 'excel-fr' }).split('\r\n').slice(1, -1)).toEqual([
      `F-1;Facture;"'=HYPERLINK(""http://evil"",""Cliquez"")";01/09/2026;01/10/2026;1234,50;0,00;1234,50;En retard;53;`,
      'F-3;Facture;Boulangerie Élodie;01/09/2026;31/12/2026;10,00;0,00;10,00;À échoir;0;',
      'F-4;Avoir;Boulangerie Élodie;01/09/2026;31/12/2026;2,50;0,00;2,50;À échoir;0;',
      'F-5;Facture;Boulangerie Élodie;01/09/2026;01/10/2026;1000,00;0,00;0,00;Annulée;0;erreur de saisie',
      `F-2;Facture;"'=HYPERLINK(""http://evil"",""Cliquez"")";15/09/2026;01/10/2026;500,00;200,00;300,00;Payée en partie;53;`,
    ]);
  });

  it('in English and plain CSV', () => {
    const csv = toCsv(invoicesTable(invoices.slice(0, 1), customersById, TODAY, 'en'), { dialect: 'plain' });
    expect(csv).toBe(
      'Number,Type,Customer,Issue date,Due date,Total incl. tax,Paid,Balance due,Status,Days late,Reason\n' +
        `F-2,Invoice,"'=HYPERLINK(""http://evil"",""Cliquez"")",2026-09-15,2026-10-01,500.00,200.00,300.00,Partly paid,53,\n`,
    );
  });

  it('falls back to the customer id when the customer is unknown', () => {
    const table = invoicesTable([invoice('9', 'ghost')], customersById, TODAY, 'fr');
    expect(table.rows[0]![2]).toBe('ghost');
  });
});

describe('customersTable', () => {
  it('one row per customer, by name, with the balance the screens show', () => {
    const table = customersTable(customers, invoices, TODAY, 'fr');
    expect(table.headers[0]).toBe('Nom');
    expect(table.headers).toContain('Encours');
    const parsed = Papa.parse<string[]>(toCsv(table, { dialect: 'excel-fr' }).slice(1), {
      delimiter: ';',
      newline: '\r\n',
      skipEmptyLines: true,
    }).data;
    const rows = parsed.slice(1).map((cells) => Object.fromEntries(parsed[0]!.map((header, i) => [header, cells[i]])));
    expect(rows.map((row) => row.Nom)).toEqual(['Boulangerie Élodie', `'=HYPERLINK("http://evil","Cliquez")`]);
    expect(rows[0]).toMatchObject({
      Type: 'Particulier',
      Langue: 'Anglais',
      // An international number keeps its + and so gets the injection prefix.
      Téléphone: "'+442071234567",
      'Factures ouvertes': '2',
      // 10,00 owed, minus the 2,50 credit note not yet used.
      Encours: '7,50',
      'Dont en retard': '0,00',
    });
    expect(rows[1]).toMatchObject({
      SIRET: '73282932000074',
      Contact: 'Paul Martin',
      // French numbers in the national form (no leading + to defuse).
      Téléphone: '06 12 34 56 78',
      Adresse: '12 rue des Lilas, Bât. B',
      'Code postal': '69003',
      Ville: 'Lyon',
      Étiquettes: 'fidèle, b2b',
      Encours: '1534,50',
      'Dont en retard': '1534,50',
      'Relances suspendues jusqu’au': '01/12/2026',
    });
  });

  it('has English headers', () => {
    expect(customersTable(customers, invoices, TODAY, 'en').headers.slice(0, 3)).toEqual(['Name', 'Type', 'SIRET']);
  });
});

describe('paymentsTable', () => {
  const payments: Payment[] = [
    {
      id: 'p2',
      customerId: 'a',
      date: '2026-10-20',
      amountCents: 30_000,
      method: 'cheque',
      reference: '-1234567',
      allocations: [{ invoiceId: '2', amountCents: 20_000 }],
      invoiceIds: ['2'],
      createdAt: NOW,
    },
    {
      id: 'p1',
      customerId: 'b',
      date: '2026-10-01',
      amountCents: 500,
      method: 'virement',
      allocations: [],
      invoiceIds: [],
      createdAt: NOW,
    },
  ];

  it('by date, with invoice numbers, allocated and unallocated amounts, injection-safe references', () => {
    const table = paymentsTable(payments, customersById, invoicesById, 'fr');
    expect(toCsv(table, { dialect: 'excel-fr' })).toBe(
      `${BOM}Date;Client;Montant;Mode de paiement;Référence;Factures;Affecté;Non affecté\r\n` +
        '01/10/2026;Boulangerie Élodie;5,00;Virement;;;0,00;5,00\r\n' +
        `20/10/2026;"'=HYPERLINK(""http://evil"",""Cliquez"")";300,00;Chèque;'-1234567;F-2;200,00;100,00\r\n`,
    );
    expect(paymentsTable(payments, customersById, invoicesById, 'en').headers).toEqual([
      'Date',
      'Customer',
      'Amount',
      'Payment method',
      'Reference',
      'Invoices',
      'Allocated',
      'Unallocated',
    ]);
  });
});

describe('interactionsTable', () => {
  const interactions: Interaction[] = [
    {
      id: 'i2',
      customerId: 'a',
      kind: 'call',
      at: '2026-11-20T14:00:00.000Z',
      invoiceIds: ['1', '2'],
      channel: 'phone',
      callOutcome: 'promise',
      notes: 'Paiera vendredi;\n"promis"',
    },
    {
      id: 'i1',
      customerId: 'b',
      kind: 'reminder',
      at: '2026-11-02T08:00:00.000Z',
      invoiceIds: ['3'],
      channel: 'email',
      status: 'sent',
      subject: 'Facture F-3',
      body: 'Bonjour,\n\n+ rappel',
    },
  ];

  it('oldest first, instants in the shop’s time zone, multi-line notes quoted', () => {
    const table = interactionsTable(interactions, customersById, invoicesById, 'fr', 'Europe/Paris');
    expect(table.headers).toEqual(['Date', 'Client', 'Type', 'Canal', 'Statut', 'Factures', 'Objet', 'Résultat de l’appel', 'Notes', 'Message']);
    const parsed = Papa.parse<string[]>(toCsv(table, { dialect: 'excel-fr' }).slice(1), {
      delimiter: ';',
      newline: '\r\n',
      skipEmptyLines: true,
    });
    expect(parsed.data.slice(1)).toEqual([
      ['02/11/2026 09:00', 'Boulangerie Élodie', 'Relance', 'E-mail', 'Envoyée', 'F-3', 'Facture F-3', '', '', 'Bonjour,\n\n+ rappel'],
      [
        '20/11/2026 15:00',
        `'=HYPERLINK("http://evil","Cliquez")`,
        'Appel',
        'Téléphone',
        '',
        'F-1, F-2',
        '',
        'Promesse de paiement',
        'Paiera vendredi;\n"promis"',
        '',
      ],
    ]);
  });

  it('plain CSV keeps the ISO instants; English labels', () => {
    const table = interactionsTable(interactions, customersById, invoicesById, 'en', 'Europe/Paris');
    const csv = toCsv(table, { dialect: 'plain' });
    expect(csv.split('\n')[1]).toBe('2026-11-02T08:00:00.000Z,Boulangerie Élodie,Reminder,Email,Sent,F-3,Facture F-3,,,"Bonjour,');
  });
});

describe('builders over the demo data', () => {
  const data = generateDemoData(TODAY, NOW);
  const byId = new Map(data.customers.map((entry) => [entry.id, entry]));
  const invoiceById = new Map(data.invoices.map((entry) => [entry.id, entry]));

  it.each<[string, () => CsvTable, number]>([
    ['invoices', () => invoicesTable(data.invoices, byId, TODAY, 'fr'), data.invoices.length],
    ['customers', () => customersTable(data.customers, data.invoices, TODAY, 'fr'), data.customers.length],
    ['payments', () => paymentsTable(data.payments, byId, invoiceById, 'fr'), data.payments.length],
    ['interactions', () => interactionsTable(data.interactions, byId, invoiceById, 'fr', 'Europe/Paris'), data.interactions.length],
  ])('%s: every record exported, and papaparse reads back a rectangular table', (_name, build, count) => {
    const table = build();
    expect(table.rows).toHaveLength(count);
    for (const dialect of ['excel-fr', 'plain'] as const) {
      const parsed = Papa.parse<string[]>(toCsv(table, { dialect }).replace(/^\uFEFF/, ''), {
        delimiter: dialect === 'excel-fr' ? ';' : ',',
        newline: dialect === 'excel-fr' ? '\r\n' : '\n',
        skipEmptyLines: true,
      });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data).toHaveLength(count + 1);
      for (const row of parsed.data) expect(row).toHaveLength(table.headers.length);
    }
  });

  it('the header labels exist in both languages for every table', () => {
    for (const key of ['invoices', 'customers', 'payments', 'interactions'] as const) {
      expect(Object.keys(CSV_LABELS.en[key])).toEqual(Object.keys(CSV_LABELS.fr[key]));
    }
  });
});
