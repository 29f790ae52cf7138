import { getDatabase } from '../../db';
import { recordLetter, type ProducedLetter } from '../../db/letters-repo';
import { buildLetterInput, DEFAULT_LETTER_DEADLINE_DAYS, letterArchiveName, type LetterInput, type LetterKind, type LetterRequest } from '../../domain/letter-input';
import { addDays, daysBetween } from '../../domain/dates';
import type { Interaction, PaymentPlan } from '../../domain/model';
import type { StepAction } from '../../domain/planner';
import { lateFeeRatesOf } from '../../domain/rate-tables';
import { effectiveTemplates } from '../../domain/template-overrides';
import type { LiveRecords } from '../../ui/hooks';
import { recordsOfCustomer } from '../../ui/records-by-customer';
import { os, shellKind } from '../../os/client';
import { nowIso } from '../../os/clock';
import { copyRequestFor, sendQueuedCopies } from '../mail/letter-copy';

/**
 * Producing letters, for every screen that does (Courriers, Today, the customer page): build the
 * letter from the records (`buildLetterInput`), archive it in the data folder (`letters.archive`),
 * record it in the customer's timeline (`recordLetter`), and show or print PDFs.
 */

/** What the letter is about: a kind for a customer, from a follow-up step or on demand. */
export interface LetterOrder {
  kind: LetterKind;
  customerId: string;
  /** The follow-up step the letter carries out (its trail is recorded with it). */
  step?: StepAction;
  plan?: PaymentPlan;
  /**
   * Also send the printed PDF by email with a covering email (the step's `alsoByEmail`, kept by the
   * user before printing): queued in the outbox in the letter's own transaction.
   */
  emailCopy?: boolean;
}

/** The request `buildLetterInput` needs, from the app's live records and the customer's payments. */
export async function letterRequestFor(order: LetterOrder, records: LiveRecords, today: string): Promise<LetterRequest> {
  const customer = records.customers.find((c) => c.id === order.customerId);
  if (!customer) throw new Error(`Unknown customer ${order.customerId}`);
  // Payments are not part of the shared records: read this customer's only (late-payment charges).
  const payments = await getDatabase().payments.where('customerId').equals(customer.id).toArray();
  return {
    kind: order.kind,
    customer,
    invoices: recordsOfCustomer(records, customer.id).invoices,
    payments,
    interactions: recordsOfCustomer(records, customer.id).interactions,
    shop: records.settings.shop,
    timeZone: records.settings.timeZone,
    today,
    rates: lateFeeRatesOf(records.settings),
    // The shop's own wording of the letters (Settings › Message templates).
    templates: effectiveTemplates(records.settings.templateOverrides),
    ...(order.step ? { invoiceIds: order.step.invoiceIds, templateId: order.step.templateId, deadlineDays: deadlineDaysOf(order.step, today) } : {}),
    ...(order.plan ? { plan: order.plan } : {}),
  };
}

/** The step's deadline as days from today (the planner's `newDeadline`); the default when it is past. */
function deadlineDaysOf(step: StepAction, today: string): number {
  const days = daysBetween(today, step.newDeadline);
  return days > 0 ? days : DEFAULT_LETTER_DEADLINE_DAYS;
}

/** What the letter asks for: its invoices plus, on a formal notice, the charges. */
export function amountAskedFor(input: LetterInput): number {
  const due = input.invoices.reduce((sum, invoice) => sum + invoice.amountDueCents, 0);
  return due + (input.charges ? input.charges.penaltyCents + input.charges.indemnityCents : 0);
}

export interface ProducedLetterResult {
  input: LetterInput;
  archiveId: string;
  pages: number;
  /** The copy by email asked for: queued, or not sent because the customer has no email address. */
  copy?: 'queued' | 'no-address';
}

/** The deadline the letter gives: as `buildLetterInput` computes it from the request. */
function deadlineOf(order: LetterOrder, today: string): string {
  return addDays(today, order.step ? deadlineDaysOf(order.step, today) : DEFAULT_LETTER_DEADLINE_DAYS);
}

/**
 * Builds, archives and records one letter. `kindTitle` names the archived file ("Mise en demeure").
 * Throws `LetterInputError` when the letter cannot be written (no address...).
 */
export async function produceLetter(
  order: LetterOrder,
  records: LiveRecords,
  today: string,
  kindTitle: string,
  source: ProducedLetter['source'],
): Promise<ProducedLetterResult> {
  const input = buildLetterInput(await letterRequestFor(order, records, today));
  const { id, pages } = await os.letters.archive({ letter: input, name: letterArchiveName(input, kindTitle) });
  const invoiceNumbers = new Set(input.invoices.map((invoice) => invoice.number));
  const invoiceIds = recordsOfCustomer(records, order.customerId).invoices.filter((i) => invoiceNumbers.has(i.number)).map((i) => i.id);
  const deadline = deadlineOf(order, today);
  const customer = records.customers.find((c) => c.id === order.customerId);
  const copy = order.emailCopy && customer ? copyRequestFor(customer, { archiveId: id, invoiceIds, deadline }, records, today, source === 'today' ? 'today' : 'letters') : undefined;
  await recordLetter(
    getDatabase(),
    { customerId: order.customerId, kind: order.kind, subject: input.subject, invoiceIds, archiveId: id, pages, amountCents: amountAskedFor(input), source, deadline },
    nowIso(),
    order.step,
    copy,
  );
  if (copy) sendQueuedCopies();
  return { input, archiveId: id, pages, ...(order.emailCopy ? { copy: copy ? ('queued' as const) : ('no-address' as const) } : {}) };
}

/**
 * A tab for a PDF that is not ready yet. Browsers open new tabs only right after a click: the tab
 * is opened at the click, blank, and shown the PDF when it comes (or closed on failure). The
 * desktop app opens no tab (its viewer is the system's).
 */
export interface PendingTab {
  show(pdfBase64: string): void;
  close(): void;
}

const REVOKE_AFTER_MS = 60_000;

export function openPendingTab(): PendingTab {
  const tab = shellKind === 'web' ? window.open('', '_blank') : null;
  return {
    show(pdfBase64) {
      const bytes = Uint8Array.from(atob(pdfBase64), (char) => char.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      if (tab && !tab.closed) tab.location.href = url;
      else window.open(url, '_blank');
      window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
    },
    close() {
      if (tab && !tab.closed) tab.close();
    },
  };
}

/**
 * Opens an archived letter from its timeline entry: the system's viewer (or its print dialog) in the
 * desktop app, a new tab in the browser. For the customer's timeline: call it from a click.
 */
export async function openArchivedLetter(
  interaction: Pick<Interaction, 'documentPath'>,
  options: { print?: boolean; tab?: PendingTab } = {},
): Promise<void> {
  if (!interaction.documentPath) throw new Error('This history entry has no archived letter');
  const tab = options.tab ?? openPendingTab();
  try {
    const result = await os.letters.openArchived({ id: interaction.documentPath, ...(options.print ? { print: true } : {}) });
    if (result.status === 'open-in-renderer') tab.show(result.pdfBase64);
    else tab.close();
  } catch (error) {
    tab.close();
    throw error;
  }
}

export interface BatchProgress {
  done: number;
  total: number;
  /** 'archiving' one letter after the other, then 'printing' the whole batch. */
  phase: 'archiving' | 'printing';
}

export interface BatchResult {
  produced: ProducedLetterResult[];
  /** Letters that could not be written, with why (a LetterInputError's problem, or the message). */
  failed: { order: LetterOrder; reason: string }[];
  /** The desktop app opened its print dialog; otherwise the PDF was shown in a tab. */
  printed: boolean;
}

/** Letters archived at once: main lays them out in two worker threads (services/letters). */
export const ARCHIVE_CONCURRENCY = 2;

/**
 * "Print today's letters": each letter rendered once, archived and recorded (two at a time; the
 * progress moves letter by letter), then the archived files merged into one PDF (`letters.mergeArchived`:
 * their pages copied, nothing laid out a second time), opened in the print dialog (desktop) or a new
 * tab. The PDF printed is therefore made of the very files archived as proof.
 */
export async function printLetters(
  orders: readonly LetterOrder[],
  records: LiveRecords,
  today: string,
  kindTitle: (kind: LetterKind) => string,
  onProgress: (progress: BatchProgress) => void,
  tab: PendingTab = openPendingTab(),
): Promise<BatchResult> {
  const results: (ProducedLetterResult | { order: LetterOrder; reason: string })[] = new Array(orders.length);
  try {
    let next = 0;
    let done = 0;
    onProgress({ done, total: orders.length, phase: 'archiving' });
    const worker = async () => {
      while (next < orders.length) {
        const index = next++;
        const order = orders[index] as LetterOrder;
        try {
          results[index] = await produceLetter(order, records, today, kindTitle(order.kind), 'letters');
        } catch (error) {
          const problem = (error as { problem?: string }).problem;
          results[index] = { order, reason: problem ?? (error instanceof Error ? error.message : String(error)) };
        }
        done += 1;
        if (done < orders.length) onProgress({ done, total: orders.length, phase: 'archiving' });
      }
    };
    await Promise.all(Array.from({ length: Math.min(ARCHIVE_CONCURRENCY, orders.length) }, worker));
    const produced = results.filter((result): result is ProducedLetterResult => 'archiveId' in result);
    const failed = results.filter((result): result is { order: LetterOrder; reason: string } => 'reason' in result);
    onProgress({ done: orders.length, total: orders.length, phase: 'printing' });
    if (produced.length === 0) {
      tab.close();
      return { produced, failed, printed: false };
    }
    const batch = await os.letters.mergeArchived({ ids: produced.map((letter) => letter.archiveId), print: true });
    if (batch.printed) tab.close();
    else tab.show(batch.pdfBase64);
    return { produced, failed, printed: batch.printed === true };
  } catch (error) {
    tab.close();
    throw error;
  }
}
