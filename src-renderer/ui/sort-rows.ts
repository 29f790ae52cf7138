/**
 * Sorts a list's rows by a column's value. Naive comparison sorts call the value function and the
 * collator for every one of the ~1.7 million comparisons of 100,000 rows (1.3 s in the window after
 * an import). Here each value is computed once; strings are ranked by sorting only the DISTINCT
 * values with the collator (a few hundred due dates, a few thousand customer names), then the rows
 * are sorted by number. Same order as comparing with the collator; stable (ties keep their order).
 */
export type SortValue = string | number;

const defaultCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function sortRows<Row>(
  rows: readonly Row[],
  value: (row: Row) => SortValue,
  direction: 'ascending' | 'descending',
  collator: Intl.Collator = defaultCollator,
): Row[] {
  const values = rows.map(value);
  const keys = new Float64Array(values.length);
  if (values.every((v) => typeof v === 'number')) {
    values.forEach((v, i) => (keys[i] = v as number));
  } else {
    // Numbers among strings compare as their text, as the collator would see them.
    const texts = values.map(String);
    const distinct = [...new Set(texts)].sort(collator.compare);
    // Equal under the collator ("Élise" and "elise" at base sensitivity) means the same rank.
    const rank = new Map<string, number>();
    distinct.forEach((text, i) => rank.set(text, i > 0 && collator.compare(distinct[i - 1]!, text) === 0 ? rank.get(distinct[i - 1]!)! : i));
    texts.forEach((text, i) => (keys[i] = rank.get(text)!));
  }
  const factor = direction === 'ascending' ? 1 : -1;
  const order = Array.from(rows.keys()).sort((a, b) => factor * (keys[a]! - keys[b]!));
  return order.map((i) => rows[i]!);
}
