import { describe, expect, it } from 'vitest';
import { formatCents, sumCents } from '../../../src-renderer/domain/money';

// Node 20's ICU (checked): French groups thousands with U+202F NARROW NO-BREAK SPACE and puts
// U+00A0 NO-BREAK SPACE before the euro sign.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('formatCents', () => {
  it.each([
    [123450, 'fr', `1${NNBSP}234,50${NBSP}€`],
    [5, 'fr', `0,05${NBSP}€`],
    [0, 'fr', `0,00${NBSP}€`],
    [-2000, 'fr', `-20,00${NBSP}€`],
    [123456789, 'fr-FR', `1${NNBSP}234${NNBSP}567,89${NBSP}€`],
    [123450, 'en', '€1,234.50'],
    [-2000, 'en', '-€20.00'],
    [123450, 'en-GB', '€1,234.50'],
  ])('%i cents in %s → %j', (cents, locale, expected) => {
    expect(formatCents(cents, locale)).toBe(expected);
  });

  it('formats another currency when asked', () => {
    expect(formatCents(1000, 'fr', 'CHF')).toBe(`10,00${NBSP}CHF`);
  });

  it('refuses a non-integer amount (cents only)', () => {
    expect(() => formatCents(12.5, 'fr')).toThrow(/integer cents/);
  });
});

describe('sumCents', () => {
  it.each([
    [[], 0],
    [[1, 2, 3], 6],
    [[10_000, -2_500], 7_500],
  ])('sum of %j is %i', (values, expected) => {
    expect(sumCents(values)).toBe(expected);
  });

  it('refuses euros passed by mistake', () => {
    expect(() => sumCents([1, 0.5])).toThrow(/integer cents/);
  });
});
