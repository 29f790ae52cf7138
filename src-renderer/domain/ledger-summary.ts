/**
 * What the lists and Today show about the ledger at a given date: each invoice with its derived
 * status, and each customer with what is open and overdue. Pure, computed from the records so that
 * it never disagrees with them.
 */
import { invoiceStatus, OPEN_STATUSES, type InvoiceStatus } from './invoice-status';
import type { CalendarDate, Cents, Customer, Interaction, Invoice } from './model';

export interface InvoiceRow {
  invoice: Invoice;
  customerName: string;
  status: InvoiceStatus;
  daysLate: number;
  balanceCents: Cents;
}

export interface CustomerRow {
  customer: Customer;
  openInvoices: number;
  balanceCents: Cents;
  overdueCents: Cents;
  overdueInvoices: InvoiceRow[];
  /** Days late of the oldest overdue invoice still open, 0 when none. */
  oldestDaysLate: number;
  /** The latest interaction with the customer, if any. */
  lastInteractionAt: string | null;
}

export interface LedgerSummary {
  invoices: InvoiceRow[];
  customers: CustomerRow[];
  outstandingCents: Cents;
  overdueCents: Cents;
  overdueInvoiceCount: number;
}

/** Statuses whose open amount counts as overdue (a dispute is not chased, so it is not "to follow up"). */
const CHASEABLE_LATE: ReadonlySet<InvoiceStatus> = new Set(['overdue', 'partly-paid']);

export function summarizeLedger(
  customers: readonly Customer[],
  invoices: readonly Invoice[],
  interactions: readonly Pick<Interaction, 'customerId' | 'at'>[],
  today: CalendarDate,
): LedgerSummary {
  const lastInteraction = new Map<string, string>();
  for (const { customerId, at } of interactions) {
    const previous = lastInteraction.get(customerId);
    if (previous === undefined || at > previous) lastInteraction.set(customerId, at);
  }

  const byCustomer = new Map<string, CustomerRow>();
  for (const customer of customers) {
    byCustomer.set(customer.id, {
      customer,
      openInvoices: 0,
      balanceCents: 0,
      overdueCents: 0,
      overdueInvoices: [],
      oldestDaysLate: 0,
      lastInteractionAt: lastInteraction.get(customer.id) ?? null,
    });
  }

  let outstandingCents = 0;
  let overdueCents = 0;
  let overdueInvoiceCount = 0;
  const rows: InvoiceRow[] = invoices.map((invoice) => {
    const { status, daysLate, balanceCents } = invoiceStatus(invoice, today);
    const customerRow = byCustomer.get(invoice.customerId);
    const row: InvoiceRow = {
      invoice,
      customerName: customerRow?.customer.name ?? '',
      status,
      daysLate,
      balanceCents,
    };
    // Credit notes reduce what the customer owes.
    const signedBalance = invoice.kind === 'credit-note' ? -balanceCents : balanceCents;
    if (OPEN_STATUSES.has(status)) {
      outstandingCents += signedBalance;
      if (customerRow) {
        customerRow.openInvoices += 1;
        customerRow.balanceCents += signedBalance;
      }
    }
    if (CHASEABLE_LATE.has(status) && daysLate > 0) {
      overdueCents += balanceCents;
      overdueInvoiceCount += 1;
      if (customerRow) {
        customerRow.overdueCents += balanceCents;
        customerRow.overdueInvoices.push(row);
        customerRow.oldestDaysLate = Math.max(customerRow.oldestDaysLate, daysLate);
      }
    }
    return row;
  });

  for (const row of byCustomer.values()) row.overdueInvoices.sort((a, b) => b.daysLate - a.daysLate);

  return {
    invoices: rows,
    customers: [...byCustomer.values()],
    outstandingCents,
    overdueCents,
    overdueInvoiceCount,
  };
}

/**
 * The customers to follow up today, most urgent first (oldest delay, then largest amount), leaving
 * out those marked "do not chase" or paused until a later date.
 */
export function customersToFollowUp(summary: LedgerSummary, today: CalendarDate): CustomerRow[] {
  return summary.customers
    .filter((row) => row.overdueCents > 0)
    .filter((row) => !row.customer.doNotChase && !(row.customer.pausedUntil && row.customer.pausedUntil >= today))
    .sort((a, b) => b.oldestDaysLate - a.oldestDaysLate || b.overdueCents - a.overdueCents);
}
