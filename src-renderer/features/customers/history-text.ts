/**
 * The customer's history in plain words for the changes the ledger records (`status-change` entries
 * of db/ledger-repo.ts, and credit notes turned into payments): "Facture F-12 contestée : …".
 */
import { useTranslation } from 'react-i18next';
import type { Interaction } from '../../domain/model';
import { frLedger } from '../../i18n/fr-ledger';
import { useFormat } from '../../ui/format';

type CustomerField = keyof typeof frLedger.history.customerFields;
type InvoiceField = keyof typeof frLedger.history.invoiceFields;

const CHANGES = [
  'customer-created',
  'customer-updated',
  'do-not-chase-set',
  'do-not-chase-cleared',
  'invoice-created',
  'invoice-updated',
  'invoice-moved',
  'dispute-opened',
  'dispute-closed',
  'written-off',
  'cancelled',
  'credit-note-created',
] as const;
type Change = (typeof CHANGES)[number];

function isChange(value: unknown): value is Change {
  return typeof value === 'string' && (CHANGES as readonly string[]).includes(value);
}

/** `(entry) => sentence`, or `null` for entries this module does not describe. */
export function useChangeDescription(): (entry: Interaction) => string | null {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const list = (items: string[]) =>
    new Intl.ListFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', { type: 'conjunction' }).format([...new Set(items)]);

  return (entry) => {
    const details = entry.details;
    if (!details) return null;
    const text = (key: string) => (details[key] === undefined || details[key] === null ? '' : String(details[key]));
    const cents = typeof details.amountCents === 'number' ? details.amountCents : typeof details.totalCents === 'number' ? details.totalCents : 0;
    const values = {
      invoiceNumber: text('invoiceNumber'),
      creditNoteNumber: text('creditNoteNumber'),
      reason: text('reason'),
      amount: format.money(cents),
    };
    if (entry.kind === 'payment') {
      return details.creditNoteNumber ? t('ledger.history.creditNoteApplied', values) : null;
    }
    if (entry.kind !== 'status-change' || !isChange(details.change)) return null;
    const change = details.change;
    const fields = text('fields')
      .split(',')
      .filter((field) => field !== '');
    switch (change) {
      case 'customer-updated':
        return t('ledger.history.customer-updated', {
          fields: list(
            fields.map((field) =>
              field in frLedger.history.customerFields ? t(`ledger.history.customerFields.${field as CustomerField}`) : field,
            ),
          ),
        });
      case 'invoice-updated':
        return t('ledger.history.invoice-updated', {
          ...values,
          fields: list(
            fields.map((field) => (field in frLedger.history.invoiceFields ? t(`ledger.history.invoiceFields.${field as InvoiceField}`) : field)),
          ),
        });
      default:
        return t(`ledger.history.${change}`, values);
    }
  };
}
