import { describe, expect, it } from 'vitest';
import { sortRows, type SortValue } from '../../../src-renderer/ui/sort-rows';

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** The plain comparison sort the ranked sort must agree with. */
function naive<Row>(rows: readonly Row[], value: (row: Row) => SortValue, direction: 'ascending' | 'descending'): Row[] {
  const factor = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return factor * (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)));
  });
}

type Row = { id: number; v: SortValue };
const rowsOf = (values: SortValue[]): Row[] => values.map((v, id) => ({ id, v }));
const ids = (rows: Row[]) => rows.map((r) => r.id);

describe('sortRows', () => {
  it.each<[string, SortValue[], 'ascending' | 'descending', number[]]>([
    ['amounts in cents', [1_500, -200, 0, 99_999], 'ascending', [1, 2, 0, 3]],
    ['amounts, descending', [1_500, -200, 0, 99_999], 'descending', [3, 0, 2, 1]],
    ['dates', ['2026-11-23', '2025-01-31', '2026-02-01'], 'ascending', [1, 2, 0]],
    ['names with accents and case, as French sorts them', ['Zoé', 'élise', 'Eric', 'Émile', 'adèle'], 'ascending', [4, 1, 3, 2, 0]],
    ['invoice numbers, digits by value', ['FA-10', 'FA-9', 'FA-100', 'FA-1'], 'ascending', [3, 1, 0, 2]],
    ['ties keep their order (stable), both ways', ['b', 'a', 'B', 'a'], 'ascending', [1, 3, 0, 2]],
    ['ties keep their order, descending', ['b', 'a', 'B', 'a'], 'descending', [0, 2, 1, 3]],
    ['equal numbers keep their order', [5, 1, 5, 1], 'descending', [0, 2, 1, 3]],
  ])('%s', (_name, values, direction, expected) => {
    const rows = rowsOf(values);
    expect(ids(sortRows(rows, (r) => r.v, direction, collator))).toEqual(expected);
    expect(ids(sortRows(rows, (r) => r.v, direction, collator))).toEqual(ids(naive(rows, (r) => r.v, direction)));
  });

  it('agrees with the plain comparison sort on 5,000 generated rows of each kind', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const names = ['Dupont', 'dupont', 'Dupré', 'Éloïse', 'eloise', 'Garage 12', 'Garage 2', 'Łukasz', 'Ørsted', 'Zébulon'];
    const kinds: Array<[string, () => SortValue]> = [
      ['numbers', () => Math.round((random() - 0.3) * 1e6)],
      ['dates', () => `2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`],
      ['names', () => names[Math.floor(random() * names.length)]!],
    ];
    for (const [, make] of kinds) {
      const rows = rowsOf(Array.from({ length: 5_000 }, make));
      for (const direction of ['ascending', 'descending'] as const) {
        expect(ids(sortRows(rows, (r) => r.v, direction, collator))).toEqual(ids(naive(rows, (r) => r.v, direction)));
      }
    }
  });

  it('leaves the rows it was given as they were', () => {
    const rows = rowsOf([3, 1, 2]);
    sortRows(rows, (r) => r.v, 'ascending');
    expect(ids(rows)).toEqual([0, 1, 2]);
  });
});
