/**
 * The payload of a SEPA credit transfer QR code (EPC069-12, version 002, "GiroCode"): a customer's
 * banking app scans it and fills in the transfer (beneficiary, IBAN, amount, invoice numbers).
 *
 * Lines, joined by "\n" without a trailing newline:
 *   BCD · 002 · 1 (UTF-8) · SCT · BIC (optional in version 002) · beneficiary name · IBAN ·
 *   EUR amount ("EUR1234.50", empty when the payer types it) · purpose (empty) ·
 *   structured reference (empty) · unstructured remittance text.
 *
 * Limits of the standard: name ≤ 70 characters, remittance ≤ 140, amount 0.01–999 999 999.99 EUR.
 * Anything outside them throws an `EpcQrError` whose `code` says which field is wrong, so that the
 * letter is never printed with a QR code that banking apps refuse.
 */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { Cents } from './model';

export interface EpcQrInput {
  /** Beneficiary: the shop's name. */
  name: string;
  /** With or without spaces, any case. */
  iban: string;
  bic?: string;
  /** Total due, integer cents; absent to let the payer type the amount. */
  amountCents?: Cents;
  /** Unstructured remittance information: the invoice numbers. */
  remittance?: string;
}

export type EpcQrErrorCode =
  | 'invalid-iban'
  | 'invalid-bic'
  | 'missing-name'
  | 'name-too-long'
  | 'remittance-too-long'
  | 'line-break'
  | 'invalid-amount';

export class EpcQrError extends Error {
  constructor(
    readonly code: EpcQrErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EpcQrError';
  }
}

export const EPC_MAX_NAME_LENGTH = 70;
export const EPC_MAX_REMITTANCE_LENGTH = 140;
export const EPC_MIN_AMOUNT_CENTS = 1;
export const EPC_MAX_AMOUNT_CENTS = 99_999_999_999;

/** Characters as a person counts them (code points), not UTF-16 units: "é" and "€" count once. */
function lengthOf(text: string): number {
  return [...text].length;
}

function checkNoLineBreak(value: string, field: string): void {
  if (/[\r\n]/.test(value)) throw new EpcQrError('line-break', `EPC QR: the ${field} must fit on one line`);
}

/** "EUR1234.50" from 123450 cents, in integer arithmetic (no float rounding). */
function amountLine(cents: Cents): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return `EUR${euros}.${String(rest).padStart(2, '0')}`;
}

export function epcQrPayload(input: { name: string; iban: string; bic?: string; amountCents?: number; remittance?: string }): string {
  const iban = electronicFormatIBAN(input.iban) ?? '';
  if (!isValidIBAN(iban)) throw new EpcQrError('invalid-iban', `EPC QR: invalid IBAN "${input.iban}"`);

  const bic = (input.bic ?? '').replace(/\s+/g, '').toUpperCase();
  if (bic !== '' && !isValidBIC(bic)) throw new EpcQrError('invalid-bic', `EPC QR: invalid BIC "${input.bic}"`);

  const name = input.name.trim();
  checkNoLineBreak(name, 'name');
  if (name === '') throw new EpcQrError('missing-name', 'EPC QR: the beneficiary name is required');
  if (lengthOf(name) > EPC_MAX_NAME_LENGTH) {
    throw new EpcQrError('name-too-long', `EPC QR: the name has ${lengthOf(name)} characters, ${EPC_MAX_NAME_LENGTH} at most`);
  }

  const remittance = (input.remittance ?? '').trim();
  checkNoLineBreak(remittance, 'remittance');
  if (lengthOf(remittance) > EPC_MAX_REMITTANCE_LENGTH) {
    throw new EpcQrError(
      'remittance-too-long',
      `EPC QR: the remittance has ${lengthOf(remittance)} characters, ${EPC_MAX_REMITTANCE_LENGTH} at most`,
    );
  }

  let amount = '';
  if (input.amountCents !== undefined) {
    const cents = input.amountCents;
    if (!Number.isInteger(cents) || cents < EPC_MIN_AMOUNT_CENTS || cents > EPC_MAX_AMOUNT_CENTS) {
      throw new EpcQrError('invalid-amount', `EPC QR: the amount must be whole cents from 0.01 to 999999999.99 EUR, got ${cents} cents`);
    }
    amount = amountLine(cents);
  }

  return ['BCD', '002', '1', 'SCT', bic, name, iban, amount, '', '', remittance].join('\n');
}
