import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../src-renderer/domain/text';

describe('normalizeName', () => {
  it.each([
    ['Boulangerie Martin', 'boulangerie martin'],
    ['  Hôtel   des  Voyageurs ', 'hotel des voyageurs'],
    ['SARL Électricité Chevalier', 'sarl electricite chevalier'],
    ['Kévin MOREL', 'kevin morel'],
    ['Cœur de Lion', 'coeur de lion'],
    ['François\u00a0Bonnet', 'francois bonnet'], // no-break space from a pasted name
    ['Çà et là\tensemble', 'ca et la ensemble'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('matches a name typed with and without accents', () => {
    expect(normalizeName('Crèche Les Petits Loups')).toBe(normalizeName('creche les petits loups'));
  });
});
