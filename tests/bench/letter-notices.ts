import type { LetterInput } from '../../src-main/contract/letters';
import { KNOWN_RATES } from '../../src-renderer/domain/rates';
import { buildLetterInput, LetterInputError } from '../../src-renderer/domain/letter-input';
import { invoiceStatus } from '../../src-renderer/domain/invoice-status';
import type { Invoice, Payment } from '../../src-renderer/domain/model';
import { shop } from '../unit/letters/fixtures';
import { shopAt, type SizeFactor } from './shop';

/**
 * The formal notices of "print today's letters" for the generated shop at `factor`× (one per 1,000
 * invoices): built by buildLetterInput from the customers with late invoices, as the app builds
 * them (the built-in template's text, the charges of latePaymentCharges, the SEPA QR code). Shared
 * by tests/bench/letters.bench.ts and tests/bench/letters-profile.mjs.
 */
export function noticesOf(factor: SizeFactor, count: number = factor): LetterInput[] {
  const shopData = shopAt(factor);
  const byCustomer = new Map<string, { invoices: Invoice[]; payments: Payment[] }>();
  for (const invoice of shopData.invoices) {
    const entry = byCustomer.get(invoice.customerId) ?? { invoices: [], payments: [] };
    entry.invoices.push(invoice);
    byCustomer.set(invoice.customerId, entry);
  }
  for (const payment of shopData.payments) byCustomer.get(payment.customerId)?.payments.push(payment);
  const notices: LetterInput[] = [];
  for (const customer of shopData.customers) {
    if (notices.length >= count) break;
    const own = byCustomer.get(customer.id);
    if (!own || !own.invoices.some((invoice) => invoice.dueDate < shopData.today && invoiceStatus(invoice, shopData.today).balanceCents > 0)) continue;
    try {
      notices.push(buildLetterInput({ kind: 'formal-notice', customer, ...own, shop, today: shopData.today, rates: KNOWN_RATES }));
    } catch (error) {
      if (!(error instanceof LetterInputError)) throw error; // no address, nothing to claim: not a letter of the day
    }
  }
  if (notices.length < count) throw new Error(`only ${notices.length} formal notices can be written at ${factor}×`);
  return notices;
}
