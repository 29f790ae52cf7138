import type { CalendarDate, Customer } from '../../domain/model';
import { lateFeeRatesOf } from '../../domain/rate-tables';
import type { DraftInput } from '../../domain/reminder-draft';
import { effectiveTemplates } from '../../domain/template-overrides';
import type { LiveRecords } from '../../ui/hooks';
import { recordsOfCustomer } from '../../ui/records-by-customer';

/**
 * Everything a customer's email draft needs from the live records, but its action: the customer's
 * invoices, the shop, the late-payment charges with the shop's own rate tables (a consumer's interest
 * runs from a formal notice, found in their history), the shop's own wording of the templates
 * (Settings › Message templates) and the mail settings' signature. Shared by the reminders
 * (drafts.ts) and a letter's copy (letter-copy.ts).
 */
export function draftContextOf(customer: Customer, records: LiveRecords, today: CalendarDate, signature: string | undefined): Omit<DraftInput, 'action'> {
  const own = recordsOfCustomer(records, customer.id);
  const charges = {
    rates: lateFeeRatesOf(records.settings),
    payments: own.payments,
    ...(customer.kind === 'consumer' ? { interactions: own.interactions } : {}),
    timeZone: records.settings.timeZone,
  };
  const templates = effectiveTemplates(records.settings.templateOverrides);
  return { customer, invoices: own.invoices, shop: records.settings.shop, today, charges, templates, ...(signature ? { signature } : {}) };
}
