/**
 * Message templates: merge fields, validation and rendering to text or HTML (issue "Follow-up engine",
 * part 5). Pure: the caller gathers the facts (`MessageContext`), this module only writes them out.
 *
 * Syntax (a small, logic-less subset of Mustache):
 * - `{{field}}` inserts a value (see `TEMPLATE_FIELDS`); spaces inside the braces are allowed.
 * - `{{#invoices}}…{{/invoices}}` repeats its content for each invoice; inside it, the `invoice…`
 *   fields describe the current invoice (they are refused anywhere else). The simpler
 *   `{{invoiceList}}` renders the whole list: one line per invoice in text, a real `<table>` in HTML.
 * - `{{#field}}…{{/field}}` shows its content only when the field has a value (a payment link, an
 *   IBAN, charges above zero...); `{{^field}}…{{/field}}` only when it has none. The flags `business`,
 *   `consumer`, `charges` and `invoiceOverdue` exist for these sections only.
 * - A line holding nothing but a section tag disappears with its line break, as in Mustache, so
 *   sections can sit on lines of their own; runs of blank lines left by hidden sections collapse.
 *
 * Rendering:
 * - Wording and formats follow the template's language (not the customer's): amounts with
 *   `formatCents` in fr-FR / en-GB, dates with `formatDate` long style ("22 novembre 2026").
 * - Text: values as they are. HTML: every character of the template and of every value is escaped,
 *   a blank line starts a new `<p>`, a single line break becomes `<br>`. A payment link is kept only
 *   when it is an `https:` URL (rendered as `<a href>` in HTML); anything else (`javascript:`,
 *   `http:`, garbage) is treated as no link at all, so it can neither run nor be shown.
 * - The subject is always plain text (it goes into a mail header): never escaped, line breaks
 *   flattened to spaces.
 * - Values never go through the template parser: a customer named `{{iban}}` prints as typed.
 * - `renderTemplate` throws a `TemplateError` when `validateTemplate` finds anything: the editor
 *   validates before saving, so a stored template that no longer validates is a bug to surface,
 *   not a message to send with a hole in it.
 */
import { BUILT_IN_TEMPLATE_IDS, builtInTemplates } from './builtin-templates';
import { daysBetween, formatDate } from './dates';
import type { LateFeeResult } from './late-fees';
import type { CalendarDate, Cents, Channel, Contact, CustomerKind, Invoice, Language, MessageTemplate } from './model';
import { formatCents } from './money';

export type { MessageTemplate } from './model';

export interface MessageInvoice {
  number: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  /** What is still to be paid on the invoice, in cents. */
  balanceCents: Cents;
  /** Days after the due date; zero or negative when the invoice is not late yet. */
  daysLate: number;
  paymentLink?: string;
}

export interface MessageContext {
  /** The customer's language; the template chosen with `templateFor` decides the wording. */
  language: Language;
  customer: { name: string; kind: CustomerKind };
  contact?: { name: string; civility?: 'madame' | 'monsieur' };
  /** Open invoices concerned by the message, in the order they should be listed. */
  invoices: MessageInvoice[];
  newDeadline: CalendarDate;
  shop: { name: string; signature?: string; phone?: string; email?: string; iban?: string };
  /** Sum of `latePaymentCharges` results for the invoices (see `chargesFrom`). */
  charges?: { penaltyCents: Cents; indemnityCents: Cents; ratePercent?: number };
  /** The instalment of a payment plan a reminder is about (instalment-reminders.ts). */
  instalment?: { number: number; count: number; dueDate: CalendarDate; remainingCents: Cents };
}

/** The merge fields of a contact: the name, and the civility when known ("Madame Martin"). */
export function contactFields(contact: Pick<Contact, 'name' | 'civility'> | undefined): Pick<MessageContext, 'contact'> {
  return contact ? { contact: { name: contact.name, ...(contact.civility ? { civility: contact.civility } : {}) } } : {};
}

/** The merge fields of open invoices at `today`: what is still owed on each and how late it is. */
export function invoiceFields(invoices: readonly Invoice[], today: CalendarDate): MessageInvoice[] {
  return invoices.map((invoice) => ({
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    balanceCents: invoice.totalCents - invoice.paidCents,
    daysLate: daysBetween(invoice.dueDate, today),
    ...(invoice.paymentLink ? { paymentLink: invoice.paymentLink } : {}),
  }));
}

export interface RenderOptions {
  format: 'text' | 'html';
}

export interface RenderedMessage {
  subject?: string;
  body: string;
}

// ---------------------------------------------------------------------------------------------------
// Fields

/**
 * `text`: a value; `block`: a multi-line value (the invoice list; not in subjects); `flag`: only for
 * `{{#…}}` / `{{^…}}` sections; `list`: the `{{#invoices}}` section.
 */
export type TemplateFieldKind = 'text' | 'block' | 'flag' | 'list';

export interface TemplateField {
  name: string;
  /** i18n key of the description shown in the template editor. */
  descriptionKey: string;
  /** `invoice` fields exist only inside `{{#invoices}}…{{/invoices}}`. */
  scope: 'message' | 'invoice';
  kind: TemplateFieldKind;
}

function field(name: string, kind: TemplateFieldKind = 'text', scope: 'message' | 'invoice' = 'message'): TemplateField {
  return { name, descriptionKey: `templates.fields.${name}`, scope, kind };
}

export const TEMPLATE_FIELDS: readonly TemplateField[] = [
  field('customerName'),
  /** The contact's name; for a consumer without a contact, the customer's own name. */
  field('contactName'),
  /** "Bonjour Madame Martin," / "Madame, Monsieur," / "Dear Ms Martin,"... with its comma. */
  field('salutation'),
  field('invoiceList', 'block'),
  /** "F-2026-0042, F-2026-0057". */
  field('invoiceNumbers'),
  /** "1 facture" / "2 factures" / "1 invoice". */
  field('invoiceCount'),
  field('amountDueTotal'),
  /** The largest delay, with its unit: "22 jours" / "22 days". */
  field('daysLate'),
  /** The earliest due date of the invoices. */
  field('dueDate'),
  field('newDeadline'),
  /** The invoices' https payment link when they all share one (or there is one invoice). */
  field('paymentLink'),
  field('penalties'),
  field('penaltyRate'),
  field('indemnity'),
  /** The fixed recovery indemnity per invoice (D441-5): "40,00 €". */
  field('indemnityPerInvoice'),
  /** Amount due plus penalties and indemnity. */
  field('totalWithCharges'),
  field('shopName'),
  /** The shop's signature, or its name when it has none. */
  field('shopSignature'),
  field('shopPhone'),
  field('shopEmail'),
  field('iban'),
  /** A payment plan's instalment: "2 sur 4" / "2 of 4", what is left to pay on it, its date. */
  field('instalmentNumber'),
  field('instalmentAmount'),
  field('instalmentDate'),
  field('business', 'flag'),
  field('consumer', 'flag'),
  /** Penalties or indemnity above zero. */
  field('charges', 'flag'),
  field('invoices', 'list'),
  field('invoiceNumber', 'text', 'invoice'),
  field('invoiceDate', 'text', 'invoice'),
  field('invoiceDueDate', 'text', 'invoice'),
  field('invoiceAmountDue', 'text', 'invoice'),
  field('invoiceDaysLate', 'text', 'invoice'),
  field('invoicePaymentLink', 'text', 'invoice'),
  field('invoiceOverdue', 'flag', 'invoice'),
];

const FIELDS_BY_NAME = new Map(TEMPLATE_FIELDS.map((f) => [f.name, f]));

// ---------------------------------------------------------------------------------------------------
// Parsing

type Token =
  | { type: 'text'; value: string }
  | { type: 'tag'; sigil: '' | '#' | '^' | '/'; name: string; raw: string; at: number };

type Node =
  | { type: 'text'; value: string }
  | { type: 'field'; name: string; at: number }
  | { type: 'section'; name: string; inverted: boolean; children: Node[]; at: number };

export type TemplateIssueCode =
  | 'empty-body'
  | 'subject-required'
  | 'unknown-field'
  | 'misplaced-field'
  | 'not-a-value'
  | 'block-in-subject'
  | 'unbalanced-section'
  | 'malformed-tag';

export interface TemplateIssue {
  code: TemplateIssueCode;
  part: 'subject' | 'body';
  /** The field or section concerned, or the malformed text. */
  field?: string;
  /** Where in the part (subject or body) the problem starts: character offset, then 1-based line and column. */
  offset?: number;
  line?: number;
  column?: number;
  /** For an unknown field, the merge field it most likely meant ("custmerName" → "customerName"). */
  suggestion?: string;
}

const TAG = /\{\{([^{}]*)\}\}/g;
const TAG_CONTENT = /^\s*([#^/]?)\s*([A-Za-z][A-Za-z0-9_]*)\s*$/;

interface Parsed {
  nodes: Node[];
  issues: TemplateIssue[];
}

function tokenize(source: string, part: TemplateIssue['part'], issues: TemplateIssue[]): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const pushText = (value: string, start: number): void => {
    const braces = [value.indexOf('{{'), value.indexOf('}}')].filter((index) => index >= 0);
    if (braces.length > 0) {
      const first = Math.min(...braces);
      issues.push({ code: 'malformed-tag', part, field: value.slice(first).split('\n')[0]?.trim().slice(0, 40) ?? '', offset: start + first });
    }
    tokens.push({ type: 'text', value });
  };
  for (const match of source.matchAll(TAG)) {
    const content = TAG_CONTENT.exec(match[1] ?? '');
    if (!content) continue; // left in the text, reported by pushText
    pushText(source.slice(last, match.index), last);
    tokens.push({ type: 'tag', sigil: (content[1] ?? '') as '' | '#' | '^' | '/', name: content[2] ?? '', raw: match[0], at: match.index });
    last = match.index + match[0].length;
  }
  pushText(source.slice(last), last);
  return tokens; // text, tag, text, tag, ..., text: a (possibly empty) text between any two tags
}

/** Mustache "standalone" rule: a section tag alone on its line takes the line with it. */
function removeStandaloneLines(tokens: Token[]): void {
  const standalone = tokens.map((token, i) => {
    if (token.type !== 'tag' || token.sigil === '') return false;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    if (before?.type !== 'text' || after?.type !== 'text') return false;
    const lineStart = i === 1 ? /(^|\n)[ \t]*$/.test(before.value) : /\n[ \t]*$/.test(before.value);
    const lineEnd = i === tokens.length - 2 ? /^[ \t]*(\r?\n|$)/.test(after.value) : /^[ \t]*\r?\n/.test(after.value);
    return lineStart && lineEnd;
  });
  standalone.forEach((isStandalone, i) => {
    if (!isStandalone) return;
    const before = tokens[i - 1] as { type: 'text'; value: string };
    const after = tokens[i + 1] as { type: 'text'; value: string };
    before.value = before.value.replace(/[ \t]*$/, '');
    after.value = after.value.replace(/^[ \t]*(\r?\n)?/, '');
  });
}

function parse(source: string, part: TemplateIssue['part']): Parsed {
  const issues: TemplateIssue[] = [];
  const tokens = tokenize(source, part, issues);
  removeStandaloneLines(tokens);
  const root: Node[] = [];
  const stack: { name: string; children: Node[]; at: number }[] = [{ name: '', children: root, at: 0 }];
  const current = (): Node[] => (stack[stack.length - 1] as { children: Node[] }).children;
  for (const token of tokens) {
    if (token.type === 'text') {
      if (token.value !== '') current().push({ type: 'text', value: token.value });
    } else if (token.sigil === '') {
      current().push({ type: 'field', name: token.name, at: token.at });
    } else if (token.sigil === '/') {
      if (stack.length > 1 && stack[stack.length - 1]?.name === token.name) stack.pop();
      else issues.push({ code: 'unbalanced-section', part, field: token.name, offset: token.at });
    } else {
      const section: Node = { type: 'section', name: token.name, inverted: token.sigil === '^', children: [], at: token.at };
      current().push(section);
      stack.push({ name: token.name, children: section.children, at: token.at });
    }
  }
  for (const open of stack.slice(1)) issues.push({ code: 'unbalanced-section', part, field: open.name, offset: open.at });
  return { nodes: root, issues };
}

/** Edit distance between two names, ignoring case (a misspelt field is usually one or two keys off). */
function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[y.length] ?? 0;
}

/** The merge field an unknown name most likely meant: the nearest within a third of its length. */
export function closestField(name: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of TEMPLATE_FIELDS) {
    const distance = editDistance(name, candidate.name);
    if (distance <= Math.max(1, Math.floor(candidate.name.length / 3)) && (!best || distance < best.distance)) best = { name: candidate.name, distance };
  }
  return best?.name;
}

/** Fills `line` and `column` (1-based) of the issues that have an offset in `source`. */
function locate(issues: TemplateIssue[], source: string): TemplateIssue[] {
  return issues.map((issue) => {
    if (issue.offset === undefined) return issue;
    const before = source.slice(0, issue.offset).split('\n');
    return { ...issue, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
  });
}

/** Field checks: known, in the right place, used the right way. */
function checkFields(nodes: Node[], part: TemplateIssue['part'], inInvoices: boolean, issues: TemplateIssue[]): void {
  for (const node of nodes) {
    if (node.type === 'text') continue;
    const known = FIELDS_BY_NAME.get(node.name);
    const at = { part, field: node.name, offset: node.at };
    if (!known) {
      const suggestion = closestField(node.name);
      issues.push({ code: 'unknown-field', ...at, ...(suggestion ? { suggestion } : {}) });
    } else if ((known.scope === 'invoice' && !inInvoices) || (known.kind === 'list' && inInvoices)) {
      issues.push({ code: 'misplaced-field', ...at });
    } else if (node.type === 'field' && (known.kind === 'flag' || known.kind === 'list')) {
      issues.push({ code: 'not-a-value', ...at });
    } else if (part === 'subject' && known.kind === 'block') {
      issues.push({ code: 'block-in-subject', ...at });
    }
    if (node.type === 'section') checkFields(node.children, part, inInvoices || known?.kind === 'list', issues);
  }
}

function collectNames(nodes: Node[], into: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') continue;
    into.push(node.name);
    if (node.type === 'section') collectNames(node.children, into);
  }
}

/** Names between `{{ }}` (values and sections) that are not merge fields, each once, in order. */
export function findUnknownFields(template: Pick<MessageTemplate, 'subject' | 'body'>): string[] {
  const names: string[] = [];
  if (template.subject !== undefined) collectNames(parse(template.subject, 'subject').nodes, names);
  collectNames(parse(template.body, 'body').nodes, names);
  return [...new Set(names.filter((name) => !FIELDS_BY_NAME.has(name)))];
}

/** Everything that prevents saving (or rendering) a template; an empty list means it is valid. */
export function validateTemplate(template: Pick<MessageTemplate, 'channel' | 'subject' | 'body'>): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  if (template.body.trim() === '') issues.push({ code: 'empty-body', part: 'body' });
  if (template.channel === 'email' && (template.subject ?? '').trim() === '') issues.push({ code: 'subject-required', part: 'subject' });
  for (const part of ['subject', 'body'] as const) {
    const source = part === 'subject' ? template.subject : template.body;
    if (source === undefined) continue;
    const parsed = parse(source, part);
    const found = [...parsed.issues];
    checkFields(parsed.nodes, part, false, found);
    issues.push(...locate(found, source).sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0)));
  }
  return issues;
}

export class TemplateError extends Error {
  constructor(
    readonly templateId: string,
    readonly issues: TemplateIssue[],
  ) {
    super(`Template "${templateId}" is not valid: ${issues.map((i) => `${i.code}${i.field ? ` (${i.field})` : ''} in ${i.part}`).join(', ')}`);
    this.name = 'TemplateError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Values

const NUMBER_LOCALE: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };
/** D441-5. Kept here rather than imported so that the wording never depends on a calculation module. */
const INDEMNITY_PER_INVOICE_CENTS = 4000;

const WORDS = {
  fr: {
    day: (n: number) => `${n} ${Math.abs(n) < 2 ? 'jour' : 'jours'}`,
    invoices: (n: number) => `${n} ${Math.abs(n) < 2 ? 'facture' : 'factures'}`,
    madame: 'Madame',
    monsieur: 'Monsieur',
    hello: (name: string) => `Bonjour ${name},`,
    helloNoName: 'Bonjour,',
    letterNoName: 'Madame, Monsieur,',
    listLine: (i: InvoiceValues) =>
      `• Facture ${i.number} du ${i.issueDate}, ${i.overdue ? `échue le ${i.dueDate}` : `échéance le ${i.dueDate}`} : ${i.amount}` +
      (i.overdue ? ` (${i.daysLate} de retard)` : ''),
    payOnline: 'Paiement en ligne',
    payOnlineLine: (link: string) => `Paiement en ligne : ${link}`,
    pay: 'Payer',
    headers: ['Facture', 'Date', 'Échéance', 'Montant dû', 'Retard'],
    instalmentNumber: (n: number, count: number) => `${n} sur ${count}`,
  },
  en: {
    day: (n: number) => `${n} ${Math.abs(n) === 1 ? 'day' : 'days'}`,
    invoices: (n: number) => `${n} ${Math.abs(n) === 1 ? 'invoice' : 'invoices'}`,
    madame: 'Ms',
    monsieur: 'Mr',
    hello: (name: string) => `Dear ${name},`,
    helloNoName: 'Hello,',
    letterNoName: 'Dear Sir or Madam,',
    listLine: (i: InvoiceValues) =>
      `• Invoice ${i.number} of ${i.issueDate}, due ${i.dueDate}: ${i.amount}` + (i.overdue ? ` (${i.daysLate} late)` : ''),
    payOnline: 'Pay online',
    payOnlineLine: (link: string) => `Pay online: ${link}`,
    pay: 'Pay',
    headers: ['Invoice', 'Date', 'Due date', 'Amount due', 'Days late'],
    instalmentNumber: (n: number, count: number) => `${n} of ${count}`,
  },
} as const;

/** Letters and notes open with "Madame, Monsieur," when nobody is named; messages with "Bonjour,". */
const FORMAL_CHANNELS: ReadonlySet<Channel> = new Set(['letter', 'formal-notice', 'legal']);

/**
 * The surname to put after "Madame" / "Monsieur": "Sophie Martin" → "Martin", "Jean Le Gall" →
 * "Le Gall", "MARTIN Sophie" → "MARTIN" (the upper-case words, as French forms write surnames),
 * "Martin, Sophie" → "Martin", "Martin" → "Martin".
 */
export function surnameOf(fullName: string): string {
  const name = fullName.trim().replace(/\s+/g, ' ');
  if (name.includes(',')) return (name.split(',')[0] ?? '').trim() || name;
  const words = name.split(' ');
  if (words.length < 2) return name;
  const isUpper = (word: string): boolean => /\p{L}{2}/u.test(word) && word === word.toUpperCase();
  const upper = words.filter(isUpper);
  if (upper.length > 0 && upper.length < words.length) return upper.join(' ');
  return words.slice(1).join(' ');
}

/** The person the message speaks to: the contact, or the consumer customer themself. */
function addressee(context: MessageContext): { name: string; civility?: 'madame' | 'monsieur' } | undefined {
  const contactName = context.contact?.name.trim() ?? '';
  if (contactName !== '') return { name: contactName, ...(context.contact?.civility ? { civility: context.contact.civility } : {}) };
  const customerName = context.customer.name.trim();
  if (context.customer.kind === 'consumer' && customerName !== '') return { name: customerName };
  return undefined;
}

/** "Bonjour Madame Martin," / "Bonjour Sophie Martin," / "Madame, Monsieur," / "Bonjour,"; English alike. */
export function salutation(language: Language, channel: Channel, contact: MessageContext['contact'] | undefined): string {
  const words = WORDS[language];
  const name = contact?.name.trim().replace(/\s+/g, ' ') ?? '';
  if (name !== '') return words.hello(contact?.civility ? `${words[contact.civility]} ${surnameOf(name)}` : name);
  return FORMAL_CHANNELS.has(channel) ? words.letterNoName : words.helloNoName;
}

/** The link when it is an absolute https URL, normalised; otherwise nothing. */
export function safeHttpsLink(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^https:\/\//i.test(trimmed) || /[\s\p{Cc}]/u.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' && url.hostname !== '' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** "fr7630006000011234567890189" → "FR76 3000 6000 0112 3456 7890 189"; anything else as typed. */
function formatIban(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return iban.trim();
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}

interface InvoiceValues {
  number: string;
  issueDate: string;
  dueDate: string;
  amount: string;
  daysLate: string;
  overdue: boolean;
  link: string | undefined;
}

/** A value as rendered: plain text, plus raw HTML for links and the invoice table. */
interface Value {
  text: string;
  html?: string;
  block?: boolean;
  present: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function textValue(text: string | undefined): Value {
  return { text: text ?? '', present: (text ?? '').trim() !== '' };
}

function linkValue(href: string | undefined): Value {
  if (href === undefined) return { text: '', present: false };
  return { text: href, html: `<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>`, present: true };
}

function flagValue(present: boolean): Value {
  return { text: '', present };
}

const CELL = 'padding:4px 8px;border:1px solid #ccc';

function invoiceTable(language: Language, rows: InvoiceValues[]): string {
  const words = WORDS[language];
  const withLinks = rows.length > 1 && rows.some((row) => row.link !== undefined);
  const headers = [...words.headers, ...(withLinks ? [words.payOnline] : [])];
  const head = headers.map((h, i) => `<th style="${CELL};text-align:${i === 3 ? 'right' : 'left'}">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => {
      const cells = [
        `<td style="${CELL}">${escapeHtml(row.number)}</td>`,
        `<td style="${CELL}">${escapeHtml(row.issueDate)}</td>`,
        `<td style="${CELL}">${escapeHtml(row.dueDate)}</td>`,
        `<td style="${CELL};text-align:right">${escapeHtml(row.amount)}</td>`,
        `<td style="${CELL}">${row.overdue ? escapeHtml(row.daysLate) : '—'}</td>`,
      ];
      if (withLinks) cells.push(`<td style="${CELL}">${row.link ? `<a href="${escapeHtml(row.link)}">${escapeHtml(words.pay)}</a>` : ''}</td>`);
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table style="border-collapse:collapse"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function invoiceListText(language: Language, rows: InvoiceValues[]): string {
  const words = WORDS[language];
  const withLinks = rows.length > 1;
  return rows.map((row) => words.listLine(row) + (withLinks && row.link ? `\n  ${words.payOnlineLine(row.link)}` : '')).join('\n');
}

interface Values {
  message: Map<string, Value>;
  invoices: Map<string, Value>[];
}

function computeValues(template: Pick<MessageTemplate, 'language' | 'channel'>, context: MessageContext): Values {
  const language = template.language;
  const locale = NUMBER_LOCALE[language];
  const words = WORDS[language];
  const money = (cents: Cents): string => formatCents(cents, locale);
  // French writes the first day of a month as an ordinal: "1er décembre 2026".
  const date = (value: CalendarDate): string => formatDate(value, language, 'long').replace(/^1 /, language === 'fr' ? '1er ' : '1 ');

  const rows: InvoiceValues[] = context.invoices.map((invoice) => ({
    number: invoice.number,
    issueDate: date(invoice.issueDate),
    dueDate: date(invoice.dueDate),
    amount: money(invoice.balanceCents),
    daysLate: words.day(Math.max(0, invoice.daysLate)),
    overdue: invoice.daysLate > 0,
    link: safeHttpsLink(invoice.paymentLink),
  }));
  const links = new Set(rows.map((row) => row.link));
  const sharedLink = links.size === 1 ? [...links][0] : undefined;
  const amountDue = context.invoices.reduce((sum, invoice) => sum + invoice.balanceCents, 0);
  const earliestDue = context.invoices.map((invoice) => invoice.dueDate).sort()[0];
  const charges = context.charges;
  const chargesCents = charges ? charges.penaltyCents + charges.indemnityCents : 0;
  const rate =
    charges?.ratePercent === undefined
      ? undefined
      : new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(charges.ratePercent / 100);
  const shop = context.shop;
  const signature = shop.signature?.trim() ? shop.signature.trim() : shop.name;
  const person = addressee(context);

  const message = new Map<string, Value>([
    ['customerName', textValue(context.customer.name)],
    ['contactName', textValue(person?.name)],
    ['salutation', textValue(salutation(language, template.channel, person))],
    [
      'invoiceList',
      { text: invoiceListText(language, rows), html: invoiceTable(language, rows), block: true, present: rows.length > 0 },
    ],
    ['invoiceNumbers', textValue(context.invoices.map((invoice) => invoice.number).join(', '))],
    ['invoiceCount', textValue(words.invoices(context.invoices.length))],
    ['amountDueTotal', textValue(money(amountDue))],
    ['daysLate', textValue(words.day(Math.max(0, ...context.invoices.map((invoice) => invoice.daysLate))))],
    ['dueDate', textValue(earliestDue === undefined ? undefined : date(earliestDue))],
    ['newDeadline', textValue(date(context.newDeadline))],
    ['paymentLink', linkValue(sharedLink)],
    ['penalties', { ...textValue(charges ? money(charges.penaltyCents) : undefined), present: (charges?.penaltyCents ?? 0) > 0 }],
    ['penaltyRate', textValue(rate)],
    ['indemnity', { ...textValue(charges ? money(charges.indemnityCents) : undefined), present: (charges?.indemnityCents ?? 0) > 0 }],
    ['indemnityPerInvoice', textValue(money(INDEMNITY_PER_INVOICE_CENTS))],
    ['totalWithCharges', textValue(money(amountDue + chargesCents))],
    ['shopName', textValue(shop.name)],
    ['shopSignature', textValue(signature)],
    ['shopPhone', textValue(shop.phone)],
    ['shopEmail', textValue(shop.email)],
    ['iban', textValue(shop.iban?.trim() ? formatIban(shop.iban) : undefined)],
    ['business', flagValue(context.customer.kind === 'business')],
    ['consumer', flagValue(context.customer.kind === 'consumer')],
    ['charges', flagValue(chargesCents > 0)],
    ['invoices', flagValue(rows.length > 0)],
    ['instalmentNumber', textValue(context.instalment ? words.instalmentNumber(context.instalment.number, context.instalment.count) : undefined)],
    ['instalmentAmount', textValue(context.instalment ? money(context.instalment.remainingCents) : undefined)],
    ['instalmentDate', textValue(context.instalment ? date(context.instalment.dueDate) : undefined)],
  ]);
  const invoices = rows.map(
    (row) =>
      new Map<string, Value>([
        ['invoiceNumber', textValue(row.number)],
        ['invoiceDate', textValue(row.issueDate)],
        ['invoiceDueDate', textValue(row.dueDate)],
        ['invoiceAmountDue', textValue(row.amount)],
        ['invoiceDaysLate', textValue(row.daysLate)],
        ['invoicePaymentLink', linkValue(row.link)],
        ['invoiceOverdue', flagValue(row.overdue)],
      ]),
  );
  return { message, invoices };
}

// ---------------------------------------------------------------------------------------------------
// Rendering

type Piece = { kind: 'text'; text: string } | { kind: 'value'; value: Value };

function renderNodes(nodes: Node[], values: Values, invoice: Map<string, Value> | undefined, out: Piece[]): void {
  const lookup = (name: string): Value | undefined => invoice?.get(name) ?? values.message.get(name);
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push({ kind: 'text', text: node.value });
    } else if (node.type === 'field') {
      const value = lookup(node.name);
      if (value) out.push({ kind: 'value', value });
    } else if (node.name === 'invoices' && !node.inverted) {
      for (const item of values.invoices) renderNodes(node.children, values, item, out);
    } else if ((lookup(node.name)?.present ?? false) !== node.inverted) {
      renderNodes(node.children, values, invoice, out);
    }
  }
}

function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function piecesToText(pieces: Piece[]): string {
  return tidyText(pieces.map((piece) => (piece.kind === 'text' ? piece.text : piece.value.text)).join(''));
}

/** Private-use characters marking where raw HTML (links, the table) goes; removed from every text first. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;
const MARKER = /\uE000(\d+)\uE001/g;

/**
 * Blank lines start paragraphs, single line breaks become <br>, blocks (the table) stand alone. The
 * text is assembled first (HTML values replaced by markers) so that a paragraph break is found even
 * when its two line breaks come from different pieces (a hidden section between them).
 */
function piecesToHtml(pieces: Piece[]): string {
  const fragments: string[] = [];
  const blocks = new Set<string>();
  const text = pieces
    .map((piece) => {
      if (piece.kind === 'text') return piece.text.replace(MARKS, '');
      const { value } = piece;
      if (value.html === undefined) return value.text.replace(MARKS, '');
      fragments.push(value.html);
      const marker = `${MARK_OPEN}${fragments.length - 1}${MARK_CLOSE}`;
      if (!value.block) return marker;
      blocks.add(marker);
      return `\n\n${marker}\n\n`;
    })
    .join('');
  const paragraphs = tidyText(text)
    .split(/\n\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  const restore = (html: string): string => html.replace(MARKER, (_, index: string) => fragments[Number(index)] ?? '');
  return paragraphs
    .map((paragraph) =>
      blocks.has(paragraph)
        ? restore(paragraph)
        : `<p>${restore(escapeHtml(paragraph).replace(/\n/g, '<br>'))}</p>`,
    )
    .join('\n');
}

/** Renders `template` for `context`; throws a `TemplateError` when the template does not validate. */
export function renderTemplate(template: MessageTemplate, context: MessageContext, options: RenderOptions): RenderedMessage {
  const issues = validateTemplate(template);
  if (issues.length > 0) throw new TemplateError(template.id, issues);
  const values = computeValues(template, context);
  const render = (source: string): Piece[] => {
    const pieces: Piece[] = [];
    renderNodes(parse(source, 'body').nodes, values, undefined, pieces);
    return pieces;
  };
  const body = options.format === 'html' ? piecesToHtml(render(template.body)) : piecesToText(render(template.body));
  if (template.subject === undefined) return { body };
  const subject = piecesToText(render(template.subject)).replace(/\s+/g, ' ').trim();
  return { subject, body };
}

/**
 * The `charges` of a message from the `latePaymentCharges` results of its invoices: penalties and
 * indemnities added up; the rate is given only when every line used the same one.
 */
export function chargesFrom(results: LateFeeResult[]): NonNullable<MessageContext['charges']> {
  const rates = new Set(results.flatMap((result) => result.lines.map((line) => line.ratePercent)));
  const onlyRate = rates.size === 1 ? [...rates][0] : undefined;
  return {
    penaltyCents: results.reduce((sum, result) => sum + result.penaltyCents, 0),
    indemnityCents: results.reduce((sum, result) => sum + result.indemnityCents, 0),
    ...(onlyRate === undefined ? {} : { ratePercent: onlyRate }),
  };
}

// ---------------------------------------------------------------------------------------------------
// Choosing a template

export { builtInTemplates, BUILT_IN_TEMPLATE_IDS, CLOSING_LINE } from './builtin-templates';

/** The template used for a channel when the requested one does not exist for it. */
export const GENERIC_TEMPLATE_BY_CHANNEL: Readonly<Record<Channel, string>> = {
  email: BUILT_IN_TEMPLATE_IDS.firstReminder,
  sms: BUILT_IN_TEMPLATE_IDS.sms,
  whatsapp: BUILT_IN_TEMPLATE_IDS.whatsapp,
  phone: BUILT_IN_TEMPLATE_IDS.phoneCall,
  letter: BUILT_IN_TEMPLATE_IDS.reminderLetter,
  'formal-notice': BUILT_IN_TEMPLATE_IDS.formalNotice,
  legal: BUILT_IN_TEMPLATE_IDS.legalDecision,
};

let builtIns: MessageTemplate[] | undefined;

/**
 * The template to use for a step: `templateId` in `language`, else in French, else the channel's
 * generic template (`GENERIC_TEMPLATE_BY_CHANNEL`) in `language`, else in French. Only templates of
 * `channel` qualify (an SMS text is never printed as a letter). `templates` is what the shop has
 * (its own templates and the built-in ones); the built-in generic template is the last resort, so
 * there is always an answer. Returns a copy.
 */
export function templateFor(
  templateId: string,
  language: Language,
  channel: Channel,
  templates: readonly MessageTemplate[] = (builtIns ??= builtInTemplates()),
): MessageTemplate {
  const generic = GENERIC_TEMPLATE_BY_CHANNEL[channel];
  const candidates: [string, Language][] = [
    [templateId, language],
    [templateId, 'fr'],
    [generic, language],
    [generic, 'fr'],
  ];
  for (const list of [templates, (builtIns ??= builtInTemplates())]) {
    for (const [id, lang] of candidates) {
      const found = list.find((t) => t.id === id && t.language === lang && t.channel === channel);
      if (found) return { ...found };
    }
  }
  throw new Error(`templateFor: no built-in template for channel "${channel}"`);
}
