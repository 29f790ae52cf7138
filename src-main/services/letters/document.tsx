import type { ReactElement } from 'react';
import { Document, type DocumentProps, Image, Page, Path, StyleSheet, Svg, Text, View } from '@react-pdf/renderer';
import type { LetterInput } from '../../contract/letters';
import { daysBetween, formatDate } from '../../../src-renderer/domain/dates';
import { formatCents } from '../../../src-renderer/domain/money';
import { FONT_FAMILY } from './fonts';
import { LABELS, type LetterLabels } from './labels';
import type { QrVector } from './qr-vector';
import { mm } from './units';

/**
 * The layout of a letter (A4, French DL windowed envelope). One `<Page>` per letter: react-pdf
 * breaks it into as many sheets as needed, and page-numbers.ts numbers the sheets of each letter
 * that has several on its own, so a batch of letters in one PDF is numbered letter by letter.
 *
 * Positions (millimetres from the sheet's top-left corner):
 * - the shop's identity and logo top left (20, 15);
 * - the recipient's address in the envelope's window: a block from (110, 50) to (185, 88), inside
 *   the window area of a French DL envelope with a right window (100–190 × 45–90);
 * - the body starts below the window, at 95;
 * - the legal footer on every sheet, 10 mm above the bottom edge; "Page n / N" below it, 5 mm
 *   above the edge (stamped after the layout).
 */

export const RECIPIENT_BLOCK = { left: 110, top: 50, width: 75, height: 38 } as const;

/** A letter ready to lay out: the input, its QR code if any, whether to number its pages. */
export interface PreparedLetter {
  input: LetterInput;
  /** The SEPA QR code as a vector path (qr-vector.ts), when the shop's IBAN is set. */
  qr?: QrVector;
  /**
   * The named destination that marks the letter's first sheet (page-numbers.ts `letterAnchor`):
   * "Page n / N" is stamped after the layout, on the letters that ran onto several sheets.
   */
  anchor: string;
}

const styles = StyleSheet.create({
  page: {
    fontFamily: FONT_FAMILY,
    fontSize: 9.5,
    // No lineHeight on the page: react-pdf 4.9 drops render-prop text (the page number) that inherits
    // one, and spaces justified paragraphs far more than asked.
    paddingTop: mm(15),
    paddingBottom: mm(27),
    paddingHorizontal: mm(20),
    color: '#111111',
  },
  header: { height: mm(80), flexDirection: 'column' },
  logo: { maxWidth: mm(45), maxHeight: mm(20), marginBottom: mm(3), objectFit: 'contain' },
  shopName: { fontSize: 12, fontWeight: 'bold', marginBottom: 2 },
  shopLine: { fontSize: 8.5 },
  recipient: {
    position: 'absolute',
    left: mm(RECIPIENT_BLOCK.left),
    top: mm(RECIPIENT_BLOCK.top),
    width: mm(RECIPIENT_BLOCK.width),
    height: mm(RECIPIENT_BLOCK.height),
    fontSize: 10.5,
    lineHeight: 1.3,
  },
  recipientName: { fontWeight: 'bold' },
  placeAndDate: { textAlign: 'right', marginBottom: mm(5) },
  registered: { fontWeight: 'bold', marginBottom: mm(3) },
  subjectLine: { flexDirection: 'row', marginBottom: 2 },
  subjectLabel: { fontWeight: 'bold', width: mm(18), paddingRight: mm(2) },
  subjectText: { fontWeight: 'bold', flex: 1 },
  referenceText: { flex: 1 },
  paragraphs: { marginTop: mm(5) },
  paragraph: { marginBottom: mm(2.5), textAlign: 'justify' },
  table: { marginTop: mm(3), marginBottom: mm(3) },
  tableHeader: {
    flexDirection: 'row',
    borderBottomWidth: 0.8,
    borderBottomColor: '#333333',
    backgroundColor: '#eeeeee',
    paddingVertical: 2,
    fontWeight: 'bold',
  },
  tableRow: { flexDirection: 'row', borderBottomWidth: 0.3, borderBottomColor: '#bbbbbb', paddingVertical: 1.5 },
  cell: { paddingHorizontal: 3 },
  right: { textAlign: 'right' },
  totals: { flexDirection: 'row', justifyContent: 'flex-end', paddingVertical: 2 },
  totalLabel: { width: mm(90), textAlign: 'right', paddingRight: 6 },
  totalValue: { width: mm(32), textAlign: 'right', paddingHorizontal: 3 },
  bold: { fontWeight: 'bold' },
  sectionTitle: { fontWeight: 'bold', marginTop: mm(4), marginBottom: mm(1) },
  closing: { flexDirection: 'row', marginTop: mm(5) },
  signatureLines: { flexDirection: 'row', justifyContent: 'space-between', marginTop: mm(6) },
  signatureBox: { width: mm(80), height: mm(32), borderWidth: 0.5, borderColor: '#999999', padding: 4 },
  signatureHint: { fontSize: 7, color: '#555555', marginTop: 2 },
  signature: { flex: 1 },
  qr: { flexDirection: 'row', alignItems: 'center', width: mm(105) },
  qrImage: { width: mm(27), height: mm(27) },
  qrText: { marginLeft: mm(3), flex: 1, fontSize: 8 },
  footer: {
    position: 'absolute',
    left: mm(20),
    right: mm(20),
    bottom: mm(10),
    borderTopWidth: 0.5,
    borderTopColor: '#999999',
    paddingTop: 3,
    fontSize: 7.5,
    color: '#444444',
    textAlign: 'center',
  },
});

function money(cents: number, input: LetterInput): string {
  return formatCents(Math.round(cents), input.language === 'fr' ? 'fr-FR' : 'en-GB');
}

function rate(percent: number, input: LetterInput): string {
  return `${new Intl.NumberFormat(input.language === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 4 }).format(percent)} %`;
}

function addressLines(address: LetterInput['shop']['address']): string[] {
  const lines = [...address.lines, `${address.postcode} ${address.city}`.trim()];
  if (address.country !== 'FR') lines.push(address.country);
  return lines.filter((text) => text !== '');
}

/** Amount the letter asks for: what is due plus, on a formal notice, the charges. */
export function totalToPay(input: LetterInput): number {
  const due = input.invoices.reduce((sum, invoice) => sum + invoice.amountDueCents, 0);
  return due + (input.charges ? input.charges.penaltyCents + input.charges.indemnityCents : 0);
}

/** What the QR code asks to transfer now: the first instalment of a payment plan, else the total. */
export function amountToPayNow(input: LetterInput): number {
  return input.instalments?.[0]?.amountCents ?? totalToPay(input);
}

function ShopIdentity({ input }: { input: LetterInput }): ReactElement {
  const { shop } = input;
  const contact = [shop.phone, shop.email].filter(Boolean).join(' · ');
  return (
    <View style={{ width: mm(80) }}>
      {shop.logoDataUrl ? <Image style={styles.logo} src={shop.logoDataUrl} /> : null}
      <Text style={styles.shopName}>{shop.name}</Text>
      {addressLines(shop.address).map((text, index) => (
        <Text key={index} style={styles.shopLine}>
          {text}
        </Text>
      ))}
      {contact ? <Text style={styles.shopLine}>{contact}</Text> : null}
    </View>
  );
}

function Recipient({ input, labels }: { input: LetterInput; labels: LetterLabels }): ReactElement {
  const { recipient } = input;
  return (
    <View style={styles.recipient}>
      <Text style={styles.recipientName}>{recipient.name}</Text>
      {recipient.attention ? <Text>{`${labels.attention} ${recipient.attention}`}</Text> : null}
      {addressLines(recipient.address).map((text, index) => (
        <Text key={index}>{text}</Text>
      ))}
    </View>
  );
}

interface Column {
  label: string;
  width: number;
  align?: 'right';
}

function Table({ columns, rows }: { columns: Column[]; rows: string[][] }): ReactElement {
  const cell = (column: Column) => [styles.cell, { width: mm(column.width) }, ...(column.align === 'right' ? [styles.right] : [])];
  return (
    <View style={styles.table}>
      {/* Fixed inside the table: repeated at the top of every sheet the table runs onto. */}
      <View style={styles.tableHeader} fixed>
        {columns.map((column) => (
          <Text key={column.label} style={cell(column)}>
            {column.label}
          </Text>
        ))}
      </View>
      {rows.map((row, rowIndex) => (
        <View key={rowIndex} style={styles.tableRow} wrap={false}>
          {row.map((text, columnIndex) => (
            <Text key={columnIndex} style={cell(columns[columnIndex] as Column)}>
              {text}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function InvoiceTable({ input, labels }: { input: LetterInput; labels: LetterLabels }): ReactElement {
  const withAge = input.kind === 'statement';
  const columns: Column[] = [
    { label: labels.invoice, width: withAge ? 42 : 52 },
    { label: labels.issueDate, width: 30 },
    { label: labels.dueDate, width: 30 },
    ...(withAge ? [{ label: labels.age, width: 20, align: 'right' as const }] : []),
    { label: labels.amountDue, width: withAge ? 48 : 58, align: 'right' },
  ];
  const rows = input.invoices.map((invoice) => [
    invoice.number,
    formatDate(invoice.issueDate, input.language, 'short'),
    formatDate(invoice.dueDate, input.language, 'short'),
    ...(withAge ? [labels.days(daysBetween(invoice.dueDate, input.date))] : []),
    money(invoice.amountDueCents, input),
  ]);
  return <Table columns={columns} rows={rows} />;
}

function TotalLine({ label, value, bold }: { label: string; value: string; bold?: boolean }): ReactElement {
  return (
    <View style={styles.totals} wrap={false}>
      <Text style={[styles.totalLabel, ...(bold ? [styles.bold] : [])]}>{label}</Text>
      <Text style={[styles.totalValue, ...(bold ? [styles.bold] : [])]}>{value}</Text>
    </View>
  );
}

function Charges({ input, labels }: { input: LetterInput; labels: LetterLabels }): ReactElement | null {
  const { charges } = input;
  if (!charges) return null;
  const columns: Column[] = [
    { label: labels.chargesInvoice, width: 38 },
    { label: labels.chargesPeriod, width: 52 },
    { label: labels.chargesDays, width: 18, align: 'right' },
    { label: labels.chargesRate, width: 28, align: 'right' },
    { label: labels.chargesAmount, width: 34, align: 'right' },
  ];
  const rows = charges.lines.map((line) => [
    line.invoiceNumber,
    `${formatDate(line.from, input.language, 'short')} – ${formatDate(line.to, input.language, 'short')}`,
    String(line.days),
    rate(line.ratePercent, input),
    money(line.amountCents, input),
  ]);
  return (
    <View>
      <Text style={styles.sectionTitle} minPresenceAhead={mm(20)}>
        {labels.chargesTitle}
      </Text>
      {rows.length > 0 ? <Table columns={columns} rows={rows} /> : null}
      <TotalLine label={labels.penalty} value={money(charges.penaltyCents, input)} />
      {/* Consumers owe no fixed indemnity (it is a D441-5 rule between businesses): no line at all. */}
      {charges.indemnityCents > 0 ? <TotalLine label={labels.indemnity} value={money(charges.indemnityCents, input)} /> : null}
      <TotalLine label={labels.totalClaimed} value={money(totalToPay(input), input)} bold />
    </View>
  );
}

function Instalments({ input, labels }: { input: LetterInput; labels: LetterLabels }): ReactElement | null {
  const { instalments } = input;
  if (!instalments) return null;
  const columns: Column[] = [
    { label: labels.instalment, width: 20 },
    { label: labels.issueDate, width: 80 },
    { label: labels.chargesAmount, width: 70, align: 'right' },
  ];
  const rows = instalments.map((instalment, index) => [
    String(index + 1),
    labels.longDate(instalment.dueDate),
    money(instalment.amountCents, input),
  ]);
  const total = instalments.reduce((sum, instalment) => sum + instalment.amountCents, 0);
  return (
    <View>
      <Text style={styles.sectionTitle} minPresenceAhead={mm(20)}>
        {labels.kindTitle['payment-plan']}
      </Text>
      <Table columns={columns} rows={rows} />
      <TotalLine label={labels.instalmentsTotal} value={money(total, input)} bold />
    </View>
  );
}

/** Two boxes to sign, the shop's and the customer's (payment plan agreements). */
function SignatureLines({ input, labels }: { input: LetterInput; labels: LetterLabels }): ReactElement {
  const box = (title: string, name: string) => (
    <View style={styles.signatureBox}>
      <Text style={styles.bold}>{title}</Text>
      <Text>{name}</Text>
      <Text style={styles.signatureHint}>{labels.readAndApproved}</Text>
    </View>
  );
  return (
    <View style={styles.signatureLines} wrap={false}>
      {box(labels.creditor, input.shop.name)}
      {box(labels.debtor, input.recipient.name)}
    </View>
  );
}

function SepaQr({ letter, labels }: { letter: PreparedLetter; labels: LetterLabels }): ReactElement | null {
  const { input, qr } = letter;
  if (!qr || !input.shop.iban) return null;
  return (
    <>
      <Svg style={styles.qrImage} viewBox={`0 0 ${qr.size} ${qr.size}`}>
        <Path d={qr.d} fill="#000000" />
      </Svg>
      <View style={styles.qrText}>
        <Text>{labels.qrCaption}</Text>
        <Text>{`${labels.iban} ${input.shop.iban.replace(/\s+/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ')}`}</Text>
        {input.shop.bic ? <Text>{`${labels.bic} ${input.shop.bic.replace(/\s+/g, '').toUpperCase()}`}</Text> : null}
        <Text>{money(amountToPayNow(input), input)}</Text>
      </View>
    </>
  );
}

function Footer({ input, labels }: { input: LetterInput; labels: LetterLabels }): ReactElement {
  const { shop } = input;
  const legal = [
    shop.name,
    addressLines(shop.address).join(', '),
    shop.siret ? `${labels.siret} ${shop.siret}` : '',
    shop.vatNumber ? `${labels.vat} ${shop.vatNumber}` : '',
  ].filter(Boolean);
  // "Page n / N" goes below it, stamped by page-numbers.ts on letters of several sheets.
  return (
    <View style={styles.footer} fixed>
      <Text>{legal.join(' · ')}</Text>
    </View>
  );
}

function LetterPage({ letter }: { letter: PreparedLetter }): ReactElement {
  const { input } = letter;
  const labels = LABELS[input.language];
  const place = input.place ?? input.shop.address.city;
  const dueCents = input.invoices.reduce((sum, invoice) => sum + invoice.amountDueCents, 0);
  return (
    <Page size="A4" style={styles.page}>
      <View style={styles.header} id={letter.anchor}>
        <ShopIdentity input={input} />
      </View>
      <Recipient input={input} labels={labels} />
      <Text style={styles.placeAndDate}>{labels.placeAndDate(place, input.date)}</Text>
      {input.kind === 'formal-notice' ? <Text style={styles.registered}>{labels.registeredMail}</Text> : null}
      <View style={styles.subjectLine}>
        <Text style={styles.subjectLabel}>{labels.subject}</Text>
        <Text style={styles.subjectText}>{input.subject}</Text>
      </View>
      {input.reference ? (
        <View style={styles.subjectLine}>
          <Text style={styles.subjectLabel}>{labels.reference}</Text>
          <Text style={styles.referenceText}>{input.reference}</Text>
        </View>
      ) : null}
      <View style={styles.paragraphs}>
        {input.paragraphs.map((text, index) => (
          <Text key={index} style={styles.paragraph} orphans={2} widows={2}>
            {text}
          </Text>
        ))}
      </View>
      {input.invoices.length > 0 ? (
        <>
          <InvoiceTable input={input} labels={labels} />
          <TotalLine label={labels.totalDue} value={money(dueCents, input)} bold />
        </>
      ) : null}
      <Charges input={input} labels={labels} />
      <Instalments input={input} labels={labels} />
      {input.closing && input.closing.length > 0 ? (
        <View style={styles.paragraphs}>
          {input.closing.map((text, index) => (
            <Text key={index} style={styles.paragraph} orphans={2} widows={2}>
              {text}
            </Text>
          ))}
        </View>
      ) : null}
      <View style={styles.closing} wrap={false}>
        {/* The QR code on the left (or nothing), the signatory on the right. */}
        <View style={styles.qr}>
          <SepaQr letter={letter} labels={labels} />
        </View>
        {input.signature ? <Text style={styles.signature}>{input.signature}</Text> : null}
      </View>
      {input.kind === 'payment-plan' ? <SignatureLines input={input} labels={labels} /> : null}
      <Footer input={input} labels={labels} />
    </Page>
  );
}

/** One PDF document holding every letter, each on its own sheets. */
export function LettersDocument({ letters }: { letters: PreparedLetter[] }): ReactElement<DocumentProps> {
  const first = letters[0]?.input;
  return (
    <Document title={first ? `${first.shop.name} — ${first.subject}` : 'Relance'} author={first?.shop.name ?? 'Relance'} creator="Relance" producer="Relance">
      {letters.map((letter, index) => (
        <LetterPage key={index} letter={letter} />
      ))}
    </Document>
  );
}
