import { describe, expect, it } from 'vitest';
import { frenchVatNumber, isLuhnValid, isValidSiret, luhnCheckDigit } from '../../../src-renderer/domain/siret';

describe('SIRET and Luhn', () => {
  it.each([
    ['73282932000074', true], // a real, published SIRET (INSEE's example)
    ['73282932000075', false],
    ['7328293200007', false],
    ['356000000 00010', true], // La Poste: 3+5+6+1 = 15, a multiple of 5
    ['35600000000011', false],
    ['abcdefghijklmn', false],
  ])('isValidSiret(%j) = %s', (siret, expected) => {
    expect(isValidSiret(siret)).toBe(expected);
  });

  it('luhnCheckDigit completes a payload', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(isLuhnValid('79927398713')).toBe(true);
  });

  it('computes the French VAT key from the SIREN', () => {
    expect(frenchVatNumber('732829320')).toBe('FR44732829320');
  });
});
