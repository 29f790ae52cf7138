import { describe, expect, it } from 'vitest';
import { EpcQrError, epcQrPayload, type EpcQrErrorCode } from '../../../src-renderer/domain/epc-qr';

const IBAN = 'FR7630006000011234567890189';
const lines = (...parts: string[]) => parts.join('\n');

describe('epcQrPayload', () => {
  it.each<[string, Parameters<typeof epcQrPayload>[0], string]>([
    [
      'every field',
      { name: 'Boulangerie Dupré', iban: IBAN, bic: 'AGRIFRPP', amountCents: 123_450, remittance: 'F-2026-001 F-2026-002' },
      lines('BCD', '002', '1', 'SCT', 'AGRIFRPP', 'Boulangerie Dupré', IBAN, 'EUR1234.50', '', '', 'F-2026-001 F-2026-002'),
    ],
    [
      'IBAN with spaces and lower case, no BIC, no amount, no remittance',
      { name: 'Atelier', iban: 'fr76 3000 6000 0112 3456 7890 189' },
      lines('BCD', '002', '1', 'SCT', '', 'Atelier', IBAN, '', '', '', ''),
    ],
    ['smallest amount', { name: 'A', iban: IBAN, amountCents: 1 }, lines('BCD', '002', '1', 'SCT', '', 'A', IBAN, 'EUR0.01', '', '', '')],
    [
      'largest amount',
      { name: 'A', iban: IBAN, amountCents: 99_999_999_999 },
      lines('BCD', '002', '1', 'SCT', '', 'A', IBAN, 'EUR999999999.99', '', '', ''),
    ],
    ['whole euros', { name: 'A', iban: IBAN, amountCents: 4_000 }, lines('BCD', '002', '1', 'SCT', '', 'A', IBAN, 'EUR40.00', '', '', '')],
    [
      'name of exactly 70 characters with accents, remittance of exactly 140',
      { name: 'é'.repeat(70), iban: IBAN, remittance: 'x'.repeat(140) },
      lines('BCD', '002', '1', 'SCT', '', 'é'.repeat(70), IBAN, '', '', '', 'x'.repeat(140)),
    ],
    [
      'BIC in lower case with spaces',
      { name: 'A', iban: IBAN, bic: 'agri fr pp' },
      lines('BCD', '002', '1', 'SCT', 'AGRIFRPP', 'A', IBAN, '', '', '', ''),
    ],
  ])('%s', (_label, input, expected) => {
    const payload = epcQrPayload(input);
    expect(payload).toBe(expected);
    // Always 11 lines; nothing is added after the remittance (which may itself be empty).
    expect(payload.split('\n')).toHaveLength(11);
    expect(payload.endsWith('\n')).toBe(!input.remittance);
  });

  it.each<[string, Parameters<typeof epcQrPayload>[0], EpcQrErrorCode, RegExp]>([
    ['IBAN with a wrong check digit', { name: 'A', iban: 'FR7630006000011234567890188' }, 'invalid-iban', /IBAN/],
    ['IBAN that is not one', { name: 'A', iban: 'hello' }, 'invalid-iban', /IBAN/],
    ['empty IBAN', { name: 'A', iban: '' }, 'invalid-iban', /IBAN/],
    ['invalid BIC', { name: 'A', iban: IBAN, bic: 'NOPE' }, 'invalid-bic', /BIC/],
    ['empty name', { name: '  ', iban: IBAN }, 'missing-name', /name/],
    ['name of 71 characters', { name: 'n'.repeat(71), iban: IBAN }, 'name-too-long', /name has 71 characters, 70 at most/],
    ['name on two lines', { name: 'A\nB', iban: IBAN }, 'line-break', /name/],
    ['remittance of 141 characters', { name: 'A', iban: IBAN, remittance: 'r'.repeat(141) }, 'remittance-too-long', /remittance has 141/],
    ['remittance on two lines', { name: 'A', iban: IBAN, remittance: 'F-1\nF-2' }, 'line-break', /remittance/],
    ['zero amount', { name: 'A', iban: IBAN, amountCents: 0 }, 'invalid-amount', /amount/],
    ['negative amount', { name: 'A', iban: IBAN, amountCents: -100 }, 'invalid-amount', /amount/],
    ['amount over the maximum', { name: 'A', iban: IBAN, amountCents: 100_000_000_000 }, 'invalid-amount', /amount/],
    ['fractional cents', { name: 'A', iban: IBAN, amountCents: 10.5 }, 'invalid-amount', /amount/],
    ['NaN amount', { name: 'A', iban: IBAN, amountCents: Number.NaN }, 'invalid-amount', /amount/],
  ])('refuses %s', (_label, input, code, message) => {
    let caught: unknown;
    try {
      epcQrPayload(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EpcQrError);
    expect((caught as EpcQrError).code).toBe(code);
    expect((caught as EpcQrError).message).toMatch(message);
  });
});
