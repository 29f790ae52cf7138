/**
 * Turns the ledger repository's `ValidationError` issues (field + code) into messages of
 * `ledger.errors`, so that the forms can show each one next to its field, in the user's language.
 */
import { useTranslation } from 'react-i18next';
import { ValidationError, type ValidationIssue } from '../../db/ledger-repo';
import type { frLedger } from '../../i18n/fr-ledger';
import { useFormat } from '../../ui/format';

export type LedgerErrorKey = keyof typeof frLedger.errors;

/** A message to show next to a field: a key of `ledger.errors` and its (already formatted) values. */
export interface FieldError {
  key: LedgerErrorKey;
  params?: Record<string, string | number>;
}

/** Errors by form field (`name`, `siret`, `contacts.<contact id>.email`, `number`…). */
export type FieldErrors = Record<string, FieldError>;

type Format = ReturnType<typeof useFormat>;

function param(issue: ValidationIssue, name: string): string {
  const value = issue.params?.[name];
  return value === undefined ? '' : String(value);
}

/** The message for one issue of the repository. */
export function issueError(issue: ValidationIssue, format: Format): FieldError {
  const number = param(issue, 'number');
  switch (issue.code) {
    case 'required':
      return { key: 'required' };
    case 'duplicate':
      if (issue.field === 'siret') return { key: 'siretDuplicate', params: { customer: param(issue, 'customer') } };
      if (issue.params?.issueDate !== undefined) {
        return { key: 'numberDuplicate', params: { number, customer: param(issue, 'customer'), date: format.date(param(issue, 'issueDate')) } };
      }
      return { key: 'numberUsed', params: { number } };
    case 'not-found':
      if (issue.field === 'preferredContactId') return { key: 'preferredContact' };
      if (issue.field === 'customerId') return { key: 'customer' };
      return { key: 'other', params: { message: issue.message } };
    case 'not-positive':
      return { key: 'amountPositive' };
    case 'below-paid':
      return { key: 'belowPaid', params: { amount: format.money(Number(issue.params?.paidCents ?? 0)) } };
    case 'before-issue-date':
      return { key: 'dueBeforeIssue' };
    case 'has-payments':
      return issue.field === 'customerId' ? { key: 'moveHasPayments' } : { key: 'cancelHasPayments', params: { number } };
    case 'not-open':
      return issue.field === 'appliesToInvoiceId' ? { key: 'targetNotOpen', params: { number } } : { key: 'notOpen', params: { number } };
    case 'already-applied':
      return { key: 'alreadyApplied', params: { number } };
    case 'other-customer':
      return { key: 'other', params: { message: issue.message } };
    case 'invalid':
      if (issue.field === 'siret') return { key: 'siret' };
      if (issue.field.endsWith('.email')) return { key: 'email' };
      if (issue.field === 'address.postcode') return { key: 'postcode' };
      if (['issueDate', 'dueDate', 'date', 'today'].includes(issue.field)) return { key: 'date' };
      if (issue.field === 'invoiceId') return { key: 'creditNoteDispute' };
      return { key: 'other', params: { message: issue.message } };
  }
}

/**
 * Field errors from a failed save: `rename` maps a repository field (`contacts.0.email`) to the form's
 * own key; issues on the same field keep the first message. Anything else than a ValidationError
 * comes back as `null` (the caller shows it as a general error).
 */
export function validationErrors(error: unknown, format: Format, rename: (field: string) => string = (field) => field): FieldErrors | null {
  if (!(error instanceof ValidationError)) return null;
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = rename(issue.field);
    errors[field] ??= issueError(issue, format);
  }
  return errors;
}

/** `(error) => text`, for the `error` prop of Mantine inputs. */
export function useErrorText(): (error: FieldError | undefined) => string | undefined {
  const { t } = useTranslation();
  return (error) => (error ? t(`ledger.errors.${error.key}`, error.params ?? {}) : undefined);
}

/** A message for an error that is not tied to a field (a failed write, a refused action). */
export function useGeneralErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (error) => {
    const fields = validationErrors(error, format);
    const first = fields ? Object.values(fields)[0] : undefined;
    if (first) return t(`ledger.errors.${first.key}`, first.params ?? {});
    return t('common.error', { message: error instanceof Error ? error.message : String(error) });
  };
}
