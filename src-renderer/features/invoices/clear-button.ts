/**
 * Props for the clear button of a clearable Mantine Select/MultiSelect used as a filter. Mantine hides
 * that button from assistive technologies and the keyboard (Backspace clears the input instead); a
 * filter is easier to reset with a named, focusable button.
 */
export function clearButtonFor(label: string) {
  return { 'aria-label': label, 'aria-hidden': false, tabIndex: 0 } as const;
}
